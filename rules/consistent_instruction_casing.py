"""Reports an instruction keyword cased unlike the majority of the file's keywords.

## What it does
Counts the instruction keywords written all upper-case (`RUN`) and all lower-case (`run`), and flags every keyword
that is not in the majority's casing, mixed-case ones (`Run`) included. A tie counts as upper-case, the common
convention. ONBUILD triggers (`ONBUILD RUN …`) and the `ARG`s before the first `FROM` count too. Unknown
instructions are left to DF001.

## Why it matters
Dockerfile keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder to read and to search.
Docker's build checks report it as `ConsistentInstructionCasing`
(<https://docs.docker.com/reference/build-checks/consistent-instruction-casing/>).

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
copy requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix
Safe: rewrites the keyword in the majority's casing.

## Differences from BuildKit
BuildKit counts and checks only the instructions of stages: a lower-case `arg` before the first `FROM`, or the
`run` of `ONBUILD run …`, passes unnoticed there; they count here.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import KNOWN_INSTRUCTIONS, Dockerfile, Instruction
from linter.rule import Edit, Fix, RuleContext, Violation

CODE = "DF606"
NAME = "consistent-instruction-casing"
SEVERITY = "style"
SUMMARY = "Instruction keywords should all have the same casing"
TWINS: tuple[str, ...] = ("ConsistentInstructionCasing",)
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    # One pass: each keyword with whether it is lower-case and whether it is upper-case (both, without letters).
    keywords: list[tuple[Instruction, bool, bool]] = []
    lower = upper = 0
    for instruction in dockerfile.walk():
        text = instruction.keyword_text
        if not text or instruction.keyword not in KNOWN_INSTRUCTIONS:
            continue
        is_lower, is_upper = text == text.lower(), text == text.upper()
        lower += is_lower
        upper += is_upper
        keywords.append((instruction, is_lower, is_upper))
    majority_lower = lower > upper
    for instruction, is_lower, is_upper in keywords:
        if not (is_lower if majority_lower else is_upper):
            text = instruction.keyword_text
            wanted = text.lower() if majority_lower else text.upper()
            yield _violation(instruction, wanted, "lower" if majority_lower else "upper", lower, upper)


def _violation(instruction: Instruction, wanted: str, casing: str, lower: int, upper: int) -> Violation:
    return Violation(
        instruction.keyword_span,
        f"`{instruction.keyword_text}` is not {casing}-case like most instructions of this file "
        f"({upper} upper-case, {lower} lower-case keywords): write `{wanted}`",
        Fix(f"write `{wanted}`", (Edit(instruction.keyword_span, wanted),)),
    )
