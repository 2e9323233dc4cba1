"""Reports uvicorn or `fastapi` asked to reload and to run several workers at once: the workers are ignored.

## What it does
Flags the command the container runs (the final stage's `CMD`/`ENTRYPOINT`, inherited ones included) when uvicorn,
`fastapi run` or `fastapi dev` reloads (`--reload`, `UVICORN_RELOAD` true, or `fastapi dev` itself) and is also
given workers: any `--workers` option, `UVICORN_WORKERS` (uvicorn), or `WEB_CONCURRENCY` above 1, set by `ENV` or
an inline prefix.

Stays quiet for gunicorn and hypercorn (gunicorn's `--reload` works with several workers), for `--no-reload`, for a
`WEB_CONCURRENCY` whose value this file cannot know, and for servers in `RUN` steps or other stages.

## Why it matters
Uvicorn's settings say that "`--reload` and `--workers` are mutually exclusive" and the `--workers` help says "Not
valid with --reload"; fastapi-cli's `--workers` help says "Mutually exclusive with the --reload flag". Uvicorn does
not refuse the combination: it reloads with a single process and silently ignores the workers, so the container
runs one development-mode process where its author expected several production workers. One of the two options is
a mistake, and which one tells whether this image is meant for development or production.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "4", "--reload"]
```

Use instead (production):
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "4"]
```

## Fix
None automatic: which option to keep is the author's call. For an image, drop `--reload` (DF403's fix does);
for development, drop `--workers`.

## Differences from peers
hadolint, BuildKit's checks, Trivy, Checkov and Semgrep's Dockerfile rules do not look at the server's options.
dockerfile-doctor's shell-form repair (DD019) turns `CMD uvicorn … --workers 4 --reload` into an exec-form array that
keeps both flags.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.servers import find_servers, parse_int, reload_setting, workers_setting

CODE = "DF405"
NAME = "reload-with-workers"
SEVERITY = "error"
SUMMARY = "`--reload` and `--workers` are mutually exclusive: uvicorn ignores the workers"
TWINS: tuple[str, ...] = ()
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for server in find_servers(dockerfile):
        if server.server not in ("uvicorn", "fastapi"):
            continue
        reload = reload_setting(server, dockerfile)
        workers = workers_setting(server, dockerfile)
        if reload is None or workers is None:
            continue
        if workers.option is None:
            # From the environment: only a known count above one contradicts reloading.
            count = parse_int(workers.value)
            if count is None or count <= 1:
                continue
        program = f"fastapi {server.subcommand}" if server.server == "fastapi" else "uvicorn"
        development = server.server == "fastapi" and server.subcommand == "dev" and reload.option is None
        for_image = "use `fastapi run`" if development else f"drop {reload.source}"
        yield Violation(
            workers.span,
            f"{workers.source} has no effect together with {reload.source}: {program} reloads with a single process "
            f"and ignores the workers (the two are mutually exclusive). For an image, {for_image}; for "
            f"development, drop the workers.",
        )
