"""The benchmark scripts run end to end (a smoke test of the scripts, not a measurement: their numbers are not read)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
CORPUS = REPOSITORY.parent / "shared" / "corpus"


def _benchmark(script: str, *arguments: str) -> str:
    """Run a benchmark script of this checkout; its standard output."""
    command = [sys.executable, f"benchmarks/{script}", *arguments]
    completed = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_language_server_latency_script_reports_percentiles_and_the_machine_spread() -> None:
    lines = _benchmark("lsp_latency.py", "--runs", "5", "--rounds", "2", "--lines", "60").splitlines()
    assert lines[0].startswith("60 lines, ") and "5 runs x 2 rounds" in lines[0]
    assert [line.split()[0] for line in lines[1:4]] == ["wall", "cpu", "best"] and "p95" in lines[1]
    # Each edit's best over the rounds is at most its time in any round.
    best_p50, cpu_p50 = (float(line.split()[2]) for line in (lines[3], lines[2]))
    assert best_p50 <= cpu_p50
    assert lines[5].startswith("machine: the same fixed work")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_speed_benchmark_runs_against_hadolint_on_a_few_files(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    output = _benchmark("run.py", "--limit", "5", "--runs", "1", "--json", str(results))
    assert "goals:" in output
    payload = json.loads(results.read_text())
    assert payload["files"] == 5 and payload["in_process"]["files"] == 5
    assert payload["in_process"]["rounds"] == 1
    assert payload["in_process"]["median_ms"] == payload["in_process"]["first_round_median_ms"]
    assert set(payload["goals"]) == {
        "corpus wall time",
        "one file cold",
        "in-process median per file",
        "corpus peak memory",
    }
