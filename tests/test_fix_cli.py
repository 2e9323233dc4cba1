"""`lintainer --fix`, `--diff` and `--unsafe-fixes` end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

# DF202 has a safe fix; DF101's fix for a command with a variable is unsafe (`exec` in front).
SOURCE = "FROM python:3.12-slim\nRUN pip install fastapi\nCMD uvicorn app.main:app --port ${PORT:-80}\n"
SAFE_FIXED = SOURCE.replace("pip install", "pip install --no-cache-dir")
ALL_FIXED = SAFE_FIXED.replace("CMD uvicorn", "CMD exec uvicorn")
CLEAN = "FROM python:3.12-slim\nRUN pip install --no-cache-dir fastapi\n"
SELECT = ("--select", "DF101,DF202", "--isolated")


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*SELECT, *args], input=stdin, catch_exceptions=False, env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def dockerfile(tmp_path: Path) -> Path:
    path = tmp_path / "Dockerfile"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def test_fix_writes_the_safe_fixes_and_reports_what_remains(dockerfile: Path) -> None:
    code, out, err = invoke("--fix", str(dockerfile))
    assert dockerfile.read_text(encoding="utf-8") == SAFE_FIXED
    assert code == 1  # DF101 remains
    assert "DF101" in out and "DF202" not in out
    assert f"Fixed 1 finding in {dockerfile}: DF202 ×1; 1 finding remains." in err
    assert "1 more fix available with --unsafe-fixes" in err


def test_unsafe_fixes_are_applied_when_asked(dockerfile: Path) -> None:
    code, _out, err = invoke("--fix", "--unsafe-fixes", str(dockerfile))
    assert dockerfile.read_text(encoding="utf-8") == ALL_FIXED
    assert code == 0
    assert "DF101 ×1, DF202 ×1; 0 findings remain" in err
    assert "--unsafe-fixes" not in err


def test_fix_reports_json_of_the_fixed_file(dockerfile: Path) -> None:
    code, out, _err = invoke("--fix", "--format", "json", str(dockerfile))
    report = json.loads(out)
    assert [(f["code"], f["line"]) for f in report["findings"]] == [("DF101", 3)]
    assert code == 1


def test_fix_of_a_clean_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(CLEAN, encoding="utf-8")
    past = 1_000_000_000
    os.utime(path, (past, past))
    code, _out, err = invoke("--fix", str(path))
    assert code == 0
    assert path.stat().st_mtime == past
    assert "Nothing fixed." in err


def test_fix_only_touches_selected_rules(dockerfile: Path) -> None:
    result = CliRunner().invoke(
        main, ["--isolated", "--select", "DF101", "--fix", "--unsafe-fixes", str(dockerfile)], env={"NO_COLOR": "1"}
    )
    assert dockerfile.read_text(encoding="utf-8") == SOURCE.replace("CMD uvicorn", "CMD exec uvicorn")
    assert result.exit_code == 0


def test_diff_prints_and_does_not_write(dockerfile: Path) -> None:
    code, out, err = invoke("--diff", str(dockerfile))
    assert dockerfile.read_text(encoding="utf-8") == SOURCE
    assert code == 1
    assert out == (
        f"--- {dockerfile}\n+++ {dockerfile}\n@@ -1,3 +1,3 @@\n FROM python:3.12-slim\n-RUN pip install fastapi\n"
        f"+RUN pip install --no-cache-dir fastapi\n CMD uvicorn app.main:app --port ${{PORT:-80}}\n"
    )
    assert f"Would fix 1 finding in {dockerfile}: DF202 ×1." in err


def test_diff_with_unsafe_fixes(dockerfile: Path) -> None:
    code, out, _err = invoke("--diff", "--unsafe-fixes", str(dockerfile))
    assert "+CMD exec uvicorn" in out
    assert code == 1


def test_diff_without_changes_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(CLEAN, encoding="utf-8")
    code, out, err = invoke("--diff", str(path))
    assert (code, out) == (0, "")
    assert "No fixes to apply." in err


def test_diff_exit_zero(dockerfile: Path) -> None:
    code, out, _err = invoke("--diff", "--exit-zero", str(dockerfile))
    assert code == 0 and out.startswith("---")


def test_unsafe_fixes_alone_is_a_usage_error(dockerfile: Path) -> None:
    code, _out, err = invoke("--unsafe-fixes", str(dockerfile))
    assert code == 2
    assert "--unsafe-fixes only applies with --fix or --diff" in err


def test_stdin_fixed_text_on_stdout_report_on_stderr() -> None:
    code, out, err = invoke("--fix", "-", stdin=SOURCE.encode())
    assert out == SAFE_FIXED
    assert "-:3:5 DF101" in err
    assert code == 1


def test_stdin_clean_text_is_echoed() -> None:
    code, out, _err = invoke("--fix", "--stdin-filename", "api/Dockerfile", "-", stdin=CLEAN.encode())
    assert (code, out) == (0, CLEAN)


def test_stdin_keeps_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode()
    completed = subprocess.run(
        [sys.executable, "-m", "linter", *SELECT, "--fix", "-"], input=data, capture_output=True, timeout=120
    )
    assert completed.stdout == b"\xef\xbb\xbf" + SAFE_FIXED.replace("\n", "\r\n").encode()
    assert completed.returncode == 1


def test_stdin_diff() -> None:
    code, out, _err = invoke("--diff", "-", stdin=SOURCE.encode())
    assert out.startswith("--- -\n+++ -\n")
    assert code == 1


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_read_only_file_is_an_error_not_a_crash(dockerfile: Path, tmp_path: Path) -> None:
    other = tmp_path / "api.Dockerfile"
    other.write_text(SOURCE, encoding="utf-8")
    dockerfile.chmod(0o444)
    code, out, _err = invoke("--fix", str(dockerfile), str(other))
    assert code == 2
    assert dockerfile.read_text(encoding="utf-8") == SOURCE
    assert other.read_text(encoding="utf-8") == SAFE_FIXED  # the other file is still fixed
    assert "not fixed: cannot write the fixed file: the file is read-only" in out
    assert f"{dockerfile}:2:5 DF202" in out  # the report is of the file as it is on disk


def test_invalid_utf8_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    data = b"FROM python:3.12-slim\nRUN pip install fastapi  # caf\xe9\n"
    path.write_bytes(data)
    code, out, _err = invoke("--fix", str(path))
    assert path.read_bytes() == data
    assert code == 2
    assert "not fixed: the file is not valid UTF-8" in out


def test_several_files_are_summarised_per_file(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text(SOURCE, encoding="utf-8")
    code, _out, err = invoke("--fix", str(tmp_path))
    assert code == 1
    assert f"Fixed 1 finding in {tmp_path / 'a' / 'Dockerfile'}: DF202 ×1" in err
    assert "Fixed 2 findings in 2 files: DF202 ×2; 2 findings remain." in err


def test_real_cli_fix(dockerfile: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "linter", *SELECT, "--fix", str(dockerfile)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert dockerfile.read_text(encoding="utf-8") == SAFE_FIXED
    assert completed.returncode == 1
