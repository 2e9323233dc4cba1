"""Package-manager commands of RUN instructions, as rules need them: manager, subcommand, options and packages.

:func:`package_commands` finds, in one RUN (shell form, exec form, heredoc scripts, ``sh -c`` strings, ONBUILD
triggers), every ``apt-get``/``apt``/``aptitude``/``apk``/``yum``/``dnf``/``microdnf``/``zypper``/``npm``/``yarn``/
``gem``/``go`` command, behind wrappers such as ``sudo``, ``env`` or ``DEBIAN_FRONTEND=noninteractive``. Each is
parsed with its manager's option syntax, so that

* short flags combine (``-qy``), long flags take ``=value`` or the next word (``-o Dpkg::Options::=--force-confold``,
  ``--setopt=tsflags=nodocs``, ``--virtual .build-deps``) and aliases share one canonical name (``-y``, ``--yes`` and
  ``--assume-yes`` are all ``--yes`` for apt);
* option values are never taken for packages, and options may follow the packages where the manager allows it;
* a word the shell computes is not guessed at: ``$(...)`` and backticks give packages of unknown name, ``$VAR``
  gives a package (or options) the rule cannot judge; :attr:`PackageCommand.options_unknown` says when hidden
  options are likely (a variable before the subcommand, or one named like ``$APT_OPTS``/``$FLAGS``).

Rules read them through indexes built once per file, the first time one asks: :func:`package_runs` (the RUNs with
commands of given managers), :func:`run_commands` (the commands that run given programs, ``chmod``, ``wget``…) and
:func:`pip_installs`; a rule about ``zypper`` then costs nothing in a file without it.

The helpers below the parser answer the questions several rules share: which stages end up in an image
(:func:`image_stage_indexes`), what the RUN also does (:func:`removes_path`, :func:`has_cache_mount`), what earlier
instructions configured (:func:`configured_earlier`), whether a command's stdin is ``yes`` (:func:`fed_by_yes`), and
how to insert an option after the subcommand as a fix (:func:`insert_after`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Edit, per_file
from linter.shell import Command, PipInstall, Word, command_basename, pip_install
from linter.stages import stage_named

__all__ = [
    "PIP_PROGRAM_PREFIXES",
    "RPM_CACHE_DIRECTORIES",
    "PackageCommand",
    "PackageOption",
    "cleaned_after",
    "command_text",
    "configured_earlier",
    "describe_packages",
    "fed_by_yes",
    "has_cache_mount",
    "image_stage_indexes",
    "in_image",
    "insert_after",
    "may_run_pip",
    "package_commands",
    "package_commands_in",
    "package_runs",
    "parse_package_command",
    "pip_install_lookup",
    "pip_installs",
    "removes_path",
    "root_image",
    "rpm_answers_yes",
    "rpm_installs",
    "rpm_is_unpinned",
    "rpm_prompts",
    "run_command_programs",
    "run_commands",
    "run_commands_where",
    "run_instructions",
    "static_prefix",
]


# --------------------------------------------------------------------------------------------------------------------
# Option syntax of each manager
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Syntax:
    """How one manager spells its options.

    ``short`` maps a letter to the canonical name (``"y" -> "--yes"``); ``aliases`` maps other long spellings to it;
    ``with_value`` holds the canonical names that take a value. ``single_dash`` means long options may be written with
    one dash (Go's ``-ldflags``); ``options_first`` means the first operand ends the options (Go's flag package).
    """

    short: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    with_value: frozenset[str] = frozenset()
    single_dash: bool = False
    options_first: bool = False

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_APT = _Syntax(
    short={
        "y": "--yes",
        "q": "--quiet",
        "s": "--simulate",
        "d": "--download-only",
        "f": "--fix-broken",
        "m": "--ignore-missing",
        "u": "--show-upgraded",
        "V": "--verbose-versions",
        "b": "--compile",
        "o": "--option",
        "c": "--config-file",
        "t": "--target-release",
        "a": "--host-architecture",
        "P": "--build-profiles",
        "h": "--help",
        "v": "--version",
    },
    aliases={
        "--assume-yes": "--yes",
        "--silent": "--quiet",
        "--just-print": "--simulate",
        "--dry-run": "--simulate",
        "--recon": "--simulate",
        "--no-act": "--simulate",
        "--fix-missing": "--ignore-missing",
        "--build": "--compile",
        "--default-release": "--target-release",
        "--autoremove": "--auto-remove",
    },
    with_value=_names(
        "--option --config-file --target-release --host-architecture --build-profiles --solver --planner"
    ),
)
_APK = _Syntax(
    short={
        "X": "--repository",
        "p": "--root",
        "t": "--virtual",
        "U": "--update-cache",
        "u": "--upgrade",
        "l": "--latest",
        "f": "--force",
        "i": "--interactive",
        "q": "--quiet",
        "v": "--verbose",
        "s": "--simulate",
        "h": "--help",
        "V": "--version",
    },
    with_value=_names(
        "--repository --root --virtual --arch --cache-dir --keys-dir --repositories-file --wait --timeout "
        "--cache-max-age --progress-fd --from"
    ),
)
_RPM_SHORT = {
    "y": "--assumeyes",
    "q": "--quiet",
    "v": "--verbose",
    "c": "--config",
    "d": "--debuglevel",
    "e": "--errorlevel",
    "R": "--randomwait",
    "x": "--exclude",
    "C": "--cacheonly",
    "b": "--best",
    "h": "--help",
}
_RPM_WITH_VALUE = _names(
    "--config --debuglevel --errorlevel --randomwait --exclude --excludepkgs --enablerepo --disablerepo --repo "
    "--repoid --setopt --releasever --installroot --color --downloaddir --destdir --forcearch --rpmverbosity "
    "--disableplugin --enableplugin --comment --advisory --advisories --bz --bzs --cve --cves --sec-severity "
    "--secseverity --repofrompath --installonly-limit --use-host-config"
)
_YUM = _Syntax(
    short=_RPM_SHORT, aliases={"--excludepkgs": "--exclude", "--repoid": "--repo"}, with_value=_RPM_WITH_VALUE
)
_ZYPPER_GLOBAL = _Syntax(
    short={
        "n": "--non-interactive",
        "q": "--quiet",
        "v": "--verbose",
        "x": "--xmlout",
        "R": "--root",
        "c": "--config",
        "D": "--reposd-dir",
        "C": "--cache-dir",
        "t": "--terse",
        "s": "--table-style",
        "A": "--no-abbrev",
        "i": "--ignore-unknown",
        "h": "--help",
        "V": "--version",
    },
    with_value=_names(
        "--root --config --reposd-dir --cache-dir --raw-cache-dir --solv-cache-dir --pkg-cache-dir --table-style "
        "--userdata --installroot --releasever"
    ),
)
_ZYPPER_COMMAND = _Syntax(
    short={
        "y": "--no-confirm",
        "r": "--repo",
        "t": "--type",
        "n": "--name",
        "f": "--force",
        "l": "--auto-agree-with-licenses",
        "d": "--download-only",
        "D": "--dry-run",
        "C": "--capability",
        "R": "--no-force-resolution",
        "h": "--help",
    },
    aliases={"--from": "--repo"},
    with_value=_names("--repo --type --download --from --priority"),
)
_NPM = _Syntax(
    short={
        "g": "--global",
        "D": "--save-dev",
        "S": "--save",
        "E": "--save-exact",
        "O": "--save-optional",
        "P": "--save-prod",
        "B": "--save-bundle",
        "f": "--force",
        "C": "--prefix",
        "w": "--workspace",
        "q": "--quiet",
        "s": "--silent",
        "d": "--loglevel-info",
        "h": "--help",
        "v": "--version",
    },
    with_value=_names(
        "--prefix --registry --cache --tag --userconfig --globalconfig --loglevel --workspace --omit --include "
        "--install-strategy --before --otp --scope --save-prefix --only --location --script-shell --proxy "
        "--https-proxy --ca --cafile --cert --key --auth-type --fetch-retries --fetch-timeout --maxsockets "
        "--node-options --umask --user-agent --also --cpu --os --libc"
    ),
)
_YARN = _Syntax(
    short={
        "D": "--dev",
        "P": "--peer",
        "O": "--optional",
        "E": "--exact",
        "T": "--tilde",
        "W": "--ignore-workspace-root-check",
        "h": "--help",
        "v": "--version",
        "s": "--silent",
    },
    with_value=_names(
        "--cache-folder --modules-folder --global-folder --registry --network-timeout --network-concurrency "
        "--mutex --cwd --use-yarnrc --link-folder --preferred-cache-folder --https-proxy --proxy --otp --scope "
        "--production"
    ),
)
_GEM = _Syntax(
    short={
        "v": "--version",
        "i": "--install-dir",
        "n": "--bindir",
        "s": "--source",
        "P": "--trust-policy",
        "g": "--file",
        "N": "--no-document",
        "E": "--env-shebang",
        "f": "--force",
        "w": "--wrappers",
        "u": "--update-sources",
        "l": "--local",
        "r": "--remote",
        "b": "--both",
        "B": "--bulk-threshold",
        "p": "--http-proxy",
        "q": "--quiet",
        "V": "--verbose",
        "h": "--help",
    },
    with_value=_names(
        "--version --install-dir --bindir --source --trust-policy --platform --build-root --bulk-threshold --file "
        "--target-rbconfig --clear-sources"
    ),
)
_GO = _Syntax(
    with_value=_names(
        "-o -p -C -asmflags -buildmode -compiler -gccgoflags -gcflags -installsuffix -ldflags -mod -modfile "
        "-overlay -pgo -pkgdir -tags -toolexec -covermode -coverpkg -exec"
    ),
    single_dash=True,
    options_first=True,
)

# manager -> (syntax before the subcommand, syntax after it)
_SYNTAX: dict[str, tuple[_Syntax, _Syntax]] = {
    "apt-get": (_APT, _APT),
    "apt": (_APT, _APT),
    "aptitude": (_APT, _APT),
    "apk": (_APK, _APK),
    "yum": (_YUM, _YUM),
    "dnf": (_YUM, _YUM),
    "microdnf": (_YUM, _YUM),
    "zypper": (_ZYPPER_GLOBAL, _ZYPPER_COMMAND),
    "npm": (_NPM, _NPM),
    "yarn": (_YARN, _YARN),
    "gem": (_GEM, _GEM),
    "go": (_GO, _GO),
}
_PROGRAMS = {
    "apt-get": "apt-get",
    "apt": "apt",
    "aptitude": "aptitude",
    "apk": "apk",
    "yum": "yum",
    "dnf": "dnf",
    "dnf-3": "dnf",
    "dnf4": "dnf",
    "dnf5": "dnf",
    "microdnf": "microdnf",
    "zypper": "zypper",
    "npm": "npm",
    "yarn": "yarn",
    "yarnpkg": "yarn",
    "gem": "gem",
    "go": "go",
}
# Short spellings of subcommands -> the canonical subcommand.
_SUBCOMMAND_ALIASES: dict[str, dict[str, str]] = {
    "zypper": {
        "in": "install",
        "rm": "remove",
        "dup": "dist-upgrade",
        "ref": "refresh",
        "cc": "clean",
        "up": "update",
        "si": "source-install",
        "ve": "verify",
        "inr": "install-new-recommends",
    },
    "npm": {
        alias: "install"
        for alias in ("i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add")
    },
    "gem": {"i": "install"},
}
# Variable names that usually carry options rather than packages.
_OPTION_VARIABLE = lazy_compile(r"OPT|FLAG|ARG", re.IGNORECASE)


# --------------------------------------------------------------------------------------------------------------------
# The parsed command
# --------------------------------------------------------------------------------------------------------------------


class PackageOption(Record):
    """One option as written; ``name`` is canonical (``-y`` -> ``--yes``), ``value`` its value if it takes one."""

    name: str
    word: Word
    value: Word | None
    before_subcommand: bool


class PackageCommand(Record):
    """One package-manager command of a RUN."""

    instruction: Instruction
    command: Command  # the effective command (wrappers peeled)
    manager: str  # "apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf", "zypper", "npm", "yarn", "gem", "go"
    subcommand_word: Word | None
    options: tuple[PackageOption, ...]
    operands: tuple[Word, ...]  # words after the subcommand that are neither options nor option values
    options_unknown: bool  # a computed word may hide options (`apt-get $APT_OPTS install`, `... install $FLAGS x`)
    separator: Word | None = None  # `--`: what follows is operands (or, for gem, build options)

    @property
    def program(self) -> Word:
        return self.command.words[0]

    @property
    def subcommand(self) -> str | None:
        """The canonical subcommand (``zypper in`` -> ``install``, ``npm i`` -> ``install``)."""
        if self.subcommand_word is None or not self.subcommand_word.is_static:
            return None
        value = self.subcommand_word.value
        return _SUBCOMMAND_ALIASES.get(self.manager, {}).get(value, value)

    @property
    def span(self) -> Span:
        return self.command.span

    @property
    def text(self) -> str:
        return command_text(self.command)

    def has(self, *names: str) -> bool:
        """Whether any option of these (canonical) names is given, anywhere on the command line."""
        return any(option.name in names for option in self.options)

    def count(self, *names: str) -> int:
        return sum(option.name in names for option in self.options)

    def values(self, *names: str) -> tuple[Word, ...]:
        """The values of every occurrence of these options, in order."""
        return tuple(option.value for option in self.options if option.name in names and option.value is not None)

    def option(self, *names: str) -> PackageOption | None:
        for option in self.options:
            if option.name in names:
                return option
        return None

    @property
    def static_operands(self) -> tuple[Word, ...]:
        return tuple(word for word in self.operands if word.is_static)

    @property
    def dynamic_operands(self) -> tuple[Word, ...]:
        """Operands the shell computes: ``$PKGS`` (skip) or ``$(cat list)`` (unknown packages)."""
        return tuple(word for word in self.operands if not word.is_static)


def command_text(command: Command, limit: int = 60) -> str:
    """The command as written (words joined by one space), shortened to ``limit`` characters."""
    text = " ".join(word.raw for word in command.words)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def package_commands(instruction: Instruction, *managers: str) -> tuple[PackageCommand, ...]:
    """The package-manager commands of a RUN (or ONBUILD RUN trigger), in source order; only ``managers`` if given.

    Parsed at each call: rules go through :func:`package_runs`, which parses each RUN of a file once.
    """
    return tuple(found for found in _all_package_commands(instruction) if not managers or found.manager in managers)


def _all_package_commands(instruction: Instruction) -> tuple[PackageCommand, ...]:
    if instruction.keyword != "RUN":
        return ()
    parsed = (parse_package_command(command, instruction) for command in instruction.commands)
    return tuple(found for found in parsed if found is not None)


PackageRun = tuple[Instruction, tuple[PackageCommand, ...]]


def package_runs(dockerfile: Dockerfile, *managers: str) -> tuple[PackageRun, ...]:
    """Every RUN of the file (ONBUILD triggers included, in ``walk()`` order) that runs a command of one of
    ``managers``, with those commands in source order.

    The commands of the whole file are found in one pass, the first time a rule asks, and indexed by manager: a rule
    about ``zypper`` costs nothing in a file without it.
    """
    index = _package_index(dockerfile)
    found = index.get(managers)
    if found is None:
        wanted = frozenset(managers)
        found = index[managers] = tuple(
            (instruction, selected)
            for instruction, commands in index[()]
            if (selected := tuple(command for command in commands if command.manager in wanted))
        )
    return found


def package_commands_in(dockerfile: Dockerfile, *managers: str) -> tuple[PackageCommand, ...]:
    """The commands of ``managers`` in every RUN of the file (ONBUILD triggers included), in ``walk()`` order."""
    return tuple(found for _instruction, commands in package_runs(dockerfile, *managers) for found in commands)


@per_file
def _package_index(dockerfile: Dockerfile) -> dict[tuple[str, ...], tuple[PackageRun, ...]]:
    """``()`` -> every RUN with package commands; other keys (tuples of managers) are filled as rules ask."""
    by_run: dict[Instruction, list[PackageCommand]] = {}  # in walk order
    for instruction, command, program in _command_index(dockerfile).commands:
        if program in _PROGRAMS and (found := parse_package_command(command, instruction)) is not None:
            by_run.setdefault(instruction, []).append(found)
    return {(): tuple((instruction, tuple(commands)) for instruction, commands in by_run.items())}


def parse_package_command(command: Command, instruction: Instruction) -> PackageCommand | None:
    """``command`` as a package-manager command, or ``None`` when it is not one."""
    effective = command.effective()
    words = effective.words
    if not words or not words[0].is_static:
        return None
    manager = _PROGRAMS.get(command_basename(words[0]) or "")
    if manager is None:
        return None
    before, after = _SYNTAX[manager]
    options: list[PackageOption] = []
    operands: list[Word] = []
    subcommand: Word | None = None
    options_unknown = False
    only_operands = False
    separator: Word | None = None
    index = 1
    while index < len(words):
        word = words[index]
        index += 1
        text = word.value
        syntax = before if subcommand is None else after
        is_option = word.is_static and text.startswith("-") and text != "-" and not only_operands
        if not is_option:
            if subcommand is None:
                if not word.is_static:
                    options_unknown = True  # `apt-get $OPTIONS install x`: the subcommand may be anywhere
                    continue
                subcommand = word
                continue
            if not word.is_static and _OPTION_VARIABLE.search(word.raw):
                options_unknown = True
            operands.append(word)
            if syntax.options_first:
                only_operands = True
            continue
        if text == "--":
            only_operands = subcommand is not None
            separator = separator or (word if only_operands else None)
            continue
        index = _parse_option(word, words, index, syntax, options, subcommand is None)
    return PackageCommand(
        instruction=instruction,
        command=effective,
        manager=manager,
        subcommand_word=subcommand,
        options=tuple(options),
        operands=tuple(operands),
        options_unknown=options_unknown,
        separator=separator,
    )


def _parse_option(
    word: Word, words: Sequence[Word], index: int, syntax: _Syntax, options: list[PackageOption], before: bool
) -> int:
    """Record the option(s) of ``word``; returns the index of the next unread word (a value may be consumed)."""
    text = word.value
    if text.startswith("--") or syntax.single_dash:
        name, equals, _ = text.partition("=")
        if syntax.single_dash:
            name = "-" + name.lstrip("-")
        canonical = syntax.canonical(name)
        value: Word | None = None
        if equals:
            value = _word_tail(word, text.index("=") + 1)
        elif canonical in syntax.with_value and index < len(words):
            value = words[index]
            index += 1
        options.append(PackageOption(canonical, word, value, before))
        return index
    # A cluster of short flags: -qy, -qq, -q=2, -oAPT::Get::Assume-Yes=1, -t bookworm-backports
    for position, letter in enumerate(text[1:], 1):
        if letter == "=":
            break
        canonical = syntax.short.get(letter, "-" + letter)
        rest = text[position + 1 :]
        if rest.startswith("="):  # apt's -q=2, -o=Foo=bar
            options.append(PackageOption(canonical, word, _word_tail(word, position + 2), before))
            break
        if canonical not in syntax.with_value:
            options.append(PackageOption(canonical, word, None, before))
            continue
        value = None
        if rest:
            value = _word_tail(word, position + 1)
        elif index < len(words):
            value = words[index]
            index += 1
        options.append(PackageOption(canonical, word, value, before))
        break
    return index


def _word_tail(word: Word, offset: int) -> Word:
    """The part of a static word from character ``offset`` of its value (``--opt=value`` -> ``value``).

    The position is exact when the word is written unquoted on one line; otherwise it is the whole word's.
    """
    value = word.value[offset:]
    span = word.span
    exact = (
        word.raw == word.value
        and span.start_line == span.end_line
        and span.end_column - span.start_column == len(word.raw)
    )
    if not exact:
        return Word(value, word.raw, word.start, word.end, span, word.is_static)
    return Word(
        value,
        word.raw[offset:],
        word.start + offset,
        word.end,
        Span(span.start_line, span.start_column + offset, span.end_line, span.end_column),
        word.is_static,
    )


# --------------------------------------------------------------------------------------------------------------------
# Questions rules share
# --------------------------------------------------------------------------------------------------------------------


def run_instructions(dockerfile: Dockerfile) -> tuple[Instruction, ...]:
    """Every RUN, ONBUILD RUN triggers included (they run in the images built FROM this one)."""
    return dockerfile.walk_keyword("RUN")


RunCommand = tuple[Instruction, Command]


def run_commands(dockerfile: Dockerfile, *programs: str) -> tuple[RunCommand, ...]:
    """(RUN, command) for the commands of every RUN (ONBUILD triggers included, in ``walk()`` order) that run one of
    ``programs``: the basename of the first word once wrappers are peeled (``sudo /usr/bin/wget …`` runs ``wget``).

    The commands of the file are indexed by program once: a rule about ``chpasswd`` costs nothing in a file without it.
    """
    return _command_index(dockerfile).running(programs)


def run_commands_where(dockerfile: Dockerfile, accepts: Callable[[str], bool]) -> tuple[RunCommand, ...]:
    """Like :func:`run_commands`, for the programs whose names ``accepts`` (``python3.12`` and the like)."""
    return tuple(
        (run, command) for run, command, program in _command_index(dockerfile).commands if program and accepts(program)
    )


def run_command_programs(dockerfile: Dockerfile) -> tuple[tuple[Instruction, Command, str | None], ...]:
    """(RUN, command, program) for every command of every RUN (ONBUILD triggers included, in ``walk()`` order; a
    RUN's commands in order): the program is the basename of the first word once wrappers are peeled (None without
    one), worked out once per file for every rule that looks at all commands."""
    return _command_index(dockerfile).commands


def pip_installs(dockerfile: Dockerfile) -> tuple[tuple[Instruction, Command, PipInstall], ...]:
    """(RUN, command, its ``pip install``) for every ``pip install`` of the file's RUNs, however pip is spelled
    (:func:`linter.shell.pip_install`), ONBUILD triggers included, in ``walk()`` order; recognised once per file."""
    index = _command_index(dockerfile)
    if index.pip_installs is None:
        index.pip_installs = tuple(
            (instruction, command, install)
            for instruction, command, program in index.commands
            if may_run_pip(program) and (install := pip_install(command)) is not None
        )
        # By identity: the index holds the commands, so their ids stay theirs while it lives.
        index.pip_by_command = {id(command): install for _run, command, install in index.pip_installs}
    return index.pip_installs


def pip_install_lookup(dockerfile: Dockerfile) -> Callable[[Command], PipInstall | None]:
    """A function from a command of the file's RUNs to its ``pip install`` (:func:`linter.shell.pip_install`), or
    None: the answers of :func:`pip_installs`, for a rule that looks at every command anyway."""
    pip_installs(dockerfile)
    found = _command_index(dockerfile).pip_by_command
    return lambda command: found.get(id(command))


# How the programs that may run a ``pip install`` start (:func:`linter.shell.pip_install` knows ``pip3.12``,
# ``python3 -m pip`` and ``uv pip``).
PIP_PROGRAM_PREFIXES = ("pip", "python", "uv")


def may_run_pip(program: str | None) -> bool:
    """Whether a command running ``program`` may be a ``pip install``: a cheap test before the full recognition."""
    return program is not None and program.startswith(PIP_PROGRAM_PREFIXES)


@dataclass
class _CommandIndex:
    """A file's commands with the program each runs, and the selections rules asked for (computed once each)."""

    commands: tuple[tuple[Instruction, Command, str | None], ...]  # with the program each command runs
    selections: dict[tuple[str, ...], tuple[RunCommand, ...]] = field(default_factory=dict)
    pip_installs: tuple[tuple[Instruction, Command, PipInstall], ...] | None = None
    pip_by_command: dict[int, PipInstall] = field(default_factory=dict)

    by_program: dict[str | None, list[int]] | None = None  # program -> positions in ``commands``

    def running(self, programs: tuple[str, ...]) -> tuple[RunCommand, ...]:
        found = self.selections.get(programs)
        if found is None:
            # Rules ask for a dozen different programs per file: index the commands by program once, so that each
            # question costs its matches, not a pass over every command.
            by_program = self.by_program
            if by_program is None:
                by_program = self.by_program = {}
                for position, (_run, _command, program) in enumerate(self.commands):
                    by_program.setdefault(program, []).append(position)
            positions = [position for program in set(programs) for position in by_program.get(program, ())]
            if len(programs) > 1:
                positions.sort()  # walk() order, as one pass would give
            commands = self.commands
            found = tuple((commands[position][0], commands[position][1]) for position in positions)
            self.selections[programs] = found
        return found


