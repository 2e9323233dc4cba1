"""DF208 apt-instead-of-apt-get: the interactive `apt` front end in a build."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF208"

POSITIVE = [
    ("FROM debian\nRUN apt install -y curl\n", [(2, 5)]),
    ("FROM debian\nRUN apt update && apt install -y curl\n", [(2, 5), (2, 19)]),
    ("from debian\nrun sudo apt-get update \\\n && sudo apt -y upgrade\n", [(3, 10)]),
    ('FROM debian\nRUN ["apt", "install", "-y", "curl"]\n', [(2, 6)]),
    ("FROM debian\nRUN sh -c 'apt remove -y curl'\n", [(2, 12)]),
    ("FROM debian\nRUN <<EOF\napt-get update\napt search curl\nEOF\n", [(4, 1)]),
    ("FROM debian\nRUN cat <<EOF > /x && /usr/bin/apt list --installed\nx\nEOF\n", [(2, 23)]),
    ("FROM debian AS a\nRUN apt-get update\nFROM a\nONBUILD RUN apt install -y curl\n", [(4, 13)]),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get install -y curl\n",
    "FROM debian\nRUN apt-cache search curl\n",
    "FROM debian\nRUN apt-mark manual curl\n",
    "FROM debian\nRUN apt-key add /tmp/key.asc\n",
    "FROM debian\nRUN apt\n",
    "FROM debian\nRUN apt --version\n",
    "FROM debian\nRUN echo apt install curl\n",
    "FROM debian\nRUN cat <<EOF > /notes\napt install curl\nEOF\n",
    "FROM debian\nRUN ls /etc/apt && cp sources.list /etc/apt/\n",
    'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
    "FROM debian\nRUN sh -c 'apt-get remove -y curl'\n",
    "FROM debian\nONBUILD RUN apt-get install -y curl\n",
    "from debian\nrun apt-get update \\\n && apt-get -y upgrade\n",
    "FROM debian\nRUN <<EOF\napt-get update\nEOF\n",
    'FROM debian\nCOPY apt /usr/local/bin/apt\nCMD ["apt", "list"]\n',
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN apt install curl\n',
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "RUN apt install -y curl",
            "`apt install` uses apt, whose command line is not stable for scripts: use `apt-get` instead",
        ),
        (
            "RUN apt show curl",
            "`apt show` uses apt, whose command line is not stable for scripts: use `apt-cache` instead",
        ),
        (
            "RUN apt full-upgrade -y",
            "`apt full-upgrade` uses apt, whose command line is not stable for scripts: "
            "use `apt-get dist-upgrade` instead",
        ),
    ],
)
def test_message(source: str, message: str) -> None:
    [finding] = lint(f"FROM debian\n{source}\n", CODE)
    assert finding.message == message


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (
            "FROM debian\nRUN apt update && apt install -y curl\n",
            "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
        ),
        (
            'FROM debian\nRUN ["apt", "install", "-y", "curl"]\n',
            'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
        ),
        ("FROM debian\nRUN /usr/bin/apt remove -y x\n", "FROM debian\nRUN /usr/bin/apt-get remove -y x\n"),
        (
            "FROM debian\nRUN apt-get update && apt upgrade -y\n",
            "FROM debian\nRUN apt-get update && apt-get upgrade -y\n",
        ),
        # no rewrite where apt-get has no such subcommand
        ("FROM debian\nRUN apt full-upgrade -y\n", "FROM debian\nRUN apt full-upgrade -y\n"),
        ("FROM debian\nRUN apt list\n", "FROM debian\nRUN apt list\n"),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_upgrade_fix_is_unsafe() -> None:
    [finding] = lint("FROM debian\nRUN apt upgrade -y\n", CODE)
    assert finding.fix is not None and not finding.fix.safe
    [finding] = lint("FROM debian\nRUN apt install -y curl\n", CODE)
    assert finding.fix is not None and finding.fix.safe
