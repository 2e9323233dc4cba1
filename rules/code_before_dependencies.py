"""Reports source code copied into a stage before the stage installs its dependencies.

## What it does
Flags a `COPY`/`ADD` of source code from the build context (`COPY . .`, `COPY ./app /code/app`, `COPY src/ .`,
`ADD . /src`, `COPY main.py .`) that comes before a dependency install in the same stage: `pip install -r …`,
`pip install .`/`-e .`, `uv pip install -r …`, `uv pip sync`, `pip-sync`, `uv sync`, `poetry install`,
`pipenv install`/`sync`, `pdm install`/`sync`, `npm ci`/`npm install`, `yarn`, `pnpm install`/`fetch`,
`bun install`, `bundle install`, `go mod download`, `composer install`, `cargo fetch`, in shell-form or exec-form
`RUN`, heredoc scripts and `sh -c` strings. ONBUILD triggers are checked as their own sequence.

It stays quiet on the patterns that keep the dependency layer cached:

* only manifests before the install: `COPY requirements.txt .`, `COPY pyproject.toml uv.lock ./`,
  `COPY package*.json ./`, `COPY go.mod go.sum ./`, `COPY Gemfile Gemfile.lock ./`, or
  `RUN --mount=type=bind,source=requirements.txt,…` bind mounts;
* a cheap second install after the code: `uv sync --no-install-project` (or `--no-install-workspace`) before
  `COPY . .` and `uv sync` after it; `poetry install --no-root` then `poetry install`; `pip install -r
  requirements.txt` then `pip install -e .` (the dependencies are already installed, so only the project itself is
  installed again). The first install may also sit in a stage this one is built `FROM` (and, for ONBUILD triggers,
  anywhere in the stage). A second install that reads a requirements file no earlier install read
  (`pip install -r requirements-dev.txt`) is still reported;
* installs that read no file of the context: `pip install flask==3.0`, `npm install -g pm2`, `yarn add x`;
  project installs without dependencies (`pip install --no-deps .`, `poetry install --only-root`); offline installs
  from local wheels (`pip install --no-index --find-links /wheels -r requirements.txt`);
* copies that are not code: `COPY --from=<stage or image>`, heredoc sources, URLs, single configuration files,
  scripts, documents and archives (`COPY nginx.conf /etc/nginx/`, `COPY entrypoint.sh /`), sources behind unknown
  variables.

## Why it matters
Docker caches each layer until something it depends on changes; a changed file in a `COPY` invalidates that layer
and every layer after it. With the code copied first, every code change re-runs the dependency install: slow builds
and a fresh download of every package. The FastAPI guide copies `requirements.txt` first ("doesn't change often"),
installs, and copies `./app` last; Docker's "Optimize cache usage" guide (Order your layers) and uv's Docker guide
(Intermediate layers) give the same order.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
WORKDIR /code
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
```

## Fix
Unsafe (`--unsafe-fixes`; review it: the install now runs before the code is in the image), when the manifests are
known from the install command and the build context next to the Dockerfile shows them, and the install is a `RUN`
of its own right after the code `COPY` (nothing but `COPY`, `LABEL` or `EXPOSE` between them):

* `pip install … -r <file>` (or `uv pip install -r`, with `-c` constraint files too), when the files name no other
  file (`-r base.txt`, `-e .`, local paths): a `COPY` of just those files, from where the code `COPY` takes them,
  and the `RUN` (verbatim, flags, continuation lines and the comments above it included) move in front of the code
  `COPY`;
* `uv sync`, when `pyproject.toml` and `uv.lock` sit in the working directory and the project has no workspace or
  `[tool.uv.sources]` (which read other local paths): uv's two phases, a `COPY` of `pyproject.toml`, `uv.lock` (and
  `.python-version` when there is one), the same `RUN` with `--no-install-project`, then the code `COPY` and the
  original `uv sync`.

```dockerfile
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
```
becomes
```dockerfile
COPY requirements.txt requirements.txt
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
```

None otherwise: copy (or bind-mount) only the files the install reads, run the install, then copy the code; the
message names those files. For `uv sync`, `poetry install` and `pdm install`, install the dependencies without the
project first (`--no-install-project`, `--no-root`, `--no-self`) and run the install again after copying the code.

## Differences from peers
hadolint and BuildKit have no such check. dockerfile-doctor (DD006) and docker-lens-cli (REL004) look for `COPY . .`
before `pip install`; this rule also knows the other package managers, `COPY ./app`-style directory copies, exec-form
and heredoc installs, and the two-phase patterns above, which it does not report.
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence

from linter.installs import (
    DependencyInstall,
    InstallKind,
    SourceKind,
    classify_source,
    installs_of,
    iter_sources,
)
from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.shell import pip_install
from linter.source import dequote, shell_words

CODE = "DF201"
NAME = "code-before-dependencies"
SEVERITY = "warning"
SUMMARY = "Source code is copied before the dependencies are installed, so every code change reinstalls them"
TWINS: tuple[str, ...] = ()
FIXABLE = True


Installs = tuple[DependencyInstall, ...]


class _CodeCopy(Record):
    instruction: Instruction
    position: int


class _Install(Record):
    install: DependencyInstall
    position: int


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    def installs(instruction: Instruction) -> Installs:
        return installs_of(dockerfile, instruction)

    chain_keys: dict[int, frozenset[_Key]] = {}  # stage index -> what its chain of stages has installed
    for stage in dockerfile.stages:
        body = stage.body
        # ONBUILD triggers run in order in the images built FROM this one, after everything this stage did.
        triggers = [i.trigger for i in body if i.trigger is not None]
        code_copies = {i for i in (*body, *triggers) if i.keyword in ("COPY", "ADD") and _copies_code(i)}
        if not code_copies:
            continue  # every finding is at a code copy: the installs need not be looked at
        if not triggers and not _run_follows(body, code_copies):
            continue  # only an install after a code copy is reported, and installs are in RUNs
        inherited = _installed_by_chain(dockerfile, stage.base_stage_index, installs, chain_keys)
        yield from _check_sequence(body, code_copies, installs, inherited, _Fixer(dockerfile, body, context))
        if triggers:
            own = _installed_by_chain(dockerfile, stage.index, installs, chain_keys)
            yield from _check_sequence(triggers, code_copies, installs, own)


def _run_follows(body: Sequence[Instruction], code_copies: set[Instruction]) -> bool:
    """Whether a RUN comes after the first of the code copies in ``body``."""
    copied = False
    for instruction in body:
        if instruction in code_copies:
            copied = True
        elif copied and instruction.keyword == "RUN":
            return True
    return False


# (ecosystem, None) stands for any install of the ecosystem; (ecosystem, file) for an install that reads the file.
_Key = tuple[str, str | None]


def _keys(install: DependencyInstall) -> Iterator[_Key]:
    yield install.ecosystem, None
    for read in install.reads:
        yield install.ecosystem, read


def _installed_by_chain(
    dockerfile: Dockerfile,
    stage_index: int | None,
    installs_of_run: Callable[[Instruction], Installs],
    known: dict[int, frozenset[_Key]],
) -> frozenset[_Key]:
    """What the stage at ``stage_index`` and the stages it is built FROM have installed (empty for None).

    Each stage's answer is kept in ``known``, so that a chain of stages built each FROM the previous one is walked
    once, not once from every stage of it.
    """
    missing: list[Stage] = []
    index = stage_index
    while index is not None and index not in known:  # the base is always an earlier stage: no cycles
        missing.append(dockerfile.stages[index])
        index = dockerfile.stages[index].base_stage_index
    keys = known[index] if index is not None else frozenset()
    for stage in reversed(missing):  # from the root down
        own = {key for instruction in stage.body for install in installs_of_run(instruction) for key in _keys(install)}
        keys = keys | own if own - keys else keys
        known[stage.index] = keys
    return keys


def _check_sequence(
    instructions: Sequence[Instruction],
    code_copies: set[Instruction],
    installs_of_run: Callable[[Instruction], Installs],
    inherited: frozenset[_Key],
    fixer: Callable[[_CodeCopy, _Install], Fix | None] | None = None,
) -> Iterator[Violation]:
    """Findings for the code copies among ``instructions``; ``inherited``: what is already installed in the image
    when the first of them runs."""
    copies = [_CodeCopy(i, position) for position, i in enumerate(instructions) if i in code_copies]
    if not copies:
        return
    runs = [(position, i) for position, i in enumerate(instructions) if i.keyword == "RUN"]
    # Only an install after a code copy can be reported: the others matter only when there is one.
    if not any(installs_of_run(run) for position, run in runs if position > copies[0].position):
        return
    installs = [_Install(install, position) for position, run in runs for install in installs_of_run(run)]
    first = _first_positions(inherited, installs)
    positions = [item.position for item in installs]
    for copy in copies:
        later = (installs[index] for index in range(bisect_right(positions, copy.position), len(installs)))
        expensive = next((item for item in later if not _is_cheap(item.install, copy.position, first)), None)
        if expensive is not None:
            fix = fixer(copy, expensive) if fixer else None
            yield _violation(copy.instruction, expensive.install, fix)


def _copies_code(instruction: Instruction) -> bool:
    """Whether a COPY/ADD brings source code of the build context (unknown sources never count)."""
    return any(
        source is not None and classify_source(source, destination) is SourceKind.CODE
        for source, destination in iter_sources(instruction)
    )


# (ecosystem, None) -> the position of its first install; (ecosystem, file) -> of the first install that reads it.
_FirstPositions = dict[_Key, int]


def _first_positions(inherited: frozenset[_Key], installs: Sequence[_Install]) -> _FirstPositions:
    """Where each ecosystem is first installed and each file first read (inherited installs at -1), in one pass: a
    copy compares the installs after it with those before it, which would otherwise be quadratic."""
    first: _FirstPositions = dict.fromkeys(inherited, -1)
    for item in installs:  # in order
        for key in _keys(item.install):
            first.setdefault(key, item.position)
    return first


def _is_cheap(install: DependencyInstall, copy_position: int, first: _FirstPositions) -> bool:
    """An install after the code copy that re-runs quickly because the dependencies are already in a cached layer:
    an install of its ecosystem before the copy read every file it reads."""
    if install.offline:
        return True
    if first[(install.ecosystem, None)] >= copy_position:
        return False  # nothing of its ecosystem was installed before the copy
    if install.kind is InstallKind.PROJECT:
        return True  # `pip install -e .`, `uv sync`, `poetry install` after the dependencies: only the project is new
    return all(first[(install.ecosystem, read)] < copy_position for read in install.reads)


def _violation(copy: Instruction, install: DependencyInstall, fix: Fix | None = None) -> Violation:
    copied = " ".join(word for _, _, word in copy.words)
    if len(copied) > 60:
        copied = copied[:59].rstrip() + "…"
    message = (
        f"`{copy.keyword_text} {copied}` copies source code (line {copy.line}) before `{install.text}` installs "
        f"dependencies at line {install.span.start_line}: every code change invalidates the cache and reinstalls "
        f"them; {install.advice}"
    )
    return Violation(copy.arguments_span, message, fix)


# ------------------------------------------------------------------------------------------------------------------
# The unsafe fix: copy the manifests, install, then copy the code
# ------------------------------------------------------------------------------------------------------------------


class _Fixer:
    """The fixes of one stage's findings; the working directory before each instruction is worked out for the first."""

    def __init__(self, dockerfile: Dockerfile, body: Sequence[Instruction], context: RuleContext) -> None:
        self._dockerfile, self._body, self._context = dockerfile, body, context
        self._workdirs: list[str | None] | None = None

    def __call__(self, copy: _CodeCopy, install: _Install) -> Fix | None:
        if self._workdirs is None:
            self._workdirs = _workdirs_before(self._body)
        workdir = self._workdirs[copy.position]
        return _move_install_fix(self._dockerfile, self._body, copy, install, workdir, self._context)