@per_file
def _command_index(dockerfile: Dockerfile) -> _CommandIndex:
    # One loop with the program worked out inline: it runs for every command of every file.
    commands: list[tuple[Instruction, Command, str | None]] = []
    for instruction in dockerfile.walk_keyword("RUN"):
        for command in instruction.commands:
            words = command.effective().words
            commands.append((instruction, command, command_basename(words[0]) if words else None))
    return _CommandIndex(tuple(commands))


def root_image(dockerfile: Dockerfile, instruction: Instruction) -> str | None:
    """The external image the instruction's stage chain starts from (ARG-resolved), or ``None`` when unknown."""
    return None if instruction.stage_index is None else _root_images(dockerfile)[instruction.stage_index]


@per_file  # rules ask for many instructions: no chain of stages is walked again for each
def _root_images(dockerfile: Dockerfile) -> tuple[str | None, ...]:
    """The root image of each stage, by index (a stage is built FROM an earlier one, whose root comes first)."""
    roots: list[str | None] = []
    for stage in dockerfile.stages:
        roots.append(stage.base_image if stage.base_stage_index is None else roots[stage.base_stage_index])
    return tuple(roots)


def static_prefix(word: Word) -> str:
    """The literal start of a word the shell computes, quotes removed (``"curl=${V}"`` -> ``curl=``); the value of a
    static word."""
    if word.is_static:
        return word.value
    prefix: list[str] = []
    quote: str | None = None
    for char in word.raw:
        if quote == "'":
            if char == "'":
                quote = None
            else:
                prefix.append(char)
        elif char == quote:
            quote = None
        elif char in "\"'" and quote is None:
            quote = char
        elif char in "$`\\":
            break
        else:
            prefix.append(char)
    return "".join(prefix)


