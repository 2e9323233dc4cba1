"""DF219 zypper-unpinned: zypper install of packages without a version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF219"
LEAP = "FROM opensuse/leap:15.6"

POSITIVE = [
    (f"{LEAP}\nRUN zypper -n install curl\n", [(2, 23)]),
    (f"{LEAP}\nRUN zypper -n in curl=8.6.0 git\n", [(2, 29)]),
    (f"{LEAP}\nRUN zypper -n in --repo oss --type package git\n", [(2, 44)]),
    ("from opensuse/leap\nrun zypper -n in \\\n    'curl>=8' \\\n    git\n", [(4, 5)]),
    (f'{LEAP}\nRUN ["zypper", "-n", "in", "git"]\n', [(2, 28)]),
    (f"{LEAP}\nRUN cat <<EOF > /x && zypper -n in git\nx\nEOF\n", [(2, 36)]),
    (f"{LEAP}\nONBUILD RUN zypper -n in git\n", [(2, 26)]),
]

NEGATIVE = [
    f"{LEAP}\nRUN zypper -n install curl=8.6.0\n",
    f"{LEAP}\nRUN zypper -n install 'curl>=8' 'git<3'\n",
    f"{LEAP}\nRUN zypper -n install /tmp/x.rpm https://example.com/y.rpm\n",
    f"{LEAP}\nRUN zypper -n install -t pattern devel_basis\n",
    f"{LEAP}\nRUN zypper -n install pattern:devel_basis\n",
    f"{LEAP}\nRUN zypper -n install 'perl(JSON)' $PACKAGES\n",
    f"{LEAP}\nRUN zypper -n remove curl\n",
    f"{LEAP}\nRUN zypper search curl\n",
    f"{LEAP}\nRUN echo zypper install curl\n",
    f"{LEAP}\nRUN cat <<EOF > /notes\nzypper -n in curl\nEOF\n",
    f'{LEAP}\nRUN ["zypper", "-n", "in", "git=2.45"]\n',
    f"{LEAP}\nONBUILD RUN zypper -n in git=2.45\n",
    "from opensuse/leap\nrun zypper -n in \\\n    git=2.45\n",
    f"{LEAP}\nRUN <<EOF\nzypper -n in git=2.45\nEOF\n",
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
    [finding] = lint(f"{LEAP}\nRUN zypper -n in git vim\n", CODE)
    assert finding.message == (
        "`zypper in` installs `git` and `vim` without a version: pin each (`git=<version>`) so that rebuilds install "
        "the same packages"
    )
