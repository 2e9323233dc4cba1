"""Helpers of the variable rules: suggestions, edit distance, scopes, raw pairs, flag offsets."""

from __future__ import annotations

import pytest

from linter.model import parse_dockerfile
from linter.variables import (
    Suggester,
    edit_distance,
    expose_ports,
    flag_offsets,
    raw_pairs,
    scopes,
    suggest,
)


@pytest.mark.parametrize(
    ("name", "options", "expected"),
    [
        ("APP_HOEM", ["APP_HOME", "PATH"], "APP_HOME"),
        ("app_home", ["APP_HOME"], "APP_HOME"),
        ("PYTHON_VERSON", ["PYTHON_VERSION"], "PYTHON_VERSION"),
        ("ABC", ["ABD"], None),
        ("PORT", ["HOST"], None),
        ("VERSION", ["VERSION"], None),
        ("TARGETARH", ["TARGETARCH", "TARGETOS"], "TARGETARCH"),
    ],
)
def test_suggest(name: str, options: list[str], expected: str | None) -> None:
    assert suggest(name, options) == expected


def test_edit_distance_stops_above_the_limit() -> None:
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("a", "abcdef", 2) == 3


def test_scopes_follow_stage_chains() -> None:
    dockerfile = parse_dockerfile(
        "ARG G=1\nFROM scratch AS a\nARG A\nENV B=1\nCOPY x /x\nFROM a AS b\nCOPY y /y\nFROM alpine\nCOPY z /z\n"
    )
    by_line = {i.line: scope for i in dockerfile.instructions if (scope := scopes(dockerfile).get(i.index))}
    assert by_line[3].declared == frozenset() and by_line[3].root_is_scratch
    assert by_line[5].declared == {"A", "B"}
    assert by_line[7].declared == {"A", "B"} and by_line[7].root_is_scratch
    assert by_line[9].declared == frozenset() and not by_line[9].root_is_scratch


def _declared_by_line(text: str) -> dict[int, set[str]]:
    dockerfile = parse_dockerfile(text)
    found = scopes(dockerfile)
    return {i.line: set(found[i.index].declared) for i in dockerfile.instructions if i.index in found}


def test_scopes_of_sibling_stages_do_not_share_their_own_names() -> None:
    by_line = _declared_by_line(
        "FROM alpine AS base\nARG A\nFROM base AS one\nENV B=1\nRUN x\nFROM base AS two\nARG C\nRUN y\n"
        "FROM one\nRUN z\n"
    )
    assert by_line[5] == {"A", "B"}
    assert by_line[8] == {"A", "C"}  # not B: that is stage one's
    assert by_line[10] == {"A", "B"}  # not C: that is stage two's


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("FROM a\nARG A\nARG A\nENV B=1 A=2\nRUN x\n", 5, {"A", "B"}),  # redeclared names counted once
        ("FROM a\nENV A=1\nRUN x\nENV B=2\n", 3, {"A"}),  # later declarations are not visible
        ("FROM a\nENV A=1 B=2\nRUN x\n", 2, set()),  # an instruction does not see its own names
        ("FROM a\nONBUILD ARG T\nRUN x\n", 3, set()),  # a trigger declares nothing here
        ("FROM a\nARG A\nFROM a\nRUN x\n", 4, set()),  # a FROM of the same image is not a stage chain
    ],
)
def test_scope_holds_the_names_declared_before(text: str, line: int, expected: set[str]) -> None:
    assert _declared_by_line(text)[line] == expected


def test_declared_names_behave_as_a_set() -> None:
    dockerfile = parse_dockerfile("FROM a\nARG A B\nENV C=1\nRUN x\n")
    declared = scopes(dockerfile)[3].declared
    assert len(declared) == 3 and "B" in declared and "Z" not in declared and 1 not in declared
    assert declared | {"Z"} == {"A", "B", "C", "Z"} and isinstance(declared | {"Z"}, frozenset)
    assert declared == {"A", "B", "C"} and sorted(declared) == ["A", "B", "C"]


def test_suggester_stops_suggesting_past_its_budget() -> None:
    suggester = Suggester(budget=5)
    assert suggester.suggest("APP_HOEM", ["APP_HOME", "PATH"], {"X"}) == "APP_HOME"  # 3 names looked through
    assert suggester.suggest("APP_HOEM", ["APP_HOME", "PATH"], {"X"}) is None  # 3 more would exceed 5
    assert suggester.suggest("PATHH", ["PATH"]) is None  # nothing more once the budget is spent
    assert Suggester().suggest("PATHH", ["PATH"]) == "PATH"


def test_raw_pairs_keep_quotes_and_offsets() -> None:
    instruction = parse_dockerfile("FROM a\nENV A='$x' B=\"y z\"\n").instructions[1]
    pairs = raw_pairs(instruction)
    assert [(p.key, p.value, p.legacy) for p in pairs] == [("A", "'$x'", False), ("B", '"y z"', False)]
    assert instruction.text[pairs[1].value_start :].startswith('"y z"')
    legacy = parse_dockerfile("FROM a\nENV A  hello world \n").instructions[1]
    assert [(p.key, p.value, p.legacy) for p in raw_pairs(legacy)] == [("A", "hello world", True)]


def test_flag_offsets() -> None:
    instruction = parse_dockerfile("FROM a\nCOPY --chown=app --link src /dst\n").instructions[1]
    offsets = flag_offsets(instruction)
    assert [(name, instruction.text[start:end]) for name, start, _value, end in offsets] == [
        ("chown", "--chown=app"),
        ("link", "--link"),
    ]
    assert instruction.text[offsets[0][2] : offsets[0][3]] == "app"


def test_expose_ports_split_like_buildkit() -> None:
    instruction = parse_dockerfile("FROM a\nEXPOSE 1.2.3.4:80:8080/udp 9000\n").instructions[1]
    specs = expose_ports(instruction)
    assert [(s.ip, s.host_port, s.port, s.protocol) for s in specs] == [
        ("1.2.3.4", "80", "8080", "udp"),
        ("", "", "9000", ""),
    ]
