"""Reports uv installs that leave uv's cache in the image.

## What it does
Flags each `uv sync`, `uv pip install` and `uv pip sync` in a `RUN` of a stage that ends up in a shipped image (the
final stage, another build target, and the stages they are built `FROM`; not a builder stage only read through
`COPY --from`, whose leftovers never reach an image) when uv's cache is written into the layer. It stays quiet when:

* the cache is off: `--no-cache` (`-n`, before or after the subcommand) or `UV_NO_CACHE` set to a true value (inline,
  an earlier `export` in the same `RUN`, `ENV`, an `ARG` default), or `no-cache` in the build context's `uv.toml` or
  `pyproject.toml` `[tool.uv]`;
* a `--mount=type=cache` (or `tmpfs`, or `bind`) covers uv's cache directory: `--cache-dir`, else `UV_CACHE_DIR`, else
  `$XDG_CACHE_HOME/uv`, else `$HOME/.cache/uv` (`/root/.cache/uv` for root). When the user's home is not known (a
  non-root `USER`, an image of unknown default user), a mount that looks like a uv cache (`…/.cache`, `…/.cache/uv`,
  `/uv-cache`) is accepted;
* the cache is removed later in the same `RUN` (`uv cache clean`, `uv cache prune`, `rm -rf /root/.cache/uv`);
* the value of a setting cannot be known (`ARG UV_NO_CACHE` without default, options in `$UV_FLAGS`).

## Why it matters
uv keeps the package index's responses, every wheel it downloaded (unpacked) and every wheel it built from a source
distribution in its cache (`~/.cache/uv`), and links the installed files from there. In an image nothing ever reads
that cache again, yet it is shipped and pulled with every deployment: with the default hardlink mode the unpacked
wheels share storage with the installed files, and the rest (index metadata, built wheels, several megabytes for a
small FastAPI app) is pure weight; with `UV_LINK_MODE=copy`, or an environment on another filesystem, the cache is a
full second copy of every installed package. The uv Docker guide (`astral-sh/uv`
`docs/guides/integration/docker.md`, "Caching") recommends a cache mount,
`RUN --mount=type=cache,target=/root/.cache/uv uv sync`, which keeps the cache between builds but out of the image
(with `ENV UV_LINK_MODE=copy`, see DF228), and says that without one, `--no-cache` or `UV_NO_CACHE` keeps the image
small.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
WORKDIR /app
COPY . .
RUN uv sync --locked
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
ENV UV_LINK_MODE=copy
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked
```

## Fix
Safe: inserts ` --no-cache` right after the subcommand (`sync`, `install`; a new `"--no-cache"` element in an
exec-form array). The installed packages are the same; only the cache stays out of the layer. A cache mount is
better for rebuild times but needs BuildKit and a choice of link mode, so it is left to you.

## Differences from peers
hadolint's DL3042 and Checkov/Trivy checks look at `pip --no-cache-dir` only; none knows uv's cache.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import in_image, insert_after, run_commands
from linter.rule import Fix, RuleContext, Violation, per_file
from linter.shell import Command, Word, command_basename
from linter.uv import UNKNOWN, UvCommand, cache_directory, configured, flag_setting, run_home, uv_commands_in

CODE = "DF227"
NAME = "uv-cache-not-handled"
SEVERITY = "warning"
SUMMARY = "uv install without a cache mount or `--no-cache` keeps uv's cache in the image"
TWINS: tuple[str, ...] = ()
FIXABLE = True

_KEEPING_OUT = ("cache", "tmpfs", "bind")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    config_checked: bool | None = None
    for uv in uv_commands_in(dockerfile):
        if not uv.installs or uv.subcommand_word is None:
            continue
        instruction = uv.instruction
        if not in_image(dockerfile, instruction):
            continue
        no_cache = flag_setting(uv, ("--no-cache",), "UV_NO_CACHE")
        if no_cache.on is not False:
            continue
        directory = cache_directory(dockerfile, uv)
        if directory is None or _mounted(instruction, directory) or _cleaned_after(dockerfile, uv, directory):
            continue
        if config_checked is None:
            config_checked = configured(context.read_context_file, "no-cache") or configured(
                context.read_context_file, "cache-dir"
            )
        if config_checked:
            continue
        yield _violation(instruction, uv, directory)


def _mounted(instruction: Instruction, directory: object) -> bool:
    """Whether a mount keeps ``directory`` out of the layer; with an unknown directory, any cache mount that may be
    uv's."""
    for mount in instruction.mounts:
        if mount.get("type") not in _KEEPING_OUT:
            continue
        target = mount.get("target", "")
        if "$" in target:
            target, known = instruction.expand(target)
            if not known:
                return True
        if not target.startswith("/"):
            continue
        target = posixpath.normpath(target)
        if isinstance(directory, str):
            if directory == target or directory.startswith(target.rstrip("/") + "/"):
                return True
        elif mount.get("type") == "cache" or target.rstrip("/").endswith((".cache", "/uv")):
            return True
    return False


