"""Reports gunicorn running uvicorn's deprecated worker class `uvicorn.workers.UvicornWorker`.

## What it does
Flags the command the container runs (the final stage's `CMD`/`ENTRYPOINT`, inherited ones included) when it
starts gunicorn with `-k`/`--worker-class` `uvicorn.workers.UvicornWorker` or `uvicorn.workers.UvicornH11Worker`
(as `-k X`, `-kX`, `--worker-class X` or `--worker-class=X`, in exec or shell form, behind `sh -c`, `uv run`,
`python -m gunicorn`…), or with such a class in `GUNICORN_CMD_ARGS` (`ENV` or an inline prefix).

Stays quiet for `uvicorn_worker.UvicornWorker` (the replacement), for a class held in a variable this file cannot
resolve, for a class set in a gunicorn config file, and for servers started in `RUN` steps or other stages.

## Why it matters
Uvicorn deprecated its `uvicorn.workers` module in version 0.30.0 (May 2024): importing it emits "The
`uvicorn.workers` module is deprecated. Please use `uvicorn-worker` package instead", and uvicorn's deployment docs
say it "will be removed in a future release". An image that pins no uvicorn version breaks on the release that
removes it. The classes now live in the `uvicorn-worker` package (module `uvicorn_worker`). For most images gunicorn
is not needed at all any more: uvicorn and `fastapi run` manage worker processes themselves with `--workers`
(restarting dead ones), which is why the FastAPI guide deprecated the `tiangolo/uvicorn-gunicorn-fastapi` image
built on this combination; and on a cluster one process per container is preferred anyway (DF401).

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["gunicorn", "app.main:app", "-w", "4", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["fastapi", "run", "app/main.py", "--port", "80", "--workers", "4"]
```

or keep gunicorn with the maintained worker (add `uvicorn-worker` to the requirements):
```dockerfile
CMD ["gunicorn", "app.main:app", "-w", "4", "-k", "uvicorn_worker.UvicornWorker", "-b", "0.0.0.0:80"]
```

## Fix
Unsafe: `uvicorn.workers.` becomes `uvicorn_worker.` (`uvicorn_worker.UvicornWorker`,
`uvicorn_worker.UvicornH11Worker`). It is unsafe because the image must also install the `uvicorn-worker` package
(add it to the requirements); without it gunicorn cannot import the class and the container fails to start.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.positions import Span
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.servers import (
    Option,
    ServerInvocation,
    env_definition,
    find_servers,
    gunicorn_env_options,
    option_source,
    option_value_span,
)

CODE = "DF402"
NAME = "gunicorn-uvicorn-worker"
SEVERITY = "warning"
SUMMARY = "`uvicorn.workers.UvicornWorker` is deprecated since uvicorn 0.30; use `uvicorn-worker` or `--workers`"
TWINS: tuple[str, ...] = ()
FIXABLE = True

_DEPRECATED_MODULE = "uvicorn.workers."
_REPLACEMENT_MODULE = "uvicorn_worker."
_DEPRECATED_CLASSES = frozenset({"uvicorn.workers.UvicornWorker", "uvicorn.workers.UvicornH11Worker"})
_WORKER_CLASS = ("-k", "--worker-class")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for server in find_servers(dockerfile):
        if server.server != "gunicorn":
            continue
        option = server.option(*_WORKER_CLASS)
        if option is not None:
            value = server.value_of(option)
            if value in _DEPRECATED_CLASSES:
                yield _violation(f"`{option_source(option)}`", value, option.span, _option_fix(dockerfile, option))
            continue  # the command line wins over GUNICORN_CMD_ARGS
        for env_option in reversed(gunicorn_env_options(server, dockerfile) or ()):
            if env_option.name in _WORKER_CLASS:
                if env_option.value in _DEPRECATED_CLASSES:
                    source = f"`GUNICORN_CMD_ARGS` `{option_source(env_option)}`"
                    yield _violation(source, env_option.value, env_option.span, _env_fix(dockerfile, server))
                break


def _violation(source: str, value: str, span: Span, fix: Fix | None) -> Violation:
    replacement = value.replace(_DEPRECATED_MODULE, _REPLACEMENT_MODULE)
    return Violation(
        span,
        f"{source}: `{value}` is deprecated since uvicorn 0.30 and will be removed. Use `{replacement}` from the "
        f"`uvicorn-worker` package (add it to the requirements), or drop gunicorn for `fastapi run --workers N` / "
        f"`uvicorn --workers N`.",
        fix,
    )


def _option_fix(dockerfile: Dockerfile, option: Option) -> Fix | None:
    """`uvicorn.workers.` -> `uvicorn_worker.` inside the option's value, where it is written plainly."""
    span = option_value_span(dockerfile, option)
    if span is None:
        return None
    return _replacement(dockerfile, span.start_line, span.start_column)


def _env_fix(dockerfile: Dockerfile, server: ServerInvocation) -> Fix | None:
    """The same replacement inside `ENV GUNICORN_CMD_ARGS=…`, when that ENV pair is on one line."""
    if any(assignment.name == "GUNICORN_CMD_ARGS" for assignment in server.command.env):
        return None  # an inline prefix: the command's own words
    pair = env_definition(dockerfile, "GUNICORN_CMD_ARGS", dockerfile.stage_of(server.instruction))
    if pair is None or pair.span.start_line != pair.span.end_line:
        return None
    text = dockerfile.lines[pair.span.start_line - 1][pair.span.start_column - 1 : pair.span.end_column - 1]
    if text.count(_DEPRECATED_MODULE) != 1:
        return None
    return _replacement(dockerfile, pair.span.start_line, pair.span.start_column + text.index(_DEPRECATED_MODULE))


def _replacement(dockerfile: Dockerfile, line: int, column: int) -> Fix | None:
    line_text = dockerfile.lines[line - 1]
    if line_text[column - 1 : column - 1 + len(_DEPRECATED_MODULE)] != _DEPRECATED_MODULE:
        return None
    edit = Edit(Span(line, column, line, column + len(_DEPRECATED_MODULE)), _REPLACEMENT_MODULE)
    return Fix("Use `uvicorn_worker` (needs the `uvicorn-worker` package in the image)", (edit,), safe=False)
