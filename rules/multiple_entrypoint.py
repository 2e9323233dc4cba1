"""Reports an `ENTRYPOINT` that a later `ENTRYPOINT` of the same stage replaces.

## What it does
Flags each `ENTRYPOINT` of a stage followed by another `ENTRYPOINT` in the same stage, at the ignored one (as
BuildKit does), and names the one that wins. Stages are independent. ONBUILD triggers are not counted, nor
instructions BuildKit rejects, where the build stops first.

## Why it matters
Only the last `ENTRYPOINT` of a stage takes effect; the Dockerfile reference: "Only the last ENTRYPOINT instruction
in the Dockerfile will have an effect." An earlier one is dead code, and when it was meant to wrap the server
(`["/docker-entrypoint.sh"]`) its setup silently never runs. Docker's build checks report it as
`MultipleInstructionsDisallowed` (<https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/>),
hadolint as DL4004.

## Example
```dockerfile
FROM python:3.12-slim
ENTRYPOINT ["/docker-entrypoint.sh"]
ENTRYPOINT ["fastapi", "run", "app/main.py"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["fastapi", "run", "app/main.py"]
```

## Fix
None automatic: delete the `ENTRYPOINT` you do not mean, or turn the server command into a `CMD`.

## Differences from hadolint
hadolint reports the later, effective `ENTRYPOINT`; this rule reports the ignored one, the line to change.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.stages import overridden, overridden_message

CODE = "DF611"
NAME = "multiple-entrypoint"
SEVERITY = "warning"
SUMMARY = "Only the last `ENTRYPOINT` of a stage takes effect"
TWINS: tuple[str, ...] = ("DL4004", "MultipleInstructionsDisallowed", "DS-0007")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for ignored, replacing in overridden(dockerfile, stage, "ENTRYPOINT"):
            yield Violation(ignored.keyword_span, overridden_message(ignored, replacing, "an image has one entrypoint"))
