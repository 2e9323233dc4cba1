"""Reports packages installed with `yum install` without a version.

## What it does
Flags `yum install` (also `reinstall`, `downgrade`) commands that name a package without a version, once per command
at the first such package. A version is a `-`-separated part starting with a digit (`httpd-2.4.62`,
`nodejs-18.20.4-1.el9`), an epoch or module stream (`:`), or a comparison (`'python3 >= 3.9'`). Not judged: groups and
modules (`@core`, `groupinstall`), `.rpm` files, paths and URLs, provides (`perl(JSON)`, `/usr/bin/make`), patterns
(`lib*`) and names the shell computes (`$PACKAGES`, `MariaDB-server-${VERSION}`).

## Why it matters
Pinning makes rebuilds install the same software, and a version change becomes a visible change of the Dockerfile
that invalidates the build cache on purpose.

## Example
```dockerfile
FROM almalinux:9
RUN yum install -y httpd && yum clean all
```

Use instead:
```dockerfile
FROM almalinux:9
RUN yum install -y httpd-2.4.62 && yum clean all
```

## Fix
None automatic: look the version up with `yum list --showduplicates <package>`.

## Differences from hadolint
DL3033 takes any `-` as a version, so `python3-devel` or `gcc-c++` count as pinned, and misses exec-form RUN,
`sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import describe_packages, package_commands_in, rpm_is_unpinned
from linter.rule import RuleContext, Violation

CODE = "DF215"
NAME = "yum-unpinned"
SEVERITY = "warning"
SUMMARY = "yum install without package versions"
TWINS: tuple[str, ...] = ("DL3033",)

INSTALLING = frozenset({"install", "reinstall", "downgrade"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "yum"):
        if found.subcommand not in INSTALLING:
            continue
        unpinned = [word for word in found.operands if rpm_is_unpinned(word)]
        if unpinned:
            yield Violation(
                unpinned[0].span,
                f"`{found.program.raw} {found.subcommand}` installs {describe_packages(unpinned)} without a "
                f"version: pin {'it' if len(unpinned) == 1 else 'each'} (`{unpinned[0].value}-<version>`) so "
                "that rebuilds install the same packages",
            )
