"""Reports a package-index update that runs in a RUN of its own.

## What it does
Flags `apt-get update` (also `apt`/`aptitude update`), `apk update`, `yum`/`dnf`/`microdnf makecache` and
`zypper refresh` when nothing after it in the same RUN uses the fresh index: every later command of the RUN is an
index update or cleanup of the same manager, another ecosystem's package manager, or a command that installs nothing
(`echo`, `rm`, `mkdir`, `ln`, `chmod`, `curl`, `gpg`, `apt-key`, …). A command it does not know (a script such as
`./install-deps.sh`, a helper such as `install_packages`) may install, so the rule stays quiet. It checks shell-form
and exec-form RUN, heredoc scripts, `sh -c` strings and ONBUILD triggers, in every stage.

## Why it matters
Docker reuses a cached layer as long as its instruction and everything before it are unchanged. A lone
`RUN apt-get update` is therefore cached indefinitely: when a later `RUN apt-get install …` changes, it runs against
package lists as old as that cache, installs outdated versions or fails with `404 Not Found` because the mirror no
longer has them. Docker's best practices: "Always combine `RUN apt-get update` with `apt-get install` in the same
`RUN` statement" (cache busting).

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Fix
None automatic: move the update into the RUN that installs (for Alpine, `apk add --no-cache` needs no update at all).

## Differences from peers
Trivy DS-0017 and Checkov CKV_DOCKER_5 look at the RUN text; Checkov counts "install" anywhere in the file, so
`RUN apt-get update` followed by a separate `RUN apt-get install -y curl` passes there. This rule judges the commands
of the RUN itself and knows the other package managers' update commands.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import PackageCommand, package_runs
from linter.rule import RuleContext, Violation
from linter.shell import Command, command_basename

CODE = "DF225"
NAME = "package-update-alone"
SEVERITY = "warning"
SUMMARY = "package index update in a RUN that installs nothing"
TWINS: tuple[str, ...] = ("DS-0017", "CKV_DOCKER_5")

_FAMILY = {
    "apt-get": "apt",
    "apt": "apt",
    "aptitude": "apt",
    "apk": "apk",
    "yum": "rpm",
    "dnf": "rpm",
    "microdnf": "rpm",
    "zypper": "zypper",
}
_UPDATES = {"apt": {"update"}, "apk": {"update"}, "rpm": {"makecache"}, "zypper": {"refresh"}}
# Subcommands that only maintain the index or the cache: they do not use a fresh index.
_MAINTENANCE = frozenset({"update", "clean", "autoclean", "dist-clean", "makecache", "refresh", "cache"})
# Commands that install no system package.
_HARMLESS = frozenset(
    {
        ":",
        "[",
        "add-apt-repository",
        "apt-key",
        "bash",
        "cat",
        "cd",
        "chmod",
        "chown",
        "cp",
        "curl",
        "dash",
        "dpkg-reconfigure",
        "echo",
        "exit",
        "export",
        "false",
        "gpg",
        "gpgconf",
        "grep",
        "ln",
        "ls",
        "mkdir",
        "mktemp",
        "mv",
        "printf",
        "rm",
        "sed",
        "set",
        "sh",
        "sleep",
        "tee",
        "test",
        "touch",
        "true",
        "unset",
        "wget",
    }
)
_ADVICE = {
    "apt": "update and install in the same RUN (`apt-get update && apt-get install -y …`)",
    "apk": "use `apk add --no-cache …`, which fetches a fresh index and needs no update",
    "rpm": "install in the same RUN (dnf and yum refresh expired metadata themselves)",
    "zypper": "refresh and install in the same RUN",
}


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    package_commands_of: dict[Instruction, tuple[PackageCommand, ...]] | None = None  # every manager's, by RUN
    for instruction, commands in package_runs(dockerfile, *_FAMILY):
        for found in commands:
            family = _FAMILY[found.manager]
            if found.subcommand not in _UPDATES[family] or found.subcommand_word is None:
                continue
            if package_commands_of is None:
                package_commands_of = dict(package_runs(dockerfile))
            if _used_later(instruction, found, family, package_commands_of[instruction]):
                continue
            spelled = f"{found.program.raw} {found.subcommand_word.raw}"
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{spelled}` runs in a RUN that installs nothing: Docker caches this layer, so later installs use "
                f"an index as old as the cache; {_ADVICE[family]}",
            )
            break  # one report per RUN


def _used_later(
    instruction: Instruction, update: PackageCommand, family: str, package_commands: tuple[PackageCommand, ...]
) -> bool:
    """Whether a command after the update may install from the fresh index; ``package_commands``: the RUN's
    package-manager commands (already parsed, by the command they run)."""
    parsed = {id(found.command): found for found in package_commands}
    for command in instruction.commands:
        if command.start <= update.command.start:
            continue
        if not _installs_nothing(command, parsed.get(id(command.effective())), family):
            return True
    return False


def _installs_nothing(command: Command, found: PackageCommand | None, family: str) -> bool:
    """``found``: the command as a package-manager command, if it is one."""
    if found is not None:
        return _FAMILY.get(found.manager) != family or found.subcommand in _MAINTENANCE
    effective = command.effective()
    if not effective.words:
        return True
    name = command_basename(effective.words[0])
    if name in _HARMLESS:
        return True
    # Another ecosystem's installer (pip, npm, gem, …) does not read the system index.
    return name is not None and name.rstrip("0123456789.") in ("pip", "npm", "yarn", "pnpm", "gem", "cargo", "uv")
