"""DF216 zypper-missing-yes: zypper commands that change packages without non-interactive mode."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF216"
LEAP = "FROM opensuse/leap:15.6"

POSITIVE = [
    (f"{LEAP}\nRUN zypper install curl\n", [(2, 5)]),
    (f"{LEAP}\nRUN zypper in curl\n", [(2, 5)]),
    # -n after the subcommand is --name
    (f"{LEAP}\nRUN zypper install -n curl\n", [(2, 5)]),
    (f"{LEAP}\nRUN zypper ref && zypper patch\n", [(2, 19)]),
    ("from opensuse/leap\nrun zypper \\\n    rm curl\n", [(2, 5)]),
    (f'{LEAP}\nRUN ["zypper", "dup"]\n', [(2, 6)]),
    (f"{LEAP}\nRUN cat <<EOF > /x && zypper install curl\nx\nEOF\n", [(2, 23)]),
    (f"{LEAP}\nONBUILD RUN zypper install curl\n", [(2, 13)]),
]

NEGATIVE = [
    f"{LEAP}\nRUN zypper --non-interactive install curl\n",
    f"{LEAP}\nRUN zypper -n install curl\n",
    f"{LEAP}\nRUN zypper -nq in curl\n",
    f"{LEAP}\nRUN zypper install -y curl\n",
    f"{LEAP}\nRUN zypper install --no-confirm curl\n",
    f"{LEAP}\nRUN zypper install -D curl\n",
    f"{LEAP}\nRUN yes | zypper install curl\n",
    f"{LEAP}\nRUN zypper $ZYPPER_OPTS install curl\n",
    f"{LEAP}\nRUN zypper refresh\n",
    f"{LEAP}\nRUN zypper search curl\n",
    f"{LEAP}\nRUN zypper clean --all\n",
    f"{LEAP}\nRUN echo zypper install curl\n",
    f"{LEAP}\nRUN cat <<EOF > /notes\nzypper install curl\nEOF\n",
    f'{LEAP}\nRUN ["zypper", "-n", "install", "curl"]\n',
    f"{LEAP}\nONBUILD RUN zypper -n install curl\n",
    "from opensuse/leap\nrun zypper --non-interactive \\\n    install curl\n",
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
    [finding] = lint(f"{LEAP}\nRUN zypper in curl\n", CODE)
    assert finding.message == (
        "`zypper in` asks for confirmation and aborts in a non-interactive build: add `--non-interactive` "
        "(`zypper --non-interactive in …`) or `-y` after the subcommand"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (f"{LEAP}\nRUN zypper in curl\n", f"{LEAP}\nRUN zypper --non-interactive in curl\n"),
        (f'{LEAP}\nRUN ["zypper", "dup"]\n', f'{LEAP}\nRUN ["zypper", "--non-interactive", "dup"]\n'),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
