"""Suggests `ENV PYTHONUNBUFFERED=1` for an image that runs a Python web server.

## What it does
Reports, once per Dockerfile, the Python web server the final image runs (uvicorn, gunicorn, hypercorn,
`fastapi run|dev`, `flask run`, Django's `runserver`; found in the final stage's `CMD`/`ENTRYPOINT`, inherited ones
included, however wrapped) when its output stays buffered: `PYTHONUNBUFFERED` is not set to a non-empty value by an
`ENV` of the image (the final stage or a stage it is built `FROM`) or by an inline `PYTHONUNBUFFERED=1 uvicorn …`,
and the interpreter is not run with `-u` (`python -u -m uvicorn …`).

Stays quiet when the base image may set the variable itself (only images known not to — `python`, `pypy`, `debian`,
`ubuntu`, `alpine`, `ghcr.io/astral-sh/uv` — are judged; Red Hat's UBI Python images, for one, set it), when the
value cannot be known, and when an `ENTRYPOINT` script runs the `CMD` (it may export the variable).

## Why it matters
Python buffers `stdout` in blocks when it is not a terminal, which is the case under `docker run -d`, Compose and
Kubernetes. What the application writes there with `print()` (or `sys.stdout.write`) reaches `docker logs` late,
out of order with `stderr`, or never, when the process is killed or crashes with the buffer still full. Docker's
Python guide (`docker/docs` `content/guides/python/containerize.md`) sets `ENV PYTHONUNBUFFERED=1` "to avoid
situations where the application crashes without emitting any logs due to buffering". It is info only: records
written through the `logging` module (uvicorn's and gunicorn's own logs, access log included) are flushed one by
one whatever the buffering, so an application that logs only that way is not affected.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /code
COPY . .
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
Unsafe (output is flushed line by line from then on, a small cost the user should accept knowingly): inserts
`ENV PYTHONUNBUFFERED=1` on its own line right before the instruction that starts the server, in the keyword casing
of that instruction.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.images import parse_image
from linter.model import Dockerfile, Instruction
from linter.positions import Span
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.servers import ServerInvocation, behind_entrypoint_script, find_servers

CODE = "DF408"
NAME = "python-unbuffered-missing"
SEVERITY = "info"
SUMMARY = "Python server image without `PYTHONUNBUFFERED=1`: `print()` output arrives late or is lost on a crash"
TWINS: tuple[str, ...] = ()
FIXABLE = True

# Base images known not to set PYTHONUNBUFFERED (the official ones and uv's).
_KNOWN_BASES = frozenset({"python", "pypy", "debian", "ubuntu", "alpine", "ghcr.io/astral-sh/uv", "astral/uv"})
_PYTHON = lazy_compile(r"python(?:\d+(?:\.\d+)*)?|pypy3?")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    servers = find_servers(dockerfile)
    if not servers or not _known_base(dockerfile):
        return
    script = behind_entrypoint_script(dockerfile)
    for server in servers:
        if script is not None and server.instruction is not script:
            return  # the script may export PYTHONUNBUFFERED before it runs the CMD
        if _unbuffered(server) is not False:
            return
    server = servers[0]
    yield Violation(server.name_span, _message(server), _fix(server.instruction))


def _known_base(dockerfile: Dockerfile) -> bool:
    stage = dockerfile.final_stage
    seen: set[int] = set()
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        if stage.base_stage_index is None:
            image = parse_image(stage.base_image or "")
            return image is not None and image.name in _KNOWN_BASES
        stage = dockerfile.base_stage(stage)
    return False


def _unbuffered(server: ServerInvocation) -> bool | None:
    """True when output is unbuffered, False when it is buffered, None when this file cannot tell."""
    if server.sets_environment("PYTHONUNBUFFERED"):
        value = server.environment("PYTHONUNBUFFERED")
        return None if value is None else value != ""
    words = server.command.words
    if words and _PYTHON.fullmatch(words[0].value.rsplit("/", 1)[-1]):
        for word in words[1:]:
            text = word.value
            if not text.startswith("-") or text == "--":
                break
            if not text.startswith("--") and "u" in text[1:].split("X", 1)[0].split("W", 1)[0]:
                return True
            if text in ("-m", "-c"):
                break
    return False


def _message(server: ServerInvocation) -> str:
    name = {"fastapi": f"`fastapi {server.subcommand}`", "django": "Django's `runserver`", "flask": "`flask run`"}
    shown = name.get(server.server, server.server)
    return (
        f"The image runs {shown} with Python's output buffered: without `PYTHONUNBUFFERED=1`, what the application "
        "`print()`s to stdout reaches `docker logs` late, and is lost when the process crashes or is killed. Add "
        "`ENV PYTHONUNBUFFERED=1`, as Docker's Python guide does."
    )


def _fix(instruction: Instruction) -> Fix | None:
    if instruction.is_trigger:
        return None
    keyword = "env" if instruction.keyword_text.islower() else "ENV"
    start = Span.point(instruction.span.start_line, 1)
    return Fix(
        f"Insert `{keyword} PYTHONUNBUFFERED=1` before the {instruction.keyword}",
        (Edit(start, f"{keyword} PYTHONUNBUFFERED=1\n"),),
        safe=False,
        changes_structure=True,
    )
