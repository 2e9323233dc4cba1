"""Reports a `FROM` that is not a valid image reference when the global ARGs keep their defaults.

## What it does
Substitutes the global ARGs' default values (and BuildKit's platform arguments, for a `linux/amd64` build) into each
`FROM` image and flags the `FROM` when the result is empty or not a valid image reference: `ARG TAG` without a
default followed by `FROM python:${TAG}` gives `python:`.

## Why it matters
`docker build` without `--build-arg` then fails with `invalid reference format`, and so does every tool that builds
the file with its defaults (IDEs, `docker compose build`, CI jobs that forgot the argument). BuildKit reports it as
`InvalidDefaultArgInFrom` (<https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/>).

## Example
```dockerfile
ARG PYTHON_VERSION
FROM python:${PYTHON_VERSION}-slim
```

Use instead:
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
```

## Fix
None automatic: give the ARG a working default, or a fallback in place (`${PYTHON_VERSION:-3.12}`).

## Differences from BuildKit
A `FROM` that uses an undeclared variable is left to DF621 (undefined-arg-in-from), which names the variable.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.expand import expand, referenced_names
from linter.images import parse_image
from linter.model import Dockerfile
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.source import dequote
from linter.variables import BUILTIN_ARGS, raw_pairs

CODE = "DF623"
NAME = "invalid-default-arg-in-from"
SEVERITY = "warning"
SUMMARY = "`FROM` is not a valid image with the global ARG defaults"
TWINS: tuple[str, ...] = ("InvalidDefaultArgInFrom",)
FIXABLE = False

# What BuildKit's platform arguments hold in a linux/amd64 build.
_PLATFORM_DEFAULTS = {
    "TARGETPLATFORM": "linux/amd64",
    "TARGETOS": "linux",
    "TARGETARCH": "amd64",
    "TARGETVARIANT": "",
    "BUILDPLATFORM": "linux/amd64",
    "BUILDOS": "linux",
    "BUILDARCH": "amd64",
    "BUILDVARIANT": "",
    "TARGETSTAGE": "",
}
_HEX64 = lazy_compile(r"[a-f0-9]{64}")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    if not any("$" in stage.base_text for stage in dockerfile.stages):
        return  # no FROM uses an ARG
    defaults = _global_defaults(dockerfile)
    declared = set(dockerfile.meta_args) | BUILTIN_ARGS
    expanded: dict[str, str] = {}  # stages often share a base: expand each text once
    for stage in dockerfile.stages:
        written = stage.base_text
        names = referenced_names(written, dockerfile.escape)
        if not names or any(name not in declared for name in names):
            continue
        if written not in expanded:
            expanded[written] = expand(dequote(written), defaults, dockerfile.escape)[0]
        value = expanded[written]
        if is_valid_reference(value):
            continue
        empty = [name for name in names if not defaults.get(name)]
        blame = f" (`{'`, `'.join(empty)}` {'has' if len(empty) == 1 else 'have'} no default)" if empty else ""
        shown = f"`{value}`" if value else "an empty name"
        yield Violation(
            stage.base_span,
            f"with the global ARG defaults, `FROM {written}` becomes {shown}, which is not a valid image "
            f"reference{blame}: a build without `--build-arg` fails; give the ARG a default that works",
        )


def _global_defaults(dockerfile: Dockerfile) -> dict[str, str | None]:
    values: dict[str, str | None] = dict(_PLATFORM_DEFAULTS)
    for instruction in dockerfile.instructions:
        if instruction.stage_index is not None:
            break
        if instruction.keyword != "ARG":
            continue
        for pair in raw_pairs(instruction):
            if pair.value is None:
                values.setdefault(pair.key, "")  # a later `ARG NAME` keeps an earlier default
            else:
                values[pair.key] = expand(dequote(pair.value), values, dockerfile.escape)[0]
    return values


def is_valid_reference(text: str) -> bool:
    """Whether ``text`` parses as Docker's ParseNormalizedNamed would accept it (lower-case repository, grammar)."""
    if not text or _HEX64.fullmatch(text):
        return False
    if parse_image(text) is None:
        return False
    name = text.partition("@")[0]
    last_slash = name.rfind("/")
    colon = name.find(":", last_slash + 1)
    path = name[:colon] if colon >= 0 else name
    first, slash, rest = path.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        path = rest
    return path == path.lower()
