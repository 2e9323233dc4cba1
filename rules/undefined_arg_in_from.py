"""Reports a variable in `FROM` that no global `ARG` declares.

## What it does
Flags each variable used in a `FROM` image or in its `--platform` flag that is neither declared by an `ARG` before
the first `FROM` nor one of the platform arguments BuildKit provides (`TARGETPLATFORM`, `BUILDPLATFORM`,
`TARGETARCH`, ...). The message suggests the declared name it most likely misspells.

## Why it matters
`FROM` sees only the global ARGs. An undeclared variable "silently resolves to an empty string, which is almost
certainly not the intended behavior" (BuildKit's `UndefinedArgInFrom`,
<https://docs.docker.com/reference/build-checks/undefined-arg-in-from/>), and `--build-arg` cannot set it either:
`FROM python:${PYTHON_VERSON}-slim` pulls `python:-slim`, or fails. An `ARG` declared inside a stage does not count
for the next `FROM`.

## Example
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSON}-slim
```

Use instead:
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
```

## Fix
None automatic: correct the name, or declare it with `ARG NAME=default` before the first `FROM`.

## Differences from BuildKit
BuildKit reports the whole `FROM` line; this rule points at the variable itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.expand import references
from linter.model import Dockerfile, Instruction
from linter.rule import RuleContext, Violation
from linter.variables import BUILTIN_ARGS, flag_offsets, suggest

CODE = "DF621"
NAME = "undefined-arg-in-from"
SEVERITY = "warning"
SUMMARY = "`FROM` uses a variable no global `ARG` declares"
TWINS: tuple[str, ...] = ("UndefinedArgInFrom",)
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    if not any("$" in stage.from_instruction.text for stage in dockerfile.stages):
        return  # no FROM expands a variable
    declared = set(dockerfile.meta_args) | BUILTIN_ARGS
    stage_args: dict[str, int] = {}  # ARG names declared inside stages -> first line, for the message
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        for start, text in _expanded_parts(instruction):
            reported: set[str] = set()
            for reference in references(text, instruction.escape):
                if reference.name in declared or reference.name in reported:
                    continue
                reported.add(reference.name)
                yield Violation(
                    instruction.span_of(start + reference.start, start + reference.end),
                    _message(reference.name, suggest(reference.name, declared), stage_args.get(reference.name)),
                )
        for later in stage.body:
            if later.keyword == "ARG":
                for pair in later.key_values:
                    stage_args.setdefault(pair.key, later.line)


def _expanded_parts(instruction: Instruction) -> Iterator[tuple[int, str]]:
    """(offset in the instruction text, text) of the image word and the --platform value."""
    for name, _start, value_start, end in flag_offsets(instruction):
        if name == "platform":
            yield value_start, instruction.text[value_start:end]
    if instruction.words:
        start, _end, word = instruction.words[0]
        yield start, word


def _message(name: str, suggestion: str | None, stage_arg_line: int | None) -> str:
    where = f" (the `ARG {name}` on line {stage_arg_line} is inside a stage, which FROM does not see)"
    advice = f"declare it with `ARG {name}=...` before the first FROM"
    if suggestion:
        advice = f"did you mean `${suggestion}`? Otherwise {advice}"
    return (
        f"`${name}` is not declared by a global ARG{where if stage_arg_line else ''}, so FROM sees an empty string "
        f"and `--build-arg` cannot set it: {advice}"
    )
