"""DF615 copy-dest-needs-slash: several sources to a destination without a trailing slash."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF615"

REPORTED = [
    pytest.param("FROM python:3.12\nCOPY a b /code\n", [(2, 10)], id="copy"),
    pytest.param("from python:3.12\nadd a b /code\n", [(2, 9)], id="add-lowercase"),
    pytest.param('FROM python:3.12\nCOPY ["a", "b", "/code"]\n', [(2, 17)], id="json"),
    pytest.param("FROM python:3.12\nCOPY <<one <<two /code\n1\none\n2\ntwo\n", [(2, 18)], id="heredocs"),
    pytest.param("FROM python:3.12\nARG DEST=/code\nCOPY a b $DEST\n", [(3, 10)], id="arg"),
    pytest.param("FROM python:3.12\nCOPY a \\\n     b \\\n     /code\n", [(4, 6)], id="continuation"),
    pytest.param("FROM python:3.12\nWORKDIR /srv\nCOPY a b app\n", [(3, 10)], id="relative"),
    pytest.param("FROM python:3.12 AS a\nFROM a\nCOPY --from=a /x /y /z\n", [(3, 21)], id="multi-stage"),
    pytest.param("FROM scratch\nCOPY a b /etc\n", [(2, 10)], id="scratch-has-no-etc"),
]

QUIET = [
    pytest.param("FROM python:3.12\nCOPY a b /code/\n", id="slash"),
    pytest.param("FROM python:3.12\nCOPY a /code\n", id="one-source"),
    pytest.param("FROM python:3.12\nCOPY a b .\n", id="dot"),
    pytest.param("FROM python:3.12\nCOPY a b ..\n", id="dot-dot"),
    pytest.param("FROM python:3.12\nCOPY a b ./\n", id="dot-slash"),
    pytest.param("FROM python:3.12\nWORKDIR /code\nCOPY a b /code\n", id="workdir"),
    pytest.param("FROM python:3.12\nWORKDIR /code/app\nCOPY a b /code\n", id="workdir-parent"),
    pytest.param("FROM python:3.12\nWORKDIR /srv\nWORKDIR app\nCOPY a b /srv/app\n", id="relative-workdir"),
    pytest.param("FROM python:3.12 AS a\nWORKDIR /code\nFROM a\nCOPY a b /code\n", id="workdir-in-base-stage"),
    pytest.param("FROM python:3.12\nRUN mkdir -p /data/in\nCOPY a b /data/in\n", id="mkdir"),
    pytest.param("FROM python:3.12\nCOPY x /data/\nCOPY a b /data\n", id="earlier-copy-to-dir"),
    pytest.param("FROM python:3.12\nCOPY a b /usr/local/bin\n", id="standard-directory"),
    pytest.param("FROM python:3.12\nARG DEST\nCOPY a b $DEST\n", id="arg-unknown"),
    pytest.param("FROM python:3.12\nARG DEST=/code/\nCOPY a b $DEST\n", id="arg-with-slash"),
    pytest.param('FROM python:3.12\nCOPY ["a", "b", "/code/"]\n', id="json-slash"),
    pytest.param("FROM python:3.12\nCOPY <<one /code\n1\none\n", id="one-heredoc"),
    pytest.param("FROM python:3.12\nCOPY *.txt /code\n", id="single-wildcard-not-judged"),
    pytest.param("FROM python:3.12\nONBUILD COPY a b /code\n", id="onbuild"),
    pytest.param("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY a b C:\\app\\\n", id="windows-slash"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint("FROM python:3.12\nARG DEST=/code\nCOPY a b $DEST\n", CODE)
    assert finding.message == (
        "`COPY a b $DEST` copies 2 sources to `$DEST` (`/code`), which does not end with `/`: unless `/code` already "
        "exists as a directory, each file is written to that path itself, one over the other; write `$DEST/`"
    )
