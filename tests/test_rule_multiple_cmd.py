"""DF610 multiple-cmd: a CMD replaced by a later CMD of the same stage, reported at the ignored one."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF610"

REPORTED = [
    pytest.param('FROM python:3.12-slim\nCMD ["a"]\nCMD ["b"]\n', [(2, 1)], id="two"),
    pytest.param("from python:3.12-slim\ncmd a\ncmd b\ncmd c\n", [(2, 1), (3, 1)], id="three-lowercase"),
    pytest.param('FROM python:3.12-slim\nCMD ["a", \\\n  "b"]\nRUN true\nCMD ["c"]\n', [(2, 1)], id="continuation"),
    pytest.param('FROM python:3.12 AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\nCMD ["c"]\n', [(4, 1)], id="per-stage"),
]

QUIET = [
    pytest.param('FROM python:3.12-slim\nCMD ["a"]\n', id="one"),
    pytest.param('FROM python:3.12 AS a\nCMD ["a"]\nFROM python:3.12\nCMD ["b"]\n', id="one-per-stage"),
    pytest.param('FROM python:3.12 AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\n', id="child-stage-overrides-base"),
    pytest.param('FROM python:3.12-slim\nONBUILD CMD ["a"]\nCMD ["b"]\n', id="onbuild-trigger"),
    pytest.param('FROM python:3.12-slim\nENTRYPOINT ["a"]\nCMD ["b"]\n', id="entrypoint-and-cmd"),
    pytest.param('FROM python:3.12-slim\nHEALTHCHECK CMD a\nCMD ["b"]\n', id="healthcheck-cmd"),
    pytest.param('FROM python:3.12-slim\nRUN <<EOF\nCMD a\nEOF\nCMD ["b"]\n', id="heredoc-body"),
    pytest.param('ARG CMD=1\nFROM python:3.12-slim\nCMD ["b"]\n', id="meta-arg"),
    pytest.param('FROM python:3.12-slim\nCMD --port 80\nCMD ["b"]\n', id="leading-flag-rejected-by-buildkit"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_names_the_winner() -> None:
    (finding,) = lint('FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]\nCMD ["fastapi", "run"]\n', CODE)
    assert finding.message == (
        '`CMD ["uvicorn", "app:app"]` has no effect: `CMD ["fastapi", "run"]` on line 3 in the same stage replaces '
        "it (an image has one default command); keep only the one you mean"
    )
