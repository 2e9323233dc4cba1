"""Reports CMD and ENTRYPOINT in shell form: the server is not PID 1 and never gets `docker stop`'s SIGTERM.

## What it does
Flags `CMD` and `ENTRYPOINT` written as a plain command line (shell form, `CMD uvicorn app.main:app`) rather than
as a JSON array (exec form, `CMD ["uvicorn", "app.main:app"]`), `ONBUILD CMD`/`ONBUILD ENTRYPOINT` included: an
image built `FROM` this one gets them as its own.

Stays quiet when:

* the command replaces the shell with `exec` (`CMD exec uvicorn app.main:app --port ${PORT:-8000}`, or
  `CMD cd /code && exec uvicorn app.main:app`): the program then becomes PID 1 and gets the signals;
* a `SHELL` instruction is in effect for the stage (its own, or one inherited through `FROM <earlier stage>`): its
  author chose the shell on purpose (bash, for one, already replaces itself with a lone command; PowerShell and
  `cmd` have their own rules), which is also what BuildKit does;
* the stage is built on a Windows image (`windows/servercore`, `nanoserver`), whose default shell is `cmd`;
* the arguments look like a broken JSON array (`CMD ['uvicorn', 'app']`): DF102 reports that, with the real cause.

`HEALTHCHECK CMD` in shell form is not reported: a probe is a short-lived process that needs no signals.

## Why it matters
Docker runs a shell-form command as `/bin/sh -c "<command>"`. The shell becomes PID 1 and the server its child; on
Debian-based images such as `python:3.12-slim`, `/bin/sh` is dash, which neither replaces itself with the command
nor passes signals on. `docker stop` (and Kubernetes, and Compose) send SIGTERM to PID 1: the shell ignores it, the
server never hears it, and after the grace period (10 seconds by default) everything is killed with SIGKILL. The
server gets no graceful shutdown: in-flight requests are cut, and FastAPI's lifespan shutdown code never runs.
The FastAPI guide ("FastAPI in Containers - Docker", section "Use CMD - Exec Form") says to "always use the exec
form to ensure that FastAPI can shutdown gracefully and lifespan events are triggered"; the Dockerfile reference
notes that the shell form "does not pass signals" and suggests `exec` when a shell is needed.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY ./app /code/app
CMD fastapi run app/main.py --port 80
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY ./app /code/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
Safe, when the command uses no shell feature (no `$`, backquotes, `\\`, operators `&& || ; | & > <`, globs
`* ? [`, `~`, braces, comments, no leading `NAME=value` and no shell builtin such as `cd` as the command): the
command is rewritten as a JSON array, keeping the keyword as written; simple `'…'` and `"…"` quoting is resolved.

```dockerfile
CMD uvicorn app.main:app --host 0.0.0.0 --port 80
```
becomes
```dockerfile
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80"]
```

Unsafe, when the command needs the shell only to expand variables (`$PORT`, `${PORT:-8000}`): `exec` is put in
front, which keeps the expansion and makes the program PID 1. It is marked unsafe because the program now receives
SIGTERM itself and must handle it (uvicorn, gunicorn and `fastapi run` do), and no longer has a shell reaping
zombie processes for it.

```dockerfile
CMD uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}
```
becomes
```dockerfile
CMD exec uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}
```

An `ENTRYPOINT` whose stage also has a `CMD`, and an `ONBUILD ENTRYPOINT`, get the same unsafe `exec` fix rather
than the JSON form, since an exec-form `ENTRYPOINT` would receive the `CMD` as extra arguments (a shell-form one
ignores it). Any JSON rewrite of an `ENTRYPOINT` is unsafe too: from then on `docker run <image> <args>` appends
`<args>` to it (which is usually why there is an `ENTRYPOINT`, but it is a change a reviewer must see).

No fix otherwise (`&&` chains, pipes, redirections, command substitution): use a JSON array that starts a script,
and end the script with `exec`, or prefix the last command with `exec` yourself.

## Differences from peers
hadolint's DL3025 (2.15.1, observed) and BuildKit's `JSONArgsRecommended` flag the same instructions, but both also
flag `CMD exec uvicorn …`, which has no signal problem; hadolint also flags shell-form `HEALTHCHECK CMD` and ignores
a custom `SHELL`, and does not look at `ONBUILD CMD`. Neither offers a fix. A malformed array (`CMD ['a', 'b']`) is
DF102's, not a second finding here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation, per_file
from linter.servers import SERVERS
from linter.shell import command_basename
from linter.stages import root_stage
from rules.invalid_json_args import json_array_problem

CODE = "DF101"
NAME = "shell-form-cmd"
SEVERITY = "warning"
SUMMARY = "CMD/ENTRYPOINT in shell form: the server is not PID 1 and gets no SIGTERM on `docker stop`"
TWINS: tuple[str, ...] = ("DL3025", "JSONArgsRecommended")
FIXABLE = True

_QUOTE_LIMIT = 48
# Characters that mean the same to the shell and in a JSON array, outside quotes.
_PLAIN_PUNCTUATION = frozenset("-_./:=@%+,^")
# `$NAME`, `${NAME}` and `${NAME<op>word}` with a plain word: expansions `exec` keeps as they are.
_EXPANSION = lazy_compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?][-\w./:=@%+,^]*)?\})")
_ASSIGNMENT = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*=")
# Commands the shell runs itself: no program of that name to start from a JSON array (or after `exec`).
_SHELL_BUILTINS = frozenset(
    {
        ".", ":", "alias", "bg", "break", "case", "cd", "command", "continue", "declare", "do", "done", "elif",
        "else", "esac", "eval", "exec", "exit", "export", "fg", "fi", "for", "function", "getopts", "hash", "if",
        "jobs", "let", "local", "read", "readonly", "return", "select", "set", "shift", "source", "then", "time",
        "times", "trap", "type", "typeset", "ulimit", "umask", "unalias", "unset", "until", "wait", "while", "!",
        "{", "}",
    }
)  # fmt: skip
_WINDOWS_IMAGE_MARKERS = ("windows/", "windowsservercore", "servercore", "nanoserver")


class _Word(Record):
    value: str  # after quote removal; the raw text when ``static`` is False
    raw: str
    static: bool


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("CMD", "ENTRYPOINT"):
        if instruction.is_exec_form:
            continue
        arguments = instruction.arguments.rstrip()
        if not arguments.strip():
            continue
        if instruction.json_error is not None and json_array_problem(arguments) is not None:
            continue  # a mistyped JSON array: DF102 names the real mistake
        stage = dockerfile.stage_of(instruction)
        if stage is None or _shell_chosen(dockerfile, stage, instruction) or _on_windows(dockerfile, stage):
            continue
        if _replaces_shell(instruction):
            continue
        yield _violation(dockerfile, stage, instruction, arguments)


# ------------------------------------------------------------------------------------------------------------------
# When the shell form is not a problem
# ------------------------------------------------------------------------------------------------------------------


def _shell_chosen(dockerfile: Dockerfile, stage: Stage, instruction: Instruction) -> bool:
    """Whether a SHELL instruction applies: earlier in the stage (anywhere, for an ONBUILD trigger, since the child
    image inherits the final one) or in a stage it is built FROM."""
    if instruction.shell != ("/bin/sh", "-c"):
        return True
    first_shell, inherited = _shells(dockerfile)
    first = first_shell.get(stage.index)
    if first is not None and (instruction.is_trigger or first < instruction.index):
        return True
    return stage.index in inherited


@per_file  # looked up for every CMD and ENTRYPOINT: no stage is read again for each
def _shells(dockerfile: Dockerfile) -> tuple[dict[int, int], frozenset[int]]:
    """(stage index -> the index of the stage's first SHELL instruction, the stages built FROM a stage with one)."""
    first: dict[int, int] = {}
    for shell in dockerfile.walk_keyword("SHELL"):
        if not shell.is_trigger and shell.stage_index is not None:
            first.setdefault(shell.stage_index, shell.index)
    inherited: set[int] = set()
    for stage in dockerfile.stages:  # a stage is built FROM an earlier one: its base is known first
        base = stage.base_stage_index
        if base is not None and (base in first or base in inherited):
            inherited.add(stage.index)
    return first, frozenset(inherited)


def _on_windows(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the stage's root image is a Windows one (its default shell is `cmd /S /C`)."""
    if dockerfile.escape == "`":
        return True  # the escape directive Windows Dockerfiles use, so that `\` can separate paths
    root = root_stage(dockerfile, stage)
    image = (root.base_image or root.base_text).lower()
    return any(marker in image for marker in _WINDOWS_IMAGE_MARKERS)


def _replaces_shell(instruction: Instruction) -> bool:
    """`exec program …` at the top level: the shell replaces itself and the program gets the signals."""
    for command in instruction.commands:
        if command.nested_in is None and not command.in_pipeline and command.name == "exec" and len(command.words) > 1:
            return True
    return False


# ------------------------------------------------------------------------------------------------------------------
# The finding and its fix
# ------------------------------------------------------------------------------------------------------------------


def _violation(dockerfile: Dockerfile, stage: Stage, instruction: Instruction, arguments: str) -> Violation:
    written = ("ONBUILD " if instruction.is_trigger else "") + instruction.keyword_text
    span = instruction.arguments_span
    server = _python_server(instruction)
    program = f"the server (`{server}`)" if server else "the program"
    lost = " (in-flight requests are cut, FastAPI's lifespan shutdown does not run)" if server else ""
    head = (
        f"`{written} {_short(arguments)}` is in shell form: Docker runs it under `/bin/sh -c`, so the shell is PID 1 "
        f"and {program} never gets `docker stop`'s SIGTERM; it is killed after the grace period without a graceful "
        f"shutdown{lost}"
    )
    words = _shell_words(arguments, allow_expansion=True)
    runnable = words is not None and _starts_program(words)
    static = runnable and words is not None and all(word.static for word in words)
    entrypoint_takes_cmd = instruction.keyword == "ENTRYPOINT" and (
        instruction.is_trigger or _cmd_reaches(dockerfile, stage)
    )
    comment_inside = _comment_inside(dockerfile, span)
    if static and words is not None and not entrypoint_takes_cmd and not comment_inside:
        exec_form = json.dumps([word.value for word in words], ensure_ascii=False)
        # An exec-form ENTRYPOINT starts taking `docker run <image> <args>` as arguments: a reviewer must see that.
        fix = Fix(f"Use the exec form: {written} {exec_form}", (Edit(span, exec_form),), instruction.keyword == "CMD")
        return Violation(span, f"{head}. Write it as a JSON array: `{written} {exec_form}`.", fix)
    if runnable:
        if not static:
            why = "unlike a JSON array, it keeps the variable expansion"
        elif entrypoint_takes_cmd:
            why = "a JSON array would pass the stage's CMD to it as arguments"
        else:
            why = "a JSON array on one line would drop the comments between its lines"
        start = Span.point(span.start_line, span.start_column)
        fix = Fix(f"Prefix the command with `exec`: {written} exec …", (Edit(start, "exec "),), False)
        advice = f"Prefix it with `exec` (`{written} exec {_short(arguments, 24)}`) so the program "
        advice += f"replaces the shell as PID 1; {why}"
        return Violation(span, f"{head}. {advice}.", fix)
    advice = (
        f"Prefix the command that starts {program} with `exec` (`… && exec {server or '<program>'} …`), or move the "
        f'shell logic into a script that ends with `exec` and start it from a JSON array (`{written} ["/start.sh"]`)'
    )
    return Violation(span, f"{head}. {advice}.")


def _python_server(instruction: Instruction) -> str | None:
    """The Python web server the command starts (`uvicorn`, `python -m gunicorn`, ...), if it is one."""
    for command in instruction.commands:
        words = command.effective().words
        name = command_basename(words[0]) if words else None
        if name in SERVERS:
            return name
        if (
            name
            and name.startswith("python")
            and len(words) > 2
            and words[1].value == "-m"
            and words[2].value in SERVERS
        ):
            return words[2].value
    return None


def _cmd_reaches(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether a CMD in the stage, or in a stage built FROM it, would become arguments of an exec-form ENTRYPOINT.

    A shell-form ENTRYPOINT ignores CMD; an exec-form one takes it as arguments. An ENTRYPOINT resets only the CMD
    inherited from the base image, so a CMD anywhere in the stage counts, and so does one in a descendant stage.
    """
    return stage.index in _reached_by_cmd(dockerfile)


@per_file
def _reached_by_cmd(dockerfile: Dockerfile) -> frozenset[int]:
    """The stages that have a CMD or a descendant stage (built FROM it, transitively) with one."""
    reached = {cmd.stage_index for cmd in dockerfile.walk_keyword("CMD") if not cmd.is_trigger}
    for stage in reversed(dockerfile.stages):  # a stage is built FROM an earlier one: descendants come first
        if stage.index in reached and stage.base_stage_index is not None:
            reached.add(stage.base_stage_index)
    return frozenset(index for index in reached if index is not None)


def _starts_program(words: tuple[_Word, ...]) -> bool:
    """Whether the first word names a program (not `NAME=value`, not a shell builtin), so `exec` or JSON can run it."""
    first = words[0]
    if _ASSIGNMENT.match(first.raw):
        return False
    return not first.static or (first.value != "" and first.value not in _SHELL_BUILTINS)


def _comment_inside(dockerfile: Dockerfile, span: Span) -> bool:
    """Whether comment lines sit between continuation lines of the span (a one-line rewrite would drop them)."""
    lines = dockerfile.lines
    return any(lines[number - 1].lstrip().startswith("#") for number in range(span.start_line + 1, span.end_line))


@lru_cache(maxsize=256)  # the same CMD is checked again at every edit of the file
def _shell_words(text: str, allow_expansion: bool) -> tuple[_Word, ...] | None:
    """The words of a command that uses no shell feature beyond simple quoting (and, with ``allow_expansion``,
    `$NAME`/`${NAME:-word}` expansions); None when it uses anything else."""
    words: list[_Word] = []
    value: list[str] | None = None  # the word being read; None between words
    raw_start = 0
    static = True
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char in " \t":
            if value is not None:
                words.append(
                    _Word("".join(value) if static else text[raw_start:position], text[raw_start:position], static)
                )
                value = None
            position += 1
            continue
        if value is None:
            value, raw_start, static = [], position, True
            if char == "#":
                return None  # a comment
        if char == "'":
            end = text.find("'", position + 1)
            if end < 0 or "\n" in text[position:end]:
                return None
            value.append(text[position + 1 : end])
            position = end + 1
        elif char == '"':
            position += 1
            while position < length and text[position] != '"':
                inner = text[position]
                if inner == "$" and allow_expansion and (match := _EXPANSION.match(text, position)):
                    static = False
                    value.append(match.group())
                    position = match.end()
                    continue
                if inner in "$`\\\n":
                    return None
                value.append(inner)
                position += 1
            if position >= length:
                return None
            position += 1
        elif char == "$" and allow_expansion and (match := _EXPANSION.match(text, position)):
            static = False
            value.append(match.group())
            position = match.end()
        elif char.isalnum() or char in _PLAIN_PUNCTUATION or (char == "#" and value):
            value.append(char)
            position += 1
        else:
            return None
    if value is not None:
        words.append(_Word("".join(value) if static else text[raw_start:], text[raw_start:], static))
    return tuple(words) or None


def _short(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` on one line, cut to about ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
