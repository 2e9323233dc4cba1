"""Reports `pip install` that leaves pip's download and wheel cache in the image.

## What it does
Flags each `pip install` (`pip`, `pip3`, `pip3.12`, any path such as `/venv/bin/pip`, `python -m pip`; behind `env`,
`sudo` and other wrappers) in a `RUN`: shell form, exec form, heredoc scripts, `sh -c` strings and `ONBUILD RUN`,
when pip's cache is written into the layer. It stays quiet when the cache is off or kept out of the image:

* `--no-cache-dir` (before or after `install`, or pip's unique abbreviation `--no-cache`);
* `PIP_NO_CACHE_DIR` set to a value pip accepts: inline (`PIP_NO_CACHE_DIR=1 pip install …`, `env …`), an earlier
  `export` in the same script, `ENV` in the stage or in a stage it is built `FROM`, or an `ARG` default. pip turns
  the cache off for every valid boolean, `0`, `false`, `no` and `off` included (a compatibility quirk of its
  `--no-cache-dir` option), and ignores an empty value; an unknown value (an `ARG` without default) is not judged;
* a `--mount=type=cache`, `type=tmpfs` (or `bind`) whose target covers pip's cache directory: `--cache-dir`, else
  `PIP_CACHE_DIR`, else `$XDG_CACHE_HOME/pip`, else `$HOME/.cache/pip` (`/root/.cache/pip` for root). When the
  user's home is not known (a non-root `USER`, or the base image's default user), a mount ending in `.cache` or
  `.cache/pip` is accepted;
* a pip configuration that may turn the cache off: `pip config set global.no-cache-dir …` in an earlier `RUN`, a
  copied `pip.conf`/`pip.ini` that sets `no-cache-dir` (or cannot be read), or `PIP_CONFIG_FILE`;
* the cache removed later in the same `RUN` (`rm -rf /root/.cache/pip`, `rm -rf ~/.cache`, `pip cache purge`): the
  layer never holds it;
* `--no-index` installs from local wheels, which download and build nothing to cache;
* arguments behind unknown variables (`pip install $PIP_FLAGS …`), which may hold the option.

`pip download`, `pip wheel`, `pip uninstall`, `pipx` and `pipenv` are not installs; `uv pip install` keeps its own
cache (another rule). `pip install --upgrade pip` still fills the cache and is reported. One finding per `pip install`
command, so a `RUN` with two installs gets two.

## Why it matters
pip keeps every downloaded archive and built wheel under `~/.cache/pip`. In an image that cache is dead weight, often
tens to hundreds of megabytes, shipped with every pull. The FastAPI guide installs with
`pip install --no-cache-dir --upgrade -r /code/requirements.txt`; Docker's build-cache guide suggests a cache mount
(`RUN --mount=type=cache,target=/root/.cache/pip`) instead, which keeps the cache between builds but out of the image.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install -r requirements.txt
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix
Safe: inserts ` --no-cache-dir` right after the `install` word (in exec form, a new `"--no-cache-dir"` element after
`"install"`). No fix when the `install` word is not written literally where the finding points (for example inside
an escaped exec-form `sh -c` string).

## Differences from hadolint DL3042
hadolint reports each of these, although the image holds no pip cache; this rule does not:
`--mount=type=cache,target=/root/.cache` (a parent of pip's cache directory), `--no-cache` (pip's abbreviation of
`--no-cache-dir`), `PIP_NO_CACHE_DIR=0`/`false` (pip turns the cache off for those too), `rm -rf /root/.cache/pip`
after the install in the same `RUN`, and `--no-index` installs.
hadolint misses these; this rule reports them: `/venv/bin/pip install` and `$VENV/bin/pip install` (command-name
prefix check), a pip install in a `RUN` whose text merely mentions `PIP_NO_CACHE_DIR=1` (in an `echo`), a cache mount
that does not cover the cache directory (`target=/tmp/.cache/pip` when pip runs as root), and pip commands after a
heredoc in the same `RUN`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence

from linter.installs import command_text
from linter.model import Dockerfile, Instruction, Stage
from linter.packages import pip_installs
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.shell import Command, PipInstall, Word, command_basename, is_command

CODE = "DF202"
NAME = "pip-no-cache-dir"
SEVERITY = "warning"
SUMMARY = "`pip install` without `--no-cache-dir` keeps pip's cache in the image"
TWINS: tuple[str, ...] = ("DL3042",)
FIXABLE = True

_MOUNT_TYPES_KEEPING_OUT = frozenset({"cache", "tmpfs", "bind"})
_UNKNOWN = object()  # a variable whose value cannot be known here
_ABSENT = object()  # a variable that is not set
_PARAMETER = lazy_compile(r"\$(\{[A-Za-z_]|[A-Za-z_])")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    preceding: dict[int, _Preceding] = {}  # by stage
    runs: dict[Instruction, _Run] = {}
    for instruction, command, pip in pip_installs(dockerfile):
        if pip.tool != "pip" or pip.has_option("--no-cache-dir", "--no-index"):
            continue
        stage = dockerfile.stage_of(instruction)
        if stage is None or _arguments_may_hold_option(pip, instruction):
            continue
        if instruction not in runs:
            runs[instruction] = _Run(instruction)
        run = runs[instruction]
        environment = _Environment(_variables(stage, instruction), run.exports, command, pip.command)
        if _cache_disabled_by_variable(environment.lookup("PIP_NO_CACHE_DIR")):
            continue
        setting = _preceding(dockerfile, stage, context, preceding).setting(instruction)
        if setting.configured:
            continue
        location = _cache_location(pip, environment, setting)
        covered, mounts = _covered_by_mount(instruction, location)
        if covered or _removed_afterwards(run.cleanups, command, location):
            continue
        yield _violation(dockerfile, instruction, pip, location, mounts)


# --------------------------------------------------------------------------------------------------------------------
# Variables: inline assignments, exports of the same script, ENV/ARG of the stage
# --------------------------------------------------------------------------------------------------------------------


_EXPORTING = frozenset({"export", "declare", "typeset", "unset"})


class _Run:
    """The commands of a RUN that matter to its pip commands, picked once: each pip command looks at those before or
    after it, which would be quadratic in a RUN of many commands."""

    def __init__(self, instruction: Instruction) -> None:
        commands = instruction.commands
        self.exports = [c for c in commands if c.words and c.words[0].value in _EXPORTING]
        self.cleanups = [c for c in commands if is_command(c, "rm") or _purges_pip_cache(c.effective())]


class _Environment:
    """What a pip command sees of one variable, nearest setting first."""

    def __init__(
        self, variables: Mapping[str, str | None], exports: Sequence[Command], command: Command, effective: Command
    ) -> None:
        self.variables = variables
        self.exports = exports  # the RUN's `export`, `declare`, `typeset` and `unset` commands
        self.command = command
        self.effective = effective

    def lookup(self, name: str) -> object:
        """The value (str), ``_UNKNOWN`` or ``_ABSENT``."""
        for assignment in reversed(self.effective.env):
            if assignment.name == name:
                return _word_value(assignment.value)
        exported = self._exported(name)
        if exported is not None:
            return exported
        if name not in self.variables:
            return _ABSENT
        value = self.variables[name]
        return _UNKNOWN if value is None else value

    def _exported(self, name: str) -> object | None:
        """The value of the last `export NAME=…`/`unset NAME` before the command, if any.

        Exports of the outer script reach `sh -c` children; those inside a `-c` string stay there.
        """
        found: object | None = None
        start = (self.command.span.start_line, self.command.span.start_column)
        for other in self.exports:
            if other.nested_in not in (None, self.command.nested_in) or not other.words:
                continue
            if (other.span.start_line, other.span.start_column) >= start:
                continue
            keyword = other.words[0].value
            if keyword in ("export", "declare", "typeset") and (keyword == "export" or _has_export_flag(other)):
                for word in other.words[1:]:
                    if word.value.startswith(name + "="):  # a dynamic word's value is its raw text
                        found = word.value[len(name) + 1 :] if word.is_static else _UNKNOWN
            elif keyword == "unset" and any(word.value == name for word in other.words[1:]):
                found = _ABSENT
        return found


def _has_export_flag(command: Command) -> bool:
    return any(word.value.startswith("-") and "x" in word.value for word in command.words[1:])


def _word_value(word: Word | None) -> object:
    if word is None:
        return _ABSENT
    return word.value if word.is_static else _UNKNOWN


def _variables(stage: Stage, instruction: Instruction) -> Mapping[str, str | None]:
    """ENV/ARG a RUN sees. An ONBUILD trigger runs in a child image: it sees the stage's final ENV, later ones too."""
    if not instruction.is_trigger:
        return instruction.variables
    last = stage.instructions[-1]
    variables = dict(last.variables)
    if last.keyword == "ENV":
        for pair in last.key_values:
            value, known = last.expand(pair.value or "")
            variables[pair.key] = value if known else None
    return variables


