"""Reports `yum install` whose package cache stays in the image.

## What it does
Flags `yum` commands that download packages (`install`, `groupinstall`, `localinstall`, `reinstall`, `update`,
`upgrade`, `downgrade`, `group install`, …) in a RUN that does not clean the cache afterwards, in a stage whose files
end up in an image (the final stage, a stage another one is built `FROM`, a stage nothing refers to, ONBUILD
triggers); builders read only through `COPY --from` are skipped.

These count as cleaning: `yum clean all` (any `yum`/`dnf clean`) later in the same RUN, an `rm` of `/var/cache/yum`
(or `/var/cache/dnf`, where yum is dnf) after the install, and a `--mount=type=cache` or `type=tmpfs` on that
directory.

## Why it matters
yum keeps repository metadata (tens of MB) and, depending on `keepcache`, the downloaded RPMs in `/var/cache/yum`.
What a RUN leaves on disk is frozen into its layer; cleaning in a later RUN does not shrink the image.

## Example
```dockerfile
FROM almalinux:9
RUN yum install -y httpd-2.4.62
```

Use instead:
```dockerfile
FROM almalinux:9
RUN yum install -y httpd-2.4.62 && yum clean all
```

## Fix
None automatic: end the RUN with `&& yum clean all` (and `rm -rf /var/cache/yum` for what `clean all` leaves).

## Differences from hadolint
DL3032 reports builder stages too and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import (
    RPM_CACHE_DIRECTORIES,
    cleaned_after,
    in_image,
    package_runs,
    rpm_installs,
)
from linter.rule import RuleContext, Violation

CODE = "DF214"
NAME = "yum-clean-missing"
SEVERITY = "warning"
SUMMARY = "yum install without yum clean all in the same RUN"
TWINS: tuple[str, ...] = ("DL3032", "DS-0015")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "yum"):
        if not in_image(dockerfile, instruction):
            continue
        for found in commands:
            if not rpm_installs(found) or found.subcommand_word is None:
                continue
            if cleaned_after(instruction, found, ("yum", "dnf"), RPM_CACHE_DIRECTORIES):
                continue
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{found.program.raw} {found.subcommand_word.raw}` leaves its cache in this layer: end the RUN with "
                "`yum clean all`",
            )
            break  # one report per RUN
