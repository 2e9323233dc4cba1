"""Reports images whose runtime or distribution is past its end of life.

## What it does
Flags a `FROM`, `COPY --from=<image>` or `RUN --mount=...,from=<image>` whose tag pins something that no longer
gets security fixes on the day of the run:

* the official `python` image on Python 2 or 3.0-3.9, and 3.10 once 2026-10-31 is past, in every tag form
  (`3.9`, `3.9.18-slim-bookworm`, `3.9-alpine3.18`, `2.7-windowsservercore`);
* the official `node` image on a line past its end (`node:18`, `node:20` since 2026-04-30, odd lines such as
  `node:23` and `node:25` after their short life, codenames such as `hydrogen-alpine`);
* `pythonX.Y`, `pyX.Y`, `nodeN` and `nodejsN` parts of other images' tags
  (`tiangolo/uvicorn-gunicorn-fastapi:python3.9`);
* frozen Debian releases as a tag part of any image (`-buster`, `-bullseye`, `stretch`, `jessie`) and the `debian`
  image itself (`debian:11`, `debian:bullseye-slim`), including the python image's Debian variants that
  docker-library/python stopped building (bullseye since 2025-08-08).

The date is the run's (`--today` on the command line), so a tag starts being reported the day after its end of life:
`python:3.10` is fine on 2026-10-31 and reported from 2026-11-01. Tags that name no fixed version (`python:3`,
`python:slim`, `node:lts`, `latest`) are never reported. `ARG` defaults are substituted as in DF301, and stage names
are never taken for images (`FROM build`, `COPY --from=build`, `COPY --from=0`). Build stages count too: a
`debian:bullseye-slim` stage that only compiles something still runs unpatched tools on your build machine and may
leak its libraries into the final image.

The message names what reached its end, when, and the tag to move to when the image's tag scheme is known
("`python:3.9-slim-bookworm`: Python 3.9 reached end of life on 2025-10-31: ...; use `python:3.11-slim-bookworm`").
The suggested version is the oldest one still supported on the run's date (the smallest step); a newer one is fine.

## Why it matters
Past its end of life a runtime or distribution gets no security fixes, and the official images stop being rebuilt:
`python:3.9` still pulls, but no longer moves. The FastAPI guide's own example starts `FROM python:3.9`; the dates
come from the Python release cycle (python/peps `release-cycle.json`), the Node.js release schedule
(nodejs/Release `schedule.json`), Debian LTS (wiki.debian.org/LTS) and docker-library/python's removal commits.

## Example
```dockerfile
FROM python:3.9-slim
COPY ./app /code/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY ./app /code/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Severity
Warning for every runtime, however long ago it ended (Python 2 as much as Python 3.10): one rule with one meaning,
kept simple. Raise it in the configuration (`[tool.lintainer.severity]`, `DF302 = "error"`) if end-of-life images
must fail your build.

## Fix
Unsafe (`--unsafe-fixes`; a new Python minor can break dependencies, so review and test the result): in a `FROM`
of the official `python` image written as `3.X` or `3.X-<variant>`, the tag moves to the oldest supported minor
with the same variant, and only to a variant that docker-library/python builds for every supported minor (a table,
not a guess): `python:3.9-slim` becomes `python:3.11-slim`, `python:3.8-alpine` becomes `python:3.11-alpine`. The
registry prefix, `--platform`, `AS` and the rest of the line are kept.

None for patch-pinned tags (`3.9.18-slim`: the patch to pin is the author's choice), digests, Python 2, variants on
a frozen Debian or a retired Alpine release, Windows variants, tags built from an `ARG`, other images
(`tiangolo/...:python3.9`, `node:18`, `debian:bullseye`), and `COPY --from`/`RUN --mount` sources: the message
names the tag to move to.

## Differences from peers
No exact twin: hadolint has no end-of-life rule (DL3006/DL3007 only look at whether a tag is given or is `latest`),
and BuildKit's checks do not look at tags. dockerfile-doctor's DD077 keeps a short static list without dates: it
misses `python:3.9-slim` and its fix moves `node:14` to `node:20`, itself end of life since 2026-04-30. Here the
tables are dated and the replacement is computed for the run's date. A deprecated image on an end-of-life runtime
(`tiangolo/uvicorn-gunicorn-fastapi:python3.9`) is reported by both this rule and DF301.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache

from linter.data.eol import (
    DEBIAN_SUCCESSOR,
    DEBIAN_SUCCESSOR_VERSION,
    PYTHON_IMAGE_VARIANTS,
    EolFinding,
    find_all_eol,
    oldest_supported_node_lts,
    oldest_supported_python,
)
from linter.model import Dockerfile
from linter.positions import Span
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from rules.deprecated_base_image import ImageUse, image_uses

CODE = "DF302"
NAME = "eol-base-image"
SEVERITY = "warning"
SUMMARY = "Base image past its end of life"
TWINS: tuple[str, ...] = ()
FIXABLE = True

# A function of the image and the day: the same few images recur in every file and at every edit.
_eol_findings = lru_cache(maxsize=256)(find_all_eol)
# `3.X` or `3.X-<variant>`: no patch version, no Python 2.
_MINOR_TAG = lazy_compile(r"3\.\d+(?:-(?P<variant>.+))?")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for use in image_uses(dockerfile):
        findings = _eol_findings(use.ref, context.today)
        if not findings:
            continue
        ended = _ended(findings)
        message = f"{use.quoted}: {ended}: no security fixes; {_advice(findings, context.today)}"
        yield Violation(use.span, message, _python_tag_fix(use, findings, context.today))


def _python_tag_fix(use: ImageUse, findings: Sequence[EolFinding], today: date) -> Fix | None:
    """Unsafe: a literal `FROM python:3.X[-variant]` moves to the oldest supported minor, same variant."""
    ref = use.ref
    if use.instruction.keyword != "FROM" or use.written != use.resolved or use.span.start_line != use.span.end_line:
        return None  # built from an ARG, or a COPY --from/RUN --mount source
    if not (ref.is_official and ref.repository == "python") or ref.digest is not None or ref.tag is None:
        return None
    if any(not finding.runtime.startswith("Python 3") for finding in findings):
        return None  # a frozen Debian variant too: a bigger move than a minor bump
    match = _MINOR_TAG.fullmatch(ref.tag)
    new_minor = oldest_supported_python(today)
    if match is None or new_minor is None or (match["variant"] or "") not in PYTHON_IMAGE_VARIANTS:
        return None
    tag_start = use.written.rfind(":") + 1
    if use.written[tag_start:] != ref.tag:
        return None
    new_tag = new_minor + ref.tag[ref.tag.index("-") :] if "-" in ref.tag else new_minor
    line, column = use.span.start_line, use.span.start_column + tag_start
    edit = Edit(Span(line, column, line, column + len(ref.tag)), new_tag)
    return Fix(f"Move to `python:{new_tag}`", (edit,), safe=False)


def _ended(findings: Sequence[EolFinding]) -> str:
    """ "Python 3.9 reached end of life on 2025-10-31, Debian 11 (bullseye) on 2026-08-31"."""
    first, *others = findings
    parts = [f"{first.runtime} reached end of life on {first.eol_date.isoformat()}"]
    parts.extend(f"{finding.runtime} on {finding.eol_date.isoformat()}" for finding in others)
    return ", ".join(parts)


def _advice(findings: Sequence[EolFinding], today: date) -> str:
    # One replacement covers every finding of an image (the table computes it that way).
    replacement = findings[0].replacement
    if replacement is not None:
        return f"use `{replacement}`"
    # Another image's tag scheme is unknown: say what the new tag must contain.
    wanted = []
    for finding in findings:
        if finding.runtime.startswith("Python"):
            newest = oldest_supported_python(today)
            wanted.append(f"Python {newest} or later" if newest else "a supported Python")
        elif finding.runtime.startswith("Node.js"):
            newest = oldest_supported_node_lts(today)
            wanted.append(f"Node.js {newest} or later" if newest else "a supported Node.js")
        elif finding.runtime.startswith("Debian"):
            wanted.append(f"Debian {DEBIAN_SUCCESSOR_VERSION} ({DEBIAN_SUCCESSOR}) or later")
    return f"use a tag of this image with {' and '.join(dict.fromkeys(wanted))}"
