"""Reports `COPY --from=<stage> / /`: the whole filesystem of a build stage copied over the image.

## What it does
Flags a `COPY --from` whose source is the root directory (`/`, `/.`) and whose destination is the root, when the
source is a stage of this file that starts from a base image and runs instructions of its own: its operating
system, package caches, compilers and build tools all land in the image.

## Why it matters
Multi-stage builds exist to leave the build tools behind: "you can selectively copy artifacts from one stage to
another, leaving behind everything you don't want in the final image"
(<https://docs.docker.com/build/building/multi-stage/>). Copying `/` brings everything back, and layers the build
stage's system files over the final stage's own ones, with whichever versions win. hadolint reports it as DL3067.

## Example
```dockerfile
FROM python:3.12 AS build
RUN pip install --no-cache-dir --prefix=/install fastapi uvicorn
FROM python:3.12-slim
COPY --from=build / /
```

Use instead:
```dockerfile
FROM python:3.12 AS build
RUN pip install --no-cache-dir --prefix=/install fastapi uvicorn
FROM python:3.12-slim
COPY --from=build /install /usr/local
```

## Fix
None automatic: copy the directories the application needs (a virtual environment, an install prefix, the built
files).

## Differences from hadolint
hadolint DL3067 also reports copying the root of a stage built `FROM scratch` (a filesystem assembled on purpose),
of a stage that only names an image (`FROM tonistiigi/xx AS xx` then `COPY --from=xx / /`, the documented way to
add cross-compilation helpers), and of an external image (`COPY --from=tonistiigi/xx / /`). Those copy exactly what
was meant to be copied and are not reported here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction, Stage
from linter.rule import RuleContext, Violation
from linter.source import dequote
from linter.stages import stage_named

CODE = "DF629"
NAME = "copy-whole-root-from-stage"
SEVERITY = "warning"
SUMMARY = "`COPY --from=<stage> / /` copies a stage's whole filesystem"
TWINS: tuple[str, ...] = ("DL3067",)
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("COPY"):
        if instruction.is_trigger:
            continue
        source_flag = instruction.flag("from")
        if source_flag is None or not source_flag.value:
            continue
        paths = _paths(instruction)
        if len(paths) < 2 or not _is_root(paths[-1]) or not any(_is_root(p) for p in paths[:-1]):
            continue
        value, known = instruction.expand(source_flag.value)
        if not known:
            continue
        stage = stage_named(dockerfile, value)
        current = dockerfile.stage_of(instruction)
        if stage is None or current is None or stage.index >= current.index or not _has_own_content(dockerfile, stage):
            continue
        yield Violation(
            instruction.arguments_span,
            f"`COPY --from={source_flag.value}` copies the whole filesystem of stage `{stage.name or stage.index}` "
            f"(its system, caches and build tools) over this image: copy only what the application needs "
            f"(a virtual environment, an install prefix, the built files)",
        )


def _paths(instruction: Instruction) -> list[str]:
    if instruction.exec_words is not None:
        return [word.value for word in instruction.exec_words]
    return [dequote(word) for _, _, word in instruction.words]


def _is_root(path: str) -> bool:
    return path.startswith("/") and posixpath.normpath(path) in ("/", "//")


def _has_own_content(dockerfile: Dockerfile, stage: Stage) -> bool:
    """The stage (or one it is built from) starts from a real image and adds files of its own."""
    adds_files = False
    current: Stage | None = stage
    while current is not None:
        if any(i.keyword in ("RUN", "COPY", "ADD") for i in current.body):
            adds_files = True
        base = dockerfile.base_stage(current)
        if base is None:
            return adds_files and (current.base_image or "").lower() != "scratch"
        current = base
    return False
