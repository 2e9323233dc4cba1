"""Variable substitution as Dockerfile instructions do it (FROM, ENV, ARG, WORKDIR, ...).

Supports ``$V``, ``${V}``, ``${V:-word}``, ``${V-word}``, ``${V:+word}``, ``${V+word}``, ``${V:?msg}`` and
``${V?msg}``; the escape character makes the next ``$`` literal. The lookup returns ``None`` for a variable that is
declared without a value we can know (an ARG without default, a build-time platform argument) and raises nothing:
the caller learns whether the result is fully known.
"""

from __future__ import annotations

from collections.abc import Mapping

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


def _expand(text: str, variables: Mapping[str, str | None], escape: str, state: dict[str, bool], depth: int) -> str:
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
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
