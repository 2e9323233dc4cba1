"""The immutable model rules read: a Dockerfile of stages of instructions.

Built from the pre-pass (:mod:`linter.source`) and the instruction split (:mod:`linter.parser`); rules never see
either. Every position is a :class:`~linter.positions.Span` of the original file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Generic, TypeVar

from linter import parser as _parser
from linter.expand import expand
from linter.positions import Located, Span, TextMap, set_field
from linter.records import Record
from linter.regex import lazy_compile
from linter.shell import Word, command_from_words, parse_script
from linter.source import (
    Directive,
    LogicalLine,
    Problem,
    Source,
    dequote,
    iter_shell_words,
    read_source,
    shell_words,
)

if TYPE_CHECKING:
    from linter.shell import Command

KNOWN_INSTRUCTIONS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)
# Flags BuildKit accepts per instruction; only these instructions take flags.
KNOWN_FLAGS: Mapping[str, frozenset[str]] = {
    "FROM": frozenset({"platform"}),
    "RUN": frozenset({"mount", "network", "security", "device"}),
    "COPY": frozenset({"from", "chown", "chmod", "link", "parents", "exclude"}),
    "ADD": frozenset({"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"}),
    "HEALTHCHECK": frozenset({"interval", "timeout", "start-period", "start-interval", "retries"}),
}
NEEDS_ARGUMENTS = frozenset(KNOWN_INSTRUCTIONS - {"CMD", "ENTRYPOINT"})
_STAGE_INSTRUCTIONS = frozenset(KNOWN_INSTRUCTIONS - {"ARG", "FROM"})  # those that need a FROM before them
ONBUILD_FORBIDDEN = frozenset({"ONBUILD", "FROM", "MAINTAINER"})
POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"})
DEFAULT_SHELL: tuple[str, ...] = ("/bin/sh", "-c")
# Set by BuildKit for every build; their values depend on the builder, so they are "declared, unknown".
PLATFORM_ARGS = (
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
)

_WHITESPACE_WORD = lazy_compile(r"[^ \t\r\n]+")

Variables = Mapping[str, str | None]
_EMPTY: Variables = MappingProxyType({})

_T = TypeVar("_T")
_Owner = TypeVar("_Owner")


class _cached(Generic[_Owner, _T]):  # named like the decorator it replaces
    """``functools.cached_property`` without the lock Python 3.11 takes on every first access (one per instruction
    and property, a tenth of the shell analysis' time); the model is built and read in one thread."""

    def __init__(self, function: Callable[[_Owner], _T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: _Owner | None, owner: type | None = None) -> _T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = self.function(instance)
        instance.__dict__[self.name] = value  # found before this (non-data) descriptor from now on
        return value


class Flag(Record):
    """``--name=value`` (or a bare ``--name``) before an instruction's arguments."""

    name: str
    value: str | None
    span: Span
    value_span: Span | None


class Heredoc(Record):
    name: str
    strip_tabs: bool
    expand: bool
    fd: int | None
    body: str
    body_map: TextMap | None
    marker_span: Span
    marker_start: int  # offsets in the instruction's text
    marker_end: int
    terminated: bool
    end_line: int

    def body_span(self) -> Span | None:
        if self.body_map is None:
            return None
        return self.body_map.span(0, max(0, len(self.body) - 1))


class KeyValue(Located):
    """One pair of ENV, LABEL or ARG (``value`` None for ``ARG NAME`` without a default); ``span`` is the whole pair as
    written. Both spans are computed when first asked for."""

    __slots__ = ("_bounds", "_key_span", "_span", "_text_map", "key", "value")
    _fields = ("key", "value", "span", "key_span")
    key: str
    value: str | None
    _bounds: tuple[int, int, int]  # start, end and key end in the text _text_map maps
    _key_span: Span | None  # computed from _text_map when first asked for, as is _span
    _span: Span | None
    _text_map: TextMap | None

    def __init__(self, key: str, value: str | None, span: Span, key_span: Span) -> None:
        self._init(key, value, span, key_span, None, (0, 0, 0))

    def _init(
        self,
        key: str,
        value: str | None,
        span: Span | None,
        key_span: Span | None,
        text_map: TextMap | None,
        bounds: tuple[int, int, int],
    ) -> None:
        set_field(self, "key", key)
        set_field(self, "value", value)
        set_field(self, "_span", span)
        set_field(self, "_key_span", key_span)
        set_field(self, "_text_map", text_map)
        set_field(self, "_bounds", bounds)

    @classmethod
    def _located(cls, key: str, value: str | None, text_map: TextMap, start: int, end: int, key_end: int) -> KeyValue:
        """The pair at ``start``..``end`` of the text ``text_map`` maps, its key ending at ``key_end``."""
        pair = cls.__new__(cls)
        pair._init(key, value, None, None, text_map, (start, end, key_end))
        return pair

    def _offsets(self) -> tuple[int, int]:
        start, end, _ = self._bounds
        return start, end

    @property
    def key_span(self) -> Span:
        span = self._key_span
        if span is None:
            start, _, key_end = self._bounds
            span = self._text_map.span(start, key_end)  # type: ignore[union-attr]
            set_field(self, "_key_span", span)
        return span


@dataclass(frozen=True, eq=False, repr=False)
class Instruction:
    """One instruction (continuations joined): its keyword, flags, arguments and positions, and what it runs."""

    keyword: str  # upper-case; for ONBUILD this is "ONBUILD" and ``trigger`` holds the inner instruction
    keyword_text: str  # as written
    text: str  # the instruction with continuations joined, starting at the keyword
    text_map: TextMap
    flags: tuple[Flag, ...]
    arguments: str  # after the keyword and the flags
    arguments_offset: int  # where ``arguments`` starts in ``text``
    heredocs: tuple[Heredoc, ...]
    stage_index: int | None  # None before the first FROM
    index: int  # position in Dockerfile.instructions (the ONBUILD's index for a trigger)
    shell: tuple[str, ...]  # the SHELL in effect
    variables: Variables = field(repr=False)  # ARG and ENV visible to this instruction (None: declared, value unknown)
    escape: str = "\\"
    trigger: Instruction | None = None  # ONBUILD's inner instruction
    is_trigger: bool = False
    # Where the instruction ends (line, exclusive column) when heredoc bodies follow its text (None: where it ends).
    heredoc_end: tuple[int, int] | None = field(default=None, repr=False)

    # -- positions (computed when first asked for: most instructions are never reported) ---------------------------
    @_cached
    def keyword_span(self) -> Span:
        return self.text_map.span(0, len(self.keyword_text))

    @_cached
    def span(self) -> Span:
        """From the keyword to the end of the instruction (heredoc terminators included)."""
        start_line, start_column = self.text_map.position(0)
        end_line, end_column = self.heredoc_end or self.text_map.end_position(len(self.text.rstrip()))
        return Span(start_line, start_column, end_line, end_column)

    @property
    def line(self) -> int:
        return self.text_map.position(0)[0]

    def span_of(self, start: int, end: int) -> Span:
        """Span of ``text[start:end]``."""
        return self.text_map.span(start, end)

    @property
    def arguments_span(self) -> Span:
        end = self.arguments_offset + len(self.arguments.rstrip())
        return self.span_of(self.arguments_offset, max(end, self.arguments_offset))

    # -- flags -----------------------------------------------------------------------------------------------------
    def flag(self, name: str) -> Flag | None:
        for flag in self.flags:
            if flag.name == name:
                return flag
        return None

    def flags_named(self, name: str) -> tuple[Flag, ...]:
        return tuple(flag for flag in self.flags if flag.name == name)

    @_cached
    def mounts(self) -> tuple[dict[str, str], ...]:
        """RUN ``--mount`` options as dictionaries (``{"type": "cache", "target": "/root/.cache"}``)."""
        mounts = []
        for flag in self.flags_named("mount"):
            options: dict[str, str] = {}
            for part in (flag.value or "").split(","):
                key, _, value = part.partition("=")
                options[key.strip().lower()] = value.strip().strip("\"'")
            options.setdefault("type", "bind")
            if "dst" in options or "destination" in options:
                options.setdefault("target", options.get("dst") or options.get("destination", ""))
            mounts.append(options)
        return tuple(mounts)

    # -- forms -----------------------------------------------------------------------------------------------------
    @_cached
    def _json(self) -> tuple[tuple[Word, ...] | None, str | None]:
        strings, error = _json_strings(self.arguments)
        if strings is None:
            return None, error
        base, text_map = self.arguments_offset, self.text_map
        return tuple(
            Word._located(value, raw, base + start, base + end, True, text_map, None)
            for value, raw, start, end in strings
        ), None

    @property
    def is_exec_form(self) -> bool:
        """A valid JSON array of strings (BuildKit runs it without a shell)."""
        return self._json[0] is not None

    @property
    def exec_words(self) -> tuple[Word, ...] | None:
        """The JSON array's strings with their positions, or None in shell form."""
        return self._json[0]

    @property
    def json_error(self) -> str | None:
        """Why arguments that look like a JSON array are not one (BuildKit then runs them as a shell string)."""
        return self._json[1]

    @_cached
    def words(self) -> tuple[tuple[int, int, str], ...]:
        """The arguments split on whitespace, as BuildKit splits FROM, COPY, USER, EXPOSE ...: (start, end, word).

        Offsets are into ``text``. Quotes do not group words here (they do for ENV, LABEL and ARG).
        """
        return _whitespace_words(self.text, self.arguments_offset)

    @_cached
    def key_values(self) -> tuple[KeyValue, ...]:
        """ENV/LABEL/ARG pairs; empty for other instructions."""
        if self.keyword not in ("ENV", "LABEL", "ARG"):
            return ()
        base, text_map = self.arguments_offset, self.text_map
        return tuple(
            KeyValue._located(key, value, text_map, base + start, base + end, base + key_end)
            for key, value, start, end, key_end in _key_value_layout(self.keyword, self.arguments)
        )

    # -- shell -----------------------------------------------------------------------------------------------------
    @property
    def uses_posix_shell(self) -> bool:
        return _is_posix_shell(self.shell)

    @_cached
    def commands(self) -> tuple[Command, ...]:
        """Simple commands of a RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD, heredoc scripts included.

        Exec form yields one command (and, for ``["sh", "-c", "..."]``, the commands of the string); shell form is
        parsed as a POSIX shell script unless the stage's SHELL is something else (PowerShell, cmd).
        """
        if self.keyword == "HEALTHCHECK":
            return _healthcheck_commands(self)
        if self.keyword not in ("RUN", "CMD", "ENTRYPOINT"):
            return ()
        words = self.exec_words
        if words is not None:
            return command_from_words(words)
        if not self.uses_posix_shell:
            return ()
        # The scripts' commands, in order: the shell text is parsed once for both views.
        return tuple(command for script in self.scripts for command in script.commands)  # type: ignore[attr-defined]

    @_cached
    def scripts(self) -> tuple[object, ...]:
        """Parsed shell scripts (``linter.shell.Script``) of a shell-form RUN/CMD/ENTRYPOINT and its heredoc scripts."""
        if self.keyword not in ("RUN", "CMD", "ENTRYPOINT") or self.is_exec_form or not self.uses_posix_shell:
            return ()
        script_text, script_map = _script_with_heredocs(self)
        main = parse_script(script_text, script_map)
        scripts: list[object] = [main]
        for heredoc in _heredoc_scripts(self, list(main.commands)):
            if heredoc.body_map is not None:
                scripts.append(parse_script(heredoc.body, heredoc.body_map))
        return tuple(scripts)

    def expand(self, text: str) -> tuple[str, bool]:
        """Substitute the variables visible here; returns (result, fully known)."""
        return expand(text, self.variables, self.escape, undeclared_known=self.stage_index is None)

    def __repr__(self) -> str:
        return f"<Instruction {self.keyword} line {self.line}>"

    @classmethod
    def _make(cls, **fields: object) -> Instruction:
        """What the dataclass' constructor makes, in one write of the instance dictionary instead of one
        ``object.__setattr__`` per field (a sixth of the model's building time). Every field must be given."""
        instruction = cls.__new__(cls)
        instruction.__dict__.update(fields)
        return instruction


@dataclass(frozen=True, eq=False, repr=False)
class Stage:
    """A build stage: its FROM, base image or base stage, and its instructions."""

    index: int
    name: str | None  # as written; compare with ``name.lower()`` (BuildKit lower-cases stage names)
    name_span: Span | None
    from_instruction: Instruction
    base_text: str  # the image argument as written
    base_span: Span
    base_image: str | None  # with ARGs substituted; None when it cannot be known
    base_stage_index: int | None  # FROM <an earlier stage>
    platform: str | None
    instructions: tuple[Instruction, ...]  # the FROM first
    is_final: bool

    @property
    def body(self) -> tuple[Instruction, ...]:
        """Instructions after the FROM."""
        return self.instructions[1:]

    def __repr__(self) -> str:
        return f"<Stage {self.index} {self.name or ''} FROM {self.base_text}>"


@dataclass(frozen=True, eq=False)
class Dockerfile:
    """The immutable model of one Dockerfile: instructions, stages, the variables before the first FROM, problems."""

    path: str
    source: Source = field(repr=False)
    instructions: tuple[Instruction, ...]
    stages: tuple[Stage, ...]
    meta_args: Variables  # ARGs before the first FROM
    problems: tuple[Problem, ...]
    # Where dockerfile-parse splits the instructions otherwise than the pre-pass, which wins (the test-suite watches
    # these over the corpus).
    internal_diagnostics: tuple[str, ...] = ()
    # With ``parse_dockerfile(..., incremental=True)``: each instruction under what it was built from, for the parse of
    # an edited text to take the unchanged ones (see ``_Builder``); empty otherwise.
    reusable: Mapping[_ReuseKey, Instruction] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def lines(self) -> tuple[str, ...]:
        return self.source.lines

    @property
    def directives(self) -> tuple[Directive, ...]:
        return self.source.directives

    @property
    def escape(self) -> str:
        return self.source.escape

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage_of(self, instruction: Instruction) -> Stage | None:
        return None if instruction.stage_index is None else self.stages[instruction.stage_index]

    def base_stage(self, stage: Stage) -> Stage | None:
        return None if stage.base_stage_index is None else self.stages[stage.base_stage_index]

    def stage_named(self, name: str) -> Stage | None:
        """The stage ``name`` refers to (a name or an index), as ``FROM``/``COPY --from`` resolve it."""
        lowered = name.lower()
        for stage in self.stages:
            if stage.name is not None and stage.name.lower() == lowered:
                return stage
        # A stage index; longer digit strings overflow Go's Atoi (and int() refuses over 4,300 digits).
        if name.isascii() and name.isdigit() and len(name) <= 18 and int(name) < len(self.stages):
            return self.stages[int(name)]
        return None

    def walk(self) -> Iterator[Instruction]:
        """Every instruction, ONBUILD triggers right after their ONBUILD."""
        return iter(self._walked)

    @_cached
    def _walked(self) -> tuple[Instruction, ...]:
        walked: list[Instruction] = []
        for instruction in self.instructions:
            walked.append(instruction)
            if instruction.trigger is not None:
                walked.append(instruction.trigger)
        return tuple(walked)

    @_cached
    def _by_keyword(self) -> dict[str, tuple[Instruction, ...]]:
        grouped: dict[str, list[Instruction]] = {}
        for instruction in self._walked:
            grouped.setdefault(instruction.keyword, []).append(instruction)
        return {keyword: tuple(found) for keyword, found in grouped.items()}

    def walk_keyword(self, *keywords: str) -> tuple[Instruction, ...]:
        """The instructions with one of these (upper-case) keywords, in ``walk()`` order, ONBUILD triggers included.

        Most rules look at one or two kinds of instruction: this index is built once per file instead of every rule
        testing every instruction.
        """
        if len(keywords) == 1:
            return self._by_keyword.get(keywords[0], ())
        found = self._by_keywords.get(keywords)
        if found is None:  # the first rule to ask for this combination
            wanted = set(keywords)
            found = tuple(instruction for instruction in self._walked if instruction.keyword in wanted)
            self._by_keywords[keywords] = found
        return found

    @_cached
    def _by_keywords(self) -> dict[tuple[str, ...], tuple[Instruction, ...]]:
        return {}

    def runs_in(self, stage: Stage) -> Iterator[Instruction]:
        """Instructions of a stage that run in it (ONBUILD triggers do not; they run in images built FROM it)."""
        return iter(stage.instructions)


# ------------------------------------------------------------------------------------------------------------------
# Building the model
# ------------------------------------------------------------------------------------------------------------------


def parse_dockerfile(
    data: bytes | str, path: str = "Dockerfile", *, incremental: bool = False, previous: Dockerfile | None = None
) -> Dockerfile:
    """Bytes (or text) of one Dockerfile to its model. Never raises on bad input: problems are in the model.

    For an editor, which parses the same document again after every edit: ``incremental`` keeps in the model what the
    next parse needs, and ``previous`` (a model parsed with ``incremental``) lends its unchanged instructions to this
    one, together with what was already worked out about them (their shell commands, key/value pairs...).
    """
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    source = read_source(raw)
    split = _parser.split_instructions(source)
    reusable = None
    if incremental:
        reusable = previous.reusable if previous is not None and previous.source.escape == source.escape else {}
    return _Builder(source, path, reusable).build(split.instructions, split.disagreements)


# What an instruction is built from besides the file's escape character: its first line, its physical lines (heredoc
# bodies included), its stage and position, the shell and the variables in force. Equal keys build equal instructions.
_ReuseKey = tuple[int, tuple[str, ...], int | None, int, tuple[str, ...], tuple[tuple[str, str | None], ...]]


class _Builder:
    def __init__(self, source: Source, path: str, reusable: Mapping[_ReuseKey, Instruction] | None = None) -> None:
        self.source = source
        self.path = path
        self.reusable = reusable  # None: not incremental
        self.reuse_keys: dict[_ReuseKey, Instruction] = {}
        self.problems: list[Problem] = list(source.problems)
        self.instructions: list[Instruction] = []
        self.stage_starts: list[int] = []
        self.meta_args: dict[str, str | None] = {name: None for name in PLATFORM_ARGS}
        self.stage_variables: dict[int, dict[str, str | None]] = {}
        self.stage_env: dict[int, dict[str, str | None]] = {}
        self.stage_shell: dict[int, tuple[str, ...]] = {}

    def problem(self, span: Span, message: str) -> None:
        self.problems.append(Problem(span, message))

    def build(self, raw_instructions: tuple[_parser.RawInstruction, ...], disagreements: tuple[str, ...]) -> Dockerfile:
        stage_index: int | None = None
        variables: dict[str, str | None] = dict(self.meta_args)
        env: dict[str, str | None] = {}
        shell = DEFAULT_SHELL
        frozen: Variables = MappingProxyType(dict(variables))
        stage_names: dict[str, int] = {}
        reusable = self.reusable
        lines = self.source.lines
        keyed: Variables | None = None  # the variables `variables_key` was made of
        variables_key: tuple[tuple[str, str | None], ...] = ()

        for raw in raw_instructions:
            logical = raw.logical_line
            index = len(self.instructions)
            keyword = raw.keyword
            if keyword == "FROM":
                stage_index = len(self.stage_starts)
                self.stage_starts.append(index)
                base_stage = self._from_base_stage(logical.text, stage_names)
                # A new stage sees the meta ARGs only through `ARG NAME`; ENV and SHELL come from a base stage.
                env = dict(self.stage_env.get(base_stage, {})) if base_stage is not None else {}
                shell = self.stage_shell.get(base_stage, DEFAULT_SHELL) if base_stage is not None else DEFAULT_SHELL
                variables = dict.fromkeys(PLATFORM_ARGS)
                variables.update(env)
                frozen = MappingProxyType(dict(variables))
            instruction = None
            if reusable is not None:
                if keyed is not frozen:
                    keyed, variables_key = frozen, tuple(frozen.items())
                physical_lines = lines[logical.start_line - 1 : logical.end_line]
                key = (logical.start_line, physical_lines, stage_index, index, shell, variables_key)
                instruction = reusable.get(key)
            if instruction is None:
                instruction = self._instruction(
                    logical, logical.text, logical.text_map, 0, stage_index, index, shell, frozen
                )
            if reusable is not None:
                self.reuse_keys[key] = instruction
            if keyword == "FROM":
                name = _stage_name(instruction)
                if name is not None and name.lower() not in stage_names:
                    stage_names[name.lower()] = stage_index  # type: ignore[assignment]
            self.instructions.append(instruction)
            self._validate(instruction, stage_index)

            # Effects on what later instructions see.
            if keyword == "ARG":
                for pair in instruction.key_values:
                    if stage_index is None:
                        value = None
                        if pair.value is not None:
                            value, known = expand(pair.value, self.meta_args, self.source.escape)
                            value = value if known else None
                        self.meta_args[pair.key] = value
                        variables[pair.key] = value
                    else:
                        if pair.value is None:
                            value = self.meta_args.get(pair.key)
                        else:
                            value, known = expand(pair.value, variables, self.source.escape, undeclared_known=False)
                            value = value if known else None
                        if pair.key not in env:  # ENV wins over ARG of the same name
                            variables[pair.key] = value
                frozen = MappingProxyType(dict(variables))
            elif keyword == "ENV":
                for pair in instruction.key_values:
                    value, known = expand(pair.value or "", variables, self.source.escape, undeclared_known=False)
                    env[pair.key] = value if known else None
                    variables[pair.key] = env[pair.key]
                frozen = MappingProxyType(dict(variables))
            elif keyword == "SHELL" and instruction.exec_words:
                shell = tuple(word.value for word in instruction.exec_words)
            if stage_index is not None:
                self.stage_env[stage_index] = env
                self.stage_shell[stage_index] = shell

        if not self.instructions:
            self.problem(Span(1, 1, 1, 1), "the file has no instructions")
        stages = self._stages(stage_names)
        problems = tuple(sorted(set(self.problems), key=lambda p: (p.span, p.message)))
        meta = {k: v for k, v in self.meta_args.items() if k not in PLATFORM_ARGS or v is not None}
        return Dockerfile(
            path=self.path,
            source=self.source,
            instructions=tuple(self.instructions),
            stages=stages,
            meta_args=MappingProxyType(meta),
            problems=problems,
            internal_diagnostics=disagreements,
            reusable=self.reuse_keys,
        )

    def _from_base_stage(self, text: str, stage_names: dict[str, int]) -> int | None:
        words = [w for _, _, w in shell_words(text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else "")]
        words = [w for w in words if not w.startswith("--")]
        if not words:
            return None
        base, _known = expand(words[0], self.meta_args, self.source.escape)
        return stage_names.get(base.lower())

    def _instruction(
        self,
        logical: LogicalLine,
        text: str,
        text_map: TextMap,
        text_offset: int,
        stage_index: int | None,
        index: int,
        shell: tuple[str, ...],
        variables: Variables,
        is_trigger: bool = False,
    ) -> Instruction:
        layout = _layout(text)
        keyword_text, keyword, arguments_offset = layout.keyword_text, layout.keyword, layout.arguments_offset
        flags = (
            tuple(
                Flag(
                    name,
                    value,
                    text_map.span(start, end),
                    None if value_start is None else text_map.span(value_start, end),
                )
                for name, value, start, end, value_start in layout.flags
            )
            if layout.flags
            else ()
        )
        heredocs: tuple[Heredoc, ...] = ()
        heredoc_end = None
        if logical.heredocs:
            heredocs = tuple(
                Heredoc(
                    name=h.name,
                    strip_tabs=h.strip_tabs,
                    expand=h.expand,
                    fd=h.fd,
                    body=h.body,
                    body_map=h.body_map,
                    marker_span=logical.text_map.span(h.marker_start, h.marker_end),
                    marker_start=h.marker_start - text_offset,
                    marker_end=h.marker_end - text_offset,
                    terminated=h.terminated,
                    end_line=h.end_line,
                )
                for h in logical.heredocs
                if h.marker_start >= text_offset
            )
            last = logical.heredocs[-1]
            if last.terminator_span is not None:
                heredoc_end = (last.terminator_span.end_line, last.terminator_span.end_column)
            else:
                lines = self.source.lines
                heredoc_end = (last.end_line, len(lines[last.end_line - 1]) + 1 if last.end_line <= len(lines) else 1)
        trigger = None
        if keyword == "ONBUILD" and not is_trigger and arguments_offset < len(text):
            trigger = self._instruction(
                logical,
                text[arguments_offset:],
                text_map.shifted(arguments_offset),
                text_offset + arguments_offset,
                stage_index,
                index,
                shell,
                variables,
                is_trigger=True,
            )
        return Instruction._make(
            keyword=keyword,
            keyword_text=keyword_text,
            text=text,
            text_map=text_map,
            flags=flags,
            arguments=text[arguments_offset:],
            arguments_offset=arguments_offset,
            heredocs=heredocs,
            stage_index=stage_index,
            index=index,
            shell=shell,
            variables=variables,
            escape=self.source.escape,
            trigger=trigger,
            is_trigger=is_trigger,
            heredoc_end=heredoc_end,
        )

    def _validate(self, instruction: Instruction, stage_index: int | None) -> None:
        """What BuildKit rejects."""
        for item in (instruction, instruction.trigger):
            if item is not None:
                layout = _layout(item.text)
                problems = layout.problems
                if item.is_trigger and layout.trigger_problem is not None:
                    problems += (layout.trigger_problem,)
                for start, end, message in problems:
                    self.problem(item.text_map.span(start, end), message)
        if stage_index is None and instruction.keyword in _STAGE_INSTRUCTIONS:
            self.problem(
                instruction.keyword_span, f"{instruction.keyword} before the first FROM: only ARG may come first"
            )

    def _stages(self, stage_names: dict[str, int]) -> tuple[Stage, ...]:
        stages: list[Stage] = []
        count = len(self.stage_starts)
        for number, start in enumerate(self.stage_starts):
            end = self.stage_starts[number + 1] if number + 1 < count else len(self.instructions)
            from_instruction = self.instructions[start]
            words = list(from_instruction.words)
            base_start, base_end, base_text = words[0] if words else (from_instruction.arguments_offset,) * 2 + ("",)
            base_image, known = expand(base_text, self.meta_args, self.source.escape)
            base_stage = stage_names.get(base_image.lower()) if known else None
            if base_stage is not None and base_stage >= number:
                base_stage = None
            name = _stage_name(from_instruction)
            name_span = from_instruction.span_of(words[2][0], words[2][1]) if name is not None else None
            platform_flag = from_instruction.flag("platform")
            stages.append(
                Stage(
                    index=number,
                    name=name,
                    name_span=name_span,
                    from_instruction=from_instruction,
                    base_text=base_text,
                    base_span=from_instruction.span_of(base_start, base_end),
                    base_image=base_image if known and base_image else None,
                    base_stage_index=base_stage,
                    platform=platform_flag.value if platform_flag else None,
                    instructions=tuple(self.instructions[start:end]),
                    is_final=number == count - 1,
                )
            )
        return tuple(stages)


def _stage_name(instruction: Instruction) -> str | None:
    words = [w for _, _, w in instruction.words]
    if len(words) == 3 and words[1].lower() == "as":
        return words[2]
    return None


def _strip_quotes(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# -- what an instruction's text says, wherever it sits: memoised by text ---------------------------------------------
# An editing session relints the same instructions after every keystroke, and real files repeat many (`WORKDIR /app`,
# `RUN pip install -r requirements.txt`). These are pure functions of a text and hold offsets, never positions: spans
# come from each instruction's own TextMap, so a line added above invalidates nothing. The caches are bounded in
# entries and skip long texts (generated or hostile), which they would otherwise keep alive.
_TEXT_CACHE_SIZE = 1024
_MAX_CACHED_TEXT = 4096


class _Layout(Record):
    """An instruction's keyword and flags, where its arguments start, and what BuildKit rejects in its text."""

    keyword_text: str
    keyword: str
    flags: tuple[tuple[str, str | None, int, int, int | None], ...]  # (name, value, start, end, value start)
    arguments_offset: int
    problems: tuple[tuple[int, int, str], ...]  # (start, end, message)
    trigger_problem: tuple[int, int, str] | None  # one more when it is an ONBUILD trigger


def _layout(text: str) -> _Layout:
    return _cached_layout(text) if len(text) <= _MAX_CACHED_TEXT else _read_layout(text)


def _read_layout(text: str) -> _Layout:
    first_word = text.split(None, 1)
    keyword_text = first_word[0] if first_word else ""
    keyword = keyword_text.upper()
    after_keyword = len(keyword_text)
    while after_keyword < len(text) and text[after_keyword] in " \t":
        after_keyword += 1
    flags: list[tuple[str, str | None, int, int, int | None]] = []
    arguments_offset = after_keyword
    if keyword in KNOWN_FLAGS:
        for start, end, word in iter_shell_words(text, after_keyword):
            if not word.startswith("--") or word == "--":
                break
            name, has_value, value = word[2:].partition("=")
            value_start = start + 2 + len(name) + 1 if has_value else None
            flags.append((name.lower(), _strip_quotes(value) if has_value else None, start, end, value_start))
            arguments_offset = end
        while arguments_offset < len(text) and text[arguments_offset] in " \t":
            arguments_offset += 1
    problems, trigger_problem = _problems(text, keyword_text, keyword, tuple(flags), arguments_offset)
    return _Layout(keyword_text, keyword, tuple(flags), arguments_offset, problems, trigger_problem)


_cached_layout = lru_cache(maxsize=_TEXT_CACHE_SIZE)(_read_layout)


def _problems(
    text: str,
    keyword_text: str,
    keyword: str,
    flags: tuple[tuple[str, str | None, int, int, int | None], ...],
    arguments_offset: int,
) -> tuple[tuple[tuple[int, int, str], ...], tuple[int, int, str] | None]:
    """What BuildKit rejects in an instruction's own text (offsets into it), and in it as an ONBUILD trigger."""
    keyword_bounds = (0, len(keyword_text))
    if keyword not in KNOWN_INSTRUCTIONS:
        return ((*keyword_bounds, f"unknown instruction `{keyword_text}`"),), None
    arguments = text[arguments_offset:]
    if keyword in NEEDS_ARGUMENTS and not arguments.strip():
        return ((*keyword_bounds, f"{keyword} requires at least one argument"),), None
    problems: list[tuple[int, int, str]] = []
    known = KNOWN_FLAGS.get(keyword, frozenset())
    for name, _value, start, end, _value_start in flags:
        if name not in known:
            problems.append((start, end, f"unknown flag `--{name}` for {keyword}"))
    arguments_bounds = (arguments_offset, max(arguments_offset + len(arguments.rstrip()), arguments_offset))
    if keyword in ("COPY", "ADD", "FROM"):
        strings = _json_strings(arguments)[0]
        words = [word for _, _, word in _whitespace_words(text, arguments_offset)]
        if keyword != "FROM" and (len(strings) if strings is not None else len(words)) < 2:
            problems.append((*arguments_bounds, f"{keyword} requires a source and a destination"))
        if keyword == "FROM" and (len(words) not in (1, 3) or (len(words) == 3 and words[1].lower() != "as")):
            problems.append((*arguments_bounds, "FROM takes an image and optionally `AS name`"))
    if keyword == "SHELL" and _json_strings(arguments)[0] is None:
        problems.append((*arguments_bounds, "SHELL requires the arguments as a JSON array"))
    trigger_problem = None
    if keyword in ONBUILD_FORBIDDEN:
        trigger_problem = (*keyword_bounds, f"{keyword} isn't allowed as an ONBUILD trigger")
    return tuple(problems), trigger_problem


def _json_strings(arguments: str) -> tuple[tuple[tuple[str, str, int, int], ...] | None, str | None]:
    """((value, raw, start, end) of each string, None) for a valid JSON array of strings, offsets into ``arguments``;
    (None, reason) when it only looks like one; (None, None) in shell form."""
    if not arguments.startswith("["):  # the arguments start after blanks: the shell form, most instructions
        return None, None
    return _cached_json_strings(arguments) if len(arguments) <= _MAX_CACHED_TEXT else _read_json_strings(arguments)


def _read_json_strings(arguments: str) -> tuple[tuple[tuple[str, str, int, int], ...] | None, str | None]:
    arguments = arguments.rstrip()
    try:
        parsed = json.loads(arguments)
    except RecursionError:  # `[[[[...` thousands deep
        return None, "a JSON array of strings is expected, not arrays nested thousands deep"
    except ValueError as error:
        # JSONDecodeError has .msg; a plain ValueError (an integer of over 4,300 digits) has not.
        return None, f"not a valid JSON array: {getattr(error, 'msg', str(error)).lower()}"
    if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
        return None, "a JSON array of strings is expected"
    # The array is valid JSON of strings only: every `"` outside a string opens one.
    strings = []
    for match in _JSON_STRING.finditer(arguments):
        raw = match.group()
        value = json.loads(raw) if "\\" in raw else raw[1:-1]  # no escape: the value is the text between the quotes
        strings.append((value, raw, match.start(), match.end()))
    return tuple(strings), None


_cached_json_strings = lru_cache(maxsize=_TEXT_CACHE_SIZE)(_read_json_strings)
_JSON_STRING = lazy_compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _whitespace_words(text: str, offset: int) -> tuple[tuple[int, int, str], ...]:
    """The words of ``text[offset:]`` split on whitespace, with offsets into ``text``."""
    return tuple((m.start(), m.end(), m.group()) for m in _WHITESPACE_WORD.finditer(text, offset))


def _key_value_layout(keyword: str, arguments: str) -> tuple[tuple[str, str | None, int, int, int], ...]:
    """ENV/LABEL/ARG pairs as (key, value, start, end, key end), offsets into ``arguments``."""
    if len(arguments) > _MAX_CACHED_TEXT:
        return _read_key_values(keyword, arguments)
    return _cached_key_values(keyword, arguments)


def _read_key_values(keyword: str, arguments: str) -> tuple[tuple[str, str | None, int, int, int], ...]:
    words = shell_words(arguments)
    if keyword == "ARG":
        pairs = []
        for start, end, word in words:
            key, has_value, value = word.partition("=")
            pairs.append((key, dequote(value) if has_value else None, start, end, start + len(key)))
        return tuple(pairs)
    parsed = _parser.key_values(arguments)  # dockerfile-parse's reading: the slowest step of the model, hence the cache
    if not parsed:
        return ()
    if words and "=" not in words[0][2]:
        # Legacy `ENV key value`: one pair, the value is the rest of the line.
        start, end, _key = words[0]
        return ((parsed[0][0], parsed[0][1], start, len(arguments.rstrip()), end),)
    return tuple(
        (key, value, start, end, start + len(word.partition("=")[0]))
        for (start, end, word), (key, value) in zip(words, parsed, strict=False)
    )


_cached_key_values = lru_cache(maxsize=_TEXT_CACHE_SIZE)(_read_key_values)


@lru_cache(maxsize=64)
def _is_posix_shell(shell: tuple[str, ...]) -> bool:
    program = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower() if shell else ""
    return program in POSIX_SHELLS


def _script_with_heredocs(instruction: Instruction) -> tuple[str, TextMap]:
    """The shell text of a RUN/CMD with its heredoc bodies and terminators, so the shell parser sees them whole."""
    script = instruction.arguments
    local_map = instruction.text_map.shifted(instruction.arguments_offset)
    if not instruction.heredocs:
        return script, local_map
    parts: list[tuple[TextMap, int]] = [(local_map, 0)]
    pieces = [script]
    length = len(script)
    for heredoc in instruction.heredocs:
        pieces.append("\n")
        length += 1
        if heredoc.body_map is not None:
            parts.append((heredoc.body_map, length))
            pieces.append(heredoc.body)
            length += len(heredoc.body)
        terminator_map = TextMap.single_line(heredoc.end_line, 1, len(heredoc.name))
        parts.append((terminator_map, length))
        pieces.append(heredoc.name)
        length += len(heredoc.name)
    text = "".join(pieces) + "\n"
    return text, TextMap.concat(parts)


_SCRIPT_INTERPRETERS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"})


def _heredoc_scripts(instruction: Instruction, commands: list[Command]) -> list[Heredoc]:
    """Heredocs whose body the shell runs as a script: `RUN <<EOF` alone, or fed to `sh`/`bash` on stdin."""
    if instruction.keyword != "RUN" or not instruction.heredocs:
        return []
    words = [w for _, _, w in shell_words(instruction.arguments)]
    non_markers = [w for w in words if not w.lstrip("0123456789").startswith("<<")]
    if not non_markers:
        # BuildKit runs the (first) heredoc itself as the script.
        return list(instruction.heredocs[:1])
    scripts = []
    for heredoc in instruction.heredocs:
        for command in commands:
            if command.start <= heredoc.marker_start - instruction.arguments_offset < command.end:
                name = (command.name or "").rsplit("/", 1)[-1]
                if name in _SCRIPT_INTERPRETERS and not any(arg.value == "-c" for arg in command.words[1:]):
                    scripts.append(heredoc)
    return scripts


def _healthcheck_commands(instruction: Instruction) -> tuple[Command, ...]:
    words = [(s, e, w) for s, e, w in instruction.words]
    if not words or words[0][2].upper() != "CMD":
        return ()
    start = words[1][0] if len(words) > 1 else words[0][1]
    rest = instruction.text[start:]
    local_map = instruction.text_map.shifted(start)
    if rest.lstrip().startswith("["):
        try:
            parsed = json.loads(rest)
        except (ValueError, RecursionError):
            parsed = None
        if isinstance(parsed, list) and all(isinstance(item, str) for item in parsed):
            return command_from_words(
                tuple(
                    Word(
                        value=json.loads(rest[s:e]),
                        raw=rest[s:e],
                        start=start + s,
                        end=start + e,
                        span=local_map.span(s, e),
                        is_static=True,
                    )
                    for s, e in (match.span() for match in _JSON_STRING.finditer(rest))
                )
            )
    if not instruction.uses_posix_shell:
        return ()
    return parse_script(rest, local_map).commands
