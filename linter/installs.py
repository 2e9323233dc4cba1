"""Dependency installs and what they read: the package-manager commands of a RUN, and COPY sources by what they hold.

:func:`dependency_installs` finds, in one RUN (shell form, exec form, heredoc scripts, ``sh -c`` strings), the commands
that install a project's dependencies from files of the build context: ``pip install -r``/``pip install .``,
``uv pip install -r``/``uv pip sync``, ``pip-sync``, ``uv sync``, ``poetry install``/``sync``,
``pipenv install``/``sync``, ``pdm install``/``sync``, ``npm ci``/``npm install``, ``yarn``/``yarn install``,
``pnpm install``/``fetch``, ``bun install``, ``bundle install``, ``go mod download``, ``composer install`` and
``cargo fetch``. Installs of packages named on the command line (``pip install flask==3.0``, ``npm install -g pm2``,
``yarn add x``) read no file and are not reported.

:func:`classify_source` sorts a COPY/ADD source of the build context into source code, dependency manifests and other
files (configuration, scripts, documents), so that a rule can tell ``COPY . .`` from ``COPY requirements.txt .``.
"""

from __future__ import annotations

import enum
import fnmatch
import posixpath
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from linter.model import Dockerfile, Instruction
from linter.packages import may_run_pip
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import per_file
from linter.shell import Command, Word, command_basename, pip_install

__all__ = [
    "DependencyInstall",
    "InstallKind",
    "SourceKind",
    "classify_source",
    "command_text",
    "dependency_installs",
    "installs_of",
    "iter_sources",
]


class InstallKind(enum.Enum):
    DEPENDENCIES = "dependencies"  # third-party packages listed in manifests (requirements files, lock files)
    PROJECT = "project"  # the project itself and its dependencies (`pip install .`, `uv sync`, `poetry install`)


class DependencyInstall(Record):
    """One command that installs dependencies from files of the build context."""

    instruction: Instruction
    command: Command  # the effective command (wrappers such as `env`/`sudo` peeled)
    tool: str  # "pip", "uv", "poetry", "npm", ...
    ecosystem: str  # "python", "node", "ruby", "go", "php", "rust"
    kind: InstallKind
    manifests: tuple[str, ...]  # the files to copy before installing, as the user would name them
    reads: frozenset[str]  # what it installs from, for "the same install again" comparisons
    offline: bool  # installs from local wheels/stores only (`--no-index`, `--offline`): cheap to repeat
    advice: str  # how to install the dependencies before the code with this tool

    @property
    def span(self) -> Span:
        return self.command.span

    @property
    def text(self) -> str:
        return command_text(self.command)


def command_text(command: Command, limit: int = 60) -> str:
    """The command as written (words joined by one space), shortened to ``limit`` characters."""
    text = " ".join(_shown(word) for word in command.words)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _shown(word: Word) -> str:
    """A word as the user reads it: its value when static and without spaces (exec-form JSON strings unquoted)."""
    if word.is_static and word.value and not any(char.isspace() for char in word.value):
        return word.value
    return word.raw


def dependency_installs(instruction: Instruction) -> tuple[DependencyInstall, ...]:
    """The dependency installs a RUN instruction (or an ONBUILD RUN trigger) runs, in source order."""
    if instruction.keyword != "RUN":
        return ()
    found = []
    for command in instruction.commands:
        install = _recognise(command, instruction)
        if install is not None:
            found.append(install)
    return tuple(found)


def installs_of(dockerfile: Dockerfile, instruction: Instruction) -> tuple[DependencyInstall, ...]:
    """:func:`dependency_installs` of an instruction of ``dockerfile``, recognised once per file: a rule asks for those
    of a stage and of the stages it is built from."""
    found = _installs_memo(dockerfile)
    installs = found.get(instruction)
    if installs is None:
        installs = found[instruction] = dependency_installs(instruction)
    return installs


@per_file
def _installs_memo(dockerfile: Dockerfile) -> dict[Instruction, tuple[DependencyInstall, ...]]:
    return {}  # filled as rules ask


