"""The ``lintainer`` command end to end: discovery, formats, selection, exit codes, stdin, plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

BAD = "FROM scratch\nFOO bar\n"  # DF001: unknown instruction, and nothing else
GOOD = 'FROM scratch\nCOPY --chown=10001:10001 app /app\nUSER 10001\nENTRYPOINT ["/app"]\n'  # nothing to report


def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "Dockerfile").write_text(BAD)
    (tmp_path / "Containerfile").write_text(GOOD)
    (tmp_path / "api.Dockerfile").write_text(GOOD)
    (tmp_path / "Dockerfile.dev").write_text(GOOD)
    (tmp_path / "Dockerfile.dockerignore").write_text("*\n")
    (tmp_path / "README.md").write_text("# not a Dockerfile\n")
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "Dockerfile").write_text(BAD)
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "Dockerfile").write_text(BAD)
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "Dockerfile").write_text(BAD)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    return tmp_path


def json_report(*args: str, cwd: Path | None = None, stdin: str | None = None) -> tuple[int, dict]:
    completed = run("--format", "json", *args, cwd=cwd, stdin=stdin)
    return completed.returncode, json.loads(completed.stdout)


def test_walks_a_tree_and_finds_dockerfiles_by_name(tree: Path) -> None:
    code, report = json_report(".", cwd=tree)
    assert code == 1
    assert {f["path"] for f in report["findings"]} == {"svc/Dockerfile"}
    assert report["errors"] == []


def test_discovery_names(tree: Path) -> None:
    from linter.discover import discover

    found = sorted(Path(d.path).relative_to(tree).as_posix() for d in discover([str(tree)]))
    assert found == ["Containerfile", "Dockerfile.dev", "api.Dockerfile", "svc/Dockerfile"]


def test_default_path_is_the_current_directory(tree: Path) -> None:
    completed = run(cwd=tree)
    assert completed.returncode == 1
    assert "svc/Dockerfile:2:1 DF001 [error] unknown instruction `FOO`" in completed.stdout


def test_json_report_shape(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(BAD)
    code, report = json_report("Dockerfile", cwd=tmp_path)
    assert code == 1
    assert report["version"] == 1
    assert report["tool"]["name"] == "lintainer"
    finding = report["findings"][0]
    assert finding == {
        "code": "DF001",
        "name": "parse-error",
        "severity": "error",
        "message": "unknown instruction `FOO`",
        "path": "Dockerfile",
        "line": 2,
        "column": 1,
        "end_line": 2,
        "end_column": 4,
        "url": finding["url"],
        "fix": None,
    }
    assert finding["url"].endswith("#df001")


def test_text_output_shows_the_source_line_and_a_summary(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(BAD)
    completed = run("Dockerfile", cwd=tmp_path)
    lines = completed.stdout.splitlines()
    assert lines[0] == "Dockerfile:2:1 DF001 [error] unknown instruction `FOO`"
    assert lines[1].endswith("| FOO bar")
    assert lines[2].endswith("| ^^^")
    assert lines[-1] == "Found 1 problem (1 error) in 1 file."
    assert "\x1b[" not in completed.stdout  # not a terminal: no colour


def test_clean_files_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(GOOD)
    completed = run("Dockerfile", cwd=tmp_path)
    assert completed.returncode == 0
    assert "No problems found in 1 file." in completed.stdout


def test_exit_zero_flag(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(BAD)
    assert run("--exit-zero", "Dockerfile", cwd=tmp_path).returncode == 0


def test_missing_path_is_reported_and_other_files_still_linted(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(BAD)
    code, report = json_report("nope/Dockerfile", "Dockerfile", cwd=tmp_path)
    assert code == 2
    assert report["errors"] == [{"path": "nope/Dockerfile", "message": "no such file or directory"}]
    assert [f["path"] for f in report["findings"]] == ["Dockerfile"]


def test_file_linted_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "build.txt").write_text(BAD)
    code, report = json_report("build.txt", cwd=tmp_path)
    assert code == 1
    assert report["findings"][0]["path"] == "build.txt"


def test_stdin_with_a_filename() -> None:
    code, report = json_report("-", "--stdin-filename", "services/api/Dockerfile", stdin=BAD)
    assert code == 1
    assert report["findings"][0]["path"] == "services/api/Dockerfile"


def test_stdin_without_a_filename() -> None:
    code, stdout, _ = invoke("--format", "json", "-", stdin=BAD)
    assert code == 1
    assert json.loads(stdout)["findings"][0]["path"] == "-"


@pytest.mark.parametrize(
    ("args", "expected_codes"),
    [
        (("--select", "DF001"), {"DF001"}),
        (("--select", "parse-error"), {"DF001"}),
        (("--select", "DF0"), {"DF001"}),
        (("--ignore", "DF001"), set()),
        (("--ignore", "parse-error"), set()),
        (("--select", "DF001", "--ignore", "DF0"), set()),
    ],
)
def test_select_and_ignore(tmp_path: Path, args: tuple[str, ...], expected_codes: set[str]) -> None:
    (tmp_path / "Dockerfile").write_text(BAD)
    code, stdout, _ = invoke("--format", "json", *args, str(tmp_path / "Dockerfile"))
    assert {f["code"] for f in json.loads(stdout)["findings"]} == expected_codes
    assert code == (1 if expected_codes else 0)


def test_unknown_selector_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(GOOD)
    completed = run("--select", "parse-eror", "Dockerfile", cwd=tmp_path)
    assert completed.returncode == 2
    assert "'parse-eror' matches no rule (did you mean parse-error?)" in completed.stderr


def test_rules_table_and_json_catalogue() -> None:
    code, stdout, _ = invoke("rules")
    assert code == 0
    assert "DF001" in stdout and "parse-error" in stdout
    code, stdout, _ = invoke("rules", "--format", "json")
    catalogue = json.loads(stdout)
    assert {"code": "DF001", "name": "parse-error"}.items() <= catalogue[0].items()


def test_rule_documentation() -> None:
    code, stdout, _ = invoke("rule", "DF001")
    assert code == 0
    assert stdout.startswith("DF001 parse-error (error)")
    assert "## Why it matters" in stdout
    code, _, stderr = invoke("rule", "DF999")
    assert code == 2
    assert "no rule named 'DF999'" in stderr


def test_a_directory_named_like_a_subcommand_is_linted_with_a_path_prefix(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "Dockerfile").write_text(BAD)
    code, report = json_report("./rules", cwd=tmp_path)
    assert code == 1
    assert report["findings"][0]["path"] == "rules/Dockerfile"


def test_no_dockerfiles_found(tmp_path: Path) -> None:
    completed = run(".", cwd=tmp_path)
    assert completed.returncode == 0
    assert "no Dockerfiles found" in completed.stderr


def test_python_dash_m_and_version() -> None:
    completed = run("--version")
    assert completed.returncode == 0
    assert completed.stdout.startswith("lintainer, version ")


def test_third_party_rule_plugin_through_entry_points(tmp_path: Path) -> None:
    """A plugin distribution on the path, found through the `lintainer.rules` entry-point group."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_rules.py").write_text(
        textwrap.dedent(
            '''
            """Forbids `USER root`."""
            from linter.rule import Violation

            CODE = "ACME001"
            NAME = "no-user-root"
            SEVERITY = "error"
            SUMMARY = "USER root is not allowed here"
            TWINS = ()


            def check(dockerfile, context):
                for instruction in dockerfile.walk():
                    if instruction.keyword == "USER" and instruction.arguments.strip() == "root":
                        yield Violation(instruction.arguments_span, "USER root is not allowed here")
            '''
        )
    )
    dist_info = site / "acme_rules-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[lintainer.rules]\nno-user-root = acme_rules\n")
    (tmp_path / "Dockerfile").write_text("FROM alpine\nUSER root\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "--select", "ACME001", "Dockerfile"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    findings = json.loads(completed.stdout)["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("ACME001", 2, 6)]
    listed = subprocess.run(
        [sys.executable, "-m", "linter", "rules", "--format", "json"], capture_output=True, text=True, env=env
    )
    assert any(r["code"] == "ACME001" and r["origin"] == "acme-rules" for r in json.loads(listed.stdout))


def test_a_scanned_repository_cannot_shadow_or_run_code_through_a_rules_package(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (tmp_path / "rules" / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (tmp_path / "Dockerfile").write_text(BAD)
    code, report = json_report("Dockerfile", cwd=tmp_path)
    assert code == 1
    assert report["findings"][0]["code"] == "DF001"
    assert not marker.exists()
