"""Reports `zypper dist-upgrade` in a build.

## What it does
Flags `zypper dist-upgrade` and its short form `zypper dup` wherever a RUN runs them (shell form, exec form, heredoc
scripts, `sh -c` strings, ONBUILD triggers).

## Why it matters
`dist-upgrade` moves every package to the newest version the repositories offer, allows vendor changes and
downgrades, and on a rolling distribution (Tumbleweed) or with a changed repository set upgrades the whole
distribution release inside the image. The result depends on the day of the build and can differ from what the base
image's maintainers tested. Use a newer base image for a newer release, and `zypper patch` (or `zypper update`) for
fixes within the release.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive dup && zypper clean --all
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive patch && zypper clean --all
```

## Fix
None automatic: use a newer base image, or `zypper patch`/`zypper update`.

## Differences from hadolint
DL3035 misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import package_commands_in
from linter.rule import RuleContext, Violation

CODE = "DF217"
NAME = "zypper-dist-upgrade"
SEVERITY = "warning"
SUMMARY = "zypper dist-upgrade in a build"
TWINS: tuple[str, ...] = ("DL3035",)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "zypper"):
        if found.subcommand != "dist-upgrade" or found.subcommand_word is None:
            continue
        yield Violation(
            found.program.span.cover(found.subcommand_word.span),
            f"`{found.program.raw} {found.subcommand_word.raw}` upgrades the whole distribution to whatever the "
            "repositories offer on build day: use a newer base image, or `zypper patch` for fixes",
        )