# --------------------------------------------------------------------------------------------------------------------
# Command recognition
# --------------------------------------------------------------------------------------------------------------------

_PYTHON_MANIFESTS = ("pyproject.toml",)
_ARCHIVE_SUFFIXES = (".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz", ".egg")


def _recognise(command: Command, instruction: Instruction) -> DependencyInstall | None:
    effective = command.effective()
    words = effective.words
    if not words or not words[0].is_static:
        return None
    name = command_basename(words[0])
    if name == "pip-sync" or may_run_pip(name):
        pip = _pip_family(effective, instruction)
        if pip is not None:
            return pip
    recogniser = _RECOGNISERS.get(name or "")
    if recogniser is None and name == "php" and len(words) > 1 and words[1].is_static:
        # `php composer.phar install`, `php /usr/bin/composer install`
        if (command_basename(words[1]) or "").startswith("composer"):
            return _composer(effective, instruction, words[2:])
        return None
    if recogniser is None:
        return None
    return recogniser(effective, instruction, words[1:])


def _make(
    command: Command,
    instruction: Instruction,
    tool: str,
    ecosystem: str,
    kind: InstallKind,
    manifests: tuple[str, ...],
    advice: str,
    reads: Sequence[str] = (),
    offline: bool = False,
) -> DependencyInstall:
    return DependencyInstall(
        instruction=instruction,
        command=command,
        tool=tool,
        ecosystem=ecosystem,
        kind=kind,
        manifests=manifests,
        reads=frozenset(reads or manifests),
        offline=offline,
        advice=advice,
    )


def _is_local_project(word: Word) -> bool:
    """`.`, `./app`, `/code`, `.[dev]`, `src/pkg`: a directory of the image, not a package name, URL or archive."""
    if not word.is_static:
        return False
    value = word.value.strip()
    if value.startswith("file:"):
        value = value[len("file:") :].lstrip("/") or "."
    if value.endswith("]"):  # extras: .[dev] (found without a regex: `[[[[…` made one quadratic)
        bracket = value.find("[", value.rfind("]", 0, len(value) - 1) + 1, len(value) - 1)
        if bracket >= 0:
            value = value[:bracket]
    if not value or "://" in value or value.startswith(("git+", "hg+", "svn+", "bzr+")) or "@" in value:
        return False
    if value.lower().endswith(_ARCHIVE_SUFFIXES):
        return False
    return value in (".", "..") or value.startswith(("./", "../", "/", "~")) or "/" in value


def _pip_family(command: Command, instruction: Instruction) -> DependencyInstall | None:
    """`pip install -r …`/`pip install .`, `uv pip install …`, `uv pip sync …`, `pip-sync …`."""
    words = command.words
    name = command_basename(words[0]) or ""
    if name == "pip-sync":
        files = [w.value for w in _operands(words[1:], frozenset({"--index-url", "-i", "--extra-index-url"}))]
        files = files or ["requirements.txt"]
        return _make(
            command, instruction, "pip-sync", "python", InstallKind.DEPENDENCIES, tuple(files), _copy_first(files)
        )
    if name == "uv":
        at = _skip_options(words, 1, _UV_GLOBAL_WITH_VALUE)
        if at + 1 < len(words) and words[at].value == "pip" and words[at + 1].value == "sync":
            files = [w.value for w in _operands(words[at + 2 :], _UV_PIP_WITH_VALUE)] or ["requirements.txt"]
            return _make(
                command, instruction, "uv", "python", InstallKind.DEPENDENCIES, tuple(files), _copy_first(files)
            )
    pip = pip_install(command)
    if pip is None:
        return None
    offline = pip.has_option("--no-index") or (pip.tool == "uv" and pip.has_option("--offline"))
    requirement_files = [word.value for word in pip.requirement_files]
    if requirement_files:
        return _make(
            command,
            instruction,
            pip.tool,
            "python",
            InstallKind.DEPENDENCIES,
            tuple(requirement_files),
            _copy_first(requirement_files),
            reads=[_normalise_path(path) for path in requirement_files],
            offline=offline,
        )
    projects = [word for word in (*pip.packages, *pip.editables) if _is_local_project(word)]
    if projects and not pip.has_option("--no-deps", "--no-dependencies"):
        return _make(
            command,
            instruction,
            pip.tool,
            "python",
            InstallKind.PROJECT,
            _PYTHON_MANIFESTS,
            "copy the dependency manifests first (a requirements file, or pyproject.toml) and install the "
            "dependencies, then copy the code and install the project",
            offline=offline,
        )
    return None


