"""Before/after pairs for `lintainer --fix`, checked byte for byte through the real command line.

Each folder under ``fixtures/fix/`` holds ``before.Dockerfile`` and ``after.Dockerfile``, and optionally ``args.txt``
with extra arguments (``--unsafe-fixes``, ``--select DF101``...); any other file is build context (an app's
``main.py``). The test copies ``before.Dockerfile`` to a temporary ``Dockerfile`` next to that context, runs
``lintainer --fix`` on it, and compares the result with ``after.Dockerfile``; fixing the result again must change
nothing.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fix"
CASES = sorted(path for path in FIXTURES.iterdir() if path.is_dir())
CASE_FILES = ("before.Dockerfile", "after.Dockerfile", "args.txt")


def run_fix(path: Path, case: Path) -> subprocess.CompletedProcess[bytes]:
    args_file = case / "args.txt"
    extra = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.exists() else []
    return subprocess.run(
        [sys.executable, "-m", "linter", "--isolated", "--today", "2026-11-27", "--fix", *extra, str(path)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fix_fixture(case: Path, tmp_path: Path) -> None:
    before, after = (case / "before.Dockerfile").read_bytes(), (case / "after.Dockerfile").read_bytes()
    assert before != after, "a fixture should fix something"
    # Other files of the case are the build context some fixes read (the app's main.py, requirements.txt).
    shutil.copytree(case, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*CASE_FILES))
    target = tmp_path / "Dockerfile"
    shutil.copyfile(case / "before.Dockerfile", target)
    completed = run_fix(target, case)
    assert completed.returncode in (0, 1), completed.stdout.decode() + completed.stderr.decode()
    assert b"bug in lintainer" not in completed.stderr, completed.stderr.decode()
    assert target.read_bytes() == after

    mtime = target.stat().st_mtime_ns
    again = run_fix(target, case)
    assert target.read_bytes() == after, "fixing the fixed file changed it"
    assert target.stat().st_mtime_ns == mtime
    assert b"Nothing fixed." in again.stderr


def test_every_fixable_rule_has_a_fixture() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "linter", "rules", "--format", "json"], capture_output=True, text=True, timeout=120
    )
    fixable = {rule["code"] for rule in json.loads(listed.stdout) if rule["fixable"]}
    applied: set[str] = set()
    for case in CASES:
        args_file = case / "args.txt"
        args = args_file.read_text(encoding="utf-8") if args_file.exists() else ""
        selected = shlex.split(args)
        if "--select" in selected:
            applied.update(selected[selected.index("--select") + 1].split(","))
    missing = sorted(fixable - applied)
    assert not missing, (
        f"fixable rules without a fixtures/fix/<case>/ pair (before.Dockerfile, after.Dockerfile, args.txt with "
        f"--select <CODE>): {', '.join(missing)}"
    )
