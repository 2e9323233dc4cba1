"""Where a report's files are: paths relative to the repository root, for CI systems that place findings in a repo.

GitHub code scanning, workflow annotations and GitLab Code Quality all expect paths relative to the root of the
checked-out repository, whatever directory lintainer ran in and however the user spelled the paths.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from linter.engine import FileResult
from linter.regex import lazy_compile

_WHITESPACE = lazy_compile(r"\s+")


def repository_root(start: str | None = None) -> str:
    """The top level of the git work tree holding ``start`` (default: the cwd), else ``start`` itself."""
    directory = Path(os.path.abspath(start or os.getcwd()))
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():  # a directory, or a file in worktrees and submodules
            return str(candidate)
    return str(directory)


def relative_path(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with forward slashes, or None when it lies outside ``root``."""
    relative = os.path.relpath(os.path.abspath(path), root or os.getcwd())
    if relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative):
        return None
    return relative.replace(os.sep, "/")


def display_path(path: str, root: str) -> str:
    """The path to show a CI system: relative to the root when inside it, else absolute."""
    return relative_path(path, root) or os.path.abspath(path)


def artifact_uri(path: str, root: str) -> tuple[str, bool]:
    """A URI for ``path`` and whether it is relative to the root (SARIF's ``%SRCROOT%``)."""
    relative = relative_path(path, root)
    if relative is not None:
        return quote(relative, safe="/"), True
    return Path(os.path.abspath(path)).as_uri(), False


def root_uri(root: str) -> str:
    uri = Path(root or os.getcwd()).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def fingerprints(result: FileResult, root: str) -> list[str]:
    """A stable fingerprint for each finding of ``result``, in order.

    Built from the root-relative path, the rule code, the finding's source line with whitespace normalised, and the
    finding's rank among findings with the same code and line text: adding or removing lines elsewhere in the file
    moves a finding without changing its fingerprint, so CI systems do not report it as fixed and new again.
    """
    import hashlib  # here, not at the top: only SARIF and GitLab reports have fingerprints (3 ms to import)

    lines = _source_lines(result)
    path = display_path(result.path, root)
    seen: Counter[tuple[str, str]] = Counter()
    prints = []
    for finding in result.findings:
        index = finding.span.start_line - 1
        text = _WHITESPACE.sub(" ", lines[index]).strip() if 0 <= index < len(lines) else ""
        occurrence = seen[(finding.code, text)]
        seen[(finding.code, text)] += 1
        material = "\0".join((path, finding.code, text, str(occurrence)))
        prints.append(hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest())
    return prints


def _source_lines(result: FileResult) -> tuple[str, ...]:
    # A result from a worker process or the cache carries the lines its findings need (FileResult.lines) instead of
    # the parsed model; older engines only have the model.
    lines = getattr(result, "lines", None)
    if lines is None and result.dockerfile is not None:
        lines = result.dockerfile.lines
    return tuple(lines or ())