def _copy_first(files: Sequence[str]) -> str:
    names = " and ".join(posixpath.basename(name.rstrip("/")) or name for name in dict.fromkeys(files))
    return f"copy {names} first, install, then copy the code"


def _normalise_path(path: str) -> str:
    return posixpath.basename(path.rstrip("/")) or path


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UV_GLOBAL_WITH_VALUE = _names(
    "--cache-dir --color --config-file --directory --project --allow-insecure-host --python-preference"
)
_UV_PIP_WITH_VALUE = _names(
    "--index-url -i --extra-index-url --find-links -f --python -p --target --prefix --python-version "
    "--python-platform --index-strategy --keyring-provider --link-mode --cache-dir --index --default-index "
    "--constraint -c --build-constraint -b --config-setting -C --exclude-newer --directory --project"
)


def _skip_options(words: Sequence[Word], index: int, with_value: frozenset[str]) -> int:
    """The index of the first operand (subcommand) at or after ``index``, skipping options and their values."""
    while index < len(words):
        word = words[index]
        if not word.is_static or not word.value.startswith("-") or word.value == "-":
            return index
        index += 2 if "=" not in word.value and word.value in with_value else 1
    return index


def _operands(words: Sequence[Word], with_value: frozenset[str]) -> list[Word]:
    """Words that are neither options nor option values."""
    operands: list[Word] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        value = word.value
        if word.is_static and value.startswith("-") and value != "-":
            if value == "--":
                operands.extend(words[index:])
                break
            if "=" not in value and value in with_value:
                index += 1
            continue
        operands.append(word)
    return operands


def _has(words: Sequence[Word], *names: str) -> bool:
    return any(word.is_static and word.value.split("=", 1)[0] in names for word in words)


def _subcommand(words: Sequence[Word], with_value: frozenset[str]) -> tuple[str | None, Sequence[Word]]:
    """The subcommand (first operand) and the words after it; (None, all words) when only options are given."""
    at = _skip_options(words, 0, with_value)
    if at >= len(words):
        return None, words
    word = words[at]
    return (word.value if word.is_static else "$"), words[at + 1 :]


def _uv(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, _UV_GLOBAL_WITH_VALUE)
    if subcommand != "sync":
        return None
    deps_only = _has(rest, "--no-install-project", "--no-install-workspace", "--no-install-local")
    return _make(
        command,
        instruction,
        "uv",
        "python",
        InstallKind.DEPENDENCIES if deps_only else InstallKind.PROJECT,
        ("pyproject.toml", "uv.lock"),
        "copy (or bind-mount) pyproject.toml and uv.lock, run `uv sync --no-install-project`, then copy the code and "
        "run `uv sync` again",
        offline=_has(rest, "--offline"),
    )


_POETRY_GLOBAL_WITH_VALUE = frozenset({"-C", "--directory", "-P", "--project"})


def _poetry(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, _POETRY_GLOBAL_WITH_VALUE)
    if subcommand not in ("install", "sync") or _has(rest, "--only-root"):
        return None
    return _make(
        command,
        instruction,
        "poetry",
        "python",
        InstallKind.DEPENDENCIES if _has(rest, "--no-root") else InstallKind.PROJECT,
        ("pyproject.toml", "poetry.lock"),
        "copy pyproject.toml and poetry.lock, run `poetry install --no-root`, then copy the code and run "
        "`poetry install` again",
    )


