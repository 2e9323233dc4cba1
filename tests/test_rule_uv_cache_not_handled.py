"""DF227 uv-cache-not-handled: uv installs that leave uv's cache in the image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF227"
BASE = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(BASE + "RUN uv sync --locked\n", [(2, 5)], id="sync"),
    pytest.param(BASE + "RUN uv pip install --system -r requirements.txt\n", [(2, 5)], id="pip-install"),
    pytest.param(BASE + "run uv pip sync requirements.txt\n", [(2, 5)], id="lowercase-pip-sync"),
    pytest.param(BASE + 'RUN ["uv", "sync", "--locked"]\n', [(2, 6)], id="exec-form"),
    pytest.param(BASE + "RUN apt-get update \\\n && uv sync --locked\n", [(3, 5)], id="continuation"),
    pytest.param(BASE + "RUN <<EOF\nuv sync --locked\nEOF\n", [(3, 1)], id="heredoc"),
    pytest.param(BASE + "ONBUILD RUN uv sync --locked\n", [(2, 13)], id="onbuild"),
    pytest.param(BASE + "ENV UV_NO_CACHE=0\nRUN uv sync\n", [(3, 5)], id="env-false"),
    pytest.param(
        BASE + "RUN --mount=type=cache,target=/root/.cache/pip uv pip install --system x\n",
        [(2, 48)],
        id="mount-on-pip-cache-only",
    ),
    pytest.param(
        'FROM python:3.12-slim AS base\nRUN uv pip install --system x\nFROM base\nCMD ["python"]\n',
        [(2, 5)],
        id="base-of-final-stage",
    ),
    pytest.param(BASE + "RUN uv sync && rm -rf /tmp/*\n", [(2, 5)], id="unrelated-rm"),
]

QUIET = [
    pytest.param(BASE + "RUN uv sync --locked --no-cache\n", id="no-cache"),
    pytest.param(BASE + "RUN uv --no-cache pip install --system x\n", id="no-cache-global"),
    pytest.param(BASE + "RUN uv sync -n\n", id="short-n"),
    pytest.param(BASE + "ENV UV_NO_CACHE=1\nRUN uv sync\n", id="env"),
    pytest.param(BASE + "ARG UV_NO_CACHE\nRUN uv sync\n", id="arg-unknown"),
    pytest.param(BASE + "RUN UV_NO_CACHE=true uv sync\n", id="inline"),
    pytest.param(BASE + "RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n", id="cache-mount"),
    pytest.param(BASE + "RUN --mount=type=cache,target=/root/.cache uv sync --locked\n", id="parent-mount"),
    pytest.param(BASE + "RUN --mount=type=tmpfs,target=/root/.cache/uv uv sync --locked\n", id="tmpfs"),
    pytest.param(
        BASE + "ENV UV_CACHE_DIR=/opt/uv-cache\nRUN --mount=type=cache,target=/opt/uv-cache uv sync\n", id="cache-dir"
    ),
    pytest.param(BASE + "USER app\nRUN --mount=type=cache,target=/home/app/.cache/uv uv sync\n", id="unknown-home"),
    pytest.param(BASE + "RUN uv sync && uv cache clean\n", id="cache-clean"),
    pytest.param(BASE + "RUN uv pip install --system x && rm -rf /root/.cache\n", id="rm-parent"),
    pytest.param(BASE + "RUN uv pip install --system x && rm -rf ~/.cache/uv\n", id="rm-tilde"),
    pytest.param(BASE + "RUN <<EOF\nuv sync --no-cache\nEOF\n", id="heredoc-no-cache"),
    pytest.param(BASE + "ONBUILD RUN uv sync --no-cache\n", id="onbuild-no-cache"),
    pytest.param(
        "FROM python:3.12-slim AS build\nRUN uv sync --locked\nFROM python:3.12-slim\nCOPY --from=build /app /app\n",
        id="builder-stage-discarded",
    ),
    pytest.param(BASE + "RUN uv sync $UV_ARGS\n", id="options-in-variable"),
    pytest.param(BASE + "RUN uv venv /opt/venv && uv run python -V\n", id="not-an-install"),
    pytest.param(BASE + "RUN pip install --no-cache-dir uv\n", id="pip-installs-uv"),
    pytest.param(BASE + "RUN uv \\\n    --no-cache \\\n    sync\n", id="continuation-no-cache"),
    pytest.param(
        "ARG CACHE=/root/.cache/uv\nFROM python:3.12-slim\nARG CACHE\nRUN --mount=type=cache,target=${CACHE} uv sync\n",
        id="arg-mount-target",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint(BASE + "RUN uv pip install --system fastapi\n", CODE)
    assert finding.message.startswith(
        "`uv pip install --system fastapi` writes uv's cache (`/root/.cache/uv`) into the image layer"
    )
    assert "`RUN --mount=type=cache,target=/root/.cache/uv …`" in finding.message
    assert finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (BASE + "RUN uv sync --locked\n", BASE + "RUN uv sync --no-cache --locked\n"),
        (BASE + "RUN uv pip install x\n", BASE + "RUN uv pip install --no-cache x\n"),
        (BASE + 'RUN ["uv", "sync"]\n', BASE + 'RUN ["uv", "sync", "--no-cache"]\n'),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_configuration_in_context_turns_the_cache_off(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.uv]\nno-cache = true\n')
    assert positions(BASE + "RUN uv sync\n", CODE, path=str(tmp_path / "Dockerfile")) == []
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.ruff]\nno-cache = true\n')
    assert positions(BASE + "RUN uv sync\n", CODE, path=str(tmp_path / "Dockerfile")) == [(2, 5)]
