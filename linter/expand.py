"""Variable substitution as Dockerfile instructions do it (FROM, ENV, ARG, WORKDIR, ...).

Supports ``$V``, ``${V}``, ``${V:-word}``, ``${V-word}``, ``${V:+word}``, ``${V+word}``, ``${V:?msg}`` and
``${V?msg}``; the escape character makes the next ``$`` literal. The lookup returns ``None`` for a variable that is
declared without a value we can know (an ARG without default, a build-time platform argument) and raises nothing:
the caller learns whether the result is fully known.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from linter.records import Record

_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | frozenset("0123456789")


class _Unknown(Exception):
    pass


def expand(
    text: str, variables: Mapping[str, str | None], escape: str = "\\", undeclared_known: bool = True
) -> tuple[str, bool]:
    """Substitute variables; returns (result, known). Unknown parts expand to "" and make ``known`` False.

    ``undeclared_known``: whether a variable that was never declared is known to be empty (true for FROM, which sees
    only ARGs) or unknown (inside a stage, where the base image's environment may define it).
    """
    if "$" not in text:
        return text, True
    state = {"known": True, "undeclared_known": undeclared_known}
    result = _expand(text, variables, escape, state, depth=0)
    return result, state["known"]


def _lookup(name: str, variables: Mapping[str, str | None], state: dict[str, bool]) -> str | None:
    if name not in variables:
        if not state["undeclared_known"]:
            state["known"] = False
        return None
    value = variables[name]
    if value is None:
        state["known"] = False
    return value


@lru_cache(maxsize=8)  # the escape character is `\\` or `` ` ``
def _escape_or_dollar(escape: str) -> re.Pattern[str]:
    """The characters substitution acts on; the text between them is copied as it is, in one piece."""
    return re.compile(f"[{re.escape(escape)}$]")


def _expand(text: str, variables: Mapping[str, str | None], escape: str, state: dict[str, bool], depth: int) -> str:
    out: list[str] = []
    index, length = 0, len(text)
    next_special = _escape_or_dollar(escape).search
    while index < length:
        special = next_special(text, index)
        if special is None:
            out.append(text[index:])
            break
        if special.start() > index:
            out.append(text[index : special.start()])
            index = special.start()
        char = text[index]
        if char == escape and index + 1 < length and text[index + 1] == "$":
            out.append("$")
            index += 2
            continue
        if char != "$" or index + 1 >= length:
            out.append(char)
            index += 1
            continue
        following = text[index + 1]
        if following in _NAME_START:
            end = index + 1
            while end < length and text[end] in _NAME_CHARS:
                end += 1
            out.append(_lookup(text[index + 1 : end], variables, state) or "")
            index = end
            continue
        if following == "{":
            close = _matching_brace(text, index + 2)
            if close < 0:
                out.append(text[index:])
                state["known"] = False
                break
            out.append(_expand_braced(text[index + 2 : close], variables, escape, state, depth))
            index = close + 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _matching_brace(text: str, start: int) -> int:
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _expand_braced(
    inner: str, variables: Mapping[str, str | None], escape: str, state: dict[str, bool], depth: int
) -> str:
    end = 0
    while end < len(inner) and inner[end] in _NAME_CHARS:
        end += 1
    name, rest = inner[:end], inner[end:]
    if not name:
        state["known"] = False
        return ""
    if not rest:
        return _lookup(name, variables, state) or ""
    colon = rest.startswith(":")
    operator = rest[1:2] if colon else rest[:1]
    word = rest[2:] if colon else rest[1:]
    if operator not in ("-", "+", "?") or depth > 8:
        state["known"] = False
        return ""
    declared = name in variables
    value = variables.get(name)
    if not declared and not state["undeclared_known"]:
        state["known"] = False
        return ""
    if declared and value is None:
        # Declared, value unknown at lint time: which branch applies is unknown too.
        state["known"] = False
        return ""
    is_set = declared and (value != "" or not colon)
    if operator == "-":
        return (value or "") if is_set else _expand(word, variables, escape, state, depth + 1)
    if operator == "+":
        return _expand(word, variables, escape, state, depth + 1) if is_set else ""
    if not is_set:  # "?": the build would fail here
        state["known"] = False
        return ""
    return value or ""


class Reference(Record):
    """One variable reference in a text, as BuildKit's word expansion sees it.

    ``start``/``end`` delimit the whole reference (``$NAME`` or ``${NAME...}``) in the text; ``operator`` is ``""``
    for a plain ``$NAME``/``${NAME}`` and one of ``:-``, ``-``, ``:+``, ``+``, ``:?``, ``?`` otherwise;
    ``nested`` is True inside the word of another reference (``${A:-$B}`` references ``B`` nested).
    """

    name: str
    start: int
    end: int
    operator: str = ""
    nested: bool = False

    @property
    def has_fallback(self) -> bool:
        """The text says what happens when the variable is unset (``${A:-x}``, ``${A+x}``, ``${A:?msg}``)."""
        return self.operator != ""


def references(text: str, escape: str = "\\") -> list[Reference]:
    """Every variable reference that word expansion (ENV, LABEL, COPY, WORKDIR, FROM, ...) would substitute.

    Single-quoted text is literal; the escape character makes the next character literal (``\\$HOME``).
    """
    found: list[Reference] = []
    _scan_references(text, 0, len(text), escape, found, nested=False)
    return found


def referenced_names(text: str, escape: str = "\\") -> list[str]:
    """Names of the variables ``text`` references, in order of first appearance, each once."""
    names: list[str] = []
    for reference in references(text, escape):
        if reference.name not in names:
            names.append(reference.name)
    return names


@lru_cache(maxsize=8)  # the escape character is `\\` or `` ` ``
def _special_characters(escape: str) -> re.Pattern[str]:
    """The characters the scan below acts on (the escape character, quotes, `$`); it skips the others in one step."""
    return re.compile(f"[{re.escape(escape)}'\"$]")


def _scan_references(text: str, index: int, stop: int, escape: str, found: list[Reference], nested: bool) -> None:
    next_special = _special_characters(escape).search
    quote = ""
    while index < stop:
        if quote == "'":
            close = text.find("'", index, stop)
            if close < 0:
                return
            quote = ""
            index = close + 1
            continue
        special = next_special(text, index, stop)
        if special is None:
            return
        index = special.start()
        char = text[index]
        if char == escape and index + 1 < stop:
            index += 2
            continue
        if char == "'" and not quote:
            quote = "'"
            index += 1
            continue
        if char == '"':
            quote = "" if quote == '"' else '"'
            index += 1
            continue
        if char != "$" or index + 1 >= stop:
            index += 1
            continue
        following = text[index + 1]
        if following in _NAME_START:
            end = index + 1
            while end < stop and text[end] in _NAME_CHARS:
                end += 1
            found.append(Reference(text[index + 1 : end], index, end, "", nested))
            index = end
            continue
        if following == "{":
            close = _matching_brace(text[:stop], index + 2)
            if close < 0:
                return
            inner_start = index + 2
            name_end = inner_start
            while name_end < close and text[name_end] in _NAME_CHARS:
                name_end += 1
            name = text[inner_start:name_end]
            rest = text[name_end:close]
            operator = ""
            if rest:
                colon = rest.startswith(":")
                operator = rest[: 2 if colon else 1]
            if name and name[0] in _NAME_START and operator in ("", ":-", "-", ":+", "+", ":?", "?"):
                found.append(Reference(name, index, close + 1, operator, nested))
                if operator:
                    _scan_references(text, name_end + len(operator), close, escape, found, nested=True)
            index = close + 1
            continue
        index += 1
