"""DF601 workdir-relative-path: the first WORKDIR of a stage chain must be absolute."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF601"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nWORKDIR code\n", [(2, 9)], id="relative"),
    pytest.param("from python:3.12-slim\nworkdir code\n", [(2, 9)], id="lowercase-keywords"),
    pytest.param("FROM python:3.12-slim\nWORKDIR code\nWORKDIR sub\n", [(2, 9)], id="only-the-first-relative"),
    pytest.param("FROM python:3.12-slim\nARG DIR=app\nWORKDIR $DIR\n", [(3, 9)], id="arg-resolved"),
    pytest.param('FROM python:3.12-slim\nWORKDIR "my app"\n', [(2, 9)], id="quoted"),
    pytest.param("FROM python:3.12-slim AS base\nFROM base\nWORKDIR code\n", [(3, 9)], id="base-stage-without-workdir"),
    pytest.param("FROM python:3.12-slim\nONBUILD WORKDIR code\n", [(2, 17)], id="onbuild-in-stage-without-workdir"),
    pytest.param("FROM python:3.12-slim\nWORKDIR \\\n    code\n", [(3, 5)], id="continuation"),
    pytest.param(
        "FROM python:3.12-slim AS a\nWORKDIR /a\nFROM python:3.12-slim\nWORKDIR b\n", [(4, 9)], id="other-stage"
    ),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nWORKDIR /code\n", id="absolute"),
    pytest.param("FROM python:3.12-slim\nWORKDIR /code\nWORKDIR app\n", id="relative-after-absolute"),
    pytest.param("FROM python:3.12-slim\nworkdir /code\nworkdir app\n", id="lowercase-after-absolute"),
    pytest.param("FROM python:3.12-slim AS base\nWORKDIR /code\nFROM base\nWORKDIR app\n", id="absolute-in-base-stage"),
    pytest.param("FROM python:3.12-slim\nARG DIR=/srv\nWORKDIR $DIR\n", id="arg-absolute"),
    pytest.param("FROM python:3.12-slim\nARG DIR\nWORKDIR $DIR\n", id="arg-unknown"),
    pytest.param("FROM python:3.12-slim\nWORKDIR $HOME/app\n", id="base-image-variable"),
    pytest.param("FROM python:3.12-slim\nENV APP=/app\nWORKDIR ${APP}/src\n", id="env-absolute"),
    pytest.param('FROM python:3.12-slim\nWORKDIR "/my app"\n', id="quoted-absolute"),
    pytest.param(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n", id="windows-drive"
    ),
    pytest.param("FROM python:3.12-slim\nWORKDIR \\app\n", id="windows-backslash"),
    pytest.param("FROM python:3.12-slim\nWORKDIR /code\nONBUILD WORKDIR app\n", id="onbuild-after-workdir"),
    pytest.param("FROM python:3.12-slim\nONBUILD WORKDIR /app\n", id="onbuild-absolute"),
    pytest.param("FROM python:3.12-slim\nARG D=app\nONBUILD WORKDIR $D\n", id="onbuild-variable-downstream"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\ncd code\nEOF\nWORKDIR /code\n", id="heredoc-then-absolute"),
    pytest.param("FROM python:3.12-slim\nWORKDIR \\\n    /code\nWORKDIR app\n", id="continuation-absolute"),
    pytest.param("FROM scratch\nWORKDIR /\nWORKDIR etc\n", id="root-then-relative"),
    pytest.param("FROM python:3.12-slim AS a\nWORKDIR /a\nFROM a AS b\nFROM b\nWORKDIR c\n", id="grandparent"),
    pytest.param("FROM python:3.12-slim AS a\nWORKDIR /a\nFROM python:3.12-slim\nWORKDIR /b\n", id="two-stages"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_names_the_path_and_an_absolute_alternative() -> None:
    (finding,) = lint("FROM python:3.12-slim\nARG DIR=app\nWORKDIR $DIR/src\n", CODE)
    assert finding.message.startswith("`WORKDIR $DIR/src` is relative")
    assert "`WORKDIR /app/src`" in finding.message
    assert finding.fix is None


def test_stage_chain_is_named_in_the_message() -> None:
    (finding,) = lint("FROM python:3.12-slim AS base\nFROM base\nWORKDIR code\n", CODE)
    assert "or in the stages it is built from" in finding.message
