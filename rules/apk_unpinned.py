"""Reports packages installed with `apk add` without a version constraint.

## What it does
Flags `apk add` commands that name a package with no version constraint; it reports once per command, at the first
such package, and names them all. Pinned or not judged:

* `curl=8.9.1-r0`, `curl~8.9`, `curl>8`, `curl<9` and constraints from a variable (`curl=${CURL_VERSION}`);
* local packages (`/tmp/pkg.apk`, `./pkg.apk`);
* the `--virtual`/`-t` name of a package group (`apk add --virtual .build-deps gcc` judges `gcc` only);
* names the shell computes (`$PACKAGES`, `$(cat list)`).

A repository tag (`curl@edge`) chooses a repository, not a version, and is reported.

## Why it matters
Pinning makes rebuilds install the same software and turns a version change into a visible Dockerfile change.
Alpine keeps only the current version of each package in a branch's repository, so an exact pin (`=`) breaks when
the package is updated; `~` pins a version prefix (`curl~8.9` accepts 8.9.x releases) and survives patch updates.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

Use instead:
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl~8.9
```

## Fix
None automatic: look the version up with `apk policy <package>` in the base image.

## Differences from hadolint
DL3018 reads option values such as `--repository https://…` as packages, misses exec-form RUN, `sh -c` strings and
commands after a heredoc, and accepts `~`/`>`/`<` constraints only partly.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import describe_packages, package_commands_in
from linter.rule import RuleContext, Violation
from linter.shell import Word

CODE = "DF210"
NAME = "apk-unpinned"
SEVERITY = "warning"
SUMMARY = "apk add without package versions"
TWINS: tuple[str, ...] = ("DL3018",)

_CONSTRAINT = frozenset("=~<>")
_PATTERN_CHARACTERS = frozenset("*?[")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "apk"):
        if found.subcommand != "add":
            continue
        unpinned = [word for word in found.operands if is_unpinned(word)]
        if not unpinned:
            continue
        example = unpinned[0].value.split("@", 1)[0]
        yield Violation(
            unpinned[0].span,
            f"`{found.program.raw} add` installs {describe_packages(unpinned)} without a version: pin "
            f"{'it' if len(unpinned) == 1 else 'each'} (`{example}=<version>`) "
            "so that rebuilds install the same packages",
        )


def is_unpinned(word: Word) -> bool:
    """Whether an `apk add` operand names a package without a version constraint (unknown names are not)."""
    if not word.is_static:
        return False
    text = word.value
    if not text or _CONSTRAINT & set(text) or _PATTERN_CHARACTERS & set(text):
        return False
    return not (text.endswith(".apk") or text.startswith(("/", "./", "../", "~")))
