"""Configuration: ``[tool.lintainer]`` in ``pyproject.toml`` or a ``.lintainer.toml``, and hadolint migration.

The first directory, walking up from the current one, that holds a ``.lintainer.toml`` or a ``pyproject.toml`` with a
``[tool.lintainer]`` table provides the configuration. Configuration is data only (TOML): nothing in it is executed.

Validation is strict: an unknown key, a value of the wrong type or a rule that does not exist is an error that names
the file, the key and the nearest valid name, so a typo never silently disables a setting.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from linter.rule import THRESHOLDS, Deployment, Rule, Severity

CONFIG_FILE = ".lintainer.toml"
PYPROJECT = "pyproject.toml"
HADOLINT_FILES = (".hadolint.yaml", ".hadolint.yml")


class ConfigError(ValueError):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """The settings a configuration file (or the command line) gives; unset fields keep their defaults."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # rule selector -> severity name
    failure_threshold: str = "style"  # findings at or above it fail the run; "none" never fails
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    deployment: Deployment = Deployment.UNKNOWN
    trusted_registries: tuple[str, ...] = ()
    deprecated_images: tuple[tuple[str, str], ...] = ()
    path: Path | None = None  # the file the settings came from
    root: Path = field(default_factory=Path.cwd)  # relative paths (per-file-ignores) are relative to this
    migrated_from: Path | None = None  # a .hadolint.yaml that was honoured

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Rule selectors that ``per-file-ignores`` turns off for ``path``."""
        if not self.per_file_ignores:
            return ()
        absolute = Path(path) if os.path.isabs(path) else Path.cwd() / path
        try:
            relative = absolute.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = Path(path).as_posix()
        name = relative.rsplit("/", 1)[-1]
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatchcase(relative, pattern) or fnmatchcase(name, pattern) or fnmatchcase(relative, f"**/{pattern}"):
                found.extend(selectors)
        return tuple(found)


# key -> (expected type description, validator)
_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "severity",
    "failure-threshold",
    "per-file-ignores",
    "exclude",
    "deployment",
    "trusted-registries",
    "deprecated-images",
)


def find_config(start: Path | None = None) -> tuple[Path, Mapping[str, Any]] | None:
    """The nearest configuration walking up from ``start``: (file, its lintainer table)."""
    directory = (start or Path.cwd()).resolve()
    for candidate in (directory, *directory.parents):
        dedicated = candidate / CONFIG_FILE
        if dedicated.is_file():
            return dedicated, _read_toml(dedicated)
        pyproject = candidate / PYPROJECT
        if pyproject.is_file():
            data = _read_toml(pyproject)
            table = data.get("tool", {}).get("lintainer") if isinstance(data.get("tool"), dict) else None
            if table is not None:
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: a run without a configuration file (--isolated, most CI runs) need not load it (2 ms).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {_located(str(error), path)}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None


def _located(message: str, path: Path) -> str:
    """tomllib says "at end of document" for errors at the end: name the line and column there too."""
    if "(at end of document)" not in message:
        return message
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return message
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    line, column = len(lines), len(lines[-1]) + 1 if lines else 1
    return message.replace("(at end of document)", f"(at line {line}, column {column}: the end of the file)")


def load_settings(
    rules: Sequence[Rule],
    config_file: Path | None = None,
    isolated: bool = False,
    start: Path | None = None,
) -> Settings:
    """Settings from an explicit file, the nearest configuration, or a hadolint file to migrate from."""
    if isolated:
        return Settings()
    if config_file is not None:
        data = _read_toml(config_file)
        table = data
        if config_file.name == PYPROJECT:
            table = data.get("tool", {}).get("lintainer", {})
        return parse_settings(table, config_file, rules)
    found = find_config(start)
    if found is not None:
        return parse_settings(found[1], found[0], rules)
    directory = (start or Path.cwd()).resolve()
    for name in HADOLINT_FILES:
        if (directory / name).is_file():
            return migrate_hadolint(directory / name, rules)
    return Settings()


def _nearest(key: str, choices: Sequence[str]) -> str:
    import difflib  # only for an error message

    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of strings, got {type(value).__name__}")
    return tuple(value)


def _check_selectors(selectors: Sequence[str], where: str, rules: Sequence[Rule]) -> None:
    from linter.registry import matches

    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            known = [r.code for r in rules] + [r.name for r in rules]
            raise ConfigError(f"{where}: {selector!r} matches no rule{_nearest(selector, known)}")


def parse_settings(table: Mapping[str, Any], path: Path, rules: Sequence[Rule]) -> Settings:
    """Validate a lintainer table (``.lintainer.toml`` or ``[tool.lintainer]``)."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.lintainer] must be a table")
    for key in table:
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key {key!r}{_nearest(key, _KEYS)}")
    values: dict[str, Any] = {"path": path, "root": path.parent}
    for key in ("select", "ignore", "extend-select", "exclude", "trusted-registries"):
        if key in table:
            values[key.replace("-", "_")] = _string_list(table[key], f"{path}: {key}")
    for key in ("select", "ignore", "extend_select"):
        if key in values:
            _check_selectors(values[key], f"{path}: {key.replace('_', '-')}", rules)
    if "severity" in table:
        severity = table["severity"]
        if not isinstance(severity, Mapping):
            raise ConfigError(f"{path}: severity: expected a table of rule = severity")
        pairs = []
        for selector, level in severity.items():
            _check_selectors([selector], f"{path}: severity", rules)
            if not isinstance(level, str) or level.lower() not in THRESHOLDS[:-1]:
                raise ConfigError(
                    f"{path}: severity.{selector}: {level!r} is not one of error, warning, info, style"
                    + (_nearest(str(level), THRESHOLDS[:-1]) if isinstance(level, str) else "")
                )
            pairs.append((selector, level.lower()))
        values["severity"] = tuple(pairs)
    if "failure-threshold" in table:
        threshold = table["failure-threshold"]
        if not isinstance(threshold, str) or threshold.lower() not in THRESHOLDS:
            hint = _nearest(str(threshold), THRESHOLDS)
            raise ConfigError(f"{path}: failure-threshold: {threshold!r} is not one of {', '.join(THRESHOLDS)}{hint}")
        values["failure_threshold"] = threshold.lower()
    if "per-file-ignores" in table:
        mapping = table["per-file-ignores"]
        if not isinstance(mapping, Mapping):
            raise ConfigError(f"{path}: per-file-ignores: expected a table of glob = [rules]")
        pairs_ignores = []
        for pattern, selectors in mapping.items():
            listed = _string_list(selectors, f"{path}: per-file-ignores.{pattern!r}")
            _check_selectors(listed, f"{path}: per-file-ignores.{pattern!r}", rules)
            pairs_ignores.append((pattern, listed))
        values["per_file_ignores"] = tuple(pairs_ignores)
    if "deployment" in table:
        deployment = table["deployment"]
        choices = ("cluster", "single-host")
        if deployment not in choices:
            raise ConfigError(f"{path}: deployment: {deployment!r} is not one of {', '.join(choices)}")
        values["deployment"] = Deployment(deployment)
    if "deprecated-images" in table:
        images = table["deprecated-images"]
        if not isinstance(images, Mapping) or not all(isinstance(v, str) for v in images.values()):
            raise ConfigError(f'{path}: deprecated-images: expected a table of image = "replacement advice"')
        values["deprecated_images"] = tuple(images.items())
    return Settings(**values)


