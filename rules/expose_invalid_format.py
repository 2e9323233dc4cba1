"""Reports an `EXPOSE` port that carries an IP address or a host-port mapping.

## What it does
Flags `EXPOSE 127.0.0.1:8000:8000`, `EXPOSE 8080:80` and the like (also in `ONBUILD EXPOSE` and through ARG/ENV
values the file defines): EXPOSE takes only the container port and an optional protocol.

## Why it matters
EXPOSE documents which port the container listens on; which host address and port it is published on is decided at
run time (`docker run -p 8080:80`, Compose `ports:`). BuildKit drops the IP and the host port without a word and
reports `ExposeInvalidFormat`, which "will become an error in a future release"
(<https://docs.docker.com/reference/build-checks/expose-invalid-format/>). An image that seems to bind to
`127.0.0.1` does not: the server's own `--host` decides that.

## Example
```dockerfile
FROM python:3.12-slim
EXPOSE 127.0.0.1:8000:8000
```

Use instead:
```dockerfile
FROM python:3.12-slim
EXPOSE 8000
```

## Fix
None automatic: keep the container port (the last number) and publish the host side with `docker run -p` or
Compose `ports:`.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.variables import expose_ports

CODE = "DF617"
NAME = "expose-invalid-format"
SEVERITY = "warning"
SUMMARY = "IP address or host-port mapping in `EXPOSE`"
TWINS: tuple[str, ...] = ("ExposeInvalidFormat",)
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("EXPOSE"):
        for spec in expose_ports(instruction):
            if not spec.ip and not spec.host_port:
                continue
            what = "an IP address and a host port" if spec.ip else "a host-port mapping"
            container = spec.port + (f"/{spec.protocol}" if spec.protocol else "")
            yield Violation(
                spec.span,
                f"{spec.shown} gives {what}, which EXPOSE ignores (BuildKit warns it will become an error): "
                f"write `EXPOSE {container}` and publish the host side at run time (`docker run -p`, Compose "
                f"`ports:`)",
            )
