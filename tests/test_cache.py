"""The result cache (``.lintainer_cache/``): hits give identical results, anything odd about the cache is ignored."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter import cache as cache_module
from linter import engine
from linter.discover import discover
from linter.engine import FileResult, LintOptions
from linter.registry import all_rules
from linter.rule import Rule, RuleContext, Violation
from linter.runner import lint_all

TODAY = _dt.date(2026, 11, 27)
SERVICE = """\
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD uvicorn app.main:app --host 0.0.0.0
"""
OTHER = "FROM alpine:3.20\nFOO bar\nRUN apt-get install curl\n"


@pytest.fixture(autouse=True)
def private_key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test signs with its own key, in its own cache home; the cache goes in its own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    yield


def write_tree(root: Path) -> None:
    (root / "api").mkdir()
    (root / "api" / "Dockerfile").write_text(SERVICE)
    (root / "api" / "requirements.txt").write_text("fastapi\n")
    (root / "worker.Dockerfile").write_text(OTHER)


def options(**changes: object) -> LintOptions:
    return LintOptions(rules=all_rules(), today=changes.pop("today", TODAY), **changes)  # type: ignore[arg-type]


def snapshot(results: list[FileResult]) -> list[tuple[object, ...]]:
    """What a report shows: findings (fixes included), errors, and the source line of each finding."""
    return [
        (result.path, result.findings, result.error, [result.lines[f.span.start_line - 1] for f in result.findings])
        for result in results
    ]


def lint_tree(root: Path, lint_options: LintOptions | None = None) -> list[FileResult]:
    return lint_all(list(discover([str(root)])), lint_options or options(), jobs=1)


def cache_files() -> list[Path]:
    return sorted(Path(".lintainer_cache").glob("v*.json"))


def refuse_to_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> FileResult:
        raise AssertionError("linted although the cache holds the result")

    monkeypatch.setattr("linter.runner.lint_bytes", fail)


def test_a_second_run_is_served_from_the_cache_with_identical_results(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path("src")
    root.mkdir()
    write_tree(root)
    first = lint_tree(root)
    assert any(result.findings for result in first)
    assert len(cache_files()) == 1
    assert Path(".lintainer_cache/.gitignore").read_text().endswith("*\n")
    refuse_to_lint(monkeypatch)
    assert snapshot(lint_tree(root)) == snapshot(first)


def test_a_changed_file_is_linted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path("src")
    root.mkdir()
    write_tree(root)
    lint_tree(root)
    (root / "worker.Dockerfile").write_text("FROM alpine:3.20\nBAR baz\n")
    results = {result.path: result for result in lint_tree(root)}
    messages = [f.message for f in results[str(root / "worker.Dockerfile")].findings]
    assert "unknown instruction `BAR`" in messages
    assert "unknown instruction `FOO`" not in messages


def test_other_settings_or_another_day_use_another_cache_file() -> None:
    root = Path("src")
    root.mkdir()
    write_tree(root)
    lint_tree(root)
    lint_tree(root, options(today=_dt.date(2026, 11, 28)))
    lint_tree(root, LintOptions(rules=all_rules()[:1], today=TODAY))
    assert len(cache_files()) == 3


def test_a_change_to_a_build_context_file_a_rule_read_invalidates_the_entry() -> None:
    calls: list[str] = []

    def check(dockerfile: object, context: RuleContext) -> Iterator[Violation]:
        text = context.read_context_file("requirements.txt")
        calls.append(text or "")
        if text and "flask" in text:
            from linter.positions import Span

            yield Violation(Span(1, 1, 1, 5), "flask listed")

    rule = Rule("TST901", "reads-context", engine.Severity.WARNING, "test", (), check, "")
    root = Path("src")
    root.mkdir()
    write_tree(root)
    lint_options = LintOptions(rules=(rule,), today=TODAY)
    assert all(not r.findings for r in lint_tree(root, lint_options))
    lint_tree(root, lint_options)
    assert len(calls) == 2  # the first run read both files; the second was served from the cache
    (root / "api" / "requirements.txt").write_text("flask\n")
    results = lint_tree(root, lint_options)
    assert len(calls) == 3  # only the Dockerfile whose context changed was linted again
    assert [f.message for r in results for f in r.findings] == ["flask listed"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b"0" * 64 + b"\n{}",  # a wrong signature
        b'{"version": "0.1.0", "entries": {}}',  # unsigned
    ],
    ids=["empty", "binary", "bad-signature", "unsigned"],
)
def test_a_corrupt_or_unsigned_cache_file_is_ignored_and_replaced(content: bytes) -> None:
    root = Path("src")
    root.mkdir()
    write_tree(root)
    expected = snapshot(lint_tree(root))
    (cache_file,) = cache_files()
    cache_file.write_bytes(content)
    assert snapshot(lint_tree(root)) == expected
    assert cache_file.read_bytes() != content


def test_signed_entries_of_the_wrong_shape_are_misses_not_crashes() -> None:
    root = Path("src")
    root.mkdir()
    write_tree(root)
    expected = snapshot(lint_tree(root))
    (cache_file,) = cache_files()
    cache = cache_module.ResultCache(cache_file.parent, cache_file.stem.split("-", 1)[1], cache_module.signing_key())
    for entry in cache._entries.values():
        entry["findings"] = [{"code": 1, "span": "x"}, None, {"span": [1, 2]}]
    cache._changed = True
    cache.save()
    assert snapshot(lint_tree(root)) == expected


def test_a_planted_cache_cannot_hide_findings() -> None:
    """A repository may ship a `.lintainer_cache/`; without this user's key its entries are never trusted."""
    root = Path("src")
    root.mkdir()
    write_tree(root)
    expected = snapshot(lint_tree(root))
    (cache_file,) = cache_files()
    signature, _, payload = cache_file.read_bytes().partition(b"\n")
    forged = json.loads(payload)
    for entry in forged["entries"].values():
        entry["findings"] = []
    forged_payload = json.dumps(forged).encode()
    cache_file.write_bytes(signature + b"\n" + forged_payload)  # the old signature does not cover the forgery
    assert snapshot(lint_tree(root)) == expected


def test_an_unwritable_cache_location_is_not_an_error() -> None:
    root = Path("src")
    root.mkdir()
    write_tree(root)
    Path(".lintainer_cache").write_text("a file where the cache folder should be")
    first = lint_tree(root)
    assert snapshot(lint_tree(root)) == snapshot(first)
    assert any(result.findings for result in first)


def test_without_a_place_for_the_signing_key_nothing_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = Path("not-a-folder")
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    root = Path("src")
    root.mkdir()
    write_tree(root)
    assert any(result.findings for result in lint_tree(root))
    assert not Path(".lintainer_cache").exists()


def test_the_cache_goes_to_the_repository_root(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "services" / "api").mkdir(parents=True)
    assert cache_module.cache_root(str(repository / "services" / "api")) == repository
    assert cache_module.cache_root(str(tmp_path)) == tmp_path


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "--today", "2026-11-27", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )


def test_cli_output_is_the_same_from_the_cache_and_no_cache_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "cli"
    project.mkdir()
    write_tree(project)
    fresh = run_cli("--no-cache", ".", cwd=project)
    assert not (project / ".lintainer_cache").exists()
    first = run_cli(".", cwd=project)
    assert (project / ".lintainer_cache").is_dir()
    second = run_cli(".", cwd=project)
    assert fresh.returncode == first.returncode == second.returncode == 1
    assert fresh.stdout == first.stdout == second.stdout
    assert json.loads(second.stdout)["findings"]
