"""DF620 copy-relative-dest-without-workdir."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF620"

REPORTED = [
    pytest.param("FROM python:3.12\nCOPY requirements.txt .\n", [(2, 23)], id="dot"),
    pytest.param("FROM python:3.12\nADD app.tar app/\n", [(2, 13)], id="add"),
    pytest.param('FROM python:3.12\nCOPY ["a", "b", "dst/"]\n', [(2, 17)], id="json"),
    pytest.param("from python:3.12\ncopy a b\n", [(2, 8)], id="lowercase"),
    pytest.param("FROM python:3.12\nCOPY a \\\n  ./b\n", [(3, 3)], id="continuation"),
    pytest.param("FROM python:3.12\nARG D=app\nCOPY a $D\n", [(3, 8)], id="arg-resolved"),
    pytest.param("FROM python:3.12 AS a\nFROM a\nCOPY x y\n", [(3, 8)], id="multi-stage-no-workdir"),
    pytest.param("FROM python:3.12\nCOPY <<EOF rel/\nx\nEOF\n", [(2, 12)], id="heredoc"),
    pytest.param("FROM python:3.12\nCOPY --from=b /x y\n", [(2, 18)], id="copy-from"),
]

QUIET = [
    pytest.param("FROM python:3.12\nWORKDIR /app\nCOPY a .\n", id="workdir-before"),
    pytest.param("FROM python:3.12\nCOPY a /app/\n", id="absolute"),
    pytest.param("FROM python:3.12\nWORKDIR app\nCOPY a .\n", id="relative-workdir-counts"),
    pytest.param("FROM python:3.12 AS a\nWORKDIR /app\nFROM a\nCOPY a .\n", id="inherited-workdir"),
    pytest.param("FROM scratch\nCOPY a .\n", id="scratch"),
    pytest.param("FROM python:3.12\nCOPY a $UNKNOWN/x\n", id="unknown-variable"),
    pytest.param("FROM python:3.12\nARG D=/app\nCOPY a $D\n", id="arg-absolute"),
    pytest.param("FROM python:3.12\nONBUILD COPY a .\n", id="onbuild"),
    pytest.param("FROM windows\nCOPY a C:\\\\app\n", id="windows"),
    pytest.param("FROM windows\nCOPY a c:/app\n", id="windows-slash"),
    pytest.param("FROM python:3.12\nRUN cp a .\n", id="run"),
    pytest.param("FROM python:3.12\nWORKDIR /a\nCOPY a \\\n  ./b\n", id="continuation-workdir"),
    pytest.param("FROM python:3.12\nCOPY a\n", id="no-destination"),
    pytest.param("FROM python:3.12\nWORKDIR /app\nCOPY <<EOF rel/\nx\nEOF\n", id="heredoc-workdir"),
    pytest.param('FROM python:3.12\nCOPY ["a", "/dst/"]\n', id="json-absolute"),
    pytest.param("FROM python:3.12\nCOPY a '/dst'\n", id="quoted-absolute"),
    pytest.param("FROM python:3.12\nVOLUME data\n", id="volume"),
    pytest.param("FROM python:3.12\nARG D=/app\nCOPY --chown=1 a ${D}/\n", id="arg-braces"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    [finding] = lint("FROM python:3.12\nARG D=app\nCOPY a $D\n", CODE)
    assert finding.message.startswith("COPY destination `$D` (= `app`) is relative and no WORKDIR is set")
