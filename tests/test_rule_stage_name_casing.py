"""DF604 stage-name-casing: capitalised stage names, and FROM references in other casing."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF604"

REPORTED = [
    pytest.param("FROM python:3.12-slim AS Builder\n", [(1, 26)], id="definition"),
    pytest.param("from python:3.12-slim as BUILD\n", [(1, 26)], id="lowercase-keywords-upper-name"),
    pytest.param("FROM python:3.12-slim AS builder\nFROM Builder\n", [(2, 6)], id="from-reference-other-casing"),
    pytest.param(
        "FROM python:3.12-slim AS Base\nRUN true\nFROM Base AS Test\n", [(1, 26), (3, 14)], id="two-definitions"
    ),
    pytest.param("FROM python:3.12-slim \\\n    AS Builder\n", [(2, 8)], id="continuation"),
    pytest.param("ARG B=Builder\nFROM python:3.12-slim AS builder\nFROM ${B}\n", [(3, 6)], id="arg-reference"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim AS builder\n", id="lowercase"),
    pytest.param("FROM python:3.12-slim AS build-env_1.0\n", id="lowercase-symbols"),
    pytest.param("FROM python:3.12-slim\n", id="unnamed"),
    pytest.param("FROM python:3.12-slim AS builder\nFROM builder\n", id="reference-lowercase"),
    pytest.param("FROM python:3.12-slim AS builder\nCOPY --from=Builder /a /b\n", id="copy-from-any-casing-works"),
    pytest.param("ARG BASE=Python\nFROM ${BASE}\n", id="arg-image-not-a-stage"),
    pytest.param("FROM Python:3.12\n", id="image-not-a-stage"),
    pytest.param("FROM python:3.12-slim\nONBUILD COPY --from=Builder /a /b\n", id="onbuild-copy"),
    pytest.param("FROM python:3.12-slim AS builder\nRUN --mount=from=Builder,target=/b true\n", id="mount"),
    pytest.param("FROM Builder\nFROM python:3.12-slim AS builder\n", id="reference-before-definition"),
    pytest.param("ARG B=builder\nFROM python:3.12-slim AS builder\nFROM ${B}\n", id="arg-reference-lowercase"),
    pytest.param("ARG B\nFROM python:3.12-slim AS builder\nFROM ${B}\n", id="arg-reference-unknown"),
]

FIXED = [
    pytest.param(
        "FROM python:3.12-slim AS Builder\n"
        "RUN pip wheel -w /wheels fastapi\n"
        "FROM Builder AS test\n"
        "RUN --mount=type=bind,from=Builder,target=/w pytest\n"
        "FROM python:3.12-slim\n"
        'COPY --from="BUILDER" /wheels /wheels\n'
        "COPY --from=${STAGE:-Builder} /wheels /wheels\n"
        "ONBUILD COPY --from=Builder /a /b\n",
        "FROM python:3.12-slim AS builder\n"
        "RUN pip wheel -w /wheels fastapi\n"
        "FROM builder AS test\n"
        "RUN --mount=type=bind,from=builder,target=/w pytest\n"
        "FROM python:3.12-slim\n"
        'COPY --from="builder" /wheels /wheels\n'
        "COPY --from=${STAGE:-Builder} /wheels /wheels\n"
        "ONBUILD COPY --from=builder /a /b\n",
        id="definition-and-literal-references",
    ),
    pytest.param(
        "FROM python:3.12-slim AS builder\nFROM Builder AS test\n",
        "FROM python:3.12-slim AS builder\nFROM builder AS test\n",
        id="from-reference",
    ),
    pytest.param(
        "FROM python:3.12-slim AS Builder\nFROM debian AS other\nCOPY --from=other /a /b\n",
        "FROM python:3.12-slim AS builder\nFROM debian AS other\nCOPY --from=other /a /b\n",
        id="other-references-untouched",
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


def test_definition_message_names_the_broken_from() -> None:
    findings = lint("FROM python:3.12-slim AS Builder\nFROM Builder\n", CODE)
    assert [f.message for f in findings] == [
        "stage name `Builder` should be lower-case: BuildKit lower-cases stage names, and `FROM Builder` (line 2) "
        "looks the name up as written, finds no stage and fails; name it `builder` (the fix also renames 1 "
        "reference)"
    ]


def test_reference_through_an_arg_has_no_fix() -> None:
    (finding,) = lint("ARG B=Builder\nFROM python:3.12-slim AS builder\nFROM ${B}\n", CODE)
    assert finding.fix is None
    assert finding.message.startswith("`FROM ${B}` (`Builder`) names the stage defined on line 2")
    assert finding.message.endswith("make it expand to `builder`")


def test_broken_from_reference_is_an_error() -> None:
    (finding,) = lint("FROM python:3.12-slim AS builder\nFROM Builder\n", CODE)
    assert finding.severity.label == "error"
    assert finding.message == (
        "`FROM Builder` names the stage defined on line 1, which BuildKit stores as `builder`: FROM looks names up "
        "as written, finds no stage, tries to pull an image `Builder` and fails; write `FROM builder`"
    )
