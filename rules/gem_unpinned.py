"""Reports gems installed with `gem install` without a version.

## What it does
Flags `gem install` (and `gem i`) of named gems without a version, once per command at the first such gem. Pinned or
not judged: `-v`/`--version` on the command (`gem install bundler -v 2.5.11`, `--version '~> 2.5'`), the
`gem:version` form (`bundler:2.5.11`), local `.gem` files and paths, gems the shell computes (`$GEMS`,
`bundler:$BUNDLER_VERSION` is pinned), and build options after `--` (`gem install pg -- --with-pg-config=…`).
`bundle install` installs what `Gemfile.lock` pins and is not concerned.

## Why it matters
Without a version RubyGems installs the newest release on build day, so rebuilds of the same Dockerfile can ship
different code, and a release that drops support for the image's Ruby breaks the build without any Dockerfile change.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

Use instead:
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler -v 2.5.11
```

## Fix
None automatic: choose the version (`gem list --remote --exact <gem>`) and add `-v <version>` or `<gem>:<version>`.

## Differences from hadolint
DL3028 reads the values of options such as `-i <dir>` or `-n <dir>` as gems, takes `.gem` files for unpinned gems,
and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import describe_packages, package_commands_in
from linter.rule import RuleContext, Violation
from linter.shell import Word

CODE = "DF212"
NAME = "gem-unpinned"
SEVERITY = "warning"
SUMMARY = "gem install without a version"
TWINS: tuple[str, ...] = ("DL3028",)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "gem"):
        if found.subcommand != "install" or found.has("--version"):
            continue
        end = found.separator.start if found.separator is not None else None
        gems = [word for word in found.operands if end is None or word.start < end]
        unpinned = [word for word in gems if is_unpinned(word)]
        if unpinned:
            yield Violation(
                unpinned[0].span,
                f"`{found.program.raw} {found.subcommand_word.raw if found.subcommand_word else 'install'}` "
                f"installs {describe_packages(unpinned)} without a version: pin "
                f"{'it' if len(unpinned) == 1 else 'each'} (`{unpinned[0].value}:<version>` or `-v <version>`) "
                "so that rebuilds install the same code",
            )


def is_unpinned(word: Word) -> bool:
    """Whether a `gem install` operand names a gem without a version (unknown names are not reported)."""
    if not word.is_static:
        return False
    text = word.value
    if not text or ":" in text or set(text) & set("*?["):
        return False
    return not (text.endswith(".gem") or text.startswith(("/", "./", "../", "~")))
