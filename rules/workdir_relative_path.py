"""Reports a relative `WORKDIR` that resolves against the base image's working directory.

## What it does
Flags the first `WORKDIR` of a stage when its path (ARGs and ENVs substituted) is relative and no earlier `WORKDIR`
in the stage, or in the stages it is built `FROM`, set one. Later relative `WORKDIR`s are relative to that first one,
which is where the fix belongs, so they are not reported. An `ONBUILD WORKDIR` with a relative path is reported when
its stage never sets a `WORKDIR`. Paths behind unknown variables, and Windows paths (`C:\\app`), are not judged.

## Why it matters
A relative `WORKDIR` is joined to the working directory inherited from the base image, which the Dockerfile does not
show and which can change when the base image is updated. Docker's best practices ask for absolute paths in `WORKDIR`;
Docker's build checks report it as `WorkdirRelativePath`
(<https://docs.docker.com/reference/build-checks/workdir-relative-path/>), hadolint as DL3000. The FastAPI guide
sets `WORKDIR /code`.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR code
COPY ./app ./app
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY ./app ./app
```

## Fix
None automatic: the absolute path depends on the base image's working directory (`/` for most images, in which
case prefix the path with `/`).

## Differences from hadolint
hadolint DL3000 reports every relative `WORKDIR`, also `WORKDIR logs` after `WORKDIR /app` (a deliberate, well
defined `/app/logs`). Like BuildKit, this rule reports only a relative path with nothing absolute before it, and
resolves `WORKDIR $APP_HOME` through the stage's ARG and ENV instead of trusting every `$`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation

CODE = "DF601"
NAME = "workdir-relative-path"
SEVERITY = "warning"
SUMMARY = "Relative `WORKDIR` without an earlier absolute one"
TWINS: tuple[str, ...] = ("DL3000", "WorkdirRelativePath", "DS-0009", "CKV_DOCKER_10")
FIXABLE = False

_WINDOWS_ABSOLUTE = lazy_compile(r"[A-Za-z]:([\\/]|$)|[\\/]")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    if not dockerfile.walk_keyword("WORKDIR"):
        return
    workdir_set: dict[int, bool] = {}
    for stage in dockerfile.stages:
        inherited = stage.base_stage_index is not None and workdir_set.get(stage.base_stage_index, False)
        is_set = inherited
        for instruction in stage.body:
            if instruction.keyword != "WORKDIR":
                continue
            if not is_set:
                path = _relative_path(instruction)
                if path is not None:
                    chain = " or in the stages it is built from" if stage.base_stage_index is not None else ""
                    yield _violation(instruction, path, f"no WORKDIR before it in this stage{chain} sets a path")
            is_set = True
        workdir_set[stage.index] = is_set
        for instruction in stage.body:
            trigger = instruction.trigger
            if trigger is None or trigger.keyword != "WORKDIR" or is_set:
                continue
            if "$" in trigger.arguments:
                continue  # expanded in the downstream build, with ARGs we cannot see
            path = _relative_path(trigger)
            if path is not None:
                yield _violation(trigger, path, "this stage never sets a WORKDIR for the images built from it")


def _relative_path(instruction: Instruction) -> str | None:
    """The path when it is certainly relative (on Linux), else None."""
    written = instruction.arguments.strip()
    if len(written) >= 2 and written[0] == written[-1] and written[0] in "\"'":
        written = written[1:-1]
    if not written:
        return None
    path, known = instruction.expand(written)
    if not known or not path or path.startswith("/") or _WINDOWS_ABSOLUTE.match(path):
        return None
    return path


def _violation(instruction: Instruction, path: str, reason: str) -> Violation:
    absolute = posixpath.normpath("/" + path)
    return Violation(
        instruction.arguments_span,
        f"`WORKDIR {instruction.arguments.strip()}` is relative and {reason}: it resolves against the base image's "
        f"working directory, which this file does not show and an image update can change; write an absolute path "
        f"(`WORKDIR {absolute}` if the base image keeps `/`)",
    )
