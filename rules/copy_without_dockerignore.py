"""Reports `COPY . <dest>` whose build context has no `.dockerignore`, or one that lets `.git`, `.venv` or `.env` in.

## What it does
Flags the first `COPY . <dest>` or `ADD . <dest>` from the build context (not `--from`; `./` counts too; JSON
form included; ONBUILD triggers, which copy from the child image's context, are not looked at) when the context's
ignore file does not keep out:

* `.git` (the repository's history), when the folder has one (a context in a subfolder of the repository has none);
* `.env` (local settings, usually secrets);
* `.venv` (or `venv`), when the image is a Python one (a `python` base image, or pip, uv, poetry, pipenv or pdm in a
  `RUN`).

The ignore file is `<Dockerfile name>.dockerignore` next to the Dockerfile (BuildKit's per-Dockerfile file, which
wins) or `.dockerignore`, read with Docker's matching rules: one pattern per line, `#` comments, `*`, `?`,
`[...]`, `**` across directories, a leading `/` ignored, `!` re-including, the last matching line deciding, and a
pattern on a directory covering everything in it. `COPY --exclude=…` patterns count too. A missing ignore file is
reported as such.

The build context is assumed to be the Dockerfile's folder (`docker build .` next to it). The rule stays quiet when
that folder cannot be read (a Dockerfile on standard input), and when it is evidently not the context: a file the
Dockerfile copies (`COPY requirements.txt .`) is not there, or, with nothing else copied, no project file
(`pyproject.toml`, `requirements.txt`, `package.json`, `go.mod`…) is.

## Why it matters
`COPY . .` copies whatever the ignore file lets into the context. `.git` adds the whole history (often larger than
the code) and leaks it with the image; `.env` puts local credentials into a layer that anyone who pulls the image can
read; a local `.venv` holds binaries built for the host (another OS, another Python), which the uv Docker guide
warns about ("add `.venv` to `.dockerignore`", `astral-sh/uv` `docs/guides/integration/docker.md`), and it can shadow
the environment the image built. Every change in them also invalidates the `COPY` layer and everything after it.
Docker's build best practices recommend a `.dockerignore` ("Exclude with .dockerignore"), and Docker's Python guide
(`docker init`) writes one with `**/.venv`, `**/.env` and `**/.git`.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
```
with a `.dockerignore` holding only `__pycache__`.

Use instead: the same Dockerfile, with
```
__pycache__
.git
.venv
.env
```

## Fix
None automatic: add the missing entries to `.dockerignore` (a file this linter does not write).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Dockerfile, Instruction
from linter.packages import image_stage_indexes
from linter.positions import Span
from linter.records import Record
from linter.rule import RuleContext, Violation
from linter.shell import pip_install
from linter.uv import uv_commands

CODE = "DF410"
NAME = "copy-without-dockerignore"
SEVERITY = "warning"
SUMMARY = "`COPY . .` with no `.dockerignore`, or one that lets `.git`, `.venv` or `.env` into the image"
TWINS: tuple[str, ...] = ()
FIXABLE = False

# (entry as shown, representative paths: any of them being excluded counts)
# What should be ignored: (entry, files whose presence in the build context shows it is there).
_Entry = tuple[str, tuple[str, ...]]
_ALWAYS: tuple[_Entry, ...] = ((".git", (".git/HEAD",)), (".env", (".env",)))
_PYTHON: tuple[_Entry, ...] = ((".venv", (".venv/pyvenv.cfg", "venv/pyvenv.cfg")),)
_PROJECT_FILES = (
    "pyproject.toml",
    "requirements.txt",
    "setup.py",
    "setup.cfg",
    "Pipfile",
    "uv.lock",
    "poetry.lock",
    "manage.py",
    "package.json",
    "go.mod",
    "Cargo.toml",
    "Gemfile",
    "composer.json",
    "pom.xml",
)
_PYTHON_TOOLS = frozenset({"pip", "pip3", "uv", "poetry", "pipenv", "pdm"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    copies = [i for i in dockerfile.walk_keyword("COPY", "ADD") if not i.is_trigger and _copies_whole_context(i)]
    if not copies:
        return
    dockerfile_name = posixpath.basename(context.path.replace("\\", "/")) or "Dockerfile"
    if context.read_context_file(dockerfile_name) is None:
        return  # standard input, or a folder we cannot read: the context is unknown
    if not _folder_is_context(dockerfile, context):
        return
    images = image_stage_indexes(dockerfile)
    copy = next((c for c in copies if c.stage_index in images), copies[0])
    ignore_name = f"{dockerfile_name}.dockerignore"
    text = context.read_context_file(ignore_name)
    if text is None:
        ignore_name = ".dockerignore"
        text = context.read_context_file(ignore_name)
    wanted = tuple(entry for entry in _ALWAYS if entry[0] != ".git" or _has_git(context))
    wanted += _PYTHON if _is_python_image(dockerfile) else ()
    shown = _copy_text(copy)
    if text is None:
        entries = ", ".join(f"`{name}`" for name, _ in wanted)
        message = (
            f"`{shown}` copies the whole build context, and it has no `.dockerignore`: {entries} and every other "
            f"local file go into the image (history, secrets, host-built binaries) and bust the layer cache. Add a "
            f"`.dockerignore` listing at least {entries}."
        )
        yield Violation(_source_span(copy), message)
        return
    patterns = _parse(text) + _parse("\n".join(flag.value or "" for flag in copy.flags_named("exclude")))
    missing = [name for name, paths in wanted if not any(_excluded(patterns, path) for path in paths)]
    if not missing:
        return
    listed = ", ".join(f"`{name}`" for name in missing)
    message = (
        f"`{shown}` copies the whole build context, and `{ignore_name}` does not exclude {listed}: "
        f"{_consequences(missing)}. Add {listed} to `{ignore_name}`."
    )
    yield Violation(_source_span(copy), message)


# --------------------------------------------------------------------------------------------------------------------
# The COPY, the context, the image
# --------------------------------------------------------------------------------------------------------------------


def _sources(instruction: Instruction) -> list[str]:
    if instruction.exec_words is not None:
        values = [word.value for word in instruction.exec_words]
    else:
        values = [word for _, _, word in instruction.words]
    return values[:-1]


def _copies_whole_context(instruction: Instruction) -> bool:
    if instruction.keyword not in ("COPY", "ADD") or instruction.flag("from") is not None:
        return False
    return any(_is_context_root(source) for source in _sources(instruction))


def _is_context_root(source: str) -> bool:
    """Whether a source names the context's root (`.`, `./`, `src/..`); the test before normalising spares the
    common names (`requirements.txt`), whose first component no `..` cancels."""
    return (not source or source[0] == "." or ".." in source) and posixpath.normpath(source) == "."


def _source_span(instruction: Instruction) -> Span:
    if instruction.exec_words is not None:
        for word in instruction.exec_words:
            if posixpath.normpath(word.value) == ".":
                return word.span
    for start, end, text in instruction.words:
        if posixpath.normpath(text) == ".":
            return instruction.span_of(start, end)
    return instruction.arguments_span


def _copy_text(instruction: Instruction) -> str:
    text = " ".join(instruction.text.split())
    return text if len(text) <= 48 else text[:47].rstrip() + "…"


def _folder_is_context(dockerfile: Dockerfile, context: RuleContext) -> bool:
    """Whether the Dockerfile's folder looks like the build context: the files it copies are there."""
    file_sources = []
    for instruction in dockerfile.instructions:
        if instruction.keyword not in ("COPY", "ADD") or instruction.flag("from") is not None:
            continue
        if instruction.heredocs:
            continue
        for source in _sources(instruction):
            name = posixpath.basename(source.rstrip("/"))
            if any(char in source for char in "$*?[") or "://" in source or source.startswith("/"):
                continue
            if "." in name.strip(".") or name in ("Dockerfile", "Makefile", "Pipfile", "Gemfile"):
                file_sources.append(posixpath.normpath(source))
    if file_sources:
        return all(context.read_context_file(source) is not None for source in file_sources)
    return any(context.read_context_file(name) is not None for name in _PROJECT_FILES)


