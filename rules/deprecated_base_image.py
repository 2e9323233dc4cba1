"""Reports images that their maintainers have deprecated, used as a base or as a source of files.

## What it does
Flags a `FROM`, `COPY --from=<image>` or `RUN --mount=...,from=<image>` that pulls an image whose maintainers
declared it deprecated: `tiangolo/uvicorn-gunicorn-fastapi`, `tiangolo/uvicorn-gunicorn`,
`tiangolo/uvicorn-gunicorn-starlette`, and the Docker Official Images with a deprecation notice (`openjdk`, `java`,
`centos`, `django`, `celery`, `rails`, `sentry`, `jenkins`, `consul`, `vault`, `amazonlinux:1`, ...). The message
gives the notice's reason and the replacement it names, or says plainly when there is none.

Every spelling of an image is recognised (`docker.io/`, `index.docker.io/`, `library/`, any tag, any digest), and
`ARG` values are substituted with their defaults (`ARG BASE=openjdk:17` then `FROM ${BASE}`). A stage name is never
taken for an image: `FROM build`, `COPY --from=build` and `COPY --from=0` refer to stages. A reference that depends
on an `ARG` without a default is left alone: the image is unknown.

## Why it matters
A deprecated image gets no more updates, security fixes included, however recent its tag looks. The FastAPI guide
("FastAPI in Containers - Docker", section "Base Docker Image") says that `tiangolo/uvicorn-gunicorn-fastapi` "is
now deprecated ⛔️. You should probably **not** use this base Docker image (or any other similar one)": it predates
Uvicorn managing its own workers (`--workers`), so build from the official `python` image and run `fastapi run`.
The image's README (tiangolo/uvicorn-gunicorn-fastapi-docker) and its siblings' carry the same notice. The notices
of the official images are the `deprecated.md` files of `docker-library/docs`.

## Example
```dockerfile
FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11
COPY ./app /app
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY ./requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt
COPY ./app /code/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
Unsafe (`--unsafe-fixes`), for `tiangolo/uvicorn-gunicorn-fastapi:python3.X[-slim]` as the final stage's base, when
the app's path is evident: the build context (next to the Dockerfile) shows which `main.py` the stage's `COPY`
instructions put where that image looked for it (`/app/app/main.py`, else `/app/main.py`). The image becomes
`python:3.X-slim` (the oldest supported 3.X when 3.X is past its end of life), followed by the image's own
`WORKDIR /app` and, unless the stage already installs `fastapi[standard]` or `fastapi-cli`,
`RUN pip install --no-cache-dir "fastapi[standard]"`; the guide's `CMD ["fastapi", "run", "app/main.py", "--port",
"80"]` (or `main.py`) ends the stage.

```dockerfile
FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9
COPY ./requirements.txt /app/requirements.txt
RUN pip install --no-cache-dir -r /app/requirements.txt
COPY ./app /app/app
```
becomes
```dockerfile
FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir "fastapi[standard]"
COPY ./requirements.txt /app/requirements.txt
RUN pip install --no-cache-dir -r /app/requirements.txt
COPY ./app /app/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

It is unsafe because the container then runs one Uvicorn process instead of Gunicorn with a worker per CPU core (the
guide's advice under an orchestrator; add `--workers N` otherwise) and no longer has the image's other packages.
No fix when anything the image's start script honoured is in play (its own `CMD`/`ENTRYPOINT`, `MODULE_NAME`,
`VARIABLE_NAME`, `APP_MODULE`, `PORT`, `GUNICORN_CONF` and the like, a `prestart.sh`), when a `COPY` cannot be
followed (`--from`, `ADD`, variables, globs, heredocs), when the build context cannot be read (stdin), for other
deprecated images (their replacements are rarely drop-ins: paths, users, entry points and installed packages differ),
and for ARG-built references: the message names the replacement.

## Options
`deprecated-images` in the configuration (`[tool.lintainer.deprecated-images]` in `pyproject.toml` or a
`.lintainer.toml`: image = "replacement advice") adds entries or rewords built-in ones:

```toml
[tool.lintainer.deprecated-images]
"myorg/python-base" = "`myorg/python-base2`, which runs `fastapi run`"
```

A key without a tag covers every tag of that image; a key with a tag (`myorg/base:1`) covers only that tag.
Configured entries also match images outside Docker Hub (`ghcr.io/myorg/base`), and their message reads "listed
as deprecated in the lintainer configuration".

## Differences from peers
No exact twin: hadolint has no deprecated-image rule (DL3006/DL3007 only look at whether a tag is given or is
`latest`), and BuildKit's checks do not look at image names. dockerfile-doctor's DD077 keeps a short static list
that misses the tiangolo images, and its fix rewrites `centos:7` to `almalinux:7`, a tag that does not exist: this
rule never invents a tag. Images past their runtime's end of life (`python:3.9`) are DF302's business; an image
that is both deprecated and end of life (`tiangolo/uvicorn-gunicorn-fastapi:python3.9`) gets both findings, since
they are different problems with different cures.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from datetime import date

from linter.data.deprecated_images import NO_SUCCESSOR, find_deprecation
from linter.data.eol import oldest_supported_python, python_lifecycle
from linter.images import ImageRef, parse_image
from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation, per_file
from linter.shell import pip_install
from linter.source import dequote, shell_words
from linter.stages import stage_named

CODE = "DF301"
NAME = "deprecated-base-image"
SEVERITY = "warning"
SUMMARY = "Base image deprecated by its maintainers"
TWINS: tuple[str, ...] = ()
FIXABLE = True


# ------------------------------------------------------------------------------------------------------------------
# Image references of a Dockerfile (shared with DF302, eol-base-image)
# ------------------------------------------------------------------------------------------------------------------


class ImageUse(Record):
    """An image the build pulls: a stage's base, a ``COPY --from`` source or a ``RUN --mount from=`` source."""

    ref: ImageRef
    resolved: str  # the reference with ARG defaults substituted: what BuildKit pulls
    written: str  # as written in the Dockerfile (differs from ``resolved`` when it uses an ARG)
    span: Span
    instruction: Instruction

    @property
    def quoted(self) -> str:
        """The reference for a message: "`python:3.9`", plus how it was written when an ARG produced it."""
        if self.written != self.resolved:
            return f"`{self.resolved}` (from `{self.written}`)"
        return f"`{self.resolved}`"


