"""Reports a pipe in RUN whose failure would go unnoticed: no `pipefail` in the shell that runs it.

## What it does
Flags the first pipeline (`a | b`) of a shell-form `RUN` (heredoc scripts and ONBUILD triggers included) when the
shell runs it without `pipefail`. `pipefail` counts as set when:

* the stage's `SHELL` sets it: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, `["/bin/ash", "-eo", "pipefail",
  "-c"]`, `["/bin/sh", "-o", "pipefail", "-c"]`;
* a `set -o pipefail` (also `set -eo pipefail`, `set -euxo pipefail`, `set -Eeuo pipefail`) runs earlier in the same
  script (the RUN, or the heredoc script);
* a heredoc script's `#!` line asks for it (`#!/bin/bash -eo pipefail`).

Not reported: pipelines whose left-hand commands cannot fail in a way that matters (`echo`, `printf`, `yes`,
`true`, `cat` of its standard input), pipelines that end in a checksum check (`awk … | sha512sum -c -` fails when
its input is missing or wrong), pipes inside `sh -c '…'` strings, heredoc scripts in another language
(`#!/usr/bin/env python3`), Windows images (`cmd` or PowerShell) and `SHELL`s that are not POSIX shells.

The advice depends on the shell: for `bash`, `zsh` or `ash` set by `SHELL`, add `-o pipefail` to it; for the
default `/bin/sh` on Alpine/BusyBox (whose `sh` supports `pipefail`), `set -o pipefail &&`; for `/bin/sh` elsewhere
(dash on Debian and Ubuntu, whose released versions have no `pipefail`), `SHELL ["/bin/bash", "-o", "pipefail",
"-c"]`.

## Why it matters
A pipeline's exit status is that of its last command: in `curl -fsSL "$URL" | tar -xz`, a failed download feeds
`tar` nothing, `tar` may still exit 0 and the build goes on with a missing tool, to fail later or not at all. Docker's
best practices ("Using pipes"): "prepend set -o pipefail && to ensure that an unexpected error prevents the build
from inadvertently succeeding", noting that not every shell supports it.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
```

## Fix
None automatic: which shell the image has decides the right change.

## Differences from hadolint
DL4006 accepts `set -o pipefail` only for shells it knows support it and never for `sh`, so it reports Alpine
images whose BusyBox `sh` supports `pipefail` (hadolint issues #250, #350, #1084), and `RUN <<EOF bash` heredocs
(#1137); it reports `echo … | sha256sum -c -` and `yes | apt-get …`, where `pipefail` adds nothing (with `yes`, it
would even fail the pipeline when `yes` is killed by SIGPIPE), and PowerShell pipelines of Windows images.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.images import parse_image
from linter.model import POSIX_SHELLS, Dockerfile, Instruction
from linter.packages import command_text, root_image, run_instructions
from linter.positions import Span
from linter.rule import RuleContext, Violation
from linter.security import interpreter_of, is_windows_stage, sets_pipefail, shell_sets_pipefail
from linter.shell import Command, Script, command_basename

CODE = "DF521"
NAME = "pipe-without-pipefail"
SEVERITY = "warning"
SUMMARY = "Pipe in RUN without `pipefail`: a failing command before `|` goes unnoticed"
TWINS: tuple[str, ...] = ("DL4006",)
FIXABLE = False

_HARMLESS = frozenset({"echo", "printf", "yes", "true"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in run_instructions(dockerfile):
        if instruction.is_exec_form or not instruction.uses_posix_shell:
            continue
        if not any(script.pipelines for script in instruction.scripts):  # type: ignore[attr-defined]
            continue  # no pipe to protect
        stage = dockerfile.stage_of(instruction)
        if stage is not None and is_windows_stage(dockerfile, stage):
            continue  # cmd or PowerShell, whatever the model's default shell says
        for index, script in enumerate(instruction.scripts):
            assert isinstance(script, Script)
            found = _unprotected_pipeline(instruction, script, is_heredoc=index > 0)
            if found is None:
                continue
            pipeline, shebang = found
            first, last = pipeline[0], pipeline[-1]
            shown = " | ".join(command_text(command, 40) for command in pipeline)
            if len(pipeline) > 2:
                shown = f"{command_text(first, 40)} | … | {command_text(last, 40)}"
            yield Violation(
                Span(first.span.start_line, first.span.start_column, last.span.end_line, last.span.end_column),
                f"`{shown}` runs without `pipefail`: if `{_name(first)}` fails, the RUN still succeeds when "
                f"`{_name(last)}` does; {_advice(dockerfile, instruction, shebang)}",
            )
            break  # one finding per RUN: the fix covers all its pipes


def _unprotected_pipeline(
    instruction: Instruction, script: Script, is_heredoc: bool
) -> tuple[tuple[Command, ...], str | None] | None:
    """The first pipeline of ``script`` that runs without pipefail, with the heredoc script's `#!` interpreter (None
    when the RUN's shell runs it); None when every pipeline is safe."""
    if not script.pipelines:
        return None
    shebang = interpreter_of(script.text) if is_heredoc else None
    if shebang is not None:
        if shebang not in POSIX_SHELLS:
            return None  # a script in another language
        if "pipefail" in script.text.split("\n", 1)[0]:
            return None
    elif shell_sets_pipefail(instruction.shell):
        return None
    first_setter: int | None = None  # where the first `set -o pipefail` starts, looked for at the first risky pipe
    for pipeline in script.pipelines:
        if any(command.nested_in is not None for command in pipeline):
            continue  # a pipe inside `sh -c '…'`: its shell's options are not followed here
        if all(_harmless(command) for command in pipeline[:-1]) or _verifies_input(pipeline[-1]):
            continue
        if first_setter is None:
            first_setter = min(
                (command.start for command in script.commands if command.nested_in is None and sets_pipefail(command)),
                default=-1,
            )
        if 0 <= first_setter < pipeline[0].start:
            continue
        return pipeline, shebang
    return None


