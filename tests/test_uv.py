"""linter.uv: recognising uv commands, their options, environment and cache directory."""

from __future__ import annotations

import textwrap

import pytest

from linter import uv
from linter.model import Dockerfile, Instruction, parse_dockerfile


def _parse(source: str) -> Dockerfile:
    return parse_dockerfile(textwrap.dedent(source).lstrip("\n").encode())


def _last_run(dockerfile: Dockerfile) -> Instruction:
    runs = [i for i in dockerfile.walk() if i.keyword == "RUN"]
    return runs[-1]


def _commands(source: str) -> tuple[Dockerfile, tuple[uv.UvCommand, ...]]:
    dockerfile = _parse(source)
    return dockerfile, uv.uv_commands(_last_run(dockerfile))


@pytest.mark.parametrize(
    ("run", "subcommand", "options", "operands"),
    [
        ("RUN uv sync --locked", "sync", ["--locked"], []),
        ("RUN uv --no-cache sync --frozen", "sync", ["--no-cache", "--frozen"], []),
        ("RUN uv sync -n --link-mode=copy", "sync", ["--no-cache", "--link-mode"], []),
        ("RUN uv --directory /app sync", "sync", ["--directory"], []),
        ("RUN uv pip install --system -r requirements.txt", "pip install", ["--system", "--requirement"], []),
        ("RUN uv pip install --compile fastapi", "pip install", ["--compile-bytecode"], ["fastapi"]),
        ("RUN uv pip sync requirements.txt", "pip sync", [], ["requirements.txt"]),
        ("RUN /root/.local/bin/uv sync --no-install-project", "sync", ["--no-install-project"], []),
        ('RUN ["uv", "sync", "--locked"]', "sync", ["--locked"], []),
        ("RUN python -m uv pip install x", "pip install", [], ["x"]),
        ("RUN uv run --with rich python -m app --locked", "run", ["--with"], ["python", "-m", "app", "--locked"]),
        ("RUN uvx ruff check .", "tool run", [], ["ruff", "check", "."]),
        ("RUN env UV_LINK_MODE=copy uv sync", "sync", [], []),
        ("RUN cd /app && sh -c 'uv sync --frozen'", "sync", ["--frozen"], []),
        ("RUN uv sync -qp 3.12", "sync", ["--quiet", "--python"], []),
    ],
)
def test_recognised(run: str, subcommand: str, options: list[str], operands: list[str]) -> None:
    _, found = _commands(f"FROM python:3.12-slim\n{run}\n")
    assert len(found) == 1
    command = found[0]
    assert command.subcommand == subcommand
    assert [option.name for option in command.options] == options
    assert [word.value for word in command.operands] == operands


@pytest.mark.parametrize(
    "run",
    [
        "RUN echo uv sync",
        "RUN pip install uv",
        "RUN uvicorn app:app",
        "RUN python -m pip install uv",
        "RUN uv",
    ],
)
def test_not_uv(run: str) -> None:
    _, found = _commands(f"FROM python:3.12-slim\n{run}\n")
    assert [command.subcommand for command in found] == []


def test_heredoc_and_several_commands() -> None:
    _, found = _commands(
        """
        FROM python:3.12-slim
        RUN <<EOF
        uv venv /opt/venv
        uv pip install -r requirements.txt
        EOF
        """
    )
    assert [(command.subcommand, command.installs) for command in found] == [("venv", False), ("pip install", True)]


