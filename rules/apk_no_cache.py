"""Reports `apk add` that leaves Alpine's package index in the image.

## What it does
Flags `apk add` without `--no-cache` in a stage whose files end up in an image (the final stage, a stage another one
is built `FROM`, a stage nothing refers to, ONBUILD triggers); builders read only through `COPY --from` are skipped.
It stays quiet when the same RUN deletes `/var/cache/apk` after the install, when a `--mount=type=cache` or
`type=tmpfs` covers `/var/cache/apk` (or `/etc/apk/cache`), for `apk add --no-network` (it downloads nothing, as in
the official images' `apk add --no-network --virtual .rundeps $runDeps`), and when a variable may hold the options.

## Why it matters
Without `--no-cache`, `apk` fetches the repository indexes (`APKINDEX.*.tar.gz`, a few MB per repository) into
`/var/cache/apk` and leaves them there, so they are frozen into the layer. `apk add --no-cache` downloads the index
to a temporary place and needs no `apk update` and no `rm -rf /var/cache/apk/*` afterwards: Alpine's Docker image
documentation and Docker's best practices recommend it.

## Example
```dockerfile
FROM alpine:3.20
RUN apk update && apk add curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Fix
Safe: inserts `--no-cache` after `add`. A leftover `apk update` in the same RUN still writes the index: remove it.

## Differences from hadolint
DL3019 reports builder stages too, `apk add --no-network`, and RUNs that remove `/var/cache/apk/*` themselves; it
misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import (
    has_cache_mount,
    in_image,
    insert_after,
    package_runs,
    removes_path,
)
from linter.rule import Fix, RuleContext, Violation

CODE = "DF209"
NAME = "apk-no-cache"
SEVERITY = "info"
SUMMARY = "apk add without --no-cache"
TWINS: tuple[str, ...] = ("DL3019", "DS-0025")
FIXABLE = True

_CACHE_DIRECTORIES = ("/var/cache/apk", "/etc/apk/cache")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "apk"):
        if not in_image(dockerfile, instruction) or has_cache_mount(instruction, *_CACHE_DIRECTORIES):
            continue
        for found in commands:
            if found.subcommand != "add" or found.subcommand_word is None or found.options_unknown:
                continue
            if found.has("--no-cache", "--no-network"):  # --no-network downloads nothing, so caches nothing
                continue
            if removes_path(instruction, *_CACHE_DIRECTORIES, after=found.command.start):
                continue
            edit = insert_after(found.subcommand_word, "--no-cache", instruction, found.command)
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{found.program.raw} add` keeps the package index in /var/cache/apk: use `apk add --no-cache`",
                Fix("Insert `--no-cache` after `add`", (edit,)) if edit else None,
            )
