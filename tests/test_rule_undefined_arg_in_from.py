"""DF621 undefined-arg-in-from: FROM variables without a global ARG."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF621"

REPORTED = [
    pytest.param("FROM python:$TAG\n", [(1, 13)], id="plain"),
    pytest.param("ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSON}-slim\n", [(2, 13)], id="typo"),
    pytest.param("FROM --platform=$BUILDPLATFRM alpine\n", [(1, 17)], id="platform-typo"),
    pytest.param("from python:${TAG:-3.12}\n", [(1, 13)], id="lowercase-default-form"),
    pytest.param("FROM \\\n  python:$TAG\n", [(2, 10)], id="continuation"),
    pytest.param("FROM alpine AS a\nARG TAG=1\nFROM python:$TAG\n", [(3, 13)], id="arg-inside-stage"),
    pytest.param("ARG A=1\nFROM $A-$B:$B\n", [(2, 9)], id="reported-once-per-from"),
]

QUIET = [
    pytest.param("ARG TAG=3.12\nFROM python:$TAG\n", id="declared"),
    pytest.param("ARG TAG\nFROM python:${TAG}\n", id="declared-without-default"),
    pytest.param("FROM --platform=$BUILDPLATFORM golang:1.22\n", id="builtin-platform"),
    pytest.param("FROM golang:1.22-${TARGETARCH}\n", id="builtin-arch"),
    pytest.param("FROM python:3.12\n", id="no-variable"),
    pytest.param("FROM python:3.12\nENV X=$UNDEFINED\n", id="not-from"),
    pytest.param("FROM python:3.12\nONBUILD RUN echo $X\n", id="onbuild"),
    pytest.param("FROM python:3.12\nRUN <<EOF\necho $TAG\nEOF\n", id="heredoc"),
    pytest.param("ARG A=1 B=2\nFROM alpine:$A.$B AS x\nFROM x\n", id="multi-stage"),
    pytest.param("ARG TAG=1\nFROM \\\n  python:$TAG\n", id="continuation"),
    pytest.param("FROM python:\\$TAG\n", id="escaped"),
    pytest.param("FROM alpine AS a\nCOPY --from=$X /a /b\n", id="copy-from"),
    pytest.param("ARG BASE=alpine\nFROM ${BASE} AS a\nFROM a\n", id="stage-base"),
    pytest.param("ARG TARGETSTAGE\nFROM ${TARGETSTAGE}\n", id="targetstage"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_messages() -> None:
    [finding] = lint("ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSON}-slim\n", CODE)
    assert finding.message.startswith("`$PYTHON_VERSON` is not declared by a global ARG")
    assert "did you mean `$PYTHON_VERSION`?" in finding.message
    [finding] = lint("FROM alpine AS a\nARG TAG=1\nFROM python:$TAG\n", CODE)
    assert "the `ARG TAG` on line 2 is inside a stage" in finding.message