def _cache_disabled_by_variable(value: object) -> bool:
    """Whether PIP_NO_CACHE_DIR turns the cache off (or cannot be judged).

    pip ignores an empty value; it turns the cache off for every valid boolean, false ones included (see
    ``_handle_no_cache_dir`` in pip's ``cli/cmdoptions.py``), and stops with "invalid truth value" on anything else:
    a failing build, not a cache in the image.
    """
    if value is _ABSENT:
        return False
    if not isinstance(value, str):
        return True  # unknown: cannot judge
    return bool(value.strip())


def _arguments_may_hold_option(pip: PipInstall, instruction: Instruction) -> bool:
    """`pip install $PIP_FLAGS …`: a parameter we cannot see through (or that holds the option)."""
    for word in (*pip.global_args, *pip.args):
        if word.is_static or not _PARAMETER.search(word.raw):
            continue
        expanded, known = instruction.expand(word.raw)
        if not known or "--no-cache" in expanded:
            return True
    return False


# --------------------------------------------------------------------------------------------------------------------
# The stage: pip configuration, user, variables seen by ONBUILD triggers
# --------------------------------------------------------------------------------------------------------------------


class _StageSetting(Record):
    configured: bool  # a pip configuration (file or `pip config`) may turn the cache off
    user: str | None  # USER in effect (name or uid, group stripped); None when it is the base image's default
    user_known: bool  # False when USER holds an unknown variable


