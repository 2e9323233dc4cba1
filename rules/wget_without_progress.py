"""Reports GNU `wget` without `--progress` or `-q`: thousands of progress lines in the build log.

## What it does
Flags `wget` in a `RUN` (heredoc scripts, `sh -c` strings and ONBUILD triggers included) that has none of
`--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file`, `-a`/`--append-output`, when the stage
runs GNU wget: its base image is known and is not Alpine or BusyBox, or the stage installs the `wget` package there.
BusyBox's `wget` (Alpine's default) knows no `--progress` option, so those stages are left alone.

## Why it matters
Without a terminal, GNU wget falls back to its "dot" progress display: one line per 50 KB, so a 200 MB download
writes some 4,000 lines into the build log, hiding the lines that matter and slowing CI log viewers.
`--progress=dot:giga` keeps one line per 32 MB and still shows progress; `-q` shows nothing (and hides errors
except the exit status), `-nv` one line per file.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN wget -O /tmp/node.tar.xz https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN wget --progress=dot:giga -O /tmp/node.tar.xz https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz
```

## Fix
Safe: inserts `--progress=dot:giga` after `wget` (only where the stage's wget is GNU wget).

## Differences from hadolint
DL3047 reports `wget` on Alpine images too, where `--progress` is an error for BusyBox's wget, and does not
accept `-a`/`--append-output`.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.images import parse_image
from linter.model import Dockerfile, Instruction
from linter.packages import command_text, insert_after, root_image, run_commands
from linter.rule import Fix, RuleContext, Violation
from linter.security import stage_chain, wget_flags
from linter.shell import command_basename

CODE = "DF519"
NAME = "wget-without-progress"
SEVERITY = "info"
SUMMARY = "GNU wget without `--progress` floods the build log"
TWINS: tuple[str, ...] = ("DL3047",)
FIXABLE = True

_QUIETING = frozenset(
    {"--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output"}
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, command in run_commands(dockerfile, "wget"):
        if not _gnu_wget(dockerfile, instruction, command.start):
            continue
        effective = command.effective()
        if any(not word.is_static and word.raw.startswith("$") for word in effective.words[1:]):
            continue  # options may hide in a variable
        flags = wget_flags(effective)
        if any(flag.name in _QUIETING or flag.name == "-n" for flag in flags):
            continue  # `-nv` parses as -n with the value v... or as one flag: both are quiet
        edit = insert_after(effective.words[0], "--progress=dot:giga", instruction, command)
        yield Violation(
            effective.words[0].span,
            f"`{command_text(command)}` prints a line of progress dots per 50 KB into the build log: add "
            "`--progress=dot:giga` (or `-nv`/`-q`)",
            Fix("Insert `--progress=dot:giga` after `wget`", (edit,)) if edit else None,
        )


def _gnu_wget(dockerfile: Dockerfile, instruction: Instruction, before: int) -> bool:
    """Whether the stage's wget is GNU wget: a known, non-BusyBox base, or `apk add wget` on Alpine earlier (in an
    earlier instruction, or before offset ``before`` in this one)."""
    if instruction.is_trigger:
        return False  # the downstream image is unknown
    image = root_image(dockerfile, instruction)
    ref = parse_image(image) if image else None
    if ref is None or ref.is_scratch:
        return False
    name = ref.repository.rsplit("/", 1)[-1]
    busybox = name in ("alpine", "busybox") or "alpine" in (ref.tag or "") or name.endswith("-alpine")
    if not busybox:
        return True
    stage = dockerfile.stage_of(instruction)
    if stage is None:
        return False
    for member in stage_chain(dockerfile, stage):
        for earlier in member.body:
            if earlier.keyword != "RUN" or (member is stage and earlier.index > instruction.index):
                continue
            for command in earlier.commands:
                if earlier is instruction and command.start >= before:
                    continue
                words = command.effective().words
                if (
                    len(words) >= 3
                    and command_basename(words[0]) == "apk"
                    and "add" in [w.value for w in words[1:]]
                    and any(w.value == "wget" for w in words[2:])
                ):
                    return True
    return False
