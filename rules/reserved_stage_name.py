"""Reports a stage named `scratch` or `context`, names BuildKit reserves.

## What it does
Flags `FROM … AS scratch` and `FROM … AS context`, in any casing (BuildKit lower-cases stage names).

## Why it matters
`scratch` is the empty image (`FROM scratch`), and `context` is the name BuildKit keeps for the build context;
named build contexts (`docker buildx build --build-context name=…`) are never looked up under either name. A stage
under either name makes `FROM scratch` ambiguous for every reader and clashes with what BuildKit reserves. Docker's
build checks report it as `ReservedStageName` (<https://docs.docker.com/reference/build-checks/reserved-stage-name/>),
hadolint as DL3063.

## Example
```dockerfile
FROM python:3.12-slim AS scratch
RUN pip wheel --wheel-dir /wheels fastapi
```

Use instead:
```dockerfile
FROM python:3.12-slim AS wheels
RUN pip wheel --wheel-dir /wheels fastapi
```

## Fix
None automatic: rename the stage and its references.

## Differences from hadolint
hadolint DL3063 compares the name as written: `AS Scratch` passes there, although BuildKit lower-cases it to
`scratch`; it is reported here.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation

CODE = "DF608"
NAME = "reserved-stage-name"
SEVERITY = "error"
SUMMARY = "A stage is named `scratch` or `context`"
TWINS: tuple[str, ...] = ("DL3063", "ReservedStageName")
FIXABLE = False

_RESERVED = {
    "scratch": "`scratch` is the empty image of `FROM scratch`",
    "context": "`context` is reserved for the build context",
}


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        if stage.name is None or stage.name_span is None:
            continue
        meaning = _RESERVED.get(stage.name.lower())
        if meaning is not None:
            yield Violation(
                stage.name_span,
                f"stage name `{stage.name}` is reserved ({meaning}): give the stage another name, such as "
                f"`{stage.name.lower()}-stage`, and update its references",
            )
