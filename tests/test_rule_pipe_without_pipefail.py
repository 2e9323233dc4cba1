"""DF521 pipe-without-pipefail: pipes in RUN without pipefail."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF521"
PIPE = "curl -fsSL https://x.example/a.tgz | tar -xz"

POSITIVE = [
    (f"FROM debian:12\nRUN {PIPE}\n", [(2, 5)]),
    (f"FROM debian:12\nRUN apt-get update && {PIPE} && ls\n", [(2, 23)]),
    # pipefail set after the pipe, or in another RUN
    (f"FROM debian:12\nRUN {PIPE}; set -o pipefail\n", [(2, 5)]),
    (f"FROM debian:12\nRUN set -o pipefail\nRUN {PIPE}\n", [(3, 5)]),
    # a SHELL without pipefail
    (f'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN {PIPE}\n', [(3, 5)]),
    # one finding per RUN
    (f"FROM debian:12\nRUN {PIPE} && {PIPE}\n", [(2, 5)]),
    # continuation, heredoc, ONBUILD, lowercase, command substitution
    (f"FROM debian:12\nRUN apt-get update \\\n && {PIPE}\n", [(3, 5)]),
    (f"FROM debian:12\nRUN <<EOF\nset -e\n{PIPE}\nEOF\n", [(4, 1)]),
    (f"FROM debian:12\nONBUILD RUN {PIPE}\n", [(2, 13)]),
    (f"from debian:12\nrun {PIPE}\n", [(2, 5)]),
    ('FROM debian:12\nRUN arch="$(dpkg --print-architecture | cut -d- -f2)"\n', [(2, 13)]),
    (f"FROM debian:12\nRUN <<EOF\n#!/bin/bash\n{PIPE}\nEOF\n", [(4, 1)]),
]

NEGATIVE = [
    f'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN {PIPE}\n',
    f'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN {PIPE}\n',
    f'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN {PIPE}\n',
    f"FROM debian:12\nRUN set -o pipefail && {PIPE}\n",
    f"FROM debian:12\nRUN set -euxo pipefail; {PIPE}\n",
    f"FROM alpine:3.20\nRUN set -eo pipefail && {PIPE}\n",  # BusyBox sh supports it
    f"FROM debian:12\nRUN <<EOF\n#!/bin/bash\nset -Eeuo pipefail\n{PIPE}\nEOF\n",
    f"FROM debian:12\nRUN <<EOF\n#!/bin/bash -eo pipefail\n{PIPE}\nEOF\n",
    "FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1 | 2)\nEOF\n",
    f"FROM debian:12\nRUN bash -o pipefail <<EOF\nset -o pipefail\n{PIPE}\nEOF\n",
    # nothing before the pipe can fail in a way that matters
    'FROM debian:12\nRUN echo "$SHA  a.tgz" | sha256sum -c -\n',
    "FROM debian:12\nRUN yes | apt-get install foo\n",
    "FROM debian:12\nRUN printf 'a\\nb\\n' | sort\n",
    "FROM debian:12\nRUN cat <<EOF | tee /etc/x\nhello\nEOF\n",
    "FROM debian:12\nRUN awk '{print $1}' sums.txt | sha512sum -c -\n",
    # inside sh -c, exec form, no pipe, other shells
    f"FROM debian:12\nRUN bash -o pipefail -c '{PIPE}'\n",
    f'FROM debian:12\nRUN ["bash", "-c", "{PIPE}"]\n',
    "FROM debian:12\nRUN curl -fsSLo /a.tgz https://x.example/a.tgz && tar -xzf /a.tgz\n",
    "FROM debian:12\nRUN a || b\n",
    f'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN {PIPE}\n',
    "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Get-ChildItem | Remove-Item\n",
    f'FROM debian:12\nRUN echo "{PIPE}"\n',
    f"FROM debian:12\nRUN cat <<EOF > /notes\n{PIPE}\nEOF\n",
    f"from debian:12\nrun set -o pipefail \\\n && {PIPE}\n",
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
    ("source", "advice"),
    [
        (
            f"FROM debian:12\nRUN {PIPE}\n",
            "`/bin/sh` is dash on Debian and Ubuntu, whose released versions have no `pipefail`: add `SHELL "
            '["/bin/bash", "-o", "pipefail", "-c"]` before this RUN',
        ),
        (
            f"FROM python:3.12-alpine\nRUN {PIPE}\n",
            "BusyBox `sh` supports it: start the RUN with `set -o pipefail &&` (or use "
            '`SHELL ["/bin/sh", "-o", "pipefail", "-c"]`)',
        ),
        (
            f'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN {PIPE}\n',
            'add it to the SHELL: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or start the RUN with '
            "`set -o pipefail &&`)",
        ),
        (
            f"FROM debian:12\nRUN <<EOF\n#!/bin/bash\n{PIPE}\nEOF\n",
            "add `set -o pipefail` at the top of the heredoc script",
        ),
    ],
)
def test_advice_follows_the_shell(source: str, advice: str) -> None:
    [finding] = lint(source, CODE)
    assert finding.message == (
        "`curl -fsSL https://x.example/a.tgz | tar -xz` runs without `pipefail`: if `curl` fails, the RUN still "
        f"succeeds when `tar` does; {advice}"
    )
