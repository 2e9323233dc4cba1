"""The result cache: a file whose content, settings and build-context inputs are unchanged is not linted again.

Results live in ``.lintainer_cache/`` at the root of the git work tree holding the current directory (else in the
current directory), one JSON file per *run fingerprint*: lintainer's version, the Python version, the code of lintainer
and of every selected rule (module paths, sizes and modification times, so an edited rule invalidates the cache),
the selected rules and every lint option, including the day (end-of-life rules depend on the date). Inside,
entries are keyed by the file's absolute path and hold the SHA-256 of its content, the rules turned off for it, the
build-context files its rules read (with their hashes) and the findings.

The cache is data only: JSON, never pickle, so a cache file planted in a repository cannot run code. Nor can it hide
findings: each file is signed (HMAC-SHA256) with a key kept outside the repository, in the user's cache directory
(``$XDG_CACHE_HOME/lintainer/cache-key``, else ``~/.cache/lintainer/cache-key``), so only results this user's runs
wrote are ever reused; without a usable key, nothing is cached. A cache that is missing, corrupt, unsigned, from
another version or unwritable is ignored; linting never fails because of it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from linter import __version__
from linter.engine import FileResult, Finding, LintOptions, read_context_text
from linter.positions import Span
from linter.rule import Edit, Fix, Rule, Severity

CACHE_DIRECTORY = ".lintainer_cache"
FORMAT_VERSION = 1
# Cache files of other fingerprints (older days, other settings) kept beside the current one.
KEEP_OTHER_FILES = 8
_LINTER_PACKAGE = Path(__file__).resolve().parent


def cache_root(start: str | None = None) -> Path:
    """Where ``.lintainer_cache/`` goes: the top of the git work tree holding ``start`` (the cwd), else ``start``."""
    directory = Path(os.path.abspath(start or os.getcwd()))
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lintainer" / "cache-key"


def signing_key() -> bytes | None:
    """This user's secret for signing cache files, created on first use; None when it cannot be kept."""
    path = _key_file()
    for _ in range(2):
        try:
            key = path.read_bytes()
            if len(key) >= 32:
                return key
        except OSError:
            pass
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another run created it meanwhile (or it is damaged): read it again
        except OSError:
            return None
        key = os.urandom(32)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        return key
    return None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_hash(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _code_files(rules: Sequence[Rule]) -> list[str]:
    """Source files whose change must invalidate cached results: lintainer's package and every rule's module."""
    files: set[str] = set()
    for root, directories, names in os.walk(_LINTER_PACKAGE):
        directories[:] = [d for d in directories if d != "__pycache__"]
        files.update(os.path.join(root, name) for name in names if name.endswith((".py", ".json", ".toml")))
    for rule in rules:
        module = sys.modules.get(getattr(rule.check, "__module__", "") or "")
        location = getattr(module, "__file__", None)
        if location:
            files.add(location)
    return sorted(files)


def _option_material(options: LintOptions) -> dict[str, str]:
    """Every lint option that can change a result, as text; callables (per-file ignores) are keyed per file."""
    material = {}
    for option in dataclasses.fields(options):
        if option.name == "rules":
            continue
        value = getattr(options, option.name)
        if callable(value):
            continue
        material[option.name] = repr(value)
    return material


def run_fingerprint(options: LintOptions) -> str:
    code = []
    for path in _code_files(options.rules):
        try:
            info = os.stat(path)
        except OSError:
            continue
        code.append((path, info.st_size, info.st_mtime_ns))
    material = {
        "format": FORMAT_VERSION,
        "version": __version__,
        "python": list(sys.version_info[:3]),
        "rules": [(rule.code, rule.name, rule.origin, rule.severity.label) for rule in options.rules],
        "options": _option_material(options),
        "code": code,
    }
    encoded = json.dumps(material, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()[:24]


# -- (de)serialisation: plain JSON, validated on the way in ------------------------------------------------------------


def _span_to_list(span: Span) -> list[int]:
    return [span.start_line, span.start_column, span.end_line, span.end_column]


def _span_from(value: Any) -> Span:
    if not (isinstance(value, list) and len(value) == 4 and all(type(item) is int for item in value)):
        raise ValueError("bad span")
    return Span(*value)


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    encoded: dict[str, Any] = {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "span": _span_to_list(finding.span),
    }
    if finding.fix is not None:
        encoded["fix"] = {
            "description": finding.fix.description,
            "safe": finding.fix.safe,
            "changes_structure": finding.fix.changes_structure,
            "edits": [[_span_to_list(edit.span), edit.text] for edit in finding.fix.edits],
        }
    return encoded


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _finding_from_json(value: Any, path: str) -> Finding:
    if not isinstance(value, dict):
        raise ValueError("bad finding")
    fix = None
    encoded_fix = value.get("fix")
    if encoded_fix is not None:
        edits = tuple(Edit(_span_from(span), _string(text)) for span, text in encoded_fix["edits"])
        fix = Fix(
            _string(encoded_fix["description"]),
            edits,
            safe=bool(encoded_fix["safe"]),
            changes_structure=bool(encoded_fix.get("changes_structure", False)),
        )
    return Finding(
        code=_string(value["code"]),
        name=_string(value["name"]),
        severity=Severity.parse(_string(value["severity"])),
        message=_string(value["message"]),
        path=path,
        span=_span_from(value["span"]),
        fix=fix,
    )


class ResultCache:
    """Cached findings for one run fingerprint, loaded once and saved once."""

    def __init__(self, directory: Path, fingerprint: str, key: bytes) -> None:
        self.directory = directory
        self.file = directory / f"v{FORMAT_VERSION}-{fingerprint}.json"
        self._key = key
        self._entries: dict[str, dict[str, Any]] = {}
        self._changed = False
        self.hits = 0
        self.misses = 0
        self._load()

    @classmethod
    def for_run(cls, options: LintOptions, root: Path | None = None) -> ResultCache | None:
        """The cache for this run's settings, or None when no signing key can be kept (nothing is cached)."""
        key = signing_key()
        if key is None:
            return None
        return cls((root or cache_root()) / CACHE_DIRECTORY, run_fingerprint(options), key)

    def _signature(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest().encode("ascii")

    def _load(self) -> None:
        try:
            with open(self.file, "rb") as handle:
                signature, _, payload = handle.read().partition(b"\n")
            if not hmac.compare_digest(signature, self._signature(payload)):
                return  # not written by this user's lintainer (planted, damaged, or another key): ignore it
            loaded = json.loads(payload)
        except (OSError, ValueError, RecursionError):
            return  # missing or corrupt: start afresh
        entries = loaded.get("entries") if isinstance(loaded, dict) else None
        if isinstance(entries, dict):
            self._entries = {key: value for key, value in entries.items() if isinstance(value, dict)}

    @staticmethod
    def key(path: str) -> str:
        return os.path.abspath(path)

    def get(self, path: str, digest: str, ignored: Sequence[str]) -> FileResult | None:
        """The cached result for ``path`` with content ``digest``, or None on a miss (or a damaged entry)."""
        entry = self._entries.get(self.key(path))
        result = None
        if entry is not None and entry.get("sha256") == digest and entry.get("ignored") == list(ignored):
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                if self._context_unchanged(entry.get("context", {})):
                    findings = tuple(_finding_from_json(item, path) for item in entry["findings"])
                    result = FileResult(path, findings)
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    @staticmethod
    def _context_unchanged(context: dict[str, Any]) -> bool:
        return all(_text_hash(read_context_text(Path(name))) == digest for name, digest in context.items())

    def put(
        self,
        path: str,
        digest: str,
        ignored: Sequence[str],
        result: FileResult,
        context_reads: Iterable[tuple[str, str | None]],
    ) -> None:
        if result.error is not None:
            return  # an internal error may not happen next time; never cache it
        self._entries[self.key(path)] = {
            "sha256": digest,
            "ignored": list(ignored),
            "context": {name: _text_hash(text) for name, text in context_reads},
            "findings": [_finding_to_json(finding) for finding in result.findings],
        }
        self._changed = True

    def save(self) -> None:
        """Write the cache atomically; any failure (read-only tree, full disk) is silently ignored."""
        if not self._changed:
            return
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            marker = self.directory / ".gitignore"
            if not marker.exists():
                marker.write_text("# Created by lintainer: a cache, never commit it.\n*\n", encoding="utf-8")
            tag = self.directory / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# lintainer's result cache\n")
            # ASCII JSON: lone surrogates and odd characters from undecodable files survive the round trip.
            payload = json.dumps({"version": __version__, "entries": self._entries}, separators=(",", ":"))
            encoded = payload.encode("ascii")
            descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.directory)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(self._signature(encoded) + b"\n" + encoded)
                os.replace(temporary, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            self._changed = False
            self._prune()

    def _prune(self) -> None:
        """Drop the oldest cache files of other fingerprints (yesterday's, other settings')."""
        others = []
        for candidate in self.directory.glob("v*.json"):
            if candidate != self.file:
                with contextlib.suppress(OSError):
                    others.append((candidate.stat().st_mtime, candidate))
        others.sort(reverse=True)
        for _, stale in others[KEEP_OTHER_FILES:]:
            with contextlib.suppress(OSError):
                stale.unlink()
