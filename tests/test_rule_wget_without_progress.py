"""DF519 wget-without-progress: GNU wget without --progress."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF519"

POSITIVE = [
    ("FROM debian:12\nRUN wget https://x.example/a.tgz\n", [(2, 5)]),
    ("FROM python:3.12-slim\nRUN wget -O /tmp/a https://x.example/a\n", [(2, 5)]),
    ("FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget -O /a https://x.example/a\n", [(3, 5)]),
    ("FROM ubuntu:24.04 AS base\nFROM base\nRUN wget https://x.example/a\n", [(3, 5)]),
    # continuation, heredoc, sh -c, lowercase, ARG-resolved base
    ("FROM debian:12\nRUN apt-get update \\\n && wget https://x.example/a\n", [(3, 5)]),
    ("FROM debian:12\nRUN <<EOF\nwget https://x.example/a\nEOF\n", [(3, 1)]),
    ("FROM debian:12\nRUN sh -c 'wget https://x.example/a'\n", [(2, 12)]),
    ("from debian:12\nrun wget https://x.example/a\n", [(2, 5)]),
    ("ARG BASE=debian:12\nFROM ${BASE}\nRUN wget https://x.example/a\n", [(3, 5)]),
]

NEGATIVE = [
    "FROM debian:12\nRUN wget --progress=dot:giga https://x.example/a\n",
    "FROM debian:12\nRUN wget -q https://x.example/a\n",
    "FROM debian:12\nRUN wget -qO- https://x.example/a | tar -x\n",
    "FROM debian:12\nRUN wget -nv https://x.example/a\n",
    "FROM debian:12\nRUN wget --no-verbose https://x.example/a\n",
    "FROM debian:12\nRUN wget -o /tmp/log https://x.example/a\n",
    "FROM debian:12\nRUN wget --progress bar:force https://x.example/a\n",
    "FROM debian:12\nRUN wget $WGET_OPTS https://x.example/a\n",
    # BusyBox wget
    "FROM alpine:3.20\nRUN wget -O /a https://x.example/a\n",
    "FROM python:3.12-alpine\nRUN wget -O /a https://x.example/a\n",
    "FROM busybox\nRUN wget https://x.example/a\n",
    # unknown base, ONBUILD (downstream base unknown)
    "ARG BASE\nFROM ${BASE}\nRUN wget https://x.example/a\n",
    "FROM debian:12\nONBUILD RUN wget https://x.example/a\n",
    "FROM scratch\nRUN wget https://x.example/a\n",
    # not a command
    'FROM debian:12\nRUN echo "wget https://x.example/a"\n',
    "FROM debian:12\nRUN apt-get install -y wget\n",
    "from debian:12\nrun wget \\\n  -q https://x.example/a\n",
    "FROM debian:12\nRUN cat <<EOF > /notes\nwget x\nEOF\n",
    "FROM alpine:3.20\nRUN wget -O /a https://x.example/a && apk add wget\n",
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
    [finding] = lint("FROM debian:12\nRUN wget https://x.example/a\n", CODE)
    assert finding.message == (
        "`wget https://x.example/a` prints a line of progress dots per 50 KB into the build log: add "
        "`--progress=dot:giga` (or `-nv`/`-q`)"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (
            "FROM debian:12\nRUN wget -O /a https://x.example/a\n",
            "FROM debian:12\nRUN wget --progress=dot:giga -O /a https://x.example/a\n",
        ),
        (
            'FROM debian:12\nRUN ["wget", "https://x.example/a"]\n',
            'FROM debian:12\nRUN ["wget", "--progress=dot:giga", "https://x.example/a"]\n',
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
