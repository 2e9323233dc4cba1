"""Reports a `LABEL` key that does not follow Docker's key format.

## What it does
Flags each `LABEL` key (also in `ONBUILD LABEL`, after ARG/ENV substitution when the file defines the values) that
does not start with a lower-case letter, does not end with a lower-case letter or digit, contains characters other
than lower-case letters, digits, `.` and `-`, repeats `.` or `-` (`..`, `--`), or uses a namespace Docker reserves
(`com.docker.*`, `io.docker.*`, `org.dockerproject.*`).

## Why it matters
Docker's object-label guidelines ask for "lower-cased alphanumeric characters, the period character (.), and the
hyphen character (-)", reverse-DNS prefixes such as `org.opencontainers.image.*`, no consecutive separators, and
keep the `com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces for Docker itself
(<https://docs.docker.com/engine/manage-resources/labels/>). Tools that filter on labels (`docker image ls --filter
label=...`, registries, SBOM scanners) match keys exactly, so `Version` and `version` are two different labels.

## Example
```dockerfile
FROM python:3.12-slim
LABEL Version="1.4.0" build_date="2026-11-27"
```

Use instead:
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.version="1.4.0" org.opencontainers.image.created="2026-11-27"
```

## Fix
None automatic: renaming a label changes what the tools that read it see.

## Differences from hadolint
hadolint DL3048 checks keys literally, so `LABEL ${PREFIX}.version=1` is always "invalid"; here the key is checked
with the ARG/ENV values the file gives and skipped when they are unknown. The labels Docker itself prescribes for
Docker Desktop extensions (`com.docker.desktop.extension.*`, `com.docker.extension.*`) are not reported as using
the reserved namespace.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation

CODE = "DF626"
NAME = "invalid-label-key"
SEVERITY = "style"
SUMMARY = "`LABEL` key not in Docker's key format"
TWINS: tuple[str, ...] = ("DL3048",)
FIXABLE = False

_RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")
# Labels Docker documents for extensions and Compose: their authors are told to use these keys.
_PRESCRIBED = ("com.docker.desktop.extension.", "com.docker.extension.", "com.docker.compose.")
_BAD_CHARACTER = lazy_compile(r"[^a-z0-9.-]")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("LABEL"):
        for pair in instruction.key_values:
            key = pair.key
            if "$" in key:
                if instruction.is_trigger:
                    continue
                key, known = instruction.expand(key)
                if not known:
                    continue
            problem = key_problem(key)
            if problem is not None:
                shown = f"`{pair.key}`" if key == pair.key else f"`{pair.key}` (= `{key}`)"
                yield Violation(
                    pair.key_span,
                    f"label key {shown} {problem}; Docker's guidelines ask for lower-case letters, digits, `.` and "
                    f"`-` in a reverse-DNS name such as `org.opencontainers.image.version`",
                )


def key_problem(key: str) -> str | None:
    """What is wrong with ``key``, or None for a valid key."""
    if not key:
        return "is empty"
    bad = sorted(set(_BAD_CHARACTER.findall(key)))
    if bad:
        shown = ", ".join(f"`{c}`" for c in bad)
        return f"contains {shown}"
    if not key[0].isalpha():
        return "does not start with a letter"
    if not key[-1].isalnum():
        return "does not end with a letter or digit"
    if ".." in key or "--" in key:
        return "repeats a separator (`..` or `--`)"
    if key.startswith(_RESERVED) and not key.startswith(_PRESCRIBED):
        return "uses a namespace Docker reserves for itself (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`)"
    return None
