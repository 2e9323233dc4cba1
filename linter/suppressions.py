"""Suppression comments: our own, hadolint's, and BuildKit's ``check`` directive.

- ``# lintainer: ignore=DF202,pip-no-cache-dir -- reason`` in the comment lines directly above an instruction
  silences those rules for that instruction (a blank line in between breaks the link, as in hadolint);
  ``# lintainer: ignore-file=DF202`` anywhere silences them for the whole file.
- ``# hadolint ignore=DL3042,DL3025`` (next instruction) and ``# hadolint global ignore=…`` (whole file) silence our
  twins of those hadolint rules.
- BuildKit's ``# check=skip=JSONArgsRecommended,…`` (or ``skip=all``) as a parser directive silences our twins of
  those checks for the whole file; the same comment directly above an instruction silences them there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from linter.model import Dockerfile
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Rule

_LINTAINER = lazy_compile(r"#\s*lintainer:\s*(ignore-file|ignore)\s*=\s*([^\s,][^\s]*(?:\s*,\s*[^\s,]+)*)(.*)")
_HADOLINT = lazy_compile(r"#\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)")
_CHECK = lazy_compile(r"#\s*check\s*=\s*(.*)", re.IGNORECASE)


class Suppression(Record):
    selectors: tuple[str, ...]
    origin: str  # "lintainer", "hadolint" or "buildkit"
    span: Span  # the comment
    lines: tuple[int, int] | None  # the instruction's first and last line; None for the whole file
    reason: str | None = None

    def covers(self, rule: Rule, line: int) -> bool:
        if self.lines is not None and not self.lines[0] <= line <= self.lines[1]:
            return False
        return any(_names(rule, selector, self.origin) for selector in self.selectors)


def _names(rule: Rule, selector: str, origin: str) -> bool:
    wanted = selector.strip().lower()
    if origin == "buildkit":
        return (wanted == "all" and any(_is_buildkit_name(t) for t in rule.twins)) or wanted in (
            t.lower() for t in rule.twins
        )
    if origin == "hadolint":
        return wanted in (t.lower() for t in rule.twins)
    return wanted in (rule.code.lower(), rule.name.lower()) or wanted in (t.lower() for t in rule.twins)


def _is_buildkit_name(twin: str) -> bool:
    # BuildKit check names are CamelCase words (JSONArgsRecommended); hadolint codes are DLnnnn, others have digits.
    return twin[:1].isupper() and not any(char.isdigit() for char in twin)


def _skip_list(value: str) -> tuple[str, ...]:
    """The ``skip=`` part of a ``check`` directive value (``skip=A,B;error=true``)."""
    for part in value.split(";"):
        key, _, rest = part.partition("=")
        if key.strip().lower() == "skip":
            return tuple(item.strip() for item in rest.split(",") if item.strip())
    return ()


def collect(dockerfile: Dockerfile) -> list[Suppression]:
    """Every suppression in a Dockerfile, each tied to its instruction's lines or to the whole file."""
    lines = dockerfile.lines
    comment_lines = set(dockerfile.source.comment_lines)
    directive_lines = {directive.line for directive in dockerfile.directives}
    found: list[Suppression] = []
    for directive in dockerfile.directives:
        if directive.name == "check":
            skipped = _skip_list(directive.value)
            if skipped:
                found.append(Suppression(skipped, "buildkit", directive.span, None))
    # Most comments are prose: only the pragma-shaped ones need the instructions' lines below.
    pragmas = [number for number in sorted(comment_lines - directive_lines) if _is_pragma(lines[number - 1].lstrip())]
    if not pragmas:
        return found
    starts = {instruction.span.start_line: instruction for instruction in dockerfile.instructions}
    inside = {
        line
        for instruction in dockerfile.instructions
        for line in range(instruction.span.start_line + 1, instruction.span.end_line + 1)
    }
    for number in pragmas:
        text = lines[number - 1]
        stripped = text.lstrip()
        column = len(text) - len(stripped) + 1
        span = Span(number, column, number, len(text) + 1)
        target = None
        if number not in inside:
            following = number + 1
            while following in comment_lines:
                following += 1
            instruction = starts.get(following)
            if instruction is not None:
                target = (instruction.span.start_line, instruction.span.end_line)
        match = _LINTAINER.match(stripped)
        if match:
            kind, codes, rest = match.groups()
            selectors = tuple(code.strip() for code in codes.split(",") if code.strip())
            reason = rest.strip().removeprefix("--").strip() or None
            if kind == "ignore-file":
                found.append(Suppression(selectors, "lintainer", span, None, reason))
            else:
                # A pragma with no instruction below still counts (as unused), so it can be reported.
                found.append(Suppression(selectors, "lintainer", span, target or (0, -1), reason))
            continue
        match = _HADOLINT.match(stripped)
        if match:
            is_global, codes = match.groups()
            selectors = tuple(code.strip() for code in codes.split(","))
            if is_global:
                found.append(Suppression(selectors, "hadolint", span, None))
            elif target is not None:
                found.append(Suppression(selectors, "hadolint", span, target))
            continue
        match = _CHECK.match(stripped)
        if match and target is not None:
            skipped = _skip_list(match.group(1))
            if skipped:
                found.append(Suppression(skipped, "buildkit", span, target))
    return found


def _is_pragma(comment: str) -> bool:
    # Every pragma has an `=`; most comments are prose without one.
    return "=" in comment and any(pattern.match(comment) for pattern in (_LINTAINER, _HADOLINT, _CHECK))


def unknown_selectors(suppression: Suppression, rules: Sequence[Rule]) -> list[str]:
    return [s for s in suppression.selectors if not any(_names(rule, s, suppression.origin) for rule in rules)]


def is_suppressed(suppressions: Iterable[Suppression], rule: Rule, line: int, used: set[int] | None = None) -> bool:
    """Whether a finding of ``rule`` starting at ``line`` is silenced; records which suppressions were used."""
    silenced = False
    for index, suppression in enumerate(suppressions):
        if suppression.covers(rule, line):
            silenced = True
            if used is not None:
                used.add(index)
    return silenced
