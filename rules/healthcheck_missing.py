"""Reports an image that runs a service but defines no `HEALTHCHECK` (off by default).

## What it does
Flags the final stage when it (or a stage it is built `FROM` in this file) sets a `CMD` or `ENTRYPOINT` but no
stage of that chain has a `HEALTHCHECK` instruction; `HEALTHCHECK NONE` counts as a deliberate choice. The finding
is at the last `CMD` (else `ENTRYPOINT`), where the service is defined.

This rule is **off by default**: select it by code, name or twin (`--extend-select DF526`,
`extend-select = ["healthcheck-missing"]`, or `DL3057`); `--select DF5` and `ALL` do not turn it on.

## Why it matters
Without a health check Docker only knows whether the main process is alive, not whether it answers: a server stuck
in a deadlock or with an exhausted connection pool stays "running", and Docker Swarm and Compose
(`depends_on: condition: service_healthy`) keep sending it work. Docker's reference for `HEALTHCHECK` describes it
as the way "to test a container to check that it is still working". It is off by default because Kubernetes
ignores `HEALTHCHECK` (it has its own liveness and readiness probes) and an image built for it needs none; the base
image may also define one, which a Dockerfile cannot see.

## Example
```dockerfile
FROM python:3.12-slim
COPY . /app
CMD ["fastapi", "run", "/app/main.py", "--port", "8000"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY . /app
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
CMD ["fastapi", "run", "/app/main.py", "--port", "8000"]
```

## Fix
None automatic: the check depends on the service (an HTTP endpoint, a port, a CLI). `python:*-slim` has neither
`curl` nor `wget`, hence the `python -c` probe above.

## Differences from hadolint
hadolint DL3057 (severity "ignore" by default) fires for any file without `HEALTHCHECK`, base images included; this
rule needs a `CMD`/`ENTRYPOINT` in the final stage chain, looks through `FROM <stage>`, and reports at that line.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.security import stage_chain

CODE = "DF526"
NAME = "healthcheck-missing"
SEVERITY = "info"
SUMMARY = "The image runs a service but defines no HEALTHCHECK"
TWINS: tuple[str, ...] = ("DL3057", "DS-0026", "CKV_DOCKER_2")
FIXABLE = False
ENABLED_BY_DEFAULT = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    stage = dockerfile.final_stage
    if stage is None:
        return
    chain = stage_chain(dockerfile, stage)
    body = [instruction for member in reversed(chain) for instruction in member.body]
    if any(instruction.keyword == "HEALTHCHECK" for instruction in body):
        return
    commands = [instruction for instruction in body if instruction.keyword == "CMD"]
    commands = commands or [instruction for instruction in body if instruction.keyword == "ENTRYPOINT"]
    if not commands:
        return
    service = commands[-1]
    yield Violation(
        service.keyword_span,
        f"`{service.keyword} {_shorten(service.arguments.strip())}` starts the service but the image has no "
        "HEALTHCHECK: Docker cannot tell a hung server from a healthy one; add `HEALTHCHECK CMD …` (for example "
        "`python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/')\"`) or "
        "`HEALTHCHECK NONE` when the orchestrator probes it",
    )


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
