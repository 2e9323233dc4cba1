"""DF228 uv-cache-mount-link-mode: uv with a cache mount but no `UV_LINK_MODE=copy`."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.rule import Severity
from tests.helpers import apply_fixes, lint, positions

CODE = "DF228"
BASE = "FROM python:3.12-slim\n"
MOUNT = "--mount=type=cache,target=/root/.cache/uv"

REPORTED = [
    pytest.param(BASE + f"RUN {MOUNT} uv sync --locked\n", [(2, 47)], id="sync"),
    pytest.param(BASE + f"run {MOUNT} uv pip install --system x\n", [(2, 47)], id="lowercase-pip-install"),
    pytest.param(BASE + f'RUN {MOUNT} ["uv", "sync"]\n', [(2, 48)], id="exec-form"),
    pytest.param(BASE + f"RUN {MOUNT} \\\n    uv sync --locked\n", [(3, 5)], id="continuation"),
    pytest.param(BASE + f"RUN {MOUNT} <<EOF\nuv sync\nEOF\n", [(3, 1)], id="heredoc"),
    pytest.param(BASE + f"ONBUILD RUN {MOUNT} uv sync\n", [(2, 55)], id="onbuild"),
    pytest.param(BASE + "RUN --mount=type=cache,target=/root/.cache uv sync\n", [(2, 44)], id="parent-mount"),
    pytest.param(BASE + f"ENV UV_LINK_MODE=hardlink\nRUN {MOUNT} uv sync\n", [(3, 47)], id="explicit-hardlink"),
    pytest.param(BASE + f"RUN {MOUNT} uv sync --link-mode=symlink\n", [(2, 47)], id="symlink"),
    pytest.param(
        "FROM python:3.12-slim AS build\nENV UV_LINK_MODE=copy\nFROM python:3.12-slim\nRUN " + MOUNT + " uv sync\n",
        [(4, 47)],
        id="env-of-another-stage",
    ),
]

QUIET = [
    pytest.param(BASE + f"ENV UV_LINK_MODE=copy\nRUN {MOUNT} uv sync\n", id="env-copy"),
    pytest.param(BASE + f"RUN {MOUNT} uv sync --link-mode=copy\n", id="option-copy"),
    pytest.param(BASE + f"RUN {MOUNT} uv sync --link-mode copy\n", id="option-copy-separate"),
    pytest.param(BASE + f"RUN {MOUNT} UV_LINK_MODE=copy uv sync\n", id="inline"),
    pytest.param(BASE + f"ARG UV_LINK_MODE\nRUN {MOUNT} uv sync\n", id="arg-unknown"),
    pytest.param(BASE + f"ARG UV_LINK_MODE=copy\nRUN {MOUNT} uv sync\n", id="arg-default"),
    pytest.param(
        "FROM python:3.12-slim AS base\nENV UV_LINK_MODE=copy\nFROM base\nRUN " + MOUNT + " uv sync\n",
        id="env-inherited",
    ),
    pytest.param(BASE + "RUN uv sync --locked\n", id="no-mount"),
    pytest.param(BASE + "RUN --mount=type=cache,target=/root/.cache/pip uv sync\n", id="mount-elsewhere"),
    pytest.param(BASE + "RUN --mount=type=tmpfs,target=/root/.cache/uv uv sync\n", id="tmpfs-is-not-a-cache"),
    pytest.param(BASE + f"RUN {MOUNT} uv sync --no-cache\n", id="no-cache"),
    pytest.param(BASE + f"RUN {MOUNT} uv sync $UV_FLAGS\n", id="options-in-variable"),
    pytest.param(BASE + f"RUN {MOUNT} uv venv && uv run python -V\n", id="not-an-install"),
    pytest.param(BASE + f"RUN {MOUNT} <<EOF\nexport UV_LINK_MODE=copy\nuv sync\nEOF\n", id="heredoc-export"),
    pytest.param(BASE + f"ONBUILD RUN {MOUNT} uv sync --link-mode=copy\n", id="onbuild-copy"),
    pytest.param(BASE + f"ENV UV_LINK_MODE=copy\nRUN {MOUNT} \\\n    uv sync\n", id="continuation-copy"),
    pytest.param(BASE + "RUN --mount=type=cache,target=/root/.cache/pip pip install x\n", id="pip"),
    pytest.param(BASE + f"RUN {MOUNT} uv pip install --system --link-mode=copy x\n", id="pip-interface-copy"),
    pytest.param(BASE + f"RUN {MOUNT} uv sync --link-mode=$MODE\n", id="dynamic-option"),
    pytest.param(BASE + f"RUN {MOUNT} echo uv sync\n", id="not-a-command"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_symlink_is_an_error_without_fix() -> None:
    (finding,) = lint(BASE + f"RUN {MOUNT} uv sync --link-mode=symlink\n", CODE)
    assert finding.severity is Severity.ERROR
    assert finding.fix is None
    assert "dangling link at run time" in finding.message


def test_default_mode_message_and_severity() -> None:
    (finding,) = lint(BASE + f"RUN {MOUNT} uv sync --locked\n", CODE)
    assert finding.severity is Severity.INFO
    assert finding.message.startswith(
        "`uv sync --locked` uses uv's cache on the cache mount `--mount=type=cache,target=/root/.cache/uv` without "
        "`UV_LINK_MODE=copy`"
    )
    assert finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (BASE + f"RUN {MOUNT} uv sync --locked\n", BASE + f"RUN {MOUNT} uv sync --link-mode=copy --locked\n"),
        (BASE + f'RUN {MOUNT} ["uv", "sync"]\n', BASE + f'RUN {MOUNT} ["uv", "sync", "--link-mode=copy"]\n'),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_uv_toml_in_context_sets_the_mode(tmp_path: Path) -> None:
    (tmp_path / "uv.toml").write_text('link-mode = "copy"\n')
    assert positions(BASE + f"RUN {MOUNT} uv sync\n", CODE, path=str(tmp_path / "Dockerfile")) == []
