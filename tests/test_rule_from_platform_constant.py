"""DF625 from-platform-constant: constant FROM --platform values."""

from __future__ import annotations

import pytest

from rules.from_platform_constant import parse_platform
from tests.helpers import lint, positions

CODE = "DF625"

REPORTED = [
    pytest.param("FROM --platform=linux/amd64 alpine\n", [(1, 6)], id="plain"),
    pytest.param("FROM --platform=linux/arm64/v8 alpine AS base\n", [(1, 6)], id="variant-named-stage"),
    pytest.param('FROM --platform="linux/amd64" alpine\n', [(1, 6)], id="quoted"),
    pytest.param("from --platform=linux/amd64 alpine as build\n", [(1, 6)], id="lowercase"),
    pytest.param("FROM alpine AS a\nFROM --platform=linux/amd64 a AS b\n", [(2, 6)], id="multi-stage"),
    pytest.param("FROM \\\n  --platform=linux/amd64 \\\n  alpine\n", [(2, 3)], id="continuation"),
    pytest.param("FROM --platform=x86_64 alpine AS build-arm64\n", [(1, 6)], id="arch-alias-other-name"),
]

QUIET = [
    pytest.param("FROM alpine\n", id="no-flag"),
    pytest.param("FROM --platform=$BUILDPLATFORM alpine\n", id="buildplatform"),
    pytest.param("FROM --platform=${TARGETOS}/amd64 alpine\n", id="partly-variable"),
    pytest.param("ARG P=linux/amd64\nFROM --platform=$P alpine\n", id="arg-even-when-known"),
    pytest.param("FROM --platform=linux/amd64 alpine AS build_amd64\n", id="named-after-arch"),
    pytest.param("FROM --platform=linux/arm64 alpine AS Build-ARM64\n", id="named-after-arch-uppercase"),
    pytest.param("FROM --platform=windows/amd64 nanoserver AS windows-build\n", id="named-after-os"),
    pytest.param("FROM --platform=aarch64 alpine AS build-arm64\n", id="alias-normalised"),
    pytest.param("FROM --platform=linux/amd64/v2/x alpine\n", id="unparsable"),
    pytest.param("FROM alpine\nONBUILD RUN echo --platform=linux/amd64\n", id="onbuild-text"),
    pytest.param("FROM alpine\nRUN <<EOF\n--platform=linux/amd64\nEOF\n", id="heredoc"),
    pytest.param("FROM alpine\nRUN --mount=from=x,target=/x echo\n", id="run-flag"),
    pytest.param("FROM --platform=$TARGETPLATFORM \\\n  alpine\n", id="continuation-variable"),
    pytest.param("FROM --platform=linux/amd64 alpine AS linux-tools\n", id="named-after-os-linux"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("linux/amd64", ("linux", "amd64")),
        ("Linux/x86_64", ("linux", "amd64")),
        ("arm64", ("linux", "arm64")),
        ("windows", ("windows", "amd64")),
        ("linux/arm/v7", ("linux", "arm")),
        ("", None),
        ("linux//amd64", None),
        ("a/b/c/d", None),
    ],
)
def test_parse_platform(text: str, parsed: tuple[str, str] | None) -> None:
    assert parse_platform(text) == parsed


def test_message() -> None:
    [finding] = lint("FROM --platform=linux/amd64 alpine\n", CODE)
    assert finding.message.startswith("`--platform=linux/amd64` pins this stage to linux/amd64")
    assert "`AS build-amd64`" in finding.message
