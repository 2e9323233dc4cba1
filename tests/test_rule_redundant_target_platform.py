"""DF624 redundant-target-platform: FROM --platform=$TARGETPLATFORM and its safe fix."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF624"

REPORTED = [
    pytest.param("FROM --platform=$TARGETPLATFORM alpine\n", [(1, 6)], id="plain"),
    pytest.param("FROM --platform=${TARGETPLATFORM} alpine AS a\n", [(1, 6)], id="braces"),
    pytest.param('FROM --platform="$TARGETPLATFORM" alpine\n', [(1, 6)], id="quoted"),
    pytest.param("from --platform=$TARGETPLATFORM alpine as a\n", [(1, 6)], id="lowercase"),
    pytest.param("FROM alpine AS a\nFROM --platform=$TARGETPLATFORM a\n", [(2, 6)], id="multi-stage"),
    pytest.param("FROM \\\n  --platform=$TARGETPLATFORM \\\n  alpine\n", [(2, 3)], id="continuation"),
    pytest.param("ARG TARGETPLATFORM\nFROM --platform=$TARGETPLATFORM alpine\n", [(2, 6)], id="declared-no-default"),
]

QUIET = [
    pytest.param("FROM alpine\n", id="no-flag"),
    pytest.param("FROM --platform=$BUILDPLATFORM alpine\n", id="buildplatform"),
    pytest.param("FROM --platform=linux/amd64 alpine\n", id="constant"),
    pytest.param("FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine\n", id="with-default"),
    pytest.param("FROM --platform=$TARGETOS/$TARGETARCH alpine\n", id="composed"),
    pytest.param("ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n", id="global-default"),
    pytest.param("FROM alpine\nONBUILD RUN echo --platform=$TARGETPLATFORM\n", id="onbuild-text"),
    pytest.param("FROM alpine\nRUN <<EOF\necho --platform=$TARGETPLATFORM\nEOF\n", id="heredoc"),
    pytest.param("FROM alpine\nCOPY --from=$TARGETPLATFORM /a /b\n", id="copy"),
    pytest.param("FROM --platform=$PLATFORM alpine\n", id="other-variable"),
    pytest.param("FROM --platform=$TARGETPLATFORMS alpine\n", id="longer-name"),
    pytest.param("FROM --platform=$BUILDPLATFORM \\\n  alpine\n", id="continuation"),
    pytest.param("FROM alpine AS TARGETPLATFORM\n", id="stage-name"),
    pytest.param("FROM --platform=${BUILDPLATFORM} alpine AS a\nFROM a\n", id="multi-stage"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM --platform=$TARGETPLATFORM alpine AS a\n", "FROM alpine AS a\n"),
        ("FROM --platform=${TARGETPLATFORM}   alpine\n", "FROM alpine\n"),
        ("FROM \\\n  --platform=$TARGETPLATFORM \\\n  alpine\n", "FROM \\\n  alpine\n"),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_message_and_fix_is_safe() -> None:
    [finding] = lint("FROM --platform=$TARGETPLATFORM alpine\n", CODE)
    assert finding.message.startswith("`--platform=$TARGETPLATFORM` is what FROM does without the flag")
    assert finding.fix is not None and finding.fix.safe
