"""Reports `ADD https://…` without `--checksum`: the download is not verified.

## What it does
Flags each HTTP(S) source of an `ADD` instruction (shell or exec form, ONBUILD triggers included, ARGs substituted)
when the instruction has no `--checksum` flag. Git sources (`https://github.com/o/r.git#v1.0`, `git@…`) are left
alone: they are pinned by a tag or commit, not by a file digest.

## Why it matters
`ADD` fetches the URL at build time and puts whatever it gets into the image, as root, with no check: a replaced
release asset, a compromised mirror or a server that changed the file all end up in the image silently, and the
build stops being reproducible. Since Dockerfile syntax 1.6, `ADD --checksum=sha256:<digest> <url> <dest>` makes the
build fail when the content differs (Dockerfile reference, "ADD --checksum").

## Example
```dockerfile
FROM python:3.12-slim
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
```

Use instead:
```dockerfile
# syntax=docker/dockerfile:1
FROM python:3.12-slim
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
```

## Fix
None automatic: the digest has to come from the publisher (or from a download you trust).

## Differences from peers
hadolint only says to prefer `COPY` over `ADD` (DL3020, which does not fire for URLs); Trivy and Checkov have no
check for unverified downloads.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.positions import Span
from linter.rule import RuleContext, Violation
from linter.source import dequote, shell_words

CODE = "DF506"
NAME = "add-url-without-checksum"
SEVERITY = "warning"
SUMMARY = "`ADD <url>` without `--checksum`"
TWINS: tuple[str, ...] = ()
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("ADD"):
        if instruction.flag("checksum") is not None or instruction.heredocs:
            continue
        for url, span in add_sources(instruction):
            if is_http_url(url) and not is_git_url(url):
                yield Violation(
                    span,
                    f"`ADD {url}` puts whatever the server sends into the image without checking it: pin the content "
                    "with `ADD --checksum=sha256:<digest>` (Dockerfile syntax 1.6+), using the digest the publisher "
                    "gives",
                )


def add_sources(instruction: Instruction) -> Iterator[tuple[str, Span]]:
    """The sources of a COPY/ADD (quotes removed, ARGs substituted when known) with their spans."""
    exec_words = instruction.exec_words
    if exec_words is not None:
        for word in exec_words[:-1]:
            yield _resolved(instruction, word.value), word.span
        return
    base = instruction.arguments_offset
    for start, end, text in shell_words(instruction.arguments)[:-1]:
        yield _resolved(instruction, dequote(text)), instruction.span_of(base + start, base + end)


def _resolved(instruction: Instruction, text: str) -> str:
    if "$" not in text or instruction.is_trigger:
        return text
    value, known = instruction.expand(text)
    return value if known else text


def is_http_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def is_git_url(text: str) -> bool:
    """A source BuildKit clones: `git@host:repo`, `git://…`, or an URL of a `.git` repository (with `#ref`)."""
    lowered = text.lower()
    if lowered.startswith(("git@", "git://", "ssh://")):
        return True
    path = lowered.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return path.endswith(".git")
