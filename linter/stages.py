"""References to build stages: ``FROM <stage>``, ``COPY --from=<stage>`` and ``RUN --mount=from=<stage>``.

BuildKit resolves them differently, and the rules about stage names need the difference:

* ``FROM <name>`` looks the name up *as written* (after ARG substitution) among the stages defined so far, whose
  names BuildKit stores lower-cased; ``FROM Builder`` therefore finds no stage and is pulled as an image.
* ``COPY --from=<value>`` and ``RUN --mount=...,from=<value>`` take a number as a stage index, else look the name up
  lower-cased among all stages, else pull it as an image.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import per_file
from linter.source import shell_words

# A `--mount=` flag among the flags before an instruction's arguments: the value is a quoted string or a word.
_MOUNT_FLAG = lazy_compile(r"(?:^|(?<=[ \t]))--mount=(?P<value>\"[^\"]*\"|'[^']*'|[^ \t]+)", re.IGNORECASE)


class StageReference(Record):
    """A place that names a stage or an image by a word the user wrote."""

    instruction: Instruction
    kind: str  # "FROM", "COPY --from" or "RUN --mount from"
    written: str  # as written, surrounding quotes removed
    start: int  # offsets of ``written`` in the instruction's text
    end: int
    value: str | None  # with ARG/ENV substituted; None when it cannot be known

    @property
    def span(self) -> Span:
        """Where ``written`` is in the file (computed when asked: most references are never reported)."""
        return self.instruction.span_of(self.start, self.end)

    @property
    def shown(self) -> str:
        """How to quote the reference in a message."""
        if self.kind == "FROM":
            return f"FROM {self.written}"
        if self.kind == "COPY --from":
            return f"COPY --from={self.written}"
        return f"RUN --mount=…,from={self.written}"

    @property
    def is_literal(self) -> bool:
        """Written without variables: its text is the value BuildKit looks up."""
        return "$" not in self.written


def references(dockerfile: Dockerfile) -> tuple[StageReference, ...]:
    """Every FROM base, ``COPY --from`` and ``RUN --mount from=`` value, in file order (ONBUILD triggers included).

    Found once per file: half a dozen rules ask.
    """
    return _references(dockerfile)


@per_file
def _references(dockerfile: Dockerfile) -> tuple[StageReference, ...]:
    return tuple(_find_references(dockerfile))


def _find_references(dockerfile: Dockerfile) -> Iterator[StageReference]:
    for instruction in dockerfile.walk_keyword("FROM", "COPY", "RUN"):
        if instruction.keyword == "FROM" and not instruction.is_trigger:
            stage = dockerfile.stage_of(instruction)
            if stage is not None and instruction.words:
                start, end, word = instruction.words[0]
                yield _reference(instruction, "FROM", word, start, end, stage.base_image)
        elif instruction.keyword == "COPY":
            yield from _flag_references(instruction, "from", "COPY --from")
        elif instruction.keyword == "RUN":
            yield from mount_sources(instruction)


def mount_sources(instruction: Instruction) -> Iterator[StageReference]:
    """The ``from=`` values of a RUN's ``--mount`` flags."""
    flags_text = instruction.text[: instruction.arguments_offset]
    if "--" not in flags_text:
        return  # no flags: most instructions
    for match in _MOUNT_FLAG.finditer(flags_text):
        value_start = match.start("value")
        value = match.group("value")
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            value, value_start = value[1:-1], value_start + 1
        offset = 0
        for part in value.split(","):
            key, has_value, option = part.partition("=")
            if has_value and key.strip().lower() == "from":
                start = value_start + offset + len(key) + 1
                yield _reference(instruction, "RUN --mount from", option, start, start + len(option))
            offset += len(part) + 1


def _flag_references(instruction: Instruction, name: str, kind: str) -> Iterator[StageReference]:
    """``--name=value`` flags before the arguments, with the value's offsets in the instruction's text."""
    flags_text = instruction.text[: instruction.arguments_offset]
    if "--" not in flags_text:
        return  # no flags: most instructions
    keyword_end = len(instruction.keyword_text)
    for start, end, word in shell_words(flags_text[keyword_end:]):
        if not word.startswith("--"):
            break
        flag, has_value, value = word[2:].partition("=")
        if has_value and flag.lower() == name:
            value_start = keyword_end + start + 2 + len(flag) + 1
            yield _reference(instruction, kind, value, value_start, keyword_end + end)


def _reference(
    instruction: Instruction, kind: str, raw: str, start: int, end: int, base_image: str | None = None
) -> StageReference:
    """``base_image``: for FROM, the stage's base with the ARGs substituted as FROM does."""
    if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]:
        raw, start, end = raw[1:-1], start + 1, end - 1
    value: str | None = None
    if kind == "FROM":
        value = base_image or None
    # An ONBUILD trigger expands its variables in the downstream build, whose ARGs we cannot see.
    elif not (instruction.is_trigger and "$" in raw):
        expanded, known = instruction.expand(raw)
        value = expanded if known and expanded else None
    return StageReference(instruction, kind, raw, start, end, value)


