"""DF608 reserved-stage-name: stages named `scratch` or `context`."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF608"

REPORTED = [
    pytest.param("FROM python:3.12 AS scratch\n", [(1, 21)], id="scratch"),
    pytest.param("FROM python:3.12 AS context\n", [(1, 21)], id="context"),
    pytest.param("from python:3.12 as Scratch\n", [(1, 21)], id="casing"),
    pytest.param("FROM python:3.12 AS a\nFROM a \\\n  AS context\n", [(3, 6)], id="continuation-second-stage"),
]

QUIET = [
    pytest.param("FROM scratch\n", id="from-scratch"),
    pytest.param("FROM scratch AS base\n", id="scratch-base-named"),
    pytest.param("FROM python:3.12 AS scratchpad\n", id="longer-name"),
    pytest.param("FROM python:3.12 AS build-context\n", id="suffix"),
    pytest.param("FROM python:3.12\nCOPY --from=context /a /b\n", id="copy-from-context"),
    pytest.param("ARG S=scratch\nFROM $S AS base\n", id="arg-base"),
    pytest.param("FROM python:3.12\nRUN <<EOF\nFROM x AS scratch\nEOF\n", id="heredoc-body"),
    pytest.param("FROM python:3.12\nONBUILD RUN echo scratch\n", id="onbuild"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint("FROM python:3.12 AS scratch\n", CODE)
    assert finding.message == (
        "stage name `scratch` is reserved (`scratch` is the empty image of `FROM scratch`): give the stage another "
        "name, such as `scratch-stage`, and update its references"
    )
