"""uv commands of RUN instructions, as the uv rules need them: subcommand, options, environment, cache directory.

:func:`uv_commands` finds, in one RUN (shell form, exec form, heredoc scripts, ``sh -c`` strings, ONBUILD triggers),
every uv command — ``uv``, any path to it (``/bin/uv``, ``$HOME/.local/bin/uv``), ``python -m uv`` and ``uvx`` — behind
wrappers such as ``env`` or ``sudo``, and parses it with uv's option syntax: global options may come before or after
the subcommand (``uv --no-cache sync``, ``uv sync --no-cache``), ``--name=value`` and ``--name value`` both work,
``-n`` is ``--no-cache``, and the pip interface's ``--compile`` is ``--compile-bytecode``.

The helpers answer what the uv rules share: what uv reads from the environment (an inline ``VAR=x uv …``, an
``export`` earlier in the same script, then the ARG and ENV values visible to the RUN; uv reads ARGs too, since a RUN
sees them as environment variables), whether a flag or its variable is on (``--locked`` or ``UV_LOCKED=1``), where
uv keeps its cache and whether a ``--mount=type=cache`` covers it.

Sources: uv's CLI reference and environment variables (``astral-sh/uv`` ``docs/reference/cli.md``,
``crates/uv-static/src/env_vars.rs``) and its Docker guide (``docs/guides/integration/docker.md``).
"""

from __future__ import annotations

import posixpath
import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping

from linter.model import Dockerfile, Instruction
from linter.packages import root_image, run_commands_where
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import per_file
from linter.shell import Command, Word, command_basename

__all__ = [
    "INSTALLING",
    "UNKNOWN",
    "UvCommand",
    "UvOption",
    "cache_directory",
    "cache_mount",
    "configured",
    "environment_value",
    "flag_setting",
    "parse_bool",
    "parse_uv",
    "run_home",
    "uv_commands",
    "uv_commands_in",
]

# Subcommands that install packages into an environment (and so fill uv's cache and link files from it).
INSTALLING = frozenset({"sync", "pip install", "pip sync"})