def describe_packages(words: Sequence[Word], limit: int = 3) -> str:
    """``curl``, ``curl and git``, ``curl, git, vim and 2 more``: the names as written, in backticks."""
    names = [f"`{word.value if word.is_static else word.raw}`" for word in words]
    if len(names) <= 1:
        return "".join(names)
    if len(names) <= limit:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


@per_file  # ten rules ask
def image_stage_indexes(dockerfile: Dockerfile) -> frozenset[int]:
    """Stages whose files end up in an image that is shipped.

    The final stage and every stage nothing refers to (another build target) are images; so are the stages they are
    built ``FROM``, transitively. A stage only read through ``COPY --from``/``RUN --mount=from=`` (a builder) is not:
    what it leaves behind never reaches an image. ``FROM stage-${VARIANT}`` counts as a reference to every stage
    whose name fits (``stage-alpine``, ``stage-debian``).
    """
    bases = {stage.index: _base_stages(dockerfile, stage) for stage in dockerfile.stages}
    referenced: set[int] = {base for found in bases.values() for base in found}
    for instruction in dockerfile.walk_keyword("COPY", "ADD", "RUN"):
        for source in _stage_sources(instruction):
            found = stage_named(dockerfile, source)
            if found is not None:
                referenced.add(found.index)
    pending = [stage.index for stage in dockerfile.stages if stage.is_final or stage.index not in referenced]
    images: set[int] = set()
    while pending:
        index = pending.pop()
        if index not in images:
            images.add(index)
            pending.extend(bases[index])
    return frozenset(images)


