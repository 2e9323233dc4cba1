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
        previous: Instruction | None = None  # the instruction before, when it is a joinable RUN
        for instruction in stage.body:
            if instruction.keyword != "RUN" or not _joinable(instruction):
                previous = None
                continue
            if previous is not None and _flags(previous) == _flags(instruction):
                yield Violation(
                    instruction.keyword_span,
                    f"this RUN directly follows the RUN on line {previous.line} with the same flags: join them with "
                    "`&&` into one RUN (one layer, and cleanup in the step that made the files)",
                )
            previous = instruction


def _joinable(instruction: Instruction) -> bool:
    """A shell-form RUN of one to ``_MAX_COMMANDS`` commands (those of `sh -c` strings not counted)."""
    if instruction.heredocs or instruction.is_exec_form:
        return False
    if instruction.json_error is not None or not instruction.uses_posix_shell:
        return False
    top_level = 0
    for command in instruction.commands:
        if command.nested_in is None:
            top_level += 1
            if top_level > _MAX_COMMANDS:
                return False  # the rest need not be counted
    return top_level > 0


def _flags(instruction: Instruction) -> tuple[tuple[str, str | None], ...]:
    return tuple(sorted((flag.name, flag.value) for flag in instruction.flags))