# A `--mount=` flag among the flags before an instruction's arguments: the value is a quoted string or a word.
_MOUNT_FLAG = lazy_compile(r"(?:^|(?<=[ \t]))--mount=(?P<value>\"[^\"]*\"|'[^']*'|[^ \t]+)", re.IGNORECASE)


@per_file  # five rules ask
def image_uses(dockerfile: Dockerfile) -> tuple[ImageUse, ...]:
    """Every image reference that names an image (never a stage), in file order, with ARG defaults resolved."""
    return tuple(_find_image_uses(dockerfile))


def _find_image_uses(dockerfile: Dockerfile) -> Iterator[ImageUse]:
    for stage in dockerfile.stages:
        if stage.base_stage_index is not None or stage.base_image is None:
            continue  # FROM <earlier stage>, or an ARG we cannot resolve
        use = _use(stage.base_image, stage.base_text, stage.base_span, stage.from_instruction)
        if use is not None:
            yield use
    for instruction in dockerfile.walk_keyword("COPY", "RUN"):
        if instruction.keyword == "COPY":
            flag = instruction.flag("from")
            if flag is not None and flag.value and flag.value_span is not None:
                use = _flag_use(dockerfile, instruction, flag.value, flag.value_span)
                if use is not None:
                    yield use
        elif instruction.keyword == "RUN" and instruction.flags_named("mount"):
            for written, span in _mount_sources(instruction):
                use = _flag_use(dockerfile, instruction, written, span)
                if use is not None:
                    yield use


