"""Finding Dockerfiles under the paths a user names.

Files named on the command line are linted whatever their name. Directories are walked for ``Dockerfile``,
``Containerfile``, ``*.Dockerfile``, ``*.dockerfile``, ``Dockerfile.*`` and ``Containerfile.*``; ``.git``,
``node_modules``, virtual environments and paths ignored by ``.gitignore`` files are skipped. Symbolic links to
directories are not followed, so a link loop cannot trap the walk.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from fnmatch import fnmatchcase

from linter.records import Record

SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache"}
)
# Files next to Dockerfiles that share their name but are not Dockerfiles.
NOT_DOCKERFILE_SUFFIXES = (".dockerignore", ".md", ".orig", ".rej", ".swp", ".bak", "~")


def is_dockerfile_name(name: str) -> bool:
    lowered = name.lower()
    if lowered.endswith(NOT_DOCKERFILE_SUFFIXES):
        return False
    if lowered in ("dockerfile", "containerfile"):
        return True
    return lowered.endswith(".dockerfile") or lowered.startswith(("dockerfile.", "containerfile."))


class Discovered(Record):
    path: str
    error: str | None = None  # a path the user named that does not exist, or a directory we could not read


MAX_IGNORE_FILE_BYTES = 1024 * 1024


def _read_small_text(path: str) -> str:
    """A regular file's text; opened without blocking, so a FIFO named `.gitignore` cannot hang the walk."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    with open(os.open(path, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IGNORE_FILE_BYTES:
            raise OSError(f"{path}: not a regular file of a sensible size")
        return handle.read(MAX_IGNORE_FILE_BYTES).decode("utf-8", errors="replace")


class _IgnoreRules:
    """``.gitignore`` files met on the way down, each applying to its own directory and below."""

    def __init__(self) -> None:
        self._specs: list[tuple[str, object]] = []

    def push(self, directory: str) -> bool:
        path = os.path.join(directory, ".gitignore")
        try:
            lines = _read_small_text(path).splitlines()
        except OSError:
            return False
        import pathspec

        self._specs.append((directory, pathspec.GitIgnoreSpec.from_lines(lines)))
        return True

    def pop(self) -> None:
        self._specs.pop()

    def ignored(self, path: str, is_dir: bool) -> bool:
        for directory, spec in self._specs:
            relative = os.path.relpath(path, directory).replace(os.sep, "/")
            if relative.startswith(".."):
                continue
            if spec.match_file(relative + "/" if is_dir else relative):  # type: ignore[attr-defined]
                return True
        return False


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> Iterator[Discovered]:
    """Dockerfiles under ``paths`` in a stable order; errors for paths that cannot be read."""
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield Discovered("-")
            continue
        if not os.path.lexists(path):
            yield Discovered(path, error="no such file or directory")
            continue
        if not os.path.isdir(path):
            if path not in seen:
                seen.add(path)
                yield Discovered(path)
            continue
        for found in _walk(os.path.normpath(path), exclude):
            if found.path not in seen:
                seen.add(found.path)
                yield found


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    normalised = path.replace(os.sep, "/").removeprefix("./")
    name = normalised.rsplit("/", 1)[-1]
    return any(fnmatchcase(normalised, pattern) or fnmatchcase(name, pattern) for pattern in exclude)


def _walk(root: str, exclude: tuple[str, ...]) -> Iterator[Discovered]:
    ignore = _IgnoreRules()
    # Iterative depth-first walk; each stack entry is (directory, whether it pushed a .gitignore).
    stack: list[tuple[str, bool] | None] = [(root, False)]
    while stack:
        entry = stack.pop()
        if entry is None:
            ignore.pop()
            continue
        directory, _ = entry
        pushed = ignore.push(directory)
        if pushed:
            stack.append(None)
        try:
            with os.scandir(directory) as iterator:
                entries = sorted(iterator, key=lambda item: item.name)
        except OSError as error:
            yield Discovered(directory, error=f"cannot read directory: {error.strerror or error}")
            continue
        subdirectories = []
        for item in entries:
            path = item.path if directory != "." else item.name
            try:
                is_dir = item.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if item.name in SKIPPED_DIRECTORIES or _is_virtualenv(path):
                    continue
                if ignore.ignored(path, True) or _excluded(path, exclude):
                    continue
                subdirectories.append(path)
            elif is_dockerfile_name(item.name):
                if ignore.ignored(path, False) or _excluded(path, exclude):
                    continue
                yield Discovered(path)
        stack.extend((sub, False) for sub in reversed(subdirectories))
