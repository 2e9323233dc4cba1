"""Reports `COPY`/`ADD` of several sources to a destination that does not end with `/`.

## What it does
Flags `COPY a b /app` and `ADD a b /app` (shell or JSON form, heredoc sources counted) when there are two or more
sources and the destination, ARGs and ENVs substituted, does not end with `/`. It stays quiet when the destination is
certainly an existing directory: `.`/`..`, a path that an earlier `WORKDIR` of the stage (or of the stages it is
built from) created, an earlier `RUN mkdir`, an earlier `COPY`/`ADD` to `<dir>/`, or a standard directory of a Linux
image (`/usr/local/bin`, `/etc`, `/tmp`…) when the stage is not built from `scratch`. ONBUILD triggers run in
another build, whose directories are unknown, and are not judged.

## Why it matters
The Dockerfile reference: "If multiple <src> resources are specified, either directly or due to the use of a
wildcard, then <dest> must be a directory, and it must end with a slash /." The legacy builder refuses the
instruction; BuildKit does not, and when `/app` does not exist yet it writes each file source to the path `/app`
itself, one over the other, instead of into a directory `/app/`: the image silently holds one file where the author
expected several. hadolint reports it as DL3021, Trivy as DS-0011.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt pyproject.toml /code
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt pyproject.toml /code/
```

## Fix
None automatic: add the `/` (or copy one source per instruction), after checking what the destination should be.

## Differences from hadolint
hadolint DL3021 only sees `COPY` with literal words. It also reports `COPY a b .` (BuildKit reads `.` as `./`),
destinations behind variables it cannot resolve, and directories the file itself created with `WORKDIR`; it misses
`ADD` and heredoc sources. A single wildcard source (`COPY *.txt /app`) may match one file or several and is not
judged here.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction, Stage
from linter.rule import RuleContext, Violation
from linter.shell import command_basename

CODE = "DF615"
NAME = "copy-dest-needs-slash"
SEVERITY = "warning"
SUMMARY = "Several sources need a destination ending with `/`"
TWINS: tuple[str, ...] = ("DL3021", "DS-0011")
FIXABLE = False

# Directories every common Linux base image has.
_STANDARD_DIRECTORIES = frozenset(
    {
        "/",
        "/bin",
        "/etc",
        "/home",
        "/lib",
        "/mnt",
        "/opt",
        "/root",
        "/run",
        "/sbin",
        "/srv",
        "/tmp",
        "/usr",
        "/usr/bin",
        "/usr/lib",
        "/usr/local",
        "/usr/local/bin",
        "/usr/local/lib",
        "/usr/local/sbin",
        "/usr/local/share",
        "/usr/sbin",
        "/usr/share",
        "/var",
        "/var/lib",
        "/var/tmp",
    }
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        for instruction in stage.body:
            if instruction.keyword not in ("COPY", "ADD"):
                continue
            arguments = _arguments(instruction)
            if arguments is None or len(arguments) < 3:
                continue
            written = arguments[-1]
            destination, known = instruction.expand(written)
            if not known or not destination or _names_directory(destination):
                continue
            workdir, directories = _known_directories(dockerfile, stage, instruction)
            if _resolve(destination, workdir) in directories:
                continue
            via = "" if destination == written else f" (`{destination}`)"
            yield Violation(
                instruction.span_of(*_last_word_offsets(instruction)),
                f"`{_short(instruction.text)}` copies {len(arguments) - 1} sources to `{written}`{via}, which does "
                f"not end with `/`: unless `{destination}` already exists as a directory, each file is written to "
                f"that path itself, one over the other; write `{written}/`",
            )


def _arguments(instruction: Instruction) -> list[str] | None:
    if instruction.exec_words is not None:
        return [word.value for word in instruction.exec_words]
    if instruction.arguments.lstrip().startswith("["):
        return None  # looks like JSON but is not: DF001/DF102 territory
    return [_unquote(word) for _, _, word in instruction.words]


def _last_word_offsets(instruction: Instruction) -> tuple[int, int]:
    if instruction.exec_words is not None:
        last = instruction.exec_words[-1]
        return last.start, last.end
    start, end, _ = instruction.words[-1]
    return start, end


def _short(text: str) -> str:
    text = " ".join(text.split("\n", 1)[0].split())
    return text if len(text) <= 60 else text[:57] + "…"


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] and word[0] in "\"'":
        return word[1:-1]
    return word


def _names_directory(destination: str) -> bool:
    """Ends with `/` (or `\\` on Windows), or is `.`/`..` which BuildKit reads as directories."""
    if destination.endswith(("/", "\\")):
        return True
    return destination in (".", "..") or destination.endswith(("/.", "/.."))


def _resolve(path: str, workdir: str | None) -> str | None:
    if path.startswith("/"):
        return posixpath.normpath(path)
    if workdir is None:
        return None
    return posixpath.normpath(posixpath.join(workdir, path))


def _chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    chain = [stage]
    while chain[-1].base_stage_index is not None and len(chain) <= len(dockerfile.stages):
        chain.append(dockerfile.stages[chain[-1].base_stage_index])  # type: ignore[index]
    return list(reversed(chain))


def _known_directories(dockerfile: Dockerfile, stage: Stage, until: Instruction) -> tuple[str | None, set[str]]:
    """The working directory at ``until`` (None when unknown) and the directories known to exist there."""
    chain = _chain(dockerfile, stage)
    root_is_scratch = (chain[0].base_image or "").lower() == "scratch"
    directories: set[str] = {"/"} if root_is_scratch else set(_STANDARD_DIRECTORIES)
    workdir: str | None = "/" if root_is_scratch else None
    for member in chain:
        for instruction in member.body:
            if instruction is until:
                return workdir, directories
            if instruction.keyword == "WORKDIR":
                path, known = instruction.expand(_unquote(instruction.arguments.strip()))
                workdir = _resolve(path, workdir) if known and path else None
                _add_with_parents(directories, workdir)
            elif instruction.keyword in ("COPY", "ADD"):
                arguments = _arguments(instruction)
                if arguments and len(arguments) >= 2 and arguments[-1].endswith("/"):
                    path, known = instruction.expand(arguments[-1])
                    _add_with_parents(directories, _resolve(path, workdir) if known else None)
            elif instruction.keyword == "RUN":
                for command in instruction.commands:
                    effective = command.effective()
                    if not effective.words or command_basename(effective.words[0]) != "mkdir":
                        continue
                    for word in effective.words[1:]:
                        if word.is_static and not word.value.startswith("-"):
                            _add_with_parents(directories, _resolve(word.value, workdir))
    return workdir, directories


def _add_with_parents(directories: set[str], path: str | None) -> None:
    while path and path not in directories:
        directories.add(path)
        path = posixpath.dirname(path)
