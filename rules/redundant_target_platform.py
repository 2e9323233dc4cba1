"""Reports `FROM --platform=$TARGETPLATFORM`, which only repeats the default.

## What it does
Flags a `--platform` flag of `FROM` whose value is exactly `$TARGETPLATFORM` or `${TARGETPLATFORM}`.

## Why it matters
A stage is built for the target platform unless `--platform` says otherwise, so the flag changes nothing; BuildKit
reports it as `RedundantTargetPlatform` (<https://docs.docker.com/reference/build-checks/redundant-target-platform/>)
and hadolint as DL3065. It also suggests to a reader that the stage is special, when the platform that matters in a
cross-compiling build is usually `$BUILDPLATFORM`.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM python:3.12-slim
```

Use instead:
```dockerfile
FROM python:3.12-slim
```

## Fix
Safe: removes the flag. Not offered, and not reported, when a global `ARG TARGETPLATFORM=...` gives the variable a
default of its own, because then the flag pins that value.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.source import dequote
from linter.variables import flag_offsets

CODE = "DF624"
NAME = "redundant-target-platform"
SEVERITY = "warning"
SUMMARY = "`FROM --platform=$TARGETPLATFORM` is the default"
TWINS: tuple[str, ...] = ("DL3065", "RedundantTargetPlatform")
FIXABLE = True

_REDUNDANT = ("$TARGETPLATFORM", "${TARGETPLATFORM}")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    if dockerfile.meta_args.get("TARGETPLATFORM") is not None:
        return
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        for name, start, value_start, end in flag_offsets(instruction):
            written = instruction.text[value_start:end]
            if name != "platform" or dequote(written) not in _REDUNDANT:
                continue
            after = end
            while after < len(instruction.text) and instruction.text[after] in " \t":
                after += 1
            fix = Fix("remove the flag", (Edit(instruction.span_of(start, after), ""),))
            yield Violation(
                instruction.span_of(start, end),
                f"`--platform={written}` is what FROM does without the flag: remove it (a stage that only "
                f"prepares platform-independent files would want `--platform=$BUILDPLATFORM` instead)",
                fix,
            )