def _has_git(context: RuleContext) -> bool:
    """Whether the folder is a git work tree's root: `.git` is a folder (with `HEAD`) or a worktree's file. A context
    in a subfolder of the repository has no `.git` to leave out."""
    return context.read_context_file(".git/HEAD") is not None or context.read_context_file(".git") is not None


def _is_python_image(dockerfile: Dockerfile) -> bool:
    for stage in dockerfile.stages:
        base = (stage.base_image or "").lower()
        if re.match(r"^(?:docker\.io/)?(?:library/)?(?:python|pypy)(?::|@|$)", base) or "astral-sh/uv" in base:
            return True
    for instruction in dockerfile.walk():
        if instruction.keyword != "RUN":
            continue
        if uv_commands(instruction):
            return True
        for command in instruction.commands:
            words = command.effective().words
            if pip_install(command) is not None:
                return True
            if words and words[0].value.rsplit("/", 1)[-1] in _PYTHON_TOOLS:
                return True
    return False


def _consequences(missing: list[str]) -> str:
    parts = {
        ".git": "the repository's history goes into the image",
        ".env": "local settings and secrets end up in a layer anyone with the image can read",
        ".venv": "a virtual environment built for the host (another OS or Python) is copied over the image's",
    }
    return "; ".join(parts[name] for name in missing)


# --------------------------------------------------------------------------------------------------------------------
# Docker's .dockerignore matching (moby/patternmatcher)
# --------------------------------------------------------------------------------------------------------------------


class _Pattern(Record):
    regex: re.Pattern[str]
    exclusion: bool  # a `!` line: re-includes what it matches


def _parse(text: str) -> list[_Pattern]:
    patterns = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exclusion = line.startswith("!")
        if exclusion:
            line = line[1:].strip()
        if not line:
            continue
        line = posixpath.normpath(line.replace("\\", "/"))
        if len(line) > 1 and line.startswith("/"):
            line = line.lstrip("/")
        patterns.append(_Pattern(_compile(line), exclusion))
    return patterns


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    """Docker's pattern syntax as a regular expression over slash-separated paths."""
    out = ["^"]
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if char == "*":
            if index + 1 < length and pattern[index + 1] == "*":
                index += 2
                while index < length and pattern[index] == "*":
                    index += 1
                if index >= length:
                    out.append(".*")
                elif pattern[index] == "/":
                    out.append("(?:.*/)?")
                    index += 1
                else:
                    out.append(".*")
                continue
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end]
                if body.startswith(("!", "^")):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                index = end
        elif char == "\\" and index + 1 < length:
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    out.append("$")
    try:
        return re.compile("".join(out))
    except re.error:
        return re.compile(r"(?!)")


def _excluded(patterns: list[_Pattern], path: str) -> bool:
    """Whether the context leaves ``path`` out: the last pattern that matches it or one of its parent folders."""
    parts = path.split("/")
    candidates = ["/".join(parts[: end + 1]) for end in range(len(parts))]
    excluded = False
    for pattern in patterns:
        if any(pattern.regex.match(candidate) for candidate in candidates):
            excluded = not pattern.exclusion
    return excluded
