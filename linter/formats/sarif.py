"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Locations are relative to the repository root through ``%SRCROOT%`` so that code scanning places them; regions use
our 1-based lines and columns with exclusive end columns, which is SARIF's convention too. Columns count Unicode code
points (``columnKind``). Fixes become SARIF ``fixes``; files that could not be linted become tool execution
notifications.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from linter.engine import FileResult, Finding
from linter.formats import Report, RuleInfo
from linter.formats.locations import artifact_uri, fingerprints, root_uri
from linter.positions import Span
from linter.rule import Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/lintainer/lintainer"
ROOT_ID = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.STYLE: "note"}


def _first_paragraph(documentation: str, fallback: str) -> str:
    for paragraph in documentation.split("\n\n"):
        text = " ".join(line.strip() for line in paragraph.strip().splitlines())
        if text and not text.startswith("#"):
            return text
    return fallback


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    documentation = rule.documentation or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(rule.documentation, rule.summary)},
        "help": {"text": documentation, "markdown": documentation},
        "helpUri": rule.url,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"lintainer.severity": rule.severity.label},
    }


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _artifact_location(path: str, root: str) -> dict[str, Any]:
    uri, relative = artifact_uri(path, root)
    return {"uri": uri, "uriBaseId": ROOT_ID} if relative else {"uri": uri}


def _result(finding: Finding, fingerprint: str, rule_index: dict[str, int], root: str) -> dict[str, Any]:
    location = _artifact_location(finding.path, root)
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result.update(
        {
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": _region(finding.span)}}],
            "partialFingerprints": {"lintainer/v1": fingerprint},
            "properties": {"lintainer.severity": finding.severity.label},
        }
    )
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.description},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.text}}
                            for edit in finding.fix.edits
                        ],
                    }
                ],
                "properties": {"safe": finding.fix.safe},
            }
        ]
    return result


def _notification(result: FileResult, root: str) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{result.path}: {result.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(result.path, root)}}],
    }


def report_to_sarif(report: Report) -> dict[str, Any]:
    rule_index = {rule.code: index for index, rule in enumerate(report.rules)}
    results = []
    for file_result in report.results:
        for finding, fingerprint in zip(file_result.findings, fingerprints(file_result, report.root), strict=True):
            results.append(_result(finding, fingerprint, rule_index, report.root))
    notifications = [_notification(result, report.root) for result in report.results if result.error]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lintainer",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(rule) for rule in report.rules],
                    }
                },
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "originalUriBaseIds": {ROOT_ID: {"uri": root_uri(report.root)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def write_sarif(report: Report, stream: TextIO) -> None:
    json.dump(report_to_sarif(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
