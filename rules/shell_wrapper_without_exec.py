"""Reports `CMD ["sh", "-c", "… uvicorn …"]` where the shell keeps the server as its child.

## What it does
Flags the Python web server (uvicorn, gunicorn, hypercorn, `fastapi run|dev`, `flask run`, Django's `runserver`)
that the final image starts from an exec-form `CMD`/`ENTRYPOINT` through a shell — `["sh", "-c", "…"]`,
`["/bin/bash", "-c", "…"]`, `["dash", "-c", "…"]`, also behind `tini`/`dumb-init`, and an `ENTRYPOINT ["sh", "-c"]`
whose script comes from the `CMD` — when the shell does not hand over to the server:

* the server command is not started with `exec` (`exec uvicorn …`, `exec gosu app gunicorn …` are fine);
* and the shell keeps running: `dash`, which is `/bin/sh` on Debian and Ubuntu (the `python:*` images), always forks
  the commands of `-c`, even a lone last one; bash (5.1 and later) and BusyBox `ash` (`/bin/sh` on Alpine) replace
  themselves with the last command of the string when it is a plain command, so those are reported only when the
  server is not the last command, runs in the background (`&`), in a pipeline, in a group or a compound command, or
  the script sets a `trap`.

`sh` is judged only when the image's `/bin/sh` is known: dash for `python`, `pypy`, `debian`, `ubuntu`,
`buildpack-deps`, `node`, `ruby`, `golang`, `ghcr.io/astral-sh/uv` (non-Alpine tags) and tags naming a Debian or
Ubuntu release; BusyBox for Alpine tags. Other shells (`zsh`, `ksh`) and other base images are not judged. A
shell-form `CMD uvicorn …` is DF101's finding, not this rule's.

## Why it matters
`docker stop`, Compose and Kubernetes send SIGTERM to the container's PID 1, here the shell. A shell that is waiting
for a foreground child does not pass the signal on and, as PID 1, does not die from it either: the server never
hears it, keeps serving until the grace period ends (10 seconds by default) and is killed with SIGKILL — in-flight
requests are cut and FastAPI's lifespan shutdown never runs. The exec form is there precisely to avoid this
(`JSONArgsRecommended`, hadolint DL3025), but `["sh", "-c", "…"]` passes those checks while bringing the problem
back. The Dockerfile reference (ENTRYPOINT, "Shell form") recommends `exec` so that the program "will receive the
Unix signals"; the FastAPI guide ("FastAPI in Containers - Docker", "Use CMD - Exec Form") says exec form is needed
"to ensure that FastAPI can shutdown gracefully and lifespan events are triggered"; Docker's Compose FAQ explains the
10-second stop.

## Example
```dockerfile
FROM python:3.12-slim
CMD ["sh", "-c", "alembic upgrade head && uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
CMD ["sh", "-c", "alembic upgrade head && exec uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}"]
```

## Fix
Unsafe: inserts `exec ` before the server command (after any `VAR=value` prefix, which `exec` passes on), when it is
the script's last command, not in a pipeline or the background, and is written plainly in the JSON string. The shell
is then replaced by the server, which gets the signals — the point of the fix. It is not marked safe because a shell
running as PID 1 also reaps orphaned processes while it waits (dash waits for any child), which the server will not
do: a reviewer should know whether the app leaves any (most don't; `tini` as the ENTRYPOINT covers it). A `trap` in
the script would no longer run either, which is why scripts with one get no fix. No fix otherwise: put the server
last and prefix it with `exec` yourself.

## Differences from peers
hadolint's DL3025 and BuildKit's `JSONArgsRecommended` are satisfied by any JSON array, `["sh", "-c", …]` included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from linter.images import parse_image
from linter.model import Dockerfile
from linter.packages import root_image
from linter.positions import Span, TextMap
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.servers import ServerInvocation, find_servers, runtime_instructions
from linter.shell import Command, Word, command_basename, command_from_words, parse_script

CODE = "DF103"
NAME = "shell-wrapper-without-exec"
SEVERITY = "warning"
SUMMARY = '`CMD ["sh", "-c", "… server …"]` without `exec`: the shell is PID 1, the server never gets SIGTERM'
TWINS: tuple[str, ...] = ()
FIXABLE = True

_DASH_IMAGES = frozenset(
    {"python", "pypy", "debian", "ubuntu", "buildpack-deps", "node", "ruby", "golang", "ghcr.io/astral-sh/uv"}
)
_DEBIAN_RELEASES = lazy_compile(r"buster|bullseye|bookworm|trixie|forky|focal|jammy|noble|oracular|plucky")
_OPTION_ENDS = frozenset({"-", "--"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    servers = [server for server in find_servers(dockerfile) if server.command.nested_in is not None]
    if not servers:
        return
    wrapper = _wrapper(dockerfile)
    if wrapper is None:
        return
    shell, script_word, nested = wrapper
    kind = _shell_kind(dockerfile, shell)
    if kind is None:
        return
    script = parse_script(script_word.value, TextMap.single_line(1, 1, len(script_word.value)))
    if len(script.commands) != len(nested):
        return  # the two analyses disagree: do not guess which command is which
    top_level = [command for command in script.commands if command.nested_in is None]
    has_trap = any(command.name == "trap" for command in script.commands)
    for server in servers:
        index = _index_of(server.command, nested)
        if index is None or nested[index].nested_in != f"{shell} -c":
            continue
        if server.command.exec_prefixed:
            continue
        local = script.commands[index]
        last = _is_last(script_word.value, local, top_level)
        if last and not has_trap and kind != "dash":
            continue  # bash and BusyBox ash replace themselves with the last command
        yield _violation(dockerfile, server, shell, nested[index], last, has_trap)


def _wrapper(dockerfile: Dockerfile) -> tuple[str, Word, list[Command]] | None:
    """The shell, its `-c` script word and the script's commands (as positioned in the file), when the container's
    exec-form command is a shell running a `-c` string."""
    instructions = runtime_instructions(dockerfile)
    entrypoint = next((i for i in instructions if i.keyword == "ENTRYPOINT"), None)
    cmd = next((i for i in instructions if i.keyword == "CMD"), None)
    words: Sequence[Word] | None
    if entrypoint is not None:
        if entrypoint.exec_words is None:
            return None
        words = (*entrypoint.exec_words, *(cmd.exec_words or ())) if cmd is not None else entrypoint.exec_words
    elif cmd is not None:
        words = cmd.exec_words
    else:
        return None
    if not words:
        return None
    commands = command_from_words(words)
    outer = commands[0].effective()
    shell = command_basename(outer.words[0]) if outer.words and outer.words[0].is_static else None
    if shell not in ("sh", "bash", "dash", "ash"):
        return None
    script_word = _script_word(outer.words)
    if script_word is None:
        return None
    return shell, script_word, list(commands[1:])


def _script_word(words: Sequence[Word]) -> Word | None:
    has_c = False
    skip = False
    for position, word in enumerate(words[1:], 1):
        value = word.value
        if skip:
            skip = False
            continue
        if value[:1] == "+" and len(value) > 1:
            skip = "o" in value or "O" in value
            continue
        if value in _OPTION_ENDS:
            return words[position + 1] if has_c and position + 1 < len(words) else None
        if value.startswith("-") and len(value) > 1 and not value.startswith("--"):
            has_c = has_c or "c" in value
            skip = "o" in value or "O" in value  # `-o pipefail`: an option name follows
            continue
        if value.startswith("--"):
            continue
        return word if has_c else None
    return None


def _shell_kind(dockerfile: Dockerfile, shell: str) -> str | None:
    """ "dash" (forks every command), "bash"/"ash" (exec the last one), or None when `/bin/sh` is not known."""
    if shell in ("dash", "bash", "ash"):
        return shell
    final = dockerfile.final_stage
    image = parse_image(root_image(dockerfile, final.from_instruction) or "") if final is not None else None
    if image is None:
        return None
    tag = (image.tag or "").lower()
    if "alpine" in tag or image.name == "alpine":
        return "ash"
    if image.name in _DASH_IMAGES or _DEBIAN_RELEASES.search(tag):
        return "dash"
    return None


def _index_of(effective: Command, nested: list[Command]) -> int | None:
    for index, command in enumerate(nested):
        if command.end == effective.end and command.start <= effective.start:
            return index
    return None


def _is_last(text: str, command: Command, top_level: list[Command]) -> bool:
    """Whether the command is the script's last top-level command, outside pipelines, groups and the background."""
    if command.in_pipeline or not top_level or top_level[-1] is not command:
        return False
    rest = text[command.end :]
    rest = re.sub(r"#[^\n]*", "", rest)
    return rest.strip(" \t\n;") == ""