def _use(resolved: str, written: str, span: Span, instruction: Instruction) -> ImageUse | None:
    resolved = _unquote(resolved.strip())
    ref = parse_image(resolved)
    if ref is None or ref.is_scratch:
        return None
    return ImageUse(ref, resolved, written, span, instruction)


def _unquote(reference: str) -> str:
    """``debian:"trixie-slim"`` as BuildKit reads it: quotes group, they are not part of the name."""
    if reference.count('"') % 2 or reference.count("'") % 2:
        return reference  # unbalanced: leave it for parse_image to reject
    return reference.replace('"', "").replace("'", "")


def _flag_use(dockerfile: Dockerfile, instruction: Instruction, written: str, span: Span) -> ImageUse | None:
    if instruction.is_trigger and "$" in written:
        # An ONBUILD trigger expands its variables in the downstream build, whose ARGs we cannot see.
        return None
    resolved, known = instruction.expand(written)
    if not known or not resolved:
        return None
    # BuildKit looks the value up as a stage (by name, case-insensitively, or by index) before trying an image; a
    # stage defined later still counts here, since being quiet is safer than calling a stage an image.
    if resolved.isdigit() or stage_named(dockerfile, resolved) is not None:
        return None
    return _use(resolved, written, span, instruction)


def _mount_sources(instruction: Instruction) -> Iterator[tuple[str, Span]]:
    """The ``from=`` values of a RUN's ``--mount`` flags, as written, with their spans."""
    flags_text = instruction.text[: instruction.arguments_offset]
    for match in _MOUNT_FLAG.finditer(flags_text):
        value_start = match.start("value")
        value = match.group("value")
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
            value, value_start = value[1:-1], value_start + 1
        offset = 0
        for part in value.split(","):
            key, has_value, option = part.partition("=")
            if has_value and key.strip().lower() == "from":
                start = value_start + offset + len(key) + 1
                end = start + len(option)
                if option[:1] in "\"'" and option[-1:] == option[:1] and len(option) >= 2:
                    option, start, end = option[1:-1], start + 1, end - 1
                if option:
                    yield option, instruction.span_of(start, end)
            offset += len(part) + 1


# ------------------------------------------------------------------------------------------------------------------
# The rule
# ------------------------------------------------------------------------------------------------------------------


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for use in image_uses(dockerfile):
        deprecation = find_deprecation(use.ref, context.deprecated_images)
        if deprecation is None:
            continue
        if deprecation.replacement.startswith(NO_SUCCESSOR):
            # No successor to name: say so, and still tell the user what to do.
            advice = f"there is {deprecation.replacement}"
            if deprecation.replacement == NO_SUCCESSOR:
                advice += " and plan a move to a maintained image"
        else:
            advice = f"use {deprecation.replacement}"
        fix = _tiangolo_fix(dockerfile, use, context) if use.ref.repository == _TIANGOLO else None
        yield Violation(use.span, f"{use.quoted} is deprecated ({deprecation.reason}); {advice}", fix)


# ------------------------------------------------------------------------------------------------------------------
# The unsafe fix for tiangolo/uvicorn-gunicorn-fastapi: python:3.X-slim and the guide's `fastapi run`
# ------------------------------------------------------------------------------------------------------------------