def _base_stages(dockerfile: Dockerfile, stage: Stage) -> tuple[int, ...]:
    """The stage(s) ``stage`` is built FROM: the resolved one, or those an unresolved ``FROM name-$ARG`` may mean."""
    if stage.base_stage_index is not None:
        return (stage.base_stage_index,)
    if stage.base_image is not None or "$" not in stage.base_text:
        return ()
    parts = _literal_parts(stage.base_text.lower())
    return tuple(
        other.index
        for other in dockerfile.stages[: stage.index]
        if other.name is not None and _wildcard_match(parts, other.name.lower())
    )


def _literal_parts(text: str) -> list[str]:
    """``text`` split at its variables (``$NAME``, ``${...}``), in linear time: a regex split was quadratic on a
    hostile ``${a:-${a:-…`` line."""
    parts: list[str] = []
    current: list[str] = []
    last_close = text.rfind("}")
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == "$" and index + 1 < length and text[index + 1] == "{" and index < last_close:
            parts.append("".join(current))
            current = []
            index = text.index("}", index) + 1
        elif char == "$" and index + 1 < length and (text[index + 1].isalnum() or text[index + 1] == "_"):
            parts.append("".join(current))
            current = []
            index += 1
            while index < length and (text[index].isalnum() or text[index] == "_"):
                index += 1
        else:
            current.append(char)
            index += 1
    parts.append("".join(current))
    return parts


