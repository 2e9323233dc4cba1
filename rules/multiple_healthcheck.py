"""Reports a `HEALTHCHECK` that a later `HEALTHCHECK` of the same stage replaces.

## What it does
Flags each `HEALTHCHECK` (`HEALTHCHECK NONE` included) of a stage followed by another `HEALTHCHECK` in the same
stage, at the ignored one (as BuildKit does), and names the one that wins. Stages are independent. ONBUILD triggers
are not counted, nor instructions BuildKit rejects (`HEALTHCHECK CMD` without a command, `HEALTHCHECK CONNECT`),
where the build stops first.

## Why it matters
A container has one health check; the Dockerfile reference: "There can only be one HEALTHCHECK instruction in a
Dockerfile. If you list more than one then only the last HEALTHCHECK will take effect." The earlier probe (its
interval, its endpoint) is silently dropped. Docker's build checks report it as `MultipleInstructionsDisallowed`
(<https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/>), hadolint as DL3012.

## Example
```dockerfile
FROM python:3.12-slim
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost/health')"
HEALTHCHECK --interval=10s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost/')"
```

Use instead:
```dockerfile
FROM python:3.12-slim
HEALTHCHECK --interval=10s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost/health')"
```

## Fix
None automatic: keep the one health check you mean.

## Differences from hadolint
hadolint reports the later, effective `HEALTHCHECK`; this rule reports the ignored one, the line to delete.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.stages import overridden, overridden_message

CODE = "DF612"
NAME = "multiple-healthcheck"
SEVERITY = "warning"
SUMMARY = "Only the last `HEALTHCHECK` of a stage takes effect"
TWINS: tuple[str, ...] = ("DL3012", "MultipleInstructionsDisallowed", "DS-0023")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for ignored, replacing in overridden(dockerfile, stage, "HEALTHCHECK"):
            yield Violation(
                ignored.keyword_span, overridden_message(ignored, replacing, "a container has one health check")
            )
