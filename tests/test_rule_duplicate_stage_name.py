"""DF607 duplicate-stage-name: two stages of one name (case-insensitively)."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF607"

REPORTED = [
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12 AS build\n", [(2, 21)], id="same"),
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12 AS Build\n", [(2, 21)], id="other-casing"),
    pytest.param("from python:3.12 as b\nfrom b as a\nfrom a as b\n", [(3, 11)], id="lowercase-keywords"),
    pytest.param(
        "FROM python:3.12 AS x\nFROM python:3.12 AS x\nFROM python:3.12 AS x\n", [(2, 21), (3, 21)], id="three"
    ),
]

QUIET = [
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12 AS runtime\n", id="distinct"),
    pytest.param("FROM python:3.12\nFROM python:3.12\n", id="unnamed"),
    pytest.param("FROM python:3.12 AS build\nFROM build\n", id="reference-not-definition"),
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12 AS builder\n", id="prefix"),
    pytest.param("ARG NAME=build\nFROM python:3.12 AS build\nFROM python:3.12 AS $NAME\n", id="names-are-not-expanded"),
    pytest.param("FROM python:3.12 AS build\nCOPY --from=build /a /b\n", id="copy-from"),
    pytest.param("FROM python:3.12 AS build\nRUN <<EOF\nFROM python AS build\nEOF\n", id="heredoc-body"),
    pytest.param("FROM python:3.12 AS build\nONBUILD RUN echo build\n", id="onbuild"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_names_the_first_definition() -> None:
    (finding,) = lint("FROM python:3.12 AS build\nRUN true\nFROM python:3.12 AS Build\n", CODE)
    assert finding.message == (
        "stage name `Build` is already used by the stage on line 1 (as `build`; BuildKit ignores the case): "
        "`FROM build` and `COPY --from=build` may then refer to different stages; give each stage a unique name"
    )