def _wildcard_match(parts: list[str], name: str) -> bool:
    """Whether ``name`` is the parts with anything between them (greedy and linear, unlike a regex of ``.*``s)."""
    if len(parts) == 1:
        return name == parts[0]
    first, *middle, last = parts
    if not name.startswith(first) or len(name) < len(first) + len(last) or not name.endswith(last):
        return False
    position, end = len(first), len(name) - len(last)
    for part in middle:
        found = name.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return True


def _stage_sources(instruction: Instruction) -> Iterator[str]:
    """Names in ``COPY --from=`` and ``RUN --mount=from=`` (ARG-expanded when possible)."""
    values: list[str] = []
    if instruction.keyword in ("COPY", "ADD"):
        values.extend(flag.value or "" for flag in instruction.flags_named("from"))
    elif instruction.keyword == "RUN":
        values.extend(mount.get("from", "") for mount in instruction.mounts)
    for value in values:
        if "$" in value:
            value, _known = instruction.expand(value)
        if value:
            yield value


def in_image(dockerfile: Dockerfile, instruction: Instruction, images: frozenset[int] | None = None) -> bool:
    """Whether what ``instruction`` leaves behind ends in a shipped image (ONBUILD triggers always may)."""
    if instruction.is_trigger or instruction.stage_index is None:
        return True
    if images is None:
        images = image_stage_indexes(dockerfile)
    return instruction.stage_index in images


