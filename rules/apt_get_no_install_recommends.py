"""Reports `apt-get install` that also installs every recommended package.

## What it does
Flags `apt-get install` and `apt install` without `--no-install-recommends` in a stage whose files end up in an
image: the final stage, a stage another one is built `FROM`, or a stage nothing refers to (another build target).
Builder stages that are only read through `COPY --from` are skipped: their size never ships.

These also count as opting out: `-o APT::Install-Recommends=false` (or `0`, `no`, `off`), an explicit
`--install-recommends` (the author wants them), an `APT::Install-Recommends` setting written by this RUN or an
earlier instruction of the stage chain (or a file copied into `/etc/apt/apt.conf.d/`), and a variable that may hold
the options (`apt-get install $APT_OPTS curl`).

## Why it matters
By default apt also installs the packages each package *recommends*: documentation, extra tools, whole language
runtimes. Docker's best practices and Debian's own images use `--no-install-recommends`; images often shrink by tens
or hundreds of megabytes, with less to patch.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
```

## Fix
Unsafe: inserts `--no-install-recommends` after `install`. A recommended package may be one the image needs at run
time (`curl` recommends `ca-certificates`, without which HTTPS fails): review the result and name such packages
explicitly.

## Differences from hadolint
DL3015 reports every stage, including builders whose size does not matter, and misses `apt`, exec-form RUN,
`sh -c` strings and commands after a heredoc; it does not know the `APT::Install-Recommends` configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import (
    configured_earlier,
    in_image,
    insert_after,
    package_runs,
)
from linter.regex import lazy_compile
from linter.rule import Fix, RuleContext, Violation

CODE = "DF205"
NAME = "apt-get-no-install-recommends"
SEVERITY = "info"
SUMMARY = "apt-get install without --no-install-recommends"
TWINS: tuple[str, ...] = ("DL3015", "DS-0029")
FIXABLE = True

_NO_RECOMMENDS_OPTION = lazy_compile(r"APT::Install-Recommends\s*=\s*(0|false|no|off)\s*$", re.IGNORECASE)
# The apt.conf syntax (`APT::Install-Recommends "false";`), as an earlier RUN writes it; not the command-line option.
_RECOMMENDS_CONFIG = lazy_compile(r"APT::Install-Recommends\s+\\?[\"']?(0|false|no|off)\b", re.IGNORECASE)
_APT_CONFIG_PATHS = ("/etc/apt/apt.conf.d/", "/etc/apt/apt.conf")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "apt-get", "apt"):
        if not in_image(dockerfile, instruction):
            continue
        for found in commands:
            if found.subcommand != "install" or found.subcommand_word is None or found.options_unknown:
                continue
            if found.has("--no-install-recommends", "--install-recommends"):
                continue
            if any(_NO_RECOMMENDS_OPTION.match(value.value) for value in found.values("--option")):
                continue
            if configured_earlier(dockerfile, instruction, _RECOMMENDS_CONFIG, _APT_CONFIG_PATHS):
                continue
            spelled = f"{found.program.raw} {found.subcommand_word.raw}"
            edit = insert_after(found.subcommand_word, "--no-install-recommends", instruction, found.command)
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{spelled}` also installs every recommended package: add `--no-install-recommends` "
                "and name the extra packages the image needs",
                Fix("Insert `--no-install-recommends` after `install`", (edit,), safe=False) if edit else None,
            )
