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
None automatic yet (moving instructions can change what the install sees). Copy (or bind-mount) only the files the
install reads, run the install, then copy the code; the message names those files. For `uv sync`, `poetry install`
and `pdm install`, install the dependencies without the project first (`--no-install-project`, `--no-root`,
`--no-self`) and run the install again after copying the code.

## Differences from peers
hadolint and BuildKit have no such check. dockerfile-doctor (DD006) and docker-lens-cli (REL004) look for `COPY . .`
before `pip install`; this rule also knows the other package managers, `COPY ./app`-style directory copies, exec-form
and heredoc installs, and the two-phase patterns above, which it does not report.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter.installs import (
    DependencyInstall,
    InstallKind,
    SourceKind,
    classify_source,
    dependency_installs,
    iter_sources,
)
from linter.model import Dockerfile, Instruction, Stage
from linter.rule import RuleContext, Violation

CODE = "DF201"
NAME = "code-before-dependencies"
SEVERITY = "warning"
SUMMARY = "Source code is copied before the dependencies are installed, so every code change reinstalls them"
TWINS: tuple[str, ...] = ()
FIXABLE = False


@dataclass(frozen=True)
class _CodeCopy:
    instruction: Instruction
    position: int


@dataclass(frozen=True)
class _Install:
    install: DependencyInstall
    position: int


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        inherited = _installs_of(_base_stages(dockerfile, stage))
        yield from _check_sequence(stage.body, inherited)
        # ONBUILD triggers run in order in the images built FROM this one, after everything this stage did.
        triggers = [i.trigger for i in stage.body if i.trigger is not None]
        yield from _check_sequence(triggers, inherited + _installs_of([stage]))


def _base_stages(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    """The stages this one is built FROM, nearest first."""
    bases: list[Stage] = []
    current = stage
    while current.base_stage_index is not None:  # always an earlier stage: no cycles
        current = dockerfile.stages[current.base_stage_index]
        bases.append(current)
    return bases


def _installs_of(stages: Sequence[Stage]) -> list[DependencyInstall]:
    """Installs already in the layers of these stages (a base image built FROM them starts with them)."""
    return [install for stage in stages for i in stage.body for install in dependency_installs(i)]


def _check_sequence(instructions: Sequence[Instruction], inherited: list[DependencyInstall]) -> Iterator[Violation]:
    copies: list[_CodeCopy] = []
    installs: list[_Install] = []
    for position, instruction in enumerate(instructions):
        if instruction.keyword in ("COPY", "ADD") and _copies_code(instruction):
            copies.append(_CodeCopy(instruction, position))
        elif instruction.keyword == "RUN":
            installs.extend(_Install(install, position) for install in dependency_installs(instruction))
    for copy in copies:
        earlier = inherited + [item.install for item in installs if item.position < copy.position]
        later = (item.install for item in installs if item.position > copy.position)
        expensive = next((install for install in later if not _is_cheap(install, earlier)), None)
        if expensive is not None:
            yield _violation(copy.instruction, expensive)


def _copies_code(instruction: Instruction) -> bool:
    """Whether a COPY/ADD brings source code of the build context (unknown sources never count)."""
    return any(
        source is not None and classify_source(source, destination) is SourceKind.CODE
        for source, destination in iter_sources(instruction)
    )


def _is_cheap(install: DependencyInstall, earlier: Sequence[DependencyInstall]) -> bool:
    """An install after the code copy that re-runs quickly because the dependencies are already in a cached layer."""
    if install.offline:
        return True
    same_ecosystem = [e for e in earlier if e.ecosystem == install.ecosystem]
    if not same_ecosystem:
        return False
    if install.kind is InstallKind.PROJECT:
        return True  # `pip install -e .`, `uv sync`, `poetry install` after the dependencies: only the project is new
    already_read = frozenset().union(*(e.reads for e in same_ecosystem))
    return install.reads <= already_read


def _violation(copy: Instruction, install: DependencyInstall) -> Violation:
    copied = " ".join(word for _, _, word in copy.words)
    if len(copied) > 60:
        copied = copied[:59].rstrip() + "…"
    message = (
        f"`{copy.keyword_text} {copied}` copies source code (line {copy.line}) before `{install.text}` installs "
        f"dependencies at line {install.span.start_line}: every code change invalidates the cache and reinstalls "
        f"them; {install.advice}"
    )
    return Violation(copy.arguments_span, message)
