"""Python web servers in the command a container runs: uvicorn, gunicorn, hypercorn, ``fastapi run|dev``, flask,
Django's ``runserver``.

The container runs its final stage's ENTRYPOINT and CMD (inherited through ``FROM <stage>``); :func:`find_servers`
finds the server invocations there, however they are wrapped (``sh -c``, ``exec``, ``uv run``, ``poetry run``,
``opentelemetry-instrument``, ``python -m uvicorn``), with their options and positions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.shell import Command, Word

# Options that take a value, per server; everything else starting with "-" is a switch.
_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "uvicorn": frozenset(
        {
            "--host",
            "--port",
            "--uds",
            "--fd",
            "--workers",
            "--reload-dir",
            "--reload-include",
            "--reload-exclude",
            "--reload-delay",
            "--loop",
            "--http",
            "--ws",
            "--ws-max-size",
            "--ws-max-queue",
            "--ws-ping-interval",
            "--ws-ping-timeout",
            "--lifespan",
            "--interface",
            "--env-file",
            "--log-config",
            "--log-level",
            "--root-path",
            "--limit-concurrency",
            "--backlog",
            "--limit-max-requests",
            "--timeout-keep-alive",
            "--timeout-graceful-shutdown",
            "--ssl-keyfile",
            "--ssl-certfile",
            "--ssl-keyfile-password",
            "--ssl-version",
            "--ssl-cert-reqs",
            "--ssl-ca-certs",
            "--ssl-ciphers",
            "--header",
            "--forwarded-allow-ips",
            "--app-dir",
            "--factory-name",
            "--h11-max-incomplete-event-size",
        }
    ),
    "fastapi": frozenset(
        {"--host", "--port", "--workers", "--root-path", "--app", "--entrypoint", "--forwarded-allow-ips"}
    ),
    "gunicorn": frozenset(
        {
            "-b",
            "--bind",
            "-w",
            "--workers",
            "-k",
            "--worker-class",
            "-c",
            "--config",
            "-t",
            "--timeout",
            "--threads",
            "--forwarded-allow-ips",
            "--log-level",
            "--access-logfile",
            "--error-logfile",
            "--log-file",
            "-e",
            "--env",
            "--chdir",
            "--pythonpath",
            "-n",
            "--name",
            "--graceful-timeout",
            "--keep-alive",
            "--max-requests",
            "--max-requests-jitter",
            "-u",
            "--user",
            "-g",
            "--group",
            "--access-logformat",
            "--worker-connections",
            "--backlog",
            "--certfile",
            "--keyfile",
            "--worker-tmp-dir",
            "-p",
            "--pid",
            "--statsd-host",
            "--proxy-allow-from",
            "--reload-engine",
            "--reload-extra-file",
            "--limit-request-line",
            "--limit-request-fields",
            "--limit-request-field_size",
            "--umask",
        }
    ),
    "hypercorn": frozenset(
        {
            "-b",
            "--bind",
            "-w",
            "--workers",
            "-k",
            "--worker-class",
            "-c",
            "--config",
            "--root-path",
            "--log-level",
            "--access-logfile",
            "--error-logfile",
            "--certfile",
            "--keyfile",
            "--graceful-timeout",
            "--keep-alive",
            "--backlog",
            "--insecure-bind",
            "--quic-bind",
            "--pid",
            "--server-name",
            "--umask",
            "--user",
            "--group",
        }
    ),
    "flask": frozenset(
        {"-h", "--host", "-p", "--port", "--cert", "--key", "--extra-files", "--exclude-patterns", "--app"}
    ),
    "django": frozenset({"--settings", "--pythonpath"}),
}

# Programs that run the command after them (after their own options).
_RUNNERS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    # program: (subcommand words to expect, options of theirs that take a value)
    "uv": (
        ("run",),
        frozenset(
            {"--with", "--python", "-p", "--env-file", "--group", "--extra", "--package", "--directory", "--project"}
        ),
    ),
    "poetry": (("run",), frozenset({"-C", "--directory", "-P", "--project"})),
    "pipenv": (("run",), frozenset()),
    "pdm": (("run",), frozenset({"-p", "--project"})),
    "hatch": (("run",), frozenset({"-e", "--env"})),
    "rye": (("run",), frozenset()),
    "opentelemetry-instrument": ((), frozenset()),
    "ddtrace-run": ((), frozenset()),
    "newrelic-admin": (("run-program",), frozenset()),
}


@dataclass(frozen=True, slots=True)
class Option:
    name: str  # as written, without "=value"
    value: str | None
    word: Word  # the option word
    value_word: Word | None  # the separate value word, if any

    @property
    def span(self) -> Span:
        if self.value_word is None:
            return self.word.span
        return self.word.span.cover(self.value_word.span)


@dataclass(frozen=True)
class ServerInvocation:
    server: str  # uvicorn, gunicorn, hypercorn, fastapi, flask, django
    subcommand: str | None  # "run"/"dev" for fastapi, "run" for flask, "runserver" for django
    command: Command
    program: Word  # the word that names the server (or its subcommand for fastapi/flask/django)
    arguments: tuple[Word, ...]  # words after the server (and its subcommand)
    options: tuple[Option, ...]
    instruction: Instruction

    @property
    def span(self) -> Span:
        last = self.arguments[-1] if self.arguments else self.program
        return self.command.words[0].span.cover(last.span)

    def option(self, *names: str) -> Option | None:
        for option in reversed(self.options):
            if option.name in names:
                return option
        return None

    def has(self, *names: str) -> bool:
        return self.option(*names) is not None

    def environment(self, name: str) -> str | None:
        """A variable as the server process sees it: an inline ``VAR=x cmd`` prefix, else ENV/ARG of the stage."""
        for assignment in self.command.env:
            if assignment.name == name:
                return assignment.value.value if assignment.value is not None else ""
        value = self.instruction.variables.get(name)
        return value

    def sets_environment(self, name: str) -> bool:
        return any(a.name == name for a in self.command.env) or name in self.instruction.variables


def _basename(word: Word) -> str:
    return word.value.replace("\\", "/").rsplit("/", 1)[-1]


def _is_python(name: str) -> bool:
    if not name.startswith("python"):
        return False
    rest = name[len("python") :]
    return all(char.isdigit() or char == "." for char in rest)


def _peel_runners(words: Sequence[Word]) -> Sequence[Word]:
    """Drop ``uv run …``, ``poetry run``, ``opentelemetry-instrument`` and the like in front of a command."""
    for _ in range(4):
        if not words:
            return words
        name = _basename(words[0])
        if name not in _RUNNERS:
            return words
        subcommands, value_options = _RUNNERS[name]
        index = 1
        for expected in subcommands:
            if index < len(words) and words[index].value == expected:
                index += 1
            else:
                return words
        while index < len(words) and words[index].value.startswith("-"):
            option = words[index].value
            index += 1
            if option == "--":
                break
            if option in value_options and "=" not in option:
                index += 1
        words = words[index:]
    return words


def recognise(command: Command, instruction: Instruction) -> ServerInvocation | None:
    """The server a command starts, if it starts one."""
    effective = command.effective()
    words = _peel_runners(effective.words)
    if not words:
        return None
    name = _basename(words[0])
    index = 1
    if _is_python(name):
        # python [-u -O ...] -m uvicorn | manage.py runserver
        while index < len(words) and words[index].value.startswith("-") and words[index].value != "-m":
            index += 1
        if index + 1 < len(words) and words[index].value == "-m":
            name = words[index + 1].value
            index += 2
        elif index < len(words) and _basename(words[index]) == "manage.py":
            name = "manage.py"
            index += 1
        else:
            return None
    if name in ("uvicorn", "gunicorn", "hypercorn"):
        return _invocation(name, None, effective, words[index - 1], words[index:], instruction)
    if name in ("fastapi", "flask"):
        # Global options may precede the subcommand (`flask --app x --debug run`).
        position = index
        while position < len(words) and words[position].value.startswith("-"):
            position += 2 if words[position].value in ("--app", "-A", "-e", "--env-file") else 1
        if position < len(words) and words[position].value in (("run", "dev") if name == "fastapi" else ("run",)):
            subcommand = words[position].value
            before = tuple(words[index:position])
            after = tuple(words[position + 1 :])
            return _invocation(name, subcommand, effective, words[position], before + after, instruction)
        return None
    if name in ("manage.py", "django-admin") and index < len(words) and words[index].value == "runserver":
        return _invocation("django", "runserver", effective, words[index], tuple(words[index + 1 :]), instruction)
    return None


def _invocation(
    server: str,
    subcommand: str | None,
    command: Command,
    program: Word,
    arguments: Sequence[Word],
    instruction: Instruction,
) -> ServerInvocation:
    return ServerInvocation(
        server=server,
        subcommand=subcommand,
        command=command,
        program=program,
        arguments=tuple(arguments),
        options=tuple(parse_options(arguments, _VALUE_OPTIONS.get(server, frozenset()))),
        instruction=instruction,
    )


def parse_options(words: Sequence[Word], value_options: frozenset[str]) -> Iterator[Option]:
    """Options in ``--name value``, ``--name=value``, ``-w4`` and ``-w 4`` forms."""
    index = 0
    while index < len(words):
        word = words[index]
        text = word.value
        index += 1
        if text == "--":
            return
        if not text.startswith("-") or text == "-":
            continue
        if text.startswith("--"):
            name, has_value, value = text.partition("=")
            if has_value:
                yield Option(name, value, word, None)
            elif name in value_options and index < len(words):
                yield Option(name, words[index].value, word, words[index])
                index += 1
            else:
                yield Option(name, None, word, None)
            continue
        short = text[:2]
        if short in value_options:
            if len(text) > 2:
                yield Option(short, text[2:].lstrip("="), word, None)
            elif index < len(words):
                yield Option(short, words[index].value, word, words[index])
                index += 1
            else:
                yield Option(short, None, word, None)
        else:
            yield Option(text, None, word, None)


def _stage_chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    chain = [stage]
    seen = {stage.index}
    while chain[-1].base_stage_index is not None and chain[-1].base_stage_index not in seen:
        base = dockerfile.stages[chain[-1].base_stage_index]
        seen.add(base.index)
        chain.append(base)
    return chain


def runtime_instructions(dockerfile: Dockerfile, stage: Stage | None = None) -> tuple[Instruction, ...]:
    """The ENTRYPOINT and CMD a container of the final stage (or ``stage``) runs, as far as this file tells."""
    stage = stage or dockerfile.final_stage
    if stage is None:
        return ()
    entrypoint: Instruction | None = None
    entrypoint_stage: Stage | None = None
    cmd: Instruction | None = None
    for current in _stage_chain(dockerfile, stage):
        for instruction in reversed(current.instructions):
            if instruction.keyword == "ENTRYPOINT" and entrypoint is None:
                entrypoint, entrypoint_stage = instruction, current
            elif instruction.keyword == "CMD" and cmd is None and entrypoint_stage in (None, current):
                # Setting ENTRYPOINT resets a CMD inherited from the base image (an earlier stage).
                cmd = instruction
    found = [i for i in (entrypoint, cmd) if i is not None]
    if entrypoint is not None and entrypoint.is_exec_form is False and cmd is not None:
        found = [entrypoint]  # shell-form ENTRYPOINT ignores CMD
    return tuple(found)


def find_servers(dockerfile: Dockerfile, stage: Stage | None = None) -> list[ServerInvocation]:
    """Server invocations in the command the final stage's container runs."""
    found: list[ServerInvocation] = []
    instructions = runtime_instructions(dockerfile, stage)
    entrypoint = next((i for i in instructions if i.keyword == "ENTRYPOINT"), None)
    cmd = next((i for i in instructions if i.keyword == "CMD"), None)
    if entrypoint is not None and cmd is not None and entrypoint.exec_words and cmd.exec_words is not None:
        # ["uvicorn"] + ["app:app", "--workers", "4"]: one process, arguments from both.
        from linter.shell import command_from_words

        for command in command_from_words((*entrypoint.exec_words, *cmd.exec_words)):
            invocation = recognise(command, cmd)
            if invocation is not None:
                found.append(invocation)
        if found:
            return found
    for instruction in instructions:
        for command in instruction.commands:
            invocation = recognise(command, instruction)
            if invocation is not None:
                found.append(invocation)
    return found


def is_truthy(value: str | None) -> bool:
    return value is not None and value.strip().strip("\"'").lower() in ("1", "true", "yes", "on", "y", "t")
