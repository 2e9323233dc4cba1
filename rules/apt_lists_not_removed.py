"""Reports `apt-get update` whose package lists stay in the image.

## What it does
Flags `apt-get update` (also `apt update`, `aptitude update`) in a RUN that does not delete `/var/lib/apt/lists`
after it, in a stage whose files end up in an image: the final stage, a stage another one is built `FROM`, a stage
nothing refers to (another build target), and ONBUILD triggers. Builder stages read only through `COPY --from` are
skipped.

These count as cleaning up: `rm -rf /var/lib/apt/lists/*` (any `rm`/`find` of that directory or of `/var/lib/apt`)
later in the same RUN, `apt-get dist-clean`, an `rm` of a path held in a variable (unknown, so no report), and a
`--mount=type=cache` or `type=tmpfs` on `/var/lib/apt/lists` or `/var/lib/apt` (the lists never reach the layer).

## Why it matters
`apt-get update` downloads the package indexes of every configured repository, often 20-50 MB. Whatever a RUN leaves
on disk is frozen into its layer; deleting the lists in a later RUN hides them but does not shrink the image. Docker's
best practices end the same RUN with `rm -rf /var/lib/apt/lists/*`, as Debian's and Ubuntu's official images do.
`apt-get clean` is not enough: it empties `/var/cache/apt/archives`, not the lists.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Fix
None automatic: add `&& rm -rf /var/lib/apt/lists/*` as the last command of the RUN, or mount a cache on
`/var/lib/apt/lists` (`RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked …`).

## Differences from hadolint
DL3009 accepts only `rm -rf /var/lib/apt/lists/*` anywhere in the RUN (also before the update, which cleans nothing)
and so reports `apt-get dist-clean`; it misses `apt update`, exec-form RUN, `sh -c` strings and commands after a
heredoc, and reports only the final stage and stages used as a base, builders included; stages nothing refers to are
build targets too and are reported here.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import (
    has_cache_mount,
    in_image,
    package_runs,
    removes_path,
)
from linter.rule import RuleContext, Violation

CODE = "DF207"
NAME = "apt-lists-not-removed"
SEVERITY = "info"
SUMMARY = "apt-get update without removing /var/lib/apt/lists in the same RUN"
TWINS: tuple[str, ...] = ("DL3009",)

_LISTS = "/var/lib/apt/lists"


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "apt-get", "apt", "aptitude"):
        if not in_image(dockerfile, instruction) or has_cache_mount(instruction, _LISTS):
            continue
        for found in commands:
            if found.subcommand != "update":
                continue
            start = found.command.start
            if removes_path(instruction, _LISTS, "/var/lib/apt", after=start):
                continue
            if any(other.subcommand == "dist-clean" and other.command.start > start for other in commands):
                continue
            yield Violation(
                found.program.span.cover(found.subcommand_word.span if found.subcommand_word else found.program.span),
                f"`{found.program.raw} update` leaves the package lists in this layer: end the RUN with "
                "`rm -rf /var/lib/apt/lists/*`",
            )
            break  # one report per RUN
