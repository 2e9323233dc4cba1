"""Shared helpers for rule tests: lint a snippet with one rule and get (line, column) pairs or findings."""

from __future__ import annotations

import datetime as _dt
import textwrap

from linter.engine import Finding, LintOptions, lint_bytes
from linter.registry import all_rules, find_rule
from linter.rule import Deployment

FIXED_TODAY = _dt.date(2026, 11, 27)


def lint(
    source: str,
    code: str,
    *,
    deployment: Deployment = Deployment.UNKNOWN,
    today: _dt.date = FIXED_TODAY,
    path: str = "Dockerfile",
    deprecated_images: tuple[tuple[str, str], ...] = (),
) -> list[Finding]:
    """Findings of rule ``code`` on ``source`` (dedented; a trailing newline added)."""
    rule = find_rule(code, all_rules())
    assert rule is not None, f"no rule {code}"
    text = textwrap.dedent(source).lstrip("\n")
    if not text.endswith("\n"):
        text += "\n"
    options = LintOptions(rules=(rule,), deployment=deployment, today=today, deprecated_images=deprecated_images)
    result = lint_bytes(text.encode(), path, options)
    assert result.error is None, result.error
    return list(result.findings)


def positions(source: str, code: str, **kwargs: object) -> list[tuple[int, int]]:
    """(line, column) of each finding of rule ``code``."""
    return [(f.span.start_line, f.span.start_column) for f in lint(source, code, **kwargs)]  # type: ignore[arg-type]


def apply_fixes(source: str, code: str, **kwargs: object) -> str:
    """The source with every fix of rule ``code`` applied (edits never overlap within one rule's findings)."""
    text = textwrap.dedent(source).lstrip("\n")
    if not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")
    edits = [edit for f in lint(source, code, **kwargs) if f.fix for edit in f.fix.edits]  # type: ignore[arg-type]

    def offset(line: int, column: int) -> int:
        return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1

    for edit in sorted(edits, key=lambda e: (e.span.start_line, e.span.start_column), reverse=True):
        start = offset(edit.span.start_line, edit.span.start_column)
        end = offset(edit.span.end_line, edit.span.end_column)
        text = text[:start] + edit.text + text[end:]
    return text
