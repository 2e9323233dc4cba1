"""Reports what BuildKit would reject, at its position.

## What it does
Flags input that `docker build` refuses or that cannot be read faithfully: an unknown instruction, an instruction
without its arguments, an unterminated heredoc, a bad or repeated parser directive, an unknown flag, an ONBUILD
trigger that is not allowed, a `SHELL` that is not a JSON array, an instruction before the first `FROM` other than
`ARG`, a file with no instructions, and bytes that are not UTF-8.

## Why it matters
The build fails (or, for encoding problems, reads something other than what the author sees). The rest of the file is
still linted, so one typo does not hide every other finding.

## Example
```dockerfile
FROM python:3.12-slim
RUN <<EOF
pip install --no-cache-dir fastapi
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN <<EOF
pip install --no-cache-dir fastapi
EOF
```

## Fix
None automatic: the message says what BuildKit expects.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation

CODE = "DF001"
NAME = "parse-error"
SEVERITY = "error"
SUMMARY = "BuildKit would reject this input"
TWINS: tuple[str, ...] = ("DL3043", "DL3061")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for problem in dockerfile.problems:
        yield Violation(problem.span, problem.message)
