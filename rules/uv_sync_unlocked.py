"""Reports `uv sync` that may re-resolve the dependencies instead of installing what `uv.lock` pins.

## What it does
Flags each `uv sync` in a `RUN` (shell form, exec form, heredoc scripts, `sh -c` strings, `ONBUILD RUN`; also
`python -m uv sync` and any path to `uv`) that runs without `--locked` or `--frozen` and without the environment
variables `UV_LOCKED` or `UV_FROZEN` set to a true value (inline `UV_LOCKED=1 uv sync`, an earlier `export` in the
same `RUN`, `ENV` or an `ARG` default).

Stays quiet when the value cannot be known: `ARG UV_FROZEN` without a default (it may come from `--build-arg`), or
options hidden in an unquoted variable (`uv sync $UV_FLAGS`). `uv pip sync` installs a requirements file, not the
lock file, and is not concerned; `uv run` and `uv export` are not reported either.

## Why it matters
Without `--locked` or `--frozen`, `uv sync` checks whether `uv.lock` still matches `pyproject.toml` and, if it does
not, resolves again and installs whatever versions the index offers that day, rewriting the lock file inside the
image. The image then runs dependencies nobody reviewed, and two builds of the same commit can differ. The uv Docker
guide (`astral-sh/uv` `docs/guides/integration/docker.md`, "Installing a project") uses `RUN uv sync --locked`,
"asserting the lockfile is up to date", and `--frozen` for workspaces (where the lock cannot be checked before the
members' `pyproject.toml` are copied); uvicorn's Docker guide uses `uv sync --frozen`. `UV_LOCKED` and `UV_FROZEN` are
the environment forms (`crates/uv-static/src/env_vars.rs`).

`--locked` fails the build when the lock is stale; `--frozen` installs the lock as it is without checking it.

## Example
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --no-install-project
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-install-project
```

## Fix
Unsafe: inserts ` --locked` right after `sync` (a new `"--locked"` element in an exec-form array). It is unsafe because
the build now fails when `uv.lock` is out of date or missing from the build context — which is the point, but a
reviewer must make sure the lock file is committed and copied before the `uv sync`.

## Differences from peers
No other Dockerfile linter (hadolint, BuildKit's checks, Trivy, Checkov) knows uv.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import insert_after
from linter.rule import Fix, RuleContext, Violation
from linter.uv import flag_setting, uv_commands_in

CODE = "DF226"
NAME = "uv-sync-unlocked"
SEVERITY = "warning"
SUMMARY = "`uv sync` without `--locked`/`--frozen` may re-resolve dependencies instead of installing `uv.lock`"
TWINS: tuple[str, ...] = ()
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for uv in uv_commands_in(dockerfile):
        if uv.subcommand != "sync" or uv.subcommand_word is None:
            continue
        locked = flag_setting(uv, ("--locked",), "UV_LOCKED")
        frozen = flag_setting(uv, ("--frozen",), "UV_FROZEN")
        if locked.on is not False or frozen.on is not False:
            continue  # on, or not knowable
        fix = None
        edit = insert_after(uv.subcommand_word, "--locked", uv.instruction, uv.command)
        if edit is not None:
            fix = Fix("Add `--locked` to `uv sync`", (edit,), safe=False)
        message = (
            f"`{uv.text}` runs without `--locked` or `--frozen`: when `uv.lock` does not match `pyproject.toml`, "
            "uv resolves the dependencies again and installs unreviewed versions. Add `--locked` (fails the "
            "build on a stale lock; `--frozen` for a workspace installed before its members are copied), or set "
            "`ENV UV_LOCKED=1`."
        )
        yield Violation(uv.command.span, message, fix)
