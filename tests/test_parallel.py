"""``--jobs``: worker processes give exactly the output of linting in one process, and survive a dying worker."""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter import runner
from linter.discover import discover
from linter.engine import FileResult, LintOptions
from linter.positions import Span
from linter.registry import all_rules
from linter.rule import Rule, RuleContext, Severity, Violation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lint"
TODAY = _dt.date(2026, 11, 27)
forking_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """More files than it takes to start workers: every fixture Dockerfile, several times, plus unreadable ones."""
    root = tmp_path / "tree"
    sources = sorted(FIXTURES.glob("*/Dockerfile*"))
    assert sources
    count = 0
    while count < runner.MIN_FILES_FOR_POOL + 20:
        for source in sources:
            folder = root / f"svc{count:03d}"
            folder.mkdir(parents=True)
            (folder / "Dockerfile").write_bytes(source.read_bytes())
            count += 1
    (root / "binary").mkdir()
    (root / "binary" / "Dockerfile").write_bytes(b"\x7fELF\x00\x01")
    (root / "dangling").mkdir()
    (root / "dangling" / "Dockerfile").symlink_to(root / "nowhere")
    return root


def snapshot(results: list[FileResult]) -> list[tuple[object, ...]]:
    return [
        (result.path, result.findings, result.error, [result.lines[f.span.start_line - 1] for f in result.findings])
        for result in results
    ]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", "--no-cache", "--today", "2026-11-27", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )


@forking_only
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_jobs_give_the_output_of_one_process(tree: Path, output_format: str) -> None:
    single = run_cli("--jobs", "1", "--format", output_format, ".", cwd=tree)
    pooled = run_cli("--jobs", "3", "--format", output_format, ".", cwd=tree)
    assert single.returncode == pooled.returncode == 2  # findings, and two files that cannot be linted
    assert pooled.stdout == single.stdout
    assert "binary data" in single.stdout and "No such file or directory" in single.stdout


@forking_only
def test_the_pool_is_used_and_results_keep_discovery_order(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = list(discover([str(tree)]))
    lint_options = LintOptions(rules=all_rules(), today=TODAY)
    started = []
    original = runner._pool

    def spy(*args: object) -> object:
        pool = original(*args)  # type: ignore[arg-type]
        started.append(pool[0] is not None)
        return pool

    monkeypatch.setattr(runner, "_pool", spy)
    single = runner.lint_all(found, lint_options, jobs=1, use_cache=False)
    pooled = runner.lint_all(found, lint_options, jobs=2, use_cache=False)
    assert started == [False, True]
    assert [result.path for result in pooled] == [item.path for item in found]
    assert snapshot(pooled) == snapshot(single)


def test_few_files_are_linted_in_process(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    executor, workers = runner._pool(LintOptions(rules=all_rules()), 8, False, 3)
    assert executor is None and workers == 1


def _dies_in_workers(dockerfile: object, context: RuleContext) -> Iterator[Violation]:
    if os.getpid() != PARENT:
        os._exit(3)  # a crash in native code (tree-sitter) would look like this
    yield Violation(Span(1, 1, 1, 2), "linted in the parent")


PARENT = os.getpid()


@forking_only
def test_a_dying_worker_does_not_lose_files(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Rule("TST902", "dies-in-workers", Severity.INFO, "test", (), _dies_in_workers, "")
    monkeypatch.setattr("linter.registry.all_rules", lambda: (rule,))
    found = list(discover([str(tree)]))
    results = runner.lint_all(found, LintOptions(rules=(rule,), today=TODAY), jobs=2, use_cache=False)
    assert len(results) == len(found)
    linted = [result for result in results if result.error is None]
    assert linted and all(result.findings[0].message == "linted in the parent" for result in linted)


def test_default_jobs_is_the_usable_cpu_count() -> None:
    assert 1 <= runner.default_jobs() <= (os.cpu_count() or 1)


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    completed = run_cli("--jobs", "0", "Dockerfile", cwd=tmp_path)
    assert completed.returncode == 2
    assert "--jobs" in completed.stderr


# Not needed to lint a few files once, without a cache or a configuration file: the pool's modules (workers start
# only for many files), plugin discovery's importlib.metadata (no installed distribution declares a rule), hashing
# (no cache, no fingerprints in JSON), TOML (--isolated), and difflib (only for "did you mean" hints).
NOT_FOR_ONE_FILE = ("multiprocessing", "concurrent.futures", "importlib.metadata", "hashlib", "tomllib", "difflib")


@pytest.mark.parametrize(
    ("source", "output_format", "absent"),
    [
        # no shell to parse, no text to style
        ("FROM alpine:3.20\nUSER 10001\n", "json", ("rich", "tree_sitter", *NOT_FOR_ONE_FILE)),
        # tree-sitter-bash's grammar without its package's importlib.resources (query files lintainer never reads)
        ("FROM alpine:3.20\nRUN echo hi\nUSER 10001\n", "json", ("rich", "importlib.resources", *NOT_FOR_ONE_FILE)),
        ("FROM alpine:3.20\nRUN echo hi\nUSER 10001\n", "sarif", ("rich", "multiprocessing", "importlib.metadata")),
        # text without colour (a pipe, a CI log) is written without rich
        ("FROM alpine:3.20\nRUN echo hi\nUSER 10001\n", "text", ("rich", *NOT_FOR_ONE_FILE)),
    ],
)
def test_work_that_does_not_need_a_library_does_not_import_it(
    tmp_path: Path, source: str, output_format: str, absent: tuple[str, ...]
) -> None:
    """Start-up time: rich only renders text output, tree-sitter only parses shell scripts, and so on.

    A module counts when this run imported it (or a submodule of it), not when the interpreter had already loaded
    it at start-up (site hooks of the environment may).
    """
    (tmp_path / "Dockerfile").write_text(source)
    code = (
        "import sys\n"
        "preloaded = set(sys.modules)\n"
        "from linter.cli import main\n"
        "try:\n"
        f"    main(['--isolated', '--no-cache', '--format', {output_format!r}, 'Dockerfile'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"absent = {absent!r}\n"
        "imported = set(sys.modules) - preloaded\n"
        "loaded = sorted(a for a in absent if any(m == a or m.startswith(a + '.') for m in imported))\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert completed.stderr.strip().endswith("[]"), completed.stderr


def test_spawned_workers_as_on_macos_and_windows(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where workers cannot be forked, they are spawned: the options must cross as data and rules be found by code."""
    found = list(discover([str(tree)]))[:12]
    lint_options = LintOptions(rules=all_rules(), today=TODAY, ignores_for=lambda _path: ("DF001",))
    single = runner.lint_all(found, lint_options, jobs=1, use_cache=False)
    monkeypatch.setattr(runner.sys, "platform", "darwin")
    monkeypatch.setattr(runner, "MIN_FILES_FOR_SPAWNED_POOL", 2)
    started = []
    original = runner._pool

    def spy(*args: object) -> object:
        pool = original(*args)  # type: ignore[arg-type]
        started.append(pool[0] is not None)
        return pool

    monkeypatch.setattr(runner, "_pool", spy)
    here = []
    lint_here = runner._lint_task
    monkeypatch.setattr(runner, "_lint_task", lambda *args: here.append(1) or lint_here(*args))
    spawned = runner.lint_all(found, lint_options, jobs=2, use_cache=False)
    assert started == [True]
    assert len(here) < len(found)  # the spawned worker linted some
    assert snapshot(spawned) == snapshot(single)
    assert not any(f.code == "DF001" for result in spawned for f in result.findings)  # per-file ignores crossed
