"""Shell analysis of RUN/CMD/ENTRYPOINT bodies and heredoc scripts, on tree-sitter-bash.

:func:`parse_script` turns a shell text into the simple commands it runs (:class:`Command`, with argv as
:class:`Word` objects that know their exact file positions), the variable assignments it makes and its pipelines.
It never raises on malformed input: tree-sitter recovers and :attr:`Script.has_error` says the analysis may be partial.

What counts as a command:

* every simple command, wherever it sits: ``&& || ; |`` chains, ``if``/``for``/``while``/``case`` bodies, subshells,
  ``{ }`` groups, functions, ``$( )``, backticks and ``<( )``;
* the commands of ``sh -c '…'`` / ``bash -lc "…"`` / ``su -c '…'`` strings, recursively up to
  :data:`MAX_NESTING` levels, marked with :attr:`Command.nested_in`;
* not comments, not quoted text (``echo "pip install x"``), and not heredoc bodies: those are data.

Heredocs are handled by an own pre-pass rather than by tree-sitter-bash, whose heredoc support breaks on several
heredocs per line, on ``<<EOF cmd`` and on words after the operator (the body lines then parse as commands). The
pre-pass blanks every body and terminator line (newlines kept, so offsets do not move) and turns ``<<EOF`` into the
same-length ``< EOF`` redirect, so the rest of the line still parses.

Offsets (:attr:`Word.start`, :attr:`Command.start`, …) are character offsets of the text given to
:func:`parse_script`, also for commands found inside ``-c`` strings (mapped back through the quoting).
tree-sitter itself works in UTF-8 bytes; they are converted here.

tree-sitter is imported lazily so that the CLI starts fast when no shell needs parsing.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

from linter.positions import Located, Segment, Span, TextMap, slot_setters
from linter.records import Record
from linter.regex import lazy_compile

if TYPE_CHECKING:
    from types import ModuleType

    from tree_sitter import Language, Node

__all__ = [
    "MAX_NESTING",
    "Assignment",
    "Command",
    "PipInstall",
    "PipOption",
    "Script",
    "Word",
    "command_basename",
    "command_from_words",
    "is_command",
    "parse_script",
    "pip_install",
]

#: How many levels of ``sh -c`` strings inside ``sh -c`` strings are analysed.
MAX_NESTING = 4

_new_record = object.__new__  # a record without running its constructor (its slots are then set one by one)


# --------------------------------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------------------------------


class Word(Located):
    """One shell word.

    ``value`` is the word after quote removal when the word is static (``"a b"`` -> ``a b``, ``'x'`` -> ``x``,
    ``a\\ b`` -> ``a b``, ``$'\\t'`` -> a tab, concatenations joined); otherwise (it contains ``$VAR``, ``${…}``,
    ``$(…)``, backticks or ``$((…))``) it is the raw text. Globs and brace expressions are static and kept verbatim.
    ``start``/``end`` are character offsets in the parsed text; for words found inside a ``-c`` string, ``raw`` is
    the text inside that string while ``start``/``end``/``span`` are mapped back to the outer text.
    """

    __slots__ = ("_span", "_text_map", "end", "is_static", "raw", "start", "value")
    _fields = ("value", "raw", "start", "end", "span", "is_static")
    value: str
    raw: str
    start: int
    end: int
    is_static: bool
    _span: Span | None  # computed from _text_map when first asked for
    _text_map: TextMap | None

    def __init__(self, value: str, raw: str, start: int, end: int, span: Span, is_static: bool) -> None:
        self._init(value, raw, start, end, is_static, span, None)

    def _init(
        self, value: str, raw: str, start: int, end: int, is_static: bool, span: Span | None, text_map: TextMap | None
    ) -> None:
        # Slot setters rather than object.__setattr__ by name: the analysis builds words by the hundred per file.
        _set_word_value(self, value)
        _set_word_raw(self, raw)
        _set_word_start(self, start)
        _set_word_end(self, end)
        _set_word_is_static(self, is_static)
        _set_word_span(self, span)
        _set_word_text_map(self, text_map)

    @classmethod
    def _located(
        cls, value: str, raw: str, start: int, end: int, is_static: bool, text_map: TextMap | None, span: Span | None
    ) -> Word:
        """A word whose span, unless given, is ``text_map.span(start, end)`` (None: a template's, not placed yet)."""
        word = _new_record(cls)
        _set_word_value(word, value)
        _set_word_raw(word, raw)
        _set_word_start(word, start)
        _set_word_end(word, end)
        _set_word_is_static(word, is_static)
        if span is not None:  # else left unset until asked for (most words never are)
            _set_word_span(word, span)
        _set_word_text_map(word, text_map)
        return word

    def _offsets(self) -> tuple[int, int]:
        return self.start, self.end


(
    _set_word_value,
    _set_word_raw,
    _set_word_start,
    _set_word_end,
    _set_word_is_static,
    _set_word_span,
    _set_word_text_map,
) = slot_setters(Word, "value", "raw", "start", "end", "is_static", "_span", "_text_map")
# Bound once: looking a class method up makes a new method object at every call.
_word_record = Word._located


class Assignment(Located):
    """``NAME=value`` (``value`` is ``None`` for ``export NAME`` without a value)."""

    __slots__ = ("_end", "_span", "_start", "_text_map", "name", "value")
    _fields = ("name", "value", "span")
    name: str
    value: Word | None
    _start: int
    _end: int
    _span: Span | None  # computed from _text_map when first asked for
    _text_map: TextMap | None

    def __init__(self, name: str, value: Word | None, span: Span) -> None:
        self._init(name, value, span, 0, 0, None)

    def _init(
        self, name: str, value: Word | None, span: Span | None, start: int, end: int, text_map: TextMap | None
    ) -> None:
        _set_assignment_name(self, name)
        _set_assignment_value(self, value)
        if span is not None:  # else left unset until asked for
            _set_assignment_span(self, span)
        _set_assignment_start(self, start)
        _set_assignment_end(self, end)
        _set_assignment_text_map(self, text_map)

    @classmethod
    def _located(
        cls, name: str, value: Word | None, start: int, end: int, text_map: TextMap | None, span: Span | None
    ) -> Assignment:
        assignment = _new_record(cls)
        assignment._init(name, value, span, start, end, text_map)
        return assignment

    def _offsets(self) -> tuple[int, int]:
        return self._start, self._end


(
    _set_assignment_name,
    _set_assignment_value,
    _set_assignment_span,
    _set_assignment_start,
    _set_assignment_end,
    _set_assignment_text_map,
) = slot_setters(Assignment, "name", "value", "_span", "_start", "_end", "_text_map")
_assignment_record = Assignment._located


class Command(Located):
    """One simple command: argv (``words``, name first) plus prefix assignments (``env``)."""

    __slots__ = (
        "_effective",
        "_span",
        "_text_map",
        "end",
        "env",
        "exec_prefixed",
        "in_pipeline",
        "nested_in",
        "start",
        "words",
    )
    _fields = ("words", "env", "start", "end", "span", "in_pipeline", "exec_prefixed", "nested_in")
    words: tuple[Word, ...]
    env: tuple[Assignment, ...]
    start: int
    end: int
    in_pipeline: bool
    exec_prefixed: bool
    nested_in: str | None
    _effective: Command | None  # the command with wrappers peeled, when first asked for
    _span: Span | None  # computed from _text_map when first asked for
    _text_map: TextMap | None

    def __init__(
        self,
        words: tuple[Word, ...],
        env: tuple[Assignment, ...],
        start: int,
        end: int,
        span: Span,
        in_pipeline: bool = False,
        exec_prefixed: bool = False,
        nested_in: str | None = None,
    ) -> None:
        self._init(words, env, start, end, span, None, in_pipeline, exec_prefixed, nested_in)

    def _init(
        self,
        words: tuple[Word, ...],
        env: tuple[Assignment, ...],
        start: int,
        end: int,
        span: Span | None,
        text_map: TextMap | None,
        in_pipeline: bool,
        exec_prefixed: bool,
        nested_in: str | None,
    ) -> None:
        _set_command_words(self, words)
        _set_command_env(self, env)
        _set_command_start(self, start)
        _set_command_end(self, end)
        if span is not None:  # else left unset until asked for
            _set_command_span(self, span)
        _set_command_text_map(self, text_map)
        _set_command_in_pipeline(self, in_pipeline)
        _set_command_exec_prefixed(self, exec_prefixed)
        _set_command_nested_in(self, nested_in)
        _set_command_effective(self, None)

    @classmethod
    def _located(
        cls,
        words: tuple[Word, ...],
        env: tuple[Assignment, ...],
        start: int,
        end: int,
        text_map: TextMap | None,
        span: Span | None,
        in_pipeline: bool,
        nested_in: str | None,
        exec_prefixed: bool = False,
    ) -> Command:
        command = _new_record(cls)
        command._init(words, env, start, end, span, text_map, in_pipeline, exec_prefixed, nested_in)
        return command

    def _offsets(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def name(self) -> str | None:
        return self.words[0].value if self.words else None

    @property
    def argv(self) -> tuple[str, ...]:
        return tuple(word.value for word in self.words)

    def effective(self) -> Command:
        """The command behind wrappers (``exec``, ``env``, ``sudo``, ``nohup``, ``time``, ``nice``, ``command``,
        ``timeout``, ``gosu``, ``su-exec``, ``tini``, ``dumb-init``); ``self`` when there is nothing to peel.

        ``env``/``sudo`` assignments join :attr:`env`; ``exec`` sets :attr:`exec_prefixed`. The result starts at its
        own name and keeps this command's end.
        """
        effective = self._effective
        if effective is None:
            # Rules ask for it again and again: peel each command once (it was a tenth of all the linting time).
            effective = _peel_wrappers(self)
            _set_command_effective(self, effective)
        return effective


(
    _set_command_words,
    _set_command_env,
    _set_command_start,
    _set_command_end,
    _set_command_span,
    _set_command_text_map,
    _set_command_in_pipeline,
    _set_command_exec_prefixed,
    _set_command_nested_in,
    _set_command_effective,
) = slot_setters(
    Command,
    "words",
    "env",
    "start",
    "end",
    "_span",
    "_text_map",
    "in_pipeline",
    "exec_prefixed",
    "nested_in",
    "_effective",
)
_command_record = Command._located


class Script(Record):
    """The analysis of one shell text."""

    text: str
    commands: tuple[Command, ...]
    assignments: tuple[Assignment, ...]
    has_error: bool
    pipelines: tuple[tuple[Command, ...], ...]


# --------------------------------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------------------------------


def parse_script(text: str, text_map: TextMap) -> Script:
    """Analyse a shell text; ``text_map`` maps its character offsets to file positions. Never raises."""
    if len(text) > MAX_TEMPLATE_LENGTH:  # a long text: analysed for this place alone, not kept
        collector = _Collector()
        _analyse(text, _Locator(text_map), None, 0, collector)
        return collector.script(text)
    # The records of a placed script depend on nothing but the text and where each of its characters sits in the
    # file: an edit that moves no line of the script (most keystrokes in an editor) finds the same records again.
    key = (text, text_map.key())
    entry = _PLACED.pop(key, None)
    if entry is None:
        entry = (key, _place(text, text_map))
        while _PLACED and len(_PLACED) >= MAX_PLACED_SCRIPTS:
            del _PLACED[next(iter(_PLACED))]  # the least recently used
    # Kept under the key it was first stored with: a hit frees nothing (a server freezes what its first lint left).
    _PLACED[entry[0]] = entry
    return entry[1]


def _place(text: str, text_map: TextMap) -> Script:
    """The script of a top-level text at one place: a copy of the text's first analysis, moved here, when there was
    one (an editing session relints the same scripts after every keystroke, and two thirds of the corpus' scripts
    repeat an earlier one); else analysed here, and that analysis is the one later places copy.

    A first analysis is not copied when its positions depend on the text's layout, not only on its characters
    (``su --command=…``, rare): each place is then analysed anew.
    """
    if text in _TEMPLATES:
        template = _TEMPLATES.pop(text)
        _TEMPLATES[text] = template  # now the most recently used
        if template is not None:
            return _Placement(_Locator(text_map)).script(template)
    collector = _Collector()
    _analyse(text, _Locator(text_map), None, 0, collector)
    script = collector.script(text)
    if text not in _TEMPLATES:
        while _TEMPLATES and len(_TEMPLATES) >= MAX_TEMPLATES:
            del _TEMPLATES[next(iter(_TEMPLATES))]  # the least recently used
        _TEMPLATES[text] = None if collector.depends_on_layout else script
    return script


def command_from_words(
    words: Sequence[Word], text_map_for: Callable[[Word], TextMap] | None = None
) -> tuple[Command, ...]:
    """The command of an exec-form argv (``["sh", "-c", "pip install x"]``), followed by the commands of its ``-c``
    script in source order (marked ``nested_in``).

    ``text_map_for(word)`` returns the :class:`TextMap` of the text that ``word.start``/``word.end`` index. A ``-c``
    string maps exactly when its ``raw`` is the value itself or the value in double quotes without escapes (a JSON
    string with no ``\\``); otherwise, or when the word's position cannot be resolved (no ``text_map_for`` and a
    multi-line span), every position inside maps to the whole ``-c`` word (its start and end), which still points a
    reader at the right string.
    """
    if not words:
        return ()
    first, last = words[0], words[-1]
    command = Command(
        words=tuple(words),
        env=(),
        start=first.start,
        end=last.end,
        span=Span(first.span.start_line, first.span.start_column, last.span.end_line, last.span.end_column),
    )
    found = _shell_script_word(command.effective().words)
    if found is None:
        return (command,)
    script_word, label, prefix = found
    if prefix:
        script_word = _tail(script_word, prefix)
    locator = _word_locator(script_word, text_map_for)
    template = _template(script_word.value, label, 1) if len(script_word.value) <= MAX_TEMPLATE_LENGTH else None
    if template is None:
        collector = _Collector()
        _analyse(script_word.value, locator, label, 1, collector)
        return (command, *collector.sorted_commands())
    return (command, *_Placement(locator).script(template).commands)


#: Longer scripts are analysed for each place they occur, not kept: an analysis takes about 40 times its text in memory
#: (the largest RUN of our 1,588-file corpus has 4.6 KB).
MAX_TEMPLATE_LENGTH = 8192


#: Placed scripts kept (least recently used first), by text and text map: a 200-line Dockerfile has a few dozen.
MAX_PLACED_SCRIPTS = 256
_PlacedKey = tuple[str, tuple[object, ...]]
_PLACED: dict[_PlacedKey, tuple[_PlacedKey, Script]] = {}

#: First analyses of top-level texts kept for later places (least recently used first); None for a text whose
#: analysis depends on its layout.
MAX_TEMPLATES = 256
_TEMPLATES: dict[str, Script | None] = {}


def clear_caches() -> None:
    """Forget every kept analysis (tests compare a warm analysis with a fresh one)."""
    _PLACED.clear()
    _TEMPLATES.clear()
    _template.cache_clear()


@lru_cache(maxsize=64)
def _template(text: str, nested_in: str | None = None, depth: int = 0) -> Script | None:
    """The analysis of an exec-form ``-c`` string with offsets but without spans, shared by every place the same
    string occurs; :class:`_Placement` copies it to a place. None when the analysis depends on the text's layout, not
    only on its characters (``su --command=…``, rare)."""
    collector = _Collector()
    try:
        _analyse(text, _Locator(None), nested_in, depth, collector)
    except _NeedsLayout:
        return None
    return collector.script(text)


def command_basename(word: Word) -> str | None:
    """The last path component of a command word (``/usr/bin/pip3`` -> ``pip3``, ``pip.exe`` -> ``pip``).

    A dynamic word still has a name when its last component is literal (``$VENV/bin/pip`` -> ``pip``).
    """
    return _basename(word.value if word.is_static else word.raw, word.is_static)


@lru_cache(maxsize=4096)  # rules ask for the same few names hundreds of times per file
def _basename(text: str, is_static: bool) -> str | None:
    base = text.rsplit("/", 1)[-1]
    if not is_static and any(char in base for char in "$`\"'{}()\\"):
        return None
    if base[-4:].lower() == ".exe":
        base = base[:-4]
    return base or None


def is_command(command: Command, *names: str) -> bool:
    """Whether the effective command's name (basename) is one of ``names``: ``/usr/bin/apt-get`` matches ``apt-get``."""
    effective = command.effective()
    return bool(effective.words) and command_basename(effective.words[0]) in names


# --------------------------------------------------------------------------------------------------------------------
# tree-sitter access, byte offsets
# --------------------------------------------------------------------------------------------------------------------


#: Node type names by kind id, for every kind a tree can hold (filled when the grammar is loaded): ``node.type`` makes
#: a new string at each call (and a set lookup then hashes it); ``_KIND_NAMES[node.kind_id]`` is one interned string.
_KIND_NAMES: dict[int, str] = {}
_ERROR_KIND_ID = 0xFFFF  # tree-sitter's symbol of ERROR nodes, outside the grammar's own numbering


@lru_cache(maxsize=1)
def _bash_language() -> Language:
    import tree_sitter

    language = tree_sitter.Language(_bash_grammar().language())
    for kind_id in (*range(language.node_kind_count), _ERROR_KIND_ID):
        _KIND_NAMES[kind_id] = sys.intern(language.node_kind_for_id(kind_id) or "")
    return language


def _bash_grammar() -> ModuleType:
    """tree-sitter-bash's compiled grammar: the package's ``_binding`` extension module, loaded on its own.

    The package's ``__init__`` imports ``importlib.resources`` (and through it tempfile, shutil, bz2, lzma and random,
    ~5 ms of a one-file run) for query files lintainer never reads. Where the package is laid out
    otherwise, or already imported, the package itself answers.
    """
    import importlib.machinery
    import importlib.util

    if "tree_sitter_bash" not in sys.modules:
        package = importlib.machinery.PathFinder.find_spec("tree_sitter_bash")  # finds it without running it
        locations = package.submodule_search_locations if package is not None else None
        if locations:
            finder = importlib.machinery.FileFinder(
                locations[0], (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES)
            )
            spec = finder.find_spec("tree_sitter_bash._binding")
            if spec is not None and spec.loader is not None:
                binding = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(binding)
                return binding
    import tree_sitter_bash

    return tree_sitter_bash


def _parse_tree_root(source: bytes) -> Node:
    import tree_sitter

    # A parser per call: parsers are cheap and not safe to share between threads.
    parser = tree_sitter.Parser(_bash_language())
    return parser.parse(source).root_node


_NON_ASCII = lazy_compile(r"[^\x00-\x7f]+")


def _identity(offset: int) -> int:
    return offset


def _byte_to_char_converter(text: str) -> Callable[[int], int]:
    """A function from UTF-8 byte offsets (as tree-sitter reports them) to character offsets of ``text``."""
    if text.isascii():
        return _identity
    byte_ends: list[int] = []  # byte offset just after each non-ASCII character
    extra_bytes: list[int] = []  # bytes beyond one per character, up to and including that character
    extra = 0
    for match in _NON_ASCII.finditer(text):
        for index, char in enumerate(match.group(), match.start()):
            code = ord(char)
            size = 2 if code < 0x800 else 3 if code < 0x10000 else 4
            extra += size - 1
            byte_ends.append(index + 1 + extra)
            extra_bytes.append(extra)

    def to_char(offset: int) -> int:
        position = bisect_right(byte_ends, offset)
        return offset - extra_bytes[position - 1] if position else offset

    return to_char


# --------------------------------------------------------------------------------------------------------------------
# Offsets of nested texts
# --------------------------------------------------------------------------------------------------------------------


class _Locator(Record):
    """Turns character offsets of a parsed text into offsets and spans of the top-level text.

    ``outer`` holds, for each character of a nested text (plus one past its end), its top-level offset; ``None``
    means the parsed text is the top-level text. ``whole`` replaces every position when no exact map exists.
    ``text_map`` is the top-level text's map; None while a template is analysed (its records get their map when
    placed).
    """

    text_map: TextMap | None
    outer: Sequence[int] | None = None
    whole: tuple[int, int, Span] | None = None

    def offsets(self, start: int, end: int) -> tuple[int, int]:
        if self.whole is not None:
            return self.whole[0], self.whole[1]
        if self.outer is None:
            return start, end
        outer_start = self.outer[start]
        return outer_start, (self.outer[end - 1] + 1 if end > start else outer_start)

    @property
    def whole_span(self) -> Span | None:
        """The span every record gets, or None when each gets its own (from ``text_map``)."""
        return self.whole[2] if self.whole is not None else None

    def nested(self, offsets: Sequence[int]) -> _Locator:
        """The locator of a text whose characters sit at ``offsets`` (plus one past the end) of this text."""
        if self.whole is not None:
            return self
        if self.outer is None:
            return _Locator(self.text_map, offsets)
        outer = self.outer
        return _Locator(self.text_map, [outer[offset] for offset in offsets])


class _NeedsLayout(Exception):
    """Raised while a template is analysed when a position depends on the text's layout (see :func:`_template`)."""


class _Placement:
    """Copies of a template's records at one place: offsets through a locator, spans from its map when asked for."""

    def __init__(self, locator: _Locator) -> None:
        self.locator = locator
        self.text_map = locator.text_map
        self.whole_span = locator.whole_span
        self.moves = locator.outer is not None or locator.whole is not None  # else offsets stay as they are
        self.assignments: dict[int, Assignment] = {}  # a bare `A=1` is both a command's env and a script assignment

    def script(self, template: Script) -> Script:
        placed = {id(command): self.command(command) for command in template.commands}
        return Script(
            text=template.text,
            commands=tuple(placed.values()),
            assignments=tuple(self.assignment(assignment) for assignment in template.assignments),
            has_error=template.has_error,
            pipelines=tuple(tuple(placed[id(member)] for member in pipeline) for pipeline in template.pipelines),
        )

    def command(self, command: Command) -> Command:
        start, end = self.locator.offsets(command.start, command.end) if self.moves else (command.start, command.end)
        return _command_record(
            tuple(map(self.word, command.words)),
            tuple(map(self.assignment, command.env)) if command.env else (),
            start,
            end,
            self.text_map,
            self.whole_span,
            command.in_pipeline,
            command.nested_in,
        )

    def word(self, word: Word) -> Word:
        start, end = self.locator.offsets(word.start, word.end) if self.moves else (word.start, word.end)
        return _word_record(word.value, word.raw, start, end, word.is_static, self.text_map, self.whole_span)

    def assignment(self, assignment: Assignment) -> Assignment:
        placed = self.assignments.get(id(assignment))
        if placed is None:
            bounds = (assignment._start, assignment._end)
            start, end = self.locator.offsets(*bounds) if self.moves else bounds
            value = None if assignment.value is None else self.word(assignment.value)
            placed = _assignment_record(assignment.name, value, start, end, self.text_map, self.whole_span)
            self.assignments[id(assignment)] = placed
        return placed


def _word_locator(word: Word, text_map_for: Callable[[Word], TextMap] | None) -> _Locator:
    """The locator of an exec-form ``-c`` string's value (see :func:`command_from_words`)."""
    whole = _Locator(None, whole=(word.start, word.end, word.span))
    if word.raw == word.value:
        first = word.start
    elif word.raw == f'"{word.value}"' and "\\" not in word.raw:
        first = word.start + 1
    else:
        return whole
    if text_map_for is not None:
        text_map = text_map_for(word)
    elif word.span.start_line == word.span.end_line and word.span.end_column - word.span.start_column == len(word.raw):
        # Same line, no hidden characters: the word's own span is a map of its text.
        text_map = TextMap([Segment(word.start, word.span.start_line, word.span.start_column)], word.end)
    else:
        return whole
    return _Locator(text_map, range(first, first + len(word.value) + 1))


# --------------------------------------------------------------------------------------------------------------------
# Pre-pass: what tree-sitter-bash misreads (heredocs, comments inside backticks), blanked at the same offsets
# --------------------------------------------------------------------------------------------------------------------

_HEREDOC_INTEREST = lazy_compile(r"['\"\\#$(<\n]")
_DOUBLE_QUOTE_INTEREST = lazy_compile(r'["\\]')
_ANSI_C_INTEREST = lazy_compile(r"['\\]")
_PARENTHESIS = lazy_compile(r"[()]")
_DELIMITER_END = lazy_compile(r"[\s;&|()<>]")
_WORD_BOUNDARY = frozenset(" \t\n;&|()")  # characters a word starts after and ends before


def _sanitise(text: str) -> tuple[str, bool]:
    """The text tree-sitter-bash is given (same length, so offsets do not move), and whether a heredoc body ran to the
    end of the text without its terminator."""
    sanitised, unterminated = _blank_heredocs(text)
    if "`" in sanitised and "#" in sanitised:
        sanitised = _blank_backtick_comments(sanitised)
    return sanitised, unterminated


def _blank_heredocs(text: str) -> tuple[str, bool]:
    """``text`` with heredoc bodies and terminators blanked and ``<<EOF`` turned into ``< EOF``; and whether a body
    ran to the end of the text without its terminator."""
    if "<<" not in text:
        return text, False
    chars: list[str] | None = None
    pending: list[tuple[str, bool]] = []  # (delimiter, strip leading tabs) of operators waiting for the newline
    unterminated = False
    length = len(text)
    position = 0
    while position < length:
        match = _HEREDOC_INTEREST.search(text, position)
        if match is None:
            break
        at = match.start()
        char = text[at]
        position = at + 1
        if char == "'":
            closing = text.find("'", at + 1)
            position = length if closing < 0 else closing + 1
        elif char == '"':
            position = _skip_quoted(text, at + 1, _DOUBLE_QUOTE_INTEREST, '"')
        elif char == "\\":
            position = at + 2
        elif char == "#":
            if at == 0 or text[at - 1] in _WORD_BOUNDARY:
                newline = text.find("\n", at)
                position = length if newline < 0 else newline
        elif char == "$":
            if text.startswith("$'", at):
                position = _skip_quoted(text, at + 2, _ANSI_C_INTEREST, "'")
            elif text.startswith("$((", at):
                position = _skip_parentheses(text, at + 3, 2)
        elif char == "(":
            if text.startswith("((", at) and (at == 0 or text[at - 1] in _WORD_BOUNDARY):
                position = _skip_parentheses(text, at + 2, 2)
        elif char == "<":
            if text.startswith("<<<", at):
                position = at + 3
            elif text.startswith("<<", at):
                operator_length = 3 if text.startswith("<<-", at) else 2
                delimiter, position = _read_delimiter(text, at + operator_length)
                if delimiter is not None:
                    if chars is None:
                        chars = list(text)
                    chars[at : at + operator_length] = "<" + " " * (operator_length - 1)
                    pending.append((delimiter, operator_length == 3))
        elif pending:  # an unquoted newline: the bodies of this line's heredocs follow, in order
            assert chars is not None
            position, complete = _blank_bodies(text, chars, at + 1, pending)
            unterminated = unterminated or not complete
            pending.clear()
    return ("".join(chars) if chars is not None else text), unterminated


def _skip_quoted(text: str, position: int, interest: re.Pattern[str], closing: str) -> int:
    while True:
        match = interest.search(text, position)
        if match is None:
            return len(text)
        if match.group() == closing:
            return match.end()
        position = match.end() + 1  # a backslash escapes the next character


def _skip_parentheses(text: str, position: int, depth: int) -> int:
    for match in _PARENTHESIS.finditer(text, position):
        depth += 1 if match.group() == "(" else -1
        if depth == 0:
            return match.end()
    return len(text)


def _read_delimiter(text: str, position: int) -> tuple[str | None, int]:
    """The quote-removed heredoc delimiter word starting at ``position`` (after blanks), and the offset after it."""
    while position < len(text) and text[position] in " \t":
        position += 1
    parts: list[str] = []
    start = position
    while position < len(text):
        char = text[position]
        if char in "'\"":
            closing = text.find(char, position + 1)
            closing = len(text) if closing < 0 else closing
            parts.append(text[position + 1 : closing])
            position = closing + 1
        elif char == "\\" and position + 1 < len(text):
            parts.append(text[position + 1])
            position += 2
        elif _DELIMITER_END.match(char):
            break
        else:
            parts.append(char)
            position += 1
    if position == start:
        return None, position
    return "".join(parts), min(position, len(text))


def _blank_bodies(text: str, chars: list[str], position: int, pending: list[tuple[str, bool]]) -> tuple[int, bool]:
    """Blank the bodies (and terminator lines) starting at ``position``; the offset after them and whether every
    body found its terminator."""
    length = len(text)
    for delimiter, strip_tabs in pending:
        while True:
            if position >= length:
                return length, False
            newline = text.find("\n", position)
            line_end = length if newline < 0 else newline
            line = text[position:line_end]
            chars[position:line_end] = " " * (line_end - position)
            position = line_end + 1
            candidate = line.lstrip("\t") if strip_tabs else line
            if candidate == delimiter or candidate == delimiter + "\r":
                break
    return min(position, length), True


_BACKTICK_INTEREST = lazy_compile(r"[`'\"\\#]")


def _blank_backtick_comments(text: str) -> str:
    """``text`` with every comment inside backticks blanked up to the closing backtick (or the end of its line).

    In the shell, a comment inside `` `…` `` ends with the substitution: ``curl `# for the health check` \\`` is a way
    to comment one line of a continued RUN, and the substitution expands to nothing. tree-sitter-bash reads such a
    comment to the end of the line and loses the rest of the command. A substitution left with nothing but blanks is
    blanked whole, backticks included, when it is a word of its own (it expands to no word at all) or inside double
    quotes (tree-sitter-bash rejects empty backticks); glued to other characters it keeps them, so the word stays one.
    """
    chars: list[str] | None = None
    length = len(text)
    opened = -1  # the opening backtick of the substitution the scan is in
    in_double = False  # inside "…" (a substitution's quoting starts afresh, and resumes after it)
    double_outside = False
    blanked = False  # a comment was blanked in the current substitution
    position = 0
    while position < length:
        match = _BACKTICK_INTEREST.search(text, position)
        if match is None:
            break
        at = match.start()
        char = text[at]
        position = at + 1
        if char == "\\":
            position = at + 2
        elif char == "'":
            if not in_double:
                closing = text.find("'", at + 1)
                position = length if closing < 0 else closing + 1
        elif char == '"':
            in_double = not in_double
        elif char == "`":
            if opened < 0:
                opened, double_outside, in_double, blanked = at, in_double, False, False
                continue
            if blanked and chars is not None and not "".join(chars[opened + 1 : at]).strip():
                alone = (opened == 0 or text[opened - 1] in _WORD_BOUNDARY) and (
                    at + 1 == length or text[at + 1] in _WORD_BOUNDARY
                )
                if alone or double_outside:
                    chars[opened : at + 1] = " " * (at + 1 - opened)
            opened, in_double = -1, double_outside
        elif not in_double and (at == 0 or at - 1 == opened or text[at - 1] in _WORD_BOUNDARY):  # a comment
            newline = text.find("\n", at)
            line_end = length if newline < 0 else newline
            closing = text.find("`", at, line_end) if opened >= 0 else -1
            if closing < 0:
                position = line_end  # a comment to the end of the line: its backticks are text
                continue
            if chars is None:
                chars = list(text)
            chars[at:closing] = " " * (closing - at)
            blanked = True
            position = closing
    return text if chars is None else "".join(chars)


# --------------------------------------------------------------------------------------------------------------------
# Words: quote removal
# --------------------------------------------------------------------------------------------------------------------

_DYNAMIC_TYPES = frozenset(
    {"simple_expansion", "expansion", "command_substitution", "arithmetic_expansion", "process_substitution"}
)
_UNQUOTED_LEAF_TYPES = frozenset({"word", "number", "variable_name", "special_variable_name", "file_descriptor"})
_DOUBLE_QUOTE_ESCAPABLE = frozenset('$`"\\\n')
_ANSI_C_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}
_ANSI_C_NUMERIC = {"x": (16, 2), "u": (16, 4), "U": (16, 8)}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_OCTAL_DIGITS = frozenset("01234567")
_MAX_DEQUOTE_DEPTH = 8


class _Dequoter:
    """Removes quotes from a sequence of word nodes, keeping expansions verbatim; optionally records, for every
    output character, the offset of the source character it came from.

    Without offsets, only a static word's result is used (a dynamic word's value is its raw text): the pass then stops
    at the first expansion.
    """

    __slots__ = ("_text", "_to_char", "_value_only", "is_static", "offsets", "parts")

    def __init__(self, text: str, to_char: Callable[[int], int], with_offsets: bool) -> None:
        self._text = text
        self._to_char = to_char
        self.parts: list[str] = []
        self.offsets: list[int] | None = [] if with_offsets else None
        self._value_only = not with_offsets
        self.is_static = True

    def result(self) -> str:
        return "".join(self.parts)

    def _emit(self, piece: str, start: int) -> None:
        if piece:
            self.parts.append(piece)
            if self.offsets is not None:
                self.offsets.extend(range(start, start + len(piece)))

    def _emit_at(self, piece: str, offset: int) -> None:
        """Characters that came from an escape sequence at ``offset``."""
        self.parts.append(piece)
        if self.offsets is not None:
            self.offsets.extend([offset] * len(piece))

    def sequence(self, nodes: Sequence[Node], start: int, end: int, depth: int = 0) -> None:
        """Nodes in order; text between them (inside ``start``..``end``) is unquoted literal text."""
        cursor = start
        text = self._text
        for index, node in enumerate(nodes):
            if self._value_only and not self.is_static:
                return
            node_start, node_end = node.start_byte, node.end_byte
            if self._to_char is not _identity:
                node_start, node_end = self._to_char(node_start), self._to_char(node_end)
            self._unquoted(cursor, node_start)
            cursor = max(cursor, node_end)
            if _KIND_NAMES[node.kind_id] == "$" and index + 1 < len(nodes) and text.startswith('"', node_end):
                continue  # $"…": a locale-translated string is a double-quoted string
            self.node(node, node_start, node_end, depth)
        self._unquoted(cursor, end)

    def node(self, node: Node, start: int, end: int, depth: int = 0) -> None:
        kind = _KIND_NAMES[node.kind_id]
        text = self._text
        if kind in _DYNAMIC_TYPES or kind == "ERROR" or depth > _MAX_DEQUOTE_DEPTH:
            self.is_static = False
            self._emit(text[start:end], start)
        elif kind == "raw_string":
            closed = end - start >= 2 and text[end - 1] == "'"
            self._emit(text[start + 1 : end - 1 if closed else end], start + 1)
        elif kind == "string":
            self._double_quoted(node, start, end)
        elif kind == "ansi_c_string":
            closed = end - start >= 3 and text[end - 1] == "'"
            self._ansi_c(start + 2, end - 1 if closed else end)
        elif kind == "translated_string":
            self.sequence([child for child in node.children if child.type != "$"], start + 1, end, depth + 1)
        elif kind in _UNQUOTED_LEAF_TYPES or node.child_count == 0:
            self._unquoted(start, end)
        else:  # concatenation, command_name, brace_expression, variable_assignment, array, …
            self.sequence(node.children, start, end, depth + 1)

    def _unquoted(self, start: int, end: int) -> None:
        text = self._text
        while start < end:
            backslash = text.find("\\", start, end)
            if backslash < 0:
                self._emit(text[start:end], start)
                return
            self._emit(text[start:backslash], start)
            if backslash + 1 >= end:
                self._emit("\\", backslash)
                return
            if text[backslash + 1] != "\n":  # backslash-newline is a line continuation: both vanish
                self._emit(text[backslash + 1], backslash + 1)
            start = backslash + 2

    def _double_quoted_literal(self, start: int, end: int) -> None:
        text = self._text
        while start < end:
            backslash = text.find("\\", start, end)
            if backslash < 0 or backslash + 1 >= end:
                self._emit(text[start:end], start)
                return
            escaped = text[backslash + 1]
            if escaped in _DOUBLE_QUOTE_ESCAPABLE:
                self._emit(text[start:backslash], start)
                if escaped != "\n":
                    self._emit(escaped, backslash + 1)
            else:
                self._emit(text[start : backslash + 2], start)
            start = backslash + 2

    def _double_quoted(self, node: Node, start: int, end: int) -> None:
        closed = end - start >= 2 and self._text[end - 1] == '"'
        content_end = end - 1 if closed else end
        cursor = start + 1
        for child in node.children:
            if _KIND_NAMES[child.kind_id] in _DYNAMIC_TYPES:
                self.is_static = False
                if self._value_only:
                    return
                child_start, child_end = self._to_char(child.start_byte), self._to_char(child.end_byte)
                self._double_quoted_literal(cursor, child_start)
                self._emit(self._text[child_start:child_end], child_start)
                cursor = child_end
        self._double_quoted_literal(cursor, content_end)

    def _ansi_c(self, start: int, end: int) -> None:
        text = self._text
        while start < end:
            backslash = text.find("\\", start, end)
            if backslash < 0 or backslash + 1 >= end:
                self._emit(text[start:end], start)
                return
            self._emit(text[start:backslash], start)
            escaped = text[backslash + 1]
            start = backslash + 2
            if escaped in _ANSI_C_ESCAPES:
                self._emit_at(_ANSI_C_ESCAPES[escaped], backslash)
            elif escaped in _ANSI_C_NUMERIC:
                base, max_digits = _ANSI_C_NUMERIC[escaped]
                digits_end = start
                while digits_end < min(end, start + max_digits) and text[digits_end] in _HEX_DIGITS:
                    digits_end += 1
                code = int(text[start:digits_end], base) if digits_end > start else -1
                if 0 <= code <= 0x10FFFF:
                    self._emit_at(chr(code), backslash)
                    start = digits_end
                else:
                    self._emit(text[backslash:start], backslash)
            elif escaped in _OCTAL_DIGITS:
                digits_end = backslash + 1
                while digits_end < min(end, backslash + 4) and text[digits_end] in _OCTAL_DIGITS:
                    digits_end += 1
                self._emit_at(chr(int(text[backslash + 1 : digits_end], 8) & 0xFF), backslash)
                start = digits_end
            elif escaped == "c" and start < end:
                self._emit_at(chr(ord(text[start]) & 0x1F), backslash)
                start += 1
            else:
                self._emit(text[backslash:start], backslash)


# --------------------------------------------------------------------------------------------------------------------
# The walk
# --------------------------------------------------------------------------------------------------------------------

# Nodes that never contain a command (checked before descending, to keep the walk cheap).
_LEAF_TYPES = frozenset(
    {
        "word",
        "number",
        "raw_string",
        "ansi_c_string",
        "string_content",
        "variable_name",
        "special_variable_name",
        "comment",
        "heredoc_body",
        "heredoc_start",
        "heredoc_end",
        "heredoc_content",
        "file_descriptor",
        "test_operator",
    }
)
_SUBSTITUTION_TYPES = frozenset({"command_substitution", "process_substitution"})
_SUBSTITUTION_MARKERS = (b"$(", b"`", b"<(", b">(")


def _substitution_marks(source: bytes) -> tuple[list[int], list[int]]:
    """Where each ``$(``, backquote, ``<(`` and ``>(`` of ``source`` starts, and where it ends, in order."""
    marks: list[tuple[int, int]] = []
    for marker in _SUBSTITUTION_MARKERS:
        # bytes.find, not `in`: CPython's bytes `in` raises and clears a TypeError before it searches a substring.
        at = source.find(marker)
        while at >= 0:
            marks.append((at, at + len(marker)))
            at = source.find(marker, at + 1)
    if not marks:
        return [], []
    marks.sort()  # no two marks start at the same byte, so their ends come in the same order
    return [start for start, _ in marks], [end for _, end in marks]


class _Collector:
    """Results of one top-level analysis, including its nested ``-c`` scripts."""

    def __init__(self) -> None:
        self.commands: list[Command] = []
        self.assignments: list[Assignment] = []
        self.pipelines: list[tuple[Command, ...]] = []
        self.has_error = False
        self.depends_on_layout = False  # positions of a nested script that depend on how its word is laid out

    def sorted_commands(self) -> tuple[Command, ...]:
        # Stable: a command precedes the commands of its own substitutions and -c string even at equal offsets.
        return tuple(sorted(self.commands, key=lambda command: command.start))

    def script(self, text: str) -> Script:
        return Script(
            text=text,
            commands=self.sorted_commands(),
            assignments=tuple(self.assignments),
            has_error=self.has_error,
            pipelines=tuple(self.pipelines),
        )


# tree-sitter-bash takes quadratic time on long runs of pipes, redirections and closing parentheses (a pipeline of
# 10,000 stages, 20,000 unmatched `)`), and of heredoc operators: 50,000 of them take minutes. Real scripts have a
# few dozen (the largest RUN of our 1,588-file corpus has 4.6 KB in all); a script with more is generated or hostile.
MAX_HEREDOC_OPERATORS = 500
MAX_PIPE_AND_REDIRECTION_CHARACTERS = 10_000


# A script this short cannot exceed either limit (a heredoc operator takes two characters): no need to count.
_SURELY_CHEAP_LENGTH = min(2 * MAX_HEREDOC_OPERATORS, MAX_PIPE_AND_REDIRECTION_CHARACTERS)


def _too_costly_to_parse(script: str) -> bool:
    if len(script) <= _SURELY_CHEAP_LENGTH:
        return False
    if script.count("<<") > MAX_HEREDOC_OPERATORS:
        return True
    return sum(script.count(character) for character in "|<>)") > MAX_PIPE_AND_REDIRECTION_CHARACTERS


def _analyse(text: str, locator: _Locator, nested_in: str | None, depth: int, collector: _Collector) -> None:
    """Analyse ``text`` (the top-level text at depth 0, else a ``-c`` string) into ``collector``; the variable
    assignments are collected at the top level only."""
    sanitised, unterminated_heredoc = _sanitise(text)
    if _too_costly_to_parse(sanitised):
        collector.has_error = True  # left unanalysed, as a script with a syntax error
        return
    source = sanitised.encode("utf-8", "surrogatepass")
    root = _parse_tree_root(source)
    collector.has_error = collector.has_error or unterminated_heredoc or root.has_error
    walker = _Walker(text, source, _byte_to_char_converter(sanitised), locator, nested_in, depth < MAX_NESTING)
    walker.walk(root)
    collector.commands.extend(walker.commands)
    if depth == 0:
        collector.assignments.extend(walker.assignments)
    collector.pipelines.extend(
        tuple(sorted(members, key=lambda command: command.start))
        for members in walker.pipeline_members.values()
        if len(members) >= 2
    )
    for script_word, label, prefix, nodes in walker.scripts:
        if prefix:  # a part of a word (`su --command=…`): positions fall back to the whole word
            collector.depends_on_layout = True
            if locator.text_map is None and locator.whole is None:
                raise _NeedsLayout  # where that part is depends on how the word is laid out (see `_tail`)
            script_word = _tail(script_word, prefix)
            whole = _Locator(None, whole=(script_word.start, script_word.end, script_word.span))
            _analyse(script_word.value, whole, label, depth + 1, collector)
            continue
        script, offsets = walker.unquoted_with_offsets(nodes)
        offsets.append(offsets[-1] + 1 if offsets else walker.to_char(nodes[0].start_byte))
        _analyse(script, locator.nested(offsets), label, depth + 1, collector)


class _Walker:
    """One pass over one tree: builds commands, assignments and pipeline membership."""

    def __init__(
        self,
        text: str,
        source: bytes,
        to_char: Callable[[int], int],
        locator: _Locator,
        nested_in: str | None,
        finds_scripts: bool,
    ) -> None:
        self.text = text
        self.substitution_starts, self.substitution_ends = _substitution_marks(source)
        self.to_char = to_char
        self.locator = locator
        self.moves = locator.outer is not None or locator.whole is not None  # else offsets stay as they are
        self.text_map = locator.text_map
        self.whole_span = locator.whole_span
        self.nested_in = nested_in
        self.commands: list[Command] = []
        self.assignments: list[Assignment] = []
        self.pipeline_members: dict[int, list[Command]] = {}
        self.finds_scripts = finds_scripts
        # The -c strings of the commands, in order: (word, label, where the script starts in it, the word's nodes)
        self.scripts: list[tuple[Word, str, int, list[Node]]] = []

    def walk(self, root: Node) -> None:
        # Explicit stack: trees can be thousands of levels deep ($($($(…)))).
        stack: list[tuple[Node, int | None]] = [(root, None)]
        # Without substitutions and syntax errors (most scripts), no command's words hold commands.
        searches_commands = bool(self.substitution_starts) or root.has_error
        while stack:
            node, pipeline = stack.pop()
            kind = _KIND_NAMES[node.kind_id]
            if kind in _LEAF_TYPES:
                continue
            if kind == "command":
                self._command(node, pipeline, ())
                if not (searches_commands and self._may_hold_commands(node)):
                    continue
                children = _without_assignments(node.named_children)
                stack.extend(zip(reversed(children), repeat(pipeline)))
                continue
            # Only named nodes can hold commands: operators, quotes and other anonymous tokens are not visited.
            children = node.named_children
            if kind == "redirected_statement":
                body = node.child_by_field_name("body")
                if body is not None and body.type == "command":
                    # tree-sitter-bash hangs words after a redirect target on the redirect (`cmd >f arg`)
                    self._command(body, pipeline, self._words_after_redirects(node))
                    children = [child for child in children if child.start_byte != body.start_byte]
                    if searches_commands and self._may_hold_commands(body):
                        children.extend(_without_assignments(body.named_children))
            elif kind == "pipeline":
                self._push_pipeline(stack, node, pipeline)
                continue
            elif kind == "variable_assignment":  # a bare `A=1` statement (those of commands are read there)
                assignment = self._assignment(node)
                self._add_command((), (assignment,), node, pipeline)
                self.assignments.append(assignment)
            elif kind == "variable_assignments":
                assignments = tuple(self._assignment(child) for child in children if child.type == kind[:-1])
                self._add_command((), assignments, node, pipeline)
                self.assignments.extend(assignments)
                children = [grandchild for child in children for grandchild in child.named_children]
            elif kind in ("declaration_command", "unset_command"):
                self._declaration(node, pipeline)
                children = [grandchild for child in children for grandchild in child.named_children]
            elif kind in _SUBSTITUTION_TYPES:
                pipeline = None  # its output is captured, not piped
            stack.extend(zip(reversed(children), repeat(pipeline)))

    def _push_pipeline(self, stack: list[tuple[Node, int | None]], node: Node, outer: int | None) -> None:
        """Push the elements of a pipeline with a fresh pipeline key.

        tree-sitter-bash nests `a | b || c` as `a | (b || c)`: a list element contributes only its leftmost operand
        to the pipeline (merging a leftmost pipeline), the rest is outside it.
        """
        key = id(node)
        self.pipeline_members.setdefault(key, [])
        pushes: list[tuple[Node, int | None]] = []
        pending = deque(child for child in node.children if child.is_named)
        while pending:
            element = pending.popleft()
            if element.type == "pipeline":
                pending.extendleft(reversed([child for child in element.children if child.is_named]))
            elif element.type == "list":
                operands = [child for child in element.children if child.is_named]
                if operands:
                    pending.appendleft(operands[0])
                pushes.extend((operand, outer) for operand in operands[1:])
            else:
                pushes.append((element, key))
        stack.extend(reversed(pushes))

    # -- builders ----------------------------------------------------------------------------------------------------

    def _command(self, node: Node, pipeline: int | None, extra_arguments: Sequence[list[Node]]) -> None:
        env: list[Assignment] = []
        name = node.child_by_field_name("name")
        if name is None or name.start_byte != node.start_byte:
            for child in node.children:  # prefix assignments and redirects, up to the name
                if name is not None and child.start_byte >= name.start_byte:
                    break
                if _KIND_NAMES[child.kind_id] == "variable_assignment":
                    env.append(self._assignment(child))
        groups = _adjacent_groups(node.children_by_field_name("argument"))
        if name is not None:
            groups.insert(0, [name])
        groups.extend(extra_arguments)
        words = tuple(map(self._word, groups))
        end_node = extra_arguments[-1][-1] if extra_arguments else node
        self._add_command(words, tuple(env), node, pipeline, end_node)
        if self.finds_scripts and words and words[0].is_static and command_basename(words[0]) in _SCRIPT_RUNNERS:
            start = _peel(words)[0]
            found = _shell_script_word(words[start:])
            if found is not None:
                script_word, label, prefix = found
                index = next(index for index in range(start, len(words)) if words[index] is script_word)
                self.scripts.append((script_word, label, prefix, groups[index]))

    def _words_after_redirects(self, statement: Node) -> list[list[Node]]:
        groups: list[list[Node]] = []
        for index, child in enumerate(statement.children):
            if statement.field_name_for_child(index) == "redirect" and child.type == "file_redirect":
                destinations = [
                    grandchild
                    for position, grandchild in enumerate(child.children)
                    if child.field_name_for_child(position) == "destination"
                ]
                groups.extend(_adjacent_groups(destinations)[1:])
        return groups

    def _declaration(self, node: Node, pipeline: int | None) -> None:
        """`export A=1 B`, `declare -x C`, `local D`, `readonly E=2`, `unset F`: a command and its assignments."""
        children = node.children
        words = [self._word(group) for group in _adjacent_groups(children)]
        self._add_command(tuple(words), (), node, pipeline)
        if node.type == "declaration_command":
            for child in children:
                if child.type == "variable_assignment":
                    self.assignments.append(self._assignment(child))
                elif child.type == "variable_name":
                    start, end = self._range(child)
                    self.assignments.append(self._new_assignment(self.text[start:end], None, start, end))

    def _add_command(
        self,
        words: tuple[Word, ...],
        env: tuple[Assignment, ...],
        node: Node,
        pipeline: int | None,
        end_node: Node | None = None,
    ) -> None:
        start, end = node.start_byte, (end_node or node).end_byte
        if self.to_char is not _identity:
            start, end = self.to_char(start), self.to_char(end)
        if self.moves:
            start, end = self.locator.offsets(start, end)
        command = _command_record(
            words, env, start, end, self.text_map, self.whole_span, pipeline is not None, self.nested_in
        )
        self.commands.append(command)
        if pipeline is not None:
            self.pipeline_members[pipeline].append(command)

    def _assignment(self, node: Node) -> Assignment:
        children = node.children
        start, end = self._range(node)
        name_end = self.to_char(children[0].end_byte) if children else start
        operator = next((i for i, child in enumerate(children) if _KIND_NAMES[child.kind_id] in ("=", "+=")), None)
        value: Word | None
        if operator is None:
            value = None
        elif operator + 1 < len(children):
            value = self._word(children[operator + 1 :])
        else:  # `A=`: an empty value right after the operator
            value = self._new_word("", "", end, end, True)
        return self._new_assignment(self.text[start:name_end], value, start, end)

    def _word(self, nodes: Sequence[Node]) -> Word:
        first = nodes[0]
        start, end = first.start_byte, nodes[-1].end_byte
        if self.to_char is not _identity:
            start, end = self.to_char(start), self.to_char(end)
        raw = self.text[start:end]
        simple = _simple_value(first, raw) if len(nodes) == 1 else None
        if simple is not None:
            value, is_static = simple, True
        else:
            dequoter = _Dequoter(self.text, self.to_char, with_offsets=False)
            dequoter.sequence(nodes, start, end)
            value, is_static = (dequoter.result() if dequoter.is_static else raw), dequoter.is_static
        if self.moves:  # as in _new_word, without a call per word
            start, end = self.locator.offsets(start, end)
        return _word_record(value, raw, start, end, is_static, self.text_map, self.whole_span)

    def _new_word(self, value: str, raw: str, start: int, end: int, is_static: bool) -> Word:
        if self.moves:
            start, end = self.locator.offsets(start, end)
        return _word_record(value, raw, start, end, is_static, self.text_map, self.whole_span)

    def _new_assignment(self, name: str, value: Word | None, start: int, end: int) -> Assignment:
        if self.moves:
            start, end = self.locator.offsets(start, end)
        return _assignment_record(name, value, start, end, self.text_map, self.whole_span)

    def unquoted_with_offsets(self, nodes: Sequence[Node]) -> tuple[str, list[int]]:
        """A word's text after quote removal, expansions kept verbatim, with each character's source offset."""
        start, end = self.to_char(nodes[0].start_byte), self.to_char(nodes[-1].end_byte)
        dequoter = _Dequoter(self.text, self.to_char, with_offsets=True)
        dequoter.sequence(nodes, start, end)
        assert dequoter.offsets is not None
        return dequoter.result(), dequoter.offsets

    def _may_hold_commands(self, command: Node) -> bool:
        """Whether a command's words may hold commands of their own: only command and process substitutions do (a
        command with a syntax error is searched whole, as the recovery may have put anything in it)."""
        starts = self.substitution_starts
        if starts:  # most scripts have none
            index = bisect_left(starts, command.start_byte)
            if index < len(starts) and self.substitution_ends[index] <= command.end_byte:
                return True
        return command.has_error

    def _range(self, node: Node) -> tuple[int, int]:
        if self.to_char is _identity:
            return node.start_byte, node.end_byte
        return self.to_char(node.start_byte), self.to_char(node.end_byte)


def _simple_value(node: Node, raw: str) -> str | None:
    """The value of a one-node word that needs no dequoting pass (most words), else None.

    A plain word or number without backslashes is its text; a single-quoted string is its content; so is a
    double-quoted one without ``$``, backquotes or backslashes (nothing in it is expanded or escaped).
    """
    kind = _KIND_NAMES[node.kind_id]
    if kind == "command_name" and node.child_count == 1:  # the name's own node, same text
        kind = _KIND_NAMES[node.children[0].kind_id]
    if kind in _UNQUOTED_LEAF_TYPES:
        return raw if "\\" not in raw else None
    if kind == "raw_string":
        return raw[1:-1] if len(raw) >= 2 and raw[-1] == "'" else raw[1:]
    if kind == "string" and "$" not in raw and "`" not in raw and "\\" not in raw:
        return raw[1:-1] if len(raw) >= 2 and raw[-1] == '"' else raw[1:]
    return None


def _without_assignments(children: list[Node]) -> list[Node]:
    """A command's children with its prefix assignments replaced by their parts (which may hold substitutions)."""
    kinds = [_KIND_NAMES[child.kind_id] for child in children]
    if "variable_assignment" not in kinds:
        return children
    return [
        part
        for child, kind in zip(children, kinds, strict=True)
        for part in (child.children if kind == "variable_assignment" else (child,))
    ]


def _adjacent_groups(nodes: Sequence[Node]) -> list[list[Node]]:
    """Nodes split into shell words: nodes with no whitespace between them form one word (`$` + `"x"`)."""
    groups: list[list[Node]] = []
    previous_end = -1
    for node in nodes:
        if node.start_byte == previous_end:
            groups[-1].append(node)
        else:
            groups.append([node])
        previous_end = node.end_byte
    return groups


# --------------------------------------------------------------------------------------------------------------------
# Wrappers and -c scripts
# --------------------------------------------------------------------------------------------------------------------

_ASSIGNMENT_WORD = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*=")


def _skip_options(
    words: Sequence[Word], index: int, short_with_value: str = "", long_with_value: frozenset[str] = frozenset()
) -> int:
    """The index of the first operand at or after ``index`` (``--`` ends options and is skipped)."""
    while index < len(words):
        word = words[index]
        value = word.value
        if not word.is_static or not value.startswith("-") or value == "-":
            return index
        if value == "--":
            return index + 1
        if value.startswith("--"):
            takes_value = "=" not in value and value in long_with_value
            index += 2 if takes_value else 1
            continue
        index += 1
        for position, flag in enumerate(value[1:], 1):
            if flag in short_with_value:
                index += 1 if position == len(value) - 1 else 0  # value in the next word unless attached
                break
    return index


def _tail(word: Word, offset: int) -> Word:
    """The part of ``word`` from character ``offset`` of its text on (the value of ``A=1``, ``--opt=x``, ``-rfile``).

    Positions are exact when the raw text starts with the same characters (the prefix is unquoted); otherwise the
    part gets the whole word's position.
    """
    text = word.value if word.is_static else word.raw
    value = text[offset:]
    span = word.span
    exact = (
        word.raw.startswith(text[:offset])
        and span.start_line == span.end_line
        and span.end_column - span.start_column == len(word.raw) == word.end - word.start
    )
    if not exact:
        return Word(value, word.raw, word.start, word.end, span, word.is_static)
    span = Span(span.start_line, span.start_column + offset, span.end_line, span.end_column)
    return Word(value, word.raw[offset:], word.start + offset, word.end, span, word.is_static)


def _is_assignment_word(word: Word) -> bool:
    return _ASSIGNMENT_WORD.match(word.value if word.is_static else word.raw) is not None


def _split_assignment(word: Word) -> Assignment | None:
    """``NAME=value`` as an :class:`Assignment` (for ``env``/``sudo`` arguments)."""
    match = _ASSIGNMENT_WORD.match(word.value if word.is_static else word.raw)
    if match is None:
        return None
    return Assignment(match.group()[:-1], _tail(word, match.end()), word.span)


# Each peeler gets the words and the index after the wrapper's name; it returns the index of the wrapped command's
# name and the index where the NAME=value words the wrapper adds to its environment start (they run up to the name),
# or None when this use of the wrapper does not run a command.
_Peeler = Callable[[Sequence[Word], int], tuple[int, int] | None]


def _options_then_command(short_with_value: str = "", long_with_value: Sequence[str] = ()) -> _Peeler:
    longs = frozenset(long_with_value)

    def peel(words: Sequence[Word], index: int) -> tuple[int, int] | None:
        index = _skip_options(words, index, short_with_value, longs)
        return index, index

    return peel


def _options_assignments_then_command(short_with_value: str, long_with_value: Sequence[str]) -> _Peeler:
    longs = frozenset(long_with_value)

    def peel(words: Sequence[Word], index: int) -> tuple[int, int] | None:
        index = _skip_options(words, index, short_with_value, longs)
        assignments_start = index
        while index < len(words) and _is_assignment_word(words[index]):
            index += 1
        return index, assignments_start

    return peel


def _user_then_command(words: Sequence[Word], index: int) -> tuple[int, int] | None:
    return index + 1, index + 1  # gosu USER cmd, su-exec USER[:GROUP] cmd


def _command_builtin(words: Sequence[Word], index: int) -> tuple[int, int] | None:
    after = _skip_options(words, index)
    if any("v" in word.value or "V" in word.value for word in words[index:after] if word.value != "--"):
        return None  # `command -v x` looks x up; it does not run it
    return after, after


def _timeout(words: Sequence[Word], index: int) -> tuple[int, int] | None:
    after = _skip_options(words, index, "sk", frozenset({"--signal", "--kill-after"})) + 1  # then DURATION
    return after, after


_WRAPPERS: dict[str, _Peeler] = {
    "exec": _options_then_command("a"),
    "env": _options_assignments_then_command("uCS", ("--unset", "--chdir", "--split-string")),
    "sudo": _options_assignments_then_command(
        "ugpCDhrtUTR",
        ("--user", "--group", "--prompt", "--close-from", "--chdir", "--host", "--role", "--type", "--other-user"),
    ),
    "nohup": _options_then_command(),
    "time": _options_then_command("fo", ("--format", "--output")),
    "nice": _options_then_command("n", ("--adjustment",)),
    "command": _command_builtin,
    "timeout": _timeout,
    "gosu": _user_then_command,
    "su-exec": _user_then_command,
    "tini": _options_then_command("ep"),
    "dumb-init": _options_then_command("r", ("--rewrite",)),
}
_MAX_WRAPPERS = 16


def _peel(words: Sequence[Word]) -> tuple[int, list[Word], bool]:
    """Where the command behind wrappers starts in ``words``, the NAME=value words the wrappers add to its
    environment, and whether ``exec`` was one of the wrappers."""
    assignment_words: list[Word] = []
    exec_prefixed = False
    index = 0
    for _ in range(_MAX_WRAPPERS):
        if index >= len(words):
            break
        name = command_basename(words[index]) if words[index].is_static else None
        peeler = _WRAPPERS.get(name or "")
        peeled = peeler(words, index + 1) if peeler is not None else None
        if peeled is None or peeled[0] >= len(words):
            break
        index, assignments_start = peeled
        assignment_words.extend(words[assignments_start:index])
        exec_prefixed = exec_prefixed or name == "exec"
    return index, assignment_words, exec_prefixed


def _peel_wrappers(command: Command) -> Command:
    words = command.words
    index, assignment_words, exec_prefixed = _peel(words)
    if index == 0:
        return command
    # _peel found these words by their `NAME=` shape: each splits into an assignment
    env = command.env + tuple(a for word in assignment_words if (a := _split_assignment(word)) is not None)
    first = words[index]
    text_map = command._text_map
    # From its name to the command's end: on the same map, that span can wait until asked for.
    span = None
    if text_map is None or first._text_map is not text_map:
        span = Span(first.span.start_line, first.span.start_column, command.span.end_line, command.span.end_column)
    return Command._located(
        words[index:],
        env,
        first.start,
        command.end,
        text_map,
        span,
        command.in_pipeline,
        command.nested_in,
        command.exec_prefixed or exec_prefixed,
    )


_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh"})
# The names a command with a -c script starts with: the script's shell, or a wrapper before it.
_SCRIPT_RUNNERS = frozenset({*_SHELLS, "su", *_WRAPPERS})
_SHELL_LONG_WITH_VALUE = frozenset({"--rcfile", "--init-file"})


def _shell_script_word(words: Sequence[Word]) -> tuple[Word, str, int] | None:
    """The ``-c`` script word of ``sh -c``/``bash -lc``/``su -c`` (the words of an effective command), a label for it
    and where the script starts in it (``su --command=…``; else 0)."""
    if not words or not words[0].is_static:
        return None
    name = command_basename(words[0])
    if name in _SHELLS:
        index, has_c = 1, False
        while index < len(words):
            value = words[index].value
            if not words[index].is_static or value in ("-", "--"):
                index += 1 if value in ("-", "--") else 0
                break
            if value.startswith("--"):
                index += 2 if value in _SHELL_LONG_WITH_VALUE else 1
            elif len(value) > 1 and value[0] in "-+":
                has_c = has_c or (value[0] == "-" and "c" in value)
                index += 2 if ("o" in value or "O" in value) else 1  # -o/+o/-O take an option name
            else:
                break
        if has_c and index < len(words):
            return words[index], f"{name} -c", 0
        return None
    if name == "su":
        for index, word in enumerate(words[1:], 1):
            value = word.value
            if value.startswith("--command="):
                return word, "su -c", len("--command=")
            is_short_c = value.startswith("-") and not value.startswith("--") and value.endswith("c")
            if (value == "--command" or is_short_c) and index + 1 < len(words):
                return words[index + 1], "su -c", 0
    return None


# --------------------------------------------------------------------------------------------------------------------
# pip install
# --------------------------------------------------------------------------------------------------------------------


def _option_names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PIP_NAME = lazy_compile(r"pip(?:\d+(?:\.\d+)*)?")
_PYTHON_NAME = lazy_compile(r"python(?:\d+(?:\.\d+)*)?")

# pip (optparse): long options of `pip install` and pip's general options; abbreviations resolve against these.
_PIP_LONG_OPTIONS = _option_names(
    "--abi --break-system-packages --build-option --cache-dir --cert --check-build-dependencies "
    "--client-cert --compile --config-settings --constraint --debug --default-timeout "
    "--disable-pip-version-check --dry-run --editable --exists-action --extra-index-url --find-links "
    "--force-reinstall --global-option --group --help --ignore-installed --ignore-requires-python "
    "--implementation --index-url --install-option --isolated --keyring-provider --local-log --log "
    "--log-file --no-binary --no-build-isolation --no-cache-dir --no-clean --no-color --no-compile "
    "--no-dependencies --no-deps --no-index --no-input --no-python-version-warning --no-use-pep517 --no-user "
    "--no-warn-conflicts --no-warn-script-location --only-binary --platform --pre --prefer-binary --prefix "
    "--progress-bar --proxy --python --python-version --quiet --report --require-hashes --require-virtualenv "
    "--requirement --resume-retries --retries --root --root-user-action --src --target --timeout "
    "--trusted-host --upgrade --upgrade-strategy --use-deprecated --use-feature --use-pep517 --user "
    "--verbose --version"
)
_PIP_WITH_VALUE = _option_names(
    "--abi --build-option --cache-dir --cert --client-cert --config-settings --constraint --default-timeout "
    "--editable --exists-action --extra-index-url --find-links --global-option --group --implementation "
    "--index-url --install-option --keyring-provider --local-log --log --log-file --no-binary --only-binary "
    "--platform --prefix --progress-bar --proxy --python --python-version --report --requirement "
    "--resume-retries --retries --root --root-user-action --src --target --timeout --trusted-host "
    "--upgrade-strategy --use-deprecated --use-feature"
)
_PIP_SHORT = {
    "-r": "--requirement",
    "-c": "--constraint",
    "-e": "--editable",
    "-t": "--target",
    "-U": "--upgrade",
    "-I": "--ignore-installed",
    "-C": "--config-settings",
    "-i": "--index-url",
    "-f": "--find-links",
    "-h": "--help",
    "-v": "--verbose",
    "-V": "--version",
    "-q": "--quiet",
}
# uv (clap): no abbreviations; a few plural spellings are the real names.
_UV_WITH_VALUE = _option_names(
    "--requirement --constraint --override --build-constraint --editable --index-url --extra-index-url "
    "--find-links --python --target --prefix --python-version --python-platform --index-strategy "
    "--keyring-provider --resolution --prerelease --exclude-newer --link-mode --reinstall-package "
    "--upgrade-package --no-binary --only-binary --config-setting --cache-dir --index --default-index "
    "--group --extra --refresh-package --no-build-isolation-package --color --config-file --directory "
    "--project --allow-insecure-host --python-preference --torch-backend --no-build-package "
    "--no-binary-package"
)
_UV_SHORT = {
    "-r": "--requirement",
    "-c": "--constraint",
    "-b": "--build-constraint",
    "-e": "--editable",
    "-i": "--index-url",
    "-f": "--find-links",
    "-p": "--python",
    "-P": "--upgrade-package",
    "-C": "--config-setting",
    "-U": "--upgrade",
    "-n": "--no-cache",
    "-q": "--quiet",
    "-v": "--verbose",
}
_UV_ALIASES = {
    "--requirements": "--requirement",
    "--constraints": "--constraint",
    "--overrides": "--override",
    "--build-constraints": "--build-constraint",
    "--config-settings": "--config-setting",
}
_UV_GLOBAL_WITH_VALUE = _option_names(
    "--cache-dir --color --config-file --directory --project --allow-insecure-host --python-preference"
)


@lru_cache(maxsize=512)
def _canonical_option(name: str, tool: str) -> str:
    """``-r`` -> ``--requirement``; pip's unique abbreviations (``--no-cache`` -> ``--no-cache-dir``); uv aliases."""
    if tool == "uv":
        return _UV_SHORT.get(name) or _UV_ALIASES.get(name, name)
    if name in _PIP_SHORT:
        return _PIP_SHORT[name]
    if name.startswith("--") and name not in _PIP_LONG_OPTIONS:
        candidates = [option for option in _PIP_LONG_OPTIONS if option.startswith(name)]
        if len(candidates) == 1:
            return candidates[0]
    return name


class PipOption(Record):
    """One option of a pip command line; ``name`` is canonical (``-r`` -> ``--requirement``)."""

    name: str
    word: Word
    value: Word | None


@dataclass(frozen=True)
class PipInstall:
    """A ``pip install`` / ``python -m pip install`` / ``uv pip install`` command."""

    command: Command  # the effective command
    tool: str  # "pip" or "uv"
    install_index: int  # index in command.words of the word "install"
    args: tuple[Word, ...]  # words after "install"
    global_args: tuple[Word, ...] = ()  # words between "pip" and "install" (e.g. `--no-cache-dir` before install)
    options: tuple[PipOption, ...] = field(init=False, repr=False)
    operands: tuple[Word, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        options: list[PipOption] = []
        operands: list[Word] = []
        for words, is_global in ((self.global_args, True), (self.args, False)):
            _parse_pip_words(words, self.tool, options, None if is_global else operands)
        object.__setattr__(self, "options", tuple(options))
        object.__setattr__(self, "operands", tuple(operands))

    def _names(self, names: tuple[str, ...]) -> frozenset[str]:
        return frozenset(_canonical_option(name, self.tool) for name in names)

    def has_option(self, *names: str) -> bool:
        """Whether any of ``names`` (``"-r"``, ``"--requirement"``, …) is given, before or after ``install``."""
        wanted = self._names(names)
        return any(option.name in wanted for option in self.options)

    def option_value(self, *names: str) -> Word | None:
        """The value of the last of these options (the one that wins)."""
        values = self.option_values(*names)
        return values[-1] if values else None

    def option_values(self, *names: str) -> tuple[Word, ...]:
        """The values of every occurrence (repeatable options such as ``-r``)."""
        wanted = self._names(names)
        return tuple(option.value for option in self.options if option.name in wanted and option.value is not None)

    @property
    def packages(self) -> tuple[Word, ...]:
        """Requirement specifiers, paths and URLs given as operands (not option values)."""
        return self.operands

    @property
    def requirement_files(self) -> tuple[Word, ...]:
        return self.option_values("--requirement")

    @property
    def constraint_files(self) -> tuple[Word, ...]:
        return self.option_values("--constraint")

    @property
    def editables(self) -> tuple[Word, ...]:
        return self.option_values("--editable")


def _parse_pip_words(words: Sequence[Word], tool: str, options: list[PipOption], operands: list[Word] | None) -> None:
    with_value = _UV_WITH_VALUE if tool == "uv" else _PIP_WITH_VALUE
    index = 0
    only_operands = False
    while index < len(words):
        word = words[index]
        index += 1
        text = word.value
        if only_operands or not word.is_static or not text.startswith("-") or text == "-":
            if operands is not None:
                operands.append(word)
            continue
        if text == "--":
            only_operands = True
            continue
        if text.startswith("--"):
            name, equals, _ = text.partition("=")
            canonical = _canonical_option(name, tool)
            value: Word | None = None
            if equals:
                value = _tail(word, len(name) + 1)
            elif canonical in with_value and index < len(words):
                value = words[index]
                index += 1
            options.append(PipOption(canonical, word, value))
            continue
        for position, flag in enumerate(text[1:], 1):  # a cluster of short flags: -qU, -rreq.txt, -Ur req.txt
            canonical = _canonical_option("-" + flag, tool)
            if canonical not in with_value:
                options.append(PipOption(canonical, word, None))
                continue
            value = None
            if position + 1 < len(text):
                value = _tail(word, position + 1)
            elif index < len(words):
                value = words[index]
                index += 1
            options.append(PipOption(canonical, word, value))
            break


def _python_module(words: Sequence[Word]) -> tuple[str, int] | None:
    """For ``python [options] -m MODULE …``: the module and the index after it."""
    index = 1
    while index < len(words):
        word = words[index]
        text = word.value
        if not word.is_static or not text.startswith("-") or text in ("-", "--"):
            return None
        index += 1
        if text.startswith("--"):
            index += 1 if text == "--check-hash-based-pycs" else 0
            continue
        for position, flag in enumerate(text[1:], 1):
            if flag == "c":
                return None
            if flag == "m":
                if position + 1 < len(text):
                    return text[position + 1 :], index
                return (words[index].value, index + 1) if index < len(words) else None
            if flag in "XW":
                index += 0 if position + 1 < len(text) else 1
                break
    return None


def pip_install(command: Command) -> PipInstall | None:
    """The ``pip install`` behind ``command`` (after peeling wrappers), however pip is spelled; else ``None``.

    Recognised: ``pip``, ``pip3``, ``pip3.12``, any path to them (also ``$VENV/bin/pip``), ``python[3[.12]] -m pip``,
    ``uv pip``; global options may precede ``install``. Not pip: ``pipx``, ``pipenv``, ``pip-compile``, ``pip-sync``,
    ``python -m pipx``, and other subcommands (``download``, ``wheel``, ``uninstall``…).
    """
    effective = command.effective()
    words = effective.words
    if not words:
        return None
    name = command_basename(words[0])
    if name is None:
        return None
    if _PIP_NAME.fullmatch(name):
        tool, subcommand_at = "pip", 1
    elif _PYTHON_NAME.fullmatch(name):
        module = _python_module(words)
        if module is None or module[0] != "pip":
            return None
        tool, subcommand_at = "pip", module[1]
    elif name == "uv":
        pip_at = _skip_options(words, 1, "", _UV_GLOBAL_WITH_VALUE)
        if pip_at >= len(words) or words[pip_at].value != "pip":
            return None
        tool, subcommand_at = "uv", pip_at + 1
    else:
        return None
    global_with_value = _UV_GLOBAL_WITH_VALUE if tool == "uv" else _PIP_WITH_VALUE
    install_index = subcommand_at
    while install_index < len(words):  # global options between pip and its subcommand
        word = words[install_index]
        if not word.is_static or not word.value.startswith("-") or word.value == "-":
            break
        takes_value = "=" not in word.value and _canonical_option(word.value, tool) in global_with_value
        install_index += 2 if takes_value else 1
    if install_index >= len(words) or words[install_index].value != "install" or not words[install_index].is_static:
        return None
    return PipInstall(
        command=effective,
        tool=tool,
        install_index=install_index,
        args=words[install_index + 1 :],
        global_args=words[subcommand_at:install_index],
    )
