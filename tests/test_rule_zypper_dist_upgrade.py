"""DF217 zypper-dist-upgrade: `zypper dist-upgrade` in a build."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF217"
LEAP = "FROM opensuse/leap:15.6"

POSITIVE = [
    (f"{LEAP}\nRUN zypper -n dist-upgrade\n", [(2, 5)]),
    (f"{LEAP}\nRUN zypper ref && zypper -n dup && zypper clean -a\n", [(2, 19)]),
    ("from opensuse/leap\nrun zypper --non-interactive \\\n    dup\n", [(2, 5)]),
    (f'{LEAP}\nRUN ["zypper", "-n", "dup"]\n', [(2, 6)]),
    (f"{LEAP}\nRUN cat <<EOF > /x && zypper -n dup\nx\nEOF\n", [(2, 23)]),
    (f"{LEAP}\nONBUILD RUN zypper -n dup\n", [(2, 13)]),
]

NEGATIVE = [
    f"{LEAP}\nRUN zypper -n update\n",
    f"{LEAP}\nRUN zypper -n patch\n",
    f"{LEAP}\nRUN zypper -n install dup\n",
    f"{LEAP}\nRUN apt-get dist-upgrade -y\n",
    f"{LEAP}\nRUN echo zypper dup\n",
    f"{LEAP}\nRUN cat <<EOF > /notes\nzypper dup\nEOF\n",
    f'{LEAP}\nRUN ["zypper", "-n", "up"]\n',
    f"{LEAP}\nONBUILD RUN zypper -n patch\n",
    "from opensuse/leap\nrun zypper -n \\\n    up\n",
    f"{LEAP}\nRUN <<EOF\nzypper -n patch\nEOF\n",
    f"{LEAP}\nRUN zypper --help\n",
    f'{LEAP}\nSHELL ["pwsh", "-c"]\nRUN zypper -n dup\n',
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message() -> None:
    [finding] = lint(f"{LEAP}\nRUN zypper -n dup\n", CODE)
    assert finding.message == (
        "`zypper dup` upgrades the whole distribution to whatever the repositories offer on build day: use a newer "
        "base image, or `zypper patch` for fixes"
    )
