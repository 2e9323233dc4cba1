"""The engine's choice of a finding's severity: configured override, then the violation's own, then the rule's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from linter.engine import LintOptions, _context_reader, lint_bytes
from linter.model import Dockerfile
from linter.positions import Span
from linter.rule import Rule, RuleContext, Severity, Violation


def _check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    yield Violation(Span(1, 1, 1, 5), "plain")
    yield Violation(Span(1, 1, 1, 5), "raised", severity=Severity.WARNING)


RULE = Rule(
    code="DF999",
    name="test-rule",
    severity=Severity.INFO,
    summary="a rule for tests",
    twins=(),
    check=_check,
    documentation="",
)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ((), {"plain": Severity.INFO, "raised": Severity.WARNING}),
        ((("DF999", Severity.ERROR),), {"plain": Severity.ERROR, "raised": Severity.ERROR}),
        ((("DF999", Severity.STYLE),), {"plain": Severity.STYLE, "raised": Severity.STYLE}),
        ((("DF001", Severity.ERROR),), {"plain": Severity.INFO, "raised": Severity.WARNING}),
    ],
)
def test_severity_precedence(overrides: tuple[tuple[str, Severity], ...], expected: dict[str, Severity]) -> None:
    options = LintOptions(rules=(RULE,), severity_overrides=overrides)
    result = lint_bytes(b"FROM python:3.12-slim\n", "Dockerfile", options)
    assert result.error is None
    assert {finding.message: finding.severity for finding in result.findings} == expected


def test_context_reader_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names are read relative to the Dockerfile's folder (the current one for a bare name); an absolute name as
    given; a missing file, a folder and a name under a file read as None."""
    (tmp_path / "app.sh").write_text("#!/bin/sh\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_text("inner\n")
    read = _context_reader(str(tmp_path / "Dockerfile"))
    assert read("app.sh") == "#!/bin/sh\n"
    assert read("sub/inner.txt") == "inner\n"
    assert read(str(tmp_path / "app.sh")) == "#!/bin/sh\n"
    assert read("missing.txt") is None
    assert read("sub") is None
    assert read("app.sh/x") is None
    assert _context_reader(str(tmp_path) + "/")("app.sh") == "#!/bin/sh\n"
    monkeypatch.chdir(tmp_path / "sub")
    assert _context_reader("Dockerfile")("inner.txt") == "inner\n"
    assert _context_reader("-")("inner.txt") == "inner\n"
