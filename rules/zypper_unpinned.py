"""Reports packages installed with `zypper install` without a version.

## What it does
Flags `zypper install`/`in` commands that name a package without a version constraint (`=`, `<`, `>`, `<=`, `>=`),
once per command at the first such package. Not judged: `.rpm` files, paths and URLs, typed names
(`pattern:devel_basis`, `patch:…`, or any name with `-t`/`--type` other than `package`), capabilities
(`'perl(JSON)'`), patterns and names the shell computes (`$PACKAGES`).

## Why it matters
Pinning makes rebuilds install the same software, and a version change becomes a visible change of the Dockerfile
that invalidates the build cache on purpose.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl && zypper clean --all
```

Use instead:
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install 'curl=8.6.0' && zypper clean --all
```

## Fix
None automatic: look the version up with `zypper search --details <package>`.

## Differences from hadolint
DL3037 reads option values such as `--repo <alias>` or `--type pattern` as packages and misses exec-form RUN,
`sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import describe_packages, package_commands_in
from linter.rule import RuleContext, Violation
from linter.shell import Word

CODE = "DF219"
NAME = "zypper-unpinned"
SEVERITY = "warning"
SUMMARY = "zypper install without package versions"
TWINS: tuple[str, ...] = ("DL3037",)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "zypper"):
        if found.subcommand != "install":
            continue
        kinds = [value.value for value in found.values("--type")]
        if any(kind != "package" for kind in kinds):
            continue
        unpinned = [word for word in found.operands if is_unpinned(word)]
        if unpinned:
            yield Violation(
                unpinned[0].span,
                f"`{found.program.raw} {found.subcommand_word.raw if found.subcommand_word else 'install'}` "
                f"installs {describe_packages(unpinned)} without a version: pin "
                f"{'it' if len(unpinned) == 1 else 'each'} (`{unpinned[0].value}=<version>`) so that rebuilds "
                "install the same packages",
            )


def is_unpinned(word: Word) -> bool:
    """Whether a `zypper install` operand names a package without a version constraint (unknown names are not)."""
    if not word.is_static:
        return False
    text = word.value
    if not text or set(text) & set("=<>*?[():"):
        return False
    return not (text.endswith(".rpm") or text.startswith(("/", "./", "../", "~")) or "://" in text)
