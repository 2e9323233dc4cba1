"""DF226 uv-sync-unlocked: `uv sync` without `--locked`/`--frozen`."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF226"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nRUN uv sync\n", [(2, 5)], id="bare"),
    pytest.param("from python:3.12-slim\nrun uv sync --no-dev\n", [(2, 5)], id="lowercase"),
    pytest.param('FROM python:3.12-slim\nRUN ["uv", "sync", "--no-dev"]\n', [(2, 6)], id="exec-form"),
    pytest.param(
        "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --no-install-project\n",
        [(3, 5)],
        id="continuation",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN <<EOF\nset -e\nuv sync --no-dev\nEOF\nRUN uv sync\n",
        [(4, 1), (6, 5)],
        id="heredoc-and-after",
    ),
    pytest.param("FROM python:3.12-slim\nONBUILD RUN uv sync\n", [(2, 13)], id="onbuild"),
    pytest.param(
        "FROM python:3.12-slim AS build\nRUN uv sync --locked\nFROM build\nRUN uv sync\n", [(4, 5)], id="multi-stage"
    ),
    pytest.param("FROM python:3.12-slim\nENV UV_LOCKED=0\nRUN uv sync\n", [(3, 5)], id="env-false"),
    pytest.param("FROM python:3.12-slim\nARG UV_FROZEN=false\nRUN uv sync\n", [(3, 5)], id="arg-false"),
    pytest.param("FROM python:3.12-slim\nRUN sh -c 'uv sync'\n", [(2, 12)], id="sh-c-string"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nRUN uv sync --locked\n", id="locked"),
    pytest.param("FROM python:3.12-slim\nRUN uv sync --frozen --no-install-workspace\n", id="frozen"),
    pytest.param("FROM python:3.12-slim\nrun uv --frozen sync\n", id="global-position-lowercase"),
    pytest.param('FROM python:3.12-slim\nRUN ["uv", "sync", "--locked"]\n', id="exec-form-locked"),
    pytest.param("FROM python:3.12-slim\nENV UV_LOCKED=1\nRUN uv sync\n", id="env-locked"),
    pytest.param("FROM python:3.12-slim\nENV UV_FROZEN=true\nRUN uv sync\n", id="env-frozen"),
    pytest.param("FROM python:3.12-slim AS base\nENV UV_LOCKED=1\nFROM base\nRUN uv sync\n", id="env-from-stage"),
    pytest.param("FROM python:3.12-slim\nARG UV_FROZEN=1\nRUN uv sync\n", id="arg-default"),
    pytest.param("FROM python:3.12-slim\nARG UV_FROZEN\nRUN uv sync\n", id="arg-unknown"),
    pytest.param("FROM python:3.12-slim\nRUN UV_LOCKED=1 uv sync\n", id="inline"),
    pytest.param("FROM python:3.12-slim\nRUN export UV_FROZEN=1 && uv sync\n", id="exported"),
    pytest.param("FROM python:3.12-slim\nRUN uv sync $UV_FLAGS\n", id="options-in-variable"),
    pytest.param("FROM python:3.12-slim\nRUN <<EOF\nuv sync --locked\nEOF\n", id="heredoc-locked"),
    pytest.param("FROM python:3.12-slim\nONBUILD RUN uv sync --frozen\n", id="onbuild-frozen"),
    pytest.param("FROM python:3.12-slim\nRUN uv pip sync requirements.txt\n", id="pip-sync-is-not-lock"),
    pytest.param("FROM python:3.12-slim\nRUN uv lock && uv export -o r.txt\n", id="other-subcommands"),
    pytest.param("FROM python:3.12-slim\nRUN echo uv sync\n", id="quoted-text"),
    pytest.param("FROM python:3.12-slim\nCMD uv sync\n", id="not-a-run"),
    pytest.param(
        "FROM python:3.12-slim\nRUN uv sync --locked \\\n    --no-install-project\n", id="continuation-locked"
    ),
    pytest.param("FROM python:3.12-slim\nRUN uv run --with x python -m app --locked\n", id="uv-run"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_and_unsafe_fix() -> None:
    (finding,) = lint("FROM python:3.12-slim\nRUN uv sync --no-dev\n", CODE)
    assert finding.message.startswith("`uv sync --no-dev` runs without `--locked` or `--frozen`")
    assert "`ENV UV_LOCKED=1`" in finding.message
    assert finding.fix is not None and not finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM python:3.12-slim\nRUN uv sync --no-dev\n", "FROM python:3.12-slim\nRUN uv sync --locked --no-dev\n"),
        ('FROM python:3.12-slim\nRUN ["uv", "sync"]\n', 'FROM python:3.12-slim\nRUN ["uv", "sync", "--locked"]\n'),
        (
            "FROM python:3.12-slim\nRUN cd /app && uv --no-cache sync\n",
            "FROM python:3.12-slim\nRUN cd /app && uv --no-cache sync --locked\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
