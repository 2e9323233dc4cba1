"""Reports `--no-cache-dir` (or uv's `--no-cache`) on an install whose `RUN` mounts a cache for it.

## What it does
Flags `pip install --no-cache-dir` (any spelling of pip: `pip3`, `python -m pip`, `/venv/bin/pip`; also pip's
abbreviation `--no-cache`) in a `RUN` that has a `--mount=type=cache` on pip's cache directory, and `uv pip install`,
`uv pip sync` or `uv sync` with `--no-cache`/`-n` in a `RUN` that has a cache mount on uv's cache directory.

pip's cache directory is `--cache-dir`, else `PIP_CACHE_DIR`, else `$XDG_CACHE_HOME/pip`, else `$HOME/.cache/pip`
(`/root/.cache/pip` for root); uv's is found as DF227 describes. When the user's home is not known (a non-root
`USER`), a mount ending in `.cache` or `.cache/pip` outside `/root` counts. `PIP_NO_CACHE_DIR` set by `ENV` is not
reported: it may be meant for other installs of the image.

## Why it matters
The two ask for opposite things. A cache mount keeps pip's (or uv's) cache between builds and out of the image, so a
rebuild after a change to `requirements.txt` downloads only what is new (Docker's "Optimize cache usage in builds",
"Use cache mounts", `docker/docs` `content/manuals/build/cache/optimize.md`; Docker's Python guide installs with
`RUN --mount=type=cache,target=/root/.cache/pip … python -m pip install -r requirements.txt`). `--no-cache-dir` turns
the cache off, so the mount stays empty and every build downloads everything again. hadolint's DL3042 accepts either
on its own and never notices both.

## Example
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=requirements.txt \
    pip install --no-cache-dir -r requirements.txt
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=requirements.txt \
    pip install -r requirements.txt
```

## Fix
Safe: removes the `--no-cache-dir` (`--no-cache`) word. The cache then lives in the mount, which is not part of the
image, so the image is the same; only rebuilds get faster. No fix when the word is not written plainly where the
finding points.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import pip_install_lookup
from linter.positions import Span
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.shell import Command, Word
from linter.uv import UNKNOWN, cache_mount, parse_uv, run_home

CODE = "DF231"
NAME = "pip-cache-mount-contradiction"
SEVERITY = "style"
SUMMARY = "`--no-cache-dir` defeats the RUN's cache mount on pip's (or uv's) cache"
TWINS: tuple[str, ...] = ()
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    pip_install_of = pip_install_lookup(dockerfile)
    for instruction in dockerfile.walk_keyword("RUN"):
        if not any(m.get("type") == "cache" for m in instruction.mounts):
            continue
        for command in instruction.commands:
            pip = pip_install_of(command)
            if pip is not None and pip.tool == "pip":
                option = next((o for o in pip.options if o.name == "--no-cache-dir"), None)
                if option is None:
                    continue
                target = _pip_cache_mount(dockerfile, instruction, pip.option_value("--cache-dir"), pip.command)
                if target is not None:
                    yield _violation(dockerfile, instruction, option.word, "pip", target)
                continue
            uv = parse_uv(command, instruction)
            if uv is None or not uv.installs:
                continue
            no_cache = uv.option("--no-cache")
            if no_cache is None or no_cache.word.value not in ("--no-cache", "-n"):
                continue
            mount = cache_mount(dockerfile, uv, ignore_no_cache=True)
            if mount is not None:
                yield _violation(dockerfile, instruction, no_cache.word, "uv", mount.get("target", ""))


def _pip_cache_mount(
    dockerfile: Dockerfile, instruction: Instruction, cache_dir: Word | None, command: Command
) -> str | None:
    """The target of a cache mount on pip's cache directory, if the RUN has one."""
    directory: object
    if cache_dir is not None:
        directory = cache_dir.value if cache_dir.is_static else UNKNOWN
    else:
        directory = _pip_directory(dockerfile, instruction, command)
    for mount in instruction.mounts:
        if mount.get("type") != "cache":
            continue
        target = mount.get("target", "")
        if "$" in target:
            target, known = instruction.expand(target)
            if not known:
                continue
        if not target.startswith("/"):
            continue
        target = posixpath.normpath(target)
        if isinstance(directory, str) and directory.startswith("/"):
            directory = posixpath.normpath(directory)
            if directory == target or directory.startswith(target.rstrip("/") + "/"):
                return target
        elif (
            not isinstance(directory, str)
            and target.endswith(("/.cache", "/.cache/pip"))
            and not target.startswith("/root/")  # an unknown home is a non-root user's (or an unknown image's)
        ):
            return target
    return None


def _pip_directory(dockerfile: Dockerfile, instruction: Instruction, command: Command) -> object:
    """pip's cache directory for ``command``: a path, or :data:`UNKNOWN`."""
    for assignment in reversed(command.env):
        if assignment.name == "PIP_CACHE_DIR":
            value = assignment.value
            return value.value if value is not None and value.is_static else UNKNOWN
    variables = instruction.variables
    if "PIP_CACHE_DIR" in variables:
        return variables["PIP_CACHE_DIR"] or UNKNOWN
    xdg = variables.get("XDG_CACHE_HOME", "")
    if "XDG_CACHE_HOME" in variables:
        return posixpath.join(xdg, "pip") if xdg and xdg.startswith("/") else UNKNOWN
    home = run_home(dockerfile, instruction)
    return posixpath.join(home, ".cache", "pip") if home else UNKNOWN


def _violation(dockerfile: Dockerfile, instruction: Instruction, word: Word, tool: str, target: str) -> Violation:
    flag = word.value
    what = "pip's" if tool == "pip" else "uv's"
    message = (
        f"`{flag}` turns {what} cache off although this RUN mounts a cache for it "
        f"(`--mount=type=cache,target={target}`): the mount stays empty and every build downloads everything again. "
        f"Drop `{flag}`; the cache mount already keeps the cache out of the image."
    )
    fix = None
    span = _removal_span(dockerfile, instruction, word)
    if span is not None:
        fix = Fix(f"Remove `{flag}`", (Edit(span, ""),))
    return Violation(word.span, message, fix)


def _removal_span(dockerfile: Dockerfile, instruction: Instruction, word: Word) -> Span | None:
    """The word with the blank before it (shell) or the `, ` before it (JSON array), when written plainly."""
    span = word.span
    if span.start_line != span.end_line or span.end_column - span.start_column != len(word.raw):
        return None
    line = dockerfile.lines[span.start_line - 1]
    if line[span.start_column - 1 : span.end_column - 1] != word.raw:
        return None
    before = line[: span.start_column - 1]
    in_json = instruction.is_exec_form and word.raw.startswith('"')
    if in_json:
        stripped = before.rstrip(" \t")
        if not stripped.endswith(","):
            return None
        return Span(span.start_line, len(stripped), span.end_line, span.end_column)
    stripped = before.rstrip(" \t")
    if len(stripped) == len(before):
        return None
    return Span(span.start_line, len(stripped) + 1, span.end_line, span.end_column)
