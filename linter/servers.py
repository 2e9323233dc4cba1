"""Python web servers in the command a container runs: uvicorn, gunicorn, hypercorn, ``fastapi run|dev``, flask,
Django's ``runserver``.

The container runs its final stage's ENTRYPOINT and CMD (inherited through ``FROM <stage>``); :func:`find_servers`
finds the server invocations there, however they are wrapped (``sh -c``, ``exec``, ``uv run``, ``poetry run``,
``opentelemetry-instrument``, ``python -m uvicorn``), with their options and positions.

What the server process sees of its environment is the image's ENV (of the whole final stage and the stages it is
built FROM, wherever the ENV sits relative to the CMD) plus an inline ``VAR=x server …`` prefix. ARG values are not
part of it: they exist only while building, so a CMD never sees them.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from linter.expand import expand
from linter.model import Dockerfile, Instruction, KeyValue, Stage
from linter.positions import Span
from linter.records import Record
from linter.rule import Edit, per_file
from linter.shell import Command, Word, command_from_words

SERVERS = ("uvicorn", "gunicorn", "hypercorn", "fastapi", "flask", "django")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Options that take a value, per server (from each server's own CLI definition); everything else starting with "-"
# is a switch.
_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "uvicorn": _names(
        "--host --port --uds --fd --workers --reload-dir --reload-include --reload-exclude --reload-delay --loop "
        "--http --ws --ws-max-size --ws-max-queue --ws-ping-interval --ws-ping-timeout --ws-per-message-deflate "
        "--lifespan --interface --env-file --log-config --log-level --root-path --limit-concurrency --backlog "
        "--limit-max-requests --limit-max-requests-jitter --timeout-keep-alive --timeout-graceful-shutdown "
        "--timeout-worker-healthcheck --ssl-keyfile --ssl-certfile --ssl-keyfile-password --ssl-version "
        "--ssl-cert-reqs --ssl-ca-certs --ssl-ciphers --header --forwarded-allow-ips --app-dir "
        "--h11-max-incomplete-event-size"
    ),
    "fastapi": _names("--host --port --workers --reload-dir --root-path --app --entrypoint -e --forwarded-allow-ips"),
    "gunicorn": _names(
        "-b --bind -w --workers -k --worker-class -c --config -t --timeout -e --env -g --group -u --user -m --umask "
        "-n --name -p --pid --threads --forwarded-allow-ips --log-level --access-logfile --access-logformat "
        "--error-logfile --log-file --log-config --log-config-json --log-syslog-facility --log-syslog-prefix "
        "--log-syslog-to --logger-class --chdir --pythonpath --graceful-timeout --keep-alive --max-requests "
        "--max-requests-jitter --worker-connections --worker-tmp-dir --backlog --certfile --keyfile --ca-certs "
        "--cert-reqs --ciphers --ssl-version --statsd-host --statsd-prefix --dogstatsd-tags --proxy-allow-from "
        "--reload-engine --reload-extra-file --limit-request-line --limit-request-fields "
        "--limit-request-field_size --paste --paster --paste-global --header-map --forwarder-headers --root-path "
        "--http-protocols --protocol --asgi-loop --asgi-lifespan"
    ),
    "hypercorn": _names(
        "-b --bind -w --workers -k --worker-class -c --config -g --group -u --user -m --umask -p --pid "
        "--access-log --access-logfile --access-logformat --backlog --ca-certs --certfile --cert-reqs --ciphers "
        "--error-log --error-logfile --log-file --graceful-timeout --read-timeout --max-requests "
        "--max-requests-jitter --keep-alive --keyfile --keyfile-password --insecure-bind --log-config --log-level "
        "--quic-bind --root-path --server-name --statsd-host --statsd-prefix --verify-mode --websocket-ping-interval"
    ),
    # flask's global options (--app, --env-file) and `run`'s.
    "flask": _names("-A --app -e --env-file -h --host -p --port --cert --key --extra-files --exclude-patterns"),
    "django": _names("--settings --pythonpath -v --verbosity"),
}

# Programs that run the command after them (after their own options): program -> (subcommand words to expect,
# their options that take a value). ``None`` as the option set: every ``--long`` option takes a value.
_RUNNERS: dict[str, tuple[tuple[str, ...], frozenset[str] | None]] = {
    "uv": (
        ("run",),
        _names(
            "--with -w --with-editable --with-requirements --python -p --env-file --group --only-group --no-group "
            "--extra --no-extra --package --directory --project --index --default-index --index-url "
            "--extra-index-url --find-links -f --cache-dir --config-file --color --python-preference"
        ),
    ),
    "poetry": (("run",), _names("-C --directory -P --project")),
    "pipenv": (("run",), frozenset()),
    "pdm": (("run",), _names("-p --project")),
    "hatch": (("run",), _names("-e --env")),
    "rye": (("run",), frozenset()),
    "conda": (("run",), _names("-n --name -p --prefix --cwd")),
    "mamba": (("run",), _names("-n --name -p --prefix --cwd")),
    "micromamba": (("run",), _names("-n --name -p --prefix --cwd -r --root-prefix")),
    "opentelemetry-instrument": ((), None),  # --traces_exporter console, --service_name x ...
    "ddtrace-run": ((), frozenset()),
    "newrelic-admin": (("run-program",), frozenset()),
}
# `python -m X`: the module names that are servers (Django through `python -m django runserver`).
_MODULES = {"uvicorn": "uvicorn", "gunicorn": "gunicorn", "hypercorn": "hypercorn", "fastapi": "fastapi"}
_MODULES |= {"flask": "flask", "django": "django-admin"}


class Option(Record):
    """One option as written: ``--name value`` (``value_word`` set), ``--name=value``, ``-w4`` or a bare switch."""

    name: str  # without "=value" or an attached value
    value: str | None  # as written (for a dynamic word: the raw text, e.g. "$PORT")
    word: Word  # the option word
    value_word: Word | None  # the separate value word, if any

    @property
    def span(self) -> Span:
        if self.value_word is None:
            return self.word.span
        return self.word.span.cover(self.value_word.span)


@dataclass(frozen=True)
class ServerInvocation:
    """How the image starts a Python web server: which server, its options, and the instruction that runs it."""

    server: str  # uvicorn, gunicorn, hypercorn, fastapi, flask, django
    subcommand: str | None  # "run"/"dev" for fastapi, "run" for flask, "runserver" for django
    command: Command  # the effective command (wrappers peeled; its ``env`` holds inline assignments)
    program: Word  # the word that names the server (or its subcommand for fastapi/flask/django)
    arguments: tuple[Word, ...]  # words after the server (and its subcommand; flask's global options included)
    options: tuple[Option, ...]
    instruction: Instruction  # the CMD or ENTRYPOINT that holds ``program``
    instructions: tuple[Instruction, ...] = ()  # every runtime instruction the command's words come from
    runtime_env: Mapping[str, str | None] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    # More arguments (or variables) than these may reach the server: an unquoted variable that may split into
    # options, "$@", a shell-form CMD appended to an exec-form ENTRYPOINT, or an ENTRYPOINT script that runs the CMD.
    # "Option X is absent" is then unknowable.
    open_arguments: bool = False

    @property
    def span(self) -> Span:
        last = self.arguments[-1] if self.arguments else self.program
        return self.command.words[0].span.cover(last.span)

    @property
    def name_span(self) -> Span:
        """From the command's first word to the server's name (or subcommand): ``uvicorn``, ``fastapi run``,
        ``python -m uvicorn``; within the instruction that names the server (``manage.py runserver`` of a CMD run
        by ``ENTRYPOINT ["python3"]``)."""
        holder = self.instruction_of(self.program)
        first = next((w for w in self.command.words if holder.span.contains(w.span)), self.program)
        return first.span.cover(self.program.span)

    def option(self, *names: str) -> Option | None:
        """The last of these options (the one that wins)."""
        for option in reversed(self.options):
            if option.name in names:
                return option
        return None

    def options_named(self, *names: str) -> tuple[Option, ...]:
        return tuple(option for option in self.options if option.name in names)

    def has(self, *names: str) -> bool:
        return self.option(*names) is not None

    @property
    def positionals(self) -> tuple[Word, ...]:
        """Arguments that are neither options nor option values (the app, Django's address), in order."""
        used = {id(option.word) for option in self.options} | {
            id(option.value_word) for option in self.options if option.value_word is not None
        }
        found = []
        for word in self.arguments:
            if _option_text(word) == "--":
                used.add(id(word))
            if id(word) not in used:
                found.append(word)
        return tuple(found)

    def value_of(self, option: Option) -> str | None:
        """An option's value as the server receives it; None when it holds a variable this file cannot resolve."""
        if option.value_word is not None:
            return self.resolve(option.value_word)
        if option.value is None or option.word.is_static:
            return option.value
        return self._expand(option.value)

    def resolve(self, word: Word) -> str | None:
        """A word as the server receives it: static words as they are; ``$VAR`` when the image's ENV defines it."""
        if word.is_static:
            return word.value
        return self._expand(word.raw)

    def _expand(self, raw: str) -> str | None:
        text = raw
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1]
        if any(char in text for char in "'\"`\\") or "$(" in text:
            return None
        value, known = expand(text, self.runtime_env, undeclared_known=False)
        return value if known else None

    def environment(self, name: str) -> str | None:
        """A variable as the server process sees it: an inline ``VAR=x cmd`` prefix, else the image's ENV.

        None when it is not set or its value cannot be known (see :meth:`sets_environment`).
        """
        for assignment in reversed(self.command.env):
            if assignment.name == name:
                if assignment.value is None:
                    return None
                return self.resolve(assignment.value)
        return self.runtime_env.get(name)

    def sets_environment(self, name: str) -> bool:
        """Whether the variable is set for the server (an inline prefix or ENV), whatever its value."""
        return any(a.name == name for a in self.command.env) or name in self.runtime_env

    def instruction_of(self, word: Word) -> Instruction:
        """The runtime instruction a word of this command was written in."""
        for instruction in self.instructions:
            if instruction.span.contains(word.span):
                return instruction
        return self.instruction


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
            takes_value = option.startswith("--") if value_options is None else option in value_options
            if takes_value and "=" not in option:
                index += 1
        words = words[index:]
    return words