def migrate_hadolint(path: Path, rules: Sequence[Rule]) -> Settings:
    """Honour a ``.hadolint.yaml`` (ignored, override, failure-threshold, trustedRegistries) through DL→DF twins."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, OSError) as error:
        raise ConfigError(f"{path}: cannot read hadolint configuration: {error}") from None
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path}: a hadolint configuration must be a mapping")
    twins: dict[str, list[str]] = {}
    for rule in rules:
        for twin in rule.twins:
            twins.setdefault(twin.upper(), []).append(rule.code)

    def mapped(codes: Any) -> tuple[str, ...]:
        listed = [codes] if isinstance(codes, str) else (codes or [])
        found = [code for c in listed if isinstance(c, str) for code in twins.get(c.upper(), [])]
        return tuple(dict.fromkeys(found))

    severity: list[tuple[str, str]] = []
    override = data.get("override") or {}
    if isinstance(override, Mapping):
        for level in ("error", "warning", "info", "style"):
            severity.extend((code, level) for code in mapped(override.get(level)))
    # hadolint's off-by-default rules (DL3057...) run once given a severity: so do their off-by-default twins.
    off_by_default = {rule.code for rule in rules if not rule.enabled_by_default}
    switched_on = tuple(dict.fromkeys(code for code, _level in severity if code in off_by_default))
    threshold = str(data.get("failure-threshold", "style")).lower()
    if threshold == "ignore":
        threshold = "none"
    registries = data.get("trustedRegistries") or []
    return Settings(
        ignore=mapped(data.get("ignored")),
        extend_select=switched_on,
        severity=tuple(severity),
        failure_threshold=threshold if threshold in THRESHOLDS else "style",
        trusted_registries=tuple([registries] if isinstance(registries, str) else registries),
        path=path,
        root=path.parent,
        migrated_from=path,
    )


def severity_overrides(settings: Settings, rules: Sequence[Rule]) -> tuple[tuple[str, Severity], ...]:
    """Per-rule severities from ``severity`` (selectors resolved to codes; later entries win)."""
    from linter.registry import matches

    resolved: dict[str, Severity] = {}
    for selector, level in settings.severity:
        for rule in rules:
            if matches(rule, selector):
                resolved[rule.code] = Severity.parse(level)
    return tuple(resolved.items())
