"""Reports an ENTRYPOINT script from the build context that runs the CMD (or the server) without `exec`.

## What it does
For the final image's exec-form `ENTRYPOINT` (inherited ones included) that starts a script —
`["/docker-entrypoint.sh"]`, `["./entrypoint.sh"]`, `["docker-entrypoint.sh"]` (found on the `PATH`),
`["sh", "/entrypoint.sh"]`, also behind `tini`/`dumb-init` — the rule finds the `COPY`/`ADD` that put the script
there from the build context (matching the destination, relative ones against the `WORKDIR`, directories such as
`COPY . /app` included), reads the source file and parses it as a shell script. It reports when the script's last
command that runs the container's command (one using `"$@"` or `$*`) or a Python web server (uvicorn, gunicorn,
`fastapi run`, …) is not started with `exec` (`exec "$@"`, `exec gosu app "$@"`, `exec uvicorn …` are fine).

The build context is assumed to be the Dockerfile's folder (`docker build .` next to it); the source path is read
relative to it. The rule stays quiet when the file cannot be read (another context, a Dockerfile on standard input,
a script made by a `RUN` or copied from another stage), when the script is not a shell script (a Python or Node
shebang), when it sets a `trap` (it may forward signals itself), and when it never runs the command or a server.

## Why it matters
Every Docker-style entrypoint script ends by starting the real program. Without `exec`, the shell running the script
stays PID 1 and the program is its child: `docker stop`'s SIGTERM goes to the shell, which neither forwards it nor
dies from it as PID 1, so the program is killed with SIGKILL after the grace period (10 seconds by default), without
a graceful shutdown (for FastAPI, no lifespan shutdown; for uvicorn and gunicorn, requests cut mid-flight).
Docker's build best practices (`docker/docs` `content/manuals/build/building/best-practices.md`, ENTRYPOINT) show the
postgres script, which "uses the `exec` Bash command so that the final running application becomes the container's
PID 1", ending in `exec "$@"`. Unlike `bash -c`, neither bash, dash nor BusyBox replaces itself with the last
command of a script file.

## Example
`docker-entrypoint.sh`:
```sh
#!/bin/sh
set -e
alembic upgrade head
"$@"
```
```dockerfile
FROM python:3.12-slim
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]
```

Use instead: the same Dockerfile, with the script ending in `exec "$@"`.

## Fix
None automatic: the script is another file. Prefix its last command with `exec`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction, Stage
from linter.positions import TextMap
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.servers import recognise, runtime_instructions
from linter.shell import Command, Word, command_basename, parse_script

CODE = "DF104"
NAME = "entrypoint-script-without-exec"
SEVERITY = "warning"
SUMMARY = 'ENTRYPOINT script runs the CMD without `exec "$@"`: the shell stays PID 1 and the server gets no SIGTERM'
TWINS: tuple[str, ...] = ()
FIXABLE = False

_SHELLS = frozenset({"sh", "bash", "dash", "ash"})
_PATH_DIRECTORIES = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
_SHEBANG = lazy_compile(r"#!\s*(\S+)(?:\s+(\S+))?")
_RUNS_ARGUMENTS = lazy_compile(r"\$(?:@|\*|\{@\}|\{\*\})")
# Programs that run their arguments as a command (beyond the wrappers the shell analysis already peels).
_RUNNERS = frozenset(
    {"setpriv", "chpst", "s6-setuidgid", "runuser", "catatonit", "pid1", "ddtrace-run", "newrelic-admin"}
)


class _Script(Record):
    word: Word  # the ENTRYPOINT word naming the script
    path: str  # absolute in the image, or a bare name looked up on the PATH


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    final = dockerfile.final_stage
    if final is None:
        return
    entrypoint = next((i for i in runtime_instructions(dockerfile) if i.keyword == "ENTRYPOINT"), None)
    if entrypoint is None or not entrypoint.exec_words:
        return
    script = _script(entrypoint)
    if script is None:
        return
    source = _context_source(dockerfile, final, entrypoint, script)
    if source is None:
        return
    text = context.read_context_file(source)
    if text is None or not _is_shell_script(text):
        return
    parsed = parse_script(text, TextMap.single_line(1, 1, max(len(text), 1)))
    if any(command.name == "trap" for command in parsed.commands):
        return
    runner = _last_runner(parsed.commands, entrypoint)
    if runner is None or runner.effective().exec_prefixed:
        return
    line = text.count("\n", 0, runner.start) + 1
    words = text[runner.start : runner.end].split()
    shown = " ".join(words[:3]) + (" …" if len(words) > 3 else "")
    message = (
        f"`{script.word.value}` (from `{source}`) runs `{shown}` on its line {line} without `exec`: the script's shell "
        "stays PID 1, swallows `docker stop`'s SIGTERM, and the program is killed after the grace period without a "
        f"graceful shutdown. Start it with `exec {shown}` so that it replaces the shell."
    )
    yield Violation(script.word.span, message)


def _script(entrypoint: Instruction) -> _Script | None:
    """The script the ENTRYPOINT starts: its first word after wrappers, or the operand of `sh`/`bash`."""
    # Its commands are those of its exec-form words (`command_from_words`), kept with their wrappers peeled.
    effective = entrypoint.commands[0].effective()
    if not effective.words or not effective.words[0].is_static:
        return None
    first = effective.words[0]
    name = command_basename(first) or ""
    if name in _SHELLS:
        for word in effective.words[1:]:
            if word.value.startswith("-"):
                if "c" in word.value[1:] and not word.value.startswith("--"):
                    return None  # `sh -c '…'`: a string, not a file (DF103's)
                continue
            first = word
            break
        else:
            return None
    value = first.value
    if not value or "$" in value:
        return None
    return _Script(first, value)  # a bare name is looked up on the PATH


def _chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    """The stage and the stages it is built FROM, base first."""
    chain = [stage]
    while (base := dockerfile.base_stage(chain[-1])) is not None and base not in chain:
        chain.append(base)
    return list(reversed(chain))


def _workdir_at(instructions: list[Instruction], index: int) -> str:
    """The WORKDIR in force before ``instructions[index]`` (ARG/ENV-expanded when possible)."""
    workdir = "/"
    for instruction in instructions[:index]:
        workdir = _workdir_after(workdir, instruction)
    return workdir


def _workdir_after(workdir: str, instruction: Instruction) -> str:
    """The WORKDIR in force after ``instruction``, ``workdir`` before it."""
    if instruction.keyword == "WORKDIR" and instruction.arguments.strip():
        value, _known = instruction.expand(instruction.arguments.strip().strip("\"'"))
        return posixpath.normpath(posixpath.join(workdir, value))
    return workdir


def _context_source(dockerfile: Dockerfile, final: Stage, entrypoint: Instruction, script: _Script) -> str | None:
    """The build-context path of the file the last matching COPY/ADD put at the script's path."""
    instructions = [i for stage in _chain(dockerfile, final) for i in stage.instructions]
    position = next((n for n, i in enumerate(instructions) if i is entrypoint), len(instructions))
    if "/" in script.path:
        targets = [posixpath.normpath(posixpath.join(_workdir_at(instructions, position), script.path))]
    else:
        targets = [posixpath.join(directory, script.path) for directory in _PATH_DIRECTORIES]
    found: str | None = None
    workdir = "/"  # before the instruction: followed along rather than worked out again for each COPY
    for instruction in instructions:
        workdir_before, workdir = workdir, _workdir_after(workdir, instruction)
        if instruction.keyword not in ("COPY", "ADD") or instruction.flag("from") is not None or instruction.heredocs:
            continue
        arguments = _arguments(instruction)
        if len(arguments) < 2:
            continue
        *sources, destination = arguments
        if "$" in destination:
            destination, known = instruction.expand(destination)
            if not known:
                continue
        base = posixpath.normpath(posixpath.join(workdir_before, destination))
        into_directory = destination.endswith("/") or len(sources) > 1
        for source in sources:
            match = _match(source, base, into_directory, targets)
            if match is not None:
                found = match
    return found


