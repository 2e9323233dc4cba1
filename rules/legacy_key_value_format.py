"""Reports `ENV key value` and `LABEL key value`, the legacy form without `=`.

## What it does
Flags an `ENV` or `LABEL` whose first word has no `=`: BuildKit then reads the first word as the key and the whole
rest of the line as its value. ONBUILD triggers are checked too.

## Why it matters
The whitespace form sets one variable per instruction and is easy to misread:
`ENV PATH /venv/bin:$PATH PYTHONUNBUFFERED 1` sets a single variable `PATH` to `/venv/bin:… PYTHONUNBUFFERED 1`.
The Dockerfile reference
supports it only for backward compatibility, discourages it as confusing and says it may be removed in a future
release. Docker's build checks report it as `LegacyKeyValueFormat`
(<https://docs.docker.com/reference/build-checks/legacy-key-value-format/>).

## Example
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED 1
LABEL description Demo API
```

Use instead:
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
LABEL description="Demo API"
```

## Fix
Safe, when the result provably means the same: the whitespace after the key becomes `=`, and a value that holds
whitespace is put in double quotes (its line breaks and comments stay where they are). No fix when the key is quoted
or holds variables, or when a value with whitespace also holds quotes or escape characters: rewrite it by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.source import iter_shell_words, shell_words

CODE = "DF603"
NAME = "legacy-key-value-format"
SEVERITY = "warning"
SUMMARY = "`ENV key value` / `LABEL key value`: use `key=value`"
TWINS: tuple[str, ...] = ("LegacyKeyValueFormat",)
FIXABLE = True

# The key of the legacy form: what comes before the first whitespace BuildKit splits at.
_KEY = lazy_compile(r"[^\t\v\f\r ]+")
_PLAIN_KEY = lazy_compile(r"[^\s\"'`$=\\]+")
_QUOTE_OR_ESCAPE = lazy_compile(r"[\"'`\\]")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("ENV", "LABEL"):
        violation = _check(instruction)
        if violation is not None:
            yield violation


def _check(instruction: Instruction) -> Violation | None:
    arguments = instruction.arguments
    first = next(iter_shell_words(arguments), None)  # only the first word decides: values may be long
    if first is None or "=" in first[2]:
        return None
    # BuildKit splits the legacy form at the first run of whitespace: key, then the rest as the value.
    key_match = _KEY.match(arguments)
    if key_match is None:
        return None  # the arguments start with a vertical tab or a form feed (whitespace to BuildKit, not to us)
    key = key_match.group()
    value_start = key_match.end()
    while value_start < len(arguments) and arguments[value_start] in " \t\v\f\r":
        value_start += 1
    value = arguments[value_start:].rstrip()
    if not value:
        return None  # `ENV KEY` alone: BuildKit rejects it
    base = instruction.arguments_offset
    key_span = instruction.span_of(base, base + len(key))
    edits = _edits(instruction, key, value, base + len(key), base + value_start)
    keyword = instruction.keyword_text
    message = (
        f"`{keyword} {key} {_short(value)}` uses the deprecated `key value` form, where the whole rest of the line "
        f"is the value of `{key}`: {_suggestion(keyword, key, value, edits)}"
    )
    if edits is None:
        return Violation(key_span, message)
    return Violation(key_span, message, Fix(f"write `{key}=…`", edits))


def _edits(
    instruction: Instruction, key: str, value: str, separator_start: int, value_start: int
) -> tuple[Edit, ...] | None:
    """The separator turned into `=`, and quotes around a value with whitespace; None when unsure."""
    if not _PLAIN_KEY.fullmatch(key):
        return None
    escape = instruction.escape
    if escape != "\\" and ("\\" in value or escape in value):
        return None  # our word splitting follows `\`; leave other escape characters to the author
    separator = instruction.span_of(separator_start, value_start)
    if len(shell_words(value)) == 1:
        return (Edit(separator, "="),)
    if _QUOTE_OR_ESCAPE.search(value) or escape in value:
        return None
    end = value_start + len(value)
    return Edit(separator, '="'), Edit(instruction.span_of(end, end), '"')


def _suggestion(keyword: str, key: str, value: str, edits: tuple[Edit, ...] | None) -> str:
    if edits is None and len(shell_words(value)) > 1:
        return f"write `{keyword} {key}=…` with the value quoted as one word"
    if edits is not None and len(edits) == 2:
        return f'write `{keyword} {key}="{_short(value)}"`'
    return f"write `{keyword} {key}={_short(value)}`"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"
