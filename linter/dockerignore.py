"""Docker's `.dockerignore` semantics, to tell which build-context paths a build never sees.

The behaviour follows what `docker build` and BuildKit do (moby/patternmatcher and its ``ignorefile`` reader):

* one pattern per line; a line whose first character is ``#`` is a comment; surrounding whitespace is trimmed and
  empty lines are skipped; a UTF-8 byte-order mark is dropped;
* ``!`` starts an exception (re-include); each pattern is cleaned like Go's ``filepath.Clean`` (``./a/`` is ``a``,
  ``a//b/../c`` is ``a/c``) and a leading ``/`` is dropped, since paths are relative to the context root;
* a pattern matches a whole slash-separated path: ``*`` any run of characters except ``/``, ``?`` one character
  except ``/``, ``[...]`` a character class (``[^...]`` negated), ``\\`` escapes the next character, and ``**``
  any number of directories (``**/x``, ``a/**``, ``a/**/b``); a pattern ``**x`` matches any path ending in ``x``;
* a pattern that matches a directory excludes everything below it (each parent of a path is tried too);
* the last pattern that matches decides: a later ``!exception`` re-includes, a later pattern excludes again;
* the context root itself (``.``) is never excluded;
* a malformed pattern (``[`` unclosed, ``!`` alone) makes Docker reject the whole file.

BuildKit reads ``<Dockerfile name>.dockerignore`` next to the Dockerfile in preference to ``.dockerignore`` at the
context root. The linter takes the build context to be the Dockerfile's folder, so both are looked up there.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from linter.records import Record

__all__ = [
    "DockerIgnore",
    "InvalidPattern",
    "clean_path",
    "ignore_file_names",
    "load_dockerignore",
    "read_patterns",
]

# Characters that mean something in a regular expression but are literal in a filepath.Match pattern.
_REGEX_SPECIAL = frozenset(".+()|{}$^")


class InvalidPattern(ValueError):
    """A pattern Docker rejects; the whole ignore file is then unusable (the build fails)."""


def clean_path(path: str) -> str:
    """Go's ``path.Clean``: drop ``.`` and empty components, resolve ``..``; ``""`` becomes ``"."``."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    joined = "/".join(parts)
    if rooted:
        return "/" + joined
    return joined or "."


def read_patterns(text: str) -> list[tuple[int, str]]:
    """The patterns of an ignore file as Docker reads them: (line number, pattern with a leading ``!`` kept)."""
    patterns: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")
        if line.startswith("#"):
            continue
        pattern = line.strip()
        if not pattern:
            continue
        invert = pattern.startswith("!")
        if invert:
            pattern = pattern[1:].strip()
        if pattern:
            pattern = clean_path(pattern)
            if len(pattern) > 1 and pattern.startswith("/"):
                pattern = pattern[1:]
        patterns.append((number, "!" + pattern if invert else pattern))
    return patterns


@dataclass(frozen=True)
class Pattern:
    """One line of a .dockerignore file, compiled to a matcher."""

    text: str  # cleaned, without the leading "!"
    exclusion: bool  # a "!" exception
    line: int
    matches: Callable[[str], bool] = field(repr=False, compare=False)

    @property
    def written(self) -> str:
        return ("!" if self.exclusion else "") + self.text


def _validate(pattern: str) -> None:
    """Raise InvalidPattern where Go's filepath.Match reports ErrBadPattern."""
    index, length = 0, len(pattern)

    def class_char(position: int) -> int:
        if position >= length or pattern[position] in "-]":
            raise InvalidPattern(f"bad character class in {pattern!r}")
        if pattern[position] == "\\":
            position += 1
            if position >= length:
                raise InvalidPattern(f"unterminated escape in {pattern!r}")
        return position + 1

    while index < length:
        char = pattern[index]
        if char == "\\":
            if index + 1 >= length:
                raise InvalidPattern(f"trailing backslash in {pattern!r}")
            index += 2
        elif char == "[":
            index += 1
            if index < length and pattern[index] == "^":
                index += 1
            first = True
            while True:
                if index >= length:
                    raise InvalidPattern(f"unclosed character class in {pattern!r}")
                if pattern[index] == "]" and not first:
                    index += 1
                    break
                index = class_char(index)
                if index < length and pattern[index] == "-":
                    index = class_char(index + 1)
                first = False
        else:
            index += 1


