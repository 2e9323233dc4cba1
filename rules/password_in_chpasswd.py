"""Reports passwords set at build time from text in the Dockerfile: `echo 'root:pw' | chpasswd` and the like.

## What it does
Flags, in `RUN` instructions (heredoc scripts, `sh -c` strings and ONBUILD triggers included):

* `chpasswd` fed by `echo`/`printf`, by a here-string (`chpasswd <<< "app:pw"`) or by a heredoc;
* `passwd` fed by `echo`/`printf` (`echo pw | passwd --stdin app`, `printf 'pw\\npw\\n' | passwd app`);
* `useradd`/`usermod` with `-p`/`--password` (a password hash written in the Dockerfile).

`chpasswd < /run/secrets/passwords` (or any other file) is not reported: the text is not in the Dockerfile.

## Why it matters
The Dockerfile and the image history (`docker history --no-trunc`) show the command line, so the password, or the
hash of it, is readable by anyone with the image or the repository; ARG values used here end up in the history too.
A password that is the same in every container of the image is also a shared secret nobody can rotate. Accounts
inside containers rarely need a password: use `docker exec`; if one is really needed, set it at run time from a
secret (`docker run --secret`, a Kubernetes Secret) in the entrypoint. Checkov's CKV2_DOCKER_17 reports `chpasswd`
for the same reason.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN useradd --create-home app && echo 'app:changeme' | chpasswd
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN useradd --no-log-init --create-home app
```
and, if a password is needed, `RUN --mount=type=secret,id=app_password chpasswd < /run/secrets/app_password` (the
password then still ends up hashed in `/etc/shadow` of the image), or set it at start-up.

## Fix
None automatic.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import command_text, run_commands
from linter.rule import RuleContext, Violation
from linter.shell import Command, Script, command_basename

CODE = "DF513"
NAME = "password-in-chpasswd"
SEVERITY = "warning"
SUMMARY = "Password set from text in the Dockerfile (`echo … | chpasswd`)"
TWINS: tuple[str, ...] = ("CKV2_DOCKER_17",)
FIXABLE = False

_PRODUCERS = frozenset({"echo", "printf"})
_ADVICE = (
    "the password (or its hash) is readable in the Dockerfile and in `docker history` by anyone with the image; "
    "containers rarely need passwords (use `docker exec`), otherwise set it at start-up from a secret"
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    piped: dict[Instruction, dict[int, Command]] = {}  # by RUN, worked out once for all its commands
    for instruction, command in run_commands(dockerfile, "chpasswd", "passwd"):
        if instruction not in piped:
            piped[instruction] = _piped_from_text(instruction)
        producer = piped[instruction].get(command.start)
        inline = None if producer is not None else _fed_inline(dockerfile, command)
        if producer is not None:
            shown = f"{command_text(producer, 30)} | {command_text(command, 30)}"
        elif inline is not None:
            shown = inline
        else:
            continue
        yield Violation(
            command.effective().words[0].span,
            f"`{shown}` sets a password from text in the Dockerfile: " + _ADVICE,
        )
    for _instruction, command in run_commands(dockerfile, "useradd", "usermod"):
        for word in command.effective().words[1:]:
            if word.value in ("-p", "--password") or word.value.startswith("--password="):
                yield Violation(
                    word.span,
                    f"`{command_text(command)}` writes a password hash into the Dockerfile: " + _ADVICE,
                )
                break


def _piped_from_text(instruction: Instruction) -> dict[int, Command]:
    """Start offsets of the commands that read a pipe from `echo`/`printf`, mapped to that producer."""
    fed: dict[int, Command] = {}
    for script in instruction.scripts:
        assert isinstance(script, Script)
        for pipeline in script.pipelines:
            for before, after in itertools.pairwise(pipeline):
                effective = before.effective()
                if effective.words and command_basename(effective.words[0]) in _PRODUCERS:
                    fed[after.start] = before
    return fed


def _fed_inline(dockerfile: Dockerfile, command: Command) -> str | None:
    """The command as written when a here-string (`<<< "user:pw"`) or a heredoc feeds it (its span covers its
    redirections), else None."""
    span = command.span
    lines = dockerfile.lines[span.start_line - 1 : span.end_line]
    if not lines:
        return None
    text = "\n".join(lines)
    start = span.start_column - 1
    end = len(text) - len(lines[-1]) + span.end_column - 1
    after = dockerfile.lines[span.end_line - 1][span.end_column - 1 :] if span.end_line <= len(dockerfile.lines) else ""
    if "<<" in text[start:end] or after.lstrip(" \t").startswith("<<"):
        written = " ".join(text[start:end].split())
        return written if len(written) <= 60 else written[:59] + "…"
    return None
