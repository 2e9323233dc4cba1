"""Suggests compiling bytecode when uv installs the packages of the final image.

## What it does
Reports, once per stage, the first `uv sync`, `uv pip install` or `uv pip sync` of a stage whose files reach the
final image — the final stage, the stages it is built `FROM`, and the stages it copies from with `COPY --from`
(the builder that makes `/app/.venv`), transitively — when no uv install of that stage compiles bytecode:
neither `--compile-bytecode` (`--compile` in the pip interface) nor `UV_COMPILE_BYTECODE` set to a true value
(inline, an earlier `export` in the same `RUN`, `ENV`, an `ARG` default) nor `compile-bytecode` in the build
context's `uv.toml` or `pyproject.toml` `[tool.uv]`.

Stays quiet when the setting cannot be known (`ARG UV_COMPILE_BYTECODE` without default, options in `$UV_FLAGS`),
when a `RUN` of the stage or of the final stage compiles the code itself (`python -m compileall`), and for stages
whose files never reach the final image (tests, linting). `ONBUILD` triggers are not looked at.

## Why it matters
Unlike pip, uv does not compile `.py` files to bytecode when it installs them. Each container then compiles every
module it imports on first use, at start-up, and since the image is read-only in spirit (and often run as a non-root
user that cannot write to `site-packages`), it does so again in every new container. The uv Docker guide
(`astral-sh/uv` `docs/guides/integration/docker.md`, "Compiling bytecode") calls compiling "typically desirable for
production images as it tends to improve startup time (at the cost of increased installation time)", with
`RUN uv sync --compile-bytecode` or `ENV UV_COMPILE_BYTECODE=1`, and notes that the official `python` images do not
precompile even the standard library. It is info only: the image grows and the build takes longer, a trade-off that
a short-lived CLI or a development image may not want.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
WORKDIR /app
COPY . .
RUN uv sync --locked --no-cache
CMD ["/app/.venv/bin/fastapi", "run", "app/main.py"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
ENV UV_COMPILE_BYTECODE=1
WORKDIR /app
COPY . .
RUN uv sync --locked --no-cache
CMD ["/app/.venv/bin/fastapi", "run", "app/main.py"]
```

## Fix
None automatic: add `ENV UV_COMPILE_BYTECODE=1` before the stage's uv installs (it covers all of them), or
`--compile-bytecode` to the last one.

## Differences from peers
No other Dockerfile linter knows uv.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Stage
from linter.rule import RuleContext, Violation
from linter.shell import command_basename
from linter.stages import stage_named
from linter.uv import UvCommand, configured, flag_setting, uv_commands_in

CODE = "DF229"
NAME = "uv-compile-bytecode"
SEVERITY = "info"
SUMMARY = "uv installs the final image's packages without compiling bytecode (slower container start)"
TWINS: tuple[str, ...] = ()
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    # ONBUILD triggers install in other images.
    all_installs = [uv for uv in uv_commands_in(dockerfile) if uv.installs and not uv.instruction.is_trigger]
    if not all_installs:
        return
    stages = _stages_reaching_final(dockerfile)
    if not stages:
        return
    final = dockerfile.final_stage
    assert final is not None
    final_compiles = _compiles_itself(dockerfile, final)
    config: bool | None = None
    for stage in dockerfile.stages:
        if stage.index not in stages:
            continue
        installs = [uv for uv in all_installs if uv.instruction.stage_index == stage.index]
        if not installs or final_compiles or _compiles_itself(dockerfile, stage):
            continue
        settings = [flag_setting(uv, ("--compile-bytecode",), "UV_COMPILE_BYTECODE").on for uv in installs]
        if any(setting is not False for setting in settings):
            continue
        if config is None:
            config = configured(context.read_context_file, "compile-bytecode")
        if config:
            continue
        yield _violation(installs[0], len(installs))


def _stages_reaching_final(dockerfile: Dockerfile) -> set[int]:
    """The final stage, the stages it is built FROM and those it copies files from, transitively."""
    final = dockerfile.final_stage
    if final is None:
        return set()
    found: set[int] = set()
    pending: list[Stage] = [final]
    while pending:
        stage = pending.pop()
        if stage.index in found:
            continue
        found.add(stage.index)
        base = dockerfile.base_stage(stage)
        if base is not None:
            pending.append(base)
        for instruction in stage.instructions:
            if instruction.keyword not in ("COPY", "ADD"):
                continue
            for flag in instruction.flags_named("from"):
                name, known = instruction.expand(flag.value or "")
                source = stage_named(dockerfile, name) if known and name else None
                if source is not None and source.index < stage.index:
                    pending.append(source)
    return found


def _compiles_itself(dockerfile: Dockerfile, stage: Stage) -> bool:
    """A RUN of the stage that runs `compileall` (`python -m compileall`, `compileall` in a `-c` string)."""
    for instruction in stage.instructions:
        if instruction.keyword != "RUN":
            continue
        if "compileall" in instruction.text:
            return True
        for command in instruction.commands:
            words = command.effective().words
            if words and command_basename(words[0]) in ("py_compile", "compileall"):
                return True
    return False


def _violation(uv: UvCommand, count: int) -> Violation:
    others = " (nor does any other uv install of the stage)" if count > 1 else ""
    message = (
        f"`{uv.text}` installs packages of the final image without compiling them to bytecode{others}: every new "
        "container compiles each imported module at start-up. Set `ENV UV_COMPILE_BYTECODE=1` before the install "
        "(or pass `--compile-bytecode`), as the uv Docker guide recommends for production images."
    )
    return Violation(uv.command.span, message)
