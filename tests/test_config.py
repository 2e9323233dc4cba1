"""Configuration through the real CLI: discovery, keys, strict validation, hadolint migration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Three findings of three rules: DF101 (shell-form CMD, twin DL3025), DF202 (pip cache, twin DL3042), DF001.
DOCKERFILE = "FROM python:3.12-slim\nRUN pip install flask\nFOO bar\nCMD python app.py\n"
WATCHED = {"DF001", "DF101", "DF202", "DF401"}


def run(cwd: Path, *args: str) -> tuple[int, list[tuple[str, str]], str]:
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    findings = []
    if completed.stdout.strip():
        # Only the three rules this file is about: rules added later must not change what these tests expect.
        findings = [
            (f["code"], f["severity"]) for f in json.loads(completed.stdout)["findings"] if f["code"] in WATCHED
        ]
    return completed.returncode, sorted(findings), completed.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    return tmp_path


def test_no_configuration(project: Path) -> None:
    code, findings, _ = run(project, "Dockerfile")
    assert code == 1
    assert findings == [("DF001", "error"), ("DF101", "warning"), ("DF202", "warning")]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('select = ["DF2"]\n', [("DF202", "warning")]),
        ('ignore = ["DF001", "shell-form-cmd"]\n', [("DF202", "warning")]),
        ('select = ["DF001"]\nextend-select = ["DF202"]\n', [("DF001", "error"), ("DF202", "warning")]),
        (
            '[severity]\nDF202 = "error"\nshell-form-cmd = "info"\n',
            [("DF001", "error"), ("DF101", "info"), ("DF202", "error")],
        ),
        ('[per-file-ignores]\n"Dockerfile" = ["DF0", "DF1"]\n', [("DF202", "warning")]),
        ('[per-file-ignores]\n"*.dev" = ["DF202"]\n', [("DF001", "error"), ("DF101", "warning"), ("DF202", "warning")]),
    ],
)
def test_lintainer_toml_keys(project: Path, config: str, expected: list[tuple[str, str]]) -> None:
    (project / ".lintainer.toml").write_text(config)
    _, findings, _ = run(project, "Dockerfile")
    assert findings == expected


def test_pyproject_table_found_walking_up(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.lintainer]\nselect = ["DF001"]\n')
    (project / "svc").mkdir()
    (project / "svc" / "Dockerfile").write_text(DOCKERFILE)
    _, findings, _ = run(project / "svc", "Dockerfile")
    assert findings == [("DF001", "error")]


def test_pyproject_without_our_table_is_skipped(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    _, findings, _ = run(project, "Dockerfile")
    assert len(findings) == 3


def test_dedicated_file_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.lintainer]\nselect = ["DF001"]\n')
    (project / ".lintainer.toml").write_text('select = ["DF202"]\n')
    _, findings, _ = run(project, "Dockerfile")
    assert findings == [("DF202", "warning")]


def test_cli_select_replaces_and_ignore_adds(project: Path) -> None:
    (project / ".lintainer.toml").write_text('select = ["DF001"]\nignore = ["DF202"]\n')
    _, findings, _ = run(project, "--select", "DF1,DF2", "Dockerfile")
    assert findings == [("DF101", "warning")]


def test_explicit_config_and_isolated(project: Path) -> None:
    (project / ".lintainer.toml").write_text('select = ["DF001"]\n')
    (project / "other.toml").write_text('select = ["DF202"]\n')
    assert run(project, "--config", "other.toml", "Dockerfile")[1] == [("DF202", "warning")]
    assert len(run(project, "--isolated", "Dockerfile")[1]) == 3


@pytest.mark.parametrize(
    ("threshold", "code"),
    [("error", 1), ("none", 0), ("style", 1)],
)
def test_failure_threshold(project: Path, threshold: str, code: int) -> None:
    (project / ".lintainer.toml").write_text(f'failure-threshold = "{threshold}"\n')
    assert run(project, "Dockerfile")[0] == code


def test_failure_threshold_ignores_findings_below_it(project: Path) -> None:
    (project / ".lintainer.toml").write_text(
        'failure-threshold = "error"\nselect = ["DF001", "DF101", "DF202"]\nignore = ["DF001"]\n'
    )
    code, findings, _ = run(project, "Dockerfile")
    assert findings and code == 0
    assert run(project, "--failure-threshold", "warning", "Dockerfile")[0] == 1


def test_exclude_applies_to_walked_folders(project: Path) -> None:
    (project / "vendor").mkdir()
    (project / "vendor" / "Dockerfile").write_text(DOCKERFILE)
    (project / ".lintainer.toml").write_text('exclude = ["vendor"]\nselect = ["DF001"]\n')
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "."], cwd=project, capture_output=True, text=True
    )
    assert {f["path"] for f in json.loads(completed.stdout)["findings"]} == {"Dockerfile"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('selct = ["DF001"]\n', "unknown key 'selct' (did you mean 'select'?)"),
        ('select = "DF001"\nignore = 3\n', "ignore: expected a list of strings, got int"),
        ('select = ["DF999"]\n', "select: 'DF999' matches no rule"),
        ('ignore = ["pip-no-cache"]\n', "'pip-no-cache' matches no rule (did you mean 'pip-no-cache-dir'?)"),
        ('[severity]\nDF202 = "warn"\n', "severity.DF202: 'warn' is not one of error, warning, info, style"),
        ('failure-threshold = "high"\n', "failure-threshold: 'high' is not one of error, warning, info, style, none"),
        ('deployment = "k8s"\n', "deployment: 'k8s' is not one of cluster, single-host"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_strict_validation(project: Path, config: str, message: str) -> None:
    (project / ".lintainer.toml").write_text(config)
    code, findings, stderr = run(project, "Dockerfile")
    assert code == 2
    assert findings == []
    assert ".lintainer.toml" in stderr
    assert message in stderr


def test_malformed_toml_names_line_and_column(project: Path) -> None:
    (project / ".lintainer.toml").write_text('select = ["DF001"]\nignore = [\n')
    _, _, stderr = run(project, "Dockerfile")
    assert "line 3" in stderr or "line 2" in stderr
    assert "column" in stderr


def test_deployment_from_configuration(project: Path) -> None:
    (project / "Dockerfile").write_text(
        'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--workers", "4"]\n'
    )
    (project / ".lintainer.toml").write_text('deployment = "cluster"\nselect = ["DF401"]\n')
    assert run(project, "Dockerfile")[1] == [("DF401", "warning")]
    (project / ".lintainer.toml").write_text('deployment = "single-host"\nselect = ["DF401"]\n')
    assert run(project, "Dockerfile")[1] == []


def test_hadolint_configuration_is_migrated_once_with_a_notice(project: Path) -> None:
    (project / ".hadolint.yaml").write_text(
        "ignored:\n  - DL3025\n  - DL9999\noverride:\n  error:\n    - DL3042\nfailure-threshold: error\n"
    )
    code, findings, stderr = run(project, "Dockerfile")
    assert findings == [("DF001", "error"), ("DF202", "error")]
    assert code == 1
    assert stderr.count(".hadolint.yaml") == 1


@pytest.mark.parametrize(
    ("hadolint_yaml", "expected"),
    [
        ("override:\n  warning:\n    - DL3057\n", [("DF526", "warning")]),  # hadolint runs its off rule: so do we
        ("override:\n  info: [DL3057]\nignored: [DL3057]\n", []),  # ignored still wins
        ("ignored: [DL3042]\n", []),  # naming it elsewhere does not switch it on
        ("override:\n  error: [DL3042]\n", []),
    ],
)
def test_a_hadolint_severity_for_an_off_by_default_rule_switches_its_twin_on(
    project: Path, hadolint_yaml: str, expected: list[tuple[str, str]]
) -> None:
    (project / ".hadolint.yaml").write_text(hadolint_yaml)
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "Dockerfile"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = [(f["code"], f["severity"]) for f in json.loads(completed.stdout)["findings"] if f["code"] == "DF526"]
    assert found == expected


def test_lintainer_configuration_wins_over_hadolint(project: Path) -> None:
    (project / ".hadolint.yaml").write_text("ignored: [DL3042]\n")
    (project / ".lintainer.toml").write_text('select = ["DF202"]\n')
    _, findings, stderr = run(project, "Dockerfile")
    assert findings == [("DF202", "warning")]
    assert "hadolint" not in stderr


def test_select_by_hadolint_code_selects_the_twin(project: Path) -> None:
    assert run(project, "--select", "DL3042", "Dockerfile")[1] == [("DF202", "warning")]


def test_stdin_filename_gets_per_file_ignores(project: Path) -> None:
    (project / ".lintainer.toml").write_text('[per-file-ignores]\n"services/*/Dockerfile" = ["DF202"]\n')
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "-", "--stdin-filename", "services/api/Dockerfile"],
        cwd=project,
        input=DOCKERFILE,
        capture_output=True,
        text=True,
    )
    codes = sorted(f["code"] for f in json.loads(completed.stdout)["findings"] if f["code"] in WATCHED)
    assert codes == ["DF001", "DF101"]


def test_configuration_code_is_never_executed(project: Path) -> None:
    marker = project / "ran"
    (project / ".lintainer.toml").write_text(f"select = [\"__import__('os').system('touch {marker}')\"]\n")
    code, _, stderr = run(project, "Dockerfile")
    assert code == 2
    assert "matches no rule" in stderr
    assert not marker.exists()
