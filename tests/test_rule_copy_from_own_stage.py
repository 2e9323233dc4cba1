"""DF614 copy-from-own-stage: --from naming the current stage."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF614"

REPORTED = [
    pytest.param("FROM python:3.12 AS runtime\nCOPY --from=runtime /a /b\n", [(2, 13)], id="name"),
    pytest.param("from python:3.12 as runtime\ncopy --from=Runtime /a /b\n", [(2, 13)], id="casing"),
    pytest.param("FROM python:3.12 AS a\nFROM python:3.12\nCOPY --from=1 /a /b\n", [(3, 13)], id="index"),
    pytest.param("FROM python:3.12 AS app\nARG S=app\nCOPY --from=${S} /a /b\n", [(3, 13)], id="arg"),
    pytest.param("FROM python:3.12 AS app\nRUN --mount=from=app,target=/x true\n", [(2, 18)], id="mount"),
    pytest.param("FROM python:3.12 AS app\nCOPY --chown=1 \\\n  --from=app /a /b\n", [(3, 10)], id="continuation"),
]

QUIET = [
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12 AS app\nCOPY --from=build /a /b\n", id="other-stage"),
    pytest.param("FROM python:3.12\nFROM python:3.12\nCOPY --from=0 /a /b\n", id="other-index"),
    pytest.param("FROM python:3.12 AS app\nCOPY --from=app:1.0 /a /b\n", id="image-with-tag"),
    pytest.param("FROM python:3.12 AS app\nCOPY --from=registry.example.com/app /a /b\n", id="image-path"),
    pytest.param("FROM python:3.12 AS app\nARG S\nCOPY --from=$S /a /b\n", id="arg-unknown"),
    pytest.param("FROM python:3.12 AS app\nONBUILD COPY --from=app /a /b\n", id="onbuild-runs-elsewhere"),
    pytest.param("FROM python:3.12 AS app\nCOPY app /b\n", id="source-named-like-stage"),
    pytest.param("FROM python:3.12 AS app\nRUN <<EOF\ncp --from=app a b\nEOF\n", id="heredoc"),
    pytest.param("FROM python:3.12 AS app\nRUN --mount=type=cache,target=/app true\n", id="mount-without-from"),
    pytest.param("FROM python:3.12 AS a\nFROM a AS b\nCOPY --from=a /x /y\n", id="base-stage"),
    pytest.param("FROM python:3.12 AS app\nFROM app\n", id="from-is-not-copy"),
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12 AS App\nCOPY --from=Build /a /b\n", id="other-casing"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint("FROM python:3.12 AS app\nARG S=app\nCOPY --from=${S} /a /b\n", CODE)
    assert finding.message == (
        "`COPY --from=${S}` names stage `app` (`${S}` is `app`), the stage this instruction is in: a stage cannot "
        "copy from itself (BuildKit fails with a circular dependency); name the earlier stage that holds the files"
    )
