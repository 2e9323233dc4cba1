"""Reports `sudo` in a RUN instruction.

## What it does
Flags every `sudo` command run by a `RUN` (shell form, exec form, heredoc scripts, `sh -c` strings, ONBUILD
triggers), also behind wrappers (`env X=1 sudo …`, `nohup sudo …`). Text that merely mentions sudo is not a command:
`apt-get install -y sudo`, `echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers`. `sudo -u app …` (or `--user=app`)
is not reported either: in a step that runs as root it drops privileges for one command, it does not gain them
(`gosu app …` or `setpriv` would do the same without sudo in the image).

## Why it matters
A build step runs as the user of the last `USER` instruction: to run one as root, switch with `USER root` and back.
`sudo` needs a TTY and a password unless configured otherwise, so it either fails the build or means the image ships
a passwordless sudo configuration, a privilege escalation path for anyone who gets a shell in the container. Docker's
best practices: "Avoid installing or using sudo as it has unpredictable TTY and signal-forwarding behavior that can
cause problems. If you absolutely need functionality similar to sudo, such as initializing the daemon as root but
running it as non-root, consider using gosu."

## Example
```dockerfile
FROM python:3.12-slim
USER app
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER app
```

## Fix
None automatic: moving the step before `USER` (or wrapping it in `USER root` … `USER app`) is a change of order.

## Differences from hadolint
DL3004 looks for a command named `sudo` in shell-form RUN only, and also reports `sudo -u app …`, which lowers
privileges; this rule also sees exec form, `sh -c` strings, heredoc scripts and wrapped commands.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import command_text, run_command_programs
from linter.rule import RuleContext, Violation
from linter.shell import Command, Word, command_basename

CODE = "DF502"
NAME = "sudo-in-run"
SEVERITY = "warning"
SUMMARY = "`sudo` in RUN"
TWINS: tuple[str, ...] = ("DL3004", "DS-0010", "CKV2_DOCKER_1")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for _instruction, command, program in run_command_programs(dockerfile):
        if program != "sudo" and command.effective() is command:
            continue  # no wrappers (most commands): only a command named sudo runs through it
        word = sudo_word(command)
        if word is None:
            continue
        yield Violation(
            word.span,
            f"`{command_text(command)}` uses sudo: RUN already runs as root unless a USER says otherwise; drop "
            "`sudo` and run the step before `USER` (or between `USER root` and `USER <app>`), and use gosu to drop "
            "privileges at start-up",
        )


def sudo_word(command: Command) -> Word | None:
    """The `sudo` word when the command runs through sudo (possibly behind other wrappers such as `env`)."""
    effective = command.effective()
    if effective is command:  # most commands: without wrappers only the name can be sudo (`sudo` alone)
        name = command.words[0] if command.words else None
        return name if name is not None and name.is_static and command_basename(name) == "sudo" else None
    # The wrappers are the words before the effective command.
    candidates = [word for word in command.words if word.start < effective.start] or list(command.words[:1])
    for index, word in enumerate(candidates):
        if word.is_static and command_basename(word) == "sudo":
            return None if _drops_to_user(candidates[index + 1 :]) else word
    return None


def _drops_to_user(options: list[Word]) -> bool:
    """`sudo -u app …` / `sudo --user=app …`: a root build step running one command as an unprivileged user."""
    for index, word in enumerate(options):
        text = word.value
        user = None
        if text in ("-u", "--user") and index + 1 < len(options):
            user = options[index + 1].value
        elif text.startswith("--user="):
            user = text[len("--user=") :]
        elif text.startswith("-u") and len(text) > 2 and not text.startswith("--"):
            user = text[2:]
        if user is not None:
            return user not in ("root", "0", "#0")
    return False
