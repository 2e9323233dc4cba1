"""DF612 multiple-healthcheck: a HEALTHCHECK replaced by a later one of the same stage."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF612"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", [(2, 1)], id="two"),
    pytest.param("from python:3.12-slim\nhealthcheck none\nhealthcheck cmd b\n", [(2, 1)], id="none-then-cmd"),
    pytest.param(
        "FROM python:3.12 AS a\nFROM a\nHEALTHCHECK --interval=5s \\\n  CMD a\nHEALTHCHECK CMD b\n",
        [(3, 1)],
        id="continuation",
    ),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nHEALTHCHECK CMD a\n", id="one"),
    pytest.param("FROM python:3.12 AS a\nHEALTHCHECK CMD a\nFROM a\nHEALTHCHECK NONE\n", id="per-stage"),
    pytest.param("FROM python:3.12-slim\nONBUILD HEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", id="onbuild"),
    pytest.param('FROM python:3.12-slim\nHEALTHCHECK CMD a\nCMD ["b"]\n', id="with-cmd"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\nHEALTHCHECK CMD a\nEOF\nHEALTHCHECK CMD b\n", id="heredoc"),
    pytest.param("FROM python:3.12-slim\nRUN echo HEALTHCHECK\nHEALTHCHECK CMD b\n", id="word-in-run"),
    pytest.param("FROM python:3.12-slim\nHEALTHCHECK CMD\nHEALTHCHECK CMD b\n", id="cmd-without-command-rejected"),
    pytest.param("FROM python:3.12-slim\nHEALTHCHECK CONNECT TCP 80\nHEALTHCHECK CMD b\n", id="unknown-type-rejected"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint("FROM python:3.12-slim\nHEALTHCHECK NONE\nHEALTHCHECK CMD curl -f localhost\n", CODE)
    assert finding.message == (
        "`HEALTHCHECK NONE` has no effect: `HEALTHCHECK CMD curl -f localhost` on line 3 in the same stage replaces "
        "it (a container has one health check); keep only the one you mean"
    )
