"""Reports a development server, or a server in development mode, as the command the container runs.

## What it does
Flags the command the container runs (the final stage's `CMD`/`ENTRYPOINT`, inherited ones included) when it is:

* `fastapi dev` (reload on, listens on 127.0.0.1, sets `FASTAPI_ENV=development`), or `fastapi run --reload`;
* uvicorn, gunicorn or hypercorn with `--reload`; uvicorn with `UVICORN_RELOAD` true (`ENV` or an inline prefix);
  gunicorn with `--reload` in `GUNICORN_CMD_ARGS`;
* Flask in debug mode: `flask --debug run`, `flask run --debug`, `flask run --reload`, `FLASK_DEBUG` true, or
  `FLASK_ENV=development` (how Flask before 2.3 turned debug mode on; a `FLASK_DEBUG` decides when both are set);
* Django's `manage.py runserver` (also `django-admin runserver`, `python -m django runserver`).

Stays quiet for `--no-reload`/`--no-debug`, for a `flask run` without debug or reload, and for servers started in
`RUN` steps (tests), `HEALTHCHECK`s or stages other than the final one (a `dev` stage is fine as long as the image
you ship is built from another).

## Why it matters
Reloading watches the source tree and restarts the server on every change: fastapi-cli's help calls it "resource
intensive, use it only during development", and uvicorn's docs show `UVICORN_RELOAD=true` only for a development
Compose file. In an image the code never changes, so the watcher only costs CPU and memory, and the reloader runs
the server as a child process. Uvicorn cannot combine it with `--workers` (DF405). `fastapi dev` also listens on
127.0.0.1, unreachable from outside the container (DF404). Flask's debug mode turns on the interactive Werkzeug
debugger, which lets anyone who reaches an error page run Python code in the container; Flask's and Django's
development servers are documented as not for production use ("DO NOT USE THIS SERVER IN A PRODUCTION SETTING").

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80", "--reload"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80"]
```

## Fix
Unsafe (behaviour changes; check that nothing relied on reloading):

* `fastapi dev` becomes `fastapi run` (which also listens on 0.0.0.0), and an explicit `--reload` is dropped
  (no fix when `--reload-dir` is given: `fastapi run` has no such option);
* the `--reload` word is removed (in a JSON array, with its comma; in shell form, with the blank or line
  continuation before it).

None automatic for `UVICORN_RELOAD`/`GUNICORN_CMD_ARGS`/`FLASK_DEBUG` (remove the variable from the image), Flask's
debug mode and `runserver`: serve the app with a production server (gunicorn, uvicorn) instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.servers import ServerInvocation, Setting, find_servers, reload_setting, removal_span, value_span

CODE = "DF403"
NAME = "dev-server-in-image"
SEVERITY = "warning"
SUMMARY = "The container runs a development server or reloads on code changes"
TWINS: tuple[str, ...] = ()
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for server in find_servers(dockerfile):
        if server.server == "django":
            words = " ".join(word.value for word in server.command.words[: _position(server) + 1])
            yield Violation(
                server.name_span,
                f"`{words}` is Django's development server, not meant for production: serve the project with "
                f"gunicorn or uvicorn (`gunicorn project.wsgi`, `uvicorn project.asgi:application`).",
            )
            continue
        if server.server == "fastapi" and server.subcommand == "dev":
            listens = "" if server.has("--host") else " and listens on 127.0.0.1 only"
            yield Violation(
                server.name_span,
                f"`fastapi dev` is for development: it reloads on code changes{listens}. Use `fastapi run`.",
                _fastapi_dev_fix(dockerfile, server),
            )
            continue
        setting = reload_setting(server, dockerfile)
        if setting is None:
            continue
        if server.server == "flask" and (setting.option is None or setting.option.name != "--reload"):
            before_2_3 = " (Flask before 2.3 reads it)" if "FLASK_ENV" in setting.source else ""
            yield Violation(
                setting.span,
                f"{setting.source}{before_2_3} runs Flask's development server in debug mode (reloader and the "
                f"interactive debugger, which runs code for anyone who reaches an error page): serve the app with a "
                f"production server such as gunicorn.",
            )
        else:
            yield Violation(
                setting.span,
                f"{setting.source} makes {server.server} watch the code and restart on changes, a development "
                f"feature that costs CPU and memory in an image whose code never changes: remove it.",
                _reload_fix(dockerfile, server, setting),
            )


def _reload_fix(dockerfile: Dockerfile, server: ServerInvocation, setting: Setting) -> Fix | None:
    if setting.option is None or setting.option.value_word is not None:
        return None  # set by the environment
    edits = _reload_removals(dockerfile, server)
    if edits is None:
        return None
    return Fix("Remove `--reload`", edits, safe=False)


def _reload_removals(dockerfile: Dockerfile, server: ServerInvocation) -> tuple[Edit, ...] | None:
    edits = []
    for option in server.options_named("--reload"):
        span = removal_span(server, dockerfile, option.word)
        if span is None:
            return None
        edits.append(Edit(span, ""))
    return tuple(edits)


def _fastapi_dev_fix(dockerfile: Dockerfile, server: ServerInvocation) -> Fix | None:
    if server.has("--reload-dir"):
        return None  # `fastapi run` has no --reload-dir
    span = value_span(dockerfile, server.program)
    removals = _reload_removals(dockerfile, server)
    if span is None or removals is None:
        return None
    return Fix("Use `fastapi run`", (Edit(span, "run"), *removals), safe=False)


def _position(server: ServerInvocation) -> int:
    return next(index for index, word in enumerate(server.command.words) if word is server.program)
