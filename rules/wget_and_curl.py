"""Reports a stage that downloads with both `wget` and `curl`.

## What it does
Flags a stage whose `RUN` instructions (heredoc scripts and `sh -c` strings included) run both `curl` and `wget`,
once per stage, at the first use of the second tool. Stages that do not end up in an image (builders read only
through `COPY --from`) are not reported, nor are stages that uninstall one of the tools again: by name
(`apt-get purge wget`, `apk del curl`), or as a build dependency removed by every RUN that uses it
(`apk add --virtual .fetch-deps curl && curl … && apk del .fetch-deps`, `apt-get purge -y --auto-remove
$fetchDeps`). The image then carries one tool or none.

## Why it matters
Two tools for the same job mean two packages (and their libraries) in the image, two sets of options to get right
(`curl -f` to fail on HTTP errors, `wget --progress`), and two things to patch. Docker's best practices and
hadolint (DL4001) recommend picking one; in images based on `python:*-slim` neither is installed, so
`python -c "import urllib.request…"` may replace both.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl wget && rm -rf /var/lib/apt/lists/*
RUN wget -q -O /tmp/a.tgz https://example.com/a.tgz
RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
```

## Fix
None automatic: the options of the two tools differ.

## Differences from hadolint
DL4001 also reports build stages whose tools never reach the image, and stages that remove one of the tools after
use; it does not look into heredocs or `sh -c` strings.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction, Stage
from linter.packages import image_stage_indexes, run_commands
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.security import downloader
from linter.shell import Word, command_basename

CODE = "DF518"
NAME = "wget-and-curl"
SEVERITY = "warning"
SUMMARY = "Both `wget` and `curl` used in one stage"
TWINS: tuple[str, ...] = ("DL4001", "DS-0014")
FIXABLE = False

_REMOVERS = {
    "apt-get": ("remove", "purge", "autoremove"),
    "apt": ("remove", "purge"),
    "apk": ("del",),
    "yum": ("remove", "erase"),
    "dnf": ("remove", "erase"),
    "microdnf": ("remove",),
}
_TOOL_PACKAGE = lazy_compile(r"(curl|wget)(?:[=:<>~].*)?")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    downloads = [(run, command) for run, command in run_commands(dockerfile, "curl", "wget") if not run.is_trigger]
    if not downloads:
        return
    images = image_stage_indexes(dockerfile)
    for stage in dockerfile.stages:
        if stage.index not in images:
            continue
        first: dict[str, Word] = {}
        runs: dict[str, list[Instruction]] = {"curl": [], "wget": []}
        for instruction, command in downloads:
            if instruction.stage_index != stage.index:
                continue
            tool = downloader(command)
            if tool is None:
                continue
            first.setdefault(tool, command.effective().words[0])
            if instruction not in runs[tool]:
                runs[tool].append(instruction)
        if len(first) < 2 or any(_temporary(stage, tool, runs[tool]) for tool in first):
            continue
        later = max(first, key=lambda tool: (first[tool].span.start_line, first[tool].span.start_column))
        earlier = "curl" if later == "wget" else "wget"
        yield Violation(
            first[later].span,
            f"This stage downloads with `{earlier}` (line {first[earlier].span.start_line}) and with `{later}`: the "
            f"image then carries both; use one of them (`curl -fsSLo FILE URL` or `wget -q -O FILE URL`)",
        )


def _temporary(stage: Stage, tool: str, runs: list[Instruction]) -> bool:
    """Whether the tool is uninstalled again: by name anywhere in the stage, or every RUN using it removes packages
    (build dependencies such as `apk del .build-deps`, `apt-get purge -y --auto-remove $fetchDeps`)."""
    if all(_removals(run) for run in runs):
        return True
    return any(tool in _removals(instruction) for instruction in stage.body if instruction.keyword == "RUN")


def _removals(instruction: Instruction) -> set[str]:
    """What the RUN uninstalls: tool names removed by name, and "*" when it removes any packages."""
    removed: set[str] = set()
    for command in instruction.commands:
        words = command.effective().words
        name = command_basename(words[0]) if words else None
        if name not in _REMOVERS or len(words) < 2:
            continue
        if not any(word.value in _REMOVERS[name] for word in words[1:3]):
            continue
        removed.add("*")
        for word in words[2:]:
            match = _TOOL_PACKAGE.fullmatch(word.value) if word.is_static else None
            if match is not None:
                removed.add(match.group(1))
    return removed