def _violation(
    dockerfile: Dockerfile, server: ServerInvocation, shell: str, command: Command, last: bool, has_trap: bool
) -> Violation:
    words = server.command.words
    end = next((i for i, word in enumerate(words) if word is server.program), 0) + 1
    name = " ".join(word.value for word in words[:end])
    how = (
        "dash, the `sh` of Debian-based images, keeps it as a child"
        if shell in ("sh", "dash")
        else f"{shell} keeps it as a child here (it only hands over to a plain last command)"
    )
    message = (
        f"`{shell} -c` starts `{name}` without `exec`: {how}, so the shell is PID 1, swallows `docker stop`'s "
        "SIGTERM, and the server is killed after the grace period without a graceful shutdown. "
    )
    fix = _fix(dockerfile, command) if last and not has_trap else None
    if last:
        message += f"Prefix it with `exec` (`exec {name} …`)."
    else:
        message += (
            f"Make `{name}` the script's last command (not in the background or a pipeline) and prefix it with `exec`."
        )
    return Violation(server.name_span, message, fix)


def _fix(dockerfile: Dockerfile, command: Command) -> Fix | None:
    if not command.words:
        return None
    first = command.words[0]
    span = first.span
    if span.start_line != span.end_line or span.end_column - span.start_column != len(first.raw):
        return None
    line = dockerfile.lines[span.start_line - 1]
    if line[span.start_column - 1 : span.end_column - 1] != first.raw or "\\" in first.raw:
        return None
    edit = Edit(Span.point(span.start_line, span.start_column), "exec ")
    return Fix("Prefix the server command with `exec`", (edit,), safe=False)
