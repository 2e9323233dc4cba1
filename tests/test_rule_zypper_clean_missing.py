"""DF218 zypper-clean-missing: zypper installs whose cache stays in a shipped layer."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF218"
LEAP = "FROM opensuse/leap:15.6"

POSITIVE = [
    (f"{LEAP}\nRUN zypper -n install curl\n", [(2, 5)]),
    (f"{LEAP}\nRUN zypper clean -a && zypper -n in curl\n", [(2, 24)]),
    (f"{LEAP}\nRUN zypper -n in curl\nRUN zypper clean -a\n", [(2, 5)]),
    ("from opensuse/leap\nrun zypper -n \\\n    patch\n", [(2, 5)]),
    (f'{LEAP}\nRUN ["zypper", "-n", "install", "curl"]\n', [(2, 6)]),
    (f"{LEAP}\nRUN cat <<EOF > /x && zypper -n in curl\nx\nEOF\n", [(2, 23)]),
    (f"{LEAP}\nONBUILD RUN zypper -n in curl\n", [(2, 13)]),
]

NEGATIVE = [
    f"{LEAP}\nRUN zypper -n install curl && zypper clean --all\n",
    f"{LEAP}\nRUN zypper -n install curl && zypper cc -a\n",
    f"{LEAP}\nRUN zypper -n install curl && zypper clean\n",
    f"{LEAP}\nRUN zypper -n install curl && rm -rf /var/cache/zypp/*\n",
    f"{LEAP}\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl\n",
    f"{LEAP} AS build\nRUN zypper -n in gcc\nFROM scratch\nCOPY --from=build /o /\n",
    f"{LEAP}\nRUN zypper -n remove curl\n",
    f"{LEAP}\nRUN zypper refresh\n",
    f"{LEAP}\nRUN echo zypper install curl\n",
    f"{LEAP}\nRUN cat <<EOF > /notes\nzypper -n in curl\nEOF\n",
    f'{LEAP}\nRUN ["sh", "-c", "zypper -n in curl && zypper cc -a"]\n',
    f"{LEAP}\nONBUILD RUN zypper -n in curl && zypper cc -a\n",
    "from opensuse/leap\nrun zypper -n in curl \\\n && zypper cc -a\n",
    f"{LEAP}\nRUN <<EOF\nzypper -n in curl\nzypper clean -a\nEOF\n",
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
    [finding] = lint(f"{LEAP}\nRUN zypper -n in curl\n", CODE)
    assert finding.message == "`zypper in` leaves its cache in this layer: end the RUN with `zypper clean --all`"
