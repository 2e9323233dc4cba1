"""Reports `COPY --from` (or `RUN --mount=from=`) naming a stage that does not exist yet, or a likely typo.

## What it does
Flags `COPY --from=<value>` and `RUN --mount=…,from=<value>` (ARGs substituted) when the value:

* is a stage index past the last stage (`--from=3` in a file of three stages);
* names a stage, by name or index, that comes later in the file than the instruction;
* names no stage and is no valid image name either (`--from=Builder`: image names are lower-case);
* names no stage but is one or two letters away from a stage's name (`--from=bulder` next to `AS builder`): a typo,
  which BuildKit would try to pull as the image `docker.io/library/bulder`.

Any other value is taken for an image, as BuildKit takes it (`--from=composer`, `--from=ghcr.io/astral-sh/uv:0.5`).
Values behind unknown variables and ONBUILD triggers (resolved in another build) are not judged.

## Why it matters
BuildKit builds stages in file order and resolves `--from` against the stages first, then pulls an image of that
name. A later stage stops the build ("needs to be defined before current stage"), an index past the end stops it
("invalid stage index"), and a misspelt stage name turns into a pull of an image that does not exist, or worse, of a
public image that happens to have that name. hadolint reports these as DL3022.

## Example
```dockerfile
FROM python:3.12-slim AS builder
RUN pip wheel --wheel-dir /wheels fastapi

FROM python:3.12-slim
COPY --from=bulder /wheels /wheels
```

Use instead:
```dockerfile
FROM python:3.12-slim AS builder
RUN pip wheel --wheel-dir /wheels fastapi

FROM python:3.12-slim
COPY --from=builder /wheels /wheels
```

## Fix
None automatic: correct the name, or move the stage before the instruction that uses it.

## Differences from hadolint
hadolint DL3022 reports every `--from` value that is not an earlier stage name and has no `:`: images such as
`COPY --from=composer /usr/bin/composer …` and `COPY --from=ghcr.io/astral-sh/uv /uv /bin/` are reported there
although they are valid; a numeric index past the last stage, a stage defined later by number, and `RUN --mount`
sources are not. This rule reports only what fails or is almost certainly a typo.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Stage
from linter.rule import RuleContext, Violation
from linter.stages import StageReference, references, stage_index_of

CODE = "DF613"
NAME = "copy-from-unknown-stage"
SEVERITY = "error"
SUMMARY = "`COPY --from` names a stage that does not exist (yet)"
TWINS: tuple[str, ...] = ("DL3022",)
FIXABLE = False

# Official images commonly used as `COPY --from` sources: never taken for a typo of a stage name.
_COMMON_IMAGES = frozenset(
    {
        "alpine",
        "busybox",
        "caddy",
        "composer",
        "debian",
        "docker",
        "golang",
        "gradle",
        "maven",
        "nginx",
        "node",
        "php",
        "python",
        "ruby",
        "rust",
        "tomcat",
        "traefik",
        "ubuntu",
    }
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for reference in references(dockerfile):
        if reference.kind == "FROM" or reference.instruction.is_trigger or reference.value is None:
            continue
        current = dockerfile.stage_of(reference.instruction)
        if current is None:
            continue
        message = _problem(dockerfile, reference, current)
        if message is not None:
            yield Violation(reference.span, message)


def _problem(dockerfile: Dockerfile, reference: StageReference, current: Stage) -> str | None:
    value = reference.value
    assert value is not None
    shown = f"`{reference.shown}`" + ("" if value == reference.written else f" (`{value}`)")
    index = stage_index_of(dockerfile, reference)
    count = len(dockerfile.stages)
    if index is not None:
        if index >= count:
            return (
                f"{shown} names stage number {index}, but the file has {count} stage{'s' if count > 1 else ''} "
                f"(numbered from 0): BuildKit stops with `invalid stage index`; name the stage instead"
            )
        if index > current.index:
            later = dockerfile.stages[index]
            label = f"`{later.name}`" if later.name else f"number {index}"
            return (
                f"{shown} names stage {label}, defined on line {later.from_instruction.line} after this instruction: "
                f"BuildKit builds stages in file order and stops (the stage needs to be defined before the current "
                f"one); move that stage up"
            )
        return None  # an earlier stage, or this one (DF614)
    if any(char in value for char in "/:@"):
        return None  # a registry path, a tag or a digest: an image
    if value != value.lower():
        return (
            f"{shown} names no stage of this file and is not a valid image name either (image names are "
            f"lower-case): BuildKit fails to resolve it; name an existing stage"
        )
    if "." in value or value in _COMMON_IMAGES:
        return None
    suggestion = _closest_stage(dockerfile, value, current)
    if suggestion is None:
        return None
    return (
        f"{shown} names no stage of this file, so BuildKit would pull an image `{value}` from Docker Hub; did you "
        f"mean the stage `{suggestion.name}` (line {suggestion.from_instruction.line})?"
    )


def _closest_stage(dockerfile: Dockerfile, value: str, current: Stage) -> Stage | None:
    """An earlier stage whose name is one or two edits from ``value`` (one for short names, none under 3 letters)."""
    best: tuple[int, Stage] | None = None
    for stage in dockerfile.stages[: current.index]:
        if stage.name is None:
            continue
        name = stage.name.lower()
        distance = _edit_distance(value, name)
        shortest = min(len(value), len(name))
        limit = 0 if shortest <= 2 else 1 if shortest <= 4 else 2
        if 0 < distance <= limit and (best is None or distance < best[0]):
            best = (distance, stage)
    return None if best is None else best[1]


def _edit_distance(first: str, second: str) -> int:
    """Levenshtein distance, adjacent transpositions counting as one edit."""
    previous_previous: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        row = [i]
        for j, b in enumerate(second, 1):
            cost = 0 if a == b else 1
            value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                value = min(value, previous_previous[j - 2] + 1)
            row.append(value)
        previous_previous, previous = previous, row
    return previous[-1]
