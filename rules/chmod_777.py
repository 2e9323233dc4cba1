"""Reports files made writable by every user: `chmod 777`, `chmod -R a+rwx`, `o+w`, `COPY --chmod=777`.

## What it does
Flags modes that give write permission to "others":

* `chmod` in a `RUN` (heredoc scripts, `sh -c` strings and ONBUILD triggers included) with an octal mode whose last
  digit has the write bit (`777`, `0666`, `2777`, `-R 777`) or a symbolic mode that adds it for others (`o+w`,
  `a+rwx`, `ugo=rwx`, `go+w`);
* `mkdir -m`/`install -m` with such a mode;
* `COPY --chmod=`/`ADD --chmod=` with such a mode.

A mode with the sticky bit (`1777`, `+t`) is the shared-directory mode of `/tmp` and is not reported; nor is a mode
behind a variable, or `+w` without `o`/`a` (the umask keeps others out), or a scratch directory the same `RUN`
deletes again (`tempDir="$(mktemp -d)" && chmod 777 "$tempDir" … && rm -rf "$tempDir"`).

## Why it matters
A world-writable file or directory can be changed by any process in the container, whatever user it runs as, and
by other containers sharing a volume: the application's code, its configuration or its data. It usually papers over
an ownership problem (the app runs as a user that does not own its files) that `COPY --chown` or `chown` solves
properly. Docker's best practices advise against unnecessary privileges; CIS Docker Benchmark 4.x asks for least
privilege in images.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --uid 10001 app
COPY . /app
RUN chmod -R 777 /app
USER 10001
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --uid 10001 app
COPY --chown=10001:10001 . /app
USER 10001
```

## Fix
None automatic: which user needs to write where is a design decision.

## Differences from peers
hadolint has no such rule (ShellCheck does not look at modes); Semgrep's community rule matches `chmod 777` text
only, and misses `a+rwx`, `o+w`, `COPY --chmod`, and commands inside `sh -c` or heredocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from linter.model import Dockerfile, Instruction
from linter.packages import command_text, run_commands
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Command, Word, command_basename

CODE = "DF507"
NAME = "chmod-777"
SEVERITY = "warning"
SUMMARY = "File mode writable by every user (`chmod 777`, `o+w`)"
TWINS: tuple[str, ...] = ()
FIXABLE = False

_OCTAL = lazy_compile(r"0*[0-7]{3,4}")
_SYMBOLIC_CLAUSE = lazy_compile(r"([ugoa]*)([-+=])([rwxXstugo]*)")
_ADVICE = (
    "any process in the container (or sharing the volume) can change them; give them to the user that needs them "
    "(`COPY --chown=<user>`, `chown`) and keep modes such as 755/644 (775 for a shared group)"
)


def world_writable(mode: str) -> bool:
    """Whether a chmod mode grants write permission to others (and is not a sticky shared-directory mode)."""
    if _OCTAL.fullmatch(mode):
        digits = mode.lstrip("0").rjust(3, "0")
        special = int(digits[-4]) if len(digits) >= 4 else 0
        return bool(int(digits[-1]) & 2) and not special & 1
    grants = False
    for clause in mode.split(","):
        match = _SYMBOLIC_CLAUSE.fullmatch(clause)
        if match is None:
            return False
        who, operator, permissions = match.groups()
        if "t" in permissions and operator != "-":
            return False
        if operator in "+=" and "w" in permissions and ("o" in who or "a" in who):
            grants = True
    return grants


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("COPY", "ADD"):
        flag = instruction.flag("chmod")
        if flag is not None and flag.value and flag.value_span is not None and world_writable(flag.value):
            yield Violation(
                flag.value_span,
                f"`{instruction.keyword} --chmod={flag.value}` makes the copied files writable by every user: "
                + _ADVICE,
            )
    removals: dict[Instruction, dict[str, int]] = {}  # by RUN, worked out once for all its commands
    for instruction, command in run_commands(dockerfile, "chmod", "mkdir", "install"):
        mode = _mode_word(command)
        if mode is None or not world_writable(mode.value):
            continue
        targets = [word for word in command.effective().words if word.start > mode.start]
        if instruction not in removals:
            removals[instruction] = _last_removals(instruction.commands)
        if targets and all(_removed_later(removals[instruction], target, command.end) for target in targets):
            continue  # a scratch directory of this RUN (`tempDir="$(mktemp -d)"`), deleted before it ends
        yield Violation(
            mode.span,
            f"`{command_text(command)}` makes files writable by every user (mode `{mode.value}`): " + _ADVICE,
        )


def _last_removals(commands: Sequence[Command]) -> dict[str, int]:
    """What the `rm` commands of a RUN delete (as written, quotes aside), with the start of the last one that does."""
    removed: dict[str, int] = {}
    for command in commands:
        effective = command.effective()
        if not effective.words or command_basename(effective.words[0]) != "rm":
            continue
        for word in effective.words[1:]:
            path = _unquoted(word)
            if path and not path.startswith("-"):
                removed[path] = max(removed.get(path, command.start), command.start)
    return removed


def _removed_later(removals: dict[str, int], target: Word, after: int) -> bool:
    """Whether an `rm` starting after offset ``after`` deletes ``target`` (the same text, quotes aside) or a parent
    of it; ``removals`` from :func:`_last_removals`."""
    wanted = _unquoted(target)
    # `wanted` itself and each parent (`/tmp/a/b`: `/tmp/a`, `/tmp`), as an `rm` argument would be written.
    candidates = [wanted] + [wanted[:index] for index, char in enumerate(wanted) if char == "/" and index]
    return any(removals.get(candidate, after) > after for candidate in candidates)


def _unquoted(word: Word) -> str:
    return word.raw.replace('"', "").replace("'", "").rstrip("/")


def _mode_word(command: Command) -> Word | None:
    """The mode argument of `chmod MODE …`, `mkdir -m MODE …` or `install -m MODE …` (static words only)."""
    effective = command.effective()
    words = effective.words
    if not words:
        return None
    name = command_basename(words[0])
    if name == "chmod":
        for word in words[1:]:
            if not word.is_static:
                return None
            text = word.value
            if text.startswith("--"):
                continue
            if text.startswith("-") and re.fullmatch(r"-[RcfvH]+", text):
                continue
            return word  # the first operand is the mode (symbolic modes may start with `-`)
        return None
    if name in ("mkdir", "install"):
        for index, word in enumerate(words[1:-1], 1):
            if word.is_static and word.value in ("-m", "--mode"):
                following = words[index + 1]
                return following if following.is_static else None
            if word.is_static and word.value.startswith("--mode="):
                return Word(word.value[7:], word.raw, word.start, word.end, word.span, True)
            if word.is_static and word.value.startswith("-m") and len(word.value) > 2:
                return Word(word.value[2:], word.raw, word.start, word.end, word.span, True)
    return None
