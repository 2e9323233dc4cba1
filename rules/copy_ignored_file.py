"""Reports a `COPY`/`ADD` source that the `.dockerignore` keeps out of the build context.

## What it does
Reads the ignore file of the build context (`<Dockerfile name>.dockerignore` next to the Dockerfile, which BuildKit
prefers, else `.dockerignore`; the build context is taken to be the Dockerfile's folder) with Docker's own matching
rules, and flags each source of a `COPY` (without `--from`) or `ADD` that it excludes: the path itself or one of its
parent directories matches, and no later `!exception` re-includes it. Sources with variables are resolved through the
stage's ARG and ENV values.

## Why it matters
An excluded file is never sent to the builder, so `COPY config/settings.toml /app/` fails with `"/config/settings.toml":
not found` (or, for a directory with exceptions, copies less than it seems). Either the file should not be in the
image (then the `COPY` is wrong) or the ignore file is too broad. BuildKit's `CopyIgnoredFile` check
(<https://docs.docker.com/reference/build-checks/copy-ignored-file/>) reports the same.

## Example
With a `.dockerignore` holding `*.md`:
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY README.md pyproject.toml ./
```

Use instead (or add `!README.md` to `.dockerignore`):
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml ./
```

## Fix
None automatic: remove the source from the `COPY`, or re-include it in the ignore file with `!path`.

## Differences from BuildKit
BuildKit compares the source as written, so `COPY ./app /app` with `app` ignored is not reported there; sources
are cleaned first here (`./app/` is `app`). A directory source that an exception re-includes in part
(`app` ignored, `!app/main.py` kept) still copies something and is not reported. Sources with wildcards
(`COPY *.py ./`) match several files that the ignore file may treat differently, and are not judged. `ONBUILD`
triggers run with another build's context and are not checked. A malformed ignore file (which fails the build) is
not judged either.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.dockerignore import DockerIgnore, InvalidPattern, load_dockerignore
from linter.model import Dockerfile, Instruction
from linter.positions import Span
from linter.rule import RuleContext, Violation
from linter.source import dequote

CODE = "DF627"
NAME = "copy-ignored-file"
SEVERITY = "warning"
SUMMARY = "`COPY`/`ADD` of a path `.dockerignore` excludes"
TWINS: tuple[str, ...] = ("CopyIgnoredFile",)
FIXABLE = False

_WILDCARDS = frozenset("*?[")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    try:
        ignore = load_dockerignore(context.path, context.read_context_file)
    except InvalidPattern:
        return
    if ignore is None or not ignore.patterns:
        return
    for instruction in dockerfile.walk_keyword("COPY", "ADD"):
        if instruction.is_trigger or instruction.stage_index is None:
            continue
        if instruction.keyword == "COPY" and instruction.flag("from") is not None:
            continue
        for written, source, span in _sources(instruction):
            violation = _check_source(instruction, ignore, written, source, span)
            if violation is not None:
                yield violation


def _sources(instruction: Instruction) -> Iterator[tuple[str, str, Span]]:
    """(as written, with variables substituted, span) of each local source whose value is known."""
    if instruction.exec_words is not None:
        items = [(word.value, word.span) for word in instruction.exec_words[:-1]]
    else:
        items = [(dequote(raw), instruction.span_of(start, end)) for start, end, raw in instruction.words[:-1]]
    for written, span in items:
        if written.startswith("<<") or "://" in written or written.startswith("git@"):
            continue  # a heredoc, a URL or a Git repository: not from the context
        value, known = instruction.expand(written) if "$" in written else (written, True)
        if known and value and not (_WILDCARDS & set(value)):
            yield written, value, span


def _check_source(
    instruction: Instruction, ignore: DockerIgnore, written: str, source: str, span: Span
) -> Violation | None:
    pattern = ignore.deciding_pattern(source)
    if pattern is None or ignore.may_reinclude_below(source):
        return None
    shown = f"`{written}`" if written == source else f"`{written}` (= `{source}`)"
    return Violation(
        span,
        f"{instruction.keyword} source {shown} is excluded by `{pattern.written}` (line {pattern.line} of "
        f'`{ignore.source}`), so the builder never receives it and the build fails with "not found": stop copying '
        f"it, or re-include it in `{ignore.source}` with `!{source.strip('/').removeprefix('./')}`",
    )
