"""Reports uv installs with a cache mount but no `UV_LINK_MODE=copy`.

## What it does
Flags each `uv sync`, `uv pip install` and `uv pip sync` in a `RUN` whose `--mount=type=cache` covers uv's cache
directory (see DF227 for how the directory is found) when the link mode is not `copy`: neither `--link-mode=copy`
nor `UV_LINK_MODE=copy` (inline, an earlier `export` in the same `RUN`, `ENV`, an `ARG` default) nor `link-mode` in
the build context's `uv.toml` or `pyproject.toml` `[tool.uv]`.

* No link mode at all, or an explicit `hardlink`/`clone`: reported as info. uv tries to hard-link (or clone) files
  from the cache into the environment, fails because the cache mount is another filesystem, falls back to copying and
  prints a warning for every build.
* `--link-mode=symlink` / `UV_LINK_MODE=symlink`: reported as an error. The environment is made of symbolic links into
  the cache mount, which does not exist in the image: every installed package is a dangling link at run time.

Stays quiet when the link mode cannot be known (`ARG UV_LINK_MODE` without default, options in `$UV_FLAGS`).

## Why it matters
The uv Docker guide (`astral-sh/uv` `docs/guides/integration/docker.md`, "Caching") pairs the cache mount
`RUN --mount=type=cache,target=/root/.cache/uv uv sync` with `ENV UV_LINK_MODE=copy`, which "silences warnings about
not being able to use hard links since the cache and sync target are on separate file systems". uv's own warning
says the same ("If this is intentional, set `export UV_LINK_MODE=copy` or use `--link-mode=copy`"). The symlink mode
is documented as creating "tight coupling between the cache and the target environment"
(`docs/reference/settings.md`, `link-mode`): with a cache mount, that coupling breaks the image.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --locked --no-install-project
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
ENV UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --locked --no-install-project
```

## Fix
Safe, when no link mode is given: inserts ` --link-mode=copy` right after the subcommand (a new element in an
exec-form array). uv copies the files either way (hard links cannot cross into the cache mount); the build only stops
warning. No fix for an explicit `hardlink`, `clone` or `symlink`: replace it with `copy` yourself (for `symlink`, the
change repairs the image, which is why it is not automatic).

## Differences from peers
No other Dockerfile linter knows uv's link modes.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import insert_after
from linter.rule import Fix, RuleContext, Severity, Violation
from linter.uv import UNKNOWN, UvCommand, cache_mount, configured, environment_value, uv_commands_in

CODE = "DF228"
NAME = "uv-cache-mount-link-mode"
SEVERITY = "info"
SUMMARY = "uv with a cache mount but no `UV_LINK_MODE=copy`: hard links fail across the mount (symlinks break)"
TWINS: tuple[str, ...] = ()
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    config: bool | None = None
    for uv in uv_commands_in(dockerfile):
        if not uv.installs or uv.subcommand_word is None:
            continue
        mount = cache_mount(dockerfile, uv)
        if mount is None:
            continue
        mode, source = _link_mode(uv)
        if mode is UNKNOWN or mode == "copy":
            continue
        if mode is None:
            if config is None:
                config = configured(context.read_context_file, "link-mode")
            if config:
                continue
        target = mount.get("target", "")
        yield _violation(uv, mode, source, target)


def _link_mode(uv: UvCommand) -> tuple[object, str]:
    """The link mode in force (lower-cased), :data:`UNKNOWN`, or None when nothing sets it; and what sets it."""
    option = uv.option("--link-mode")
    if option is not None:
        if option.value is None or not option.value.is_static:
            return UNKNOWN, ""
        return option.value.value.strip().lower(), f"--link-mode={option.value.value}"
    value = environment_value(uv, "UV_LINK_MODE")
    if value is UNKNOWN:
        return UNKNOWN, ""
    if isinstance(value, str) and value.strip():
        return value.strip().strip("\"'").lower(), f"UV_LINK_MODE={value}"
    if uv.options_unknown:
        return UNKNOWN, ""
    return None, ""


def _violation(uv: UvCommand, mode: object, source: str, target: str) -> Violation:
    mount = f"`--mount=type=cache,target={target}`"
    if mode == "symlink":
        message = (
            f"`{uv.text}` links packages as symlinks (`{source}`) into uv's cache, which is the cache mount {mount}: "
            "the mount is gone in the image, so every installed file is a dangling link at run time. Use "
            "`--link-mode=copy` (`ENV UV_LINK_MODE=copy`)."
        )
        return Violation(uv.command.span, message, severity=Severity.ERROR)
    if mode is not None:
        message = (
            f"`{uv.text}` asks for `{source}` with uv's cache on the cache mount {mount}: links cannot cross into "
            "the mount, so uv falls back to copying and warns on every build. Use `--link-mode=copy` "
            "(`ENV UV_LINK_MODE=copy`)."
        )
        return Violation(uv.command.span, message)
    message = (
        f"`{uv.text}` uses uv's cache on the cache mount {mount} without `UV_LINK_MODE=copy`: uv's default hard "
        "links cannot cross into the mount, so it falls back to copying and warns on every build. Set "
        "`ENV UV_LINK_MODE=copy` (or pass `--link-mode=copy`), as the uv Docker guide does."
    )
    fix = None
    assert uv.subcommand_word is not None
    edit = insert_after(uv.subcommand_word, "--link-mode=copy", uv.instruction, uv.command)
    if edit is not None:
        fix = Fix(f"Add `--link-mode=copy` to `{uv.subcommand}`", (edit,))
    return Violation(uv.command.span, message, fix)
