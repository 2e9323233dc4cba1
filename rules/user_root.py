"""Reports an image whose container runs as root: the final stage ends with `USER root`, or never sets a user.

## What it does
Looks at the user the final stage runs as: its last `USER`, else the last `USER` of the stage it is built `FROM` in
this file, and so on.

* That user is `root` (also `0`, `root:root`, `0:0`, `root:<group>`, and an ARG whose default is one of them): a
  warning at that `USER`.
* No stage of that chain sets a user, and the chain defines what the container runs (`CMD` or `ENTRYPOINT`): an
  info at the final stage's base image, which then decides the user, and official images (`python`, `debian`,
  `node`...) run as root.

Build stages are not judged: what runs there as root never reaches the image. A `USER $NAME` whose variable has no
known value is left alone. The finding about a missing `USER` is not given when the image evidently drops root
privileges at start-up (`gosu`, `su-exec`, `setpriv`, `runuser`, `s6-setuidgid`, `chpst` used by the stage or by
the entrypoint script copied from the build context), or when the base image is known to run unprivileged
(`gcr.io/distroless/...:nonroot`, `cgr.dev/chainguard/...`, `bitnami/...`, `nginxinc/nginx-unprivileged`, the
.NET distroless and chiseled images, tags with `nonroot` or `rootless`). Nor when the chain runs no service: no
`CMD`/`ENTRYPOINT`, or only a shell or REPL (`CMD ["python3"]`, `CMD ["bash"]`, `php -a`, `dotnet --info`), as in
images meant as a base for others; nor for Windows images.

## Why it matters
A process running as root in a container is root on the host's kernel: one escape through a kernel or runtime bug,
or a mounted socket or host path, and the host is compromised; as root it can also rewrite the application's own
code and install tools. Docker's best practices say "If a service can run without privileges, use USER to change to
a non-root user"; the FastAPI guide's uv example says "For production, create a non-root user". Kubernetes'
`runAsNonRoot` refuses such images.

## Example
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["fastapi", "run", "main.py", "--port", "8000"]
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --create-home --uid 10001 app
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 10001
CMD ["fastapi", "run", "main.py", "--port", "8000"]
```

## Fix
None automatic: the user has to exist, and files the app writes must belong to it.

## Differences from hadolint
hadolint DL3002 reports the last `USER root` of every stage, build stages included (issues #405, #1014, #1068),
and nothing at all when no stage sets a user (issues #328, #648); it does not substitute ARGs (`USER ${RUNAS}` with
`ARG RUNAS=root` passes). This rule judges the final image only, follows the `FROM <stage>` chain, substitutes
ARGs, and reports a missing `USER` as an info (Trivy DS-0002, Checkov CKV_DOCKER_3 report it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.images import parse_image
from linter.model import Dockerfile, Instruction, Stage
from linter.regex import lazy_compile
from linter.rule import RuleContext, Severity, Violation
from linter.security import effective_user, is_windows_stage, stage_chain
from linter.source import dequote, shell_words

CODE = "DF501"
NAME = "user-root"
SEVERITY = "warning"
SUMMARY = "The container runs as root"
TWINS: tuple[str, ...] = ("DL3002", "DS-0002", "CKV_DOCKER_8", "CKV_DOCKER_3")
FIXABLE = False

# Tools that start a program as another user: an image using them drops root at start-up.
_PRIVILEGE_DROP_NAMES = ("gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "chpst", "setuidgid")
_PRIVILEGE_DROP = lazy_compile(rf"(?<![\w.-])({'|'.join(map(re.escape, _PRIVILEGE_DROP_NAMES))})(?![\w-])")
# Quotes and escapes: a source written with them may still name a program once unquoted.
_MAY_HIDE_A_NAME = lazy_compile(r"[\"'\\`]")
_NONROOT_TAG = lazy_compile(r"(^|[-_.])(nonroot|non-root|rootless|unprivileged)($|[-_.])")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    stage = dockerfile.final_stage
    if stage is None:
        return
    setting = effective_user(dockerfile, stage)
    if setting is not None:
        if setting.value is not None and setting.is_root:
            shown = f"`USER {setting.written}`"
            if setting.written != setting.value:
                shown += f" (`{setting.value}`)"
            where = "" if setting.instruction.stage_index == stage.index else " (through `FROM` of an earlier stage)"
            yield Violation(
                setting.span,
                f"{shown} is the last user of the final stage{where}: the container runs as root; create an "
                "unprivileged user (`RUN useradd --no-log-init --uid 10001 app`) and end with `USER 10001`",
            )
        return
    chain = stage_chain(dockerfile, stage)
    root = chain[-1]
    if not _runs_a_service(chain) or _runs_unprivileged(root) or _drops_privileges(chain, context):
        return
    if is_windows_stage(dockerfile, stage):
        return  # Windows containers have no root; ContainerUser/ContainerAdministrator are another matter
    image = root.base_image or root.base_text
    yield Violation(
        root.base_span if root is stage else stage.base_span,
        f"The final stage never sets `USER`, so the container runs as the base image's user (root for `{image}` "
        "unless it sets another): create an unprivileged user (`RUN useradd --no-log-init --uid 10001 app`) and add "
        "`USER 10001` before `CMD`",
        severity=Severity.INFO,
    )


# Programs that, run without a script, are an interactive shell or REPL: the image is a base for other images.
_INTERACTIVE = frozenset(
    {
        "sh", "bash", "ash", "dash", "zsh", "fish", "ksh", "busybox", "python", "python2", "python3", "pypy",
        "pypy3", "ipython", "node", "bun", "deno", "jshell", "irb", "ruby", "php", "julia", "iex", "erl", "ghci",
        "R", "perl", "lua", "tclsh", "pwsh", "powershell", "cmd", "dotnet", "java", "groovysh", "scala", "sbcl",
    }
)  # fmt: skip
# Arguments that still leave such a program interactive or informational (`php -a`, `dotnet --info`).
_INTERACTIVE_ARGUMENTS = frozenset({"-a", "-i", "-l", "--login", "--info", "--version", "-version", "-v"})


def _runs_a_service(chain: list[Stage]) -> bool:
    """Whether the chain defines a program to run that is not a shell or REPL (``CMD ["python3"]`` is a base image)."""
    entrypoint = _last(chain, "ENTRYPOINT")
    command = _last(chain, "CMD")
    words: list[str] = []
    if entrypoint is not None and not _is_wrapper(_words(entrypoint)):
        words = _words(entrypoint) + (_words(command) if command is not None else [])
    elif command is not None:
        words = _words(command)
    if not words:
        return False
    program = words[0].rsplit("/", 1)[-1]
    return not (program in _INTERACTIVE and all(word in _INTERACTIVE_ARGUMENTS for word in words[1:]))


def _last(chain: list[Stage], keyword: str) -> Instruction | None:
    for member in chain:
        for instruction in reversed(member.body):
            if instruction.keyword == keyword:
                return instruction
    return None


def _words(instruction: Instruction) -> list[str]:
    words = instruction.exec_words
    if words is not None:
        return [word.value for word in words]
    return instruction.arguments.split()


def _is_wrapper(words: list[str]) -> bool:
    """An entrypoint that runs the CMD: a script (`docker-entrypoint.sh`) or an init (`tini`, `dumb-init`)."""
    if not words:
        return True
    program = words[0].rsplit("/", 1)[-1]
    return "entrypoint" in program or program.endswith(".sh") or program in ("tini", "dumb-init", "catatonit")


def _runs_unprivileged(root: Stage) -> bool:
    """Base images known to run as an unprivileged user by default."""
    ref = parse_image(root.base_image or "")
    if ref is None:
        return False
    tag = ref.tag or ""
    if ref.registry == "cgr.dev":  # Chainguard images run as `nonroot`, except their -dev variants
        return not tag.endswith("-dev")
    if ref.registry == "mcr.microsoft.com" and ("distroless" in tag or "chiseled" in tag):
        return True  # .NET distroless/chiseled images run as `app`
    if ref.registry is None and ref.repository.startswith("bitnami/"):
        return True  # Bitnami's images run as UID 1001
    return bool(_NONROOT_TAG.search(tag)) or bool(_NONROOT_TAG.search(ref.repository.rsplit("/", 1)[-1]))


def _drops_privileges(chain: list[Stage], context: RuleContext) -> bool:
    for member in chain:
        for instruction in member.body:
            if instruction.keyword in ("RUN", "CMD", "ENTRYPOINT", "COPY", "ADD") and _names_privilege_drop(
                instruction.text
            ):
                return True
    return any(_names_privilege_drop(text) for text in _entrypoint_scripts(chain, context))


def _names_privilege_drop(text: str) -> bool:
    # The names are looked for first: a substring search is much cheaper than the pattern, which has no literal start
    # to skip ahead to, and most texts name none.
    for name in _PRIVILEGE_DROP_NAMES:  # a loop, not any() over a generator: most texts name none
        if name in text:
            return _PRIVILEGE_DROP.search(text) is not None
    return False


def _entrypoint_scripts(chain: list[Stage], context: RuleContext) -> Iterator[str]:
    """The texts of build-context files the stage copies whose name is the ENTRYPOINT's (or CMD's) program."""
    programs: set[str] = set()
    for member in chain:
        for instruction in member.body:
            if instruction.keyword in ("ENTRYPOINT", "CMD"):
                program = _program(instruction)
                if program:
                    programs.add(program.rsplit("/", 1)[-1])
    if not programs:
        return
    for member in chain:
        for instruction in member.body:
            if instruction.keyword not in ("COPY", "ADD") or instruction.flag("from") or instruction.heredocs:
                continue
            arguments = instruction.arguments
            if not any(program in arguments for program in programs) and not _MAY_HIDE_A_NAME.search(arguments):
                continue  # no source can be named like a program: the words need not be split
            words = [dequote(word) for _, _, word in shell_words(instruction.arguments)]
            for source in words[:-1]:
                if source.rsplit("/", 1)[-1] in programs and "$" not in source:
                    text = context.read_context_file(source)
                    if text:
                        yield text


def _program(instruction: Instruction) -> str | None:
    words = instruction.exec_words
    if words is not None:
        return words[0].value if words else None
    parts = instruction.arguments.split()
    return parts[0] if parts else None
