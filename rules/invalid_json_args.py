"""Reports arguments that look like a JSON array (exec form) but are not one.

## What it does
Flags the arguments of `CMD`, `ENTRYPOINT`, `RUN`, `SHELL`, `HEALTHCHECK CMD`, `COPY`, `ADD` and `VOLUME` (ONBUILD
triggers included) that start with `[` and are meant as a JSON array, but are not a valid JSON array of strings:
single-quoted elements (`['uvicorn', 'app:app']`), a trailing comma (`["a", "b",]`), a missing comma
(`["a" "b"]`), a missing `]` or closing quote, unquoted elements (`VOLUME [/data]`), a comment after the `]`
(Dockerfile comments only start at the beginning of a line), or elements that are not strings (`["sleep", 10]`).
The message says what is wrong and what Docker does instead.

Shell text that merely starts with `[` is left alone: the `[` test command (`RUN [ -f /etc/x ] && rm /etc/x`,
`RUN [ "$A" = "b" ] || exit 1`) and bash's `[[ ... ]]` are shell, and so is a `COPY [Dd]ockerfile /src/` glob.

## Why it matters
Docker reads such arguments silently as something else. For `CMD`, `ENTRYPOINT`, `RUN` and `HEALTHCHECK CMD`
it runs the whole text as a shell command (`/bin/sh -c "['uvicorn', 'app:app']"`), which fails when it runs with
a confusing `[uvicorn,: not found`: at container start for `CMD`/`ENTRYPOINT` (the build succeeds), at every
probe for a health check (the container turns unhealthy), at build time for `RUN`. `COPY`, `ADD` and `VOLUME`
split the text on whitespace: `VOLUME [/data]` declares a volume at the literal path `[/data]`, and
`COPY ['a', '/b']` looks for a source file named `['a',`. `SHELL` rejects anything but a JSON array, and an array
with a non-string element (`["sleep", 10]`) fails the build for every instruction ("arrays must be comprised of
strings only"). Source: the Dockerfile reference ("The exec form is parsed as a JSON array, which means that you
must use double-quotes (") around words not single-quotes (')"), BuildKit's parser (`parseMaybeJSON`,
`parseMaybeJSONToList`).

## Example
```dockerfile
FROM python:3.12-slim
COPY ./app /code/app
CMD ['fastapi', 'run', 'app/main.py', '--port', '80']
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY ./app /code/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
Safe, when the only problems are single quotes and a trailing comma: single-quoted elements become JSON strings
(inner `"` and `\\` escaped) and the trailing comma is removed; the layout, continuation lines included, is kept.

```dockerfile
CMD ['uvicorn', "app.main:app", '--host', '0.0.0.0',]
```
becomes
```dockerfile
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
```

No fix when the intent is ambiguous: a single-quoted element with a backslash escape such as `'\\n'` (literal, or
a newline?), an invalid escape in a double-quoted element, a missing comma, bracket or quote, an unquoted or
non-string element, text after the `]`.

## Differences from peers
hadolint (2.15.1, observed) reports a broken array in `CMD`/`ENTRYPOINT`/`HEALTHCHECK` as DL3025 ("use arguments
JSON notation"), the same finding as a deliberate shell form, which does not name the mistake; a broken array in
`RUN` gets only a ShellCheck parse error (SC1072), and in `COPY`, `VOLUME` or `SHELL` nothing at all. BuildKit's
checks say nothing of their own; `JSONArgsRecommended` fires on the resulting shell form. This rule does not
report the `[` test command or a `[..]` glob, which a plain "starts with `[`" check would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.model import Dockerfile, Instruction
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation

CODE = "DF102"
NAME = "invalid-json-args"
SEVERITY = "error"
SUMMARY = "Arguments look like a JSON array but are not one; Docker reads them as something else"
TWINS: tuple[str, ...] = ("DL3025",)
FIXABLE = True

# Instructions whose arguments BuildKit tries to read as a JSON array (HEALTHCHECK: the part after `CMD`).
_JSON_INSTRUCTIONS = frozenset({"CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD", "VOLUME"})
_SHELL_RUNNERS = frozenset({"CMD", "ENTRYPOINT", "RUN", "HEALTHCHECK"})
_SPACE = " \t\r\n"
# A backslash sequence in a single-quoted element that someone may have meant as an escape (Python, JavaScript).
_AMBIGUOUS_ESCAPE = lazy_compile(r"\\[\\'\"abfnrtv0-7xuUN]")
_QUOTE_LIMIT = 40


class _Element(Record):
    kind: str  # "double", "single", "bare" or "array"
    start: int  # offsets in the analysed text
    end: int

    def raw(self, text: str) -> str:
        return text[self.start : self.end]


class JsonArrayProblem(Record):
    """Why text meant as a JSON array is not one, and the edits (offsets into the text) that repair it, if any."""

    reason: str
    fails_build: bool  # a valid JSON array with a non-string element: BuildKit refuses it
    edits: tuple[tuple[int, int, str], ...] | None


def json_array_problem(text: str) -> JsonArrayProblem | None:
    """The problem of ``text`` (an instruction's arguments) when it is meant as a JSON array and is not a valid one.

    None when it is a valid JSON array of strings, or when it is not meant as one (does not start with ``[``, or is
    shell syntax that starts with ``[``: the test command, a glob).
    """
    text = text.rstrip(_SPACE)
    if not text.startswith("[") or text.startswith(("[[ ", "[[\t")):
        return None
    try:
        parsed = json.loads(text)
    except RecursionError:  # `[[[[...` thousands deep
        parsed, json_message = None, "arrays nested thousands deep"
    except ValueError as error:
        # JSONDecodeError has .msg; a plain ValueError (an integer of over 4,300 digits) has not.
        parsed, json_message = None, getattr(error, "msg", str(error)).lower()
    else:
        if isinstance(parsed, list) and all(isinstance(item, str) for item in parsed):
            return None
        json_message = "a JSON array of strings is expected"
    if isinstance(parsed, list):
        offender = next(item for item in parsed if not isinstance(item, str))
        shown = _short(json.dumps(offender, ensure_ascii=False))
        return JsonArrayProblem(f"`{shown}` is not a string: every element must be a double-quoted string", True, None)
    scan = _scan(text)
    if scan is None:
        return None
    elements, trailing_comma, close, unterminated = scan.elements, scan.trailing_comma, scan.close, scan.unterminated

    reasons: list[str] = []
    edits: list[tuple[int, int, str]] | None = []
    singles = [e for e in elements if e.kind == "single"]
    if singles:
        reasons.append(f"JSON strings need double quotes, not single quotes (`{_short(singles[0].raw(text))}`)")
        for element in singles:
            content = text[element.start + 1 : element.end - 1]
            if _AMBIGUOUS_ESCAPE.search(content) and edits is not None:
                edits = None  # `'\n'`: a backslash and an n, or a newline? Leave it to the author.
            elif edits is not None:
                edits.append((element.start, element.end, json.dumps(content, ensure_ascii=False)))
    if trailing_comma is not None:
        reasons.append("a trailing comma before `]`")
        if edits is not None:
            edits.append((trailing_comma, trailing_comma + 1, ""))
    for element in elements:
        if element.kind == "double" and element.start != unterminated and not _is_json_string(element.raw(text)):
            reasons.append(f"`{_short(element.raw(text))}` is not a valid JSON string (a bad escape or a raw tab)")
            edits = None
            break
    if scan.empty_element is not None:
        reasons.append("a comma with no element before it")
        edits = None
    if scan.missing_comma_after is not None:
        before, after = elements[scan.missing_comma_after], elements[scan.missing_comma_after + 1]
        reasons.append(f"a comma is missing between `{_short(before.raw(text))}` and `{_short(after.raw(text))}`")
        edits = None
    bare = [e for e in elements if e.kind in ("bare", "array") and e.start != unterminated]
    if bare:
        reasons.append(f"`{_short(bare[0].raw(text))}` is not a double-quoted string")
        edits = None
    if unterminated is not None:
        what = "nested array" if elements[-1].kind == "array" else "string"
        reasons.append(f"the {what} `{_short(text[unterminated:])}` is not closed")
        edits = None
    elif close is None:
        reasons.append("the closing `]` is missing")
        edits = None
    elif text[close + 1 :].strip(_SPACE):
        reasons.append(
            f"text after the `]` (`{_short(text[close + 1 :].strip(_SPACE))}`): "
            "a Dockerfile comment must start its own line"
        )
        edits = None
    if not reasons:
        reasons.append(json_message)
        edits = None
    if edits:
        fixed = _apply(text, edits)
        try:
            repaired = json.loads(fixed)
        except (ValueError, RecursionError):
            edits = None
        else:
            if not isinstance(repaired, list) or not all(isinstance(item, str) for item in repaired):
                edits = None
    return JsonArrayProblem("; ".join(reasons), False, tuple(edits) if edits else None)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("HEALTHCHECK", *_JSON_INSTRUCTIONS):
        if instruction.keyword == "HEALTHCHECK":
            located = _healthcheck_array(instruction)
        elif instruction.keyword in _JSON_INSTRUCTIONS and instruction.json_error is not None:
            located = (instruction.arguments_offset, instruction.arguments.rstrip(_SPACE))
        else:
            continue
        if located is None:
            continue
        offset, text = located
        problem = json_array_problem(text)
        if problem is None:
            continue
        span = instruction.span_of(offset, offset + len(text))
        fix = None
        if problem.edits:
            edits = tuple(Edit(instruction.span_of(offset + s, offset + e), new) for s, e, new in problem.edits)
            fix = Fix(f"Write a valid JSON array: {_apply(text, problem.edits)}", edits)
        yield Violation(span, _message(instruction, text, problem), fix)


def _healthcheck_array(instruction: Instruction) -> tuple[int, str] | None:
    """(offset in the instruction's text, text) of the part after `HEALTHCHECK [flags] CMD` when it starts with `[`."""
    words = instruction.words
    if len(words) < 2 or words[0][2].upper() != "CMD":
        return None
    start = words[1][0]
    rest = instruction.text[start:].rstrip(_SPACE)
    return (start, rest) if rest.startswith("[") else None


def _message(instruction: Instruction, text: str, problem: JsonArrayProblem) -> str:
    keyword = instruction.keyword
    written = ("ONBUILD " if instruction.is_trigger else "") + instruction.keyword_text
    if keyword == "HEALTHCHECK":
        written += " CMD"
    head = f"`{written} {_short(text)}` is not a valid JSON array: {problem.reason}"
    if problem.fails_build:
        consequence = "Docker refuses the build (a JSON array of arguments may only hold strings)"
    elif keyword == "SHELL":
        consequence = "Docker refuses the build, since SHELL takes only a JSON array"
    elif keyword in _SHELL_RUNNERS:
        shell = " ".join(instruction.shell)
        when = {
            "RUN": "the build step fails",
            "HEALTHCHECK": "every probe fails and the container turns unhealthy",
        }.get(keyword, "the container fails to start")
        consequence = f'Docker runs the whole text as a shell command (`{shell} "{_short(text, 24)}"`), so {when}'
    elif keyword == "VOLUME":
        consequence = "Docker splits the text on whitespace and declares volumes at paths such as "
        consequence += f"`{_short(text.split()[0])}`"
    else:
        consequence = "Docker splits the text on whitespace and looks for a source file named "
        consequence += f"`{_short(text.split()[0])}`"
    advice = "write it with double-quoted strings separated by commas"
    if problem.edits:
        advice = f"write `{_short(_apply(text, problem.edits), 60)}`"
    return f"{head}. {consequence}; {advice}."


# ------------------------------------------------------------------------------------------------------------------
# A tolerant reader of JSON-ish arrays
# ------------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scan:
    """What a tolerant read of a JSON-ish array found; offsets are into the analysed text."""

    elements: list[_Element] = field(default_factory=list)
    missing_comma_after: int | None = None  # index of the element a comma is missing after
    empty_element: int | None = None  # offset of a comma with no element before it (`[,` or `,,`)
    trailing_comma: int | None = None
    close: int | None = None  # offset of the closing bracket
    unterminated: int | None = None  # offset of a quote or nested bracket that is never closed


def _scan(text: str) -> _Scan | None:
    """Read ``text`` (starting with ``[``) as an array whose elements may be badly quoted or separated.

    None when the text is shell syntax rather than a mistyped array: the test command `[ -f x ] && ...`, a glob
    `[Dd]ockerfile`.
    """
    found = _Scan()
    elements = found.elements
    pending_comma: int | None = None  # a comma not yet followed by an element
    expecting_element = True
    unquoted = False  # an element so far is neither double- nor single-quoted
    position = 1
    length = len(text)
    while True:
        while position < length and text[position] in _SPACE:
            position += 1
        if position >= length:
            return found
        char = text[position]
        if char == "]":
            after = text[position + 1 :].strip(_SPACE)
            if after and not after.startswith("#"):
                return None  # `[ -f x ] && y`, `[Dd]ockerfile`: shell or a glob, not an array
            if elements and pending_comma is not None:
                found.trailing_comma = pending_comma
            found.close = position
            return found
        if char == ",":
            if expecting_element and found.empty_element is None:
                found.empty_element = position
            pending_comma, expecting_element = position, True
            position += 1
            continue
        start = position
        if char == '"':
            position = _skip_double_quoted(text, position)
            kind = "double"
        elif char == "'":
            position = text.find("'", position + 1) + 1
            kind = "single"
        elif char == "[":
            position = _skip_nested(text, position)
            kind = "array"
        else:
            while position < length and text[position] not in _SPACE + ",]":
                position += 1
            kind = "bare"
        if position <= start:  # an unclosed quote or bracket runs to the end
            elements.append(_Element(kind, start, length))
            found.unterminated = start
            return found
        if not expecting_element and found.missing_comma_after is None:
            found.missing_comma_after = len(elements) - 1
        elements.append(_Element(kind, start, position))
        unquoted = unquoted or kind not in ("double", "single")
        pending_comma, expecting_element = None, False
        if found.missing_comma_after is not None and unquoted:  # a flag: rescanning the elements was quadratic
            return None  # words side by side, some unquoted: shell (`[ "$A" = b ]`), not an array


def _skip_double_quoted(text: str, position: int) -> int:
    """Offset after the closing quote of the JSON string at ``position``, or -1 when it is not closed."""
    index = position + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text[index] == '"':
            return index + 1
        else:
            index += 1
    return -1


def _skip_nested(text: str, position: int) -> int:
    """Offset after the ``]`` matching the ``[`` at ``position`` (quotes respected), or -1."""
    depth = 0
    index = position
    while index < len(text):
        char = text[index]
        if char == '"':
            index = _skip_double_quoted(text, index)
            if index < 0:
                return -1
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def _apply(text: str, edits: tuple[tuple[int, int, str], ...] | list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _short(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` on one line, cut to about ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _is_json_string(raw: str) -> bool:
    try:
        return isinstance(json.loads(raw), str)
    except (ValueError, RecursionError):
        return False
