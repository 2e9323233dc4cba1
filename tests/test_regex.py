"""Patterns compiled on first use (linter/regex.py) behave as compiled patterns, and every one of them compiles."""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from types import ModuleType

import pytest

import linter
from linter.regex import _LazyPattern, lazy_compile
from linter.registry import _builtin_package


def _modules() -> list[ModuleType]:
    names = [f"linter.{info.name}" for info in pkgutil.walk_packages(linter.__path__, "") if info.name != "__main__"]
    modules = [importlib.import_module(name) for name in names]
    rules = _builtin_package()
    modules += [importlib.import_module(f"rules.{info.name}") for info in pkgutil.iter_modules(rules.__path__)]
    return modules


def _lazy_patterns(value: object) -> list[_LazyPattern]:
    if isinstance(value, _LazyPattern):
        return [value]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [found for item in value for found in _lazy_patterns(item)]
    if isinstance(value, dict):
        return [found for item in value.values() for found in _lazy_patterns(item)]
    return []


def test_every_module_level_pattern_compiles() -> None:
    found = [
        (module.__name__, name, pattern)
        for module in _modules()
        for name, value in vars(module).items()
        for pattern in _lazy_patterns(value)
    ]
    assert len(found) > 100  # the rules and analyses define over a hundred
    for module_name, name, pattern in found:
        try:
            re.compile(pattern.pattern, pattern._flags)
        except re.error as error:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{module_name}.{name}: {error}")


@pytest.mark.parametrize(
    ("method", "arguments"),
    [
        ("search", ("xaBc",)),
        ("match", ("aBc",)),
        ("fullmatch", ("ABC",)),
        ("findall", ("abc ABC",)),
        ("split", ("1abc2",)),
        ("sub", ("-", "1abc2")),
        ("subn", ("-", "1abc2abc")),
    ],
)
def test_methods_answer_as_the_compiled_pattern(method: str, arguments: tuple[str, ...]) -> None:
    lazy, compiled = lazy_compile("a(b)c", re.IGNORECASE), re.compile("a(b)c", re.IGNORECASE)
    expected = getattr(compiled, method)(*arguments)
    got = getattr(lazy, method)(*arguments)
    if isinstance(expected, re.Match):
        assert isinstance(got, re.Match) and got.span() == expected.span()
    else:
        assert got == expected


def test_compiles_once_then_uses_the_compiled_methods() -> None:
    lazy = lazy_compile(r"(?P<word>\w+)")
    assert lazy.pattern == r"(?P<word>\w+)"
    assert "search" not in vars(lazy)  # nothing compiled yet
    assert lazy.groupindex == {"word": 1} and lazy.groups == 1
    assert vars(lazy)["search"].__self__ is vars(lazy)["match"].__self__  # one compiled pattern behind them
    assert [m.group("word") for m in lazy.finditer("two words")] == ["two", "words"]


def test_invalid_pattern_fails_on_first_use() -> None:
    lazy = lazy_compile("(")
    with pytest.raises(re.error):
        lazy.search("x")


def test_copy_protocols_are_not_mistaken_for_pattern_attributes() -> None:
    lazy = lazy_compile("x")
    assert copy.copy(lazy).pattern == "x"
    assert "search" not in vars(lazy)