class _Preceding:
    """The USER and pip configuration in effect before each instruction of a stage, worked out in one pass as far as
    asked (the RUNs of a stage share it), starting from what the stage it is built FROM left.

    An ONBUILD trigger runs after the whole stage (in an image built FROM it), so it sees every instruction.
    """

    def __init__(self, stage: Stage, inherited: _StageSetting, context: RuleContext) -> None:
        self._items = stage.body
        self._position = {item.index: offset for offset, item in enumerate(stage.body)}
        self._context = context
        self._before = [inherited]  # the setting before each item, then after the last

    def setting(self, instruction: Instruction) -> _StageSetting:
        return self._at(len(self._items) if instruction.is_trigger else self._position[instruction.index])

    def final(self) -> _StageSetting:
        return self._at(len(self._items))

    def _at(self, position: int) -> _StageSetting:
        while len(self._before) <= position:
            self._before.append(self._after(self._before[-1], self._items[len(self._before) - 1]))
        return self._before[position]

    def _after(self, setting: _StageSetting, item: Instruction) -> _StageSetting:
        user, user_known = setting.user, setting.user_known
        if item.keyword == "USER":
            text, known = item.expand(item.arguments.strip())
            user, user_known = text.split(":", 1)[0].strip(), known
        configured = setting.configured or _configures_pip(item, self._context)
        return _StageSetting(configured, user, user_known)


def _preceding(dockerfile: Dockerfile, stage: Stage, context: RuleContext, known: dict[int, _Preceding]) -> _Preceding:
    """The stage's :class:`_Preceding`, and those of the stages it is built FROM (in ``known``, by stage index)."""
    chain: list[Stage] = []  # stages to work out, nearest first
    current: Stage | None = stage
    while current is not None and current.index not in known:
        chain.append(current)
        current = dockerfile.base_stage(current)
    inherited = known[current.index].final() if current is not None else _StageSetting(False, None, True)
    for member in reversed(chain):
        known[member.index] = _Preceding(member, inherited, context)
        if member is not stage:
            inherited = known[member.index].final()
    return known[stage.index]


def _configures_pip(instruction: Instruction, context: RuleContext) -> bool:
    if instruction.keyword == "RUN":
        return _run_configures_pip(instruction)
    if instruction.keyword in ("COPY", "ADD"):
        return _copies_pip_configuration(instruction, context)
    if instruction.keyword == "ENV":
        return any(
            pair.key == "PIP_CONFIG_FILE" and (pair.value or "") not in ("", "/dev/null")
            for pair in instruction.key_values
        )
    return False


