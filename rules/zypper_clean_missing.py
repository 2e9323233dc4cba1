"""Reports `zypper install` whose package cache stays in the image.

## What it does
Flags `zypper` commands that download packages (`install`/`in`, `update`, `patch`, `dist-upgrade`, `source-install`,
`install-new-recommends`) in a RUN that does not clean the cache afterwards, in a stage whose files end up in an image
(the final stage, a stage another one is built `FROM`, a stage nothing refers to, ONBUILD triggers); builders read
only through `COPY --from` are skipped.

These count as cleaning: `zypper clean` (`zypper cc`, with or without `--all`) later in the same RUN, an `rm` of
`/var/cache/zypp` after the install, and a `--mount=type=cache` or `type=tmpfs` on it.

## Why it matters
zypper keeps repository metadata and downloaded packages in `/var/cache/zypp`; what a RUN leaves on disk is frozen
into its layer, and cleaning in a later RUN does not shrink the image.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
```

## Fix
None automatic: end the RUN with `&& zypper clean --all`.

## Differences from hadolint
DL3036 reports builder stages too and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import cleaned_after, in_image, package_runs
from linter.rule import RuleContext, Violation

CODE = "DF218"
NAME = "zypper-clean-missing"
SEVERITY = "warning"
SUMMARY = "zypper install without zypper clean in the same RUN"
TWINS: tuple[str, ...] = ("DL3036", "DS-0020")

INSTALLING = frozenset({"install", "update", "patch", "dist-upgrade", "source-install", "install-new-recommends"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "zypper"):
        if not in_image(dockerfile, instruction):
            continue
        for found in commands:
            if found.subcommand not in INSTALLING or found.subcommand_word is None:
                continue
            if cleaned_after(instruction, found, ("zypper",), ("/var/cache/zypp",)):
                continue
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{found.program.raw} {found.subcommand_word.raw}` leaves its cache in this layer: end the RUN with "
                "`zypper clean --all`",
            )
            break  # one report per RUN