def _python_module(words: Sequence[Word]) -> tuple[str, int] | None:
    """For ``python [options] -m MODULE …`` (``-mMODULE``, ``-um MODULE``): the module and the index after it."""
    index = 1
    while index < len(words):
        text = words[index].value
        if not words[index].is_static or not text.startswith("-") or text in ("-", "--"):
            return None
        index += 1
        if text.startswith("--"):
            continue
        for position, flag in enumerate(text[1:], 1):
            if flag == "c":
                return None
            if flag == "m":
                if position + 1 < len(text):
                    return text[position + 1 :], index
                return (words[index].value, index + 1) if index < len(words) else None
            if flag in "XWQ":  # these take a value, attached or in the next word
                index += 0 if position + 1 < len(text) else 1
                break
    return None


def recognise(
    command: Command,
    instruction: Instruction,
    instructions: tuple[Instruction, ...] = (),
    runtime_env: Mapping[str, str | None] | None = None,
    open_arguments: bool = False,
) -> ServerInvocation | None:
    """The server a command starts, if it starts one."""
    effective = command.effective()
    words = _peel_runners(effective.words)
    if not words:
        return None
    name = _basename(words[0])
    index = 1
    if _is_python(name):
        module = _python_module(words)
        if module is not None and module[0] in _MODULES:
            name, index = _MODULES[module[0]], module[1]
        elif module is None and len(words) > 1 and words[1].is_static and _basename(words[1]) == "manage.py":
            name, index = "manage.py", 2  # python manage.py runserver (python options before it are rare)
        else:
            return None
    program_index = index - 1
    server: str | None = None
    subcommand: str | None = None
    before: tuple[Word, ...] = ()
    if name in ("uvicorn", "gunicorn", "hypercorn"):
        server = name
    elif name in ("fastapi", "flask"):
        # Global options may precede the subcommand (`flask --app x --debug run`).
        position = index
        while position < len(words) and words[position].value.startswith("-"):
            option = words[position].value
            position += 2 if option in ("--app", "-A", "-e", "--env-file") else 1
        subcommands = ("run", "dev") if name == "fastapi" else ("run",)
        if position < len(words) and words[position].value in subcommands:
            server, subcommand = name, words[position].value
            before = tuple(words[index:position])
            program_index, index = position, position + 1
    elif name in ("manage.py", "django-admin") and index < len(words) and words[index].value == "runserver":
        server, subcommand = "django", "runserver"
        program_index, index = index, index + 1
    if server is None:
        return None
    arguments = before + tuple(words[index:])
    env = runtime_env if runtime_env is not None else MappingProxyType({})
    options = tuple(parse_options(arguments, _VALUE_OPTIONS[server]))
    option_values = {id(option.value_word) for option in options if option.value_word is not None}
    for word in arguments:
        if word.is_static or id(word) in option_values or _option_text(word).startswith("-"):
            continue
        if _may_split(word, env):
            open_arguments = True
    return ServerInvocation(
        server=server,
        subcommand=subcommand,
        command=effective,
        program=words[program_index],
        arguments=arguments,
        options=options,
        instruction=_holding(words[program_index], instructions) or instruction,
        instructions=instructions or (instruction,),
        runtime_env=env,
        open_arguments=open_arguments,
    )


