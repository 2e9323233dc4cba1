"""Reports `apt`, the interactive front end, used in a build.

## What it does
Flags every `apt <subcommand>` a RUN runs (shell form, exec form, heredoc scripts, `sh -c` strings, ONBUILD
triggers, behind `sudo` or `env`), and says which scripting tool to use instead: `apt-get` for installing, updating
and removing, `apt-cache` for `search`/`show`/`policy`/`depends`, `dpkg-query` for `list`.

## Why it matters
`apt` is meant for people at a terminal. Its man page warns that its command line and output may change between
versions, and it prints `WARNING: apt does not have a stable CLI interface. Use with caution in scripts.` when its
output is not a terminal. `apt-get` and `apt-cache` are the stable interfaces for scripts such as Dockerfiles; Docker's
best practices use `apt-get`.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Fix
Safe: replaces `apt` with `apt-get` for the subcommands both spell and run the same way (`install`, `update`,
`remove`, `purge`, `autoremove`, `clean`, `dist-upgrade`, ...). For `upgrade` the fix is unsafe: `apt upgrade` also
installs new dependencies, `apt-get upgrade` holds such packages back (use `apt-get upgrade --with-new-pkgs` or
`dist-upgrade` to keep the behaviour). Other subcommands (`full-upgrade`, `search`, `list`) are not rewritten.

## Differences from hadolint
DL3027 misses `apt` in exec-form RUN, `sh -c` strings and after a heredoc; it has no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import package_commands_in
from linter.positions import Span
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.shell import Word

CODE = "DF208"
NAME = "apt-instead-of-apt-get"
SEVERITY = "warning"
SUMMARY = "apt (interactive front end) instead of apt-get in a RUN"
TWINS: tuple[str, ...] = ("DL3027", "CKV_DOCKER_9")
FIXABLE = True

# Subcommands that `apt-get` runs the same way.
SAME_IN_APT_GET = frozenset(
    {
        "install",
        "update",
        "remove",
        "purge",
        "autoremove",
        "autopurge",
        "clean",
        "autoclean",
        "dist-upgrade",
        "build-dep",
        "source",
        "download",
        "satisfy",
        "check",
        "changelog",
    }
)
_APT_CACHE = frozenset({"search", "show", "showsrc", "policy", "depends", "rdepends", "madison"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "apt"):
        subcommand = found.subcommand
        if subcommand is None or found.subcommand_word is None:
            continue
        if subcommand in _APT_CACHE:
            instead = "apt-cache"
        elif subcommand == "list":
            instead = "dpkg-query -W (installed packages) or apt-cache policy"
        elif subcommand == "full-upgrade":
            instead = "apt-get dist-upgrade"
        else:
            instead = "apt-get"
        fix = None
        if subcommand in SAME_IN_APT_GET or subcommand == "upgrade":
            edit = _rename(found.program)
            if edit is not None:
                fix = Fix("Replace `apt` with `apt-get`", (edit,), safe=subcommand != "upgrade")
        yield Violation(
            found.program.span.cover(found.subcommand_word.span),
            f"`{found.program.raw} {found.subcommand_word.raw}` uses apt, whose command line is not stable "
            f"for scripts: use `{instead}` instead",
            fix,
        )


def _rename(program: Word) -> Edit | None:
    """`apt` -> `apt-get`, also `/usr/bin/apt` and `"apt"` in exec form; None where the position is not exact."""
    span = program.span
    if span.start_line != span.end_line or span.end_column - span.start_column != len(program.raw):
        return None
    if not program.raw.strip('"').endswith("apt"):
        return None
    end = span.end_column - (1 if program.raw.endswith('"') else 0)
    return Edit(Span(span.end_line, end, span.end_line, end), "-get")
