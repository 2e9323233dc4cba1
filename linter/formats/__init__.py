"""Output formats. Each module renders lint results; none of them knows about rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Severity

if TYPE_CHECKING:  # the CLI reads FORMAT_NAMES without loading the engine
    from linter.engine import FileResult

# C0 and C1 controls (but tab) and DEL: a hostile Dockerfile must not drive the user's terminal.
_CONTROL = lazy_compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from a Dockerfile made safe to print: control characters shown as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class RuleInfo(Record):
    """What a format may know about a rule (SARIF lists them), built by the CLI from the selected rules."""

    code: str
    name: str
    severity: Severity  # the rule's default severity; a finding carries its own
    summary: str
    documentation: str  # Markdown, the rule's docstring
    url: str


class Report(Record):
    """What a formatter writes: the results of one run and how to present them."""

    results: list[FileResult]
    tool_version: str
    color: bool = False
    show_source: bool = True
    statistics: bool = False
    rules: tuple[RuleInfo, ...] = ()  # the rules that ran
    root: str = ""  # absolute path report paths are made relative to (the repository root); "" = the cwd


Formatter = Callable[[Report, TextIO], None]


def get_formatter(name: str) -> Formatter:
    if name == "json":
        from linter.formats.json_format import write_json

        return write_json
    if name == "text":
        from linter.formats.text import write_text

        return write_text
    if name == "sarif":
        from linter.formats.sarif import write_sarif

        return write_sarif
    if name == "github":
        from linter.formats.github import write_github

        return write_github
    if name == "gitlab":
        from linter.formats.gitlab import write_gitlab

        return write_gitlab
    if name == "checkstyle":
        from linter.formats.checkstyle import write_checkstyle

        return write_checkstyle
    raise ValueError(f"unknown format {name!r}")


FORMAT_NAMES = ("text", "json", "sarif", "github", "gitlab", "checkstyle")