_PIPENV_WITH_VALUE = frozenset(
    {"--python", "--categories", "-r", "--requirements", "--extra-pip-args", "--pypi-mirror", "--index", "-i"}
)


def _pipenv(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, _PIPENV_WITH_VALUE)
    if subcommand not in ("install", "sync"):
        return None
    if subcommand == "install" and _operands(rest, _PIPENV_WITH_VALUE):
        return None  # `pipenv install requests`: named packages
    return _make(
        command,
        instruction,
        "pipenv",
        "python",
        InstallKind.DEPENDENCIES,
        ("Pipfile", "Pipfile.lock"),
        "copy Pipfile and Pipfile.lock first, install, then copy the code",
    )


_PDM_WITH_VALUE = frozenset({"-p", "--project", "-G", "--group", "-L", "--lockfile", "--venv"})


def _pdm(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, _PDM_WITH_VALUE)
    if subcommand not in ("install", "sync"):
        return None
    return _make(
        command,
        instruction,
        "pdm",
        "python",
        InstallKind.DEPENDENCIES if _has(rest, "--no-self") else InstallKind.PROJECT,
        ("pyproject.toml", "pdm.lock"),
        "copy pyproject.toml and pdm.lock, run `pdm install --no-self`, then copy the code",
        offline=_has(rest, "--offline"),
    )


_NPM_WITH_VALUE = frozenset(
    {"--prefix", "--omit", "--include", "--registry", "--cache", "--loglevel", "-w", "--workspace", "--userconfig"}
)
_NPM_CLEAN_INSTALL = frozenset({"ci", "clean-install", "ic", "install-clean", "isntall-clean"})
_NPM_INSTALL = frozenset({"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall"})


def _npm(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, _NPM_WITH_VALUE)
    if subcommand in _NPM_CLEAN_INSTALL:
        pass
    elif subcommand in _NPM_INSTALL:
        if _operands(rest, _NPM_WITH_VALUE) or _has([*args, *rest], "-g", "--global", "--location"):
            return None  # named packages, or a global tool
    else:
        return None
    return _make(
        command,
        instruction,
        "npm",
        "node",
        InstallKind.DEPENDENCIES,
        ("package.json", "package-lock.json"),
        "copy package.json and package-lock.json first, install, then copy the code",
        offline=_has([*args, *rest], "--offline"),
    )


_YARN_WITH_VALUE = frozenset(
    {"--cwd", "--modules-folder", "--cache-folder", "--network-timeout", "--mutex", "--registry", "--global-folder"}
)


