"""Reports empty lines inside an instruction continued over several lines.

## What it does
Flags an instruction whose continuation (`\\` at the end of a line, or the `# escape=` character) runs over an empty
or whitespace-only line. One finding per instruction, at its first empty line. When the line after the empty one is
unindented and starts with an instruction keyword (`COPY . .`), the message says what really happened: the escape
character at the end of the line before joined that instruction into this one.

## Why it matters
BuildKit skips empty lines inside a continuation today, and warns that they "will become errors in a future
release". An empty line usually marks where the author meant the instruction to end: a left-over `\\` then silently
glues the next instruction onto this one (`RUN apt-get install -y curl COPY . .`). Docker's build checks report it
as `NoEmptyContinuation` (<https://docs.docker.com/reference/build-checks/no-empty-continuation/>).

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && \\

    apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN apt-get update && \\
    apt-get install -y --no-install-recommends curl
```

## Fix
Safe: deletes the empty lines, which BuildKit skips anyway. No fix when the continuation swallows a following
instruction (remove the escape character that should have ended the instruction instead), nor when the
continuation is still open at the end of the file.

## Differences from BuildKit
BuildKit gives the same warning whether the empty line is harmless or hides a swallowed instruction; here the second
case is an error that names the joined line and the escape character to remove. hadolint has no twin.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import KNOWN_INSTRUCTIONS, Dockerfile, Instruction
from linter.positions import Span
from linter.rule import Edit, Fix, RuleContext, Severity, Violation

CODE = "DF609"
NAME = "empty-continuation-line"
SEVERITY = "warning"
SUMMARY = "Empty line inside a continued instruction"
TWINS: tuple[str, ...] = ("NoEmptyContinuation",)
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    with_empty_lines = [logical for logical in dockerfile.source.logical_lines if logical.empty_continuation_lines]
    if not with_empty_lines:
        return
    by_line = {instruction.line: instruction for instruction in dockerfile.instructions}
    for logical in with_empty_lines:
        empty = logical.empty_continuation_lines
        instruction = by_line.get(logical.start_line)
        if instruction is None:
            continue
        swallowed = _swallowed(dockerfile, instruction, empty, logical.last_text_line)
        first = empty[0]
        span = Span(first, 1, first, len(dockerfile.lines[first - 1]) + 1)
        where = f"line {first}" if len(empty) == 1 else "lines " + ", ".join(str(line) for line in empty)
        keyword = instruction.keyword_text
        if swallowed is not None:
            joined, escape_line = swallowed
            yield Violation(
                span,
                f"empty {where} inside the continuation of `{keyword}` (line {instruction.line}): BuildKit skips it "
                f"and joins line {joined} `{dockerfile.lines[joined - 1].strip()}` into this {keyword}; if the "
                f"{keyword} should end there, remove the `{dockerfile.escape}` at the end of line {escape_line}",
                severity=Severity.ERROR,
            )
            continue
        fix = None
        if not logical.open_continuation_at_eof:
            edits = tuple(Edit(Span(line, 1, line + 1, 1), "") for line in empty)
            fix = Fix("delete the empty continuation lines", edits)
        yield Violation(
            span,
            f"empty {where} inside the continuation of `{keyword}` (line {instruction.line}): BuildKit skips "
            f"{'them' if len(empty) > 1 else 'it'} but warns that empty continuation lines will become errors; "
            f"delete {'them' if len(empty) > 1 else 'it'}",
            fix,
        )


def _swallowed(
    dockerfile: Dockerfile, instruction: Instruction, empty: tuple[int, ...], last_line: int
) -> tuple[int, int] | None:
    """(line joined, line whose escape character joined it) when an empty line precedes what reads as a new
    instruction: unindented, starting with a keyword cased like upper-case or like this instruction's keyword."""
    lines = dockerfile.lines
    empty_set = set(empty)
    for line in empty:
        following = line + 1
        while following in empty_set or (following <= len(lines) and lines[following - 1].lstrip().startswith("#")):
            following += 1
        if following > min(last_line, len(lines)):
            continue
        text = lines[following - 1]
        words = text.split(None, 1)
        if not words or text[:1] in (" ", "\t"):
            continue
        word = words[0]
        if word.upper() not in KNOWN_INSTRUCTIONS:
            continue
        if word != word.upper() and word != _same_casing(word, instruction.keyword_text):
            continue
        escape_line = line - 1
        while escape_line > instruction.line and (escape_line in empty_set or _is_comment(lines[escape_line - 1])):
            escape_line -= 1
        return following, escape_line
    return None


def _same_casing(word: str, keyword: str) -> str:
    return word.lower() if keyword == keyword.lower() else word.upper()


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")
