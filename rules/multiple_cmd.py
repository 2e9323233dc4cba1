"""Reports a `CMD` that a later `CMD` of the same stage replaces.

## What it does
Flags each `CMD` of a stage followed by another `CMD` in the same stage, at the ignored one (as BuildKit does), and
names the one that wins. Stages are independent: a `CMD` in a build stage and another in the final stage are fine.
ONBUILD triggers are not counted, nor instructions BuildKit rejects (`CMD --port 80`: a leading `--word` is read as
an unknown flag), where the build stops first.

## Why it matters
An image has one default command: only the last `CMD` of a stage takes effect, so every earlier one is dead code
that misleads the reader, often a left-over from a change of server (`uvicorn` then `fastapi run`). The Dockerfile
reference: "There can only be one CMD instruction in a Dockerfile. If you list more than one CMD, only the last one
takes effect." Docker's build checks report it as `MultipleInstructionsDisallowed`
(<https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/>), hadolint as DL4003.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
None automatic: delete the `CMD` you do not mean.

## Differences from hadolint
hadolint reports the later, effective `CMD`; this rule reports the ignored one, the line to delete.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.stages import overridden, overridden_message

CODE = "DF610"
NAME = "multiple-cmd"
SEVERITY = "warning"
SUMMARY = "Only the last `CMD` of a stage takes effect"
TWINS: tuple[str, ...] = ("DL4003", "MultipleInstructionsDisallowed", "DS-0016")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for ignored, replacing in overridden(dockerfile, stage, "CMD"):
            yield Violation(
                ignored.keyword_span, overridden_message(ignored, replacing, "an image has one default command")
            )
