r"""Reports a `RUN` right after another `RUN` of the same stage that it could join.

## What it does
Flags a shell-form `RUN` that directly follows another shell-form `RUN` (comments and blank lines between them do
not count) with the same flags (`--mount`, `--network`, `--security`), when each runs a single command and neither
uses a heredoc: two one-command steps that could be one.

## Why it matters
Each `RUN` adds a layer and a cache entry. Docker's best practices recommend to "minimize the number of layers"
by chaining related commands with `&&`, and to clean up in the same `RUN` that created the files: a file deleted
one `RUN` later still ships in the earlier layer
(<https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers>). hadolint reports this
as DL3059.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## Fix
None automatic: join the commands with `&&` (and `\` line continuations) where a failure of the first should stop
the second.

## Differences from hadolint
Like hadolint, a `RUN` that already chains commands (`a && b`, `a; b`) is taken as a deliberately separate step. Unlike
hadolint, `RUN`s with a heredoc or in exec form are not reported (they cannot simply be chained with `&&`), nor is
a `RUN` whose shell is not a POSIX shell.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.rule import RuleContext, Violation

CODE = "DF628"
NAME = "consecutive-run"
SEVERITY = "info"
SUMMARY = "Consecutive `RUN` instructions that could be one"
TWINS: tuple[str, ...] = ("DL3059",)
FIXABLE = False

_MAX_COMMANDS = 1


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        joinable = [(instruction, _joinable(instruction)) for instruction in stage.body]  # each looked at once
        for (previous, previous_joinable), (instruction, instruction_joinable) in itertools.pairwise(joinable):
            if not (previous_joinable and instruction_joinable):
                continue
            if _flags(previous) != _flags(instruction):
                continue
            yield Violation(
                instruction.keyword_span,
                f"this RUN directly follows the RUN on line {previous.line} with the same flags: join them with `&&` "
                f"into one RUN (one layer, and cleanup in the step that made the files)",
            )


def _joinable(instruction: Instruction) -> bool:
    if instruction.keyword != "RUN" or instruction.heredocs or instruction.is_exec_form:
        return False
    if instruction.json_error is not None or not instruction.uses_posix_shell:
        return False
    top_level = [command for command in instruction.commands if command.nested_in is None]
    return 0 < len(top_level) <= _MAX_COMMANDS


def _flags(instruction: Instruction) -> tuple[tuple[str, str | None], ...]:
    return tuple(sorted((flag.name, flag.value) for flag in instruction.flags))
