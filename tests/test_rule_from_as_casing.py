"""DF605 from-as-casing: `AS` cased like `FROM`."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF605"

REPORTED = [
    pytest.param("FROM python:3.12-slim as builder\n", [(1, 23)], id="upper-from-lower-as"),
    pytest.param("from python:3.12-slim AS builder\n", [(1, 23)], id="lower-from-upper-as"),
    pytest.param("FROM python:3.12-slim As builder\n", [(1, 23)], id="mixed-as"),
    pytest.param("FROM --platform=$BUILDPLATFORM python:3.12 as build\n", [(1, 44)], id="platform-flag"),
    pytest.param("FROM python:3.12-slim \\\n    as builder\n", [(2, 5)], id="continuation"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim AS builder\n", id="upper"),
    pytest.param("from python:3.12-slim as builder\n", id="lower"),
    pytest.param("From python:3.12-slim as builder\n", id="mixed-from-left-to-df606"),
    pytest.param("FROM python:3.12-slim\n", id="no-name"),
    pytest.param("FROM --platform=$BUILDPLATFORM python:3.12 AS build\n", id="platform-flag-upper"),
    pytest.param("FROM python:3.12-slim \\\n    AS builder\n", id="continuation-upper"),
    pytest.param("ARG as=1\nFROM python:3.12-slim AS as\n", id="stage-named-as"),
    pytest.param("FROM python:3.12-slim AS a\nFROM a AS b\nFROM b\n", id="multi-stage"),
    pytest.param("FROM python:3.12-slim AS a\nRUN <<EOF\nFROM x as y\nEOF\n", id="heredoc-body"),
    pytest.param("FROM python:3.12-slim\nCOPY as /as\n", id="copy-word"),
]

FIXED = [
    pytest.param("FROM python:3.12-slim as builder\n", "FROM python:3.12-slim AS builder\n", id="upper"),
    pytest.param("from python:3.12-slim AS builder\n", "from python:3.12-slim as builder\n", id="lower"),
    pytest.param("FROM python:3.12-slim aS builder\n", "FROM python:3.12-slim AS builder\n", id="mixed"),
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


def test_message() -> None:
    (finding,) = lint("FROM python:3.12-slim as builder\n", CODE)
    assert finding.message == "`as` does not match the casing of `FROM`: write `FROM … AS builder`"
