"""``--format text``: findings for people, with the source line and the span marked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
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


# A line of output as (text, rich style) pieces; "" is no style.
_Line = list[tuple[str, str]]


def write_text(report: Report, stream: TextIO) -> None:
    """The findings, one per line, each with its source line and the span marked, then a summary.

    With colour, rich renders the lines. Without (a pipe, a CI log, NO_COLOR), they are written as they are: the same
    characters rich would write, without importing it (~60 ms of a one-file run). A line holding a tab still goes
    through rich, which expands tabs by display width.
    """
    lines = _lines(report)
    if report.color:
        _write_with_rich(lines, stream, color=True)
        return
    with_rich: Callable[[_Line], None] | None = None  # made for the first line with a tab, then reused
    for line in lines:
        text = "".join(piece for piece, _ in line)
        if "\t" not in text:
            stream.write(text + "\n")
            continue
        if with_rich is None:
            with_rich = _rich_writer(stream, color=False)
        with_rich(line)


def _write_with_rich(lines: Iterable[_Line], stream: TextIO, color: bool) -> None:
    write = _rich_writer(stream, color)
    for line in lines:
        write(line)


def _rich_writer(stream: TextIO, color: bool) -> Callable[[_Line], None]:
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True, emoji=False
    )
    return lambda line: console.print(Text.assemble(*line))  # an empty style is no style


def _lines(report: Report) -> Iterator[_Line]:
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
            style = _STYLES[finding.severity]
            line: _Line = [
                (f"{printable(finding.path)}:{finding.span.start_line}:{finding.span.start_column}", "bold"),
                (" ", ""),
                (finding.code, style),
                (f" [{finding.severity.label}] ", ""),
                (printable(finding.message), ""),
            ]
            if finding.fix is not None:
                line.append((" (fix available)" if finding.fix.safe else " (unsafe fix available)", "dim"))
            yield line
            if report.show_source:
                excerpt = _source_excerpt(result, finding)
                if excerpt is not None:
                    gutter = f"{finding.span.start_line:>5} | "
                    yield [(gutter, "dim"), (excerpt[0], "")]
                    yield [(" " * (len(gutter) - 2) + "| ", "dim"), (excerpt[1], style)]
        if result.error:
            yield [("error", "bold red"), (f": {printable(result.path)}: {printable(result.error)}", "")]
    if report.statistics and by_rule:
        yield []
        for (code, name), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            yield [(f"{count:>6}  {code}  {name}", "")]
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
    yield [(summary + ".", "bold")]
