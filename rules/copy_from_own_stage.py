"""Reports `COPY --from` (or `RUN --mount=from=`) naming the stage it is in.

## What it does
Flags `COPY --from=<value>` and `RUN --mount=…,from=<value>` when the value, ARGs substituted, names the current
stage: its name (in any casing, as BuildKit compares them) or its index. ONBUILD triggers are not judged: they run
in another build.

## Why it matters
A stage cannot read its own result while it is being built: BuildKit stops with "circular dependency detected on
stage". Usually the name was copied from another line, or the stage was renamed. hadolint reports the named case as
DL3023, Trivy as DS-0006.

## Example
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels fastapi

FROM python:3.12-slim AS runtime
COPY --from=runtime /wheels /wheels
```

Use instead:
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels fastapi

FROM python:3.12-slim AS runtime
COPY --from=build /wheels /wheels
```

## Fix
None automatic: name the stage that holds the files, or copy within the stage with `RUN cp`.

## Differences from hadolint
hadolint DL3023 compares names only: `COPY --from=1` inside the second stage, `COPY --from=Runtime` in a stage
named `runtime`, `COPY --from=$STAGE` with `ARG STAGE=runtime`, and `RUN --mount=from=runtime` pass it; they are
reported here.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.stages import references, stage_index_of

CODE = "DF614"
NAME = "copy-from-own-stage"
SEVERITY = "error"
SUMMARY = "`COPY --from` names the stage it is in"
TWINS: tuple[str, ...] = ("DL3023", "DS-0006")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for reference in references(dockerfile):
        if reference.kind == "FROM" or reference.instruction.is_trigger:
            continue
        stage = dockerfile.stage_of(reference.instruction)
        if stage is None or stage_index_of(dockerfile, reference) != stage.index:
            continue
        label = f"`{stage.name}`" if stage.name else f"number {stage.index}"
        via = "" if reference.value == reference.written else f" (`{reference.written}` is `{reference.value}`)"
        action = "copy" if reference.kind == "COPY --from" else "mount"
        yield Violation(
            reference.span,
            f"`{reference.shown}` names stage {label}{via}, the stage this instruction is in: "
            f"a stage cannot {action} from itself (BuildKit fails with a circular dependency); name the earlier "
            f"stage that holds the files",
        )