class _Unknown:
    """A value this file cannot know (an ARG without default, a computed word)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# uv's options that take a value (global ones and those of sync, pip install/sync, run, lock, export, tool, venv).
_WITH_VALUE = _names(
    "--cache-dir --directory --project --config-file --color --python-preference --allow-insecure-host "
    "--python --extra --no-extra --group --no-group --only-group --package --link-mode --index --default-index "
    "--index-url --extra-index-url --find-links --index-strategy --keyring-provider --resolution --prerelease "
    "--fork-strategy --exclude-newer --exclude-newer-package --config-setting --config-settings-package "
    "--no-build-isolation-package --refresh-package --reinstall-package --upgrade-package --no-binary-package "
    "--no-build-package --no-install-package --only-install-package --python-platform --python-version "
    "--script --output-format --output-file --requirement --constraint --override --build-constraint --editable "
    "--target --prefix --no-binary --only-binary --with --with-editable --with-requirements --env-file --from "
    "--emit-index-annotation --format --torch-backend --prune --only-install-workspace --no-install-workspace-package"
)
_SHORT = {
    "-n": "--no-cache",
    "-p": "--python",
    "-q": "--quiet",
    "-v": "--verbose",
    "-U": "--upgrade",
    "-P": "--upgrade-package",
    "-C": "--config-setting",
    "-r": "--requirement",
    "-c": "--constraint",
    "-b": "--build-constraint",
    "-e": "--editable",
    "-i": "--index-url",
    "-f": "--find-links",
    "-o": "--output-file",
    "-w": "--with",
    "-h": "--help",
    "-V": "--version",
}
_ALIASES = {
    "--compile": "--compile-bytecode",  # `uv pip install|sync --compile`
    "--no-cache-dir": "--no-cache",  # a hidden alias, for pip users
    "--requirements": "--requirement",
    "--constraints": "--constraint",
    "--overrides": "--override",
    "--build-constraints": "--build-constraint",
    "--config-settings": "--config-setting",
}
# Subcommands with a second level (`uv pip install`, `uv tool install`, `uv python install`, `uv cache clean`).
_GROUPS = frozenset({"pip", "tool", "python", "cache", "self", "auth", "workspace"})
_PYTHON_NAME = lazy_compile(r"python(?:\d+(?:\.\d+)*)?")


def _canonical(name: str) -> str:
    return _SHORT.get(name) or _ALIASES.get(name, name)


class UvOption(Record):
    """One option as written; ``name`` is canonical (``-n`` -> ``--no-cache``); ``value`` for options with one."""

    name: str
    word: Word
    value: Word | None


class UvCommand(Record):
    """One uv command of a RUN."""

    instruction: Instruction
    command: Command  # the effective command (wrappers peeled; its ``env`` holds inline assignments)
    subcommand: str  # "sync", "pip install", "pip sync", "run", "lock", "tool run", … ("" when absent)
    subcommand_word: Word | None  # the last word of the subcommand ("install" of `uv pip install`)
    options: tuple[UvOption, ...]
    operands: tuple[Word, ...]
    options_unknown: bool  # a computed word may hold options (`uv sync $UV_FLAGS`)

    @property
    def program(self) -> Word:
        return self.command.words[0]

    @property
    def installs(self) -> bool:
        """Whether it installs packages into an environment (`uv sync`, `uv pip install`, `uv pip sync`)."""
        return self.subcommand in INSTALLING

    @property
    def text(self) -> str:
        """The command as written, shortened."""
        text = " ".join(word.value if word.is_static and " " not in word.value else word.raw for word in self.words)
        return text if len(text) <= 60 else text[:59].rstrip() + "…"

    @property
    def words(self) -> tuple[Word, ...]:
        return self.command.words

    def has(self, *names: str) -> bool:
        wanted = {_canonical(name) for name in names}
        return any(option.name in wanted for option in self.options)

    def option(self, *names: str) -> UvOption | None:
        """The last of these options (the one that wins)."""
        wanted = {_canonical(name) for name in names}
        for option in reversed(self.options):
            if option.name in wanted:
                return option
        return None


def uv_commands(instruction: Instruction) -> tuple[UvCommand, ...]:
    """The uv commands of a RUN (or ONBUILD RUN trigger), in source order."""
    if instruction.keyword != "RUN":
        return ()
    found = []
    for command in instruction.commands:
        parsed = parse_uv(command, instruction)
        if parsed is not None:
            found.append(parsed)
    return tuple(found)


def uv_commands_in(dockerfile: Dockerfile) -> tuple[UvCommand, ...]:
    """The uv commands of every RUN of the file (ONBUILD triggers included), in ``walk()`` order."""
    return _uv_index(dockerfile)


@per_file
def _uv_index(dockerfile: Dockerfile) -> tuple[UvCommand, ...]:
    return tuple(
        uv
        for instruction, command in run_commands_where(dockerfile, _may_run_uv)
        if (uv := parse_uv(command, instruction)) is not None
    )


def _may_run_uv(program: str) -> bool:
    return program.startswith(("uv", "python"))  # `uv`, `uvx`, `python3 -m uv`


def parse_uv(command: Command, instruction: Instruction) -> UvCommand | None:
    """``command`` as a uv command, or ``None``."""
    effective = command.effective()
    words = effective.words
    if not words:
        return None
    name = command_basename(words[0])
    if name is None or not _may_run_uv(name):
        return None  # the quick answer for every other command
    index = 1
    subcommand: list[str] = []
    subcommand_word: Word | None = None
    if name == "uvx":
        subcommand, index = ["tool", "run"], 1
    elif _PYTHON_NAME.fullmatch(name):
        if len(words) < 3 or words[1].value != "-m" or words[2].value != "uv":
            return None
        index = 3
    elif name != "uv":
        return None
    options: list[UvOption] = []
    operands: list[Word] = []
    options_unknown = False
    only_operands = False
    while index < len(words):
        word = words[index]
        index += 1
        text = word.value
        if only_operands or not word.is_static or not text.startswith("-") or text == "-":
            if not word.is_static and not only_operands:
                options_unknown = options_unknown or _may_hold_options(word)
            if word.is_static and not only_operands and _expects_subcommand(subcommand):
                subcommand.append(text)
                subcommand_word = word
                continue
            operands.append(word)
            if subcommand[:2] in (["run"], ["tool", "run"]):
                only_operands = True  # the command to run starts here: its options are not uv's
            continue
        if text == "--":
            only_operands = True
            continue
        index = _option(word, words, index, options)
    if not subcommand and name != "uvx":
        return None
    return UvCommand(
        instruction=instruction,
        command=effective,
        subcommand=" ".join(subcommand),
        subcommand_word=subcommand_word,
        options=tuple(options),
        operands=tuple(operands),
        options_unknown=options_unknown,
    )


def _expects_subcommand(subcommand: list[str]) -> bool:
    return not subcommand or (len(subcommand) == 1 and subcommand[0] in _GROUPS)


def _may_hold_options(word: Word) -> bool:
    """An unquoted expansion may split into options; a quoted one stays one operand."""
    raw = word.raw
    return not (raw.startswith('"') and raw.endswith('"') and "$@" not in raw)


def _option(word: Word, words: tuple[Word, ...], index: int, options: list[UvOption]) -> int:
    text = word.value
    if text.startswith("--"):
        name, equals, _ = text.partition("=")
        canonical = _canonical(name)
        if equals:
            options.append(UvOption(canonical, word, _tail(word, len(name) + 1)))
        elif canonical in _WITH_VALUE and index < len(words):
            options.append(UvOption(canonical, word, words[index]))
            index += 1
        else:
            options.append(UvOption(canonical, word, None))
        return index
    for position, letter in enumerate(text[1:], 1):  # a cluster: -qn, -pPYTHON, -p 3.12
        canonical = _canonical("-" + letter)
        if canonical not in _WITH_VALUE:
            options.append(UvOption(canonical, word, None))
            continue
        if position + 1 < len(text):
            options.append(UvOption(canonical, word, _tail(word, position + 1)))
        elif index < len(words):
            options.append(UvOption(canonical, word, words[index]))
            index += 1
        else:
            options.append(UvOption(canonical, word, None))
        break
    return index


def _tail(word: Word, offset: int) -> Word:
    """The value part of ``--name=value`` (positioned at the whole word)."""
    return Word(word.value[offset:], word.raw, word.start, word.end, word.span, word.is_static)


# --------------------------------------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------------------------------------

_TRUE = frozenset({"1", "true", "yes", "y", "on", "t"})
_FALSE = frozenset({"0", "false", "no", "n", "off", "f", ""})


def parse_bool(value: object) -> bool | None:
    """How uv reads a boolean variable (clap's boolish parser): True, False, or None when unknown or invalid."""
    if not isinstance(value, str):
        return None
    text = value.strip().strip("\"'").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def environment_value(uv: UvCommand, name: str) -> object:
    """What the uv command sees of variable ``name``: a string, :data:`UNKNOWN`, or ``None`` when it is not set.

    Nearest first: an inline ``NAME=x uv …`` (or ``env NAME=x uv …``), an ``export NAME=x`` (or a bare ``NAME=x``
    statement, which a later ``export NAME`` would need but uv rarely gets without) earlier in the same RUN, then
    the ARG and ENV values visible to the RUN.
    """
    for assignment in reversed(uv.command.env):
        if assignment.name == name:
            return _word_value(assignment.value)
    exported = _exported_earlier(uv, name)
    if exported is not None:
        return exported
    variables: Mapping[str, str | None] = uv.instruction.variables
    if name in variables:
        value = variables[name]
        return UNKNOWN if value is None else value
    return None


def _exported_earlier(uv: UvCommand, name: str) -> object | None:
    """The value of the last `export NAME=…` of the RUN's commands before the first that starts where uv does or
    later; None when there is none."""
    exports = _exports(uv.instruction)
    before = bisect_left(exports.reach, uv.command.start)  # how many commands come before
    positions, values = exports.assignments.get(name, ((), ()))
    last = bisect_left(positions, before) - 1
    return values[last] if last >= 0 else None


class _Exports(Record):
    """The `export NAME=value` assignments of a RUN's commands, for each uv command of the RUN to look up."""

    reach: list[int]  # the largest start offset among the commands up to each
    assignments: dict[str, tuple[list[int], list[object]]]  # name -> (positions of the commands, values), in order


# By RUN, weakly: the entries hold no instruction, so they go with the model.
_EXPORTS: weakref.WeakKeyDictionary[Instruction, _Exports] = weakref.WeakKeyDictionary()


def _exports(instruction: Instruction) -> _Exports:
    found = _EXPORTS.get(instruction)
    if found is None:
        reach: list[int] = []
        assignments: dict[str, tuple[list[int], list[object]]] = {}
        for position, command in enumerate(instruction.commands):
            reach.append(max(command.start, reach[-1]) if reach else command.start)
            words = command.words
            if not words or words[0].value not in ("export", "declare", "typeset"):
                continue
            for word in words[1:]:
                text = word.value if word.is_static else word.raw
                key, equals, value = text.partition("=")
                if equals:
                    positions, values = assignments.setdefault(key, ([], []))
                    positions.append(position)
                    values.append(value if word.is_static else UNKNOWN)
        found = _EXPORTS[instruction] = _Exports(reach, assignments)
    return found


def _word_value(word: Word | None) -> object:
    if word is None:
        return UNKNOWN
    return word.value if word.is_static else UNKNOWN


class FlagSetting(Record):
    """Whether a uv switch is on, and what turned it on (for messages)."""

    on: bool | None  # None: this file cannot tell (an ARG without default, options behind a variable)
    source: str


def flag_setting(uv: UvCommand, options: tuple[str, ...], variable: str) -> FlagSetting:
    """A switch such as ``--locked`` with its environment form ``UV_LOCKED``: on, off, or unknown."""
    option = uv.option(*options)
    if option is not None:
        return FlagSetting(True, option.word.value)
    value = environment_value(uv, variable)
    if value is UNKNOWN:
        return FlagSetting(None, variable)
    if value is not None:
        parsed = parse_bool(value)
        if parsed is None:
            return FlagSetting(None, f"{variable}={value}")
        if parsed:
            return FlagSetting(True, f"{variable}={value}")
    if uv.options_unknown:
        return FlagSetting(None, "options in a variable")
    return FlagSetting(False, "")


# --------------------------------------------------------------------------------------------------------------------
# The cache directory and cache mounts
# --------------------------------------------------------------------------------------------------------------------

# Images whose default user is root (their RUN steps write to /root/.cache unless USER says otherwise).
_ROOT_IMAGES = lazy_compile(
    r"^(?:docker\.io/)?(?:library/)?(?:python|pypy|debian|ubuntu|alpine|fedora|buildpack-deps)(?::|@|$)"
    r"|^ghcr\.io/astral-sh/uv(?::|@|$)|^(?:docker\.io/)?astral/uv(?::|@|$)"
)


def run_home(dockerfile: Dockerfile, instruction: Instruction) -> str | None:
    """The home directory of the user a RUN runs as, when this file tells: ``HOME`` if known, ``/root`` for root
    (no USER, or USER root/0, on an image known to default to root); None otherwise."""
    home = instruction.variables.get("HOME")
    if home:
        return home
    if "HOME" in instruction.variables:
        return None
    user = _last_user(dockerfile, instruction)
    if user is None:
        root = root_image(dockerfile, instruction)
        return "/root" if root is not None and _ROOT_IMAGES.match(root) else None
    name = user.split(":", 1)[0]
    return "/root" if name in ("root", "0") else None


def _last_user(dockerfile: Dockerfile, instruction: Instruction) -> str | None:
    stage = dockerfile.stage_of(instruction)
    limit = instruction.index
    seen: set[int] = set()
    users = _users(dockerfile)
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        indexes, instructions = users.get(stage.index, ((), ()))
        position = bisect_left(indexes, limit)
        if position:
            earlier = instructions[position - 1]
            value, known = earlier.expand(earlier.arguments.strip())
            return value if known else "?"
        limit = 1 << 30
        stage = dockerfile.base_stage(stage)
    return None


@per_file  # asked for every uv command: no stage is read again for each
def _users(dockerfile: Dockerfile) -> dict[int, tuple[list[int], list[Instruction]]]:
    """Stage index -> (indexes, instructions) of its USER instructions with an argument, in order."""
    users: dict[int, tuple[list[int], list[Instruction]]] = {}
    for user in dockerfile.walk_keyword("USER"):
        if not user.is_trigger and user.stage_index is not None and user.arguments.strip():
            indexes, instructions = users.setdefault(user.stage_index, ([], []))
            indexes.append(user.index)
            instructions.append(user)
    return users


def cache_directory(dockerfile: Dockerfile, uv: UvCommand, ignore_no_cache: bool = False) -> object:
    """Where the command keeps its cache: an absolute path, :data:`UNKNOWN`, or ``None`` when ``--no-cache`` is in
    force (unless ``ignore_no_cache``: where the cache would be without it).

    uv's order: ``--no-cache``/``UV_NO_CACHE``, ``--cache-dir``, ``UV_CACHE_DIR``, ``$XDG_CACHE_HOME/uv``,
    ``$HOME/.cache/uv``. A relative path is not judged.
    """
    if not ignore_no_cache and flag_setting(uv, ("--no-cache",), "UV_NO_CACHE").on:
        return None
    option = uv.option("--cache-dir")
    value: object
    if option is not None and option.value is not None:
        value = option.value.value if option.value.is_static else UNKNOWN
    else:
        value = environment_value(uv, "UV_CACHE_DIR")
        if value is None:
            xdg = environment_value(uv, "XDG_CACHE_HOME")
            if isinstance(xdg, str) and xdg.startswith("/"):
                return posixpath.join(xdg, "uv")
            if xdg is UNKNOWN:
                return UNKNOWN
            home = run_home(dockerfile, uv.instruction)
            return posixpath.join(home, ".cache", "uv") if home else UNKNOWN
    if not isinstance(value, str) or not value:
        return UNKNOWN
    if value.startswith("~/"):
        home = run_home(dockerfile, uv.instruction)
        return posixpath.join(home, value[2:]) if home else UNKNOWN
    if "$" in value:
        expanded, known = uv.instruction.expand(value)
        value = expanded if known else ""
    if not value.startswith("/"):
        return UNKNOWN
    return posixpath.normpath(value)


def cache_mount(
    dockerfile: Dockerfile, uv: UvCommand, types: tuple[str, ...] = ("cache",), ignore_no_cache: bool = False
) -> dict[str, str] | None:
    """The RUN's ``--mount`` of one of ``types`` whose target holds uv's cache directory, if any (with
    ``ignore_no_cache``: the directory uv would use without ``--no-cache``).

    When the directory cannot be known (a non-root USER without HOME), a target outside ``/root`` that looks like a
    uv cache counts: one ending in ``.cache`` or ``.cache/uv``, or ``uv`` / ``uv-cache`` anywhere in its last
    component.
    """
    directory = cache_directory(dockerfile, uv, ignore_no_cache)
    if directory is None:
        return None
    for mount in _mounts_of(uv.instruction, types):
        target = _mount_target(uv.instruction, mount)
        if target is None:
            continue
        if isinstance(directory, str):
            if directory == target or directory.startswith(target.rstrip("/") + "/"):
                return mount
        elif _looks_like_uv_cache(target) and not target.startswith("/root/"):
            return mount
    return None


def _mounts_of(instruction: Instruction, types: tuple[str, ...]) -> Iterator[dict[str, str]]:
    for mount in instruction.mounts:
        if mount.get("type") in types:
            yield mount


def _mount_target(instruction: Instruction, mount: Mapping[str, str]) -> str | None:
    target = mount.get("target", "")
    if "$" in target:
        target, known = instruction.expand(target)
        if not known:
            return None
    if not target.startswith("/"):
        return None
    return posixpath.normpath(target)


def _looks_like_uv_cache(target: str) -> bool:
    last = target.rstrip("/").rsplit("/", 1)[-1].lower()
    return last == ".cache" or target.endswith("/.cache/uv") or "uv" in re.split(r"[^a-z0-9]+", last)


# --------------------------------------------------------------------------------------------------------------------
# uv configuration files of the build context
# --------------------------------------------------------------------------------------------------------------------


def configured(read_context_file: Callable[[str], str | None], key: str) -> bool:
    """Whether ``uv.toml`` or ``pyproject.toml`` at the root of the build context sets ``key`` (``link-mode``,
    ``compile-bytecode``, ``no-cache``, ``cache-dir``) for uv; a project's settings apply to every uv command run
    in it. Only the context's root is read: a RUN in another directory may see another file, so callers use this to
    stay quiet, never to report."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=", re.MULTILINE)
    uv_toml = read_context_file("uv.toml")
    if uv_toml is not None and pattern.search(uv_toml):
        return True
    pyproject = read_context_file("pyproject.toml")
    if pyproject is None:
        return False
    section = re.search(r"^\s*\[tool\.uv\]\s*$(.*?)(?=^\s*\[(?!tool\.uv\])|\Z)", pyproject, re.MULTILINE | re.DOTALL)
    return section is not None and pattern.search(section.group(1)) is not None
