"""Every built-in rule meets the house style: documented sections, code and name shape, a table-driven test module.

(That every fixable rule has a fix fixture is checked in tests/test_fix_fixtures.py.)
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from linter.registry import builtin_rules
from linter.rule import Rule

TESTS = Path(__file__).resolve().parent
RULES = builtin_rules()

# The documentation sections, in this order; "Use instead" may carry a qualification ("Use instead (production):").
SECTIONS: tuple[tuple[str, str], ...] = (
    ("## What it does", r"^## What it does\s*$"),
    ("## Why it matters", r"^## Why it matters\s*$"),
    ("## Example", r"^## Example\s*$"),
    ("Use instead:", r"^Use instead\b[^\n]*:"),
    ("## Fix", r"^## Fix\s*$"),
)


# Rules of the core whose table-driven tests live with the machinery they exercise, not in test_rule_<module>.py:
# DF001's cases are the parser diagnostics it reports (test_parsing.py), DF002's the suppression comments'
# (test_suppressions.py).
TESTED_ELSEWHERE = {"parse_error": "test_parsing.py", "unused_suppression": "test_suppressions.py"}


def module_name(rule: Rule) -> str:
    return sys.modules[rule.check.__module__].__name__.rsplit(".", 1)[-1]


def rule_id(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}"


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_documentation_has_the_sections_in_order(rule: Rule) -> None:
    found = []
    for label, pattern in SECTIONS:
        match = re.search(pattern, rule.documentation, re.MULTILINE)
        assert match is not None, f"{rule.code} ({module_name(rule)}.py): the docstring lacks `{label}`"
        found.append((match.start(), label))
    assert [label for _, label in sorted(found)] == [label for label, _ in SECTIONS], (
        f"{rule.code}: sections out of order: {[label for _, label in sorted(found)]}"
    )


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_example_holds_a_dockerfile_block(rule: Rule) -> None:
    example = rule.documentation.split("## Example", 1)[1].split("## Fix", 1)[0]
    assert "```dockerfile" in example, f"{rule.code}: the example has no ```dockerfile block"


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_code_and_summary_shape(rule: Rule) -> None:
    assert re.fullmatch(r"DF\d{3}", rule.code), rule.code
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name), f"{rule.code}: {rule.name!r} is not kebab-case"
    assert rule.summary.strip() and "\n" not in rule.summary, f"{rule.code}: the summary must be one line"
    assert rule.summary == rule.summary.strip(), f"{rule.code}: the summary has surrounding whitespace"


def test_codes_and_names_are_unique() -> None:
    for attribute in ("code", "name"):
        counts = Counter(getattr(rule, attribute) for rule in RULES)
        assert [value for value, count in counts.items() if count > 1] == [], attribute


def _has_parametrized_table(source: str) -> bool:
    """Whether a test module uses ``pytest.mark.parametrize`` (as a decorator or a module-level mark)."""
    return any(isinstance(node, ast.Attribute) and node.attr == "parametrize" for node in ast.walk(ast.parse(source)))


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_rule_has_a_table_driven_test_module(rule: Rule) -> None:
    path = TESTS / TESTED_ELSEWHERE.get(module_name(rule), f"test_rule_{module_name(rule)}.py")
    assert path.is_file(), f"{rule.code}: no test module {path.name}"
    source = path.read_text(encoding="utf-8")
    assert _has_parametrized_table(source), f"{rule.code}: {path.name} has no pytest.mark.parametrize table"
    if module_name(rule) not in TESTED_ELSEWHERE:
        assert rule.code in source or rule.name in source, f"{rule.code}: {path.name} never names the rule"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pytest\n@pytest.mark.parametrize('a', [1])\ndef test_a(a): assert a\n", True),
        ("from pytest import mark\n@mark.parametrize('a', [1])\ndef test_a(a): assert a\n", True),
        ("def test_a():\n    assert True  # pytest.mark.parametrize in a comment\n", False),
        ("TEXT = 'pytest.mark.parametrize'\ndef test_a():\n    assert TEXT\n", False),
    ],
)
def test_parametrized_table_detection(source: str, expected: bool) -> None:
    assert _has_parametrized_table(source) is expected
