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
None automatic: a replacement image is rarely a drop-in (paths, users, entry points and installed packages differ),
so the message names the replacement and the change is left to you.

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

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.data.deprecated_images import NO_SUCCESSOR, find_deprecation
from linter.images import ImageRef, parse_image
from linter.model import Dockerfile, Instruction
from linter.positions import Span
from linter.rule import RuleContext, Violation

CODE = "DF301"
NAME = "deprecated-base-image"
SEVERITY = "warning"
SUMMARY = "Base image deprecated by its maintainers"
TWINS: tuple[str, ...] = ()
FIXABLE = False


# ------------------------------------------------------------------------------------------------------------------
# Image references of a Dockerfile (shared with DF302, eol-base-image)
# ------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImageUse:
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
_MOUNT_FLAG = re.compile(r"(?:^|(?<=[ \t]))--mount=(?P<value>\"[^\"]*\"|'[^']*'|[^ \t]+)", re.IGNORECASE)


def image_uses(dockerfile: Dockerfile) -> Iterator[ImageUse]:
    """Every image reference that names an image (never a stage), in file order, with ARG defaults resolved."""
    for stage in dockerfile.stages:
        if stage.base_stage_index is not None or stage.base_image is None:
            continue  # FROM <earlier stage>, or an ARG we cannot resolve
        use = _use(stage.base_image, stage.base_text, stage.base_span, stage.from_instruction)
        if use is not None:
            yield use
    for instruction in dockerfile.walk():
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
    if resolved.isdigit() or dockerfile.stage_named(resolved) is not None:
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
        yield Violation(use.span, f"{use.quoted} is deprecated ({deprecation.reason}); {advice}")
