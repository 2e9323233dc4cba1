"""The shared analyses are computed once per file and forgotten with the model; their shortcuts change no finding."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from linter.engine import CONTEXT_READS, LintOptions, lint_bytes
from linter.model import Dockerfile, parse_dockerfile
from linter.registry import all_rules
from linter.rule import per_file
from linter.servers import find_servers
from tests.helpers import lint


def test_an_analysis_runs_once_per_model_and_is_forgotten_with_it() -> None:
    calls: list[str] = []

    @per_file
    def stage_count(dockerfile: Dockerfile) -> int:
        calls.append(dockerfile.path)
        return len(dockerfile.stages)

    first = parse_dockerfile(b"FROM a\nFROM b\n", "first")
    assert stage_count(first) == 2
    assert stage_count(first) == 2
    second = parse_dockerfile(b"FROM a\n", "second")
    assert stage_count(second) == 1
    assert calls == ["first", "second"]

    freed = weakref.ref(first)
    del first
    gc.collect()
    assert freed() is None  # the cache does not keep the model alive


# --------------------------------------------------------------------------------------------------------------------
# What the shortcuts must not change
# --------------------------------------------------------------------------------------------------------------------


def test_find_servers_gives_each_caller_its_own_list() -> None:
    dockerfile = parse_dockerfile(b'FROM python:3.12\nCMD ["uvicorn", "app:app"]\n')
    first = find_servers(dockerfile)
    first.clear()
    assert [server.server for server in find_servers(dockerfile)] == ["uvicorn"]


def test_a_lint_reads_each_build_context_file_once(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.uv]\n")
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        "FROM python:3.12\n"
        "RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n"
        "RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt\n"
    )
    reads: list[tuple[str, str | None]] = []
    token = CONTEXT_READS.set(reads)
    try:
        lint_bytes(dockerfile.read_bytes(), str(dockerfile), LintOptions(rules=all_rules()))
    finally:
        CONTEXT_READS.reset(token)
    names = [Path(path).name for path, _text in reads]
    assert names.count("pyproject.toml") == 1  # several uv rules ask
    assert sorted(set(names)) == sorted(names)


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("echo 'sslverify=0' >> /etc/yum.conf", True),
        ("echo 'SSLVERIFY = off' >> /etc/dnf/dnf.conf", True),
        # Ignoring case, `ſ` is an `s` to the pattern: the shortcut for ASCII text must not lose it.
        ("echo 'ſslverify=0' >> /etc/yum.conf", True),
        ("echo 'sslverify=1' >> /etc/yum.conf", False),
        ("echo 'Acquire::https::Verify-Peer \"false\";' > /etc/apt/apt.conf.d/99", True),
    ],
)
def test_configuration_text_that_turns_verification_off(written: str, found: bool) -> None:
    assert bool(lint(f"FROM debian\nRUN {written}\n", "DF508")) is found