_PIP_CONFIG_KEY = lazy_compile(r"(^|\.)no[-_]cache[-_]dir$")
_PIP_CONFIG_FILE = lazy_compile(r"pip\.(conf|ini)\b")


def _run_configures_pip(instruction: Instruction) -> bool:
    """`pip config set global.no-cache-dir …`, or a script writing a pip.conf that mentions the option."""
    for command in instruction.commands:
        argv = command.effective().argv
        if "config" in argv and "set" in argv and any(_PIP_CONFIG_KEY.search(arg) for arg in argv):
            return True
    text = instruction.text + "".join(heredoc.body for heredoc in instruction.heredocs)
    return bool(_PIP_CONFIG_FILE.search(text)) and re.search(r"no[-_]cache[-_]dir", text) is not None


def _copies_pip_configuration(instruction: Instruction, context: RuleContext) -> bool:
    """A copied pip.conf/pip.ini that sets no-cache-dir, or that we cannot read (it may)."""
    words = [w.value for w in instruction.exec_words] if instruction.exec_words else [w for *_, w in instruction.words]
    if len(words) < 2:
        return False
    destination = words[-1]
    sources = words[:-1]
    for source in sources:
        target = posixpath.basename(destination.rstrip("/")) if not destination.endswith("/") else ""
        name = target or posixpath.basename(source.rstrip("/"))
        if name not in ("pip.conf", "pip.ini"):
            continue
        if instruction.flag("from") is not None or "$" in source or any(c in source for c in "*?["):
            return True
        content = context.read_context_file(source)
        if content is None or re.search(r"^\s*no[-_]cache[-_]dir\s*[=:]", content, re.MULTILINE):
            return True
    return False


# --------------------------------------------------------------------------------------------------------------------
# Where pip's cache goes, and whether a mount keeps it out of the layer
# --------------------------------------------------------------------------------------------------------------------


class _Location(Record):
    paths: tuple[str, ...]  # candidate cache directories (absolute)
    certain: bool  # False: the user's home (or the directory) is not known for sure
    in_home: bool = False  # the default ~/.cache/pip (no --cache-dir, PIP_CACHE_DIR or XDG_CACHE_HOME)

    def describe(self) -> str:
        """The cache directory for a message: the likely path when there is one."""
        return self.paths[0] if self.paths else "~/.cache/pip"


def _cache_location(pip: PipInstall, environment: _Environment, setting: _StageSetting) -> _Location:
    option = pip.option_value("--cache-dir")
    if option is not None:
        return _absolute(option.value if option.is_static else None)
    cache_dir = environment.lookup("PIP_CACHE_DIR")
    if isinstance(cache_dir, str) and cache_dir.strip():
        return _absolute(cache_dir)
    if cache_dir is _UNKNOWN:
        return _Location((), False)
    xdg = environment.lookup("XDG_CACHE_HOME")
    if isinstance(xdg, str) and xdg.strip():
        return _absolute(xdg.rstrip("/") + "/pip")
    if xdg is _UNKNOWN:
        return _Location((), False)
    home = environment.lookup("HOME")
    if isinstance(home, str) and home.strip():
        return _absolute(home.rstrip("/") + "/.cache/pip")._replace(in_home=True)
    if home is _UNKNOWN or not setting.user_known:
        return _Location((), False, in_home=True)
    if setting.user is None:
        # the base image's default user: root, most of the time
        return _Location(("/root/.cache/pip",), False, in_home=True)
    if setting.user in ("root", "0"):
        return _Location(("/root/.cache/pip",), True, in_home=True)
    return _Location((f"/home/{setting.user}/.cache/pip",), False, in_home=True)


def _absolute(path: str | None) -> _Location:
    if path is None or not path.startswith("/"):
        return _Location((), False)
    return _Location((posixpath.normpath(path),), True)


def _covered_by_mount(instruction: Instruction, location: _Location) -> tuple[bool, list[str]]:
    """Whether a cache/tmpfs/bind mount of this RUN covers the cache directory; and the mount targets seen."""
    targets: list[str] = []
    for mount in instruction.mounts:
        if mount.get("type", "bind") not in _MOUNT_TYPES_KEEPING_OUT:
            continue
        target, known = instruction.expand(mount.get("target", ""))
        if not known:
            return True, targets  # cannot judge
        if not target:
            continue
        normalised = posixpath.normpath(target)
        targets.append(normalised)
        if any(_covers(normalised, path) for path in location.paths):
            return True, targets
        if not location.certain and _could_be_home_cache(normalised):
            return True, targets
    return False, targets


