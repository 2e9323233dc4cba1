"""Reports a `cd` whose effect is lost: the whole RUN, or its last command.

## What it does
Flags `cd` in a `RUN` (heredoc scripts and ONBUILD triggers included) when it is the last command of the RUN's
script: `RUN cd /app`, `RUN make && cd /`. Nothing runs after it in that directory, and the next instruction starts
in the `WORKDIR` again, so it changes nothing. `cd /src && make install` is not reported: the directory is used.

## Why it matters
Every `RUN` starts a new shell in the `WORKDIR`; a `cd` does not carry over to the next instruction. A lone `RUN cd
/app` is almost always meant as `WORKDIR /app`, and the instructions after it then run (and `COPY` into) somewhere
else than the author thinks. Docker's best practices: "For clarity and reliability, you should always use absolute
paths for your WORKDIR. Also, you should use WORKDIR instead of proliferating instructions like `RUN cd … && do-
something`".

## Example
```dockerfile
FROM python:3.12-slim
RUN mkdir /app && cd /app
COPY . .
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
```

## Fix
Unsafe (`--unsafe-fixes`), for a RUN that is only `cd <path>` (a literal path): the RUN becomes `WORKDIR <path>`.
The following instructions then run in that directory, which is what the `cd` suggests but changes the build.

## Differences from hadolint
DL3003 (and Trivy's DS-0013) report every `cd`, including `RUN cd /src && make` and `(cd sub && make)`, the usual
way to build in a directory without changing the `WORKDIR`. This rule reports the `cd` that has no effect at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import run_commands
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.shell import Command, Script, command_basename

CODE = "DF517"
NAME = "run-cd"
SEVERITY = "warning"
SUMMARY = "`cd` as the last command of a RUN has no effect"
TWINS: tuple[str, ...] = ("DL3003", "DS-0013")
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    # Only a RUN that runs `cd` somewhere can end with it.
    for instruction in dict.fromkeys(run for run, _command in run_commands(dockerfile, "cd")):
        for script in instruction.scripts:
            assert isinstance(script, Script)
            top = [command for command in script.commands if command.nested_in is None and command.words]
            if not top:
                continue
            last = max(top, key=lambda command: command.start)
            if not last.words[0].is_static or command_basename(last.words[0]) != "cd":
                continue
            target = " ".join(word.raw for word in last.words[1:])
            alone = len(top) == 1 and len(instruction.scripts) == 1
            where = f"`WORKDIR {target}`" if target else "`WORKDIR`"
            what = "this RUN only changes directory" if alone else f"`cd {target}` is the last command of this RUN"
            yield Violation(
                last.words[0].span,
                f"{what}, and the next instruction starts in the WORKDIR again: use {where} to change directory "
                "for what follows, or drop the `cd`",
                _fix(instruction, last) if alone else None,
            )


def _fix(instruction: Instruction, command: Command) -> Fix | None:
    """`RUN cd /app` -> `WORKDIR /app` (a literal path, one line, no heredoc, shell form)."""
    if instruction.heredocs or instruction.is_exec_form or instruction.flags or len(command.words) != 2:
        return None
    path = command.words[1]
    if (
        not path.is_static
        or path.value in ("-", "~")
        or path.value.startswith("~")
        or any(c in path.value for c in " \t")
    ):
        return None
    if instruction.span.start_line != instruction.span.end_line:
        return None
    if instruction.arguments.strip() != f"cd {path.raw}":
        return None  # `cd /app;` or comments: keep it simple
    keyword = "WORKDIR" if instruction.keyword_text.isupper() else "workdir"
    return Fix(
        f"Replace `RUN cd {path.value}` with `{keyword} {path.value}`",
        (Edit(instruction.span, f"{keyword} {path.value}"),),
        safe=False,
    )
