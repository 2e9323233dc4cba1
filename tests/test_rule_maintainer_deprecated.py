"""DF602 maintainer-deprecated: MAINTAINER, with a fix to the OCI authors label."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF602"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nMAINTAINER Jane Doe <jane@example.com>\n", [(2, 1)], id="maintainer"),
    pytest.param("from python:3.12-slim\nmaintainer jane\n", [(2, 1)], id="lowercase"),
    pytest.param("FROM python:3.12-slim\nMAINTAINER Jane \\\n    Doe\n", [(2, 1)], id="continuation"),
    pytest.param("FROM python:3.12 AS a\nFROM a\n  MAINTAINER jane\n", [(3, 3)], id="multi-stage-indented"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nLABEL org.opencontainers.image.authors=jane\n", id="label"),
    pytest.param('FROM python:3.12-slim\nLABEL maintainer="jane"\n', id="maintainer-label"),
    pytest.param("FROM python:3.12-slim\n# MAINTAINER jane\n", id="comment"),
    pytest.param("FROM python:3.12-slim\nRUN echo MAINTAINER jane\n", id="in-run"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\nMAINTAINER jane\nEOF\n", id="heredoc-body"),
    pytest.param("FROM python:3.12-slim\nONBUILD MAINTAINER jane\n", id="onbuild-is-a-parse-error"),
    pytest.param("FROM python:3.12-slim\nMAINTAINER\n", id="no-argument-parse-error"),
    pytest.param("ARG MAINTAINER=jane\nFROM python:3.12-slim\n", id="arg-named-maintainer"),
]

FIXED = [
    pytest.param(
        "FROM python:3.12-slim\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n",
        'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nRUN true\n',
        id="plain",
    ),
    pytest.param(
        'FROM python:3.12-slim\nMAINTAINER "Jane Doe"\n',
        'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Jane Doe"\n',
        id="already-quoted",
    ),
    pytest.param(
        'FROM python:3.12-slim\nMAINTAINER Jane "JD" $USER\n',
        'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" \\$USER"\n',
        id="quotes-and-dollar-escaped",
    ),
    pytest.param(
        "# escape=`\nFROM python:3.12-slim\nMAINTAINER a\\b `c` d\n",
        '# escape=`\nFROM python:3.12-slim\nLABEL org.opencontainers.image.authors="a\\b ``c`` d"\n',
        id="backtick-escape",
    ),
    pytest.param(
        "from python:3.12-slim\nmaintainer jane\n",
        'from python:3.12-slim\nlabel org.opencontainers.image.authors="jane"\n',
        id="lowercase-keyword-kept",
    ),
    pytest.param(
        "FROM python:3.12-slim\nMAINTAINER Jane \\\n    Doe\nRUN true\n",
        'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Jane     Doe"\nRUN true\n',
        id="continuation-joined",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(("source", "fixed"), FIXED)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_no_fix_before_the_first_from() -> None:
    (finding,) = lint("MAINTAINER jane\nFROM python:3.12-slim\n", CODE)
    assert finding.fix is None


def test_message_shows_the_replacement() -> None:
    (finding,) = lint("FROM python:3.12-slim\nMAINTAINER jane@example.com\n", CODE)
    assert finding.message == (
        "`MAINTAINER` is deprecated: record the author as a label instead, "
        '`LABEL org.opencontainers.image.authors="jane@example.com"`'
    )
    assert finding.fix is not None and finding.fix.safe
