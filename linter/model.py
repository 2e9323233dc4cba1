"""The immutable model rules read: a Dockerfile of stages of instructions.

Built from the pre-pass (:mod:`linter.source`) and the instruction split (:mod:`linter.parser`); rules never see
either. Every position is a :class:`~linter.positions.Span` of the original file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from linter import parser as _parser
from linter.expand import expand
from linter.positions import Span, TextMap
from linter.source import Directive, LogicalLine, Problem, Source, dequote, read_source, shell_words

if TYPE_CHECKING:
    from linter.shell import Command, Word

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
ONBUILD_FORBIDDEN = frozenset({"ONBUILD", "FROM", "MAINTAINER"})
POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"})
DEFAULT_SHELL = ("/bin/sh", "-c")
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

_WHITESPACE_WORD = re.compile(r"[^ \t\r\n]+")

Variables = Mapping[str, str | None]
_EMPTY: Variables = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Flag:
    """``--name=value`` (or a bare ``--name``) before an instruction's arguments."""

    name: str
    value: str | None
    span: Span
    value_span: Span | None


@dataclass(frozen=True, slots=True)
class Heredoc:
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


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One pair of ENV, LABEL or ARG (``value`` None for ``ARG NAME`` without a default)."""

    key: str
    value: str | None
    span: Span  # the whole pair as written
    key_span: Span


@dataclass(frozen=True, eq=False)
class Instruction:
    keyword: str  # upper-case; for ONBUILD this is "ONBUILD" and ``trigger`` holds the inner instruction
    keyword_text: str  # as written
    keyword_span: Span
    span: Span  # from the keyword to the end of the instruction (heredoc terminators included)
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

    # -- positions -------------------------------------------------------------------------------------------------
    @property
    def line(self) -> int:
        return self.span.start_line

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

    @cached_property
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
    @cached_property
    def _json(self) -> tuple[tuple[Word, ...] | None, str | None]:
        return _parse_json_array(self)

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

    @cached_property
    def words(self) -> tuple[tuple[int, int, str], ...]:
        """The arguments split on whitespace, as BuildKit splits FROM, COPY, USER, EXPOSE ...: (start, end, word).

        Offsets are into ``text``. Quotes do not group words here (they do for ENV, LABEL and ARG).
        """
        base = self.arguments_offset
        return tuple((base + m.start(), base + m.end(), m.group()) for m in _WHITESPACE_WORD.finditer(self.arguments))

    @cached_property
    def key_values(self) -> tuple[KeyValue, ...]:
        """ENV/LABEL/ARG pairs; empty for other instructions."""
        if self.keyword not in ("ENV", "LABEL", "ARG"):
            return ()
        return _key_values(self)

    # -- shell -----------------------------------------------------------------------------------------------------
    @property
    def uses_posix_shell(self) -> bool:
        program = self.shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower() if self.shell else ""
        return program in POSIX_SHELLS

    @cached_property
    def commands(self) -> tuple[Command, ...]:
        """Simple commands of a RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD, heredoc scripts included.

        Exec form yields one command (and, for ``["sh", "-c", "..."]``, the commands of the string); shell form is
        parsed as a POSIX shell script unless the stage's SHELL is something else (PowerShell, cmd).
        """
        from linter import shell as shell_module

        target = self
        if self.keyword == "HEALTHCHECK":
            return _healthcheck_commands(self)
        if self.keyword not in ("RUN", "CMD", "ENTRYPOINT"):
            return ()
        words = target.exec_words
        if words is not None:
            return shell_module.command_from_words(words)
        if not self.uses_posix_shell:
            return ()
        # The scripts' commands, in order: the shell text is parsed once for both views.
        return tuple(command for script in self.scripts for command in script.commands)  # type: ignore[attr-defined]

    @cached_property
    def scripts(self) -> tuple[object, ...]:
        """Parsed shell scripts (``linter.shell.Script``) of a shell-form RUN/CMD/ENTRYPOINT and its heredoc scripts."""
        from linter import shell as shell_module

        if self.keyword not in ("RUN", "CMD", "ENTRYPOINT") or self.is_exec_form or not self.uses_posix_shell:
            return ()
        script_text, script_map = _script_with_heredocs(self)
        main = shell_module.parse_script(script_text, script_map)
        scripts: list[object] = [main]
        for heredoc in _heredoc_scripts(self, list(main.commands)):
            if heredoc.body_map is not None:
                scripts.append(shell_module.parse_script(heredoc.body, heredoc.body_map))
        return tuple(scripts)

    def expand(self, text: str) -> tuple[str, bool]:
        """Substitute the variables visible here; returns (result, fully known)."""
        return expand(text, self.variables, self.escape, undeclared_known=self.stage_index is None)

    def __repr__(self) -> str:
        return f"<Instruction {self.keyword} line {self.line}>"


@dataclass(frozen=True, eq=False)
class Stage:
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
    path: str
    source: Source = field(repr=False)
    instructions: tuple[Instruction, ...]
    stages: tuple[Stage, ...]
    meta_args: Variables  # ARGs before the first FROM
    problems: tuple[Problem, ...]
    # Where dockerfile-parse splits the instructions otherwise than the pre-pass, which wins (the test-suite watches
    # these over the corpus).
    internal_diagnostics: tuple[str, ...] = ()

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

    @cached_property
    def _walked(self) -> tuple[Instruction, ...]:
        walked: list[Instruction] = []
        for instruction in self.instructions:
            walked.append(instruction)
            if instruction.trigger is not None:
                walked.append(instruction.trigger)
        return tuple(walked)

    @cached_property
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
        wanted = set(keywords)
        return tuple(instruction for instruction in self._walked if instruction.keyword in wanted)

    def runs_in(self, stage: Stage) -> Iterator[Instruction]:
        """Instructions of a stage that run in it (ONBUILD triggers do not; they run in images built FROM it)."""
        return iter(stage.instructions)


# ------------------------------------------------------------------------------------------------------------------
# Building the model
# ------------------------------------------------------------------------------------------------------------------


def parse_dockerfile(data: bytes | str, path: str = "Dockerfile") -> Dockerfile:
    """Bytes (or text) of one Dockerfile to its model. Never raises on bad input: problems are in the model."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    source = read_source(raw)
    split = _parser.split_instructions(source)
    return _Builder(source, path).build(split.instructions, split.disagreements)


