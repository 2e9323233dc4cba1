"""Reports a stage name already used by an earlier stage.

## What it does
Flags `FROM … AS <name>` when an earlier stage of the same file has the same name. BuildKit compares stage names
case-insensitively (it stores them lower-cased), so `AS Build` repeats `AS build`.

## Why it matters
A stage name must identify one stage. With two stages of one name, references resolve differently depending on
where they are: `FROM build` takes the latest stage of that name defined before it, while `COPY --from=build` and
`RUN --mount=from=build` take the last one in the file, even from a stage placed between the two, where the build
then stops because that stage is not built yet. Docker's build checks report it as `DuplicateStageName`
(<https://docs.docker.com/reference/build-checks/duplicate-stage-name/>), hadolint as DL3024.

## Example
```dockerfile
FROM python:3.12-slim AS build
RUN pip wheel --wheel-dir /wheels fastapi

FROM python:3.12-slim AS build
COPY --from=build /wheels /wheels
```

Use instead:
```dockerfile
FROM python:3.12-slim AS wheels
RUN pip wheel --wheel-dir /wheels fastapi

FROM python:3.12-slim AS runtime
COPY --from=wheels /wheels /wheels
```

## Fix
None automatic: which references meant which stage is for the author to say. Rename one of the stages and its
references.

## Differences from hadolint
hadolint DL3024 compares names as written, so `AS build` and `AS Build` pass there, although BuildKit reads both as
`build`; they are reported here.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Stage
from linter.rule import RuleContext, Violation

CODE = "DF607"
NAME = "duplicate-stage-name"
SEVERITY = "error"
SUMMARY = "Two stages share a name"
TWINS: tuple[str, ...] = ("DL3024", "DuplicateStageName", "DS-0012", "CKV_DOCKER_11")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    first: dict[str, Stage] = {}
    for stage in dockerfile.stages:
        if stage.name is None or stage.name_span is None:
            continue
        key = stage.name.lower()
        earlier = first.get(key)
        if earlier is None:
            first[key] = stage
            continue
        same = "" if earlier.name == stage.name else f" (as `{earlier.name}`; BuildKit ignores the case)"
        yield Violation(
            stage.name_span,
            f"stage name `{stage.name}` is already used by the stage on line {earlier.from_instruction.line}{same}: "
            f"`FROM {key}` and `COPY --from={key}` may then refer to different stages; give each stage a unique name",
        )