_TIANGOLO = "tiangolo/uvicorn-gunicorn-fastapi"
_TIANGOLO_TAG = lazy_compile(r"python3\.(?P<minor>\d+)(?:-slim)?")
_IMAGE_WORKDIR = "/app"
# Where the image's start script looks for the app, in its order, with the path `fastapi run` takes from /app.
_APP_LOCATIONS = (("/app/app/main.py", "app/main.py"), ("/app/main.py", "main.py"))
_PRESTART = "/app/prestart.sh"
# Variables the image's start script (and its Gunicorn configuration) reads: their meaning would be lost.
_START_SCRIPT_VARIABLES = frozenset(
    {
        "MODULE_NAME", "VARIABLE_NAME", "APP_MODULE", "GUNICORN_CONF", "PRE_START_PATH", "HOST", "PORT", "BIND",
        "WORKERS_PER_CORE", "MAX_WORKERS", "WEB_CONCURRENCY", "LOG_LEVEL", "WORKER_CLASS", "TIMEOUT", "KEEP_ALIVE",
        "GRACEFUL_TIMEOUT", "ACCESS_LOG", "ERROR_LOG", "GUNICORN_CMD_ARGS",
    }
)  # fmt: skip
_FASTAPI_CLI = lazy_compile(r"^\s*(?:fastapi(?:-slim)?\s*\[[^\]]*\bstandard\b[^\]]*\]|fastapi-cli\b)", re.IGNORECASE)


class _Copy(Record):
    sources: tuple[str, ...]  # context paths, normalised ("" for the context root)
    destination: str  # absolute path in the image
    into_directory: bool


def _tiangolo_fix(dockerfile: Dockerfile, use: ImageUse, context: RuleContext) -> Fix | None:
    stage = dockerfile.final_stage
    ref = use.ref
    if stage is None or use.instruction is not stage.from_instruction or use.written != use.resolved:
        return None
    match = _TIANGOLO_TAG.fullmatch(ref.tag or "")
    if match is None or ref.digest is not None or use.span.start_line != use.span.end_line:
        return None
    copies = _follow_copies(stage)
    if copies is None:
        return None
    app = next((path for image_path, path in _APP_LOCATIONS if _source_of(image_path, copies, context)), None)
    if app is None or _source_of(_PRESTART, copies, context):
        return None
    workdir = _final_workdir(stage)
    if workdir is None:
        return None
    target = app if workdir == _IMAGE_WORKDIR else posixpath.join(_IMAGE_WORKDIR, app)

    minor = _supported_minor(int(match["minor"]), context.today)
    if minor is None:
        return None
    image = f"python:3.{minor}-slim"
    upper = stage.from_instruction.keyword_text.isupper()

    def keyword(name: str) -> str:
        return name if upper else name.lower()

    head = [f"{keyword('WORKDIR')} {_IMAGE_WORKDIR}"]
    if not _installs_fastapi_cli(stage, copies, context):
        head.append(f'{keyword("RUN")} pip install --no-cache-dir "fastapi[standard]"')
    command = json.dumps(["fastapi", "run", target, "--port", "80"])
    from_end = _end_line(stage.from_instruction)
    last_end = max(_end_line(instruction) for instruction in stage.instructions)
    lines = dockerfile.lines
    edits = (
        Edit(use.span, image),
        Edit(Span.point(from_end, len(lines[from_end - 1]) + 1), "".join(f"\n{line}" for line in head)),
        Edit(Span.point(last_end, len(lines[last_end - 1]) + 1), f"\n{keyword('CMD')} {command}"),
    )
    description = f"Use `{image}` and `CMD {command}` (one Uvicorn process instead of Gunicorn workers)"
    return Fix(description, edits, safe=False, changes_structure=True)


def _supported_minor(minor: int, today: date) -> int | None:
    lifecycle = python_lifecycle(3, minor)
    if lifecycle is not None and today <= lifecycle.end:
        return minor
    oldest = oldest_supported_python(today)
    return int(oldest.split(".")[1]) if oldest else None


def _end_line(instruction: Instruction) -> int:
    return max([instruction.span.end_line, *(heredoc.end_line for heredoc in instruction.heredocs)])


