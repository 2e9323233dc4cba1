"""Reports `useradd` with a high UID and without `--no-log-init`: the image grows by the UID times 292 bytes.

## What it does
Flags a `useradd` in a `RUN` (heredoc scripts, `sh -c` strings and ONBUILD triggers included) that sets a UID of
65536 or more (`-u`, `--uid`, `-u100000`, `--uid=100000`, a cluster such as `-ru 100000`, or an ARG/ENV with a known
value) and has neither `-l` nor `--no-log-init`.

## Why it matters
`useradd` reserves the new user's record in `/var/log/lastlog` and `/var/log/faillog`, which are sparse files indexed
by UID: for UID 1000000 that is a 292 MB file that holds almost nothing. Docker's layer format does not keep files
sparse, so the layer really is that large. Docker's best practices: "Consider an explicit UID/GID ... Due to an
unresolved bug in the Go archive/tar package's handling of sparse files, attempting to create a user with a
significantly large UID inside a Docker container can lead to disk exhaustion ... pass the `--no-log-init` flag to
useradd to work around this issue." (UID 65536 already gives 19 MB.)

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --uid 1000001 --create-home app
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --uid 1000001 --create-home app
```

## Fix
Safe: inserts `--no-log-init` after `useradd` (the only effect is that no login records are kept for the user).

## Differences from hadolint
DL3046 reads the value of `-u` only, so `useradd --uid 1000001 app` passes, and counts digits (six or more) rather
than the size the file reaches; it does not substitute ARGs and does not look into `sh -c` strings or heredocs.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import command_text, insert_after, run_commands
from linter.rule import Fix, RuleContext, Violation
from linter.shell import Word

CODE = "DF511"
NAME = "useradd-without-no-log-init"
SEVERITY = "warning"
SUMMARY = "`useradd` with a high UID without `--no-log-init` bloats the image"
TWINS: tuple[str, ...] = ("DL3046",)
FIXABLE = True

HIGH_UID = 65536
_LASTLOG_RECORD = 292  # bytes per UID in /var/log/lastlog (64-bit glibc)
# useradd's short options that take a value (shadow-utils getopt string).
_WITH_VALUE = frozenset("bcdefgGkKpRPsuZ")
_LONG_WITH_VALUE = frozenset(
    {
        "--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid", "--groups", "--skel",
        "--key", "--password", "--root", "--prefix", "--shell", "--selinux-user", "--btrfs-subvolume-home",
    }
)  # fmt: skip


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, command in run_commands(dockerfile, "useradd"):
        effective = command.effective()
        parsed = _parse(effective.words)
        if parsed is None:
            continue
        no_log_init, uid_text = parsed
        if no_log_init or uid_text is None:
            continue
        uid = _uid(instruction, uid_text)
        if uid is None or uid < HIGH_UID:
            continue
        size = uid * _LASTLOG_RECORD / 1_000_000
        edit = insert_after(effective.words[0], "--no-log-init", instruction, command)
        yield Violation(
            effective.words[0].span,
            f"`{command_text(command)}` creates UID {uid} without `--no-log-init`: /var/log/lastlog becomes a "
            f"{size:,.0f} MB file in the layer (Docker does not keep it sparse); add `--no-log-init` (`-l`)",
            Fix("Insert `--no-log-init` after `useradd`", (edit,)) if edit else None,
        )


def _parse(words: tuple[Word, ...]) -> tuple[bool, Word | None] | None:
    """(has -l/--no-log-init, the UID word) of a useradd command line; None when an option is not static."""
    no_log_init = False
    uid: Word | None = None
    index = 1
    while index < len(words):
        word = words[index]
        index += 1
        text = word.value
        if not word.is_static:
            if text.startswith("-"):
                return None
            continue
        if text == "--no-log-init":
            no_log_init = True
        elif text == "--uid" and index < len(words):
            uid = words[index]
            index += 1
        elif text.startswith("--uid="):
            uid = Word(text[6:], word.raw, word.start, word.end, word.span, True)
        elif text.startswith("--"):
            index += 1 if "=" not in text and text in _LONG_WITH_VALUE else 0
        elif text.startswith("-") and len(text) > 1:
            for position, letter in enumerate(text[1:], 1):
                if letter == "l":
                    no_log_init = True
                elif letter in _WITH_VALUE:
                    if position + 1 < len(text):
                        value = Word(text[position + 1 :], word.raw, word.start, word.end, word.span, True)
                    elif index < len(words):
                        value = words[index]
                        index += 1
                    else:
                        break
                    if letter == "u":
                        uid = value
                    break
    return no_log_init, uid


def _uid(instruction: Instruction, word: Word) -> int | None:
    text = word.value if word.is_static else word.raw
    if "$" in text:
        text, known = instruction.expand(text.replace('"', ""))
        if not known:
            return None
    text = text.strip()
    return int(text) if text.isdigit() else None
