"""DF606 consistent-instruction-casing: keywords in the majority's casing."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF606"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nrun true\nRUN true\n", [(2, 1)], id="lower-among-upper"),
    pytest.param("from python:3.12-slim\nRUN true\nrun true\n", [(2, 1)], id="upper-among-lower"),
    pytest.param("FROM python:3.12-slim\nRun true\n", [(2, 1)], id="mixed-case"),
    pytest.param("from python:3.12-slim\nRUN true\n", [(1, 1)], id="tie-goes-upper"),
    pytest.param("FROM python:3.12-slim\nRUN true\nONBUILD run true\n", [(3, 9)], id="onbuild-trigger"),
    pytest.param("arg V=1\nFROM python:3.12-slim\nRUN true\n", [(1, 1)], id="meta-arg"),
    pytest.param("FROM python:3.12-slim\nRUN a \\\n    b\n  copy . .\n", [(4, 3)], id="after-continuation"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nRUN true\n", id="upper"),
    pytest.param("from python:3.12-slim\nrun true\n", id="lower"),
    pytest.param("FROM python:3.12-slim\nONBUILD RUN true\n", id="onbuild-upper"),
    pytest.param("from python:3.12-slim\nonbuild run true\n", id="onbuild-lower"),
    pytest.param("ARG V=1\nFROM python:3.12-slim\n", id="meta-arg-upper"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\nrun this\nEOF\n", id="heredoc-body"),
    pytest.param("FROM python:3.12-slim\nRUN echo \\\n    run\n", id="continuation-word"),
    pytest.param("FROM python:3.12-slim\nFROBNICATE x\n", id="unknown-instruction-left-to-df001"),
    pytest.param('FROM python:3.12-slim AS a\nFROM a\nCMD ["x"]\n', id="multi-stage"),
    pytest.param("FROM python:3.12-slim\nRUN echo FROM\n", id="keyword-in-arguments"),
    pytest.param("FROM python:3.12-slim\n# run comment\n", id="comment"),
    pytest.param("FROM python:3.12-slim as builder\n", id="as-is-df605"),
    pytest.param("FROM python:3.12-slim\nCOPY a b\nENV A=1\nUSER app\n", id="several-upper"),
    pytest.param("from python:3.12-slim\ncopy a b\nenv a=1\nuser app\n", id="several-lower"),
]

FIXED = [
    pytest.param(
        "FROM python:3.12-slim\nrun true\nOnbuild copy a b\nRUN true\n",
        "FROM python:3.12-slim\nRUN true\nONBUILD COPY a b\nRUN true\n",
        id="to-upper",
    ),
    pytest.param(
        'from python:3.12-slim\nworkdir /app\nRUN true\ncmd ["x"]\n',
        'from python:3.12-slim\nworkdir /app\nrun true\ncmd ["x"]\n',
        id="to-lower",
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


def test_message_gives_the_counts() -> None:
    (finding,) = lint("FROM python:3.12-slim\nrun true\nRUN true\n", CODE)
    assert finding.message == (
        "`run` is not upper-case like most instructions of this file (2 upper-case, 1 lower-case keywords): write `RUN`"
    )
