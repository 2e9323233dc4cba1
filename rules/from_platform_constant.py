"""Reports `FROM --platform=<constant>`, which pins a stage to one platform.

## What it does
Flags a `--platform` flag of `FROM` written as a constant (`linux/amd64`, no variables) when the stage's name does
not mention that operating system or architecture.

## Why it matters
A constant platform "forces the image to build on only one target platform. This prevents building a multi-platform
image from this Dockerfile" (BuildKit's `FromPlatformFlagConstDisallowed`,
<https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/>): `docker build --platform
linux/arm64` still produces amd64 binaries, which then run under emulation or fail with `exec format error`. Choose
the platform on the command line, or use `$BUILDPLATFORM` for stages that only produce platform-independent files.

## Example
```dockerfile
FROM --platform=linux/amd64 python:3.12-slim
```

Use instead:
```dockerfile
FROM python:3.12-slim
```

or, for a stage that is platform-specific on purpose, name it after the platform:
```dockerfile
FROM --platform=linux/amd64 python:3.12-slim AS build-amd64
```

## Fix
None automatic: removing the flag changes which platform the stage is built for.

## Differences from hadolint
hadolint DL3029 reports every `--platform`, including `--platform=$BUILDPLATFORM`, the cross-compilation pattern
Docker recommends. Like BuildKit, this rule reports only constants, and not in a stage named after its platform.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.source import dequote

CODE = "DF625"
NAME = "from-platform-constant"
SEVERITY = "warning"
SUMMARY = "`FROM --platform` with a constant value"
TWINS: tuple[str, ...] = ("FromPlatformFlagConstDisallowed", "DL3029")
FIXABLE = False

_PART = lazy_compile(r"[A-Za-z0-9_.-]+")
_KNOWN_OS = frozenset(
    {"linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "aix", "android", "ios"}
)
_ARCH_ALIASES = {
    "x86_64": "amd64",
    "x86-64": "amd64",
    "aarch64": "arm64",
    "armhf": "arm",
    "armel": "arm",
    "i386": "386",
    "i486": "386",
    "i586": "386",
    "i686": "386",
}


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        flag = stage.from_instruction.flag("platform")
        if flag is None or flag.value is None or "$" in flag.value:
            continue
        platform = parse_platform(dequote(flag.value))
        if platform is None:
            continue
        os_name, architecture = platform
        name = (stage.name or "").lower()
        if os_name in name or architecture in name:
            continue
        yield Violation(
            flag.span,
            f"`--platform={flag.value}` pins this stage to {os_name}/{architecture} whatever platform the build "
            f"targets: drop it and choose the platform with `docker build --platform`, use `$BUILDPLATFORM` for "
            f"a stage that only produces platform-independent files, or name the stage after its platform "
            f"(`AS build-{architecture}`)",
        )


def parse_platform(text: str) -> tuple[str, str] | None:
    """(os, architecture) of a platform string such as ``linux/amd64`` or ``arm64``, normalised; None if invalid."""
    parts = text.lower().split("/")
    if not 1 <= len(parts) <= 3 or not all(_PART.fullmatch(part) for part in parts):
        return None
    if len(parts) == 1:
        if parts[0] in _KNOWN_OS:
            return parts[0], "amd64"
        return "linux", _ARCH_ALIASES.get(parts[0], parts[0])
    return parts[0], _ARCH_ALIASES.get(parts[1], parts[1])
