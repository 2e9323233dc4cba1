"""Reports `--proxy-headers` without `--forwarded-allow-ips`: the proxy's headers are ignored.

## What it does
Flags uvicorn and `fastapi run`/`fastapi dev` in the command the container runs (the final stage's `CMD`/`ENTRYPOINT`,
inherited ones included) when proxy headers are asked for explicitly — `--proxy-headers`, or for the uvicorn CLI
`UVICORN_PROXY_HEADERS=true` — and nothing says which proxy to trust: no `--forwarded-allow-ips`, no
`FORWARDED_ALLOW_IPS` in the server's environment (an `ENV` of the image or an inline `VAR=x uvicorn …`) and, for the
uvicorn CLI, no `UVICORN_FORWARDED_ALLOW_IPS`.

Stays quiet when `--no-proxy-headers` comes last, when more options may reach the server (an unquoted `$OPTS`,
`"$@"`, an `ENTRYPOINT` script that runs the `CMD`), for gunicorn and hypercorn (which have no `--proxy-headers`
switch), and for servers in `RUN` steps or other stages.

## Why it matters
`--proxy-headers` makes the server read `X-Forwarded-For` and `X-Forwarded-Proto` (the client's address, and `https`
behind a TLS-terminating proxy), but only from the addresses in `--forwarded-allow-ips`, which defaults to
`$FORWARDED_ALLOW_IPS` or `127.0.0.1` (uvicorn's `docs/settings.md`). In a container, the proxy (Traefik, Nginx, a
cloud load balancer) connects from another container or host, never from 127.0.0.1, so its headers are silently
ignored: the app sees the proxy's address as the client, builds `http://` URLs for redirects and
`url_for`, and OpenAPI docs behind HTTPS break with mixed-content errors. The FastAPI guide ("FastAPI in Containers",
"Behind a TLS Termination Proxy") shows `CMD ["fastapi", "run", "app/main.py", "--proxy-headers", "--port", "80"]`;
its "Behind a Proxy" page explains that the headers are only used when the proxy's IP is trusted with
`--forwarded-allow-ips`. `fastapi run` turns proxy headers on by default, so the flag alone changes nothing there.
The exception is a proxy that shares the container's network namespace (a Kubernetes sidecar such as Envoy): it
connects from 127.0.0.1 and is trusted; suppress the finding in that setup.

## Example
```dockerfile
FROM python:3.12-slim
COPY . /code
CMD ["fastapi", "run", "app/main.py", "--proxy-headers", "--port", "80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY . /code
CMD ["fastapi", "run", "app/main.py", "--proxy-headers", "--forwarded-allow-ips", "10.0.0.0/8", "--port", "80"]
```

## Fix
None automatic: only you know the proxy's address or network. Pass it with `--forwarded-allow-ips` (addresses and
networks, comma-separated) or set `ENV FORWARDED_ALLOW_IPS=…`; `*` trusts every client and is only right when
nothing but the proxy can reach the container (see DF407).

## Differences from peers
No other Dockerfile linter looks at server options.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.servers import ServerInvocation, env_setting, find_servers, is_truthy, option_source

CODE = "DF406"
NAME = "proxy-headers-untrusted"
SEVERITY = "warning"
SUMMARY = "`--proxy-headers` without `--forwarded-allow-ips`: only 127.0.0.1 is trusted, a proxy container is ignored"
TWINS: tuple[str, ...] = ()
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for server in find_servers(dockerfile):
        if server.server not in ("uvicorn", "fastapi") or server.open_arguments:
            continue
        violation = _check(server, dockerfile)
        if violation is not None:
            yield violation


def _check(server: ServerInvocation, dockerfile: Dockerfile) -> Violation | None:
    is_uvicorn_cli = server.server == "uvicorn"
    switch = server.option("--proxy-headers", "--no-proxy-headers")
    if switch is not None:
        if switch.name != "--proxy-headers":
            return None
        source, span = f"`{option_source(switch)}`", switch.span
    else:
        setting = env_setting(server, dockerfile, "UVICORN_PROXY_HEADERS") if is_uvicorn_cli else None
        if setting is None or not is_truthy(setting.value):
            return None
        source, span = setting.source, setting.span
    if server.has("--forwarded-allow-ips") or server.sets_environment("FORWARDED_ALLOW_IPS"):
        return None
    if is_uvicorn_cli and server.sets_environment("UVICORN_FORWARDED_ALLOW_IPS"):
        return None
    name = "uvicorn" if is_uvicorn_cli else f"`fastapi {server.subcommand}`"
    message = (
        f"{source} asks {name} to read `X-Forwarded-For`/`X-Forwarded-Proto`, but without `--forwarded-allow-ips` "
        "(or `FORWARDED_ALLOW_IPS`) it trusts them only from 127.0.0.1: a proxy in another container or host is "
        "ignored, so the app sees the proxy's address and `http://` URLs. Add `--forwarded-allow-ips` with the "
        "proxy's address or network (`--forwarded-allow-ips=10.0.0.0/8`), or `*` only if nothing but the proxy "
        "can reach the container."
    )
    return Violation(span, message)