def removes_path(instruction: Instruction, *prefixes: str, after: int = -1) -> bool:
    """Whether the RUN deletes something under one of ``prefixes`` (``rm -rf /var/lib/apt/lists/*``).

    Only commands starting after offset ``after`` count; ``find <prefix> … -delete`` counts too. A path from a variable
    is expanded when its ARG/ENV value is known; an unknown one counts when its name suggests a package cache
    (``rm -rf "$APT_LISTS"/*``), so the rule stays quiet when unsure, but not for ``rm -rf "$GNUPGHOME"``.
    """
    for command in instruction.commands:
        effective = command.effective()
        if command.start <= after or not effective.words:
            continue
        name = command_basename(effective.words[0])
        if name not in ("rm", "find", "rmdir"):
            continue
        for word in effective.words[1:]:
            if word.is_static:
                text = word.value
            else:
                text, known = instruction.expand(word.raw.replace('"', ""))
                if not known:
                    if _CACHE_VARIABLE.search(word.raw):
                        return True
                    continue
            if any(_covers(text, prefix) for prefix in prefixes):
                return True
    return False


# Variable names that may hold a package-manager cache directory.
_CACHE_VARIABLE = lazy_compile(r"\$\{?\w*(CACHE|LIST|APT|APK|YUM|DNF|ZYPP|YARN)", re.IGNORECASE)