def _follow_copies(stage: Stage) -> list[_Copy] | None:
    """The stage's COPY instructions from the build context, or None when the stage does something this fix cannot
    follow (its own CMD/ENTRYPOINT, start-script variables, ADD, COPY --from, variables, globs, heredocs)."""
    workdir = _IMAGE_WORKDIR
    known_directories = {"/", _IMAGE_WORKDIR}
    copies: list[_Copy] = []
    for instruction in stage.body:
        keyword = instruction.keyword
        if keyword in ("CMD", "ENTRYPOINT", "ADD", "ONBUILD", "SHELL"):
            return None
        if keyword in ("ENV", "ARG") and any(pair.key in _START_SCRIPT_VARIABLES for pair in instruction.key_values):
            return None
        if keyword == "WORKDIR":
            path = _static_path(instruction.arguments.strip())
            if path is None:
                return None
            workdir = posixpath.normpath(posixpath.join(workdir, path))
            known_directories.add(workdir)
        elif keyword == "COPY":
            if instruction.flag("from") or instruction.flag("parents") or instruction.flag("exclude"):
                return None
            if instruction.heredocs or instruction.is_exec_form:
                return None
            words = [_static_path(dequote(word)) for _, _, word in shell_words(instruction.arguments)]
            if len(words) < 2 or any(word is None for word in words):
                return None
            *sources, destination = [word for word in words if word is not None]
            absolute = posixpath.normpath(posixpath.join(workdir, destination))
            into_directory = destination.endswith("/") or destination in (".", "./") or len(sources) > 1
            into_directory = into_directory or absolute in known_directories
            normalised = tuple("" if (path := posixpath.normpath(src)) == "." else path for src in sources)
            if any(path.startswith("..") or path.startswith("/") for path in normalised):
                return None
            copies.append(_Copy(normalised, absolute, into_directory))
    return copies


def _static_path(text: str) -> str | None:
    if not text or any(char in text for char in "$*?[\\\"'"):
        return None
    return text


def _final_workdir(stage: Stage) -> str | None:
    workdir = _IMAGE_WORKDIR
    for instruction in stage.body:
        if instruction.keyword == "WORKDIR":
            path = _static_path(instruction.arguments.strip())
            if path is None:
                return None
            workdir = posixpath.normpath(posixpath.join(workdir, path))
    return workdir


def _source_of(image_path: str, copies: list[_Copy], context: RuleContext) -> str | None:
    """The build-context file the stage's COPY instructions put at ``image_path`` (the last one wins), if any."""
    for copy in reversed(copies):
        for source in copy.sources:
            source_is_file = source != "" and context.read_context_file(source) is not None
            if source_is_file:
                lands = posixpath.join(copy.destination, posixpath.basename(source))
                if (lands if copy.into_directory else copy.destination) == image_path:
                    return source
                continue
            prefix = copy.destination.rstrip("/") + "/"
            if image_path.startswith(prefix):
                candidate = posixpath.join(source, image_path[len(prefix) :])
                if context.read_context_file(candidate) is not None:
                    return candidate
    return None


def _installs_fastapi_cli(stage: Stage, copies: list[_Copy], context: RuleContext) -> bool:
    """Whether a pip install of the stage names `fastapi[standard]`/`fastapi-cli`, directly or in a requirements
    file copied from the context."""
    workdir = _IMAGE_WORKDIR
    for instruction in stage.body:
        if instruction.keyword == "WORKDIR":
            workdir = posixpath.normpath(posixpath.join(workdir, instruction.arguments.strip()))
        if instruction.keyword != "RUN":
            continue
        for command in instruction.commands:
            install = pip_install(command)
            if install is None:
                continue
            if any(_FASTAPI_CLI.match(word.value) for word in install.packages):
                return True
            for word in install.requirement_files:
                source = _source_of(posixpath.normpath(posixpath.join(workdir, word.value)), copies, context)
                text = context.read_context_file(source) if source else None
                if text and any(_FASTAPI_CLI.match(line) for line in text.splitlines()):
                    return True
    return False
