"""Reports a variable used in the same `ENV` instruction that defines it, where it still has its old value.

## What it does
Flags `ENV A=1 B=$A`: the reference to `A` in a later pair of the same `ENV` instruction. A variable's own value may
refer to it (`ENV PATH=/app/bin:$PATH` extends the old `PATH`, as intended) and a reference in an earlier pair
(`ENV B=$A A=1`) reads as "the old A" anyway; neither is reported. Nor is a reference whose old value is known to
equal the new one.

## Why it matters
Docker substitutes all the variables of one `ENV` instruction before setting any of them: "`ENV abc=bye
def=$abc` ... will result in `def` having a value of `hello`, not `bye`" (Dockerfile reference, *Environment
replacement*, <https://docs.docker.com/reference/dockerfile/#environment-replacement>). `ENV APP_HOME=/app
PYTHONPATH=$APP_HOME` therefore sets `PYTHONPATH` to an empty string (or to an older `APP_HOME`), silently.
hadolint reports it as DL3044.

## Example
```dockerfile
FROM python:3.12-slim
ENV APP_HOME=/app PYTHONPATH=$APP_HOME/src
```

Use instead:
```dockerfile
FROM python:3.12-slim
ENV APP_HOME=/app
ENV PYTHONPATH=$APP_HOME/src
```

## Fix
None automatic: split the instruction so that the definition comes first.

## Differences from hadolint
hadolint DL3044 stays quiet when the variable was defined by an earlier ARG or ENV, although the reference then
gets that older value, not the new one (`ENV VERSION=2 URL=/dl/$VERSION` after `ARG VERSION=1` gives `/dl/1`);
this rule reports it unless the old value is known to be the same. hadolint also reports references in earlier
pairs (`ENV B=$A A=1`), which do read the old value as written, and references inside single quotes, which are
not substituted at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.expand import references
from linter.model import Dockerfile, Instruction
from linter.rule import RuleContext, Violation
from linter.source import dequote
from linter.variables import raw_pairs

CODE = "DF619"
NAME = "env-self-reference"
SEVERITY = "error"
SUMMARY = "Variable used in the `ENV` instruction that defines it"
TWINS: tuple[str, ...] = ("DL3044",)
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("ENV"):
        if "$" in instruction.text:  # no reference without one
            yield from _check_env(instruction)


def _check_env(instruction: Instruction) -> Iterator[Violation]:
    pairs = raw_pairs(instruction)
    if len(pairs) < 2:
        return
    defined: dict[str, str] = {}  # name -> its new value as written, for the pairs seen so far
    for pair in pairs:
        if pair.value is not None:
            for reference in references(pair.value, instruction.escape):
                if reference.name not in defined or reference.name == pair.key:
                    continue
                if _old_value_is_the_same(instruction, reference.name, defined[reference.name]):
                    continue
                start = pair.value_start + reference.start
                yield Violation(
                    instruction.span_of(start, pair.value_start + reference.end),
                    _message(instruction, reference.name, pair.key),
                )
            defined[pair.key] = pair.value


def _old_value_is_the_same(instruction: Instruction, name: str, written: str) -> bool:
    if instruction.is_trigger or name not in instruction.variables:
        return False
    old = instruction.variables[name]
    if old is None or "$" in written:
        return False
    return old == dequote(written)


def _message(instruction: Instruction, name: str, key: str) -> str:
    if instruction.is_trigger or name not in instruction.variables:
        before = "nothing yet (an empty string, or whatever the base image sets)"
    else:
        old = instruction.variables[name]
        before = "the value it had before this instruction" if old is None else f"its previous value `{old}`"
    return (
        f"`{key}` uses `${name}` from the same ENV instruction that sets `{name}`: Docker substitutes before "
        f"setting, so it gets {before}; set `{name}` in an earlier ENV instruction"
    )
