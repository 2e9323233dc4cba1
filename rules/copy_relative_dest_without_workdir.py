"""Reports `COPY`/`ADD` to a relative destination in a stage that never set a `WORKDIR`.

## What it does
Flags the destination of a `COPY` or `ADD` when it is a relative path (`COPY app.py .`, `COPY src app/`, after
ARG/ENV substitution) and no `WORKDIR` came before it in the stage or in the stages it is built from. Stages built
`FROM scratch` (whose working directory is `/`) and destinations behind unknown variables are not judged.

## Why it matters
A relative destination is resolved against the working directory inherited from the base image, which the
Dockerfile does not show and which differs between images (`/` for `python`, `/usr/src/app` or `/home/node` for
others) and can change with an image update. Docker's best practices: "For clarity and reliability, you should
always use absolute paths for your WORKDIR" and set it before relying on it
(<https://docs.docker.com/build/building/best-practices/#workdir>); the FastAPI guide sets `WORKDIR /code` before
its `COPY ./requirements.txt /code/requirements.txt`. hadolint reports it as DL3045.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY requirements.txt .
```

## Fix
None automatic: add a `WORKDIR` with the intended absolute directory before the first `COPY`, or write an absolute
destination.

## Differences from hadolint
hadolint DL3045 only looks at `COPY` and trusts every destination that starts with `$` (also `$FOO/app` when
`FOO` is never set). Here `ADD` is checked too, destinations are resolved through the stage's ARG and ENV values,
and a `FROM scratch` stage (working directory `/`) is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.source import dequote

CODE = "DF620"
NAME = "copy-relative-dest-without-workdir"
SEVERITY = "warning"
SUMMARY = "`COPY` to a relative destination without `WORKDIR`"
TWINS: tuple[str, ...] = ("DL3045",)
FIXABLE = False

_WINDOWS_ABSOLUTE = lazy_compile(r"[A-Za-z]:([\\/]|$)|\\")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    workdir_set: dict[int, bool] = {}
    for stage in dockerfile.stages:
        if stage.base_stage_index is not None:
            is_set = workdir_set.get(stage.base_stage_index, False)
        else:
            is_set = (stage.base_image or "").lower() == "scratch"
        for instruction in stage.body:
            if instruction.keyword == "WORKDIR":
                is_set = True
            elif instruction.keyword in ("COPY", "ADD") and not is_set:
                violation = _check_copy(instruction)
                if violation is not None:
                    yield violation
        workdir_set[stage.index] = is_set


def _check_copy(instruction: Instruction) -> Violation | None:
    exec_words = instruction.exec_words
    if exec_words is not None:
        if len(exec_words) < 2:
            return None
        written = exec_words[-1].value
    else:
        words = instruction.words
        if len(words) < 2:
            return None
        written = dequote(words[-1][2])
    destination, known = instruction.expand(written)
    if not known or not destination or destination.startswith("/") or _WINDOWS_ABSOLUTE.match(destination):
        return None
    # Where the destination is, worked out for a finding only (a span costs more than the rest).
    if exec_words is not None:
        span = exec_words[-1].span
    else:
        start, end, _raw = instruction.words[-1]
        span = instruction.span_of(start, end)
    shown = f"`{written}`" if destination == written else f"`{written}` (= `{destination}`)"
    return Violation(
        span,
        f"{instruction.keyword} destination {shown} is relative and no WORKDIR is set in this stage: it lands in the "
        f"base image's working directory, which this file does not show; add `WORKDIR /app` (or the intended "
        f"absolute directory) before it, or write an absolute destination",
    )
