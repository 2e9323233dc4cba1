"""DF229 uv-compile-bytecode: uv installs of the final image without bytecode compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import lint, positions

CODE = "DF229"
BASE = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(BASE + "RUN uv sync --locked\n", [(2, 5)], id="sync"),
    pytest.param(BASE + "run uv pip install --system -r r.txt\n", [(2, 5)], id="lowercase-pip-install"),
    pytest.param(BASE + 'RUN ["uv", "sync"]\n', [(2, 6)], id="exec-form"),
    pytest.param(BASE + "RUN apt-get update \\\n && uv sync\n", [(3, 5)], id="continuation"),
    pytest.param(BASE + "RUN <<EOF\nuv sync\nEOF\n", [(3, 1)], id="heredoc"),
    pytest.param(BASE + "RUN uv sync --no-install-project\nCOPY . .\nRUN uv sync\n", [(2, 5)], id="once-per-stage"),
    pytest.param(
        "FROM python:3.12-slim AS builder\nRUN uv sync --locked\n"
        "FROM python:3.12-slim\nCOPY --from=builder /app/.venv /app/.venv\n",
        [(2, 5)],
        id="builder-copied-into-final",
    ),
    pytest.param(
        "FROM python:3.12-slim AS base\nRUN uv pip install --system x\nFROM base\n", [(2, 5)], id="base-of-final"
    ),
    pytest.param(BASE + "ENV UV_COMPILE_BYTECODE=0\nRUN uv sync\n", [(3, 5)], id="env-false"),
    pytest.param(
        "ARG B=builder\nFROM python:3.12-slim AS builder\nRUN uv sync\nFROM python:3.12-slim\nARG B\n"
        "COPY --from=${B} /app /app\n",
        [(3, 5)],
        id="arg-resolved-copy-from",
    ),
]

QUIET = [
    pytest.param(BASE + "ENV UV_COMPILE_BYTECODE=1\nRUN uv sync\n", id="env"),
    pytest.param(BASE + "RUN uv sync --compile-bytecode\n", id="option"),
    pytest.param(BASE + "RUN uv pip install --compile --system x\n", id="pip-compile-alias"),
    pytest.param(BASE + "RUN UV_COMPILE_BYTECODE=1 uv sync\n", id="inline"),
    pytest.param(BASE + "ARG UV_COMPILE_BYTECODE\nRUN uv sync\n", id="arg-unknown"),
    pytest.param(BASE + "RUN uv sync --no-install-project\nRUN uv sync --compile-bytecode\n", id="last-compiles"),
    pytest.param(BASE + "RUN uv sync && python -m compileall -q /app\n", id="compileall"),
    pytest.param(BASE + "RUN <<EOF\nuv sync --compile-bytecode\nEOF\n", id="heredoc-compiles"),
    pytest.param(
        "FROM python:3.12-slim AS test\nRUN uv sync\nFROM python:3.12-slim\nCOPY app /app\n", id="unrelated-stage"
    ),
    pytest.param(
        "FROM python:3.12-slim AS base\nENV UV_COMPILE_BYTECODE=1\nFROM base\nRUN uv sync\n", id="env-inherited"
    ),
    pytest.param(BASE + "ONBUILD RUN uv sync\n", id="onbuild-not-looked-at"),
    pytest.param(BASE + "RUN uv venv && uv run python -V\n", id="not-an-install"),
    pytest.param(BASE + "RUN pip install -r r.txt\n", id="pip"),
    pytest.param(BASE + "RUN uv sync $FLAGS\n", id="options-in-variable"),
    pytest.param(BASE + "ENV UV_COMPILE_BYTECODE=1\nRUN uv sync \\\n    --locked\n", id="continuation-env"),
    pytest.param(
        "FROM python:3.12-slim AS builder\nENV UV_COMPILE_BYTECODE=1\nRUN uv sync\n"
        "FROM python:3.12-slim\nCOPY --from=builder /app /app\n",
        id="builder-compiles",
    ),
    pytest.param(
        "FROM python:3.12-slim AS builder\nRUN uv sync\nFROM python:3.12-slim\nCOPY --from=builder /app /app\n"
        "RUN python -m compileall /app\n",
        id="final-compiles",
    ),
    pytest.param("from python:3.12-slim\nenv UV_COMPILE_BYTECODE=true\nrun uv sync\n", id="lowercase-env"),
    pytest.param(BASE + "RUN echo uv sync\n", id="not-a-command"),
    pytest.param(BASE + "RUN uv tool install ruff\n", id="tool-install"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint(BASE + "RUN uv sync --no-install-project\nRUN uv sync\n", CODE)
    assert finding.message.startswith(
        "`uv sync --no-install-project` installs packages of the final image without compiling them to bytecode "
        "(nor does any other uv install of the stage)"
    )
    assert "`ENV UV_COMPILE_BYTECODE=1`" in finding.message
    assert finding.fix is None


def test_pyproject_setting(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.uv]\ncompile-bytecode = true\n")
    assert positions(BASE + "RUN uv sync\n", CODE, path=str(tmp_path / "Dockerfile")) == []
