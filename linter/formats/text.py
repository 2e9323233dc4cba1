"""``--format text``: findings for people, with the source line and the span marked."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from linter.engine import FileResult, Finding
from linter.formats import Report, printable
from linter.rule import Severity

_STYLES = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
    Severity.STYLE: "magenta",
}


def _source_excerpt(result: FileResult, finding: Finding) -> tuple[str, str] | None:
    lines = result.lines
    line_number = finding.span.start_line
    if not 0 < line_number <= len(lines):
        return None
    line = lines[line_number - 1].expandtabs(1)
    start = finding.span.start_column
    end = finding.span.end_column if finding.span.end_line == line_number else len(line) + 1
    # Carets under the printable text: an escaped control character (\x1b) is four columns wide.
    prefix = printable(line[: start - 1])
    marked = printable(line[start - 1 : max(start, end) - 1])
    return printable(line), " " * len(prefix) + "^" * max(1, len(marked))


def write_text(report: Report, stream: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    console = Console(
        file=stream,
        force_terminal=report.color,
        no_color=not report.color,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    total = 0
    by_severity: Counter[Severity] = Counter()
    by_rule: Counter[tuple[str, str]] = Counter()
    fixable = 0
    for result in report.results:
        for finding in result.findings:
            total += 1
            by_severity[finding.severity] += 1
            by_rule[(finding.code, finding.name)] += 1
            fixable += finding.fix is not None
            line = Text()
            line.append(f"{printable(finding.path)}:{finding.span.start_line}:{finding.span.start_column}", "bold")
            line.append(" ")
            line.append(finding.code, _STYLES[finding.severity])
            line.append(f" [{finding.severity.label}] ")
            line.append(printable(finding.message))
            if finding.fix is not None:
                line.append(" (fix available)" if finding.fix.safe else " (unsafe fix available)", "dim")
            console.print(line)
            if report.show_source:
                excerpt = _source_excerpt(result, finding)
                if excerpt is not None:
                    gutter = f"{finding.span.start_line:>5} | "
                    console.print(Text(gutter, "dim") + Text(excerpt[0]))
                    console.print(
                        Text(" " * (len(gutter) - 2) + "| ", "dim") + Text(excerpt[1], _STYLES[finding.severity])
                    )
        if result.error:
            console.print(f"[bold red]error[/]: {escape(printable(result.path))}: {escape(printable(result.error))}")
    if report.statistics and by_rule:
        console.print()
        for (code, name), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            console.print(f"{count:>6}  {code}  {name}")
    files = len(report.results)
    errors = sum(1 for result in report.results if result.error)
    if total:
        parts = ", ".join(f"{by_severity[s]} {s.label}" for s in sorted(by_severity, reverse=True))
        summary = (
            f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}"
        )
        if fixable:
            summary += f"; {fixable} with a fix available"
    else:
        summary = f"No problems found in {files} file{'s' if files != 1 else ''}"
    if errors:
        summary += f"; {errors} file{'s' if errors != 1 else ''} could not be linted"
    console.print(Text(summary + ".", "bold"))