def _may_split(word: Word, env: Mapping[str, str | None]) -> bool:
    """Whether a dynamic word may become several words, or an option, when the shell expands it."""
    raw = word.raw
    if raw in ('"$@"', '"$*"') or "$@" in raw or "$*" in raw:
        return True
    if raw.startswith('"') and raw.endswith('"'):
        return False  # quoted: stays one word; a lone positional (the app) rarely starts with "-"
    text = raw
    if any(char in text for char in "'\"`\\") or "$(" in text:
        return True
    value, known = expand(text, env, undeclared_known=False)
    return not known or value.startswith("-") or any(char.isspace() for char in value)


def _holding(word: Word, instructions: Sequence[Instruction]) -> Instruction | None:
    for instruction in instructions:
        if instruction.span.contains(word.span):
            return instruction
    return None


def _option_text(word: Word) -> str:
    """A word as option parsing reads it: a dynamic ``"--port=$PORT"`` as ``--port=$PORT``."""
    raw = word.raw
    if not word.is_static and len(raw) >= 2 and raw[0] == raw[-1] == '"' and raw.count('"') == 2:
        return raw[1:-1]
    return word.value


def parse_options(words: Sequence[Word], value_options: frozenset[str]) -> Iterator[Option]:
    """Options in ``--name value``, ``--name=value``, ``-w4`` and ``-w 4`` forms (``--`` ends them)."""
    index = 0
    while index < len(words):
        word = words[index]
        text = _option_text(word)
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
                yield Option(name, _option_text(words[index]), word, words[index])
                index += 1
            else:
                yield Option(name, None, word, None)
            continue
        short = text[:2]
        if short in value_options:
            if len(text) > 2:
                yield Option(short, text[2:].removeprefix("="), word, None)
            elif index < len(words):
                yield Option(short, _option_text(words[index]), word, words[index])
                index += 1
            else:
                yield Option(short, None, word, None)
        else:
            yield Option(text, None, word, None)