class _Builder:
    def __init__(self, source: Source, path: str) -> None:
        self.source = source
        self.path = path
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
                variables = {name: None for name in PLATFORM_ARGS} | env
                frozen = MappingProxyType(dict(variables))
            instruction = self._instruction(
                logical, logical.text, logical.text_map, 0, stage_index, index, shell, frozen
            )
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
        keyword_text = text.split(None, 1)[0] if text.strip() else ""
        keyword = keyword_text.upper()
        keyword_span = text_map.span(0, len(keyword_text))
        after_keyword = len(keyword_text)
        while after_keyword < len(text) and text[after_keyword] in " \t":
            after_keyword += 1
        flags: list[Flag] = []
        arguments_offset = after_keyword
        if keyword in KNOWN_FLAGS:
            for start, end, word in shell_words(text[after_keyword:]):
                if not word.startswith("--") or word == "--":
                    break
                name, has_value, value = word[2:].partition("=")
                word_start = after_keyword + start
                value_span = None
                if has_value:
                    value_start = word_start + 2 + len(name) + 1
                    value_span = text_map.span(value_start, after_keyword + end)
                flags.append(
                    Flag(
                        name.lower(),
                        _strip_quotes(value) if has_value else None,
                        text_map.span(word_start, after_keyword + end),
                        value_span,
                    )
                )
                arguments_offset = after_keyword + end
            while arguments_offset < len(text) and text[arguments_offset] in " \t":
                arguments_offset += 1
        arguments = text[arguments_offset:]

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
        start_line, start_column = text_map.position(0)
        end_line, end_column = text_map.end_position(len(text.rstrip()))
        if logical.heredocs:
            last = logical.heredocs[-1]
            if last.terminator_span is not None:
                end_line, end_column = last.terminator_span.end_line, last.terminator_span.end_column
            else:
                end_line = last.end_line
                end_column = len(self.source.lines[end_line - 1]) + 1 if end_line <= len(self.source.lines) else 1
        trigger = None
        if keyword == "ONBUILD" and not is_trigger:
            inner_offset = arguments_offset
            if inner_offset < len(text):
                trigger = self._instruction(
                    logical,
                    text[inner_offset:],
                    text_map.shifted(inner_offset),
                    text_offset + inner_offset,
                    stage_index,
                    index,
                    shell,
                    variables,
                    is_trigger=True,
                )
        return Instruction(
            keyword=keyword,
            keyword_text=keyword_text,
            keyword_span=keyword_span,
            span=Span(start_line, start_column, end_line, end_column),
            text=text,
            text_map=text_map,
            flags=tuple(flags),
            arguments=arguments,
            arguments_offset=arguments_offset,
            heredocs=heredocs,
            stage_index=stage_index,
            index=index,
            shell=shell,
            variables=variables,
            escape=self.source.escape,
            trigger=trigger,
            is_trigger=is_trigger,
        )

    def _validate(self, instruction: Instruction, stage_index: int | None) -> None:
        """What BuildKit rejects."""
        checked = [instruction] + ([instruction.trigger] if instruction.trigger else [])
        for item in checked:
            keyword = item.keyword
            if keyword not in KNOWN_INSTRUCTIONS:
                self.problem(item.keyword_span, f"unknown instruction `{item.keyword_text}`")
                continue
            if keyword in NEEDS_ARGUMENTS and not item.arguments.strip():
                self.problem(item.keyword_span, f"{keyword} requires at least one argument")
                continue
            known = KNOWN_FLAGS.get(keyword, frozenset())
            for flag in item.flags:
                if flag.name not in known:
                    self.problem(flag.span, f"unknown flag `--{flag.name}` for {keyword}")
            arity = len(item.exec_words) if item.exec_words is not None else len(item.words)
            if keyword in ("COPY", "ADD") and arity < 2:
                self.problem(item.arguments_span, f"{keyword} requires a source and a destination")
            if keyword == "FROM":
                words = [w for _, _, w in item.words]
                if len(words) not in (1, 3) or (len(words) == 3 and words[1].lower() != "as"):
                    self.problem(item.arguments_span, "FROM takes an image and optionally `AS name`")
            if keyword == "SHELL" and not item.is_exec_form:
                self.problem(item.arguments_span, "SHELL requires the arguments as a JSON array")
            if item.is_trigger and keyword in ONBUILD_FORBIDDEN:
                self.problem(item.keyword_span, f"{keyword} isn't allowed as an ONBUILD trigger")
        if stage_index is None and instruction.keyword in KNOWN_INSTRUCTIONS - {"ARG", "FROM"}:
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


