"""Reports a HEALTHCHECK that calls curl or wget in an image that does not have it.

## What it does
Flags the `HEALTHCHECK CMD` of the final image (the final stage's, or one inherited from a stage it is built
`FROM`; `HEALTHCHECK NONE` turns it off) when it runs `curl` or `wget` — also inside `sh -c` and behind wrappers —
and the image lacks that program:

* `python:*-slim*` and `pypy:*-slim*`, `debian` and `ubuntu` (any tag) have neither curl nor wget;
* `python:*-alpine*`, `pypy:*-alpine*` and `alpine` have BusyBox's `wget` but no `curl`;
* the full `python:3.12` images (built on `buildpack-deps`) have both and are never reported.

The base image is resolved through `ARG`s and earlier stages; any other base image is not judged. It stays quiet
when a `RUN` of the final image's stages installs the program (`apt-get install curl`, `apk add curl`, also
`yum`/`dnf`/`microdnf`/`zypper`, or an install whose package list is a variable), uses it (it must exist then), or a
`COPY`/`ADD` names it (a copied binary).

## Why it matters
The slim images keep only what Python needs at run time; `docker-library/python`'s `slim-trixie` Dockerfile installs
`ca-certificates`, `netbase` and `tzdata`, uses `wget` to fetch the sources and purges it again. A probe that runs a
missing program exits with 127 on every run: after `--retries` attempts the container is `unhealthy` for good,
Compose `depends_on: condition: service_healthy` never starts its dependants and Swarm replaces the task in a loop,
while the server itself works. Docker's reference (HEALTHCHECK) only cares about the exit code, so nothing warns at
build time; Trivy's DS-0026 and Checkov's CKV_DOCKER_2 only check that a HEALTHCHECK exists.

## Example
```dockerfile
FROM python:3.12-slim
COPY . /code
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
CMD ["fastapi", "run", "/code/app/main.py"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY . /code
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
CMD ["fastapi", "run", "/code/app/main.py"]
```

## Fix
None automatic: probe with Python's standard library as above (`urlopen` raises, so the command fails, on an HTTP
error or a refused connection), or install the tool (`RUN apt-get update && apt-get install -y --no-install-recommends
curl && rm -rf /var/lib/apt/lists/*`), which adds a few megabytes and another package to patch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.images import parse_image
from linter.model import Dockerfile, Instruction, Stage
from linter.packages import package_commands, root_image
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Command, command_basename

CODE = "DF409"
NAME = "healthcheck-tool-missing"
SEVERITY = "warning"
SUMMARY = "HEALTHCHECK runs curl/wget, which the base image (`python:*-slim`, alpine) does not have"
TWINS: tuple[str, ...] = ()
FIXABLE = False

_TOOLS = ("curl", "wget")
_INSTALLING = frozenset({"install", "add"})
_VERSION = lazy_compile(r"[=<>~].*$")
_URL = lazy_compile(r"https?://[^\s'\"]+")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    final = dockerfile.final_stage
    if final is None:
        return
    chain = _chain(dockerfile, final)
    healthcheck = _healthcheck(chain)
    if healthcheck is None:
        return
    base = root_image(dockerfile, final.from_instruction)
    missing = _missing_tools(base)
    if not missing:
        return
    for command in healthcheck.commands:
        words = command.effective().words
        if not words:
            continue
        tool = command_basename(words[0])
        if tool not in missing or _provided(chain, tool):
            continue
        yield _violation(healthcheck, command, tool, base or "")
        return


def _chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    chain = [stage]
    seen = {stage.index}
    while (base := dockerfile.base_stage(chain[-1])) is not None and base.index not in seen:
        seen.add(base.index)
        chain.append(base)
    return chain


def _healthcheck(chain: list[Stage]) -> Instruction | None:
    """The HEALTHCHECK in force (the last one, nearest stage first); None for none or `HEALTHCHECK NONE`."""
    for stage in chain:
        for instruction in reversed(stage.instructions):
            if instruction.keyword == "HEALTHCHECK":
                first = instruction.arguments.split(None, 1)[0].upper() if instruction.arguments.strip() else ""
                return instruction if first == "CMD" else None
    return None


def _missing_tools(base: str | None) -> tuple[str, ...]:
    image = parse_image(base) if base else None
    if image is None or image.registry is not None:
        return ()
    tag = (image.tag or "").lower()
    if image.repository in ("python", "pypy"):
        if "slim" in tag:
            return _TOOLS
        return ("curl",) if "alpine" in tag else ()
    if image.repository in ("debian", "ubuntu"):
        return _TOOLS
    if image.repository == "alpine":
        return ("curl",)
    return ()


def _provided(chain: list[Stage], tool: str) -> bool:
    """Whether a RUN installs or uses the tool, or a COPY/ADD names it, in the final image's stages."""
    for stage in chain:
        for instruction in stage.instructions:
            if instruction.keyword in ("COPY", "ADD"):
                if re.search(rf"(^|[/\s]){tool}(\s|$|\"|')", instruction.arguments):
                    return True
                continue
            if instruction.keyword != "RUN":
                continue
            for found in package_commands(instruction):
                if found.subcommand not in _INSTALLING:
                    continue
                if found.dynamic_operands or any(
                    _VERSION.sub("", word.value) == tool for word in found.static_operands
                ):
                    return True
            for command in instruction.commands:
                words = command.effective().words
                if words and command_basename(words[0]) == tool:
                    return True
    return False


def _violation(healthcheck: Instruction, command: Command, tool: str, base: str) -> Violation:
    url_match = next((_URL.search(word.value) for word in command.words if _URL.search(word.value)), None)
    url = url_match.group().rstrip(")") if url_match else "http://localhost:8000/health"
    probe = f"python -c \"import urllib.request; urllib.request.urlopen('{url}')\""
    alpine = "alpine" in base
    lacks = "has no `curl` (only BusyBox's `wget`)" if alpine else "has neither `curl` nor `wget`"
    image = parse_image(base)
    if image is not None and image.repository in ("python", "pypy"):
        advice = f"Probe with Python instead (`HEALTHCHECK CMD {probe}`) or install `{tool}`."
    elif alpine:
        advice = f"Use BusyBox's `wget -q --spider {url}`, or install `{tool}` (`apk add --no-cache {tool}`)."
    else:
        advice = f"Install `{tool}` in the image, or probe with a program it has."
    message = (
        f"The HEALTHCHECK runs `{tool}`, but the image is built on `{base}`, which {lacks}, and no RUN installs "
        f"it: the probe fails every time and the container ends up `unhealthy`. {advice}"
    )
    word = command.effective().words[0]
    return Violation(word.span, message)
