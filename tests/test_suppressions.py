"""Suppression comments: ours, hadolint's and BuildKit's, and reporting unused ones."""

from __future__ import annotations

import textwrap

import pytest

from linter.engine import LintOptions, lint_bytes
from linter.registry import all_rules


def codes_and_lines(source: str, report_unused: bool = False) -> list[tuple[str, int]]:
    text = textwrap.dedent(source).lstrip("\n")
    options = LintOptions(rules=all_rules(), report_unused_ignores=report_unused)
    result = lint_bytes(text.encode(), "Dockerfile", options)
    return [(f.code, f.span.start_line) for f in result.findings if f.code in ("DF001", "DF002", "DF101", "DF202")]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Baseline: both rules fire.
        ("FROM python:3.12\nRUN pip install x\nCMD python app.py\n", [("DF202", 2), ("DF101", 3)]),
        # Our pragma, by code, by name, with a reason, two codes.
        ("FROM python:3.12\n# lintainer: ignore=DF202\nRUN pip install x\n", []),
        ("FROM python:3.12\n# lintainer: ignore=pip-no-cache-dir -- cache purged\nRUN pip install x\n", []),
        ("FROM python:3.12\n# lintainer: ignore=DF202, DF101\nRUN pip install x\nCMD a b\n", [("DF101", 4)]),
        # The pragma covers a continued instruction's every line.
        ("FROM python:3.12\n# lintainer: ignore=DF202\nRUN true && \\\n    pip install x\n", []),
        # Among other comment lines directly above.
        ("FROM python:3.12\n# lintainer: ignore=DF202\n# why: see ticket\nRUN pip install x\n", []),
        # A blank line breaks the link; a pragma applies to the next instruction only.
        ("FROM python:3.12\n# lintainer: ignore=DF202\n\nRUN pip install x\n", [("DF202", 4)]),
        ("FROM python:3.12\n# lintainer: ignore=DF202\nRUN pip install x\nRUN pip install y\n", [("DF202", 4)]),
        # Another rule named: no effect on this one.
        ("FROM python:3.12\n# lintainer: ignore=DF101\nRUN pip install x\n", [("DF202", 3)]),
        # File-wide.
        ("FROM python:3.12\nRUN pip install x\n# lintainer: ignore-file=DF202\nRUN pip install y\n", []),
        # hadolint's pragmas through the twins.
        ("FROM python:3.12\n# hadolint ignore=DL3042\nRUN pip install x\n", []),
        ("FROM python:3.12\n# hadolint ignore=DL3008,DL3042\nRUN pip install x\n", []),
        ("# hadolint global ignore=DL3042,DL3025\nFROM python:3.12\nRUN pip install x\nCMD a b\n", []),
        ("FROM python:3.12\n# hadolint ignore=DF202\nRUN pip install x\n", [("DF202", 3)]),
        # BuildKit's check directive (file) and the same comment above an instruction.
        ("# check=skip=JSONArgsRecommended\nFROM python:3.12\nCMD a b\n", []),
        ("# check=skip=all\nFROM python:3.12\nCMD a b\n", []),
        ("# check=error=true\nFROM python:3.12\nCMD a b\n", [("DF101", 3)]),
        ("FROM python:3.12\n# check=skip=JSONArgsRecommended\nCMD a b\n", []),
        ("FROM python:3.12\n# check=skip=all\nRUN pip install x\n", [("DF202", 3)]),
        # A pragma inside a heredoc body is data.
        ("FROM python:3.12\nCOPY <<EOF /x\n# lintainer: ignore=DF202\nEOF\nRUN pip install x\n", [("DF202", 5)]),
    ],
)
def test_suppressions(source: str, expected: list[tuple[str, int]]) -> None:
    assert codes_and_lines(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("FROM python:3.12\n# lintainer: ignore=DF202\nRUN pip install --no-cache-dir x\n", [("DF002", 2)]),
        ("FROM python:3.12\n# lintainer: ignore=DF999\nRUN pip install x\n", [("DF002", 2), ("DF202", 3)]),
        ("FROM python:3.12\n# lintainer: ignore=DF202\n\nRUN pip install x\n", [("DF002", 2), ("DF202", 4)]),
        ("# lintainer: ignore-file=DF101\nFROM python:3.12\n", [("DF002", 1)]),
        ("FROM python:3.12\n# lintainer: ignore=DF202\nRUN pip install x\n", []),
        ("FROM python:3.12\n# hadolint ignore=DL3042\nRUN true\n", []),
    ],
)
def test_unused_suppressions_are_reported_when_asked(source: str, expected: list[tuple[str, int]]) -> None:
    assert codes_and_lines(source, report_unused=True) == expected


def test_unused_suppressions_are_quiet_by_default() -> None:
    assert codes_and_lines("FROM python:3.12\n# lintainer: ignore=DF202\nRUN true\n") == []


def test_unused_suppression_message_names_the_comment() -> None:
    options = LintOptions(rules=all_rules(), report_unused_ignores=True)
    result = lint_bytes(b"FROM a\n# lintainer: ignore=DF999 -- old\nRUN true\n", "Dockerfile", options)
    messages = [f.message for f in result.findings if f.code == "DF002"]
    assert messages == ["`# lintainer: ignore=DF999 -- old` names no rule: DF999"]
