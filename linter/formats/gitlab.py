"""``--format gitlab``: GitLab Code Quality (a subset of the Code Climate JSON format).

Fingerprints are stable when lines move (see :func:`linter.formats.locations.fingerprints`), so a merge request shows
only the findings it introduces or resolves.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TextIO

from linter.formats import Report
from linter.formats.locations import display_path, fingerprints
from linter.rule import Severity

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor", Severity.STYLE: "info"}
ERROR_CHECK = "lintainer/file-error"


def report_to_gitlab(report: Report) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    for result in report.results:
        path = display_path(result.path, report.root)
        for finding, fingerprint in zip(result.findings, fingerprints(result, report.root), strict=True):
            issues.append(
                {
                    "description": f"{finding.code} {finding.message}",
                    "check_name": finding.code,
                    "fingerprint": fingerprint,
                    "severity": SEVERITIES[finding.severity],
                    "location": {
                        "path": path,
                        "lines": {"begin": finding.span.start_line, "end": finding.span.end_line},
                    },
                }
            )
        if result.error:
            # Code Quality has no slot for a file that could not be linted; a blocker issue keeps it visible.
            issues.append(
                {
                    "description": f"lintainer could not lint this file: {result.error}",
                    "check_name": ERROR_CHECK,
                    "fingerprint": hashlib.sha256(
                        f"{path}\0{ERROR_CHECK}".encode("utf-8", "surrogatepass")
                    ).hexdigest(),
                    "severity": "blocker",
                    "location": {"path": path, "lines": {"begin": 1, "end": 1}},
                }
            )
    return issues


def write_gitlab(report: Report, stream: TextIO) -> None:
    json.dump(report_to_gitlab(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
