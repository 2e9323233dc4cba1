"""Reports suppression comments that silence nothing (only with `--report-unused-ignores`).

## What it does
With `--report-unused-ignores`, flags each `# lintainer: ignore=…` or `# lintainer: ignore-file=…` comment that
silenced no finding in this run: the problem it silenced was fixed, the comment names a rule that does not exist, or
it is not directly above an instruction (a blank line in between breaks the link).

## Why it matters
A stale suppression hides the next real problem of that kind on the same instruction, and a misspelt one silences
nothing while looking as if it did.

## Example
```dockerfile
FROM python:3.12-slim
# lintainer: ignore=DF202 -- the cache is purged below
RUN pip install --no-cache-dir -r requirements.txt
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix
None automatic: delete the comment, or correct the rule code it names.

## Notes
hadolint's `# hadolint ignore=` comments and BuildKit's `# check=skip=` are honoured for their twin rules but never
reported here: they may be there for those tools.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation

CODE = "DF002"
NAME = "unused-suppression"
SEVERITY = "warning"
SUMMARY = "A suppression comment that silences nothing"
TWINS: tuple[str, ...] = ()


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    # The engine reports these: only it knows which findings each suppression silenced.
    return iter(())
