"""The GitHub Action (``action.yml``), run locally step by step in a simulated runner.

The simulator does what the runner does for a composite action: it evaluates the ``${{ }}`` expressions the action
uses (inputs, ``github.action_path``, step outputs), runs each ``run:`` script with ``bash --noprofile --norc -eo
pipefail`` in the workspace with ``GITHUB_OUTPUT``, ``GITHUB_ACTION_PATH`` and ``GITHUB_WORKSPACE`` set, stops at the
first failing step, and reads step and action outputs back. In most tests the install step finds lintainer already
installed from this checkout (the suite runs from an editable install) and reuses it; one test gives the action a
snapshot of this work tree as its path, so the step really creates a virtual environment and pip-installs it (that
one needs PyPI and takes tens of seconds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.snapshot import snapshot

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=([^,:]*),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),title=([^,:]*)::(.*)$"
)

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is needed to run the action's steps")

BAD = "FROM alpine\nFOO bar\n"  # DF001 at 2:1
GOOD = "FROM alpine\nUSER app\n"
# The workspace's configuration runs DF001 only, so rules added later cannot change what these tests see.
ONLY_DF001 = 'select = ["DF001"]\n'


@dataclass
class ActionRun:
    exit_code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]

    @property
    def annotations(self) -> list[tuple[str, ...]]:
        return [match.groups() for line in self.stdout.splitlines() if (match := ANNOTATION.match(line))]


def _read_outputs(path: Path) -> dict[str, str]:
    """Parse a GITHUB_OUTPUT file: ``name=value`` lines and ``name<<DELIMITER`` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text().splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            for body_line in lines:
                if body_line == delimiter:
                    break
                body.append(body_line)
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_action(workspace: Path, inputs: dict[str, str] | None = None, action_path: Path = ROOT) -> ActionRun:
    action = yaml.safe_load((action_path / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(inputs or {}) - set(values)
    assert not unknown, f"the action has no input {unknown}"
    values.update(inputs or {})
    step_outputs: dict[str, dict[str, str]] = {}

    def evaluate(text: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            expression = match.group(1)
            if expression.startswith("inputs."):
                return values[expression.removeprefix("inputs.")]
            if expression == "github.action_path":
                return str(action_path)
            if found := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
                return step_outputs.get(found.group(1), {}).get(found.group(2), "")
            raise AssertionError(f"the simulator does not know the expression {expression!r}")

        return EXPRESSION.sub(substitute, text)

    runner_temp = workspace.parent / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    stdout, stderr, exit_code = [], [], 0
    for index, step in enumerate(action["runs"]["steps"]):
        assert step["shell"] == "bash"
        output_file = runner_temp / f"output-{index}"
        output_file.write_text("")
        script = runner_temp / f"step-{index}.sh"
        script.write_text(evaluate(step["run"]))
        env = {
            **os.environ,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_ACTION_PATH": str(action_path),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(runner_temp),
            # `python3` is the interpreter running the suite, where lintainer is installed from this checkout.
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
            **{name: evaluate(str(value)) for name, value in step.get("env", {}).items()},
        }
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        stdout.append(completed.stdout)
        stderr.append(completed.stderr)
        if "id" in step:
            step_outputs[step["id"]] = _read_outputs(output_file)
        if completed.returncode != 0:
            exit_code = completed.returncode
            break
    outputs = {name: evaluate(spec["value"]) for name, spec in action["outputs"].items()}
    return ActionRun(exit_code, "".join(stdout), "".join(stderr), outputs)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository: a bad Dockerfile in svc/, a clean one in web/."""
    repo = tmp_path / "repo"
    (repo / "svc").mkdir(parents=True)
    (repo / "web").mkdir()
    (repo / "svc" / "Dockerfile").write_text(BAD)
    (repo / "web" / "Dockerfile").write_text(GOOD)
    (repo / ".lintainer.toml").write_text(ONLY_DF001)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def test_action_metadata_is_complete() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(action["inputs"]) == {"paths", "config", "failure-threshold", "sarif-file"}
    assert action["inputs"]["paths"]["default"] == "."
    assert set(action["outputs"]) == {"findings"}
    assert all(step["shell"] == "bash" for step in action["runs"]["steps"])
    # Inputs reach scripts through the environment only: an expression pasted into a script is an injection hole.
    for step in action["runs"]["steps"]:
        assert "${{" not in step["run"], step["run"]


def test_findings_fail_the_step_with_annotations_and_an_output(workspace: Path) -> None:
    run = run_action(workspace)
    assert run.exit_code == 1, run.stderr
    assert run.annotations == [
        ("error", "svc/Dockerfile", "2", "2", "1", "4", "DF001 parse-error", "unknown instruction `FOO`")
    ]
    assert run.outputs == {"findings": "1"}
    assert "lintainer is already installed from" in run.stdout


def test_clean_repository_passes(workspace: Path) -> None:
    (workspace / "svc" / "Dockerfile").write_text(GOOD)
    run = run_action(workspace)
    assert run.exit_code == 0, run.stderr
    assert run.annotations == []
    assert run.outputs == {"findings": "0"}


@pytest.mark.parametrize(
    ("threshold", "exit_code"),
    [("", 1), ("style", 1), ("error", 1), ("none", 0)],
)
def test_failure_threshold_is_passed_through(workspace: Path, threshold: str, exit_code: int) -> None:
    run = run_action(workspace, {"failure-threshold": threshold})
    assert run.exit_code == exit_code, run.stderr
    assert run.outputs == {"findings": "1"}
    assert len(run.annotations) == 1


def test_failure_threshold_above_every_finding_passes(workspace: Path) -> None:
    (workspace / ".lintainer.toml").write_text(ONLY_DF001 + '[severity]\nDF001 = "info"\n')
    run = run_action(workspace, {"failure-threshold": "warning"})
    assert run.exit_code == 0, run.stderr
    assert [annotation[0] for annotation in run.annotations] == ["notice"]
    assert run.outputs == {"findings": "1"}


def test_sarif_file_is_written_in_the_same_run(workspace: Path) -> None:
    run = run_action(workspace, {"sarif-file": "reports/lintainer.sarif"})
    assert run.exit_code == 1, run.stderr
    assert len(run.annotations) == 1
    sarif = json.loads((workspace / "reports" / "lintainer.sarif").read_text())
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("DF001", "svc/Dockerfile")
    ]
    if SARIF_SCHEMA.exists():
        import jsonschema

        jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))


def test_paths_and_config_inputs(workspace: Path) -> None:
    (workspace / "other").mkdir()
    (workspace / "other" / "Dockerfile").write_text(BAD)
    run = run_action(workspace, {"paths": "svc\nweb"})
    assert [annotation[:2] for annotation in run.annotations] == [("error", "svc/Dockerfile")]  # other/ not linted
    # --config replaces the workspace's .lintainer.toml: here DF001 is only a warning.
    (workspace / "ci").mkdir()
    (workspace / "ci" / "lintainer.toml").write_text(ONLY_DF001 + '[severity]\nDF001 = "warning"\n')
    run = run_action(workspace, {"paths": "svc other", "config": "ci/lintainer.toml"})
    assert run.exit_code == 1, run.stderr
    assert [annotation[:2] for annotation in run.annotations] == [
        ("warning", "svc/Dockerfile"),
        ("warning", "other/Dockerfile"),
    ]
    assert run.outputs == {"findings": "2"}


def test_inputs_cannot_inject_shell_code(workspace: Path) -> None:
    run = run_action(workspace, {"paths": "svc $(touch pwned) `touch pwned2` ;touch pwned3", "sarif-file": "x;touch y"})
    assert not any((workspace / name).exists() for name in ("pwned", "pwned2", "pwned3", "y"))
    assert run.exit_code == 2  # the odd "paths" do not exist: each is reported, and svc/Dockerfile still linted
    assert [annotation[1] for annotation in run.annotations] == ["svc/Dockerfile"]
    assert "::error file=$(touch,title=lintainer::no such file or directory" in run.stdout.splitlines()
    assert (workspace / "x;touch y").exists()  # a SARIF file with an odd name, not a command


def test_a_usage_error_fails_without_a_findings_output(workspace: Path) -> None:
    run = run_action(workspace, {"failure-threshold": "fatal"})
    assert run.exit_code == 2
    assert run.outputs == {"findings": ""}
    assert "fatal" in run.stderr


def test_the_action_runs_the_console_script_not_python_dash_m(workspace: Path) -> None:
    """A scanned repository with its own ``linter`` package must not replace lintainer (as ``python -m`` would)."""
    marker = workspace / "executed"
    (workspace / "linter").mkdir()
    (workspace / "linter" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (workspace / "linter" / "__main__.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    run = run_action(workspace)
    assert run.exit_code == 1, run.stderr
    assert not marker.exists()
    assert run.outputs == {"findings": "1"}


def test_the_install_step_installs_into_a_virtual_environment(workspace: Path, tmp_path: Path) -> None:
    action_path = snapshot(tmp_path / "action")
    run = run_action(workspace, {"sarif-file": "lintainer.sarif"}, action_path=action_path)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "already installed" not in run.stdout
    venv = tmp_path / "runner-temp" / "lintainer-venv"
    assert (venv / "bin" / "lintainer").is_file()
    assert run.annotations == [
        ("error", "svc/Dockerfile", "2", "2", "1", "4", "DF001 parse-error", "unknown instruction `FOO`")
    ]
    assert run.outputs == {"findings": "1"}
    assert json.loads((workspace / "lintainer.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "DF001"
