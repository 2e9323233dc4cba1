"""DF206 apt-get-unpinned: apt-get install of packages without a version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF206"

POSITIVE = [
    ("FROM debian\nRUN apt-get install -y curl\n", [(2, 24)]),
    # one report per command, at the first unpinned package
    ("FROM debian\nRUN apt-get install -y curl=7.88 git vim\n", [(2, 34)]),
    # a release is not a version
    ("FROM debian\nRUN apt-get install -y curl/bookworm-backports\n", [(2, 24)]),
    ("FROM debian\nRUN apt-get install -y -t bookworm-backports curl\n", [(2, 46)]),
    # option values are not packages, options may follow the packages
    ("FROM debian\nRUN apt-get -o Dpkg::Options::=--force-confold install curl -y\n", [(2, 56)]),
    ("from debian\nrun apt-get update \\\n && apt-get install -y \\\n    curl=1 \\\n    git\n", [(5, 5)]),
    ('FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n', [(2, 34)]),
    ("FROM debian\nRUN cat <<EOF > /x && apt install -y curl\nx\nEOF\n", [(2, 38)]),
    ("FROM debian\nONBUILD RUN apt-get install -y curl\n", [(2, 32)]),
    ("FROM debian AS a\nRUN apt-get install -y gcc\nFROM debian\nCOPY --from=a /x /x\n", [(2, 24)]),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get install -y curl=7.88.1-10+deb12u5\n",
    "FROM debian\nRUN apt-get install -y 'curl=7.88.*'\n",
    "FROM debian\nARG CURL_VERSION=7.88.1\nRUN apt-get install -y curl=${CURL_VERSION}\n",
    'FROM debian\nRUN apt-get install -y "curl=$CURL_VERSION"\n',
    "FROM debian\nRUN apt-get install -y ./app.deb /tmp/other.deb\n",
    "FROM debian\nRUN apt-get install -y $PACKAGES\n",
    "FROM debian\nRUN apt-get install -y $(cat /packages.txt)\n",
    "FROM debian\nRUN apt-get install -y 'libfoo*'\n",
    "FROM debian\nRUN apt-get install -f -y\n",
    "FROM debian\nRUN apt-get remove -y curl\n",
    "FROM debian\nRUN apt-get install -y curl=1 git- \n",
    "FROM debian\nRUN echo apt-get install curl\n",
    "FROM debian\nRUN cat <<EOF > /notes\napt-get install -y curl\nEOF\n",
    'FROM debian\nRUN ["apt-get", "install", "-y", "curl=1"]\n',
    "FROM debian\nONBUILD RUN apt-get install -y curl=1\n",
    "from debian\nrun apt-get install -y \\\n    curl=1 \\\n    git=2\n",
    "FROM debian\nRUN apt-cache policy curl\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN apt-get install -y curl\n',
    "FROM debian\nRUN <<EOF\napt-get install -y curl=1\nEOF\n",
    "FROM debian\nRUN apt-get install -y -- curl=1\n",
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
    ("run", "message"),
    [
        (
            "apt-get install -y curl",
            "`apt-get install` installs `curl` without a version: pin it (`curl=<version>`) so that rebuilds install "
            "the same packages",
        ),
        (
            "apt install -y a b c d",
            "`apt install` installs `a`, `b`, `c` and 1 more without a version: pin each (`a=<version>`) so that "
            "rebuilds install the same packages",
        ),
        (
            "apt-get install -y curl/bookworm-backports",
            "`apt-get install` installs `curl/bookworm-backports` without a version: pin it (`curl=<version>`) so "
            "that rebuilds install the same packages",
        ),
    ],
)
def test_message(run: str, message: str) -> None:
    [finding] = lint(f"FROM debian\nRUN {run}\n", CODE)
    assert finding.message == message
