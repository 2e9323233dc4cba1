"""Reports a tar archive copied in and then extracted by a RUN: `ADD` does both, without the archive in a layer.

## What it does
Flags a `COPY` of a local tar archive (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tbz2`, `.tbz`, `.tar.xz`, `.txz`)
when a later `RUN` of the same stage extracts that file with `tar -x` (`tar xzf`, `tar --extract -f`, `-C <dir>`)
and nothing else `ADD` could not do. An extraction with `--strip-components`, `--exclude`, `--wildcards`,
`--to-stdout`, `--transform` or a list of members is not reported, nor is a `COPY --from` (ADD extracts only
archives from the build context), nor zip files (ADD does not extract them).

## Why it matters
`ADD` extracts a local tar archive (identity, gzip, bzip2 or xz) into its destination in one step. With `COPY` and
`tar -x`, the archive is stored in the `COPY` layer for good, even when the RUN deletes it afterwards, so the image
carries it twice. Docker's best practices: "the best use for ADD is local tar file auto-extraction into the image".

## Example
```dockerfile
FROM debian:bookworm-slim
COPY vendor/tool-1.2.tar.gz /tmp/
RUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt && rm /tmp/tool-1.2.tar.gz
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
ADD vendor/tool-1.2.tar.gz /opt/
```

## Fix
None automatic: the destination and file ownership of the extracted files may need care.

## Differences from hadolint
DL3010 also reports archives extracted with `unzip`, `gunzip`, `zcat` and the like (`ADD` extracts neither zip
files nor plain compressed files), and extractions that `ADD` cannot reproduce (`--strip-components`, members).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import run_commands
from linter.positions import Span
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Command, command_basename
from linter.source import dequote, shell_words

CODE = "DF523"
NAME = "add-for-archives"
SEVERITY = "info"
SUMMARY = "Tar archive copied and then extracted: `ADD` extracts it in one step"
TWINS: tuple[str, ...] = ("DL3010",)
FIXABLE = False

_TAR_ARCHIVE = lazy_compile(r".+\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)", re.IGNORECASE)
# tar options ADD cannot reproduce.
_BEYOND_ADD = ("--strip-components", "--exclude", "--wildcards", "--to-stdout", "--transform", "--xform", "-O",
               "--to-command", "--occurrence", "--files-from", "-T", "-X", "--exclude-from")  # fmt: skip
_ALLOWED_SHORT = frozenset("xzjJvfCopm")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    # Only a stage that runs `tar` extracts what it copied.
    extracting = {run.stage_index for run, _command in run_commands(dockerfile, "tar") if not run.is_trigger}
    for stage in dockerfile.stages:
        if stage.index not in extracting:
            continue
        copied: dict[str, tuple[str, Span, Instruction]] = {}  # archive basename -> (source, span, COPY)
        for instruction in stage.body:
            if instruction.keyword == "COPY" and instruction.flag("from") is None and not instruction.heredocs:
                base = instruction.arguments_offset
                words = shell_words(instruction.arguments)
                for start, end, word in words[:-1]:
                    source = dequote(word)
                    if "$" not in source and _TAR_ARCHIVE.fullmatch(posixpath.basename(source)):
                        span = instruction.span_of(base + start, base + end)
                        copied[posixpath.basename(source)] = (source, span, instruction)
            elif instruction.keyword == "RUN" and copied:
                for command in instruction.commands:
                    name = _extracted(command)
                    if name is not None and name in copied:
                        source, span, _ = copied.pop(name)
                        yield Violation(
                            span,
                            f"`COPY {source}` is extracted by `tar` at line {command.span.start_line}: "
                            f"`ADD {source} <directory>/` extracts it in one step and keeps the archive out of the "
                            "image's layers",
                        )


def _extracted(command: Command) -> str | None:
    """The basename of the archive a plain `tar -x` extracts (None for anything ADD could not do)."""
    words = command.effective().words
    if not words or command_basename(words[0]) != "tar":
        return None
    arguments = words[1:]
    if not arguments or not all(word.is_static for word in arguments):
        return None
    texts = [word.value for word in arguments]
    first = texts[0]
    old_style = not first.startswith("-") and "x" in first and set(first) <= _ALLOWED_SHORT
    extracting = old_style or any(
        text in ("--extract", "--get") or (text.startswith("-") and not text.startswith("--") and "x" in text)
        for text in texts
    )
    if not extracting or any(text.split("=", 1)[0] in _BEYOND_ADD for text in texts):
        return None
    archive: str | None = None
    operands: list[str] = []
    index = 1 if old_style else 0
    if old_style and "f" in first and len(texts) > 1:
        archive, index = texts[1], 2
    while index < len(texts):
        text = texts[index]
        index += 1
        if text in ("-C", "--directory", "-f", "--file") and index < len(texts):
            if text in ("-f", "--file"):
                archive = texts[index]
            index += 1
        elif text.startswith("--file="):
            archive = text[len("--file=") :]
        elif text.startswith("--directory="):
            continue
        elif text.startswith("-") and not text.startswith("--"):
            letters = text[1:]
            if not set(letters) <= _ALLOWED_SHORT:
                return None
            if letters.endswith("f") and index < len(texts):
                archive = texts[index]
                index += 1
        elif text.startswith("--"):
            if text not in ("--extract", "--get", "--gzip", "--bzip2", "--xz", "--verbose", "--no-same-owner"):
                return None
        else:
            operands.append(text)
    if operands or archive is None:
        return None  # members to extract: ADD takes the whole archive
    return posixpath.basename(archive)