_BETWEEN = frozenset({"COPY", "LABEL", "EXPOSE"})  # instructions the install may move across
# A requirements line that reads another file or a local path: the manifest alone would not install.
_READS_OTHER_FILE = lazy_compile(
    r"^\s*(?:-r|-c|-e|--requirement|--constraint|--editable|\.|/|~|file:)|\s(?:-r|-c|-e)\s", re.IGNORECASE
)
_PLAIN_PATH = lazy_compile(r"[A-Za-z0-9_./@+-]+")
_UNKNOWN_WORKDIR = "/.workdir-of-the-base-image"


def _move_install_fix(
    dockerfile: Dockerfile,
    body: Sequence[Instruction],
    code_copy: _CodeCopy,
    expensive: _Install,
    workdir: str | None,
    context: RuleContext,
) -> Fix | None:
    """``workdir``: the working directory at the code COPY (None when it cannot be known)."""
    copy, install = code_copy.instruction, expensive.install
    run = install.instruction
    if copy.keyword != "COPY" or copy.is_trigger or run.is_trigger or copy.flag("from") or copy.is_exec_form:
        return None
    if copy.heredocs or run.heredocs or len(run.commands) != 1 or run.commands[0].span != install.command.span:
        return None  # the RUN does more than the install: moving it could move work that needs the code
    position, run_position = code_copy.position, expensive.position  # in the body
    if run_position <= position or any(i.keyword not in _BETWEEN for i in body[position + 1 : run_position]):
        return None
    copied = [dequote(word) for _, _, word in shell_words(copy.arguments)]
    if len(copied) != 2 or not all(_PLAIN_PATH.fullmatch(word) for word in copied):
        return None
    if workdir is None:
        return None
    source = "" if posixpath.normpath(copied[0]) == "." else posixpath.normpath(copied[0])
    if source.startswith(("..", "/")) or (source and context.read_context_file(source) is not None):
        return None  # outside the context, or a single file
    destination = posixpath.normpath(posixpath.join(workdir, copied[1]))

    def in_context(path_in_image: str) -> str | None:
        """Where the code COPY takes the file it puts at ``path_in_image`` from."""
        prefix = destination.rstrip("/") + "/"
        if not path_in_image.startswith(prefix):
            return None
        return posixpath.normpath(posixpath.join(source, path_in_image[len(prefix) :]))

    lines = dockerfile.lines
    # The comment lines right above an instruction (a note, a suppression comment) move with it; what sits between
    # the COPY and the install (blank lines, a LABEL) stays between them. One edit over whole lines.
    copy_start = _first_line_with_comments(lines, copy.line, 0)
    run_start = _first_line_with_comments(lines, run.line, copy.span.end_line)
    copy_block = lines[copy_start - 1 : copy.span.end_line]
    between = lines[copy.span.end_line : run_start - 1]
    run_block = lines[run_start - 1 : run.span.end_line]
    replaced = Span(copy_start, 1, run.span.end_line, len(lines[run.span.end_line - 1]) + 1)
    flags = copy.text[len(copy.keyword_text) : copy.arguments_offset].rstrip()

    def copy_line(context_path: str, named: str) -> str:
        return f"{copy.keyword_text}{flags} {context_path} {named}"

    pip = pip_install(install.command)
    if pip is not None and pip.requirement_files:
        # pip: copy the requirements files, install, then copy the code (the install moves, verbatim).
        manifests: list[tuple[str, str]] = []  # (path in the context, path as the install names it)
        for word in (*pip.requirement_files, *pip.constraint_files):
            if not word.is_static or not _PLAIN_PATH.fullmatch(word.value):
                return None
            context_path = in_context(posixpath.normpath(posixpath.join(workdir, word.value)))
            text = context.read_context_file(context_path) if context_path else None
            if text is None or any(_READS_OTHER_FILE.search(line.split("#", 1)[0]) for line in text.splitlines()):
                return None
            manifests.append((context_path, word.value))  # type: ignore[arg-type]
        new_lines = [*(copy_line(*pair) for pair in manifests), *run_block, *between, *copy_block]
        names = " and ".join(context_path for context_path, _ in manifests)
        description = f"Copy {names}, install, then copy the code"
    elif install.tool == "uv" and install.kind is InstallKind.PROJECT:
        # uv: the guide's two phases, `uv sync --no-install-project` on the manifests, then the original after the code.
        phase_one = _without_project(install, run_block, run_start)
        files = _uv_manifests(workdir, in_context, context)
        if phase_one is None or files is None:
            return None
        new_lines = [*(copy_line(*pair) for pair in files), *phase_one, *between, *copy_block, *run_block]
        description = "Copy pyproject.toml and uv.lock, `uv sync --no-install-project`, then copy the code and sync"
    else:
        return None
    return Fix(description, (Edit(replaced, "\n".join(new_lines)),), safe=False, changes_structure=True)