def _arguments(instruction: Instruction) -> list[str]:
    if instruction.exec_words is not None:
        return [word.value for word in instruction.exec_words]
    return [word.strip("\"'") for _, _, word in instruction.words]


def _match(source: str, destination: str, into_directory: bool, targets: list[str]) -> str | None:
    """The context path that ends up at one of ``targets`` through ``COPY source destination``."""
    if any(char in source for char in "*?[$") or "://" in source:
        return None
    clean = posixpath.normpath(source.lstrip("/")) if source.strip("/") else "."
    for target in targets:
        # The source as a file: at the destination itself, or inside it when the destination is a folder.
        if clean != "." and (
            (not into_directory and target == destination)
            or target == posixpath.join(destination, posixpath.basename(clean))
        ):
            return clean
        # The source as a folder: its content lands in the destination.
        if target.startswith(destination.rstrip("/") + "/"):
            relative = target[len(destination.rstrip("/")) + 1 :]
            return relative if clean == "." else posixpath.join(clean, relative)
    return None


def _is_shell_script(text: str) -> bool:
    match = _SHEBANG.match(text)
    if match is None:
        return True  # no shebang: exec(2) fails, or a shell runs it; either way shell syntax
    program = match.group(1).rsplit("/", 1)[-1]
    if program == "env" and match.group(2):
        program = match.group(2)
    return program in _SHELLS


def _last_runner(commands: tuple[Command, ...], entrypoint: Instruction) -> Command | None:
    """The last command that runs the container's arguments (`"$@"`) or starts a Python web server."""
    found: Command | None = None
    for command in commands:
        if command.nested_in is not None:
            continue
        effective = command.effective()
        words = effective.words
        if not words:
            continue
        runs_arguments = _RUNS_ARGUMENTS.search(words[0].raw) is not None or (
            command_basename(words[0]) in _RUNNERS and any(_RUNS_ARGUMENTS.search(w.raw) for w in words[1:])
        )
        if runs_arguments or recognise(command, entrypoint) is not None:
            found = command
    return found
