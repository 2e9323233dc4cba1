"""Reports `dnf install` (and other changing dnf/microdnf commands) that would stop to ask for confirmation.

## What it does
Flags `dnf` (also `dnf5`) and `microdnf` commands that change packages (`install`, `reinstall`, `upgrade`, `remove`,
`downgrade`, `swap`, `distro-sync`, `group install`, `module enable`, …) without `-y`/`--assumeyes`, in shell-form and
exec-form `RUN`, heredoc scripts, `sh -c` strings and ONBUILD triggers.

It stays quiet with `--assumeno`, `--downloadonly`, `--setopt=assumeyes=1`, `yes |` in front of the command, an
`assumeyes=1` setting written by this RUN or an earlier instruction of the stage chain (or a file copied into
`/etc/dnf/`, `/etc/yum.conf`), when a variable may hold the options, and for `microdnf` on an EL 8 base image
(`ubi8/ubi-minimal`, `…:8-slim`, `…:8-minimal`), whose microdnf never prompts.

## Why it matters
A build has no terminal: dnf asks `Is this ok [y/N]:`, reads end of input, and exits with `Operation aborted.`, so
the build fails. microdnf asks too since EL 9 (it assumed yes before) and, reading no answer, can hang the build
(UBI 9 and Oracle Linux 9 projects added `-y` for that reason).

## Example
```dockerfile
FROM fedora:40
RUN dnf install python3-pip && dnf clean all
```

Use instead:
```dockerfile
FROM fedora:40
RUN dnf install -y python3-pip-23.3.2 && dnf clean all
```

## Fix
Safe: inserts `-y` after the subcommand.

## Differences from hadolint
DL3038 checks `install`, `groupinstall` and `localinstall` only, reports microdnf on EL 8 where it never prompts,
and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
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
    root_image,
    rpm_answers_yes,
    rpm_prompts,
)
from linter.regex import lazy_compile
from linter.rule import Fix, RuleContext, Violation

CODE = "DF220"
NAME = "dnf-missing-yes"
SEVERITY = "warning"
SUMMARY = "dnf/microdnf command that changes packages without -y"
TWINS: tuple[str, ...] = ("DL3038",)
FIXABLE = True

ASSUME_YES_CONFIG = lazy_compile(r"assumeyes\s*=\s*(1|true|yes|on)\b", re.IGNORECASE)
CONFIG_PATHS = ("/etc/yum.conf", "/etc/dnf/", "/etc/yum/")
# EL 8 images, whose microdnf assumes yes: ubi8/ubi-minimal, ubi8-minimal, oraclelinux:8-slim, rockylinux:8-minimal.
_EL8 = lazy_compile(r"(ubi8|:8([.-]|$)|el8)", re.IGNORECASE)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "dnf", "microdnf"):
        for found in commands:
            if not rpm_prompts(found) or found.subcommand_word is None or rpm_answers_yes(found):
                continue
            if found.manager == "microdnf" and _EL8.search(root_image(dockerfile, instruction) or ""):
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