def _stage_chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    """The stage, the stage it is built FROM, and so on (final stage first)."""
    chain = [stage]
    seen = {stage.index}
    while chain[-1].base_stage_index is not None and chain[-1].base_stage_index not in seen:
        base = dockerfile.stages[chain[-1].base_stage_index]
        seen.add(base.index)
        chain.append(base)
    return chain


def runtime_instructions(dockerfile: Dockerfile, stage: Stage | None = None) -> tuple[Instruction, ...]:
    """The ENTRYPOINT and CMD (in that order) a container of the final stage (or ``stage``) runs, as far as this
    file tells: the last of each in the stage or the stages it is built FROM.

    As Docker does it: an ENTRYPOINT resets a CMD inherited from the base stage (not one of its own stage, wherever
    it sits), and a shell-form ENTRYPOINT ignores CMD altogether.
    """
    if stage is None or stage is dockerfile.final_stage:
        return _final_runtime_instructions(dockerfile)
    return _runtime_instructions(dockerfile, stage)


@per_file  # a dozen rules ask about the final stage
def _final_runtime_instructions(dockerfile: Dockerfile) -> tuple[Instruction, ...]:
    stage = dockerfile.final_stage
    return () if stage is None else _runtime_instructions(dockerfile, stage)


def _runtime_instructions(dockerfile: Dockerfile, stage: Stage) -> tuple[Instruction, ...]:
    entrypoint: Instruction | None = None
    entrypoint_stage: Stage | None = None
    cmd: Instruction | None = None
    for current in _stage_chain(dockerfile, stage):
        for instruction in reversed(current.instructions):
            if instruction.keyword == "ENTRYPOINT" and entrypoint is None:
                entrypoint, entrypoint_stage = instruction, current
            elif instruction.keyword == "CMD" and cmd is None and entrypoint_stage in (None, current):
                cmd = instruction
        if entrypoint is not None and cmd is None:
            break  # a CMD from a stage below this ENTRYPOINT's is reset
    if entrypoint is not None and not entrypoint.is_exec_form:
        return (entrypoint,)
    return tuple(i for i in (entrypoint, cmd) if i is not None)


