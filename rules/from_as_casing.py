"""Reports an `AS` whose casing does not match its `FROM`.

## What it does
Flags `FROM image as name` and `from image AS name`: when the `FROM` keyword is upper-case, `AS` should be too, and
when it is lower-case, `as` should be. A mixed-case `From` is left to DF606 (consistent-instruction-casing), as
BuildKit does.

## Why it matters
Consistent casing keeps a Dockerfile easy to scan: `AS` belongs to the `FROM` instruction and reads as its keyword.
Docker's build checks report it as `FromAsCasing` (<https://docs.docker.com/reference/build-checks/from-as-casing/>).

## Example
```dockerfile
FROM python:3.12-slim as builder
```

Use instead:
```dockerfile
FROM python:3.12-slim AS builder
```

## Fix
Safe: rewrites `as` in the casing of `FROM`.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import Edit, Fix, RuleContext, Violation

CODE = "DF605"
NAME = "from-as-casing"
SEVERITY = "style"
SUMMARY = "`AS` should be cased like `FROM`"
TWINS: tuple[str, ...] = ("FromAsCasing",)
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        words = instruction.words
        if len(words) != 3 or words[1][2].lower() != "as":
            continue
        keyword = instruction.keyword_text
        start, end, written = words[1]
        if keyword == keyword.upper():
            wanted = "AS"
        elif keyword == keyword.lower():
            wanted = "as"
        else:
            continue  # `From`: the keyword itself is inconsistent (DF606)
        if written == wanted:
            continue
        span = instruction.span_of(start, end)
        yield Violation(
            span,
            f"`{written}` does not match the casing of `{keyword}`: write `{keyword} … {wanted} {words[2][2]}`",
            Fix(f"write `{wanted}`", (Edit(span, wanted),)),
        )
