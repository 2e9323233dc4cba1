"""Reports `pip install <package>` without a pinned (or upper-bounded) version.

## What it does
Flags `pip install`, `pip3 install`, `python -m pip install`, `/venv/bin/pip install` and `uv pip install` of named
packages whose version is not bounded, once per command at the first such package. Counted as pinned:

* `flask==3.0.3`, `flask===3.0.3`, `flask==3.0.*`, the compatible release `flask~=3.0` (`>=3.0, ==3.*`) and any
  specifier with an upper bound (`"flask>=3,<4"`, `'wheel<0.46'`), also with extras and markers
  (`"uvicorn[standard]==0.30.1; python_version >= '3.9'"`) and from a variable (`flask==$FLASK_VERSION`);
* local paths, wheels and archives (`.`, `./pkg`, `/wheels/*.whl`), VCS URLs with a ref
  (`git+https://github.com/org/repo@v1.2#egg=repo`) and archive URLs of a release;
* everything when the versions come from elsewhere: a constraints file (`-c`, `PIP_CONSTRAINT`, `UV_CONSTRAINT`,
  uv's `--override`) or local wheels only (`--no-index`);
* `pip install --upgrade pip setuptools wheel`: upgrading the installer's own tools.

Requirements files (`-r requirements.txt`) are not judged here: pin inside them. `>=` alone, `!=` and `>` do not pin:
they let any newer release in. pipx, pipenv, poetry and `pip download`/`pip wheel` are other tools.

## Why it matters
Without a pin pip installs the newest release on build day: rebuilding the same Dockerfile can ship different code,
and a breaking release fails the build or, worse, the running service. The FastAPI guide installs from a
`requirements.txt` with pinned versions (`fastapi[standard]>=0.113.0,<0.114.0`), and Docker's best practices pin
package versions.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir "fastapi[standard]" "uvicorn>=0.30"
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix
None automatic: pin each package (`pip freeze` shows what is installed) or move them into a requirements file.

## Differences from hadolint
DL3013 counts `>=` as pinned, reports `pipx install` and `pip install --upgrade pip`, accepts `-r` as pinning every
other package of the command, does not see `/venv/bin/pip` or `uv pip install`, and misses exec-form RUN, `sh -c`
strings and commands after a heredoc.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import describe_packages, pip_installs, static_prefix
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Command, PipInstall, Word

CODE = "DF203"
NAME = "pip-version-pinning"
SEVERITY = "warning"
SUMMARY = "pip install of a package without a pinned version"
TWINS: tuple[str, ...] = ("DL3013",)

_INSTALLER_TOOLS = frozenset({"pip", "setuptools", "wheel"})
_ARCHIVES = (".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz", ".egg")
_MOVING_ARCHIVES = frozenset({"main", "master", "develop", "dev", "head", "trunk", "latest"})
_REQUIREMENT = lazy_compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", re.DOTALL)
_OPERATOR = lazy_compile(r"===|==|~=|!=|<=|>=|<|>")
_BOUNDING = frozenset({"===", "==", "~=", "<=", "<"})
_CONSTRAINT_VARIABLES = ("PIP_CONSTRAINT", "UV_CONSTRAINT", "UV_OVERRIDE")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, command, install in pip_installs(dockerfile):
        upgrading = install.has_option("--upgrade")
        unpinned = [
            word
            for word in install.packages
            if _unpinned(word) and not (upgrading and _name(word).lower() in _INSTALLER_TOOLS)
        ]
        if not unpinned or _versions_from_elsewhere(install, instruction, command):
            continue
        spelled = " ".join(word.raw for word in install.command.words[: install.install_index + 1])
        first = unpinned[0]
        example = "a tag or commit in the URL" if _is_url(first) else f"`{_name(first)}==<version>`"
        yield Violation(
            first.span,
            f"`{spelled}` installs {describe_packages(unpinned)} without a pinned version: pin "
            f"{'it' if len(unpinned) == 1 else 'each'} ({example}) or install from a requirements or "
            "constraints file",
        )


def _versions_from_elsewhere(install: PipInstall, instruction: Instruction, command: Command) -> bool:
    """A constraints file or local wheels decide the versions."""
    if install.has_option("--constraint", "--no-index") or (install.tool == "uv" and install.has_option("--override")):
        return True
    environment = {assignment.name for assignment in (*command.env, *install.command.env)}
    for script in instruction.scripts:
        environment.update(assignment.name for assignment in getattr(script, "assignments", ()))
    return any(name in environment or name in instruction.variables for name in _CONSTRAINT_VARIABLES)


def _is_url(word: Word) -> bool:
    return "://" in word.value or word.value.startswith(("git+", "hg+", "svn+", "bzr+"))


def _name(word: Word) -> str:
    match = _REQUIREMENT.match(static_prefix(word).strip())
    return match.group(1) if match else word.value


def _unpinned(word: Word) -> bool:
    """Whether a pip operand installs a moving version; unknown operands (`$PKG`, `$(cat x)`) are not reported."""
    if not word.is_static:
        return False  # `flask==$VERSION` is pinned, `$PACKAGES` unknown
    text = word.value.split(";", 1)[0].strip()  # environment markers
    if not text or text.startswith("-"):
        return False
    if " @ " in text:
        return _url_moves(text.split(" @ ", 1)[1].strip())
    if "://" in text or text.startswith(("git+", "hg+", "svn+", "bzr+")):
        return _url_moves(text)
    if text.startswith((".", "/", "~")) or "/" in text or "\\" in text or text.lower().endswith(_ARCHIVES):
        return False  # a local project, wheel or archive
    match = _REQUIREMENT.fullmatch(text)
    if match is None or set(text) & set("*?$"):
        return False
    operators = _OPERATOR.findall(match.group(3))
    return not _BOUNDING.intersection(operators)


def _url_moves(url: str) -> bool:
    """A VCS URL without a ref, or an archive of a branch (`…/archive/main.zip`)."""
    url = url.split("#", 1)[0]
    if url.startswith(("git+", "hg+", "svn+", "bzr+")):
        path = url.split("://", 1)[-1]
        path = path.split("/", 1)[1] if "/" in path else ""
        return "@" not in path
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    for suffix in _ARCHIVES:
        if name.endswith(suffix):
            return name[: -len(suffix)] in _MOVING_ARCHIVES
    return False
