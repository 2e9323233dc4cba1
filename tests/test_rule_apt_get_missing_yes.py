"""DF204 apt-get-missing-yes: apt commands that change packages without an answer to the confirmation prompt."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF204"

POSITIVE = [
    ("FROM debian\nRUN apt-get install curl\n", [(2, 5)]),
    ("FROM debian\nRUN apt-get update && apt-get install --no-install-recommends curl\n", [(2, 23)]),
    # continuation lines; the finding points at the command, not the RUN
    ("FROM debian\nRUN apt-get update \\\n    && apt-get install \\\n       curl\n", [(3, 8)]),
    # other prompting subcommands, and apt
    ("FROM debian\nRUN apt-get remove curl\n", [(2, 5)]),
    ("FROM debian\nRUN apt-get -q dist-upgrade\n", [(2, 5)]),
    ("FROM debian\nRUN apt install curl\n", [(2, 5)]),
    # lowercase keyword, wrappers
    ("from debian\nrun sudo DEBIAN_FRONTEND=noninteractive apt-get install curl\n", [(2, 41)]),
    # exec form and sh -c strings
    ('FROM debian\nRUN ["apt-get", "install", "curl"]\n', [(2, 6)]),
    ("FROM debian\nRUN sh -c 'apt-get install curl'\n", [(2, 12)]),
    # a command after a heredoc in the same RUN
    ("FROM debian\nRUN cat <<EOF > /etc/motd && apt-get install curl\nhello\nEOF\n", [(2, 30)]),
    # heredoc script
    ("FROM debian\nRUN <<EOF\nset -e\napt-get install curl\nEOF\n", [(4, 1)]),
    # ONBUILD trigger
    ("FROM debian\nONBUILD RUN apt-get install curl\n", [(2, 13)]),
    # multi-stage: every stage
    ("FROM debian AS build\nRUN apt-get install gcc\nFROM debian\nRUN apt-get install -y curl\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get install -y curl\n",
    "FROM debian\nRUN apt-get -y install curl\n",
    "FROM debian\nRUN apt-get install curl --yes\n",
    "FROM debian\nRUN apt-get install --assume-yes curl\n",
    "FROM debian\nRUN apt-get -qy install curl\n",
    "FROM debian\nRUN apt-get -qq install curl\n",
    "FROM debian\nRUN apt-get -q -q install curl\n",
    "FROM debian\nRUN apt-get -q=2 install curl\n",
    "FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n",
    "FROM debian\nRUN apt-get install -s curl\n",
    "FROM debian\nRUN yes | apt-get install curl\n",
    # commands that never prompt
    "FROM debian\nRUN apt-get update\n",
    "FROM debian\nRUN apt-get clean && apt-get source curl\n",
    "FROM debian\nRUN apt list --installed\n",
    # configured before
    "FROM debian\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n",
    "FROM debian\nCOPY 90assumeyes /etc/apt/apt.conf.d/\nRUN apt-get install curl\n",
    "FROM debian AS base\nRUN echo 'APT::Get::Assume-Yes \"1\";' > /etc/apt/apt.conf.d/90yes\nFROM base\n"
    "RUN apt-get install curl\n",
    # options hidden in a variable
    "FROM debian\nARG APT_OPTS\nRUN apt-get $APT_OPTS install curl\n",
    "FROM debian\nRUN apt-get install $APT_FLAGS curl\n",
    # -y in exec form and sh -c, and ONBUILD
    'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
    "FROM debian\nRUN bash -c 'apt-get install -y curl'\n",
    "FROM debian\nONBUILD RUN apt-get install -y curl\n",
    # heredoc body is data when fed to a command, and text mentioning apt-get
    "FROM debian\nRUN cat <<EOF > /notes\napt-get install curl\nEOF\n",
    'FROM debian\nRUN echo "apt-get install curl"\n',
    # lowercase, continuation
    "from debian\nrun apt-get install \\\n    -y curl\n",
    # another shell
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n',
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_quotes_the_command() -> None:
    [finding] = lint("FROM debian\nRUN apt install curl\n", CODE)
    assert finding.message == (
        "`apt install` asks for confirmation and aborts in a non-interactive build: add `-y` (`apt install -y …`)"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM debian\nRUN apt-get install curl\n", "FROM debian\nRUN apt-get install -y curl\n"),
        (
            "FROM debian\nRUN apt-get update \\\n && apt-get install \\\n  curl git\n",
            "FROM debian\nRUN apt-get update \\\n && apt-get install -y \\\n  curl git\n",
        ),
        (
            'FROM debian\nRUN ["apt-get", "install", "curl"]\n',
            'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
        ),
        ("FROM debian\nRUN sh -c 'apt-get purge curl'\n", "FROM debian\nRUN sh -c 'apt-get purge -y curl'\n"),
        (
            "FROM debian\nRUN apt-get install a && apt-get remove b\n",
            "FROM debian\nRUN apt-get install -y a && apt-get remove -y b\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_no_fix_inside_escaped_string() -> None:
    [finding] = lint('FROM debian\nRUN ["sh", "-c", "apt-get install \\"curl\\""]\n', CODE)
    assert finding.fix is None