def _covers(path: str, prefix: str) -> bool:
    """Whether deleting ``path`` deletes ``prefix`` or something in it (``/var/lib/apt`` covers its ``lists``)."""
    path, prefix = path.rstrip("/"), prefix.rstrip("/")
    if path == prefix or path.startswith(prefix + "/"):
        return True
    return path.count("/") >= 3 and prefix.startswith(path + "/")  # an ancestor, but not `/` or `/var`


def has_cache_mount(instruction: Instruction, *targets: str) -> bool:
    """Whether the RUN mounts a cache or tmpfs on one of ``targets`` or above it: nothing stays in the layer."""
    for mount in instruction.mounts:
        if mount.get("type") not in ("cache", "tmpfs"):
            continue
        target = mount.get("target", "").rstrip("/")
        if not target:
            continue
        for wanted in targets:
            wanted = wanted.rstrip("/")
            if wanted == target or wanted.startswith(target + "/"):
                return True
    return False


def configured_earlier(
    dockerfile: Dockerfile,
    instruction: Instruction,
    pattern: re.Pattern[str],
    config_paths: Sequence[str] = (),
    keywords: Sequence[str] = ("RUN", "ENV"),
) -> bool:
    """Whether this RUN or an earlier instruction of its stage chain writes configuration matching ``pattern``.

    The stage chain is the instruction's stage and the stages it is built ``FROM`` in this file; ``keywords`` are the
    instructions whose text is searched. A COPY/ADD into one of ``config_paths`` counts too: its content is unknown,
    so the caller should stay quiet.
    """
    own = _own_configurations(dockerfile)
    if (pattern, instruction) not in own:  # asked for each package command of the RUN: searched once
        own[(pattern, instruction)] = pattern.search(instruction.text) is not None
    if own[(pattern, instruction)]:
        return True
    # The instructions before it in its stage, then every instruction of the stages it is built FROM (ONBUILD
    # instructions count as themselves: their triggers run downstream). Each stage's first configuring instruction is
    # found once per file: a RUN per package would otherwise read every RUN before it again.
    first = _first_configuring(dockerfile, pattern, tuple(config_paths), tuple(keywords))
    stage = dockerfile.stage_of(instruction)
    seen: set[int] = set()
    limit = instruction.index
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        index = first.get(stage.index)
        if index is not None and index < limit:
            return True
        limit = len(dockerfile.instructions)
        stage = dockerfile.base_stage(stage)
    return False


_Configuration = tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]


def _first_configuring(
    dockerfile: Dockerfile, pattern: re.Pattern[str], config_paths: tuple[str, ...], keywords: tuple[str, ...]
) -> dict[int, int]:
    """Stage index -> the index of the stage's first instruction that configures (see :func:`configured_earlier`)."""
    known = _configurations(dockerfile)
    found = known.get((pattern, config_paths, keywords))
    if found is None:
        found = known[(pattern, config_paths, keywords)] = {}
        for stage in dockerfile.stages:
            first = next((i for i in stage.instructions if _configures(i, pattern, config_paths, keywords)), None)
            if first is not None:
                found[stage.index] = first.index
    return found


@per_file
def _configurations(dockerfile: Dockerfile) -> dict[_Configuration, dict[int, int]]:
    return {}  # filled as rules ask


@per_file
def _own_configurations(dockerfile: Dockerfile) -> dict[tuple[re.Pattern[str], Instruction], bool]:
    return {}  # filled as rules ask


def _configures(
    instruction: Instruction, pattern: re.Pattern[str], config_paths: tuple[str, ...], keywords: tuple[str, ...]
) -> bool:
    if instruction.keyword in keywords and pattern.search(instruction.text):
        return True
    if instruction.keyword in ("COPY", "ADD") and config_paths and instruction.words:
        destination = instruction.words[-1][2].strip("\"'")
        return any(
            destination.startswith(path) or path.startswith(destination.rstrip("/") + "/") for path in config_paths
        )
    return False


def fed_by_yes(instruction: Instruction, command: Command) -> bool:
    """Whether ``command`` reads its answers from ``yes`` (``yes | apt-get install x``)."""
    if not command.in_pipeline:
        return False
    fed, first_yes = _yes_feeds(instruction)
    if command.start in fed:
        return fed[command.start]
    # Pipelines inside `sh -c` strings are not listed: accept any earlier `yes` of the RUN in a pipeline.
    return first_yes is not None and first_yes < command.start


# By RUN, weakly (the entries hold no instruction): each package command of a RUN asks, which would otherwise read
# every pipeline of the RUN again.
_YES_FEEDS: weakref.WeakKeyDictionary[Instruction, tuple[dict[int, bool], int | None]] = weakref.WeakKeyDictionary()


def _yes_feeds(instruction: Instruction) -> tuple[dict[int, bool], int | None]:
    """(start of each pipeline member -> whether a `yes` comes before it in the first pipeline that has it, start of
    the first `yes` of the RUN in any pipeline)."""
    found = _YES_FEEDS.get(instruction)
    if found is None:
        fed: dict[int, bool] = {}
        for script in instruction.scripts:
            for pipeline in getattr(script, "pipelines", ()):
                yes_before = False
                for member in pipeline:
                    fed.setdefault(member.start, yes_before)
                    yes_before = yes_before or _is_yes(member)
        yes_starts = [other.start for other in instruction.commands if other.in_pipeline and _is_yes(other)]
        found = _YES_FEEDS[instruction] = (fed, min(yes_starts, default=None))
    return found


