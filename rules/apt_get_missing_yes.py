"""Reports `apt-get install` (and other changing apt commands) that would stop to ask for confirmation.

## What it does
Flags `apt-get`/`apt` commands that change packages (`install`, `upgrade`, `dist-upgrade`, `full-upgrade`, `remove`,
`purge`, `autoremove`, `build-dep`, `reinstall`, `satisfy`) without an answer to apt's "Do you want to continue?"
prompt, wherever the command runs: shell-form and exec-form `RUN`, heredoc scripts, `sh -c` strings, ONBUILD
triggers, behind `sudo`/`env`/`DEBIAN_FRONTEND=noninteractive`.

These count as an answer: `-y`, `--yes`, `--assume-yes` (also combined, `-qy`), quiet level 2 (`-qq`, `-q=2`, which
implies `-y`), `-o APT::Get::Assume-Yes=true`, `--force-yes`, a dry run (`-s`, `--simulate`), `yes |` in front of the
command, and an `APT::Get::Assume-Yes` setting written by this RUN or an earlier instruction of the stage (or a file
copied into `/etc/apt/apt.conf.d/`).

## Why it matters
A build has no terminal: when apt asks before installing extra dependencies or removing anything, it reads end of
input and aborts (`Abort.`), so the build fails, or worse, succeeds today and fails on the day a new dependency
appears. Docker's best practices always write `apt-get install -y`. `DEBIAN_FRONTEND=noninteractive` silences debconf
questions only, not this prompt.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Fix
Safe: inserts `-y` right after the subcommand (`apt-get install -y …`; in exec form, a new `"-y"` argument).

## Differences from hadolint
DL3014 checks `apt-get install` only and accepts a single `-q` as if it were `-y` (it is not: only quiet level 2
implies `-y`). This rule also checks `apt` and the other prompting subcommands, accepts `yes |`, apt configuration and
dry runs, sees commands after a heredoc in the same RUN, exec-form RUN and `sh -c` strings, and stays quiet when a
variable may hold the options (`apt-get $APT_OPTS install x`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from linter.model import Dockerfile
from linter.packages import (
    PackageOption,
    configured_earlier,
    fed_by_yes,
    insert_after,
    package_runs,
)
from linter.regex import lazy_compile
from linter.rule import Fix, RuleContext, Violation

CODE = "DF204"
NAME = "apt-get-missing-yes"
SEVERITY = "warning"
SUMMARY = "apt-get command that changes packages without -y"
TWINS: tuple[str, ...] = ("DL3014", "DS-0021")
FIXABLE = True

PROMPTING = frozenset(
    {
        "install",
        "upgrade",
        "dist-upgrade",
        "full-upgrade",
        "remove",
        "purge",
        "autoremove",
        "autopurge",
        "build-dep",
        "reinstall",
        "satisfy",
    }
)
_ASSUME_YES_OPTION = lazy_compile(r"APT::Get::Assume-Yes\s*=\s*(1|true|yes|on)\s*$", re.IGNORECASE)
# The apt.conf syntax (`APT::Get::Assume-Yes "true";`), as an earlier RUN writes it.
_ASSUME_YES_CONFIG = lazy_compile(r"APT::Get::Assume-Yes\s+\\?[\"']?(1|true|yes|on)\b", re.IGNORECASE)
_APT_CONFIG_PATHS = ("/etc/apt/apt.conf.d/", "/etc/apt/apt.conf")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "apt-get", "apt"):
        for found in commands:
            if found.subcommand not in PROMPTING or found.subcommand_word is None or found.options_unknown:
                continue
            if _answers_yes(found.options) or fed_by_yes(instruction, found.command):
                continue
            if configured_earlier(dockerfile, instruction, _ASSUME_YES_CONFIG, _APT_CONFIG_PATHS):
                continue
            spelled = f"{found.program.raw} {found.subcommand_word.raw}"
            edit = insert_after(found.subcommand_word, "-y", instruction, found.command)
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{spelled}` asks for confirmation and aborts in a non-interactive build: add `-y` (`{spelled} -y …`)",
                Fix("Insert `-y` after the subcommand", (edit,)) if edit else None,
            )


def _answers_yes(options: Sequence[PackageOption]) -> bool:
    quiet_level = 0
    for option in options:
        if option.name in ("--yes", "--force-yes", "--simulate", "--trivial-only", "--assume-no"):
            return True
        if option.name == "--quiet":
            value = option.value.value if option.value is not None else None
            quiet_level = int(value) if value is not None and value.isdigit() else quiet_level + 1
        if option.name == "--option" and option.value is not None and _ASSUME_YES_OPTION.match(option.value.value):
            return True
    return quiet_level >= 2
