"""Reports `yum install` (and other changing yum commands) that would stop to ask for confirmation.

## What it does
Flags `yum` commands that change packages (`install`, `groupinstall`, `localinstall`, `reinstall`, `update`,
`upgrade`, `remove`, `erase`, `downgrade`, `swap`, `distro-sync`, `group install`, `module enable`, …) without
`-y`/`--assumeyes`, in shell-form and exec-form `RUN`, heredoc scripts, `sh -c` strings and ONBUILD triggers.

It stays quiet with `--assumeno`, `--downloadonly`, `--setopt=assumeyes=1`, `yes |` in front of the command, an
`assumeyes=1` setting written by this RUN or an earlier instruction of the stage chain (or a file copied into
`/etc/yum.conf`, `/etc/dnf/`, `/etc/yum/`), and when a variable may hold the options.

## Why it matters
A build has no terminal: yum asks `Is this ok [y/N]:`, reads end of input, and exits with `Operation aborted.`, so
the build fails.

## Example
```dockerfile
FROM centos:7
RUN yum install httpd && yum clean all
```

Use instead:
```dockerfile
FROM almalinux:9
RUN yum install -y httpd-2.4.62 && yum clean all
```

## Fix
Safe: inserts `-y` after the subcommand.

## Differences from hadolint
DL3030 checks `install`, `groupinstall` and `localinstall` only, and misses exec-form RUN, `sh -c` strings and
commands after a heredoc.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import (
    configured_earlier,
    fed_by_yes,
    insert_after,
    package_runs,
    rpm_answers_yes,
    rpm_prompts,
)
from linter.regex import lazy_compile
from linter.rule import Fix, RuleContext, Violation

CODE = "DF213"
NAME = "yum-missing-yes"
SEVERITY = "warning"
SUMMARY = "yum command that changes packages without -y"
TWINS: tuple[str, ...] = ("DL3030",)
FIXABLE = True

ASSUME_YES_CONFIG = lazy_compile(r"assumeyes\s*=\s*(1|true|yes|on)\b", re.IGNORECASE)
CONFIG_PATHS = ("/etc/yum.conf", "/etc/dnf/", "/etc/yum/")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "yum"):
        for found in commands:
            if not rpm_prompts(found) or found.subcommand_word is None or rpm_answers_yes(found):
                continue
            if fed_by_yes(instruction, found.command):
                continue
            if configured_earlier(dockerfile, instruction, ASSUME_YES_CONFIG, CONFIG_PATHS):
                continue
            spelled = f"{found.program.raw} {found.subcommand_word.raw}"
            edit = insert_after(found.subcommand_word, "-y", instruction, found.command)
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{spelled}` asks for confirmation and aborts in a non-interactive build: add `-y` (`{spelled} -y …`)",
                Fix("Insert `-y` after the subcommand", (edit,)) if edit else None,
            )