def _is_yes(command: Command) -> bool:
    effective = command.effective()
    return bool(effective.words) and command_basename(effective.words[0]) in ("yes", "echo", "printf")


def insert_after(word: Word, option: str, instruction: Instruction, command: Command) -> Edit | None:
    """An edit inserting ``option`` as a new word right after ``word``; ``None`` when the position is not exact.

    In an exec-form RUN (``["apt-get", "install", "x"]``) the new word is a JSON string (``, "-y"``).
    """
    span = word.span
    if span.start_line != span.end_line or span.end_column - span.start_column != len(word.raw):
        return None  # inside an escaped `-c` string: positions are approximate
    if instruction.is_exec_form and command.nested_in is None:
        if not (word.raw.startswith('"') and word.raw.endswith('"')):
            return None
        text = f', "{option}"'
    else:
        text = " " + option
    return Edit(Span.point(span.end_line, span.end_column), text)


# --------------------------------------------------------------------------------------------------------------------
# yum, dnf, microdnf and zypper
# --------------------------------------------------------------------------------------------------------------------

# Subcommands that change packages and so ask "Is this ok [y/N]" (yum/dnf/microdnf).
_RPM_PROMPTING = frozenset(
    {
        "install",
        "groupinstall",
        "localinstall",
        "reinstall",
        "update",
        "upgrade",
        "update-minimal",
        "upgrade-minimal",
        "groupupdate",
        "remove",
        "erase",
        "groupremove",
        "autoremove",
        "downgrade",
        "swap",
        "distro-sync",
        "distrosync",
        "dsync",
        "builddep",
        "group",
        "groups",
        "module",
    }
)
# Subcommands that download packages into the cache.
_RPM_INSTALLING = frozenset(
    {
        "install",
        "groupinstall",
        "localinstall",
        "reinstall",
        "update",
        "upgrade",
        "update-minimal",
        "upgrade-minimal",
        "groupupdate",
        "downgrade",
        "swap",
        "distro-sync",
        "distrosync",
        "dsync",
        "builddep",
        "group",
        "groups",
        "module",
    }
)
# `dnf group list`, `dnf module info`: second words of group/module that neither prompt nor install.
_RPM_READ_ONLY_ACTIONS = frozenset({"list", "info", "summary", "provides", "repoquery", "mark"})
RPM_CACHE_DIRECTORIES = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5")
_ASSUME_YES_SETOPT = lazy_compile(r"assumeyes\s*=\s*(1|true|yes|on)\s*$", re.IGNORECASE)


def _rpm_action(found: PackageCommand) -> str | None:
    """The subcommand, or for `group`/`module` the action after it (`dnf module enable` -> `enable`)."""
    subcommand = found.subcommand
    if subcommand in ("group", "groups", "module"):
        action = found.operands[0] if found.operands else None
        return action.value if action is not None and action.is_static else None
    return subcommand


def rpm_prompts(found: PackageCommand) -> bool:
    """Whether a yum/dnf/microdnf command changes packages (and so asks for confirmation)."""
    if found.subcommand not in _RPM_PROMPTING:
        return False
    action = _rpm_action(found)
    return action is not None and action not in _RPM_READ_ONLY_ACTIONS


def rpm_installs(found: PackageCommand) -> bool:
    """Whether a yum/dnf/microdnf command downloads packages (and so fills the cache)."""
    if found.subcommand not in _RPM_INSTALLING:
        return False
    action = _rpm_action(found)
    return action is not None and action not in _RPM_READ_ONLY_ACTIONS and action not in ("remove", "erase")


def rpm_answers_yes(found: PackageCommand) -> bool:
    """``-y``/``--assumeyes``, ``--assumeno``, ``--setopt=assumeyes=1``, or options the rule cannot see."""
    if found.options_unknown or found.has("--assumeyes", "--assumeno", "--downloadonly"):
        return True
    return any(_ASSUME_YES_SETOPT.match(value.value) for value in found.values("--setopt"))


def cleaned_after(
    instruction: Instruction, found: PackageCommand, managers: Sequence[str], directories: Sequence[str]
) -> bool:
    """Whether the RUN cleans the manager's cache after ``found``: ``<manager> clean …``, an ``rm`` of the cache
    directory, or a cache/tmpfs mount on it."""
    if has_cache_mount(instruction, *directories):
        return True
    start = found.command.start
    for other in package_commands(instruction, *managers):
        if other.command.start > start and other.subcommand == "clean":
            return True
    return removes_path(instruction, *directories, after=start)


_RPM_VERSION_PART = lazy_compile(r"[0-9][A-Za-z0-9._~^:+]*")


def rpm_is_unpinned(word: Word) -> bool:
    """Whether a yum/dnf operand names a package without a version (``httpd``, not ``httpd-2.4.57``).

    Not judged (never reported): computed names, groups and modules (``@core``), paths, URLs, ``.rpm`` files,
    patterns, provides (``perl(Foo)``, ``/usr/bin/x``). A version is a later ``-``-separated part starting with a digit
    (``nodejs-18.19.0-1.el9``), an epoch or stream (``:``), or a comparison (``'python3 >= 3.9'``).
    """
    if not word.is_static:
        return False
    text = word.value
    if not text or text.startswith(("@", "/", "./", "../", "~")) or "://" in text or text.endswith(".rpm"):
        return False
    if set(text) & set("*?[()=<> :"):
        return False
    parts = text.split("-")
    return not any(_RPM_VERSION_PART.fullmatch(part) for part in parts[1:])
