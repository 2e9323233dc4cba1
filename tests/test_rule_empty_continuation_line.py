"""DF609 empty-continuation-line: blank lines inside a continuation."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF609"

REPORTED = [
    pytest.param(
        "FROM python:3.12-slim\nRUN apt-get update && \\\n\n    apt-get install -y curl\n", [(3, 1)], id="blank"
    ),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n   \t\n    b\n", [(3, 1)], id="whitespace-only"),
    pytest.param("from python:3.12-slim\nrun a \\\n\n    b \\\n\n    c\n", [(3, 1)], id="two-lines-one-finding"),
    pytest.param("FROM python:3.12-slim\nONBUILD RUN a \\\n\n    b\n", [(3, 1)], id="onbuild"),
    pytest.param("# escape=`\nFROM python:3.12-slim\nRUN a `\n\n    b\n", [(4, 1)], id="backtick-escape"),
    pytest.param(
        "FROM python:3.12-slim\nRUN apt-get install -y \\\n    curl \\\n\nCOPY . .\n", [(4, 1)], id="swallowed"
    ),
    pytest.param("FROM python:3.12-slim AS a\nFROM a\nENV A=1 \\\n\n    B=2\n", [(4, 1)], id="env-multi-stage"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n\n", [(3, 1)], id="open-at-end-of-file"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nRUN apt-get update && \\\n    apt-get install -y curl\n", id="continuation"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n    # comment\n    b\n", id="comment-line"),
    pytest.param("FROM python:3.12-slim\nRUN a\n\nRUN b\n", id="blank-between-instructions"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\nset -e\n\necho hi\nEOF\n", id="heredoc-blank"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\\\n\nRUN b\n", id="escaped-escape-ends-line"),
    pytest.param("# escape=`\nFROM python:3.12-slim\nRUN echo a\\\n\nRUN b\n", id="backslash-not-escape"),
    pytest.param("FROM python:3.12-slim\nONBUILD RUN a \\\n    b\n", id="onbuild-no-blank"),
    pytest.param("FROM python:3.12-slim\nCOPY <<EOF /a\nx \\\n\ny\nEOF\n", id="heredoc-body-backslash"),
    pytest.param("FROM python:3.12-slim\nARG A=1\n\n\nARG B=2\n", id="blank-lines-alone"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n  && b\n\n", id="trailing-blank-after-end"),
    pytest.param("from python:3.12-slim\nrun a \\\n    b\n", id="lowercase"),
    pytest.param("FROM python:3.12-slim AS a\nFROM a\nENV A=1 \\\n    B=2\n", id="multi-stage"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n    # only comments\n    # here\n    b\n", id="comments-only"),
    pytest.param("FROM python:3.12-slim\nLABEL a=1 \\\n      b=2\n", id="label"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n", id="open-at-end-without-blank"),
    pytest.param("FROM python:3.12-slim\nRUN a \\ \n    b\n", id="trailing-space-after-escape"),
]

FIXED = [
    pytest.param(
        "FROM python:3.12-slim\nRUN a \\\n\n    # keep\n  \n    b\nRUN c\n",
        "FROM python:3.12-slim\nRUN a \\\n    # keep\n    b\nRUN c\n",
        id="blank-lines-deleted-comments-kept",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN apt-get install -y \\\n    curl \\\n\nCOPY . .\n",
        "FROM python:3.12-slim\nRUN apt-get install -y \\\n    curl \\\n\nCOPY . .\n",
        id="swallowed-not-fixed",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN a \\\n\n", "FROM python:3.12-slim\nRUN a \\\n\n", id="open-at-end-not-fixed"
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


def test_swallowed_instruction_is_an_error_naming_the_escape() -> None:
    (finding,) = lint("FROM python:3.12-slim\nRUN apt-get install -y \\\n    curl \\\n\nCOPY . .\n", CODE)
    assert finding.severity.label == "error"
    assert finding.message == (
        "empty line 4 inside the continuation of `RUN` (line 2): BuildKit skips it and joins line 5 `COPY . .` into "
        "this RUN; if the RUN should end there, remove the `\\` at the end of line 3"
    )


def test_message_lists_every_empty_line() -> None:
    (finding,) = lint("FROM python:3.12-slim\nRUN a \\\n\n    b \\\n\n    c\n", CODE)
    assert finding.message.startswith("empty lines 3, 5 inside the continuation of `RUN` (line 2)")