def runtime_environment(dockerfile: Dockerfile, stage: Stage | None = None) -> Mapping[str, str | None]:
    """The ENV a container of the final stage (or ``stage``) starts with, as far as this file tells: name -> value
    (None when the value cannot be known). A base image's own ENV is not known here."""
    stage = stage or dockerfile.final_stage
    if stage is None:
        return MappingProxyType({})
    environment: dict[str, str | None] = {}
    for current in reversed(_stage_chain(dockerfile, stage)):
        for instruction in current.instructions:
            if instruction.keyword != "ENV":
                continue
            # Every pair of one ENV sees the variables as they were before it.
            for pair in instruction.key_values:
                value, known = instruction.expand(pair.value or "")
                environment[pair.key] = value if known else None
    return MappingProxyType(environment)


def behind_entrypoint_script(dockerfile: Dockerfile, stage: Stage | None = None) -> Instruction | None:
    """The exec-form ENTRYPOINT the container runs when it is a program other than plain wrappers (`tini --`,
    `gosu app`, `uv run`): typically a script that runs the CMD and may export variables or add options first."""
    entrypoint = next((i for i in runtime_instructions(dockerfile, stage) if i.keyword == "ENTRYPOINT"), None)
    if entrypoint is None or not entrypoint.exec_words or runs_its_arguments(entrypoint):
        return None
    return entrypoint


def find_servers(dockerfile: Dockerfile, stage: Stage | None = None) -> list[ServerInvocation]:
    """Server invocations in the command a container of the final stage (or ``stage``) runs.

    Servers started in RUN steps, HEALTHCHECKs, ONBUILD triggers and other stages are not part of it.
    """
    if stage is None or stage is dockerfile.final_stage:
        return list(_final_servers(dockerfile))  # a copy: callers may change their list
    return _find_servers(dockerfile, stage)


@per_file  # nine rules ask about the final stage
def _final_servers(dockerfile: Dockerfile) -> tuple[ServerInvocation, ...]:
    return tuple(_find_servers(dockerfile, dockerfile.final_stage))


class _RuntimeEnvironment(Mapping[str, "str | None"]):
    """:func:`runtime_environment`, worked out when a recognised server first reads it: most containers start no
    server this module knows, and expanding every ENV of their stages was a fifth of the search."""

    def __init__(self, dockerfile: Dockerfile, stage: Stage | None) -> None:
        self._dockerfile = dockerfile
        self._stage = stage
        self._values: Mapping[str, str | None] | None = None

    @property
    def values_by_name(self) -> Mapping[str, str | None]:
        if self._values is None:
            self._values = runtime_environment(self._dockerfile, self._stage)
        return self._values

    def __getitem__(self, name: str) -> str | None:
        return self.values_by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values_by_name)

    def __len__(self) -> int:
        return len(self.values_by_name)


def _find_servers(dockerfile: Dockerfile, stage: Stage | None) -> list[ServerInvocation]:
    instructions = runtime_instructions(dockerfile, stage)
    environment = _RuntimeEnvironment(dockerfile, stage)
    entrypoint = next((i for i in instructions if i.keyword == "ENTRYPOINT"), None)
    cmd = next((i for i in instructions if i.keyword == "CMD"), None)
    found: list[ServerInvocation] = []
    if entrypoint is not None and entrypoint.exec_words:
        # Docker runs ENTRYPOINT's array followed by CMD's: ["uvicorn"] + ["app:app", "--workers", "4"] is one
        # process. A shell-form CMD arrives as ["/bin/sh", "-c", "…"]: arguments no server expects.
        words = entrypoint.exec_words
        open_arguments = False
        if cmd is not None and cmd.exec_words is not None:
            words = (*words, *cmd.exec_words)
        elif cmd is not None and cmd.arguments.strip():
            open_arguments = True
        for command in command_from_words(words):
            invocation = recognise(command, entrypoint, instructions, environment, open_arguments)
            if invocation is not None:
                found.append(invocation)
        if found:
            return found
    # Otherwise each instruction on its own: a wrapper ENTRYPOINT (`tini --`, or a script that ends in `exec "$@"`)
    # runs the CMD. A script may also add options or export variables first: what the CMD lacks is then unknown.
    behind_script = entrypoint is not None and bool(entrypoint.exec_words) and not runs_its_arguments(entrypoint)
    for instruction in instructions:
        for command in instruction.commands:
            is_cmd = instruction is cmd
            invocation = recognise(command, instruction, (instruction,), environment, behind_script and is_cmd)
            if invocation is not None:
                found.append(invocation)
    return found


