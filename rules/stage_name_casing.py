"""Reports a stage name that is not lower-case, and a `FROM` that names a stage in other casing.

## What it does
Flags `FROM … AS <name>` when the name has capitals, and `FROM <name>` when it names an earlier stage
(`AS builder`) in other casing (`FROM Builder`, or `FROM ${BASE}` with `ARG BASE=Builder`).

## Why it matters
BuildKit lower-cases stage names when it reads them. `COPY --from=` and `RUN --mount=from=` look names up
lower-cased too, so they work in any casing; `FROM <name>` does not: it looks the name up as written, so
`FROM Builder` finds no stage, is taken for an image, and the build fails (image names cannot hold capitals).
Docker's build checks report the name as `StageNameCasing`
(<https://docs.docker.com/reference/build-checks/stage-name-casing/>); the broken `FROM` is reported by no other
linter.

## Example
```dockerfile
FROM python:3.12-slim AS Builder
RUN pip wheel --wheel-dir /wheels fastapi

FROM Builder AS Test
RUN pytest

FROM python:3.12-slim
COPY --from=Builder /wheels /wheels
```

Use instead:
```dockerfile
FROM python:3.12-slim AS builder
RUN pip wheel --wheel-dir /wheels fastapi

FROM builder AS test
RUN pytest

FROM python:3.12-slim
COPY --from=builder /wheels /wheels
```

## Fix
Safe: lower-cases the name where the stage is defined and at every reference written literally (`FROM <name>`,
`COPY --from=<name>`, `RUN --mount=…,from=<name>`, ONBUILD triggers included); for a `FROM` in other casing,
lower-cases that reference. References built from variables are left alone: BuildKit lower-cases what they expand
to in `COPY --from`, and a `FROM ${VAR}` in other casing is reported without a fix (change the ARG's value).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Stage
from linter.rule import Edit, Fix, RuleContext, Severity, Violation
from linter.stages import StageReference, references

CODE = "DF604"
NAME = "stage-name-casing"
SEVERITY = "style"
SUMMARY = "Stage names should be lower-case"
TWINS: tuple[str, ...] = ("StageNameCasing",)
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    all_references = list(references(dockerfile))
    for stage in dockerfile.stages:
        if stage.name is None or stage.name_span is None or stage.name == stage.name.lower():
            continue
        yield _definition(dockerfile, stage, all_references)
    for reference in all_references:
        value = reference.value
        if reference.kind != "FROM" or value is None or value == value.lower():
            continue
        intended = _intended_stage(dockerfile, reference, value)
        if intended is None or intended.name is None:
            continue
        if reference.is_literal and intended.name != intended.name.lower():
            continue  # a capitalised definition: its own finding renames this reference too
        lowered = value.lower()
        shown = f"`FROM {reference.written}`" + ("" if reference.is_literal else f" (`{value}`)")
        fix = Fix(f"write `{lowered}`", (Edit(reference.span, lowered),)) if reference.is_literal else None
        advice = f"write `FROM {lowered}`" if reference.is_literal else f"make it expand to `{lowered}`"
        yield Violation(
            reference.span,
            f"{shown} names the stage defined on line {intended.from_instruction.line}, which BuildKit stores as "
            f"`{lowered}`: FROM looks names up as written, finds no stage, tries to pull an image `{value}` and "
            f"fails; {advice}",
            fix,
            severity=Severity.ERROR,
        )


def _definition(dockerfile: Dockerfile, stage: Stage, all_references: list[StageReference]) -> Violation:
    assert stage.name is not None and stage.name_span is not None
    lowered = stage.name.lower()
    renamed = [
        reference
        for reference in all_references
        if reference.is_literal
        and reference.written.lower() == lowered
        and reference.written != lowered
        and _refers_to(dockerfile, reference, stage)
    ]
    broken = [r for r in renamed if r.kind == "FROM"]
    message = f"stage name `{stage.name}` should be lower-case: BuildKit lower-cases stage names"
    if broken:
        lines = ", ".join(str(r.instruction.line) for r in broken)
        message += (
            f", and `FROM {broken[0].written}` (line {lines}) looks the name up as written, finds no stage and fails"
        )
    message += f"; name it `{lowered}`"
    if renamed:
        count = len(renamed)
        message += f" (the fix also renames {count} reference{'s' if count > 1 else ''})"
    edits = (Edit(stage.name_span, lowered), *(Edit(r.span, lowered) for r in renamed))
    return Violation(stage.name_span, message, Fix(f"rename the stage to `{lowered}`", edits))


def _refers_to(dockerfile: Dockerfile, reference: StageReference, stage: Stage) -> bool:
    """Whether the author meant ``stage`` by ``reference`` (read case-insensitively, as for COPY --from)."""
    if reference.kind == "FROM":
        return _intended_stage(dockerfile, reference, reference.written) is stage
    lowered = reference.written.lower()
    if lowered.isdigit():
        return False
    named = [s for s in dockerfile.stages if s.name is not None and s.name.lower() == lowered]
    return bool(named) and named[-1] is stage


def _intended_stage(dockerfile: Dockerfile, reference: StageReference, value: str) -> Stage | None:
    """The latest earlier stage whose name matches a FROM reference's value case-insensitively."""
    current = dockerfile.stage_of(reference.instruction)
    if current is None:
        return None
    lowered = value.lower()
    earlier = [s for s in dockerfile.stages[: current.index] if s.name is not None and s.name.lower() == lowered]
    return earlier[-1] if earlier else None
