"""The language server (``lintainer server``): live findings, quick fixes and rule docs in any LSP editor.

Built on pygls and lsprotocol, over stdio. What it does:

- publishes diagnostics when a document opens and, debounced, when it changes; each carries the rule code, the
  severity, the exact range and a link to the rule's documentation;
- offers code actions: one quick fix per finding that has a fix (unsafe ones say so and are never preferred),
  "Fix all safe problems" (``source.fixAll.lintainer``, the fixer's ``--fix`` on the buffer), and "Ignore CODE for this
  instruction" (a ``# lintainer: ignore=CODE`` comment line above the instruction);
- shows the rule's documentation when hovering over a finding;
- reads the configuration as the CLI does (the nearest one walking up from the document's folder) and reloads it when
  a configuration file or a ``.dockerignore`` changes.

Documents are linted from the editor's buffer, never from disk, on one background thread so that a huge document
cannot stall the protocol; a run whose text is no longer the document's is skipped. Whatever goes wrong with one
document is logged, that document gets no diagnostics, and the server carries on.

Positions: our spans count characters from 1 with an exclusive end; LSP counts from 0 in the negotiated encoding
(UTF-16 code units unless the client offers UTF-32 or UTF-8), which :class:`DocumentLines` converts.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import difflib
import gc
import logging
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from linter import __version__
from linter.engine import MAX_FILE_BYTES, FileResult, Finding, LintOptions, lint_bytes
from linter.positions import Span
from linter.regex import lazy_compile
from linter.rule import Severity

logger = logging.getLogger("lintainer.server")

SOURCE = "lintainer"
DEBOUNCE_SECONDS = 0.15
FIX_ALL_KIND = "source.fixAll.lintainer"
# Files whose change alters what a lint reports: the configuration (ours, pyproject's [tool.lintainer], hadolint's to
# migrate from) and the build context's ignore files (DF410, DF627 read them).
WATCHED_FILES = (
    ".lintainer.toml",
    "pyproject.toml",
    ".hadolint.yaml",
    ".hadolint.yml",
    ".dockerignore",
    "*.dockerignore",
)
WATCHER_REGISTRATION_ID = "lintainer-configuration-files"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.STYLE: types.DiagnosticSeverity.Hint,
}

UTF8, UTF16, UTF32 = (
    types.PositionEncodingKind.Utf8.value,
    types.PositionEncodingKind.Utf16.value,
    types.PositionEncodingKind.Utf32.value,
)


# ------------------------------------------------------------------------------------------------------------------
# Positions
# ------------------------------------------------------------------------------------------------------------------


def _code_units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` the characters of ``text`` take."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", errors="surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)  # a surrogate pair for each non-BMP character


class DocumentLines:
    """Our positions (1-based characters, the linter's lines) as LSP positions in the negotiated encoding.

    The linter splits lines on "\\n" and drops one "\\r" before it, as the editor's line model does for LF and CRLF
    files; a byte order mark is not a column for the linter, but is a character for the editor.
    """

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        self.encoding = encoding
        self.bom = 1 if text.startswith("\ufeff") else 0

    def position(self, line: int, column: int) -> types.Position:
        if line < 1:
            return types.Position(line=0, character=0)
        if line > len(self.lines):  # past the end (a rule's slip): the end of the document
            last = len(self.lines) - 1
            return types.Position(line=last, character=_code_units(self.lines[last], self.encoding))
        text = self.lines[line - 1]
        characters = max(0, min(column - 1 + (self.bom if line == 1 else 0), len(text)))
        return types.Position(line=line - 1, character=_code_units(text[:characters], self.encoding))

    def context(self, span: Span) -> tuple[object, ...]:
        """Everything :meth:`range` reads of the document for ``span``: the text of the lines it starts and ends on."""
        return self._line_context(span.start_line), self._line_context(span.end_line)

    def _line_context(self, line: int) -> object:
        if line < 1:
            return None
        if line > len(self.lines):
            return len(self.lines), self.lines[-1]
        return self.lines[line - 1], self.bom if line == 1 else 0

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.start_line, span.start_column),
            end=self.position(span.end_line, span.end_column),
        )


def _before(first: types.Position, second: types.Position) -> bool:
    return (first.line, first.character) < (second.line, second.character)


def _intersects(first: types.Range, second: types.Range) -> bool:
    """Whether two ranges overlap or touch (a cursor at a finding's edge is on the finding)."""
    return not (_before(first.end, second.start) or _before(second.end, first.start))


# ------------------------------------------------------------------------------------------------------------------
# Linting a buffer
# ------------------------------------------------------------------------------------------------------------------


class DocumentTooLarge(ValueError):
    """A buffer larger than any Dockerfile the CLI would lint."""


def lint_text(text: str, path: str, options: LintOptions, previous: FileResult | None = None) -> FileResult:
    """Lint a buffer as the CLI lints a file with that content (binary content is refused the same way).

    ``previous``, the document's last result, lends the new model the instructions the edit left unchanged, with
    what was already worked out about them: an edit in an editor changes a line or two.
    """
    data = text.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise DocumentTooLarge(f"{len(data):,} bytes is too large for a Dockerfile (the limit is {MAX_FILE_BYTES:,})")
    model = previous.dockerfile if previous is not None else None
    return lint_bytes(data, path, options, incremental=True, previous=model)


def settle_memory() -> None:
    """Move what is alive after the first lint (modules, rules, tables) out of the garbage collector's sight.

    A resident server otherwise walks those long-lived objects in every full collection: one edit in ~60 paid
    20-25 ms for it. Called once, after the first lint; objects created later are collected as usual.
    """
    gc.collect()
    gc.freeze()


def to_diagnostic(finding: Finding, lines: DocumentLines) -> types.Diagnostic:
    return types.Diagnostic(
        range=lines.range(finding.span),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=finding.url),
        source=SOURCE,
    )


# Diagnostics already made, by what they are made of: the finding, the position encoding and the text of the lines its
# span starts and ends on (columns in UTF-16 depend on it). An edit changes few findings, and making an LSP diagnostic
# (five objects) cost a fifteenth of an edit of a 200-line file.
_DIAGNOSTICS: dict[tuple[object, ...], types.Diagnostic] = {}
MAX_KEPT_DIAGNOSTICS = 4096


def forget_diagnostics() -> None:
    """Empty the kept diagnostics (a benchmark's rounds start alike)."""
    _DIAGNOSTICS.clear()


def to_diagnostics(result: FileResult, lines: DocumentLines) -> list[types.Diagnostic]:
    diagnostics = []
    for finding in result.findings:
        key = (finding, lines.encoding, lines.context(finding.span))
        diagnostic = _DIAGNOSTICS.get(key)
        if diagnostic is None:
            diagnostic = to_diagnostic(finding, lines)
            if len(_DIAGNOSTICS) >= MAX_KEPT_DIAGNOSTICS:
                _DIAGNOSTICS.clear()  # bounded; the next lint of each open document fills it again
            _DIAGNOSTICS[key] = diagnostic
        diagnostics.append(diagnostic)
    return diagnostics


def diagnostics_for(
    text: str, path: str, options: LintOptions, encoding: str = UTF16, previous: FileResult | None = None
) -> tuple[FileResult, list[types.Diagnostic]]:
    """From a buffer (and the document's last result) to its result and LSP diagnostics: what the server publishes
    after an edit (and what the latency benchmark times)."""
    result = lint_text(text, path, options, previous)
    return result, to_diagnostics(result, DocumentLines(text, encoding))


# ------------------------------------------------------------------------------------------------------------------
# Edits
# ------------------------------------------------------------------------------------------------------------------

_NEWLINE = lazy_compile(r"\r?\n")
# The editor's line breaks, to diff a buffer against its fixed text line by line.
_EDITOR_LINES = lazy_compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# A `# lintainer: ignore=...` comment and the end of its list of rules (where another one is appended).
_IGNORE_COMMENT = lazy_compile(r"\s*#\s*lintainer:\s*ignore\s*=\s*[^\s,][^\s]*(?:\s*,\s*[^\s,]+)*")


def text_edits(edits: Iterable[tuple[Span, str]], lines: DocumentLines, newline: str) -> list[types.TextEdit]:
    """Our edits (spans of the linted text) as LSP text edits; inserted newlines take the document's style."""
    return [
        types.TextEdit(range=lines.range(span), new_text=_NEWLINE.sub(newline, text) if "\n" in text else text)
        for span, text in edits
    ]


def line_diff_edits(before: str, after: str, encoding: str) -> list[types.TextEdit]:
    """The smallest whole-line edits that turn ``before`` into ``after`` (the cursor and folds elsewhere stay)."""
    old = _EDITOR_LINES.findall(before)
    new = _EDITOR_LINES.findall(after)

    def start_of(index: int) -> types.Position:
        if index < len(old) or not old:
            return types.Position(line=index, character=0)
        last = old[-1]
        if last.endswith(("\n", "\r")):  # the empty line after the final newline
            return types.Position(line=len(old), character=0)
        return types.Position(line=len(old) - 1, character=_code_units(last, encoding))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        types.TextEdit(
            range=types.Range(start=start_of(first), end=start_of(last)), new_text="".join(new[new_first:new_last])
        )
        for tag, first, last, new_first, new_last in matcher.get_opcodes()
        if tag != "equal"
    ]


