"""dockerfile-parse, read once per file on the sanitised text, reconciled with the pre-pass.

The pre-pass (:mod:`linter.source`) is faithful to BuildKit; dockerfile-parse splits the sanitised copy into
instructions and must agree with it line for line. Where they disagree the pre-pass wins and the disagreement is kept
as an internal diagnostic, which the test-suite watches over the whole corpus. This module also wraps the library's
key/value and FROM helpers, so that nothing else imports it.
"""

from __future__ import annotations

import io
import logging

from dockerfile_parse import DockerfileParser
from dockerfile_parse.util import extract_key_values

from linter.records import Record
from linter.source import LogicalLine, Source

# The library logs (and re-raises) I/O problems; we never hand it a path, so its log is noise.
logging.getLogger("dockerfile_parse").setLevel(logging.CRITICAL)


class _LinesParser(DockerfileParser):  # type: ignore[misc]  # the library has no type information
    """dockerfile-parse reading lines already split (as its ``lines`` would return them from a file object: each with
    its "\n"), instead of a file object it reads and decodes line by line again (a sixth of its time per file)."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        super().__init__(fileobj=io.StringIO())
        self._given_lines = lines

    @property
    def lines(self) -> list[str]:
        return list(self._given_lines)


class RawInstruction(Record):  # a tuple: one per instruction, built five times faster than a dataclass
    keyword: str  # the first word, upper-cased (ONBUILD for a trigger)
    logical_line: LogicalLine


class Split(Record):
    instructions: tuple[RawInstruction, ...]
    disagreements: tuple[str, ...]


def split_instructions(source: Source) -> Split:
    """Instruction splitting: dockerfile-parse's structure, cross-checked against the pre-pass's logical lines.

    The model is built from the result. Where the two disagree the pre-pass wins (it is faithful to BuildKit) and the
    disagreement is kept; the test-suite watches them over the corpus.
    """
    parser = _LinesParser(source.sanitised_lines)
    # By first line (1-based); a comment inside a continuation is listed before its instruction, hence no order.
    by_start = {entry["startline"] + 1: entry for entry in parser.structure if entry["instruction"] != "COMMENT"}
    disagreements: list[str] = []
    instructions: list[RawInstruction] = []
    last_line = len(source.lines)
    for logical in source.logical_lines:
        keyword = logical.keyword
        entry = by_start.pop(logical.start_line, None)
        if entry is None:
            disagreements.append(f"line {logical.start_line}: dockerfile-parse found no instruction")
        else:
            if entry["instruction"] != keyword:
                disagreements.append(
                    f"line {logical.start_line}: dockerfile-parse read {entry['instruction']!r}, not {keyword!r}"
                )
            end = min(entry["endline"] + 1, last_line)
            if end != logical.last_text_line:
                disagreements.append(
                    f"line {logical.start_line}: dockerfile-parse ends the instruction at line {end}, "
                    f"not {logical.last_text_line}"
                )
        instructions.append(RawInstruction(keyword, logical))
    for start, entry in sorted(by_start.items()):
        disagreements.append(f"line {start}: dockerfile-parse found {entry['instruction']!r} where BuildKit has none")
    return Split(tuple(instructions), tuple(disagreements))


def key_values(text: str) -> list[tuple[str, str]]:
    """ENV/LABEL/ARG pairs (``a=b "c d"=e`` or the legacy ``key value``), dequoted, without substitution."""
    words = text.split()
    if not words:
        return []  # the library indexes the first word unchecked (`ENV` alone)
    if "'" not in text and '"' not in text and "\\" not in text:
        return _unquoted_key_values(text, words)
    try:
        return [(str(k), str(v)) for k, v in extract_key_values(False, {}, {}, text)]
    except (ValueError, IndexError):
        return []


def _unquoted_key_values(text: str, words: list[str]) -> list[tuple[str, str]]:
    """What the library reads from a text without quotes or escapes (most ENV lines), without its reading one
    character at a time: its words are the whitespace-separated ones, and nothing is removed from them."""
    if "=" not in words[0]:  # legacy `key value`: the rest of the line is the value
        parts = text.split(None, 1)
        return [(parts[0], parts[1] if len(parts) > 1 else "")]
    pairs = []
    for word in words:
        key, has_value, value = word.partition("=")
        if not has_value:
            return []  # the library rejects a word without `=` in the `key=value` form
        pairs.append((key, value))
    return pairs
