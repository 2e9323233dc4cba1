"""Reports an `EXPOSE` protocol that is not written in lower case (`EXPOSE 80/TCP`).

## What it does
Flags each port of an `EXPOSE` (and `ONBUILD EXPOSE`) whose protocol (`tcp`, `udp`, `sctp`) has upper-case letters.

## Why it matters
Docker stores exposed ports as `80/tcp`; BuildKit lower-cases the protocol and reports `ExposeProtoCasing`
(<https://docs.docker.com/reference/build-checks/expose-proto-casing/>). Older builders and tools that read the
Dockerfile or the image config compare the text and treat `80/TCP` as a different, unknown port.

## Example
```dockerfile
FROM python:3.12-slim
EXPOSE 8000/TCP
```

Use instead:
```dockerfile
FROM python:3.12-slim
EXPOSE 8000/tcp
```

## Fix
Safe: lower-cases the protocol where it is written literally (not when it comes from a variable).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.variables import expose_ports

CODE = "DF618"
NAME = "expose-proto-casing"
SEVERITY = "warning"
SUMMARY = "`EXPOSE` protocol not lower case"
TWINS: tuple[str, ...] = ("ExposeProtoCasing",)
FIXABLE = True

_PROTOCOLS = ("tcp", "udp", "sctp")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("EXPOSE"):
        for spec in expose_ports(instruction):
            lowered = spec.protocol.lower()
            if spec.protocol == lowered or lowered not in _PROTOCOLS:
                continue  # an unknown protocol is DF616's
            fix = None
            offset = spec.protocol_offset
            if offset is not None:
                span = instruction.span_of(offset, offset + len(spec.protocol))
                fix = Fix(f"write `{lowered}`", (Edit(span, lowered),))
            yield Violation(
                spec.span,
                f"{spec.shown}: write the protocol in lower case (`{spec.port}/{lowered}`), as Docker stores it",
                fix,
            )
