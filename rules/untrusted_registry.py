"""Reports images pulled from a registry that is not in the configured list of trusted registries.

## What it does
Only when `trusted-registries` is configured: flags each image the build pulls (`FROM`, `COPY --from=<image>`,
`RUN --mount=…,from=<image>`; ARG defaults substituted, ONBUILD triggers included) whose registry is not in the
list. Stage names, `scratch` and references behind unknown ARGs are not images to judge, nor is a single untagged
word in `COPY --from` (`--from=templates`), which may name a build context (`docker build --build-context`).

Docker Hub images (`python:3.12`, `docker.io/library/python`, `index.docker.io/…`) have the registry `docker.io`,
which `hub.docker.com` also names. An entry may use `*` wildcards (`*.gcr.io`, `registry.example.com:*`); matching
ignores case.

## Why it matters
Where images come from is a supply-chain decision: an organisation that mirrors and scans the images it allows
wants builds to pull only from there, not from Docker Hub or a registry someone typed from a blog post. A typo in
a private registry name (`registy.example.com`) would otherwise pull from wherever that name resolves.

## Example
With `trusted-registries = ["registry.example.com"]`:
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/
```

Use instead:
```dockerfile
FROM registry.example.com/python:3.12-slim
COPY --from=registry.example.com/astral-sh/uv:0.5 /uv /bin/
```

## Options
`trusted-registries` in `.lintainer.toml` or `[tool.lintainer]` (a list of registry host names, with optional
port and `*` wildcards); hadolint's `trustedRegistries` is read when migrating a `.hadolint.yaml`.

## Fix
None automatic: the image has to exist in the trusted registry.

## Differences from hadolint
DL3026 does not substitute ARGs (`FROM ${REGISTRY}/python` is never checked) and, before 2.15, looked at `FROM`
only.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from linter.images import DOCKER_HUB_HOSTS
from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from rules.deprecated_base_image import image_uses
from rules.image_untagged import maybe_build_context

CODE = "DF514"
NAME = "untrusted-registry"
SEVERITY = "error"
SUMMARY = "Image from a registry that is not in `trusted-registries`"
TWINS: tuple[str, ...] = ("DL3026",)
FIXABLE = False

_HUB = "docker.io"
_HUB_NAMES = frozenset({*DOCKER_HUB_HOSTS, "hub.docker.com"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    trusted = [_normalise(entry) for entry in context.trusted_registries if entry.strip()]
    if not trusted:
        return
    for use in image_uses(dockerfile):
        if maybe_build_context(use):
            continue
        registry = use.ref.registry or _HUB
        if any(fnmatch.fnmatchcase(registry.lower(), pattern) for pattern in trusted):
            continue
        listed = ", ".join(f"`{entry}`" for entry in context.trusted_registries)
        yield Violation(
            use.span,
            f"{use.quoted} comes from `{registry}`, which is not a trusted registry ({listed}): pull it from one of "
            "those (mirror it there), or add the registry to `trusted-registries` if it is trusted",
        )


def _normalise(entry: str) -> str:
    entry = entry.strip().lower().rstrip("/")
    return _HUB if entry in _HUB_NAMES else entry
