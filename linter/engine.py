"""The engine: one Dockerfile (or many) in, sorted and deduplicated findings out.

The CLI, the formats and the language server all go through :func:`lint_bytes` / :func:`lint_paths`.
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from linter import RULE_DOCS_URL
from linter.model import Dockerfile, parse_dockerfile
from linter.positions import Span
from linter.rule import Deployment, Fix, Rule, RuleContext, Severity

# Beyond this a file is not a Dockerfile anyone writes by hand; reading it whole would only cost memory.
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    span: Span
    fix: Fix | None = None

    @property
    def url(self) -> str:
        return RULE_DOCS_URL.format(code=self.code.lower())

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.start_line, self.span.start_column, self.code, self.message)


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # the file could not be read or linted; findings may still hold what was found
    dockerfile: Dockerfile | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class LintOptions:
    rules: tuple[Rule, ...]
    severity_overrides: tuple[tuple[str, Severity], ...] = ()  # rule code -> severity
    deployment: Deployment = Deployment.UNKNOWN
    today: _dt.date = field(default_factory=_dt.date.today)
    deprecated_images: tuple[tuple[str, str], ...] = ()
    trusted_registries: tuple[str, ...] = ()


def _context_reader(path: str) -> Callable[[str], str | None]:
    directory = Path(path).parent if path not in ("-", "") else Path.cwd()

    def read(name: str) -> str | None:
        candidate = directory / name
        try:
            if candidate.is_file() and candidate.stat().st_size <= MAX_FILE_BYTES:
                return candidate.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        return None

    return read


def lint_dockerfile(dockerfile: Dockerfile, options: LintOptions, path: str | None = None) -> FileResult:
    """Run the selected rules over a parsed Dockerfile."""
    path = path or dockerfile.path
    context = RuleContext(
        path=path,
        today=options.today,
        deployment=options.deployment,
        deprecated_images=options.deprecated_images,
        trusted_registries=options.trusted_registries,
        read_context_file=_context_reader(path),
    )
    overrides = dict(options.severity_overrides)
    findings: set[Finding] = set()
    errors: list[str] = []
    for rule in options.rules:
        override = overrides.get(rule.code)
        try:
            for violation in rule.check(dockerfile, context):
                # The user's configured severity first, then the finding's own, then the rule's default.
                severity = override or violation.severity or rule.severity
                findings.add(
                    Finding(rule.code, rule.name, severity, violation.message, path, violation.span, violation.fix)
                )
        except Exception as error:
            errors.append(f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}")
    ordered = tuple(sorted(findings, key=Finding.sort_key))
    return FileResult(path, ordered, "; ".join(errors) or None, dockerfile)


def lint_bytes(data: bytes | str, path: str, options: LintOptions) -> FileResult:
    """Lint the content of one Dockerfile."""
    if isinstance(data, bytes) and _looks_binary(data):
        return FileResult(path, error="not a Dockerfile: the file holds binary data (NUL bytes)")
    try:
        dockerfile = parse_dockerfile(data, path)
    except Exception as error:
        return FileResult(path, error=f"internal error while parsing: {type(error).__name__}: {error}")
    return lint_dockerfile(dockerfile, options, path)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    # UTF-16/32 text has NUL bytes too; a BOM says it is text.
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return False
    return b"\x00" in head


def read_file(path: str) -> bytes:
    """Read a Dockerfile; raises OSError with a message fit for the user."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(f"{path} is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"not a regular file (a FIFO, socket or device): {path}")
    if info.st_size > MAX_FILE_BYTES:
        raise OSError(f"file too large ({info.st_size} bytes; the limit is {MAX_FILE_BYTES})")
    with open(path, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def lint_file(path: str, options: LintOptions) -> FileResult:
    try:
        data = read_file(path)
    except OSError as error:
        return FileResult(path, error=_describe_os_error(error))
    return lint_bytes(data, path, options)


def _describe_os_error(error: OSError) -> str:
    if error.strerror and error.filename:
        return f"cannot read: {error.strerror}"
    return f"cannot read: {error}"


def lint_paths(paths: Iterable[str], options: LintOptions) -> Iterator[FileResult]:
    for path in paths:
        yield lint_file(path, options)


def sort_results(results: Sequence[FileResult]) -> list[FileResult]:
    return sorted(results, key=lambda result: result.path)


def with_path(result: FileResult, path: str) -> FileResult:
    """The same result reported under another name (stdin's --stdin-filename)."""
    return replace(result, path=path, findings=tuple(replace(f, path=path) for f in result.findings))