_UV_PROJECT_OPTIONS = frozenset({"--project", "--directory", "--package", "--all-packages", "--script"})
# Sections that make the project read other local paths (workspace members, path sources): not a manifest alone.
_UV_LOCAL_SOURCES = lazy_compile(r"^\s*\[\s*tool\.uv\.(?:workspace|sources)\b", re.MULTILINE)


def _without_project(install: DependencyInstall, run_block: Sequence[str], run_start: int) -> list[str] | None:
    """The install's lines with `--no-install-project` right after `sync` (None when that word cannot be found
    literally, or the command picks its project itself)."""
    words = install.command.words
    if any(word.value.split("=", 1)[0] in _UV_PROJECT_OPTIONS for word in words):
        return None
    sync = next((word for word in words if word.is_static and word.value == "sync"), None)
    if sync is None or sync.span.start_line != sync.span.end_line:
        return None
    index = sync.span.end_line - run_start
    if not 0 <= index < len(run_block):
        return None
    line, column = run_block[index], sync.span.end_column - 1
    if line[sync.span.start_column - 1 : column] != "sync":
        return None
    return [*run_block[:index], f"{line[:column]} --no-install-project{line[column:]}", *run_block[index + 1 :]]


def _uv_manifests(
    workdir: str, in_context: Callable[[str], str | None], context: RuleContext
) -> list[tuple[str, str]] | None:
    """(path in the context, path in the image relative to the WORKDIR) of pyproject.toml, uv.lock and, when there
    is one, .python-version; None unless the first two are there and the project reads no other local path."""
    found: list[tuple[str, str]] = []
    for name in ("pyproject.toml", "uv.lock", ".python-version"):
        context_path = in_context(posixpath.join(workdir, name))
        text = context.read_context_file(context_path) if context_path else None
        if text is None:
            if name == ".python-version":
                continue
            return None
        if name == "pyproject.toml" and _UV_LOCAL_SOURCES.search(text):
            return None
        found.append((context_path, name))  # type: ignore[arg-type]
    return found


def _first_line_with_comments(lines: Sequence[str], line: int, after: int) -> int:
    """The first of the comment lines directly above ``line`` (not above line ``after``), or ``line`` itself."""
    while line - 1 > after and lines[line - 2].lstrip().startswith("#"):
        line -= 1
    return line


def _workdirs_before(instructions: Sequence[Instruction]) -> list[str | None]:
    """The working directory before each of these instructions (a placeholder for the base image's when none is set;
    None from a WORKDIR that is not a plain path on)."""
    workdirs: list[str | None] = []
    workdir: str | None = _UNKNOWN_WORKDIR
    for instruction in instructions:
        workdirs.append(workdir)
        if workdir is not None and instruction.keyword == "WORKDIR":
            path = instruction.arguments.strip()
            workdir = posixpath.normpath(posixpath.join(workdir, path)) if _PLAIN_PATH.fullmatch(path) else None
    return workdirs
