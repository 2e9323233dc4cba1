"""Reports the uv image used without a uv version or digest.

## What it does
Flags `COPY --from=ghcr.io/astral-sh/uv…` and `RUN --mount=…,from=ghcr.io/astral-sh/uv…` (also the Docker Hub mirror
`astral/uv`), ONBUILD triggers included, when the reference carries neither a uv version in its tag nor a digest:
no tag (`ghcr.io/astral-sh/uv`, which is `:latest`), `:latest`, or a tag that names only the distribution
(`:debian`, `:alpine`, `:python3.12-bookworm-slim`). Also `FROM ghcr.io/astral-sh/uv:<tag without a version>` (a
base image with uv preinstalled); `FROM …:latest` and an untagged `FROM` are left to the generic rules (DF524,
DF525). References are resolved through `ARG`; a value that cannot be known is not judged, and names of stages in
this file are not images.

A tag that starts with a version is pinned: `:0.8.15`, `:0.8.15-python3.12-bookworm-slim`, and also `:0.8`, which
follows patch releases only.

## Why it matters
`COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/` installs whatever uv is newest on the day of the build: a new
uv release can change resolution, lock-file handling or defaults and break a rebuild of an unchanged commit (or make
two builds of it differ). The uv Docker guide (`astral-sh/uv` `docs/guides/integration/docker.md`, "Installing uv")
shows `:latest` but says "it is best practice to pin to a specific uv version", e.g.
`COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/`, and to pin the SHA256 digest for reproducible builds.
hadolint's DL3007 and Docker's checks look at `FROM` only, never at `COPY --from` or `RUN --mount from=`.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
```

## Fix
None automatic: pick the uv version you test with (`uv --version`), optionally with its digest
(`ghcr.io/astral-sh/uv:0.8.15@sha256:…`).

## Differences from peers
hadolint DL3006/DL3007 and BuildKit's checks only look at `FROM`; this rule covers the places uv is usually taken from.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.images import parse_image
from linter.model import Dockerfile
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.stages import StageReference, references, stage_named

CODE = "DF230"
NAME = "uv-image-unpinned"
SEVERITY = "warning"
SUMMARY = "uv image without a version tag or digest (`ghcr.io/astral-sh/uv:latest`): builds change with uv releases"
TWINS: tuple[str, ...] = ()
FIXABLE = False

_UV_IMAGES = frozenset({"ghcr.io/astral-sh/uv", "astral/uv"})
_VERSIONED_TAG = lazy_compile(r"v?\d+\.\d+")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for reference in references(dockerfile):
        if reference.value is None:
            continue
        if reference.kind != "FROM" and stage_named(dockerfile, reference.value) is not None:
            continue
        image = parse_image(reference.value)
        if image is None or image.name not in _UV_IMAGES or image.digest is not None:
            continue
        tag = image.tag
        if tag is not None and _VERSIONED_TAG.match(tag):
            continue
        if reference.kind == "FROM" and (tag is None or tag == "latest"):
            continue  # DF524 / DF525
        yield _violation(reference, tag)


def _violation(reference: StageReference, tag: str | None) -> Violation:
    if tag is None:
        what = "has no tag, so it pulls `:latest`"
    elif tag == "latest":
        what = "uses `:latest`"
    else:
        what = f"uses the tag `:{tag}`, which names no uv version"
    resolved = f" (`{reference.value}`)" if reference.value != reference.written else ""
    message = (
        f"`{reference.shown}`{resolved} {what}: every build takes the newest uv release, which can change how "
        "dependencies are resolved and installed. Pin the uv version, as the uv Docker guide advises "
        "(`ghcr.io/astral-sh/uv:0.8.15`), ideally with its digest (`…@sha256:…`)."
    )
    return Violation(reference.span, message)
