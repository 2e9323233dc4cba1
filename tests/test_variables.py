"""Helpers of the variable rules: suggestions, edit distance, scopes, raw pairs, flag offsets."""

from __future__ import annotations

import pytest

from linter.model import parse_dockerfile
from linter.variables import edit_distance, expose_ports, flag_offsets, raw_pairs, scopes, suggest


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
