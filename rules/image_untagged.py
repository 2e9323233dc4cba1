"""Reports an image used without a tag or digest: Docker pulls whatever `latest` is on the day of the build.

## What it does
Flags each image the build pulls (`FROM`, `COPY --from=<image>`, `RUN --mount=…,from=<image>`; ONBUILD triggers
included) whose reference has neither a tag nor a digest, after substituting ARG defaults (`ARG BASE=python` then
`FROM ${BASE}`). Stage names (`FROM builder`, `COPY --from=0`), `scratch`, and references behind an ARG without a
default are not images to judge, nor is a single word in `COPY --from`/`RUN --mount from=` (`--from=templates`),
which may as well name a build context passed with `docker build --build-context templates=…`. The uv image in
`COPY --from`/`RUN --mount` is DF230's (uv-image-unpinned).

## Why it matters
An untagged reference means `:latest`, which moves with every release: the same Dockerfile builds a different image
next month, possibly with another major version of the language or the distribution, and a rebuild of an old commit
cannot reproduce what was shipped. Docker's best practices: pin base images to a version tag, or to a digest for
full reproducibility.

## Example
```dockerfile
FROM python
RUN pip install --no-cache-dir fastapi
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir fastapi
```

## Fix
None automatic: the version to pin is the one you test with.

## Differences from hadolint
DL3006 does not substitute ARGs (`FROM ${BASE}` is skipped, even with a default) and looks at `FROM` only, not at
`COPY --from=<image>` or `RUN --mount from=`.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from rules.deprecated_base_image import ImageUse, image_uses

CODE = "DF524"
NAME = "image-untagged"
SEVERITY = "warning"
SUMMARY = "Image without a tag or digest (pulls `latest`)"
TWINS: tuple[str, ...] = ("DL3006",)
FIXABLE = False

# Images whose pinning another rule reports where they are copied from (DF230, uv-image-unpinned).
UV_IMAGES = frozenset({"ghcr.io/astral-sh/uv", "astral/uv"})


def left_to_uv_rule(use: ImageUse) -> bool:
    """The uv image in `COPY --from`/`RUN --mount`: DF230 reports it with uv-specific advice."""
    return use.ref.name in UV_IMAGES and use.instruction.keyword != "FROM"


def maybe_build_context(use: ImageUse) -> bool:
    """`COPY --from=templates` (a single word, no tag): as likely a named build context (`docker build
    --build-context templates=./templates`) as an image, so not judged as an image."""
    return use.instruction.keyword != "FROM" and "/" not in use.resolved and use.ref.tag is None and not use.ref.digest


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for use in image_uses(dockerfile):
        if use.ref.tag is not None or use.ref.digest is not None or left_to_uv_rule(use) or maybe_build_context(use):
            continue
        yield Violation(
            use.span,
            f"{use.quoted} has no tag, so Docker pulls `latest`, whatever that is on the day of the build: pin a "
            f"version tag (`{use.ref.name}:<version>`), or a digest for fully reproducible builds",
        )
