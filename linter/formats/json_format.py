"""``--format json``: the machine-readable report editors and scripts rely on (schema in the README)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from linter.engine import Finding
from linter.formats import Report

SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "description": finding.fix.description,
            "safe": finding.fix.safe,
            "edits": [
                {
                    "line": edit.span.start_line,
                    "column": edit.span.start_column,
                    "end_line": edit.span.end_line,
                    "end_column": edit.span.end_column,
                    "text": edit.text,
                }
                for edit in finding.fix.edits
            ],
        }
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "path": finding.path,
        "line": finding.span.start_line,
        "column": finding.span.start_column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "url": finding.url,
        "fix": fix,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "lintainer", "version": report.tool_version},
        "findings": [finding_to_dict(f) for result in report.results for f in result.findings],
        "errors": [{"path": r.path, "message": r.error} for r in report.results if r.error],
    }


def write_json(report: Report, stream: TextIO) -> None:
    json.dump(report_to_dict(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
