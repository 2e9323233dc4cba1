"""Suggests `-slim` over `python:*-alpine` when the build installs a C toolchain for pip.

## What it does
Reports, once per stage, an `apk add` of a compiler toolchain — `build-base`, `gcc`, `g++`, `clang`, `musl-dev`,
`cargo` or `rust` — in a stage whose base image (through `ARG`s and earlier stages) is `python:*-alpine*`, when the
same `RUN`, or the stage (or a stage built `FROM` it) later, installs Python packages (`pip install`, `pip wheel`,
`uv pip install`, `uv sync`, `poetry install`, `pipenv install`, `pdm install`). `apk add --virtual .build-deps …`
counts too. In the second case it stays quiet when the stages also build other code (`make`, `cmake`, `gcc`,
`go build`, `cargo build`, `./configure`): the compiler may be there for that. `ONBUILD` triggers are not looked at.

## Why it matters
The Alpine images use musl instead of glibc. Wheels built for glibc (`manylinux`) do not install there, so pip
falls back to the source distribution and compiles it, which is why the toolchain is needed: builds get slower
(minutes for `numpy`, `pandas`, `cryptography` or `grpcio`), need `*-dev` packages, and break when a package's build
needs something new. The `python:*-slim` images are Debian with glibc: `pip install` uses ready-made wheels and the
toolchain (and its removal) goes away. The deprecated `tiangolo/uvicorn-gunicorn-fastapi` README warns "You probably
shouldn't use Alpine for Python projects, instead use the `slim` Docker image versions"; the image docs say musl
"software will often run into issues depending on the depth of their libc requirements/assumptions"
(`docker-library/docs` `variant-alpine.md`), and that `-slim` installs "if a suitable built distribution is
available". It is info only: since PEP 656 (`musllinux` wheels) many packages do ship Alpine wheels, and an Alpine
image may still be the smaller one.

## Example
```dockerfile
FROM python:3.12-alpine
RUN apk add --no-cache build-base libffi-dev
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix
None automatic: switching the base image changes the distribution (`apk` becomes `apt-get`, package names differ),
so the change needs a rebuild and a look at every `apk` line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.images import parse_image
from linter.installs import dependency_installs
from linter.model import Dockerfile, Instruction, Stage
from linter.packages import package_commands, root_image
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Word, command_basename, pip_install
from linter.uv import uv_commands

CODE = "DF232"
NAME = "python-alpine-toolchain"
SEVERITY = "info"
SUMMARY = "`python:*-alpine` with a C toolchain for pip: musl needs source builds, `-slim` has wheels"
TWINS: tuple[str, ...] = ()
FIXABLE = False

_TOOLCHAIN = frozenset({"build-base", "gcc", "g++", "clang", "musl-dev", "cargo", "rust"})
_VERSION = lazy_compile(r"[=<>~].*$")
# Commands that compile something other than a Python package: the toolchain may be there for them.
_OTHER_BUILDS = frozenset({"make", "cmake", "gcc", "cc", "g++", "c++", "clang", "configure", "ninja", "meson"})


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for stage in dockerfile.stages:
        base = _alpine_python(dockerfile, stage)
        if base is None:
            continue
        toolchain = _first_toolchain(stage)
        if toolchain is None:
            continue
        instruction, words = toolchain
        if not _installs_python_packages(dockerfile, stage, instruction):
            continue
        names = ", ".join(f"`{word.value}`" for word in words)
        suggestion = base.replace("-alpine", "-slim", 1) if "-alpine" in base else "python:3.x-slim"
        suggestion = re.sub(r"-slim\d+(\.\d+)*", "-slim", suggestion)
        message = (
            f"The stage is based on `{base}` (musl) and installs {names} so that pip can compile packages from "
            "source: glibc-only `manylinux` wheels do not fit Alpine. On a `-slim` base "
            f"(`{suggestion}`) pip installs ready-made wheels, with no toolchain and faster, more reliable builds."
        )
        yield Violation(words[0].span, message)


def _alpine_python(dockerfile: Dockerfile, stage: Stage) -> str | None:
    """The stage's root image when it is `python:*-alpine*` (ARG-resolved, through earlier stages)."""
    image_text = root_image(dockerfile, stage.from_instruction)
    image = parse_image(image_text) if image_text else None
    if image is None or image.repository != "python" or image.registry is not None:
        return None
    if image.tag is None or "alpine" not in image.tag:
        return None
    return image_text


def _first_toolchain(stage: Stage) -> tuple[Instruction, list[Word]] | None:
    for instruction in stage.instructions:
        for found in package_commands(instruction, "apk"):
            if found.subcommand != "add":
                continue
            words = [w for w in found.static_operands if _VERSION.sub("", w.value) in _TOOLCHAIN]
            if words:
                return instruction, words
    return None


def _installs_python_packages(dockerfile: Dockerfile, stage: Stage, toolchain: Instruction) -> bool:
    """Whether the toolchain's RUN installs Python packages, or the stage (or a stage built FROM it) does and builds
    nothing else with the toolchain (`go build`, `make`, `cargo build`…: the compiler may be for that)."""
    if _python_install(toolchain):
        return True
    family = {stage.index}
    for other in dockerfile.stages[stage.index + 1 :]:
        if other.base_stage_index in family:
            family.add(other.index)
    runs = [
        instruction
        for index in sorted(family)
        for instruction in dockerfile.stages[index].instructions
        if instruction.keyword == "RUN"
    ]
    if any(_builds_other_code(instruction) for instruction in runs):
        return False
    return any(_python_install(instruction) for instruction in runs)


def _python_install(instruction: Instruction) -> bool:
    if any(install.ecosystem == "python" for install in dependency_installs(instruction)):
        return True
    if any(uv.installs for uv in uv_commands(instruction)):
        return True
    for command in instruction.commands:
        if pip_install(command) is not None:
            return True
        words = command.effective().words
        if len(words) > 1 and (command_basename(words[0]) or "").startswith("pip") and words[1].value == "wheel":
            return True
    return False


def _builds_other_code(instruction: Instruction) -> bool:
    for command in instruction.commands:
        words = command.effective().words
        name = command_basename(words[0]) if words else None
        if name in _OTHER_BUILDS:
            return True
        if name in ("go", "cargo") and len(words) > 1 and words[1].value in ("build", "install"):
            return True
    return False
