"""Reports `yarn install` whose package cache stays in the image.

## What it does
Flags `yarn install`, a bare `yarn` (which installs), `yarn add` and `yarn global add` (Yarn 1, "classic") in a RUN
that does not clean the cache afterwards, in a stage whose files end up in an image (the final stage, a stage another
one is built `FROM`, a stage nothing refers to, ONBUILD triggers); builders read only through `COPY --from` are
skipped.

These count as cleaning: `yarn cache clean` later in the same RUN, an `rm` of the cache folder
(`/usr/local/share/.cache/yarn`, `~/.cache/yarn`, or the `--cache-folder` given), and a `--mount=type=cache` or
`type=tmpfs` on a yarn cache folder. Yarn 2+ ("berry") projects are not reported: there the cache is the project's
offline mirror (and, with Plug'n'Play, the installed packages themselves), so `yarn cache clean` would break the app.
Berry is recognised by `--immutable`, `yarn set version`, `corepack`, `yarn workspaces focus`, or a copied
`.yarnrc.yml`/`.yarn/` in the stage.

## Why it matters
Yarn 1 keeps a copy of every downloaded package in its global cache, often as large as `node_modules` itself. What a
RUN leaves on disk is frozen into its layer; cleaning in a later RUN does not shrink the image.

## Example
```dockerfile
FROM node:20-slim
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
```

Use instead:
```dockerfile
FROM node:20-slim
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production && yarn cache clean
```

## Fix
None automatic: end the RUN with `&& yarn cache clean`, or mount a cache
(`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install …`).

## Differences from hadolint
DL3060 checks `yarn install` only (not a bare `yarn` or `yarn add`), also in builder stages, recommends
`yarn cache clean` for Yarn 2+ projects, and misses exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import (
    PackageCommand,
    configured_earlier,
    has_cache_mount,
    in_image,
    package_runs,
    removes_path,
)
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation

CODE = "DF223"
NAME = "yarn-cache-not-cleaned"
SEVERITY = "info"
SUMMARY = "yarn install without yarn cache clean in the same RUN"
TWINS: tuple[str, ...] = ("DL3060",)

_CACHE_FOLDERS = ("/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/home/node/.cache/yarn")
_BERRY = lazy_compile(r"--immutable|yarn set version|corepack|workspaces focus|\.yarnrc\.yml|\.yarn/", re.IGNORECASE)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, commands in package_runs(dockerfile, "yarn"):
        if not in_image(dockerfile, instruction):
            continue
        for found in commands:
            if not _installs(found) or _cleaned(instruction, found, commands):
                continue
            if configured_earlier(dockerfile, instruction, _BERRY, keywords=("RUN", "ENV", "COPY", "ADD")):
                break  # Yarn 2+: the cache is the project's
            spelled = " ".join(word.raw for word in found.command.words[: 1 + _words_of_subcommand(found)])
            yield Violation(
                found.program.span.cover(found.subcommand_word.span if found.subcommand_word else found.program.span),
                f"`{spelled}` keeps every downloaded package in yarn's cache in this layer: end the RUN with "
                "`yarn cache clean`",
            )
            break  # one report per RUN


def _installs(found: PackageCommand) -> bool:
    subcommand = found.subcommand
    if subcommand is None:
        # A bare `yarn [--frozen-lockfile]` installs; `yarn --version` does not.
        return found.subcommand_word is None and not found.has("--version", "--help", "-v", "-h")
    if subcommand in ("install", "add"):
        return True
    return subcommand == "global" and bool(found.operands) and found.operands[0].value == "add"


def _words_of_subcommand(found: PackageCommand) -> int:
    """How many words after `yarn` to quote: up to the subcommand (and `add` of `yarn global add`)."""
    if found.subcommand_word is None:
        return 0
    index = found.command.words.index(found.subcommand_word)
    if found.subcommand == "global":
        return found.command.words.index(found.operands[0])
    return index


def _cleaned(instruction: Instruction, found: PackageCommand, commands: tuple[PackageCommand, ...]) -> bool:
    start = found.command.start
    for other in commands:
        is_cache_clean = other.subcommand == "cache" and other.operands and other.operands[0].value == "clean"
        if is_cache_clean and other.command.start > start:
            return True
    folders = _CACHE_FOLDERS + tuple(value.value for value in found.values("--cache-folder") if value.is_static)
    if removes_path(instruction, *folders, after=start):
        return True
    if has_cache_mount(instruction, *folders):
        return True
    # A cache mount on some other yarn folder (YARN_CACHE_FOLDER pointing into it).
    return any(
        mount.get("type") in ("cache", "tmpfs") and "yarn" in mount.get("target", "") for mount in instruction.mounts
    )
