"""Variable references as word expansion sees them: names, offsets, operators, quoting and escapes."""

from __future__ import annotations

import pytest

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