def _cleaned_after(dockerfile: Dockerfile, uv: UvCommand, directory: object) -> bool:
    """`uv cache clean|prune`, or `rm` of the cache directory (or a parent such as `~/.cache`), later in the RUN."""
    home = run_home(dockerfile, uv.instruction)
    for command in _cleanups(dockerfile, uv.instruction):
        if command.start <= uv.command.start:
            continue
        words = command.effective().words
        if _cleans_uv_cache(words):
            return True
        if command_basename(words[0]) != "rm":
            continue
        for word in words[1:]:
            text = word.value if word.is_static else word.raw.replace('"', "")
            if text.startswith("~/") and home:
                text = home + text[1:]
            if "$" in text:
                text, known = uv.instruction.expand(text)
                if not known:
                    if "CACHE" in word.raw.upper():
                        return True
                    continue
            text = text.rstrip("/*") or "/"
            if directory is UNKNOWN and text.endswith((".cache", ".cache/uv")):
                return True
            if isinstance(directory, str) and text.count("/") >= 2 and (directory + "/").startswith(text + "/"):
                return True
    return False


def _cleanups(dockerfile: Dockerfile, instruction: Instruction) -> list[Command]:
    """The `rm` and `uv cache clean|prune` commands of a RUN, in order: the others clean nothing (picked once per RUN,
    as each uv command of the RUN looks at those after it)."""
    return _cleanups_by_run(dockerfile).get(instruction, [])


@per_file
def _cleanups_by_run(dockerfile: Dockerfile) -> dict[Instruction, list[Command]]:
    found: dict[Instruction, list[Command]] = {}
    for run, command in run_commands(dockerfile, "rm", "uv"):
        words = command.effective().words
        if command_basename(words[0]) == "rm" or _cleans_uv_cache(words):
            found.setdefault(run, []).append(command)
    return found


def _cleans_uv_cache(words: tuple[Word, ...]) -> bool:
    return (
        command_basename(words[0]) == "uv"
        and len(words) > 2
        and words[1].value == "cache"
        and (words[2].value in ("clean", "prune"))
    )


def _violation(instruction: Instruction, uv: UvCommand, directory: object) -> Violation:
    where = f"`{directory}`" if isinstance(directory, str) else "`~/.cache/uv`"
    target = directory if isinstance(directory, str) else "/root/.cache/uv"
    message = (
        f"`{uv.text}` writes uv's cache ({where}) into the image layer, where nothing reads it again. "
        f"Mount a cache there (`RUN --mount=type=cache,target={target} …`, with `ENV UV_LINK_MODE=copy`) or turn "
        "the cache off with `--no-cache` (`ENV UV_NO_CACHE=1`)."
    )
    fix = None
    assert uv.subcommand_word is not None
    edit = insert_after(uv.subcommand_word, "--no-cache", instruction, uv.command)
    if edit is not None:
        fix = Fix(f"Add `--no-cache` to `{uv.subcommand}`", (edit,))
    return Violation(uv.command.span, message, fix)
