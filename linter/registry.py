"""Finding rules: the built-in ``rules`` package and third-party entry points (group ``lintainer.rules``)."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from types import ModuleType

from linter.rule import Rule

ENTRY_POINT_GROUP = "lintainer.rules"
# The finder whose distributions (the metadata folders on sys.path) _may_declare_plugins reads itself.
_STANDARD_FINDER = importlib.machinery.PathFinder


class SelectionError(ValueError):
    """A --select/--ignore entry that names no rule."""


def _builtin_package() -> ModuleType:
    """The ``rules`` package installed beside ``linter``, never a ``rules`` folder of the repository being linted.

    ``python -m linter`` puts the current directory first on ``sys.path``; a scanned repository with its own
    ``rules/`` must neither shadow our rules nor get its code executed.
    """
    location = Path(__file__).resolve().parent.parent / "rules"
    loaded = sys.modules.get("rules")
    if loaded is not None and [str(Path(p).resolve()) for p in getattr(loaded, "__path__", [])] == [str(location)]:
        return loaded
    spec = importlib.util.spec_from_file_location(
        "rules", location / "__init__.py", submodule_search_locations=[str(location)]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"lintainer's rules are missing from {location}")
    package = importlib.util.module_from_spec(spec)
    sys.modules["rules"] = package
    spec.loader.exec_module(package)
    return package


@cache
def builtin_rules() -> tuple[Rule, ...]:
    package = _builtin_package()
    found = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        found.append(Rule.from_module(module))
    return tuple(sorted(found, key=lambda rule: rule.code))


def _may_declare_plugins() -> bool:
    """Whether an installed distribution may declare a ``lintainer.rules`` entry point.

    importlib.metadata costs 15 ms of a 150 ms run to import and scan, and almost no environment has a plugin. This
    reads the same metadata folders it reads (``*.dist-info`` and ``*.egg-info`` in each ``sys.path`` directory, an
    egg's ``EGG-INFO``) for the group's name; whatever it cannot read as cheaply (an archive on the path, a finder
    of distributions other than the standard one) counts as a maybe. A false maybe only costs the full look-up.
    """
    if any(hasattr(finder, "find_distributions") for finder in sys.meta_path if finder is not _STANDARD_FINDER):
        return True
    group = ENTRY_POINT_GROUP.encode()
    for entry in sys.path:
        root = entry or "."  # "" is the current directory, as importlib.metadata reads it
        try:
            names = os.listdir(root)
        except NotADirectoryError:  # a zip archive: importlib.metadata looks inside
            return True
        except OSError:  # missing or unreadable: importlib.metadata finds nothing there either
            continue
        in_egg = root.lower().endswith(".egg")
        for name in names:
            lowered = name.lower()
            if lowered.endswith((".dist-info", ".egg-info")) or (in_egg and lowered == "egg-info"):
                try:
                    with open(os.path.join(root, name, "entry_points.txt"), "rb") as handle:
                        if group in handle.read():
                            return True
                except OSError:  # no entry points, or an egg-info file rather than a folder
                    continue
    return False


@cache
def plugin_rules() -> tuple[Rule, ...]:
    if not _may_declare_plugins():
        return ()
    from importlib.metadata import entry_points

    found: list[Rule] = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry_point.load()
        origin = entry_point.dist.name if entry_point.dist is not None else entry_point.name
        # An entry point may name one rule module/object, or a sequence of them.
        items = loaded if isinstance(loaded, list | tuple) else [loaded]
        found.extend(Rule.from_module(item, origin=origin) for item in items)
    return tuple(sorted(found, key=lambda rule: rule.code))


def all_rules() -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    for rule in (*builtin_rules(), *plugin_rules()):
        if rule.code in rules:
            raise ValueError(f"two rules share the code {rule.code}: {rules[rule.code].origin} and {rule.origin}")
        rules[rule.code] = rule
    return tuple(sorted(rules.values(), key=lambda rule: rule.code))


def find_rule(key: str, rules: Iterable[Rule] | None = None) -> Rule | None:
    """A rule by code, name or twin code (case-insensitive)."""
    wanted = key.strip().lower()
    candidates = tuple(rules if rules is not None else all_rules())
    for rule in candidates:
        if wanted in (rule.code.lower(), rule.name.lower()):
            return rule
    for rule in candidates:
        if wanted in (twin.lower() for twin in rule.twins):
            return rule
    return None


def matches(rule: Rule, selector: str) -> bool:
    """Whether a selector (code, code prefix, name, twin code or ALL) covers the rule."""
    wanted = selector.strip().lower()
    if wanted == "all":
        return True
    if wanted == rule.name.lower() or rule.code.lower().startswith(wanted):
        return True
    return any(wanted == twin.lower() for twin in rule.twins)


def names_exactly(rule: Rule, selector: str) -> bool:
    """Whether a selector names the rule itself: its code, name or a twin code (not a prefix, not ALL)."""
    wanted = selector.strip().lower()
    return wanted in (rule.code.lower(), rule.name.lower()) or any(wanted == twin.lower() for twin in rule.twins)


def validate_selectors(selectors: Iterable[str], rules: Sequence[Rule]) -> None:
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            import difflib  # only for the error message

            known = [rule.code for rule in rules] + [rule.name for rule in rules]
            close = difflib.get_close_matches(selector, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise SelectionError(f"{selector!r} matches no rule{hint}")


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """The rules that run: ``select`` (default all) plus ``extend_select``, minus ``ignore``.

    A rule that is off by default (``enabled_by_default`` False) runs only when a ``select`` or ``extend_select``
    entry names it exactly (code, name or twin code): a prefix such as ``DF5`` or ``ALL`` does not switch it on.
    """
    validate_selectors([*select, *ignore, *extend_select], rules)

    def wanted(rule: Rule, selectors: Sequence[str]) -> bool:
        if rule.enabled_by_default:
            return any(matches(rule, s) for s in selectors)
        return any(names_exactly(rule, s) for s in selectors)

    chosen = [r for r in rules if (not select and r.enabled_by_default) or wanted(r, select)]
    already = {id(r) for r in chosen}  # by identity: comparing rules field by field is slow and never needed here
    chosen += [r for r in rules if id(r) not in already and wanted(r, extend_select)]
    return tuple(r for r in chosen if not any(matches(r, s) for s in ignore))
