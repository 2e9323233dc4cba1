"""DF611 multiple-entrypoint: an ENTRYPOINT replaced by a later one of the same stage."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF611"

REPORTED = [
    pytest.param('FROM python:3.12-slim\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', [(2, 1)], id="two"),
    pytest.param("from python:3.12-slim\nentrypoint a\nentrypoint b\n", [(2, 1)], id="lowercase-shell-form"),
    pytest.param(
        'FROM python:3.12 AS a\nFROM a\nENTRYPOINT ["a", \\\n  "b"]\nENTRYPOINT ["c"]\n', [(3, 1)], id="continuation"
    ),
]

QUIET = [
    pytest.param('FROM python:3.12-slim\nENTRYPOINT ["a"]\n', id="one"),
    pytest.param('FROM python:3.12 AS a\nENTRYPOINT ["a"]\nFROM a\nENTRYPOINT ["b"]\n', id="per-stage"),
    pytest.param('FROM python:3.12-slim\nONBUILD ENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', id="onbuild-trigger"),
    pytest.param('FROM python:3.12-slim\nENTRYPOINT ["a"]\nCMD ["b"]\n', id="with-cmd"),
    pytest.param('FROM python:3.12-slim\nRUN <<EOF\nENTRYPOINT a\nEOF\nENTRYPOINT ["b"]\n', id="heredoc-body"),
    pytest.param('ARG ENTRYPOINT=x\nFROM python:3.12-slim\nENTRYPOINT ["b"]\n', id="meta-arg"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint('FROM python:3.12-slim\nENTRYPOINT ["/entry.sh"]\nENTRYPOINT ["fastapi"]\n', CODE)
    assert finding.message == (
        '`ENTRYPOINT ["/entry.sh"]` has no effect: `ENTRYPOINT ["fastapi"]` on line 3 in the same stage replaces it '
        "(an image has one entrypoint); keep only the one you mean"
    )
