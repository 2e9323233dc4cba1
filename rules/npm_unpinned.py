"""Reports packages installed with `npm install <package>` without a version.

## What it does
Flags `npm install` (and its aliases `npm i`, `npm add`, …) of named packages without a version, once per command
at the first such package. `npm install`/`npm ci` without package names install what `package-lock.json` pins and
are not reported. Pinned or not judged:

* `pm2@5.4.2`, `@angular/cli@17`, ranges (`typescript@^5.4`), aliases (`react17@npm:react@17`), versions from a
  variable (`ghost-cli@$GHOST_CLI_VERSION`);
* local folders and tarballs (`.`, `./pkg`, `/tmp/pkg.tgz`), tarball URLs, git URLs and GitHub shorthands with a
  commit or tag (`git+https://github.com/u/r.git#v1.2`, `user/repo#v1.2`);
* names the shell computes (`$PACKAGES`).

A dist-tag is not a version: `npm@latest`, `pkg@next` and `pkg@beta` move, and are reported; so are git URLs and
GitHub shorthands without `#<ref>`.

## Why it matters
Without a version npm installs whatever is newest on build day, so two builds of the same Dockerfile can ship
different code, and a bad release breaks the build without any change to the Dockerfile.

## Example
```dockerfile
FROM node:20-slim
RUN npm install -g pm2
```

Use instead:
```dockerfile
FROM node:20-slim
RUN npm install -g pm2@5.4.2
```

## Fix
None automatic: choose the version (`npm view <package> version`) and add it as `<package>@<version>`.

## Differences from hadolint
DL3016 takes any `@` as a pin (so `npm@latest` passes), reads values of options such as `--registry <url>` as
packages, and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import describe_packages, package_commands_in
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Word

CODE = "DF211"
NAME = "npm-unpinned"
SEVERITY = "warning"
SUMMARY = "npm install <package> without a version"
TWINS: tuple[str, ...] = ("DL3016",)

_HOSTED_PREFIXES = ("github:", "gitlab:", "bitbucket:", "gist:")
_TARBALLS = (".tgz", ".tar.gz", ".tar")
# A dist-tag (`latest`, `next`, `beta`), not a version or a range (`1.2.3`, `v1.2.3`, `^1.2`, `>=1 <2`).
_DIST_TAG = lazy_compile(r"(?![vV]\d)[A-Za-z][A-Za-z0-9._-]*")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "npm"):
        if found.subcommand != "install":
            continue
        unpinned = [word for word in found.operands if is_unpinned(word)]
        if unpinned:
            name = _name(unpinned[0].value)
            yield Violation(
                unpinned[0].span,
                f"`{found.program.raw} {found.subcommand_word.raw if found.subcommand_word else 'install'}` "
                f"installs {describe_packages(unpinned)} without a fixed version: pin "
                f"{'it' if len(unpinned) == 1 else 'each'} (`{name}@<version>`) so that rebuilds install the same "
                "code",
            )


def is_unpinned(word: Word) -> bool:
    """Whether an `npm install` operand installs a moving version (unknown specs are not reported)."""
    if not word.is_static:
        return False  # `pkg@$VERSION` is pinned, `$PACKAGES` unknown
    spec = word.value
    if not spec:
        return False
    if spec.startswith((".", "/", "~", "file:")) or spec.endswith(_TARBALLS):
        return False
    if "://" in spec or spec.startswith(_HOSTED_PREFIXES):
        if spec.startswith(("http://", "https://")) and not spec.endswith(".git"):
            return False  # a tarball URL
        return "#" not in spec
    if "/" in spec and not spec.startswith("@"):
        return "#" not in spec  # GitHub shorthand user/repo
    return _version_moves(spec)


def _name(spec: str) -> str:
    at = spec.find("@", 1)
    return spec if at < 0 else spec[:at]


def _version_moves(spec: str) -> bool:
    at = spec.find("@", 1)  # skip the scope's `@`
    if at < 0:
        return True
    version = spec[at + 1 :]
    if version.startswith("npm:"):
        return _version_moves(version[4:])
    return version in ("", "*", "x") or bool(_DIST_TAG.fullmatch(version))
