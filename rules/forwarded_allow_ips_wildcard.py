"""Points out `--forwarded-allow-ips="*"`: every client may claim any address and scheme.

## What it does
Reports, for the server the container runs (the final stage's `CMD`/`ENTRYPOINT`, inherited ones included), a
forwarded-allow list that contains `*`:

* uvicorn, `fastapi run|dev` and gunicorn: `--forwarded-allow-ips="*"` (any quoting, `--forwarded-allow-ips *`,
  or a list such as `10.0.0.1,*`);
* `FORWARDED_ALLOW_IPS=*` in the server's environment (an `ENV` of the image, inherited ones included, or an inline
  `FORWARDED_ALLOW_IPS=* uvicorn …`), which uvicorn, `fastapi run` and gunicorn all read;
* `UVICORN_FORWARDED_ALLOW_IPS=*` for the uvicorn CLI, and `--forwarded-allow-ips=*` inside `GUNICORN_CMD_ARGS`.

An `ENV` is reported at the `ENV` line, an option at the option. Servers in `RUN` steps or other stages, and values
this file cannot resolve, are not judged.

## Why it matters
The allow list says whose `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Forwarded-Host` headers the server believes.
With `*`, anyone who can reach the container can claim any client address (defeating IP allow lists, rate limits and
audit logs keyed on it) and any scheme (`https` on a plain connection). FastAPI's "Behind a Proxy" page and uvicorn's
settings ("Only trust clients you can actually trust!") allow `*` only when the server is reachable solely through
the proxy: true in many Compose and Kubernetes setups, which is why this is info, not a warning. Where the proxy has
a known address or network, list that instead (`--forwarded-allow-ips=10.0.0.0/8`).

## Example
```dockerfile
FROM python:3.12-slim
COPY . /code
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--forwarded-allow-ips", "*"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY . /code
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--forwarded-allow-ips", "172.18.0.0/16"]
```

## Fix
None automatic: replace `*` with the proxy's address or network, or keep it if only the proxy can reach the
container (suppress the finding with a comment saying so).

## Differences from peers
No other Dockerfile linter looks at server options.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.positions import Span
from linter.rule import RuleContext, Violation
from linter.servers import (
    ServerInvocation,
    env_definition,
    env_setting,
    find_servers,
    gunicorn_env_options,
    option_source,
)

CODE = "DF407"
NAME = "forwarded-allow-ips-wildcard"
SEVERITY = "info"
SUMMARY = '`--forwarded-allow-ips="*"`: every client is trusted to set X-Forwarded-For/-Proto'
TWINS: tuple[str, ...] = ()
FIXABLE = False

_SERVERS = ("uvicorn", "fastapi", "gunicorn")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    reported: set[tuple[int, int]] = set()
    for server in find_servers(dockerfile):
        if server.server not in _SERVERS:
            continue
        found = _wildcard(server, dockerfile)
        if found is None:
            continue
        source, span = found
        if (span.start_line, span.start_column) in reported:
            continue  # one ENV line read by two servers of the same command
        reported.add((span.start_line, span.start_column))
        message = (
            f"{source} lets every client that reaches {_name(server)} set `X-Forwarded-For` and `X-Forwarded-Proto`: "
            "any caller can pose as another address or as HTTPS. Keep `*` only if nothing but the proxy can reach "
            "the container; otherwise list the proxy's address or network (`--forwarded-allow-ips=10.0.0.0/8`)."
        )
        yield Violation(span, message)


def _wildcard(server: ServerInvocation, dockerfile: Dockerfile) -> tuple[str, Span] | None:
    option = server.option("--forwarded-allow-ips")
    if option is not None:
        value = server.value_of(option)
        return (f"`{option_source(option)}`", option.span) if _has_wildcard(value) else None
    if server.server == "gunicorn":
        for env_option in reversed(gunicorn_env_options(server, dockerfile) or ()):
            if env_option.name == "--forwarded-allow-ips":
                if not _has_wildcard(env_option.value):
                    return None
                return f"`GUNICORN_CMD_ARGS` `{option_source(env_option)}`", _env_span(
                    dockerfile, server, "GUNICORN_CMD_ARGS"
                )
    names = ("UVICORN_FORWARDED_ALLOW_IPS", "FORWARDED_ALLOW_IPS") if server.server == "uvicorn" else ()
    for name in (*names, "FORWARDED_ALLOW_IPS"):
        setting = env_setting(server, dockerfile, name)
        if setting is None:
            continue
        if not _has_wildcard(setting.value):
            return None
        return setting.source, _env_span(dockerfile, server, name, setting.span)
    return None


def _env_span(dockerfile: Dockerfile, server: ServerInvocation, name: str, fallback: Span | None = None) -> Span:
    """The inline assignment, else the ENV pair that sets ``name``, else the server's name."""
    for assignment in server.command.env:
        if assignment.name == name:
            return assignment.span
    pair = env_definition(dockerfile, name, dockerfile.stage_of(server.instruction))
    if pair is not None:
        return pair.span
    return fallback or server.name_span


def _has_wildcard(value: str | None) -> bool:
    if value is None:
        return False
    return any(part.strip().strip("\"'") == "*" for part in value.split(","))


def _name(server: ServerInvocation) -> str:
    if server.server == "fastapi":
        return f"`fastapi {server.subcommand}`"
    return server.server
