"""``--format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

Everything in a command that comes from the linted files (paths, and messages that quote their text) is escaped as
GitHub's runner expects, so a hostile Dockerfile cannot start a line with ``::`` and inject a workflow command (set an
output, add a path, stop command processing...).
"""

from __future__ import annotations

from typing import TextIO

from linter.formats import Report
from linter.formats.locations import display_path
from linter.rule import Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.STYLE: "notice"}


def escape_data(text: str) -> str:
    """Escape the message of a workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command (``key=value`` pairs before ``::``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {rendered}::{escape_data(message)}"


def write_github(report: Report, stream: TextIO) -> None:
    for result in report.results:
        path = display_path(result.path, report.root)
        for finding in result.findings:
            span = finding.span
            properties: dict[str, object] = {
                "file": path,
                "line": span.start_line,
                "endLine": span.end_line,
                "col": span.start_column,
                "endColumn": span.end_column,
                "title": f"{finding.code} {finding.name}",
            }
            stream.write(_command(COMMANDS[finding.severity], properties, finding.message) + "\n")
        if result.error:
            stream.write(_command("error", {"file": path, "title": "lintainer"}, result.error) + "\n")