_HOME_PREFIX = lazy_compile(r"^(~|\$HOME|\$\{HOME\})(?=/|$)")


def _removed_afterwards(cleanups: Sequence[Command], command: Command, location: _Location) -> bool:
    """A later `rm -rf ~/.cache/pip` (or a parent) or `pip cache purge` in the same RUN: the layer keeps nothing.

    ``cleanups``: the RUN's `rm` and `pip cache purge` commands."""
    start = (command.span.start_line, command.span.start_column)
    for other in cleanups:
        if (other.span.start_line, other.span.start_column) <= start:
            continue
        effective = other.effective()
        if _purges_pip_cache(effective):
            return True
        if not is_command(other, "rm"):
            continue
        for word in effective.words[1:]:
            text = word.value if word.is_static else word.raw
            if text.startswith("-"):
                continue
            text = re.sub(r"/\*$", "", text.rstrip("/")) or "/"
            home_relative = _HOME_PREFIX.match(text)
            if home_relative:
                rest = text[home_relative.end() :].strip("/")
                if location.in_home and rest in ("", ".cache", ".cache/pip"):
                    return True
                continue
            if not word.is_static or not text.startswith("/"):
                continue
            path = posixpath.normpath(text)
            if any(_covers(path, candidate) for candidate in location.paths):
                return True
            if not location.certain and _could_be_home_cache(path):
                return True
    return False


def _purges_pip_cache(command: Command) -> bool:
    argv = command.argv
    return _is_pip(command) and "cache" in argv and "purge" in argv[argv.index("cache") :]


def _is_pip(command: Command) -> bool:
    words = command.words
    name = command_basename(words[0]) if words else None
    if name is None:
        return False
    if re.fullmatch(r"pip(\d+(\.\d+)*)?", name):
        return True
    return bool(re.fullmatch(r"python(\d+(\.\d+)*)?", name)) and "-m" in command.argv and "pip" in command.argv


def _covers(directory: str, path: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def _could_be_home_cache(target: str) -> bool:
    """`…/.cache` or `…/.cache/pip` outside temporary directories: the cache of a user whose home we do not know."""
    if target.startswith(("/tmp/", "/var/tmp/", "/dev/")):
        return False
    return target.endswith("/.cache") or target.endswith("/.cache/pip")


# --------------------------------------------------------------------------------------------------------------------
# Report and fix
# --------------------------------------------------------------------------------------------------------------------


def _violation(
    dockerfile: Dockerfile, instruction: Instruction, pip: PipInstall, location: _Location, mounts: list[str]
) -> Violation:
    first = pip.command.words[0]
    install = pip.command.words[pip.install_index]
    span = Span(first.span.start_line, first.span.start_column, install.span.end_line, install.span.end_column)
    cache = location.describe() if location.certain else "~/.cache/pip"
    text = command_text(pip.command)
    if mounts:
        where = ", ".join(mounts)
        message = (
            f"`{text}` runs without `--no-cache-dir` and the mount at {where} does not cover pip's cache directory "
            f"({location.describe()}): the cache stays in the image; add `--no-cache-dir`, or mount the cache at "
            f"{location.describe()}"
        )
    else:
        mount = f", or use `RUN --mount=type=cache,target={location.describe()}`" if location.paths else ""
        message = (
            f"`{text}` runs without `--no-cache-dir`: pip keeps downloaded packages and built wheels in {cache}, "
            f"dead weight in the image; add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`{mount}"
        )
    return Violation(span, message, _fix(dockerfile, instruction, install))


def _fix(dockerfile: Dockerfile, instruction: Instruction, install: Word) -> Fix | None:
    span = install.span
    if span.start_line != span.end_line or span.start_line > len(dockerfile.lines):
        return None
    written = dockerfile.lines[span.start_line - 1][span.start_column - 1 : span.end_column - 1]
    if written == "install":
        text = " --no-cache-dir"
    elif written == '"install"' and instruction.is_exec_form:
        text = ', "--no-cache-dir"'
    else:
        return None  # the word is not written literally here (escaped or spread): leave it to the user
    edit = Edit(Span.point(span.end_line, span.end_column), text)
    return Fix("add `--no-cache-dir` after `install`", (edit,), safe=True)
