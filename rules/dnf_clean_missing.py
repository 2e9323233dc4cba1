"""Reports `dnf install` (or `microdnf install`) whose package cache stays in the image.

## What it does
Flags `dnf` (also `dnf5`) and `microdnf` commands that download packages (`install`, `reinstall`, `upgrade`,
`downgrade`, `swap`, `distro-sync`, `group install`, `module install`, …) in a RUN that does not clean the cache
afterwards, in a stage whose files end up in an image (the final stage, a stage another one is built `FROM`, a stage
nothing refers to, ONBUILD triggers); builders read only through `COPY --from` are skipped.

These count as cleaning: `dnf clean all` / `microdnf clean all` (any `clean`) later in the same RUN, an `rm` of
`/var/cache/dnf`, `/var/cache/yum` or `/var/cache/libdnf5` after the install, and a `--mount=type=cache` or
`type=tmpfs` on that directory.

## Why it matters
dnf keeps repository metadata (often 50-100 MB) in its cache directory; what a RUN leaves on disk is frozen into its
layer, and cleaning in a later RUN does not shrink the image. Red Hat's UBI guides end each install with
`dnf clean all` / `microdnf clean all`.

## Example
```dockerfile
FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y shadow-utils
```

Use instead:
```dockerfile
FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y shadow-utils && microdnf clean all
```

## Fix
None automatic: end the RUN with `&& dnf clean all` (or `microdnf clean all`).

## Differences from hadolint
DL3040 accepts only `rm -rf /var/cache/yum/*` besides `clean all` (not dnf's own `/var/cache/dnf`), reports builder
stages too and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
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

CODE = "DF221"
NAME = "dnf-clean-missing"
SEVERITY = "warning"
SUMMARY = "dnf/microdnf install without dnf clean all in the same RUN"
TWINS: tuple[str, ...] = ("DL3040", "DS-0019", "DS-0027")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "dnf", "microdnf"):
        if not in_image(dockerfile, instruction):
            continue
        for found in commands:
            if not rpm_installs(found) or found.subcommand_word is None:
                continue
            if cleaned_after(instruction, found, ("dnf", "microdnf", "yum"), RPM_CACHE_DIRECTORIES):
                continue
            yield Violation(
                found.program.span.cover(found.subcommand_word.span),
                f"`{found.program.raw} {found.subcommand_word.raw}` leaves its cache in this layer: end the RUN with "
                f"`{found.manager} clean all`",
            )
            break  # one report per RUN
