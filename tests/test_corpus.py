"""Every real Dockerfile of the shared corpus lints without an internal error and with no file left unparsed."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from linter.discover import discover
from linter.engine import LintOptions, lint_file
from linter.registry import all_rules

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")


def test_whole_corpus_lints_cleanly() -> None:
    options = LintOptions(rules=all_rules(), today=_dt.date(2026, 11, 27))
    paths = [found.path for found in discover([str(CORPUS)])]
    assert len(paths) > 1500
    failures = []
    for path in paths:
        result = lint_file(path, options)
        if result.error is not None:
            failures.append(f"{path}: {result.error}")
            continue
        assert result.dockerfile is not None
        if result.dockerfile.internal_diagnostics:
            failures.append(f"{path}: dockerfile-parse disagrees: {result.dockerfile.internal_diagnostics}")
        has_content = any(line.strip() and not line.lstrip().startswith("#") for line in result.dockerfile.lines)
        if has_content and not result.dockerfile.instructions:
            failures.append(f"{path}: no instruction parsed")
        for finding in result.findings:
            lines = result.dockerfile.lines
            assert 1 <= finding.span.start_line <= max(1, len(lines)), (path, finding)
            assert (finding.span.start_line, finding.span.start_column) <= (
                finding.span.end_line,
                finding.span.end_column,
            ), (path, finding)
    assert failures == []
