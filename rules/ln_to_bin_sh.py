"""Reports `ln … /bin/sh`: replacing the system shell to change the shell of RUN.

## What it does
Flags an `ln` in a `RUN` (heredoc scripts, `sh -c` strings and ONBUILD triggers included) whose link name is
`/bin/sh` or `/usr/bin/sh` (`ln -sf /bin/bash /bin/sh`, `ln -snf bash /bin/sh`).

## Why it matters
`/bin/sh` is the shell of every script in the image, package maintainer scripts and `system()` calls included; they
are written for a POSIX shell and may behave differently under bash (or break under the next base-image update,
which restores the link). What the author wants is almost always to run the Dockerfile's own commands with bash,
which is what the `SHELL` instruction is for. Docker's best practices and hadolint (DL4005) say the same.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN ln -sf /bin/bash /bin/sh
RUN source /opt/venv/bin/activate && pip install flask
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN source /opt/venv/bin/activate && pip install flask
```

## Fix
None automatic: `SHELL` changes the shell of the following instructions only, which may not be where the link
mattered.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import command_text, run_commands
from linter.rule import RuleContext, Violation

CODE = "DF520"
NAME = "ln-to-bin-sh"
SEVERITY = "warning"
SUMMARY = "`ln … /bin/sh` replaces the system shell; use SHELL"
TWINS: tuple[str, ...] = ("DL4005",)
FIXABLE = False

_SYSTEM_SHELLS = frozenset({"/bin/sh", "/usr/bin/sh"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for _instruction, command in run_commands(dockerfile, "ln"):
        words = command.effective().words
        operands = [word for word in words[1:] if not (word.is_static and word.value.startswith("-"))]
        if len(operands) < 2 or any(word.value in ("-t", "--target-directory") for word in words[1:]):
            continue
        link = operands[-1]
        if link.is_static and posixpath.normpath(link.value) in _SYSTEM_SHELLS:
            yield Violation(
                link.span,
                f"`{command_text(command)}` replaces /bin/sh, the shell of every script in the image: to run "
                'the Dockerfile\'s commands with bash use `SHELL ["/bin/bash", "-c"]` instead',
            )