def test_options_behind_variable_are_unknown() -> None:
    _, found = _commands("FROM python:3.12-slim\nRUN uv sync $UV_FLAGS\n")
    assert found[0].options_unknown
    assert uv.flag_setting(found[0], ("--locked",), "UV_LOCKED").on is None
    _, quoted = _commands('FROM python:3.12-slim\nRUN uv pip install "$PACKAGE"\n')
    assert not quoted[0].options_unknown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("FROM python:3.12-slim\nRUN uv sync --locked\n", (True, "--locked")),
        ("FROM python:3.12-slim\nENV UV_LOCKED=1\nRUN uv sync\n", (True, "UV_LOCKED=1")),
        ("FROM python:3.12-slim\nARG UV_LOCKED=true\nRUN uv sync\n", (True, "UV_LOCKED=true")),
        ("FROM python:3.12-slim\nRUN UV_LOCKED=yes uv sync\n", (True, "UV_LOCKED=yes")),
        ("FROM python:3.12-slim\nRUN export UV_LOCKED=1 && uv sync\n", (True, "UV_LOCKED=1")),
        ("FROM python:3.12-slim\nENV UV_LOCKED=0\nRUN uv sync\n", (False, "")),
        ("FROM python:3.12-slim\nARG UV_LOCKED\nRUN uv sync\n", (None, "UV_LOCKED")),
        ("FROM python:3.12-slim\nENV UV_LOCKED=maybe\nRUN uv sync\n", (None, "UV_LOCKED=maybe")),
        ("FROM python:3.12-slim\nRUN uv sync\n", (False, "")),
    ],
)
def test_flag_setting(source: str, expected: tuple[bool | None, str]) -> None:
    _, found = _commands(source)
    setting = uv.flag_setting(found[0], ("--locked",), "UV_LOCKED")
    assert (setting.on, setting.source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("FROM python:3.12-slim\nRUN uv sync\n", "/root/.cache/uv"),
        ("FROM python:3.12-slim\nRUN uv sync --no-cache\n", None),
        ("FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN uv sync\n", None),
        ("FROM python:3.12-slim\nRUN uv sync --cache-dir /cache\n", "/cache"),
        ("FROM python:3.12-slim\nENV UV_CACHE_DIR=/opt/uv-cache/\nRUN uv sync\n", "/opt/uv-cache"),
        ("FROM python:3.12-slim\nENV XDG_CACHE_HOME=/xdg\nRUN uv sync\n", "/xdg/uv"),
        ("FROM python:3.12-slim\nENV HOME=/home/app\nRUN uv sync\n", "/home/app/.cache/uv"),
        ("FROM python:3.12-slim\nUSER app\nRUN uv sync\n", uv.UNKNOWN),
        ("FROM python:3.12-slim\nUSER root\nRUN uv sync\n", "/root/.cache/uv"),
        ("FROM example.com/base\nRUN uv sync\n", uv.UNKNOWN),
        ("FROM python:3.12-slim AS base\nFROM base\nRUN uv sync\n", "/root/.cache/uv"),
        ("FROM python:3.12-slim\nARG CACHE\nRUN uv sync --cache-dir $CACHE\n", uv.UNKNOWN),
    ],
)
def test_cache_directory(source: str, expected: object) -> None:
    dockerfile, found = _commands(source)
    assert uv.cache_directory(dockerfile, found[0]) == expected


@pytest.mark.parametrize(
    ("source", "covered"),
    [
        ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n", True),
        ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache uv sync\n", True),
        ("FROM python:3.12-slim\nRUN --mount=type=cache,dst=/root/.cache/uv/ uv sync\n", True),
        ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip uv sync\n", False),
        ("FROM python:3.12-slim\nRUN --mount=type=bind,target=/root/.cache/uv uv sync\n", False),
        ("FROM python:3.12-slim\nENV UV_CACHE_DIR=/uv\nRUN --mount=type=cache,target=/uv uv sync\n", True),
        ("FROM python:3.12-slim\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/uv uv sync\n", True),
        ("FROM python:3.12-slim\nUSER app\nRUN --mount=type=cache,target=/tmp/pip uv sync\n", False),
        ("FROM python:3.12-slim\nUSER app\nRUN --mount=type=cache,target=/root/.cache/uv uv sync\n", False),
        ("FROM python:3.12-slim\nUSER app\nRUN --mount=type=cache,target=/uv-cache uv sync\n", True),
        ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --no-cache\n", False),
    ],
)
def test_cache_mount(source: str, covered: bool) -> None:
    dockerfile, found = _commands(source)
    assert (uv.cache_mount(dockerfile, found[0]) is not None) is covered


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), ("on", True), ("0", False), ("off", False), ("", False), ("x", None), (None, None)],
)
def test_parse_bool(value: object, expected: bool | None) -> None:
    assert uv.parse_bool(value) is expected