def _parse_json_array(instruction: Instruction) -> tuple[tuple[Word, ...] | None, str | None]:
    """(words, None) for a valid JSON array of strings; (None, reason) when it only looks like one."""
    from linter.shell import Word

    arguments = instruction.arguments.rstrip()
    if not arguments.startswith("["):
        return None, None
    try:
        parsed = json.loads(arguments)
    except RecursionError:  # `[[[[...` thousands deep
        return None, "a JSON array of strings is expected, not arrays nested thousands deep"
    except ValueError as error:
        # JSONDecodeError has .msg; a plain ValueError (an integer of over 4,300 digits) has not.
        return None, f"not a valid JSON array: {getattr(error, 'msg', str(error)).lower()}"
    if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
        return None, "a JSON array of strings is expected"
    words: list[Word] = []
    base = instruction.arguments_offset
    for start, end in _json_string_offsets(arguments):
        raw = arguments[start:end]
        words.append(
            Word(
                value=json.loads(raw),
                raw=raw,
                start=base + start,
                end=base + end,
                span=instruction.span_of(base + start, base + end),
                is_static=True,
            )
        )
    return tuple(words), None


def _json_string_offsets(text: str) -> list[tuple[int, int]]:
    offsets = []
    index = 0
    while index < len(text):
        if text[index] == '"':
            start = index
            index += 1
            while index < len(text) and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            offsets.append((start, index + 1))
        index += 1
    return offsets


def _key_values(instruction: Instruction) -> tuple[KeyValue, ...]:
    arguments = instruction.arguments
    base = instruction.arguments_offset
    words = shell_words(arguments)
    if instruction.keyword == "ARG":
        pairs = []
        for start, end, word in words:
            key, has_value, value = word.partition("=")
            span = instruction.span_of(base + start, base + end)
            key_span = instruction.span_of(base + start, base + start + len(key))
            pairs.append(KeyValue(key, dequote(value) if has_value else None, span, key_span))
        return tuple(pairs)
    parsed = _parser.key_values(arguments)
    if not parsed:
        return ()
    if words and "=" not in words[0][2]:
        # Legacy `ENV key value`: one pair, the value is the rest of the line.
        start, end, key = words[0]
        whole = instruction.span_of(base + start, base + len(arguments.rstrip()))
        return (KeyValue(parsed[0][0], parsed[0][1], whole, instruction.span_of(base + start, base + end)),)
    result = []
    for (start, end, word), (key, value) in zip(words, parsed, strict=False):
        key_length = len(word.partition("=")[0])
        result.append(
            KeyValue(
                key,
                value,
                instruction.span_of(base + start, base + end),
                instruction.span_of(base + start, base + start + key_length),
            )
        )
    return tuple(result)


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
    from linter import shell as shell_module

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
            return shell_module.command_from_words(
                tuple(
                    shell_module.Word(
                        value=json.loads(rest[s:e]),
                        raw=rest[s:e],
                        start=start + s,
                        end=start + e,
                        span=local_map.span(s, e),
                        is_static=True,
                    )
                    for s, e in _json_string_offsets(rest)
                )
            )
    if not instruction.uses_posix_shell:
        return ()
    return shell_module.parse_script(rest, local_map).commands


def healthcheck_is_exec_form(instruction: Instruction) -> bool | None:
    """True/False for ``HEALTHCHECK CMD`` in exec/shell form; None for ``NONE`` or no CMD."""
    words = [w for _, _, w in instruction.words]
    if not words or words[0].upper() != "CMD":
        return None
    rest = instruction.arguments[len(instruction.arguments) - len(instruction.arguments.lstrip()) :]
    rest = rest.split(None, 1)[1] if len(rest.split(None, 1)) > 1 else ""
    try:
        parsed = json.loads(rest) if rest.startswith("[") else None
    except (ValueError, RecursionError):
        parsed = None
    return isinstance(parsed, list) and all(isinstance(item, str) for item in parsed)
