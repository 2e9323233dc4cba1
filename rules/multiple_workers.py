"""Reports a server started with several worker processes in one container.

## What it does
Flags the command the container runs (the final stage's `CMD`/`ENTRYPOINT`, inherited ones included) when it
asks uvicorn, `fastapi run`, gunicorn or hypercorn for more than one worker process:

* `--workers N` / `--workers=N` / `-w N` / `-wN` with N > 1;
* `WEB_CONCURRENCY` > 1 set by `ENV` or an inline `WEB_CONCURRENCY=4 uvicorn …` prefix (uvicorn, `fastapi run`
  and gunicorn use it as the default worker count), `UVICORN_WORKERS` for uvicorn, `-w` inside
  `GUNICORN_CMD_ARGS` for gunicorn.

How loud it is depends on where the image runs (`--deployment`, or `deployment` in the configuration):

* `cluster` (Kubernetes, Swarm, Nomad, ECS…): a **warning**;
* `single-host` (one server, Docker Compose on one machine): nothing is reported;
* not said: **info**.

Stays quiet when the count is a variable this file cannot resolve (`--workers $WORKERS` without an `ENV WORKERS=…`,
`$(nproc)`; ARG values do not reach a running container), when uvicorn or `fastapi` also reload (`--reload` makes
uvicorn ignore the workers: DF405 reports that), when a gunicorn config file (`-c`) may override an environment
default, and for servers started in `RUN` steps, `HEALTHCHECK`s or other stages.

## Why it matters
The FastAPI guide ("FastAPI in Containers - Docker", "One Process per Container" and "Replication - Number of
Processes") says that on a cluster you "would not want to have multiple workers in the container, for example with
the `--workers` command line option": the cluster replicates containers, each with a single Uvicorn process, and
balances the load between them. One process per container keeps memory use predictable (the scheduler sizes and
places containers by it), lets the orchestrator restart a crashed process and scale on real load, and gives clean
signal handling. Uvicorn's Docker guide says the same: "let your orchestration system manage the number of deployed
containers rather than relying on the process manager inside the container". The guide names the exceptions: a
simple app on a single server, or Docker Compose on one machine, where `--workers` is fine ("none of these are
rules written in stone"). Hence the dependence on the deployment.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["fastapi", "run", "app/main.py", "--port", "80", "--workers", "4"]
```

Use instead (on a cluster: one process, more replicas):
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
None automatic: drop `--workers`/`-w` (or `WEB_CONCURRENCY`) and scale with replicas, or declare the deployment
`single-host` if the container runs alone on one machine.

## Options
`deployment`: `cluster`, `single-host` or unset (see above).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import Deployment, RuleContext, Severity, Violation
from linter.servers import find_servers, parse_int, reload_setting, workers_setting

CODE = "DF401"
NAME = "multiple-workers"
SEVERITY = "info"
SUMMARY = "Several worker processes in one container; under an orchestrator run one and scale with replicas"
TWINS: tuple[str, ...] = ()
FIXABLE = False

_PROGRAMS = {"uvicorn": "uvicorn", "fastapi": "fastapi run", "gunicorn": "gunicorn", "hypercorn": "hypercorn"}


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    if context.deployment is Deployment.SINGLE_HOST:
        return
    severity = Severity.WARNING if context.deployment is Deployment.CLUSTER else None
    for server in find_servers(dockerfile):
        if server.server not in _PROGRAMS:
            continue
        if server.server in ("uvicorn", "fastapi") and reload_setting(server, dockerfile) is not None:
            continue  # uvicorn ignores the workers when it reloads: DF405's finding
        setting = workers_setting(server, dockerfile)
        if setting is None:
            continue
        count = parse_int(setting.value)
        if count is None or count <= 1:
            continue
        program = _PROGRAMS[server.server]
        if context.deployment is Deployment.CLUSTER:
            advice = (
                "On a cluster, run one process per container and let the cluster replicate containers: drop it "
                "(the FastAPI guide, 'One Process per Container')."
            )
        else:
            advice = (
                "If a cluster (Kubernetes, Swarm, Nomad) runs this image, drop it and let the cluster replicate "
                "containers, one process per container (the FastAPI guide, 'One Process per Container'); on a single "
                "host it is fine: set the deployment to `single-host`."
            )
        yield Violation(
            setting.span,
            f"{setting.source} starts {count} {program} worker processes in one container. {advice}",
            severity=severity,
        )
