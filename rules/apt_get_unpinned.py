"""Reports packages installed with `apt-get install` without a version.

## What it does
Flags `apt-get install`/`apt install` commands that name a package without `=<version>`. It reports once per
command, at the first such package, and names them all. Pinned or not judged:

* `curl=7.88.1-10+deb12u5`, `curl=${CURL_VERSION}` (a version from a variable is still a pin);
* local packages: `./app.deb`, `/tmp/app.deb`;
* packages the shell computes (`$PACKAGES`, `$(cat packages.txt)`) and patterns (`libfoo*`): their names are unknown;
* `apt-get install` with no package (`apt-get install -f`).

`curl/bookworm-backports` and `-t bookworm-backports curl` choose a release, not a version, and are reported.

## Why it matters
Docker's best practices pin versions (`package-foo=1.3.*`) so that a rebuild installs the same software and the
change of a version is a visible change of the Dockerfile that invalidates the cache on purpose. Without pins, two
builds of the same Dockerfile can differ.

The trade-off: Debian and Ubuntu archives drop superseded versions, so exact pins break the build when a security
update lands. Pin where reproducibility matters, or pin the base image by digest and rebuild deliberately; suppress
this rule where you choose not to pin.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \
    && rm -rf /var/lib/apt/lists/*
```

## Fix
None automatic: look the version up with `apt-cache policy <package>` in the base image.

## Differences from hadolint
DL3008 takes any word with a `/` as pinned (so `curl/bookworm` passes) and reads the values of options other than
`-t` (`-c <file>`, `-a <arch>`) as packages; it misses `apt install`, exec-form RUN, `sh -c` strings and commands
after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import describe_packages, package_commands_in, static_prefix
from linter.rule import RuleContext, Violation
from linter.shell import Word

CODE = "DF206"
NAME = "apt-get-unpinned"
SEVERITY = "warning"
SUMMARY = "apt-get install without package versions"
TWINS: tuple[str, ...] = ("DL3008",)

_PATTERN_CHARACTERS = frozenset("*?[")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "apt-get", "apt"):
        if found.subcommand != "install":
            continue
        unpinned = [word for word in found.operands if is_unpinned(word)]
        if not unpinned:
            continue
        names = describe_packages(unpinned)
        example = unpinned[0].value.split("/", 1)[0]
        yield Violation(
            unpinned[0].span,
            f"`{found.program.raw} install` installs {names} without a version: pin "
            f"{'it' if len(unpinned) == 1 else 'each'} (`{example}=<version>`) so that rebuilds install "
            "the same packages",
        )


def is_unpinned(word: Word) -> bool:
    """Whether an `apt-get install` operand names a package without a version (unknown names are not)."""
    if not word.is_static:
        return False  # `curl=$VERSION` is pinned, `$PACKAGES` unknown: neither is reported
    text = word.value
    if not text or "=" in text or _PATTERN_CHARACTERS & set(text):
        return False
    if text.endswith(".deb") or text.startswith(("/", "./", "../", "~")):
        return False  # a local package file: its version is in the file
    if text.endswith("-"):
        return False  # `pkg-` removes the package
    return "$" not in static_prefix(word)
