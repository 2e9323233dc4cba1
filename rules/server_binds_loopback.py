"""Reports a server that listens only on the loopback interface (127.0.0.1) inside the container.

## What it does
Flags the command the container runs (the final stage's `CMD`/`ENTRYPOINT`, inherited ones included) when the
server it starts listens on 127.0.0.1, `localhost` or `::1`, whether written out or by default:

* uvicorn without `--host` (default 127.0.0.1), unless `UVICORN_HOST` is set or it serves a socket (`--uds`,
  `--fd`); `--host 127.0.0.1`/`localhost`/`::1`; `UVICORN_HOST=127.0.0.1`;
* `fastapi dev` without `--host` (default 127.0.0.1); `fastapi run --host 127.0.0.1` (`fastapi run` alone listens
  on 0.0.0.0 and is fine);
* gunicorn without `-b`/`--bind`, without `PORT` in the environment (gunicorn then binds `0.0.0.0:$PORT`), without
  a bind in `GUNICORN_CMD_ARGS` and without a config file that may bind (`-c`, a `gunicorn.conf.py` in the build
  context or copied in): default `127.0.0.1:8000`; or every `--bind` on loopback;
* hypercorn without `-b`/`--bind` (default `127.0.0.1:8000`) and without `-c`; or every bind on loopback;
* `flask run` without `--host`/`-h` and without `FLASK_RUN_HOST` (default 127.0.0.1), or with a loopback host;
* `manage.py runserver` without an address, with a port only (`8000`), or with `127.0.0.1:8000`/`localhost:8000`.

Stays quiet when the address is a variable this file cannot resolve (ARG values do not reach a running container),
when options may come from elsewhere (an unquoted `$OPTS`, `"$@"`, or an `ENTRYPOINT` script that runs the `CMD` and
may add options or export `UVICORN_HOST` first; `tini`, `dumb-init`, `gosu` and the like only run it), and for
servers in `RUN` steps, `HEALTHCHECK`s or other stages.

## Why it matters
A port published with `docker run -p 8000:8000`, a Compose `ports:` entry or a Kubernetes Service forwards traffic
to the container's own network interface, not to its loopback. A server bound to 127.0.0.1 accepts connections only
from inside the container: the container starts, its logs look healthy, and every request from outside fails with
"connection refused" or "empty reply". Uvicorn's settings say "Use `--host 0.0.0.0` to make the application
available on your local network"; fastapi-cli's `--host` help says "To enable public access, e.g. in a container,
use all the IP addresses available with 0.0.0.0"; the `tiangolo/uvicorn-gunicorn` images warn that with
`127.0.0.1` the app "will only be available inside the container".

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["uvicorn", "app.main:app", "--port", "80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80"]
```

## Fix
Unsafe (the server becomes reachable from the network, which is the point, but check that nothing in front of it,
such as a sidecar proxy, relied on loopback): a loopback address written out becomes `0.0.0.0` (the port kept); a
missing one is added right after the server's name (`--host 0.0.0.0` for uvicorn, `fastapi dev` and flask,
`--bind 0.0.0.0:8000` for gunicorn and hypercorn, `0.0.0.0:8000` for `runserver`). None when the address comes from
the environment.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.positions import Span
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.servers import (
    Option,
    ServerInvocation,
    env_setting,
    find_servers,
    gunicorn_env_options,
    gunicorn_may_read_config,
    insertion_after,
    is_loopback,
    option_source,
    option_value_span,
    value_span,
)

CODE = "DF404"
NAME = "server-binds-loopback"
SEVERITY = "warning"
SUMMARY = "The server listens on 127.0.0.1 only: unreachable from outside the container"
TWINS: tuple[str, ...] = ()
FIXABLE = True

_UNREACHABLE = "unreachable through published ports (`docker run -p`, Compose `ports:`, a Kubernetes Service)"
_BIND_OPTIONS = ("-b", "--bind", "--insecure-bind", "--quic-bind")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for server in find_servers(dockerfile):
        checker = _CHECKERS.get(server.server)
        if checker is not None:
            violation = checker(server, dockerfile, context)
            if violation is not None:
                yield violation


def _explicit(server: ServerInvocation, dockerfile: Dockerfile, option: Option, host: str | None) -> Violation | None:
    """A host option whose value is loopback; ``host`` is the host part of the resolved value."""
    if host is None or not is_loopback(host):
        return None
    return Violation(
        option.span,
        f"`{option_source(option)}` makes {_name(server)} listen on {host} only, {_UNREACHABLE}. Use `0.0.0.0`.",
        _replace_fix(dockerfile, option),
    )


def _default(server: ServerInvocation, dockerfile: Dockerfile, address: str, arguments: tuple[str, ...]) -> Violation:
    added = " ".join(arguments)
    fix = None
    # After the app (`uvicorn app:app --host 0.0.0.0`) where there is one, else after the server's name.
    anchor = next((word for word in server.positionals[:1] if word.is_static), server.program)
    if server.server == "django":
        anchor = server.program
    edit = insertion_after(server, dockerfile, anchor, arguments)
    if edit is not None:
        fix = Fix(f"Add `{added}`", (edit,), safe=False)
    return Violation(
        server.name_span,
        f"{_name(server)} listens on {address} by default, {_UNREACHABLE}: add `{added}`.",
        fix,
    )


def _from_environment(server: ServerInvocation, source: str, host: str, span: Span) -> Violation | None:
    if not is_loopback(host):
        return None
    return Violation(span, f"{source} makes {_name(server)} listen on {host} only, {_UNREACHABLE}. Use `0.0.0.0`.")


def _name(server: ServerInvocation) -> str:
    return f"`{server.server} {server.subcommand}`" if server.server == "fastapi" else server.server


def _uvicorn(server: ServerInvocation, dockerfile: Dockerfile, context: RuleContext) -> Violation | None:
    option = server.option("--host")
    if option is not None:
        return _explicit(server, dockerfile, option, server.value_of(option))
    if server.server == "fastapi":
        # fastapi passes its own host to uvicorn (UVICORN_HOST is not read): 0.0.0.0 for run, 127.0.0.1 for dev.
        if server.subcommand != "dev" or server.open_arguments:
            return None
        return _default(server, dockerfile, "127.0.0.1", ("--host", "0.0.0.0"))
    if server.has("--uds", "--fd"):
        return None
    host = env_setting(server, dockerfile, "UVICORN_HOST")
    if host is not None:
        return None if host.value is None else _from_environment(server, host.source, host.value, host.span)
    if server.open_arguments or any(
        env_setting(server, dockerfile, name) is not None for name in ("UVICORN_UDS", "UVICORN_FD")
    ):
        return None
    return _default(server, dockerfile, "127.0.0.1", ("--host", "0.0.0.0"))


def _bind_host(address: str | None) -> str | None:
    """The host of a gunicorn/hypercorn bind address; None for unknown values, sockets and descriptors."""
    if address is None or address.startswith(("unix:", "fd://")):
        return None
    address = address.removeprefix("tcp://")
    if address.startswith("["):
        return address[1 : address.index("]")] if "]" in address else None
    return address.rsplit(":", 1)[0] if ":" in address else address


def _binds(
    server: ServerInvocation, options: tuple[Option, ...], resolve: bool = True
) -> tuple[bool, tuple[Option, str] | None]:
    """Whether there are explicit binds, and the first one with its host when every one is on loopback."""
    binds = [option for option in options if option.name in _BIND_OPTIONS]
    hosts = [_bind_host(server.value_of(option) if resolve else option.value) for option in binds]
    if not binds or any(host is None or not is_loopback(host) for host in hosts):
        return bool(binds), None
    first = hosts[0]
    assert first is not None
    return True, (binds[0], first)


def _gunicorn(server: ServerInvocation, dockerfile: Dockerfile, context: RuleContext) -> Violation | None:
    """gunicorn and hypercorn: `-b host:port`, default 127.0.0.1:8000."""
    has_binds, loopback = _binds(server, server.options)
    if loopback is not None:
        return _explicit(server, dockerfile, *loopback)
    if has_binds:
        return None
    if server.server == "gunicorn":
        env_options = gunicorn_env_options(server, dockerfile)
        if env_options is None:
            return None
        has_binds, loopback = _binds(server, env_options, resolve=False)
        if loopback is not None:
            option, host = loopback
            return _from_environment(server, f"`GUNICORN_CMD_ARGS` `{option_source(option)}`", host, option.span)
        in_context = context.read_context_file("gunicorn.conf.py") is not None
        if has_binds or server.sets_environment("PORT") or gunicorn_may_read_config(server, dockerfile, in_context):
            return None
    elif server.has("-c", "--config"):
        return None
    if server.open_arguments:
        return None
    return _default(server, dockerfile, "127.0.0.1:8000", ("--bind", "0.0.0.0:8000"))


def _flask(server: ServerInvocation, dockerfile: Dockerfile, context: RuleContext) -> Violation | None:
    option = server.option("-h", "--host")
    if option is not None:
        return _explicit(server, dockerfile, option, server.value_of(option))
    host = env_setting(server, dockerfile, "FLASK_RUN_HOST")
    if host is not None:
        return None if host.value is None else _from_environment(server, host.source, host.value, host.span)
    if server.open_arguments:
        return None
    return _default(server, dockerfile, "127.0.0.1", ("--host", "0.0.0.0"))


def _django(server: ServerInvocation, dockerfile: Dockerfile, context: RuleContext) -> Violation | None:
    loopback = "::1" if server.has("-6", "--ipv6") else "127.0.0.1"
    positionals = server.positionals
    if not positionals:
        if server.open_arguments:
            return None
        return _default(server, dockerfile, f"{loopback}:8000", ("0.0.0.0:8000",))
    word = positionals[0]
    address = server.resolve(word)
    if address is None:
        return None
    if address.isdigit():
        host, port = loopback, address
    elif ":" in address:
        host, port = address.rsplit(":", 1)
        host = host.strip("[]")
    else:
        return None
    if not is_loopback(host):
        return None
    fix = None
    span = value_span(dockerfile, word)
    if span is not None and word.is_static:
        fix = Fix("Listen on 0.0.0.0", (Edit(span, f"0.0.0.0:{port}"),), safe=False)
    return Violation(
        word.span,
        f"`runserver {address}` listens on {host} only, {_UNREACHABLE}. Use `0.0.0.0:{port}`.",
        fix,
    )


def _replace_fix(dockerfile: Dockerfile, option: Option) -> Fix | None:
    """The loopback host in a written-out value becomes 0.0.0.0, the port kept."""
    if not option.word.is_static or (option.value_word is not None and not option.value_word.is_static):
        return None
    span = option_value_span(dockerfile, option)
    if span is None or option.value is None:
        return None
    value = option.value
    if option.name in _BIND_OPTIONS:
        host = _bind_host(value)
        if host is None:
            return None
        port = value.removeprefix("tcp://")[len(host) + (2 if value.removeprefix("tcp://").startswith("[") else 0) :]
        replacement = f"0.0.0.0{port}"
    else:
        replacement = "0.0.0.0"
    return Fix("Listen on 0.0.0.0", (Edit(span, replacement),), safe=False)


_CHECKERS = {
    "uvicorn": _uvicorn,
    "fastapi": _uvicorn,
    "gunicorn": _gunicorn,
    "hypercorn": _gunicorn,
    "flask": _flask,
    "django": _django,
}
