"""Whole-file fixtures, checked end to end through the CLI.

Each folder under ``fixtures/lint/`` holds Dockerfiles and an ``expected.txt`` listing every finding as
``<file>:<line>:<column> <CODE>`` (paths relative to the folder), one per line; ``#`` starts a comment.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lint"
CASES = sorted(path for path in FIXTURES.iterdir() if path.is_dir())


def expected_findings(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fixture(case: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "--today", "2026-11-27", "."],
        cwd=case,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(completed.stdout)
    assert report["errors"] == []
    found = sorted(
        f"{Path(f['path']).as_posix().removeprefix('./')}:{f['line']}:{f['column']} {f['code']}"
        for f in report["findings"]
    )
    assert found == expected_findings(case)
    assert completed.returncode == (1 if found else 0)
