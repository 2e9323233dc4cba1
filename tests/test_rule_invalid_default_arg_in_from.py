"""DF623 invalid-default-arg-in-from: FROM with the global ARG defaults."""

from __future__ import annotations

import pytest

from rules.invalid_default_arg_in_from import is_valid_reference
from tests.helpers import lint, positions

CODE = "DF623"

REPORTED = [
    pytest.param("ARG TAG\nFROM python:${TAG}\n", [(2, 6)], id="empty-tag"),
    pytest.param("ARG BASE\nFROM $BASE AS app\n", [(2, 6)], id="empty-image"),
    pytest.param("ARG IMAGE=Python\nFROM ${IMAGE}:3\n", [(2, 6)], id="upper-case"),
    pytest.param("arg TAG\nfrom python:$TAG\n", [(2, 6)], id="lowercase"),
    pytest.param("ARG TAG\nFROM \\\n  python:$TAG\n", [(3, 3)], id="continuation"),
    pytest.param("ARG V=3.12 TAG=$V-\nFROM python:${TAG}@sha256:x\n", [(2, 6)], id="arg-chain-bad-digest"),
    pytest.param("ARG A\nFROM alpine AS x\nFROM ${A}:x\n", [(3, 6)], id="multi-stage"),
]

QUIET = [
    pytest.param("ARG TAG=3.12\nFROM python:${TAG}\n", id="default"),
    pytest.param("ARG TAG\nFROM python:${TAG:-3.12}\n", id="inline-fallback"),
    pytest.param("FROM python:$UNDECLARED\n", id="undeclared-is-df621"),
    pytest.param("FROM python:3.12\n", id="no-variable"),
    pytest.param("FROM golang:1.22-${TARGETARCH}\n", id="platform-arg"),
    pytest.param("ARG V=3.12\nFROM python:${V}-${TARGETVARIANT}\n", id="empty-variant-still-valid"),
    pytest.param('ARG TAG=3.24\nFROM alpine:"${TAG}"\n', id="quoted"),
    pytest.param("ARG REG=Registry.Example.com\nFROM ${REG}/app:1\n", id="upper-case-registry"),
    pytest.param("ARG TAG\nARG TAG=1\nFROM python:$TAG\n", id="redeclared-with-default"),
    pytest.param("ARG TAG=1\nARG TAG\nFROM python:$TAG\n", id="redeclared-without-default"),
    pytest.param("ARG TAG\nFROM python:3.12\nENV X=$TAG\n", id="not-used-in-from"),
    pytest.param("ARG B=builder\nFROM alpine AS builder\nFROM ${B}\n", id="stage-name"),
    pytest.param("ARG TAG\nFROM alpine\nONBUILD RUN echo $TAG\n", id="onbuild"),
    pytest.param("ARG TAG\nFROM alpine\nRUN <<EOF\necho $TAG\nEOF\n", id="heredoc"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("python:3.12", True),
        ("ghcr.io/astral-sh/uv:0.5", True),
        ("localhost:5000/app", True),
        ("scratch", True),
        ("python:", False),
        ("", False),
        ("Python", False),
        ("0" * 64, False),
        ("python@sha256:" + "a" * 64, True),
        ("python:-slim", False),
    ],
)
def test_is_valid_reference(text: str, valid: bool) -> None:
    assert is_valid_reference(text) is valid


def test_message_blames_the_arg_without_default() -> None:
    [finding] = lint("ARG TAG\nFROM python:${TAG}\n", CODE)
    assert finding.message.startswith("with the global ARG defaults, `FROM python:${TAG}` becomes `python:`")
    assert "(`TAG` has no default)" in finding.message
