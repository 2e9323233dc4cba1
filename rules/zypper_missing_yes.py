"""Reports `zypper install` (and other changing zypper commands) that would stop to ask for confirmation.

## What it does
Flags `zypper` commands that change packages (`install`/`in`, `remove`/`rm`, `update`/`up`, `patch`,
`dist-upgrade`/`dup`, `source-install`/`si`, `install-new-recommends`, `verify`) without `--non-interactive`/`-n`
(before the subcommand) or `--no-confirm`/`-y` (after it), in shell-form and exec-form `RUN`, heredoc scripts,
`sh -c` strings and ONBUILD triggers. It stays quiet with `yes |` in front of the command and when a variable may hold
the options.

Note that `-n` after the subcommand is `--name` (`zypper install -n pkg`), not non-interactive mode.

## Why it matters
A build has no terminal: zypper asks `Continue? [y/n/v/...? shows all options] (y):` and, reading end of input,
aborts, so the build fails.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl && zypper clean --all
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
```

## Fix
Safe: inserts `--non-interactive` right after `zypper` (valid for every subcommand).

## Differences from hadolint
DL3034 does not accept the global `--non-interactive`/`-n` (the usual way to script zypper), and misses exec-form
RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import fed_by_yes, insert_after, package_runs
from linter.rule import Fix, RuleContext, Violation

CODE = "DF216"
NAME = "zypper-missing-yes"
SEVERITY = "warning"
SUMMARY = "zypper command that changes packages without --non-interactive or -y"
TWINS: tuple[str, ...] = ("DL3034",)
FIXABLE = True

PROMPTING = frozenset(
    {"install", "remove", "update", "patch", "dist-upgrade", "source-install", "install-new-recommends", "verify"}
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "zypper"):
        for found in commands:
            if found.subcommand not in PROMPTING or found.subcommand_word is None or found.options_unknown:
                continue
            if found.has("--non-interactive", "--no-confirm", "--dry-run") or fed_by_yes(instruction, found.command):
                continue
            spelled = f"{found.program.raw} {found.subcommand_word.raw}"
            edit = insert_after(found.program, "--non-interactive", instruction, found.command)
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{spelled}` asks for confirmation and aborts in a non-interactive build: add `--non-interactive` "
                f"(`{found.program.raw} --non-interactive {found.subcommand_word.raw} …`) or `-y` after the subcommand",
                Fix("Insert `--non-interactive` after `zypper`", (edit,)) if edit else None,
            )
