"""The engine: one Dockerfile (or many) in, sorted and deduplicated findings out.

The CLI, the formats and the language server all go through :func:`lint_bytes` / :func:`lint_paths`.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

from linter import RULE_DOCS_URL
from linter.model import Dockerfile, parse_dockerfile
from linter.positions import Span
from linter.records import Record
from linter.rule import Deployment, Fix, Rule, RuleContext, Severity

# Beyond this a file is not a Dockerfile anyone writes by hand (the largest of our 1,588-file corpus has 20 KB); a
# generated or hostile file this big is reported rather than linted, which keeps every run bounded in time.
MAX_FILE_BYTES = 2 * 1024 * 1024


class Finding(Record):
    """One finding of one rule in one file, where it is and how to fix it when a fix is known."""

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
    """The findings for one file, or why it could not be linted."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # the file could not be read or linted; findings may still hold what was found
    dockerfile: Dockerfile | None = field(default=None, repr=False, compare=False)
    # The file's lines when the model was dropped (results from worker processes or the cache): formats need them.
    source_lines: tuple[str, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def lines(self) -> tuple[str, ...]:
        """The file's physical lines, for source excerpts and fingerprints; empty when the file could not be read.

        In a detached result only the lines findings start or end on hold their text; the others are empty.
        """
        if self.dockerfile is not None:
            return self.dockerfile.lines
        return self.source_lines or ()

    def detached(self) -> FileResult:
        """The result without the parsed model, which is large and slow to send between processes."""
        if self.dockerfile is None:
            return self
        return replace(self, dockerfile=None, source_lines=finding_lines(self.dockerfile.lines, self.findings))


def finding_lines(lines: Sequence[str], findings: Iterable[Finding]) -> tuple[str, ...]:
    """``lines`` with the text of the lines no finding starts or ends on blanked (a small copy to keep)."""
    wanted = {line - 1 for finding in findings for line in (finding.span.start_line, finding.span.end_line)}
    return tuple(text if index in wanted else "" for index, text in enumerate(lines))


@dataclass(frozen=True)
class LintOptions:
    """How to lint: the rules, severity overrides and what the rules may know (from configuration and options)."""

    rules: tuple[Rule, ...]
    severity_overrides: tuple[tuple[str, Severity], ...] = ()  # rule code -> severity
    deployment: Deployment = Deployment.UNKNOWN
    today: _dt.date = field(default_factory=_dt.date.today)
    deprecated_images: tuple[tuple[str, str], ...] = ()
    trusted_registries: tuple[str, ...] = ()
    respect_pragmas: bool = True  # honour suppression comments
    report_unused_ignores: bool = False  # report suppression comments that silenced nothing (DF002)
    # Rule selectors turned off per file (configuration's per-file-ignores): path -> selectors.
    ignores_for: Callable[[str], tuple[str, ...]] | None = field(default=None, compare=False)


UNUSED_SUPPRESSION_CODE = "DF002"


# Build-context files read while linting, as (path, text or None), when a caller collects them: the result cache
# stores them so that a cached result is reused only while those files are unchanged.
CONTEXT_READS: ContextVar[list[tuple[str, str | None]] | None] = ContextVar("context_reads", default=None)


def read_context_text(candidate: str | Path) -> str | None:
    """A build-context file's text, or None when it is missing, not a regular file, too large or unreadable."""
    # Most names looked up do not exist: access() says so without the cost of raising and catching an error.
    if not os.access(candidate, os.F_OK):
        return None
    try:
        info = os.stat(candidate)  # one system call where is_file() and stat() made two
        if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES:
            with open(candidate, encoding="utf-8", errors="replace") as file:
                return file.read()
    except OSError:
        return None
    return None


def _context_reader(path: str) -> Callable[[str], str | None]:
    # Plain strings, not pathlib: most lints look up two or three names that do not exist.
    directory = os.path.dirname(path) if path not in ("-", "") else os.getcwd()
    texts: dict[str, str | None] = {}  # several rules read the same file (pyproject.toml): once per lint
    # os.path.join's result by concatenation, which costs a hundredth of the call (rules ask with relative names).
    prefix = directory if not directory or directory.endswith(os.sep) else directory + os.sep
    simple_join = os.path is posixpath

    def read(name: str) -> str | None:
        if name in texts:
            return texts[name]
        candidate = prefix + name if simple_join and not name.startswith("/") else os.path.join(directory, name)
        text = texts[name] = read_context_text(candidate)
        reads = CONTEXT_READS.get()
        if reads is not None:
            reads.append((candidate, text))
        return text

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
    overrides = dict(options.severity_overrides) if options.severity_overrides else None
    findings: set[Finding] = set()
    errors: list[str] = []
    rules = options.rules
    if options.ignores_for is not None:
        turned_off = options.ignores_for(path)
        if turned_off:
            from linter.registry import matches

            rules = tuple(rule for rule in rules if not any(matches(rule, s) for s in turned_off))
    for rule in rules:
        try:
            for violation in rule.check(dockerfile, context):
                # The user's configured severity first, then the finding's own, then the rule's default.
                override = overrides.get(rule.code) if overrides else None
                severity = override or violation.severity or rule.severity
                findings.add(
                    Finding(rule.code, rule.name, severity, violation.message, path, violation.span, violation.fix)
                )
        except Exception as error:
            errors.append(f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}")
    # Without findings there is nothing to silence, and nothing to collect unless unused pragmas are reported.
    if options.respect_pragmas and (findings or options.report_unused_ignores):
        findings = _apply_suppressions(dockerfile, findings, rules, options, path)
    ordered = tuple(sorted(findings, key=Finding.sort_key))
    return FileResult(path, ordered, "; ".join(errors) or None, dockerfile)


def _apply_suppressions(
    dockerfile: Dockerfile, findings: set[Finding], rules: Sequence[Rule], options: LintOptions, path: str
) -> set[Finding]:
    from linter import suppressions

    collected = suppressions.collect(dockerfile)
    if not collected:
        return findings
    by_code = {rule.code: rule for rule in rules}
    used: set[int] = set()
    kept = {
        finding
        for finding in findings
        if finding.code not in by_code
        or not suppressions.is_suppressed(collected, by_code[finding.code], finding.span.start_line, used)
    }
    unused_rule = by_code.get(UNUSED_SUPPRESSION_CODE)
    if options.report_unused_ignores and unused_rule is not None:
        from linter.registry import all_rules

        known = all_rules()
        for index, suppression in enumerate(collected):
            if suppression.origin != "lintainer" or index in used:
                continue
            unknown = suppressions.unknown_selectors(suppression, known)
            comment = dockerfile.lines[suppression.span.start_line - 1].strip()
            if unknown:
                message = f"`{comment}` names no rule: {', '.join(unknown)}"
            elif suppression.lines == (0, -1):
                message = f"`{comment}` is not directly above an instruction, so it silences nothing"
            else:
                message = f"`{comment}` silenced nothing: remove it"
            severity = options_severity(options, unused_rule)
            kept.add(Finding(unused_rule.code, unused_rule.name, severity, message, path, suppression.span))
    return kept


def options_severity(options: LintOptions, rule: Rule) -> Severity:
    return dict(options.severity_overrides).get(rule.code, rule.severity)


def lint_bytes(
    data: bytes | str, path: str, options: LintOptions, *, incremental: bool = False, previous: Dockerfile | None = None
) -> FileResult:
    """Lint the content of one Dockerfile; ``incremental`` and ``previous`` as for :func:`parse_dockerfile` (an editor
    linting the same document again after an edit)."""
    if isinstance(data, bytes) and _looks_binary(data):
        return FileResult(path, error=_binary_message(data))
    try:
        dockerfile = parse_dockerfile(data, path, incremental=incremental, previous=previous)
    except Exception as error:
        return FileResult(path, error=f"internal error while parsing: {type(error).__name__}: {error}")
    return lint_dockerfile(dockerfile, options, path)


def _binary_message(data: bytes) -> str:
    offset = data.find(b"\x00")
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"not a Dockerfile: binary data (a NUL byte at line {line}, column {column}), so it was not linted"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    # UTF-16/32 text has NUL bytes too; a BOM says it is text.
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return False
    return b"\x00" in head


def read_file(path: str) -> bytes:
    """Read a Dockerfile; raises OSError with a message fit for the user.

    The file is opened without blocking and checked once open, so a FIFO or a device named like a Dockerfile (even
    one swapped in after discovery) is refused instead of hanging the run.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with open(descriptor, "rb", closefd=True) as handle:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file (a FIFO, socket or device), so it was not read")
        if info.st_size > MAX_FILE_BYTES:
            raise OSError(
                f"too large for a Dockerfile ({info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}), so it was not "
                "linted"
            )
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while we read it
        raise OSError(f"too large for a Dockerfile (over {MAX_FILE_BYTES:,} bytes), so it was not linted")
    return data


def lint_file(path: str, options: LintOptions) -> FileResult:
    try:
        data = read_file(path)
    except OSError as error:
        return FileResult(path, error=_describe_os_error(error))
    return lint_bytes(data, path, options)


def _describe_os_error(error: OSError) -> str:
    if error.strerror:  # from the system: "Permission denied", "No such file or directory"...
        return f"cannot read: {error.strerror}"
    return str(error)  # ours, already a sentence


def lint_paths(paths: Iterable[str], options: LintOptions) -> Iterator[FileResult]:
    for path in paths:
        yield lint_file(path, options)


def with_path(result: FileResult, path: str) -> FileResult:
    """The same result reported under another name (stdin's --stdin-filename)."""
    return replace(result, path=path, findings=tuple(f._replace(path=path) for f in result.findings))
