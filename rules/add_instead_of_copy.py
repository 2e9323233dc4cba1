"""Reports ADD used to copy local files and directories, where COPY does the same without surprises.

## What it does
Flags an `ADD` (ONBUILD triggers included) whose sources are all local files or directories of the build context
(or heredocs) and none of which may be an archive that `ADD` would extract. Not reported: URLs and git sources (what
`ADD` is for), sources that look like archives (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tbz2`, `.tar.xz`, `.txz`,
`.tar.zst`, `.gz`, `.bz2`, `.xz`, `.zst`), globs that could match one (`*`, `*.gz`), sources behind unknown ARGs, and
instructions with flags only `ADD` has (`--checksum`, `--keep-git-dir`, `--unpack`): the author chose `ADD`.

## Why it matters
`ADD` extracts a local tar archive and fetches URLs; `COPY` only copies. With `ADD`, what ends up in the image
depends on what the files are: a `.tar.gz` put in the context later is silently unpacked. Docker's best practices:
"For other items, like files and directories, that don't require the tar auto-extraction capability of ADD, you
should always use COPY."

## Example
```dockerfile
FROM python:3.12-slim
ADD requirements.txt /app/
ADD src/ /app/src/
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt /app/
COPY src/ /app/src/
```

## Fix
Safe: the keyword becomes `COPY` (in the same letter case). `--chown`, `--chmod`, `--link` and `--exclude` mean the
same for `COPY`. A file without extension is taken for a plain file; one that is really a tar archive would be
copied instead of extracted.

## Differences from hadolint
DL3020 reports every `ADD` whose source is not a URL or archive by name, including globs such as `ADD * /app/`, which
may extract an archive, and `ADD` with `--checksum`; it has no fix.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from linter.model import Dockerfile
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from rules.add_url_without_checksum import add_sources, is_git_url, is_http_url

CODE = "DF522"
NAME = "add-instead-of-copy"
SEVERITY = "warning"
SUMMARY = "ADD used to copy local files: use COPY"
TWINS: tuple[str, ...] = ("DL3020", "DS-0005", "CKV_DOCKER_4")
FIXABLE = True

_ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})
_ARCHIVE = lazy_compile(r"\.(?:tar|tgz|tbz2?|txz|tzst|tlz|gz|bz2|xz|zst|lz4|lzma|z)$", re.IGNORECASE)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("ADD"):
        if any(flag.name in _ADD_ONLY_FLAGS for flag in instruction.flags):
            continue
        sources = [] if instruction.heredocs else [source for source, _ in add_sources(instruction)]
        if not instruction.heredocs and not sources:
            continue
        if not all(_plain_local(source) for source in sources):
            continue
        keyword = "copy" if instruction.keyword_text.islower() else "COPY"
        shown = ", ".join(f"`{source}`" for source in sources[:3]) or "a heredoc"
        yield Violation(
            instruction.keyword_span,
            f"`ADD` copies local files here ({shown}): use `COPY`, which only copies (`ADD` also extracts archives and "
            "downloads URLs, so what it does depends on the files)",
            Fix("Replace `ADD` with `COPY`", (Edit(instruction.keyword_span, keyword),)),
        )


def _plain_local(source: str) -> bool:
    """A local file or directory that `ADD` copies as it is (not an URL, git source, archive or risky glob)."""
    if "$" in source or is_http_url(source) or is_git_url(source) or "://" in source:
        return False
    name = posixpath.basename(source.rstrip("/")) or source
    if _ARCHIVE.search(name):
        return False
    if any(char in name for char in "*?["):
        # A glob may match an archive unless its extension rules that out (`*.py`).
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        return bool(extension) and not any(char in extension for char in "*?[") and not _ARCHIVE.search("." + extension)
    return True
