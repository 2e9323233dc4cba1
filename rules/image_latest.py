"""Reports an image pinned to the `latest` tag (without a digest).

## What it does
Flags each image the build pulls (`FROM`, `COPY --from=<image>`, `RUN --mount=…,from=<image>`; ONBUILD triggers
included) whose tag is `latest` and that has no digest, after substituting ARG defaults (`ARG TAG=latest` then
`FROM python:${TAG}`). A digest (`python:latest@sha256:…`) pins the content, so it is not reported; an image without
any tag is DF524's (image-untagged). The uv image in `COPY --from`/`RUN --mount` is DF230's (uv-image-unpinned).

## Why it matters
`latest` is a moving tag: it names whatever was pushed last, so the same Dockerfile builds a different image over
time, major versions included, and a rebuild cannot reproduce what was shipped; it also defeats the layer cache of
CI runners that already pulled an older `latest`. Docker's best practices recommend version tags (or digests);
Trivy (DS-0001) and Checkov (CKV_DOCKER_7) report `latest` as well.

## Example
```dockerfile
FROM python:latest
```

Use instead:
```dockerfile
FROM python:3.12-slim
```

## Fix
None automatic: the version to pin is the one you test with.

## Differences from hadolint
DL3007 does not substitute ARGs and looks at `FROM` only.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from rules.deprecated_base_image import image_uses
from rules.image_untagged import left_to_uv_rule

CODE = "DF525"
NAME = "image-latest"
SEVERITY = "warning"
SUMMARY = "Image pinned to the moving `latest` tag"
TWINS: tuple[str, ...] = ("DL3007", "DS-0001", "CKV_DOCKER_7")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for use in image_uses(dockerfile):
        if use.ref.tag != "latest" or use.ref.digest is not None or left_to_uv_rule(use):
            continue
        yield Violation(
            use.span,
            f"{use.quoted} uses the `latest` tag, which moves with every release: builds are not reproducible; pin a "
            f"version tag (`{use.ref.name}:<version>`), or a digest",
        )
