"""Variable references as word expansion sees them: names, offsets, operators, quoting and escapes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import expand as expand_module
from linter.expand import expand, referenced_names, references


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$A", [("A", 0, 2, "", False)]),
        ("x${B}y", [("B", 1, 5, "", False)]),
        ("${C:-$D}", [("C", 0, 8, ":-", False), ("D", 5, 7, "", True)]),
        (
            "${E-x} ${F:+y} ${G+z} ${H:?m} ${I?m}",
            [
                ("E", 0, 6, "-", False),
                ("F", 7, 14, ":+", False),
                ("G", 15, 21, "+", False),
                ("H", 22, 29, ":?", False),
                ("I", 30, 36, "?", False),
            ],
        ),
        ("$A_b-$c", [("A_b", 0, 4, "", False), ("c", 5, 7, "", False)]),
        ('"$QUOTED"', [("QUOTED", 1, 8, "", False)]),
        ("'$SINGLE'", []),
        ('"it\'s $X"', [("X", 6, 8, "", False)]),
        ("\\$ESCAPED $Y", [("Y", 10, 12, "", False)]),
        ("$1 $@ $ ${}", []),
        ("${UNCLOSED", []),
        ("${A:=x}", []),
    ],
)
def test_references(text: str, expected: list[tuple[str, int, int, str, bool]]) -> None:
    found = [(r.name, r.start, r.end, r.operator, r.nested) for r in references(text)]
    assert found == expected


def test_backtick_escape() -> None:
    assert referenced_names("`$A $B", escape="`") == ["B"]
    assert referenced_names("\\$A", escape="`") == ["A"]


def test_referenced_names_are_unique_and_ordered() -> None:
    assert referenced_names("$B ${A} $B ${C:-$A}") == ["B", "A", "C"]
    assert referenced_names("no variables") == []


def test_has_fallback() -> None:
    plain, fallback = references("$A ${B:-x}")
    assert not plain.has_fallback
    assert fallback.has_fallback


def test_expand_still_reports_unknowns() -> None:
    assert expand("${A}-${B:-x}", {"A": "1"}) == ("1-x", True)
    assert expand("$A", {"A": None}) == ("", False)


# -- the scans skip plain text in one step: the same results as stepping one character at a time -----------------

_SCAN_ALPHABET = st.sampled_from(list("ab_1 $${}:-+?'\"\\`x/"))


def _stepwise_expand(text: str, variables: Mapping[str, str | None], escape: str, state: dict[str, bool]) -> str:
    """The substitution loop stepping one character at a time (the braced forms are the module's own)."""
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == escape and index + 1 < length and text[index + 1] == "$":
            out.append("$")
            index += 2
            continue
        if char != "$" or index + 1 >= length:
            out.append(char)
            index += 1
            continue
        following = text[index + 1]
        if following in expand_module._NAME_START:
            end = index + 1
            while end < length and text[end] in expand_module._NAME_CHARS:
                end += 1
            out.append(expand_module._lookup(text[index + 1 : end], variables, state) or "")
            index = end
            continue
        if following == "{":
            close = expand_module._matching_brace(text, index + 2)
            if close < 0:
                out.append(text[index:])
                state["known"] = False
                break
            out.append(expand_module._expand_braced(text[index + 2 : close], variables, escape, state, 0))
            index = close + 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


@settings(max_examples=400)
@given(st.text(_SCAN_ALPHABET, max_size=24), st.sampled_from(["\\", "`"]), st.booleans())
def test_substitution_matches_the_stepwise_loop(text: str, escape: str, undeclared_known: bool) -> None:
    variables = {"a": "1", "b": None, "ab": "x y"}
    state = {"known": True, "undeclared_known": undeclared_known}
    expected = _stepwise_expand(text, variables, escape, state)
    result, known = expand(text, variables, escape, undeclared_known)
    if "$" in text:
        assert (result, known) == (expected, state["known"])
    else:
        assert (result, known) == (text, True)


def _stepwise_references(text: str, index: int, stop: int, escape: str, found: list[Any], nested: bool) -> None:
    """The reference scan stepping one character at a time."""
    quote = ""
    while index < stop:
        char = text[index]
        if quote == "'":
            if char == "'":
                quote = ""
            index += 1
            continue
        if char == escape and index + 1 < stop:
            index += 2
            continue
        if char == "'" and not quote:
            quote = "'"
            index += 1
            continue
        if char == '"':
            quote = "" if quote == '"' else '"'
            index += 1
            continue
        if char != "$" or index + 1 >= stop:
            index += 1
            continue
        following = text[index + 1]
        if following in expand_module._NAME_START:
            end = index + 1
            while end < stop and text[end] in expand_module._NAME_CHARS:
                end += 1
            found.append(expand_module.Reference(text[index + 1 : end], index, end, "", nested))
            index = end
            continue
        if following == "{":
            close = expand_module._matching_brace(text[:stop], index + 2)
            if close < 0:
                return
            inner_start = index + 2
            name_end = inner_start
            while name_end < close and text[name_end] in expand_module._NAME_CHARS:
                name_end += 1
            name = text[inner_start:name_end]
            rest = text[name_end:close]
            operator = ""
            if rest:
                colon = rest.startswith(":")
                operator = rest[: 2 if colon else 1]
            if name and name[0] in expand_module._NAME_START and operator in ("", ":-", "-", ":+", "+", ":?", "?"):
                found.append(expand_module.Reference(name, index, close + 1, operator, nested))
                if operator:
                    _stepwise_references(text, name_end + len(operator), close, escape, found, nested=True)
            index = close + 1
            continue
        index += 1


@settings(max_examples=400)
@given(st.text(_SCAN_ALPHABET, max_size=24), st.sampled_from(["\\", "`"]))
def test_reference_scan_matches_the_stepwise_loop(text: str, escape: str) -> None:
    expected: list[Any] = []
    _stepwise_references(text, 0, len(text), escape, expected, nested=False)
    assert references(text, escape) == expected
