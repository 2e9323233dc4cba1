"""Rule selection: --select/--extend-select/--ignore, and rules that are off by default."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from linter.registry import SelectionError, all_rules, names_exactly, select_rules
from linter.rule import Rule


def _rule(code: str, name: str, twins: tuple[str, ...] = (), enabled: bool = True) -> Rule:
    module = types.SimpleNamespace(
        __name__=f"fake_{name}",
        __doc__=f"{name} documentation",
        CODE=code,
        NAME=name,
        SEVERITY="info",
        SUMMARY=name,
        TWINS=twins,
        check=lambda dockerfile, context: iter(()),
    )
    if not enabled:
        module.ENABLED_BY_DEFAULT = False
    return Rule.from_module(module)


ON_A = _rule("XX101", "first-rule", ("DL9001",))
ON_B = _rule("XX102", "second-rule")
OFF = _rule("XX103", "quiet-rule", ("DL9003", "QuietCheck"), enabled=False)
RULES = (ON_A, ON_B, OFF)


def codes(rules: tuple[Rule, ...]) -> list[str]:
    return [rule.code for rule in rules]


def test_module_constant_sets_enabled_by_default() -> None:
    assert ON_A.enabled_by_default is True
    assert OFF.enabled_by_default is False


@pytest.mark.parametrize(
    ("select", "extend_select", "ignore", "expected"),
    [
        # the default selection leaves the rule out
        ((), (), (), ["XX101", "XX102"]),
        # prefixes and ALL do not switch it on
        (("XX1",), (), (), ["XX101", "XX102"]),
        (("ALL",), (), (), ["XX101", "XX102"]),
        ((), ("XX",), (), ["XX101", "XX102"]),
        ((), ("all",), (), ["XX101", "XX102"]),
        # its code, name or a twin code does, in either list and in any case
        (("XX103",), (), (), ["XX103"]),
        (("quiet-rule",), (), (), ["XX103"]),
        (("dl9003",), (), (), ["XX103"]),
        (("QuietCheck",), (), (), ["XX103"]),
        ((), ("XX103",), (), ["XX101", "XX102", "XX103"]),
        ((), (" Quiet-Rule ",), (), ["XX101", "XX102", "XX103"]),
        (("XX1", "XX103"), (), (), ["XX101", "XX102", "XX103"]),
        # ignore still wins, by prefix too
        ((), ("XX103",), ("XX10",), []),
        ((), ("XX103",), ("quiet-rule",), ["XX101", "XX102"]),
        # rules on by default keep prefix selection
        (("XX101",), (), (), ["XX101"]),
        (("DL9001",), (), (), ["XX101"]),
    ],
)
def test_select_rules(
    select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...], expected: list[str]
) -> None:
    assert codes(select_rules(RULES, select, ignore, extend_select)) == expected


def test_unknown_selector_still_fails() -> None:
    with pytest.raises(SelectionError):
        select_rules(RULES, ("quiet-rul",))


@pytest.mark.parametrize(
    ("selector", "expected"),
    [("XX103", True), ("xx103", True), ("quiet-rule", True), ("DL9003", True), ("XX10", False), ("ALL", False)],
)
def test_names_exactly(selector: str, expected: bool) -> None:
    assert names_exactly(OFF, selector) is expected


def test_builtin_healthcheck_missing_is_off_by_default() -> None:
    [rule] = [rule for rule in all_rules() if rule.code == "DF526"]
    assert rule.enabled_by_default is False
    assert "DF526" not in codes(select_rules(all_rules()))
    assert "DF526" not in codes(select_rules(all_rules(), ("DF5",)))
    assert "DF526" in codes(select_rules(all_rules(), ("DL3057",)))
    assert all(rule.enabled_by_default for rule in all_rules() if rule.code != "DF526")


def _cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", *arguments], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_cli_runs_an_off_rule_only_when_named(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text('FROM python:3.12-slim\nCMD ["python", "-m", "http.server"]\n')
    plain = json.loads(_cli("--format", "json", "--no-cache", "Dockerfile", cwd=tmp_path).stdout)
    assert all(finding["code"] != "DF526" for finding in plain["findings"])
    named = json.loads(
        _cli(
            "--format", "json", "--no-cache", "--extend-select", "healthcheck-missing", "Dockerfile", cwd=tmp_path
        ).stdout
    )
    assert [finding["code"] for finding in named["findings"] if finding["code"] == "DF526"] == ["DF526"]


def test_cli_rules_lists_off_rules(tmp_path: Path) -> None:
    listed = json.loads(_cli("rules", "--format", "json", cwd=tmp_path).stdout)
    by_code = {entry["code"]: entry for entry in listed}
    assert by_code["DF526"]["enabled_by_default"] is False
    assert by_code["DF001"]["enabled_by_default"] is True
    table = _cli("rules", cwd=tmp_path).stdout
    [line] = [line for line in table.splitlines() if line.startswith("DF526")]
    assert " off " in line
    shown = _cli("rule", "DF526", cwd=tmp_path).stdout
    assert "Off by default" in shown