def _yarn(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, _rest = _subcommand(args, _YARN_WITH_VALUE)
    if subcommand not in (None, "install"):
        return None
    return _make(
        command,
        instruction,
        "yarn",
        "node",
        InstallKind.DEPENDENCIES,
        ("package.json", "yarn.lock"),
        "copy package.json and yarn.lock first, install, then copy the code",
        offline=_has(args, "--offline"),
    )


_PNPM_WITH_VALUE = frozenset({"--dir", "-C", "--filter", "-F", "--store-dir", "--reporter", "--virtual-store-dir"})


def _pnpm(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, _PNPM_WITH_VALUE)
    if subcommand == "fetch":
        manifests: tuple[str, ...] = ("pnpm-lock.yaml",)
    elif subcommand in ("install", "i") and not _operands(rest, _PNPM_WITH_VALUE):
        manifests = ("package.json", "pnpm-lock.yaml")
    else:
        return None
    return _make(
        command,
        instruction,
        "pnpm",
        "node",
        InstallKind.DEPENDENCIES,
        manifests,
        "copy package.json and pnpm-lock.yaml first (or `pnpm fetch` from the lock file), install, then copy the code",
        reads=("pnpm",),
        offline=_has([*args, *rest], "--offline"),
    )


def _bun(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, rest = _subcommand(args, frozenset({"--cwd", "--backend", "--cache-dir"}))
    if subcommand not in ("install", "i") or _operands(rest, frozenset()):
        return None
    return _make(
        command,
        instruction,
        "bun",
        "node",
        InstallKind.DEPENDENCIES,
        ("package.json", "bun.lock"),
        "copy package.json and the bun lock file first, install, then copy the code",
    )


_BUNDLE_WITH_VALUE = frozenset({"--jobs", "-j", "--retry", "--path", "--without", "--with", "--gemfile", "--binstubs"})


def _bundle(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, _rest = _subcommand(args, _BUNDLE_WITH_VALUE)
    if subcommand not in (None, "install"):
        return None
    return _make(
        command,
        instruction,
        "bundle",
        "ruby",
        InstallKind.DEPENDENCIES,
        ("Gemfile", "Gemfile.lock"),
        "copy Gemfile and Gemfile.lock first, install, then copy the code",
        offline=_has(args, "--local"),
    )


def _go(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    values = [word.value for word in args[:2]]
    if values != ["mod", "download"]:
        return None
    return _make(
        command,
        instruction,
        "go",
        "go",
        InstallKind.DEPENDENCIES,
        ("go.mod", "go.sum"),
        "copy go.mod and go.sum first, run `go mod download`, then copy the code",
    )


def _composer(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, _rest = _subcommand(args, frozenset({"-d", "--working-dir"}))
    if subcommand != "install":
        return None
    return _make(
        command,
        instruction,
        "composer",
        "php",
        InstallKind.DEPENDENCIES,
        ("composer.json", "composer.lock"),
        "copy composer.json and composer.lock first, install (`--no-scripts --no-autoloader`), then copy the code",
    )


def _cargo(command: Command, instruction: Instruction, args: Sequence[Word]) -> DependencyInstall | None:
    subcommand, _rest = _subcommand(args, frozenset({"--manifest-path", "--config", "-Z"}))
    if subcommand != "fetch":
        return None
    return _make(
        command,
        instruction,
        "cargo",
        "rust",
        InstallKind.DEPENDENCIES,
        ("Cargo.toml", "Cargo.lock"),
        "copy Cargo.toml and Cargo.lock first, run `cargo fetch`, then copy the code",
    )


_RECOGNISERS = {
    "uv": _uv,
    "poetry": _poetry,
    "pipenv": _pipenv,
    "pdm": _pdm,
    "npm": _npm,
    "yarn": _yarn,
    "yarnpkg": _yarn,
    "pnpm": _pnpm,
    "bun": _bun,
    "bundle": _bundle,
    "bundler": _bundle,
    "go": _go,
    "composer": _composer,
    "composer.phar": _composer,
    "cargo": _cargo,
}


# --------------------------------------------------------------------------------------------------------------------
# COPY sources
# --------------------------------------------------------------------------------------------------------------------


class SourceKind(enum.Enum):
    CODE = "code"  # the whole context, a directory, source files: changes with every commit
    MANIFEST = "manifest"  # what a dependency install reads (requirements.txt, lock files, package metadata)
    OTHER = "other"  # configuration, scripts, documents, archives, anything we cannot judge


# Files a dependency install (or building the project's metadata) reads. Globs in fnmatch syntax, case-sensitive.
MANIFEST_PATTERNS: tuple[str, ...] = (
    "requirements*.txt",
    "requirements*.in",
    "*requirements.txt",
    "constraints*.txt",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "MANIFEST.in",
    "uv.lock",
    "poetry.lock",
    "poetry.toml",
    "Pipfile",
    "Pipfile.lock",
    "pdm.lock",
    "pylock*.toml",
    ".python-version",
    # package metadata that `pip install .` needs before the code exists (version stubs)
    "__init__.py",
    "__about__.py",
    "__version__.py",
    "_version.py",
    "version.py",
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    ".yarnrc",
    ".yarnrc.yml",
    ".npmrc",
    ".pnpmfile.cjs",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "bun.lock",
    "bun.lockb",
    "Gemfile",
    "Gemfile.lock",
    "*.gemspec",
    ".ruby-version",
    "go.mod",
    "go.sum",
    "go.work",
    "go.work.sum",
    "composer.json",
    "composer.lock",
    "auth.json",
    "Cargo.toml",
    "Cargo.lock",
)
# Directories that only hold manifests (`COPY requirements/ requirements/`) or build-tool state.
_MANIFEST_DIRECTORIES = frozenset({"requirements", "reqs", ".yarn", ".cargo", "patches", ".bundle"})
# Directories whose content is configuration or tooling rather than the application's code.
_OTHER_DIRECTORIES = frozenset(
    {
        "conf",
        "config",
        "configs",
        "configuration",
        "etc",
        "docker",
        ".docker",
        "deploy",
        "deployment",
        "deployments",
        "nginx",
        "certs",
        "certificates",
        "ssl",
        "scripts",
        "script",
        "bin",
        "sbin",
        "hooks",
        "rootfs",
        "root",
        "files",
        "overlay",
        "licenses",
        "docs",
        "doc",
    }
)
# Extensions of source code.
_CODE_EXTENSIONS = frozenset(
    {
        ".py",
        ".pyx",
        ".pyi",
        ".js",
        ".mjs",
        ".cjs",
        ".ts",
        ".tsx",
        ".jsx",
        ".vue",
        ".svelte",
        ".go",
        ".rb",
        ".erb",
        ".php",
        ".rs",
        ".java",
        ".kt",
        ".scala",
        ".clj",
        ".ex",
        ".exs",
        ".erl",
        ".cs",
        ".fs",
        ".c",
        ".cc",
        ".cpp",
        ".h",
        ".hpp",
        ".swift",
        ".dart",
        ".lua",
        ".pl",
        ".pm",
    }
)
# Extensionless files that are not directories of code.
_EXTENSIONLESS_FILES = frozenset(
    {
        "makefile",
        "gnumakefile",
        "procfile",
        "license",
        "licence",
        "copying",
        "notice",
        "authors",
        "version",
        "dockerfile",
        "containerfile",
        "caddyfile",
        "brewfile",
        "rakefile",
        "justfile",
        "vagrantfile",
        "jenkinsfile",
        "pipfile",
        "gemfile",
        "readme",
        "changelog",
        "crontab",
        "htpasswd",
        "supervisord",
        "nginx",
        "tini",
        "gosu",
    }
)
# Most manifest patterns are plain names, which a set answers for; fnmatch compiles a regular expression for each
# pattern it is given, so only the patterns with wildcards go to it.
_MANIFEST_WILDCARDS = tuple(pattern for pattern in MANIFEST_PATTERNS if any(char in pattern for char in "*?["))
_MANIFEST_NAMES = frozenset(MANIFEST_PATTERNS) - frozenset(_MANIFEST_WILDCARDS)
_EXTENSIONLESS_FILE_HINTS = ("entrypoint", "start", "run", "init", "healthcheck", "wait-for", "launch", "boot", "cmd")
_GLOB_CHARS = lazy_compile(r"[*?\[]")


@lru_cache(maxsize=1024)  # the same few sources (`.`, `requirements.txt`) recur in every file and edit
def classify_source(source: str, destination: str | None = None) -> SourceKind:
    """What one COPY/ADD source path of the build context holds (after ARG substitution).

    ``destination`` helps: whatever lands in system directories (``/etc``, ``/usr/local/bin``, …) is configuration
    or tooling, not the application's code.
    """
    if destination is not None and _is_system_destination(destination):
        return SourceKind.OTHER
    path = source.strip()
    while path.startswith("./"):
        path = path[2:]
    if path in ("", ".", "*", "**", "/", "./"):
        return SourceKind.CODE  # the whole context
    is_directory = path.endswith("/")
    path = path.rstrip("/")
    if path.endswith("/.") or path.endswith("/*"):
        is_directory = True
        path = path[:-2]
    base = posixpath.basename(path)
    if base in ("", ".", ".."):
        return SourceKind.CODE
    lowered = base.lower()
    extension = posixpath.splitext(lowered)[1]
    if _GLOB_CHARS.search(base):
        if base in ("*", "**", "*.*"):
            return SourceKind.CODE
        if len(base) > 255:  # longer than any file name (NAME_MAX); fnmatch's translation is quadratic in `[`s
            return SourceKind.OTHER
        if extension in _CODE_EXTENSIONS and not any(fnmatch.fnmatchcase(m, base) for m in _PYTHON_METADATA):
            return SourceKind.CODE
        if any(fnmatch.fnmatchcase(name, base) for name in _MANIFEST_EXAMPLES):
            return SourceKind.MANIFEST
        return SourceKind.OTHER
    if base in _MANIFEST_NAMES or any(fnmatch.fnmatchcase(base, pattern) for pattern in _MANIFEST_WILDCARDS):
        return SourceKind.MANIFEST
    if lowered in _MANIFEST_DIRECTORIES or any(part.lower() in _MANIFEST_DIRECTORIES for part in path.split("/")[:-1]):
        return SourceKind.MANIFEST  # `requirements/`, `requirements/base.txt`
    if base.startswith(".") or lowered in _OTHER_DIRECTORIES:
        return SourceKind.OTHER  # dotfiles (`.env`, `.eslintrc.js`) and configuration/tooling directories
    if extension in _CODE_EXTENSIONS:
        # `gunicorn.conf.py`, `babel.config.js`, `vite.config.ts`: configuration written in code
        return SourceKind.OTHER if _CONFIG_CODE.search(lowered) else SourceKind.CODE
    if is_directory:
        return SourceKind.CODE
    if extension:
        return SourceKind.OTHER  # configuration, scripts, documents, archives
    if lowered in _EXTENSIONLESS_FILES or any(hint in lowered for hint in _EXTENSIONLESS_FILE_HINTS):
        return SourceKind.OTHER
    return SourceKind.CODE  # an extensionless name such as `app` or `src`: a package directory


_CONFIG_CODE = lazy_compile(r"[._-]conf(ig)?\.[a-z]+$")
_SYSTEM_DESTINATIONS = (
    "/etc",
    "/bin",
    "/sbin",
    "/usr/bin",
    "/usr/sbin",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/usr/local/etc",
    "/usr/share",
    "/usr/local/share",
    "/docker-entrypoint.d",
)


def _is_system_destination(destination: str) -> bool:
    path = posixpath.normpath(destination) if destination.startswith("/") else ""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in _SYSTEM_DESTINATIONS)


_PYTHON_METADATA = ("setup.py", "__init__.py", "__about__.py", "__version__.py", "_version.py", "version.py")
# Concrete names to test source globs against (`package*.json` matches package.json: a manifest).
_MANIFEST_EXAMPLES = (
    *(pattern.replace("*", "") for pattern in MANIFEST_PATTERNS),
    "requirements-dev.txt",
    "requirements.lock",
    "example.gemspec",
)


# A URL source (`ADD https://…`): inline, not from the build context.
_URL = lazy_compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def iter_sources(instruction: Instruction) -> Iterator[tuple[str | None, str | None]]:
    """(source, destination) pairs of a COPY/ADD from the build context, ARG-substituted (None when a variable is
    unknown). Nothing for `--from` copies, heredoc sources and ADD of URLs or git repositories.
    """
    if instruction.keyword not in ("COPY", "ADD") or instruction.flag("from") is not None:
        return
    if instruction.exec_words is not None:
        values = [word.value for word in instruction.exec_words]
    else:
        values = [word for _, _, word in instruction.words]
    if len(values) < 2:
        return
    destination, known = instruction.expand(values[-1])
    for value in values[:-1]:
        if value.startswith("<<"):
            continue  # a heredoc: inline content
        expanded, source_known = instruction.expand(value)
        if ("://" in expanded and _URL.match(expanded)) or expanded.startswith("git@"):
            continue
        yield (expanded if source_known else None), (destination if known else None)