def _harmless(command: Command) -> bool:
    words = command.effective().words
    if not words:
        return True
    name = command_basename(words[0])
    if name in _HARMLESS:
        return True
    return name == "cat" and all(word.value.startswith("-") for word in words[1:])  # reads its stdin or a heredoc


_CHECKSUM_TOOLS = frozenset(
    {"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "shasum", "b2sum"}
)


def _verifies_input(command: Command) -> bool:
    """`sha256sum -c`: it fails on empty or wrong input, so a failure before the pipe cannot pass unnoticed."""
    words = command.effective().words
    if not words or command_basename(words[0]) not in _CHECKSUM_TOOLS:
        return False
    return any(
        word.value == "--check"
        or (word.value.startswith("-") and not word.value.startswith("--") and "c" in word.value)
        for word in words[1:]
    )


def _name(command: Command) -> str:
    words = command.effective().words
    return (command_basename(words[0]) or words[0].raw) if words else "…"


def _advice(dockerfile: Dockerfile, instruction: Instruction, shebang: str | None) -> str:
    if shebang is not None:
        return "add `set -o pipefail` at the top of the heredoc script"
    program = instruction.shell[0].replace("\\", "/").rsplit("/", 1)[-1] if instruction.shell else "sh"
    if program in ("bash", "zsh", "ksh", "mksh", "ash"):
        return (
            f'add it to the SHELL: `SHELL ["{instruction.shell[0]}", "-o", "pipefail", "-c"]` (or start the RUN with '
            "`set -o pipefail &&`)"
        )
    if _busybox(dockerfile, instruction):
        return (
            "BusyBox `sh` supports it: start the RUN with `set -o pipefail &&` (or use "
            '`SHELL ["/bin/sh", "-o", "pipefail", "-c"]`)'
        )
    return (
        "`/bin/sh` is dash on Debian and Ubuntu, whose released versions have no `pipefail`: add "
        '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN'
    )


def _busybox(dockerfile: Dockerfile, instruction: Instruction) -> bool:
    image = root_image(dockerfile, instruction)
    ref = parse_image(image) if image else None
    if ref is None:
        return False
    name = ref.repository.rsplit("/", 1)[-1]
    return name in ("alpine", "busybox") or "alpine" in (ref.tag or "") or name.endswith("-alpine")
