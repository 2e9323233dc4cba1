"""Reports a WORKDIR inside a kernel or boot file system: `/proc`, `/sys`, `/dev`, `/boot`.

## What it does
Flags a `WORKDIR` (ONBUILD triggers included) that resolves to `/proc`, `/sys`, `/dev`, `/boot`, `/initrd` or
`/lost+found`, or to a directory below them. ARGs and ENV are substituted; a relative path is resolved against the
previous `WORKDIR` of the stage (or of the stage it is built `FROM`); a path that cannot be known is not judged.

## Why it matters
At run time the container runtime mounts the kernel's `proc`, `sysfs` and `devtmpfs` (or a tmpfs) over `/proc`,
`/sys` and `/dev`: whatever the build put there is hidden, the application's working directory becomes a kernel
interface, and files it writes may change kernel settings or fail. `/boot` and `/initrd` belong to the host's boot
process and `/lost+found` to `fsck`. Trivy's DS-0030 ("WORKDIR should not be mounted on system dirs") reports the
same directories.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /dev/app
COPY . .
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
```

## Fix
None automatic: choose an application directory such as `/app`.

## Differences from Trivy
DS-0030 compares the text after `WORKDIR` with `/proc/`, `/dev/`... and so misses `WORKDIR /proc` itself, relative
paths (`WORKDIR /` then `WORKDIR proc`) and ARG-built paths; it does not know `/sys`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.rule import RuleContext, Violation

CODE = "DF515"
NAME = "workdir-system-dir"
SEVERITY = "warning"
SUMMARY = "WORKDIR inside /proc, /sys, /dev or /boot"
TWINS: tuple[str, ...] = ("DS-0030",)
FIXABLE = False

SYSTEM_DIRECTORIES = ("/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    if not dockerfile.walk_keyword("WORKDIR"):
        return
    # The working directory each stage ends with: a stage built FROM another starts there (the base reports its own
    # WORKDIRs), and comes after it in the file.
    ends: dict[int, str | None] = {}
    for stage in dockerfile.stages:
        workdir = None if stage.base_stage_index is None else ends.get(stage.base_stage_index)
        for instruction in stage.body:
            targets = [instruction] + ([instruction.trigger] if instruction.trigger is not None else [])
            for target in targets:
                if target.keyword != "WORKDIR":
                    continue
                resolved = _resolve(target, workdir)
                if not target.is_trigger:
                    workdir = resolved
                if resolved is None:
                    continue
                system = next((d for d in SYSTEM_DIRECTORIES if resolved == d or resolved.startswith(d + "/")), None)
                if system is not None:
                    shown = f"`WORKDIR {target.arguments.strip()}`"
                    if target.arguments.strip() != resolved:
                        shown += f" (`{resolved}`)"
                    yield Violation(
                        target.arguments_span,
                        f"{shown} is inside `{system}`, which the runtime mounts over (or belongs to the host's "
                        "boot): files put there are hidden or change the system; use an application directory "
                        "such as `/app`",
                    )
        ends[stage.index] = workdir


def _resolve(instruction: Instruction, current: str | None) -> str | None:
    text = instruction.arguments.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    if "$" in text:
        if instruction.is_trigger:
            return None
        text, known = instruction.expand(text)
        if not known:
            return None
    if not text:
        return current
    if text.startswith("/"):
        return posixpath.normpath(text)
    if current is None:
        return None
    return posixpath.normpath(posixpath.join(current, text))