def _compile(pattern: str) -> Callable[[str], bool]:
    """A matcher for one cleaned pattern, with patternmatcher's exact, prefix, suffix and regular-expression cases."""
    regex = ["^"]
    kind = "exact"
    index, length = 0, len(pattern)
    in_class = False
    while index < length:
        char = pattern[index]
        first = index == 0
        index += 1
        if char == "*" and not in_class:
            if index < length and pattern[index] == "*":
                index += 1
                if index < length and pattern[index] == "/":
                    index += 1
                if index >= length:
                    if kind == "exact":
                        kind = "prefix"
                    else:
                        regex.append(".*")
                        kind = "regex"
                else:
                    regex.append("(.*/)?")
                    kind = "regex"
                if first:
                    kind = "suffix"
            else:
                regex.append("[^/]*")
                kind = "regex"
        elif char == "?" and not in_class:
            regex.append("[^/]")
            kind = "regex"
        elif char == "\\":
            if index < length:
                regex.append(re.escape(pattern[index]))
                index += 1
                kind = "regex"
            else:
                regex.append(re.escape("\\"))
        elif char == "[" and not in_class:
            regex.append("[")
            in_class = True
            kind = "regex"
        elif char == "]" and in_class:
            regex.append("]")
            in_class = False
        elif in_class:
            regex.append(char)  # "^" and "-" keep their meaning inside a class
        elif char in _REGEX_SPECIAL:
            regex.append("\\" + char)
        else:
            regex.append(re.escape(char))

    if kind == "exact":
        return lambda path: path == pattern
    if kind == "prefix":
        stem = pattern[:-2]
        return lambda path: path.startswith(stem)
    if kind == "suffix":
        suffix = pattern[2:]
        return lambda path: path.endswith(suffix) or (suffix.startswith("/") and path == suffix[1:])
    compiled = re.compile("".join(regex) + "$", re.DOTALL)
    return lambda path: compiled.match(path) is not None


class DockerIgnore(Record):
    """The parsed patterns of one ignore file."""

    source: str  # the file name, for messages
    patterns: tuple[Pattern, ...]

    @classmethod
    def parse(cls, text: str, source: str = ".dockerignore") -> DockerIgnore:
        """Parse an ignore file; raises InvalidPattern when Docker would reject it."""
        patterns = []
        for line, raw in read_patterns(text):
            cleaned = clean_path(raw.strip())
            exclusion = cleaned.startswith("!")
            if exclusion:
                cleaned = cleaned[1:]
                if not cleaned:
                    raise InvalidPattern(f'illegal exclusion pattern: "!" (line {line})')
            _validate(cleaned)
            patterns.append(Pattern(cleaned, exclusion, line, _compile(cleaned)))
        return cls(source, tuple(patterns))

    def deciding_pattern(self, path: str) -> Pattern | None:
        """The last pattern that decides about ``path`` (a context-relative path) when it is excluded, else None.

        ``path`` is cleaned first (``./app/`` is ``app``); the context root is never excluded.
        """
        path = clean_path(path).lstrip("/") or "."
        if path in (".", ".."):
            return None
        parents = posixpath.dirname(path)
        ancestors = []
        if parents:
            components = parents.split("/")
            ancestors = ["/".join(components[: count + 1]) for count in range(len(components))]
        excluded = False
        decided_by: Pattern | None = None
        for pattern in self.patterns:
            if pattern.exclusion != excluded:
                continue  # only an exception can change an excluded path, only a pattern an included one
            if pattern.matches(path) or any(pattern.matches(ancestor) for ancestor in ancestors):
                excluded = not pattern.exclusion
                decided_by = pattern
        return decided_by if excluded else None

    def excludes(self, path: str) -> bool:
        """Whether ``path`` (relative to the context root) is left out of the build context."""
        return self.deciding_pattern(path) is not None

    def may_reinclude_below(self, path: str) -> bool:
        """Whether an exception (``!pattern``) could re-include something inside the directory ``path``."""
        parts = clean_path(path).lstrip("/").split("/")
        return any(pattern.exclusion and _could_match_below(pattern.text, parts) for pattern in self.patterns)


def _could_match_below(pattern: str, parts: list[str]) -> bool:
    components = pattern.split("/")
    for position, component in enumerate(components):
        if "**" in component:
            return True
        if position >= len(parts):
            return True
        if not _compile(component)(parts[position]):
            return False
    return False


def ignore_file_names(dockerfile_path: str) -> list[str]:
    """The ignore files BuildKit consults for a Dockerfile, in order of preference."""
    name = posixpath.basename(dockerfile_path.replace("\\", "/"))
    names = [f"{name}.dockerignore"] if name and name != "-" else []
    return [*names, ".dockerignore"]


def load_dockerignore(dockerfile_path: str, read: Callable[[str], str | None]) -> DockerIgnore | None:
    """The ignore file of a Dockerfile's context (read with ``read(name)``), or None when there is none.

    Raises InvalidPattern when the file that applies is malformed.
    """
    for name in ignore_file_names(dockerfile_path):
        text = read(name)
        if text is not None:
            return DockerIgnore.parse(text, name)
    return None