# ------------------------------------------------------------------------------------------------------------------
# A background worker
# ------------------------------------------------------------------------------------------------------------------

Result = TypeVar("Result")


class _Worker:
    """One daemon thread running jobs in order; each job's result lands in an asyncio future of the server's loop.

    A daemon, so that a long lint never keeps the process alive after ``exit``; one thread, so that lints of a
    huge buffer queue up instead of competing for the interpreter.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[asyncio.AbstractEventLoop, asyncio.Future[Any], Callable[[], Any]]] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None

    def submit(self, job: Callable[[], Result]) -> asyncio.Future[Result]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Result] = loop.create_future()
        self._jobs.put((loop, future, job))
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="lintainer-lint", daemon=True)
            self._thread.start()
        return future

    def _run(self) -> None:
        while True:
            loop, future, job = self._jobs.get()
            if future.done():  # cancelled while queued
                continue
            try:
                outcome: tuple[Any, BaseException | None] = (job(), None)
            except BaseException as error:
                outcome = (None, error)
            with contextlib.suppress(RuntimeError):  # the loop has closed: the server is exiting
                loop.call_soon_threadsafe(_settle, future, *outcome)


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


# ------------------------------------------------------------------------------------------------------------------
# The server
# ------------------------------------------------------------------------------------------------------------------


@dataclass
class _Linted:
    """One lint of one text of a document."""

    text: str
    generation: int  # the configuration generation it was linted with
    lines: DocumentLines
    options: LintOptions | None
    path: str
    result: FileResult | None  # None when linting failed
    diagnostics: list[types.Diagnostic] = field(default_factory=list)  # one per finding, in the same order
    problem: str | None = None  # why the document has no (or incomplete) diagnostics, for the client's log
    config_error: str | None = None
    fix_all: list[types.TextEdit] | None = None  # computed on first request


@dataclass
class _Pending:
    text: str
    generation: int
    future: asyncio.Future[_Linted | None]


@dataclass
class _Document:
    uri: str
    path: str  # where the linter thinks the file is: context files and per-file-ignores are relative to it
    text: str
    version: int | None
    linted: _Linted | None = None
    pending: _Pending | None = None
    task: asyncio.Future[None] | None = None


class LintainerServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("lintainer", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, _Document] = {}
        self.generation = 0  # bumped when configuration files change: every cached lint is then stale
        self.watching_files = False
        self.shutdown_requested = False
        self._worker = _Worker()
        self._options: dict[tuple[Path, _dt.date], tuple[LintOptions, str | None]] = {}
        self._reported_config_errors: set[str] = set()
        self._rules: tuple[Any, ...] | None = None
        self._memory_settled = False

    # -- configuration ---------------------------------------------------------------------------------------------

    def options_for(self, path: str) -> tuple[LintOptions, str | None]:
        """The options for a document (the nearest configuration from its folder), and the configuration's error if
        it could not be used (the defaults apply then)."""
        from linter.config import Settings, load_settings
        from linter.options import lint_options
        from linter.registry import all_rules

        directory = Path(path).parent
        key = (directory, _dt.date.today())  # `today` judges end-of-life dates: a new day, new options
        cached = self._options.get(key)
        if cached is not None:
            return cached
        if self._rules is None:
            self._rules = all_rules()
        error: str | None = None
        try:
            options = lint_options(load_settings(self._rules, start=directory), self._rules)
        except ValueError as problem:  # ConfigError, SelectionError: a configuration we cannot honour
            error = f"{problem}; linting with the default settings until it is fixed"
            options = lint_options(Settings(), self._rules)
        self._options[key] = (options, error)
        return options, error

    def configuration_changed(self) -> None:
        self.generation += 1
        self._options.clear()
        self._reported_config_errors.clear()
        for document in self.documents.values():
            self.schedule(document, delay=0)

    # -- documents -------------------------------------------------------------------------------------------------

    def document_path(self, uri: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return path
        # An unsaved buffer: as if it were a Dockerfile at the workspace's root.
        workspace = self._workspace_or_none()
        root = workspace.root_path if workspace is not None else None
        return os.path.join(root or os.getcwd(), "Dockerfile")

    def _workspace_or_none(self) -> Any:
        try:
            return self.workspace
        except RuntimeError:  # before `initialize`
            return None

    def open(self, item: types.TextDocumentItem) -> None:
        previous = self.documents.pop(item.uri, None)
        if previous is not None and previous.task is not None:
            previous.task.cancel()
        document = _Document(item.uri, self.document_path(item.uri), item.text, item.version)
        self.documents[item.uri] = document
        self.schedule(document, delay=0)

    def changed(self, uri: str, version: int | None) -> None:
        document = self.documents.get(uri)
        if document is None:
            return  # never opened: nothing to lint (and never read from disk)
        document.text = self.workspace.get_text_document(uri).source
        document.version = version
        self.schedule(document, delay=DEBOUNCE_SECONDS)

    def close(self, uri: str) -> None:
        document = self.documents.pop(uri, None)
        if document is not None and document.task is not None:
            document.task.cancel()
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def schedule(self, document: _Document, delay: float) -> None:
        """(Re)start the document's lint-and-publish after ``delay``; a run still waiting is cancelled."""
        if document.task is not None:
            document.task.cancel()
        document.task = asyncio.ensure_future(self._publish_later(document, delay))

    async def _publish_later(self, document: _Document, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            linted = await self.lint(document)
        except Exception:
            logger.exception("%s: not linted", document.uri)
            return
        if linted is None or linted.text is not document.text or self.documents.get(document.uri) is not document:
            return  # the document changed (or closed) meanwhile: its own run publishes
        self._report(linted)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=document.uri, diagnostics=linted.diagnostics, version=document.version)
        )

    def _report(self, linted: _Linted) -> None:
        if linted.problem:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=linted.problem))
        error = linted.config_error
        if error and error not in self._reported_config_errors:
            self._reported_config_errors.add(error)
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"lintainer: {error}")
            )

    async def lint(self, document: _Document) -> _Linted | None:
        """The lint of the document's current text: cached, in progress, or started now on the worker."""
        text, generation = document.text, self.generation
        linted = document.linted
        if linted is not None and linted.text is text and linted.generation == generation:
            return linted
        pending = document.pending
        if pending is None or pending.text is not text or pending.generation != generation:
            encoding = self.position_encoding
            job = lambda: self._lint_job(document, text, generation, encoding)  # noqa: E731
            pending = document.pending = _Pending(text, generation, self._worker.submit(job))
        # Shielded: a superseded publish run must not cancel the lint a code action is waiting for.
        linted = await asyncio.shield(pending.future)
        if linted is not None and linted.text is document.text and linted.generation == self.generation:
            document.linted = linted
        return linted

    def _lint_job(self, document: _Document, text: str, generation: int, encoding: str) -> _Linted | None:
        """On the worker thread: lint one text; None when it is no longer the document's text (a stale run)."""
        if document.text is not text or self.generation != generation:
            return None
        lines = DocumentLines(text, encoding)
        try:
            options, config_error = self.options_for(document.path)
        except Exception as error:  # the rules themselves failed to load: nothing can be linted
            logger.exception("cannot prepare the lint of %s", document.uri)
            return _Linted(text, generation, lines, None, document.path, None, problem=_failure(document, error))
        previous = document.linted.result if document.linted is not None else None
        try:
            result = lint_text(text, document.path, options, previous)
            diagnostics = to_diagnostics(result, lines)
        except Exception as error:
            logger.warning("%s: not linted: %s: %s", document.uri, type(error).__name__, error)
            return _Linted(
                text, generation, lines, options, document.path, None, [], _failure(document, error), config_error
            )
        problem = f"lintainer: {document.uri}: {result.error}" if result.error else None
        if problem:
            logger.warning("%s", problem)
        if not self._memory_settled:
            self._memory_settled = True
            settle_memory()
        return _Linted(text, generation, lines, options, document.path, result, diagnostics, problem, config_error)

    @property
    def position_encoding(self) -> str:
        workspace = self._workspace_or_none()
        encoding = workspace.position_encoding if workspace is not None else None
        return str(getattr(encoding, "value", encoding) or UTF16)

    # -- code actions ----------------------------------------------------------------------------------------------

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return None
        linted = await self.lint(document)
        if linted is None or linted.result is None or linted.text is not document.text:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        newline = _newline_of(linted.text)
        if _wanted(types.CodeActionKind.QuickFix, only):
            ignored: set[tuple[str, int]] = set()
            for finding, diagnostic in zip(linted.result.findings, linted.diagnostics, strict=True):
                if not _intersects(diagnostic.range, params.range):
                    continue
                if finding.fix is not None:
                    edits = text_edits(((e.span, e.text) for e in finding.fix.edits), linted.lines, newline)
                    title = finding.fix.description[:1].upper() + finding.fix.description[1:]
                    actions.append(
                        types.CodeAction(
                            title=f"{finding.code}: {title}" + ("" if finding.fix.safe else " (unsafe fix)"),
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            is_preferred=finding.fix.safe,
                            edit=self._workspace_edit(document, edits),
                        )
                    )
                ignore = _ignore_edit(linted, finding, newline)
                if ignore is not None and (finding.code, ignore[0]) not in ignored:
                    ignored.add((finding.code, ignore[0]))
                    actions.append(
                        types.CodeAction(
                            title=f"Ignore {finding.code} for this instruction",
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            edit=self._workspace_edit(document, [ignore[1]]),
                        )
                    )
        if _wanted(FIX_ALL_KIND, only):
            edits = await self._fix_all(document, linted)
            if edits:
                actions.append(
                    types.CodeAction(
                        title="Fix all safe problems (lintainer)",
                        kind=FIX_ALL_KIND,
                        edit=self._workspace_edit(document, edits),
                    )
                )
        return actions

    async def _fix_all(self, document: _Document, linted: _Linted) -> list[types.TextEdit]:
        """The edits of ``--fix`` on the buffer (the fixer's rounds and checks), computed once per lint."""
        if linted.fix_all is None:
            options = linted.options
            findings = linted.result.findings if linted.result is not None else ()
            if options is None or not any(f.fix is not None and f.fix.safe for f in findings):
                linted.fix_all = []
            else:
                encoding = linted.lines.encoding
                linted.fix_all = await self._worker.submit(
                    lambda: _fixed_edits(linted.text, linted.path, options, encoding, document.uri)
                )
        return linted.fix_all

    def _workspace_edit(self, document: _Document, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        capabilities = self.client_capabilities.workspace
        edit_support = capabilities.workspace_edit if capabilities is not None else None
        if edit_support is not None and edit_support.document_changes:
            # Versioned: the client refuses the edit if the buffer changed since.
            identifier = types.OptionalVersionedTextDocumentIdentifier(uri=document.uri, version=document.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=identifier, edits=edits)])
        return types.WorkspaceEdit(changes={document.uri: edits})

    # -- hover -----------------------------------------------------------------------------------------------------

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return None
        linted = await self.lint(document)
        if linted is None or linted.result is None or linted.text is not document.text:
            return None
        point = types.Range(start=params.position, end=params.position)
        hits = [
            (finding, diagnostic)
            for finding, diagnostic in zip(linted.result.findings, linted.diagnostics, strict=True)
            if _intersects(diagnostic.range, point)
        ]
        if not hits:
            return None
        return types.Hover(contents=self._hover_contents([f for f, _ in hits]), range=hits[0][1].range)

    def _hover_contents(self, findings: Sequence[Finding]) -> types.MarkupContent:
        from linter.registry import find_rule

        sections: list[str] = []
        shown: set[str] = set()
        for finding in findings:
            section = f"**{finding.code}** `{finding.name}` ({finding.severity.label}): {finding.message}"
            if finding.code not in shown:
                shown.add(finding.code)
                rule = find_rule(finding.code, self._rules)
                if rule is not None and rule.documentation:
                    section += f"\n\n{rule.documentation}"
                section += f"\n\n[{finding.code} documentation]({finding.url})"
            sections.append(section)
        markdown = True
        hover = self.client_capabilities.text_document.hover if self.client_capabilities.text_document else None
        if hover is not None and hover.content_format is not None:
            markdown = types.MarkupKind.Markdown in hover.content_format
        return types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value="\n\n---\n\n".join(sections),
        )

    # -- lifecycle -------------------------------------------------------------------------------------------------

    def register_watchers(self) -> None:
        """Ask the client to report changes of configuration files, when it can register watchers dynamically."""
        workspace = self.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return  # reloaded on every save instead (see did_save)
        registration = types.Registration(
            id=WATCHER_REGISTRATION_ID,
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in WATCHED_FILES]
            ),
        )
        future = self.client_register_capability(types.RegistrationParams(registrations=[registration]))
        future.add_done_callback(self._registered)
        self.watching_files = True

    def _registered(self, future: Any) -> None:
        error = None if future.cancelled() else future.exception()
        if error is not None:
            self.watching_files = False
            logger.warning("the client refused the configuration file watcher: %s", error)

    def shutdown(self) -> None:
        """Stop without waiting for the thread that reads stdin (it may block until the client closes the pipe)."""
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool is not None:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)

    def report_server_error(self, error: Exception, source: Any) -> None:
        # Out-of-band errors go to the log, not to pop-ups: a linter should never nag.
        logger.error("server error (%s): %s", getattr(source, "__name__", source), error)


