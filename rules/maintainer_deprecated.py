"""Reports the deprecated `MAINTAINER` instruction.

## What it does
Flags every `MAINTAINER` instruction.

## Why it matters
`MAINTAINER` has been deprecated since Docker 1.13: it fills the image's legacy `Author` field, which few tools
read. The Dockerfile reference says to use a label instead, and the OCI image specification defines
`org.opencontainers.image.authors` for it ("contact details of the people or organization responsible for the
image"), which registries and scanners display. Docker's build checks report it as `MaintainerDeprecated`
(<https://docs.docker.com/reference/build-checks/maintainer-deprecated/>), hadolint as DL4000.

## Example
```dockerfile
FROM python:3.12-slim
MAINTAINER Jane Doe <jane@example.com>
```

Use instead:
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Fix
Safe: replaces the instruction with `LABEL org.opencontainers.image.authors="<the maintainer text>"`, keyword in the
file's casing. The text is kept exactly: a value already in double quotes is reused as is, otherwise quotes, `$`
and the escape character are escaped, since `LABEL` values are expanded and unquoted where `MAINTAINER` text was
not. The image then carries the label instead of the legacy `Author` field. No fix for a `MAINTAINER` before the
first `FROM`, which BuildKit rejects wherever it stands (DF001): move it into a stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.rule import Edit, Fix, RuleContext, Violation

CODE = "DF602"
NAME = "maintainer-deprecated"
SEVERITY = "warning"
SUMMARY = "`MAINTAINER` is deprecated; use the `org.opencontainers.image.authors` label"
TWINS: tuple[str, ...] = ("DL4000", "MaintainerDeprecated", "DS-0022", "CKV_DOCKER_6")
FIXABLE = True

LABEL_KEY = "org.opencontainers.image.authors"


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("MAINTAINER"):
        if instruction.is_trigger:
            continue  # ONBUILD MAINTAINER is a build error (DF001)
        value = instruction.arguments.strip()
        if not value:
            continue  # DF001: MAINTAINER needs an argument
        replacement = _replacement(instruction, value)
        # Before the first FROM the instruction is a build error either way (DF001); the author must move it.
        fix = None
        if instruction.stage_index is not None:
            fix = Fix(f"replace with `{replacement}`", (Edit(instruction.span, replacement),))
        yield Violation(
            instruction.keyword_span,
            f"`MAINTAINER` is deprecated: record the author as a label instead, `{replacement}`",
            fix,
        )


def _replacement(instruction: Instruction, value: str) -> str:
    keyword = "label" if instruction.keyword_text == instruction.keyword_text.lower() else "LABEL"
    return f"{keyword} {LABEL_KEY}={_quoted(value, instruction.escape)}"


def _quoted(value: str, escape: str) -> str:
    """``value`` as a double-quoted LABEL value that BuildKit reads back as exactly ``value``."""
    specials = {'"', "$", escape}
    inner = value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == '"' and not specials & set(inner):
        return value  # `MAINTAINER "Jane Doe"`: the author meant the text inside the quotes
    return '"' + re.sub("[" + re.escape("".join(sorted(specials))) + "]", lambda m: escape + m.group(), value) + '"'
