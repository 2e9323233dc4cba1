"""Plugin discovery without importlib.metadata: the cheap scan never misses a distribution that declares rules.

``registry._may_declare_plugins`` decides whether the (15 ms) importlib.metadata look-up runs at all. A wrong "no"
would silently drop a user's plugin rules, so every layout importlib.metadata reads is checked against it.
"""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from linter import registry

GROUP = registry.ENTRY_POINT_GROUP


def _dist_info(site: Path, folder: str, entry_points: str | None) -> None:
    info = site / folder
    info.mkdir(parents=True)
    name = folder.split("-")[0]
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def _declared_by_importlib() -> list[str]:
    return [entry_point.name for entry_point in importlib.metadata.entry_points(group=GROUP)]


@pytest.fixture
def only_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """``sys.path`` reduced to one empty folder (and the standard library, which holds no distributions)."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [str(site)])
    return site


# layout -> whether the scan says "maybe"
LAYOUTS = {
    "no distribution": ([], False),
    "distributions without entry points": ([("a-1.0.dist-info", None), ("b-2.0.egg-info", None)], False),
    "entry points of other groups": ([("tool-1.0.dist-info", "[console_scripts]\ntool = tool:main\n")], False),
    "a dist-info plugin": ([("acme_rules-1.0.dist-info", f"[{GROUP}]\nacme = acme_rules\n")], True),
    "an egg-info plugin": ([("acme_rules-1.0.egg-info", f"[{GROUP}]\nacme = acme_rules\n")], True),
    "upper-case suffix": ([("Acme_Rules-1.0.DIST-INFO", f"[{GROUP}]\nacme = acme_rules\n")], True),
    "a plugin among other groups": (
        [("acme-1.0.dist-info", f"[console_scripts]\nacme = acme:main\n\n[{GROUP}]\nacme = acme_rules\n")],
        True,
    ),
    # The group's name elsewhere than in a section header: a false "maybe", which only costs the full look-up.
    "the group's name in a comment": ([("tool-1.0.dist-info", f"# not {GROUP}\n[console_scripts]\nt = t:m\n")], True),
}


@pytest.mark.parametrize(("layout", "maybe"), LAYOUTS.values(), ids=LAYOUTS.keys())
def test_the_scan_never_misses_what_importlib_metadata_finds(
    only_path: Path, layout: list[tuple[str, str | None]], maybe: bool
) -> None:
    for folder, entry_points in layout:
        _dist_info(only_path, folder, entry_points)
    assert registry._may_declare_plugins() == maybe
    if _declared_by_importlib():
        assert maybe


def test_an_egg_folder_on_the_path(only_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    egg = only_path / "acme_rules-1.0-py3.11.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: acme-rules\nVersion: 1.0\n")
    (egg / "EGG-INFO" / "entry_points.txt").write_text(f"[{GROUP}]\nacme = acme_rules\n")
    monkeypatch.setattr(sys, "path", [str(egg)])
    assert _declared_by_importlib() == ["acme"]
    assert registry._may_declare_plugins()


def test_a_zip_archive_on_the_path_is_left_to_importlib_metadata(
    only_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = only_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("acme_rules-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
        bundle.writestr("acme_rules-1.0.dist-info/entry_points.txt", f"[{GROUP}]\nacme = acme_rules\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _declared_by_importlib() == ["acme"]
    assert registry._may_declare_plugins()


def test_missing_and_unreadable_path_entries_are_skipped(only_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", [str(only_path / "missing"), "", str(only_path)])
    monkeypatch.chdir(only_path)
    assert not registry._may_declare_plugins()
    _dist_info(only_path, "acme_rules-1.0.dist-info", f"[{GROUP}]\nacme = acme_rules\n")
    monkeypatch.setattr(sys, "path", [str(only_path / "missing"), ""])  # "" is the current directory
    assert registry._may_declare_plugins()


def test_another_finder_of_distributions_is_asked_through_importlib_metadata(
    only_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Finder:
        @staticmethod
        def find_spec(*_args: object) -> None:
            return None

        @staticmethod
        def find_distributions(*_args: object) -> list[object]:
            return []

    assert not registry._may_declare_plugins()
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert registry._may_declare_plugins()


def test_plugin_rules_are_loaded_when_the_scan_finds_them(only_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (only_path / "acme_rules.py").write_text(
        '"""Docs."""\nCODE = "ACME001"\nNAME = "acme"\nSEVERITY = "info"\nSUMMARY = "s"\n'
        "def check(dockerfile, context):\n    return ()\n"
    )
    _dist_info(only_path, "acme_rules-1.0.dist-info", f"[{GROUP}]\nacme = acme_rules\n")
    registry.plugin_rules.cache_clear()
    monkeypatch.delitem(sys.modules, "acme_rules", raising=False)
    try:
        assert [(rule.code, rule.origin) for rule in registry.plugin_rules()] == [("ACME001", "acme_rules")]
    finally:
        registry.plugin_rules.cache_clear()
        sys.modules.pop("acme_rules", None)


def test_this_environment_has_no_plugin_and_the_scan_knows() -> None:
    assert registry._may_declare_plugins() == bool(_declared_by_importlib())