def _failure(document: _Document, error: BaseException) -> str:
    return f"lintainer: {document.uri} was not linted: {type(error).__name__}: {error}"


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether ``kind`` passes the client's ``only`` filter (``source`` covers ``source.fixAll.lintainer``)."""
    return not only or any(kind == wanted or kind.startswith(f"{wanted}.") for wanted in only)


def _newline_of(text: str) -> str:
    from linter.fixer import newline_of

    return newline_of(text)


def _ignore_edit(linted: _Linted, finding: Finding, newline: str) -> tuple[int, types.TextEdit] | None:
    """The edit that silences ``finding`` for its instruction, with the instruction's first line; None when the
    finding is not inside an instruction (a comment, the end of the file)."""
    dockerfile = linted.result.dockerfile if linted.result is not None else None
    if dockerfile is None:
        return None
    line = finding.span.start_line
    instruction = next((i for i in dockerfile.instructions if i.span.start_line <= line <= i.span.end_line), None)
    if instruction is None:
        return None
    first = instruction.span.start_line
    source_lines = linted.lines.lines
    # A `# lintainer: ignore=...` comment already directly above: name one more rule in it.
    above = first - 1
    while above >= 1 and source_lines[above - 1].lstrip().startswith("#"):
        match = _IGNORE_COMMENT.match(source_lines[above - 1])
        if match is not None:
            column = match.end() + 1 - (linted.lines.bom if above == 1 else 0)
            edits = text_edits([(Span.point(above, column), f",{finding.code}")], linted.lines, newline)
            return first, edits[0]
        above -= 1
    text = source_lines[first - 1]
    indentation = text[: len(text) - len(text.lstrip(" \t"))]
    comment = f"{indentation}# lintainer: ignore={finding.code}\n"
    return first, text_edits([(Span.point(first, 1), comment)], linted.lines, newline)[0]


