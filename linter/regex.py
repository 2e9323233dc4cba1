"""Regular expressions compiled when first used.

The `re` module compiles a pattern in pure Python (20-300 µs each). The rules and analyses define about a hundred
patterns at module level and linting a typical file uses a fifth of them, so compiling them all at import cost ~10 ms
of a one-file run. :func:`lazy_compile` defers that to the first use; after it, a pattern's methods are the compiled
pattern's own bound methods, so a lookup costs what it costs on a compiled pattern.
"""

from __future__ import annotations

import re
from typing import Any, cast

# What the first use copies onto the stand-in, so that later uses skip __getattr__.
_COPIED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "groups",
    "groupindex",
    "flags",
)


class _LazyPattern:
    """Stands in for ``re.compile(pattern, flags)`` until an attribute other than ``pattern`` is asked for."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only called for attributes not set yet
        if name.startswith("__"):  # copy, pickle and friends probe for optional protocols
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attribute in _COPIED:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use (a stand-in, not an instance of ``re.Pattern``).

    Use it for module-level patterns; pass ``re.compile``'s result where a real pattern object is needed (the `re`
    module's functions and ``isinstance`` checks do not accept the stand-in).
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
