"""Reports an `EXPOSE` port that `docker build` cannot parse: out of range, not a number, a reversed range or an
unknown protocol.

## What it does
Flags each port of an `EXPOSE` (and `ONBUILD EXPOSE`) whose container port is not a number from 0 to 65535, whose
range is not `low-high` with `low <= high`, which has no port at all (`EXPOSE /tcp`), or whose protocol is not `tcp`,
`udp` or `sctp`. Ports written with ARG or ENV variables are checked with their values when the file defines them.

## Why it matters
BuildKit parses every EXPOSE port when it builds the image config and stops the build on such a port (`invalid
containerPort`, `invalid proto`); the legacy builder accepted some of them and produced an image whose metadata
tools then reject. Ports are 16-bit numbers (RFC 793, RFC 768); hadolint reports ports above 65535 as DL3011 and
Trivy as DS-0008.

## Example
```dockerfile
FROM python:3.12-slim
EXPOSE 80000
EXPOSE 8000/http
```

Use instead:
```dockerfile
FROM python:3.12-slim
EXPOSE 8000
EXPOSE 8000/tcp
```

## Fix
None automatic: only the author knows which port the application listens on.

## Differences from hadolint
hadolint DL3011 only compares the numbers with 65535: it accepts `EXPOSE 9000-8000`, `EXPOSE http` and `EXPOSE
80/http`, which fail the build, and it cannot check `EXPOSE ${PORT}` even when `ARG PORT=80000` is in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.variables import PortSpec, expose_ports

CODE = "DF616"
NAME = "expose-invalid-port"
SEVERITY = "error"
SUMMARY = "`EXPOSE` port out of range or unparsable"
TWINS: tuple[str, ...] = ("DL3011", "DS-0008")
FIXABLE = False

PROTOCOLS = ("tcp", "udp", "sctp")
_NUMBER = lazy_compile(r"[0-9]+")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("EXPOSE"):
        for spec in expose_ports(instruction):
            problem = port_problem(spec)
            if problem is not None:
                yield Violation(spec.span, _message(spec, problem))


def port_problem(spec: PortSpec) -> str | None:
    """Why BuildKit rejects the container port or protocol of ``spec``, or None."""
    if spec.protocol and spec.protocol.lower() not in PROTOCOLS:
        return f"the protocol `{spec.protocol}` is none of tcp, udp, sctp"
    if not spec.port:
        return "it names no port"
    return range_problem(spec.port)


def range_problem(text: str) -> str | None:
    low, dash, high = text.partition("-")
    if not dash:
        return _number_problem(text)
    if "-" in high:
        return f"`{text}` is not a range of the form `low-high`"
    for part in (low, high):
        problem = _number_problem(part)
        if problem is not None:
            return problem
    if int(high) < int(low):
        return f"the range `{text}` ends before it starts"
    return None


def _number_problem(text: str) -> str | None:
    if not _NUMBER.fullmatch(text):
        return f"`{text}` is not a port number"
    number = text.lstrip("0") or "0"
    if len(number) > 5 or int(number) > 65535:  # the length first: int() refuses over 4,300 digits
        return f"{number if len(number) <= 20 else number[:20] + '…'} is above 65535, the highest port"
    return None


def _message(spec: PortSpec, problem: str) -> str:
    return (
        f"{spec.shown} cannot be parsed: {problem}; `docker build` stops here. Write the port the application "
        f"listens on, a number from 0 to 65535 (`8000`, `8000-8010`), optionally with `/tcp`, `/udp` or `/sctp`"
    )