def _fixed_edits(text: str, path: str, options: LintOptions, encoding: str, uri: str) -> list[types.TextEdit]:
    from linter.fixer import fix_bytes

    try:
        outcome = fix_bytes(text.encode("utf-8"), path, options)
        if not outcome.changed:
            return []
        return line_diff_edits(text, outcome.fixed.decode("utf-8"), encoding)
    except Exception as error:  # a buffer the fixer cannot take (lone surrogates, say): no fix-all offered
        logger.warning("%s: no fix-all: %s: %s", uri, type(error).__name__, error)
        return []


def create_server() -> LintainerServer:
    server = LintainerServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: LintainerServer, params: types.InitializedParams) -> None:
        ls.register_watchers()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LintainerServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open(params.text_document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintainerServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: LintainerServer, params: types.DidSaveTextDocumentParams) -> None:
        if not ls.watching_files:  # no file watcher: a saved configuration file is seen this way
            ls.configuration_changed()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LintainerServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: LintainerServer, params: types.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            ls.configuration_changed()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    async def code_action(ls: LintainerServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        try:
            return await ls.code_actions(params)
        except Exception:
            logger.exception("code actions for %s failed", params.text_document.uri)
            return []

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: LintainerServer, params: types.HoverParams) -> types.Hover | None:
        try:
            return await ls.hover(params)
        except Exception:
            logger.exception("hover for %s failed", params.text_document.uri)
            return None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: LintainerServer, *args: Any) -> None:
        ls.shutdown_requested = True
        for document in ls.documents.values():
            if document.task is not None:
                document.task.cancel()

    return server


def serve() -> None:
    """Run the server over stdin/stdout until the client says ``exit`` (or closes the pipe)."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="lintainer server: %(levelname)s: %(message)s")
    logging.getLogger("pygls").setLevel(logging.ERROR)
    server = create_server()
    server.start_io()
    # Past `exit`: leave at once, whatever thread still reads stdin or lints (LSP: 0 after `shutdown`, else 1).
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0 if server.shutdown_requested else 1)