def runs_its_arguments(entrypoint: Instruction) -> bool:
    """Whether an exec-form ENTRYPOINT is only wrappers (`tini --`, `dumb-init`, `gosu app`, `uv run`) that run
    the CMD as it is."""
    words = entrypoint.exec_words or ()
    if not words:
        return True
    marker = Word("\0cmd", "\0cmd", words[-1].end, words[-1].end, words[-1].span, True)
    command = command_from_words((*words, marker))[0].effective()
    remaining = _peel_runners(command.words)
    return len(remaining) == 1 and remaining[0] is marker


def is_truthy(value: str | None) -> bool:
    """How uvicorn/click and flask read a boolean from the environment."""
    return value is not None and value.strip().strip("\"'").lower() in ("1", "true", "yes", "on", "y", "t")


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, any ``127.x.y.z``, ``localhost`` and ``::1`` (bracketed or not)."""
    host = host.strip().strip("[]").lower()
    if host in ("localhost", "::1", "ip6-localhost", "ip6-loopback"):
        return True
    parts = host.split(".")
    return len(parts) == 4 and parts[0] == "127" and all(part.isdigit() for part in parts)


# --------------------------------------------------------------------------------------------------------------------
# Settings the server rules share: where a value comes from, what it is, where to point the user
# --------------------------------------------------------------------------------------------------------------------


class Setting(Record):
    """A server setting and where it comes from."""

    value: str | None  # as the server reads it; None when this file cannot tell
    source: str  # for messages, in backticks: "`--workers 4`", "`ENV WEB_CONCURRENCY=4` (line 3)"
    span: Span  # where to report it: the option, the inline assignment, or the server command for ENV
    option: Option | None = None


def env_definition(dockerfile: Dockerfile, name: str, stage: Stage | None = None) -> KeyValue | None:
    """The ENV pair that gives ``name`` its runtime value (the last one in the final stage's chain)."""
    stage = stage or dockerfile.final_stage
    if stage is None:
        return None
    found: KeyValue | None = None
    for current in reversed(_stage_chain(dockerfile, stage)):
        for instruction in current.instructions:
            if instruction.keyword == "ENV":
                for pair in instruction.key_values:
                    if pair.key == name:
                        found = pair
    return found


def env_setting(invocation: ServerInvocation, dockerfile: Dockerfile, name: str) -> Setting | None:
    """A variable set for the server by an inline prefix or by ENV; None when neither sets it."""
    for assignment in reversed(invocation.command.env):
        if assignment.name == name:
            raw = assignment.value.raw if assignment.value is not None else ""
            value = invocation.resolve(assignment.value) if assignment.value is not None else None
            return Setting(value, f"`{name}={raw}`", assignment.span)
    if name not in invocation.runtime_env:
        return None
    pair = env_definition(dockerfile, name, dockerfile.stage_of(invocation.instruction))
    value = invocation.runtime_env[name]
    shown = value if value is not None else (pair.value if pair is not None else "…")
    where = f" (line {pair.span.start_line})" if pair is not None else ""
    return Setting(value, f"`ENV {name}={shown}`{where}", invocation.name_span)


def option_setting(invocation: ServerInvocation, *names: str) -> Setting | None:
    option = invocation.option(*names)
    if option is None:
        return None
    return Setting(invocation.value_of(option), f"`{option_source(option)}`", option.span, option)


def option_source(option: Option) -> str:
    """An option as written, value included: ``--workers 4``, ``-w4``, ``--host=127.0.0.1``."""
    if option.value_word is None:
        return option.word.value if option.word.is_static else option.word.raw
    value = option.value_word.value if option.value_word.is_static else option.value_word.raw
    return f"{option.word.value} {value}"


def gunicorn_env_options(invocation: ServerInvocation, dockerfile: Dockerfile) -> tuple[Option, ...] | None:
    """The options in ``GUNICORN_CMD_ARGS`` (positioned at the server command); None when set but unknown."""
    setting = env_setting(invocation, dockerfile, "GUNICORN_CMD_ARGS")
    if setting is None:
        return ()
    if setting.value is None:
        return None
    try:
        parts = shlex.split(setting.value)
    except ValueError:
        return None
    words = [Word(part, part, 0, 0, setting.span, True) for part in parts]
    return tuple(parse_options(words, _VALUE_OPTIONS["gunicorn"]))


def gunicorn_may_read_config(invocation: ServerInvocation, dockerfile: Dockerfile, context_has: bool) -> bool:
    """Whether a gunicorn config file may set things: ``-c``/``--config`` or a paste file, or a
    ``gunicorn.conf.py`` (read from the working directory by default) in the build context or copied in."""
    if invocation.has("-c", "--config", "--paste", "--paster"):
        return True
    if context_has:
        return True
    return any(
        instruction.keyword in ("COPY", "ADD") and "gunicorn.conf.py" in instruction.arguments
        for stage in _stage_chain(dockerfile, dockerfile.stage_of(invocation.instruction) or dockerfile.stages[-1])
        for instruction in stage.instructions
    )


def workers_setting(invocation: ServerInvocation, dockerfile: Dockerfile) -> Setting | None:
    """How many worker processes the server is asked for, and where; None when nothing asks (one process).

    The value is None when it cannot be known, including a gunicorn/hypercorn config file that may override
    an environment default.
    """
    server = invocation.server
    if server == "uvicorn":
        return (
            option_setting(invocation, "--workers")
            or env_setting(invocation, dockerfile, "UVICORN_WORKERS")
            or env_setting(invocation, dockerfile, "WEB_CONCURRENCY")
        )
    if server == "fastapi":
        found = option_setting(invocation, "--workers") if invocation.subcommand == "run" else None
        return found or env_setting(invocation, dockerfile, "WEB_CONCURRENCY")  # uvicorn reads it underneath
    if server == "gunicorn":
        found = option_setting(invocation, "-w", "--workers")
        if found is not None:
            return found
        env_options = gunicorn_env_options(invocation, dockerfile)
        if env_options is None:
            return None
        for option in reversed(env_options):
            if option.name in ("-w", "--workers"):
                return Setting(option.value, f"`GUNICORN_CMD_ARGS` `{option_source(option)}`", option.span, option)
        found = env_setting(invocation, dockerfile, "WEB_CONCURRENCY")
        if found is not None and invocation.has("-c", "--config", "--paste", "--paster"):
            return Setting(None, found.source, found.span)  # the config file may set `workers`
        return found
    if server == "hypercorn":
        return option_setting(invocation, "-w", "--workers")
    return None


def reload_setting(invocation: ServerInvocation, dockerfile: Dockerfile) -> Setting | None:
    """What turns on reloading on code changes (a development mode), if anything does."""
    server = invocation.server
    if server == "fastapi":
        switch = invocation.option("--reload", "--no-reload")
        if switch is not None:
            return option_setting(invocation, "--reload") if switch.name == "--reload" else None
        if invocation.subcommand == "dev":
            return Setting("true", "`fastapi dev`", invocation.name_span)
        return None
    if server == "uvicorn":
        found = option_setting(invocation, "--reload")
        if found is not None:
            return found
        found = env_setting(invocation, dockerfile, "UVICORN_RELOAD")
        return found if found is not None and is_truthy(found.value) else None
    if server in ("gunicorn", "hypercorn"):
        found = option_setting(invocation, "--reload")
        if found is None and server == "gunicorn":
            for option in gunicorn_env_options(invocation, dockerfile) or ():
                if option.name == "--reload":
                    return Setting("true", "`GUNICORN_CMD_ARGS` `--reload`", option.span, option)
        return found
    if server == "flask":
        switch = invocation.option("--reload", "--no-reload")
        if switch is not None:
            return option_setting(invocation, "--reload") if switch.name == "--reload" else None
        return debug_setting(invocation, dockerfile)
    if server == "django":
        if invocation.has("--noreload"):
            return None
        return Setting("true", f"`{_command_text(invocation)}`", invocation.name_span)
    return None


def debug_setting(invocation: ServerInvocation, dockerfile: Dockerfile) -> Setting | None:
    """Flask's debug mode (debugger and reloader): ``--debug`` (before or after ``run``), ``FLASK_DEBUG``, or
    ``FLASK_ENV=development`` (read by Flask before 2.3)."""
    switch = invocation.option("--debug", "--no-debug")
    if switch is not None:
        return option_setting(invocation, "--debug") if switch.name == "--debug" else None
    found = env_setting(invocation, dockerfile, "FLASK_DEBUG")
    if found is not None:
        return found if is_truthy(found.value) else None
    found = env_setting(invocation, dockerfile, "FLASK_ENV")
    return found if found is not None and found.value == "development" else None


def _command_text(invocation: ServerInvocation) -> str:
    words = invocation.command.words
    end = words.index(invocation.program) + 1 if invocation.program in words else 1
    return " ".join(word.value for word in words[:end])


def parse_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------------------------
# Edits of server command words
# --------------------------------------------------------------------------------------------------------------------


def _source_text(dockerfile: Dockerfile, span: Span) -> str | None:
    if span.start_line != span.end_line or not 1 <= span.start_line <= len(dockerfile.lines):
        return None
    return dockerfile.lines[span.start_line - 1][span.start_column - 1 : span.end_column - 1]


def word_is_exact(dockerfile: Dockerfile, word: Word) -> bool:
    """Whether the file holds the word exactly as parsed at its span (on one line), so edits can address it."""
    return _source_text(dockerfile, word.span) == word.raw


def value_span(dockerfile: Dockerfile, word: Word) -> Span | None:
    """The span of a word's value without its quotes (``"dev"`` -> ``dev``), when it is written plainly."""
    if not word_is_exact(dockerfile, word) or not word.is_static:
        return None
    span = word.span
    if word.raw == word.value:
        return span
    if word.raw in (f'"{word.value}"', f"'{word.value}'") and "\\" not in word.raw:
        return Span(span.start_line, span.start_column + 1, span.end_line, span.end_column - 1)
    return None


def removal_span(invocation: ServerInvocation, dockerfile: Dockerfile, word: Word) -> Span | None:
    """The span to delete to drop one word of the command: with the blank (and line continuations) before it in a
    shell command, with its comma in a JSON array. None when the text is not plain enough to edit safely."""
    if not word_is_exact(dockerfile, word):
        return None
    instruction = invocation.instruction_of(word)
    in_json = instruction.exec_words is not None and any(w is word for w in instruction.exec_words)
    previous = _previous_token_end(dockerfile, word.span.start_line, word.span.start_column)
    if previous is None:
        return None
    line, column = previous
    before = dockerfile.lines[line - 1][column - 2] if column >= 2 else ""
    if not in_json:
        return Span(line, column, word.span.end_line, word.span.end_column)
    if before == ",":
        return Span(line, column - 1, word.span.end_line, word.span.end_column)
    if before == "[":  # the first element: take the comma after it instead
        text = dockerfile.lines[word.span.end_line - 1]
        after = word.span.end_column - 1
        rest = text[after:]
        stripped = rest.lstrip(" \t")
        if stripped.startswith(","):
            end = after + (len(rest) - len(stripped)) + 1
            end += len(text[end:]) - len(text[end:].lstrip(" \t"))
            return Span(word.span.start_line, word.span.start_column, word.span.end_line, end + 1)
        if stripped.startswith("]"):
            return word.span
    return None


def _previous_token_end(dockerfile: Dockerfile, line: int, column: int) -> tuple[int, int] | None:
    """The position just after the last non-blank character before (line, column), across line continuations."""
    escape = dockerfile.escape
    while True:
        text = dockerfile.lines[line - 1]
        index = column - 1
        while index > 0 and text[index - 1] in " \t":
            index -= 1
        if index > 0:
            return line, index + 1
        if line == 1:
            return None
        previous = dockerfile.lines[line - 2].rstrip(" \t")
        if not previous.endswith(escape):
            return None
        line, column = line - 1, len(previous)


def option_value_span(dockerfile: Dockerfile, option: Option) -> Span | None:
    """The span of an option's value as written (``4`` of ``--workers 4``, ``--workers=4`` or ``-w4``), without
    quotes; None when it is not written plainly on one line."""
    if option.value_word is not None:
        return value_span(dockerfile, option.value_word)
    if option.value is None or not option.word.is_static:
        return None
    span = value_span(dockerfile, option.word)
    if span is None or span.start_line != span.end_line:
        return None
    return Span(span.start_line, span.end_column - len(option.value), span.end_line, span.end_column)


def insertion_after(
    invocation: ServerInvocation, dockerfile: Dockerfile, word: Word, arguments: Sequence[str]
) -> Edit | None:
    """An edit that puts ``arguments`` right after ``word``: as JSON strings in an exec-form array, else as words."""
    if not word_is_exact(dockerfile, word) or any(not argument or " " in argument for argument in arguments):
        return None
    instruction = invocation.instruction_of(word)
    in_json = instruction.exec_words is not None and any(w is word for w in instruction.exec_words)
    text = "".join(f', "{argument}"' if in_json else f" {argument}" for argument in arguments)
    return Edit(Span.point(word.span.end_line, word.span.end_column), text)
