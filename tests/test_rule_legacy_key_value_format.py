"""DF603 legacy-key-value-format: `ENV key value` / `LABEL key value`, with a fix to `key=value`."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF603"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\n", [(2, 5)], id="env"),
    pytest.param("FROM python:3.12-slim\nLABEL description Demo API\n", [(2, 7)], id="label"),
    pytest.param("from python:3.12-slim\nenv LANG C.UTF-8\n", [(2, 5)], id="lowercase"),
    pytest.param("FROM python:3.12-slim\nONBUILD ENV MODE prod\n", [(2, 13)], id="onbuild"),
    pytest.param("FROM python:3.12-slim\nENV \\\n    PATH /venv/bin:$PATH\n", [(3, 5)], id="continuation"),
    pytest.param("ARG V=1\nFROM python:3.12-slim AS a\nFROM a\nENV VERSION $V\n", [(4, 5)], id="multi-stage"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n", id="env-equals"),
    pytest.param("FROM python:3.12-slim\nENV A=1 B=2\n", id="several-pairs"),
    pytest.param('FROM python:3.12-slim\nLABEL description="Demo API"\n', id="label-equals"),
    pytest.param("from python:3.12-slim\nenv LANG=C.UTF-8\n", id="lowercase-equals"),
    pytest.param("FROM python:3.12-slim\nONBUILD ENV MODE=prod\n", id="onbuild-equals"),
    pytest.param("FROM python:3.12-slim\nENV \\\n    A=1 \\\n    B=2\n", id="continuation-equals"),
    pytest.param("FROM python:3.12-slim\nARG VERSION 1\n", id="arg-is-not-checked"),
    pytest.param('FROM python:3.12-slim\nENV "A"=1\n', id="quoted-key"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\nENV A 1\nEOF\n", id="heredoc-body"),
    pytest.param("FROM python:3.12-slim\nRUN export A 1\n", id="shell-export"),
    pytest.param("FROM python:3.12-slim\nENV A\n", id="no-value-is-a-build-error"),
    pytest.param("FROM python:3.12-slim AS a\nENV A=1\nFROM a\nLABEL b=2\n", id="multi-stage-equals"),
]

FIXED = [
    pytest.param(
        "FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1\n", "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n", id="word"
    ),
    pytest.param(
        "FROM python:3.12-slim\nLABEL description Demo  API\n",
        'FROM python:3.12-slim\nLABEL description="Demo  API"\n',
        id="spaces-quoted",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV PATH /venv/bin:$PATH\n",
        "FROM python:3.12-slim\nENV PATH=/venv/bin:$PATH\n",
        id="variable-kept",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENV GREETING "hello world"\n',
        'FROM python:3.12-slim\nENV GREETING="hello world"\n',
        id="already-one-quoted-word",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV FLAGS -a \\\n    -b\nRUN true\n",
        'FROM python:3.12-slim\nENV FLAGS="-a \\\n    -b"\nRUN true\n',
        id="continuation-kept",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV A \\\n    1\n",
        "FROM python:3.12-slim\nENV A=1\n",
        id="separator-over-continuation",
    ),
    pytest.param(
        "FROM python:3.12-slim\nONBUILD label tier web\n",
        "FROM python:3.12-slim\nONBUILD label tier=web\n",
        id="onbuild-lowercase",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENV MIXED a "b c"\n',
        'FROM python:3.12-slim\nENV MIXED a "b c"\n',
        id="quotes-inside-words-not-fixed",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV WIN C:\\\\path to\n",
        "FROM python:3.12-slim\nENV WIN C:\\\\path to\n",
        id="escapes-with-spaces-not-fixed",
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


def test_message_quotes_the_line_and_the_replacement() -> None:
    (finding,) = lint("FROM python:3.12-slim\nLABEL description Demo API\n", CODE)
    assert finding.message == (
        "`LABEL description Demo API` uses the deprecated `key value` form, where the whole rest of the line is the "
        'value of `description`: write `LABEL description="Demo API"`'
    )


def test_unfixable_message_still_says_what_to_write() -> None:
    (finding,) = lint('FROM python:3.12-slim\nENV MIXED a "b c"\n', CODE)
    assert finding.fix is None
    assert finding.message.endswith("write `ENV MIXED=…` with the value quoted as one word")
