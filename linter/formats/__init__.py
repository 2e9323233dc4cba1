"""Output formats. Each module renders lint results; none of them knows about rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from linter.engine import FileResult

# C0 and C1 controls (but tab) and DEL: a hostile Dockerfile must not drive the user's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from a Dockerfile made safe to print: control characters shown as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


@dataclass(frozen=True)
class Report:
    results: list[FileResult]
    tool_version: str
    color: bool = False
    show_source: bool = True
    statistics: bool = False


Formatter = Callable[[Report, TextIO], None]


def get_formatter(name: str) -> Formatter:
    if name == "json":
        from linter.formats.json_format import write_json

        return write_json
    if name == "text":
        from linter.formats.text import write_text

        return write_text
    raise ValueError(f"unknown format {name!r}")


FORMAT_NAMES = ("text", "json")
