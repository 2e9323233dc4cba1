"""The pre-commit hook, run by the real ``pre-commit try-repo`` against a temporary repository.

``try-repo`` clones the hook repository at HEAD, builds the hook's virtualenv and pip-installs lintainer into it, so
this test needs PyPI for the build dependencies (setuptools) and lintainer's own dependencies, and takes tens of
seconds per run. It is skipped when pre-commit is not installed (it is in the `test` extra).

The hook repository is a snapshot of this work tree (``tests/snapshot.py``), so the code under test is what is tried.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.snapshot import GIT_IDENTITY, snapshot

pytest.importorskip("pre_commit")

BAD = "FROM alpine\nFOO bar\n"  # DF001: unknown instruction
GOOD = "FROM alpine\nUSER app\n"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def try_repo(hooks: Path, repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", **GIT_IDENTITY}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "lintainer", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_fails_on_a_bad_dockerfile_and_passes_once_fixed(tmp_path: Path) -> None:
    repo = tmp_path / "project"
    (repo / "svc").mkdir(parents=True)
    (repo / "svc" / "Dockerfile").write_text(BAD)
    (repo / "api.Dockerfile").write_text(GOOD)
    (repo / "Dockerfile.dockerignore").write_text("FOO\n")  # not a Dockerfile: the hook must not pass it
    (repo / "README.md").write_text("FOO bar\n")
    (repo / ".lintainer.toml").write_text('select = ["DF001"]\n')  # rules added later do not change the outcome
    git("init", "-q", cwd=repo)
    git("add", ".", cwd=repo)

    hooks = snapshot(tmp_path / "lintainer")
    failing = try_repo(hooks, repo, tmp_path / "pre-commit-home")
    output = failing.stdout + failing.stderr
    assert failing.returncode == 1, output
    assert "lintainer" in output and "Failed" in output
    assert "svc/Dockerfile:2:1 DF001 [error] unknown instruction `FOO`" in output
    assert "Dockerfile.dockerignore" not in output

    (repo / "svc" / "Dockerfile").write_text(GOOD)
    git("add", ".", cwd=repo)
    passing = try_repo(hooks, repo, tmp_path / "pre-commit-home")
    output = passing.stdout + passing.stderr
    assert passing.returncode == 0, output
    assert "Passed" in output