def referenced_stage(dockerfile: Dockerfile, reference: StageReference) -> Stage | None:
    """The stage BuildKit resolves ``reference`` to, or None (an image, or unknown)."""
    value = reference.value
    if value is None:
        return None
    names = _stage_names(dockerfile)
    if reference.kind == "FROM":
        # Looked up as written among the stages before, the latest of a duplicated name winning.
        current = dockerfile.stage_of(reference.instruction)
        limit = current.index if current is not None else len(dockerfile.stages)
        earlier = [index for index in names.get(value, ()) if index < limit]
        return dockerfile.stages[earlier[-1]] if earlier else None
    if _is_index(value):
        index = int(value)
        return dockerfile.stages[index] if index < len(dockerfile.stages) else None
    named = names.get(value.lower())
    return dockerfile.stages[named[-1]] if named else None  # the last stage of that name wins, as in BuildKit


def stage_named(dockerfile: Dockerfile, name: str) -> Stage | None:
    """:meth:`Dockerfile.stage_named` through an index of the stage names built once per file (rules ask for every
    ``COPY --from``): the first stage of that name (case ignored), else the stage of that index."""
    named = _stage_names(dockerfile).get(name.lower())
    if named:
        return dockerfile.stages[named[0]]
    if _is_index(name) and int(name) < len(dockerfile.stages):
        return dockerfile.stages[int(name)]
    return None


def root_stage(dockerfile: Dockerfile, stage: Stage) -> Stage:
    """The first stage of ``stage``'s chain of ``FROM <stage>``: the one built from an image."""
    return dockerfile.stages[_root_stages(dockerfile)[stage.index]]


@per_file  # asked for each CMD, RUN…: no chain is walked again for each
def _root_stages(dockerfile: Dockerfile) -> tuple[int, ...]:
    roots: list[int] = []
    for stage in dockerfile.stages:  # a stage is built FROM an earlier one, whose root comes first
        roots.append(stage.index if stage.base_stage_index is None else roots[stage.base_stage_index])
    return tuple(roots)


@per_file
def _stage_names(dockerfile: Dockerfile) -> dict[str, tuple[int, ...]]:
    """Lower-cased stage name -> the indexes of the stages of that name, in file order."""
    names: dict[str, list[int]] = {}
    for stage in dockerfile.stages:
        if stage.name is not None:
            names.setdefault(stage.name.lower(), []).append(stage.index)
    return {name: tuple(indexes) for name, indexes in names.items()}


def overridden(dockerfile: Dockerfile, stage: Stage, keyword: str) -> Iterator[tuple[Instruction, Instruction]]:
    """(ignored, replacing) pairs: each ``keyword`` instruction of the stage that a later one replaces.

    BuildKit keeps the last CMD, ENTRYPOINT or HEALTHCHECK of a stage. ONBUILD triggers are not counted: they run in
    the images built from the stage, before that image's own instructions. Instructions BuildKit rejects are left
    out: the build stops there, and the first thing to fix is the instruction itself.
    """
    if len(dockerfile.walk_keyword(keyword)) < 2:
        return  # nothing to override, in any stage
    found = [i for i in stage.body if i.keyword == keyword and not _rejected(dockerfile, i)]
    yield from itertools.pairwise(found)


def _rejected(dockerfile: Dockerfile, instruction: Instruction) -> bool:
    if any(instruction.span.contains(problem.span) for problem in dockerfile.problems):
        return True
    arguments = instruction.arguments.strip()
    if arguments.startswith("--"):
        return True  # BuildKit reads leading `--words` of every instruction as flags: unknown flag for CMD
    if instruction.keyword == "HEALTHCHECK":
        words = arguments.split(None, 1)
        kind = words[0].upper() if words else ""
        return kind not in ("CMD", "NONE") or (kind == "CMD" and len(words) < 2)
    return False


def overridden_message(ignored: Instruction, replacing: Instruction, effect: str) -> str:
    """The message for an instruction a later one of its kind replaces."""
    return (
        f"`{_short(ignored.text)}` has no effect: `{_short(replacing.text)}` on line {replacing.line} in the same "
        f"stage replaces it ({effect}); keep only the one you mean"
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "…"


def _is_index(value: str) -> bool:
    """Digits BuildKit reads as a stage index; longer ones overflow Go's Atoi and name an image instead (and Python's
    int() refuses over 4,300 digits)."""
    return value.isascii() and value.isdigit() and len(value) <= 18


def stage_index_of(dockerfile: Dockerfile, reference: StageReference) -> int | None:
    """The index of the stage a ``COPY --from``/``--mount from`` value names, as BuildKit resolves it: a number is an
    index (possibly out of range), else the last stage of that name; None for an image or an unknown value."""
    value = reference.value
    if value is None:
        return None
    if _is_index(value):
        return int(value)
    stage = referenced_stage(dockerfile, reference)
    return None if stage is None else stage.index
