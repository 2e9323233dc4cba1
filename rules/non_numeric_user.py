"""Reports a final `USER` given by name instead of UID: Kubernetes cannot check `runAsNonRoot` against a name.

## What it does
Looks at the user the final image runs as (the last `USER` of the final stage, else of the stage it is built `FROM`
in this file) and flags it when the user part is a name (`USER app`, `USER app:app`, an ARG whose value is a
name). `root` is DF501's business; a numeric user with a named group (`USER 10001:app`) is fine; a `USER` whose
variable has no known value is not judged, nor are Windows images (`USER ContainerUser`: `runAsNonRoot` is
Linux-only). Only the user the container runs as matters, so `USER` instructions of
build stages, or earlier in the final stage, are not reported.

## Why it matters
With `securityContext.runAsNonRoot: true`, the kubelet must prove the user is not root before starting the
container; it can only compare a number, so an image whose user is a name is refused ("container has runAsNonRoot
and image has non-numeric user (app), cannot verify user is non-root"). A numeric UID also does not depend on
`/etc/passwd` in the image, and matches file ownership on volumes predictably.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --uid 10001 app
USER app
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN useradd --no-log-init --uid 10001 app
USER 10001
```

## Fix
Unsafe (`--unsafe-fixes`): when the stage chain creates the user with an explicit UID (`useradd -u 10001 app`,
`adduser -u 10001 app`, `adduser --uid 10001 app`), the name is replaced by that UID (a `:group` part is kept).
Docker looks the UID up in `/etc/passwd` for the home directory and primary group as it does the name, but a reviewer
should confirm nothing else depends on the name.

## Differences from hadolint
DL3066 reports every `USER` with a name, in every stage, including ones that a later `USER` replaces and
`USER root`; this rule reports only the user the final image runs as.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Stage
from linter.positions import Span
from linter.rule import Edit, Fix, RuleContext, Violation
from linter.security import UserSetting, effective_user, is_windows_stage, stage_chain
from linter.shell import Word, command_basename

CODE = "DF512"
NAME = "non-numeric-user"
SEVERITY = "info"
SUMMARY = "The final USER is a name, not a numeric UID"
TWINS: tuple[str, ...] = ("DL3066",)
FIXABLE = True


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    stage = dockerfile.final_stage
    if stage is None:
        return
    setting = effective_user(dockerfile, stage)
    if setting is None or setting.value is None or setting.is_root:
        return
    user = setting.user
    if not user or user.isdigit() or is_windows_stage(dockerfile, stage):
        return  # Windows users (ContainerUser) are names by design; runAsNonRoot is Linux-only
    uid = _created_uid(dockerfile, stage, user)
    advice = f"`USER {uid}`" if uid is not None else "its numeric UID (`USER 10001`, created with `useradd -u 10001`)"
    shown = f"`USER {setting.written}`" + (f" (`{setting.value}`)" if setting.written != setting.value else "")
    yield Violation(
        setting.span,
        f"{shown} names the user: Kubernetes refuses to start it under `runAsNonRoot` (it cannot "
        f"verify a non-numeric user is not root); use {advice}",
        _fix(setting, uid),
    )


def _fix(setting: UserSetting, uid: int | None) -> Fix | None:
    if uid is None or setting.written != setting.value:
        return None  # an ARG-built user: change the ARG instead
    span = setting.span
    if span.start_line != span.end_line:
        return None
    user = setting.written.split(":", 1)[0]
    edit = Edit(Span(span.start_line, span.start_column, span.start_line, span.start_column + len(user)), str(uid))
    return Fix(f"Use the UID {uid} instead of the name `{user}`", (edit,), safe=False)


def _created_uid(dockerfile: Dockerfile, stage: Stage, user: str) -> int | None:
    """The UID the stage chain gives ``user`` with `useradd -u N user` / `adduser -u N user` (the last one wins)."""
    found: int | None = None
    for member in reversed(stage_chain(dockerfile, stage)):
        for instruction in member.body:
            if instruction.keyword != "RUN":
                continue
            for command in instruction.commands:
                effective = command.effective()
                if effective.words and command_basename(effective.words[0]) in ("useradd", "adduser"):
                    uid = _uid_for(effective.words, user)
                    if uid is not None:
                        found = uid
    return found


def _uid_for(words: tuple[Word, ...], user: str) -> int | None:
    uid: str | None = None
    for index, word in enumerate(words[1:], 1):
        text = word.value
        following = words[index + 1].value if index + 1 < len(words) else None
        if text in ("-u", "--uid") and following is not None:
            uid = following
        elif text.startswith("--uid="):
            uid = text[6:]
        elif text.startswith("-u") and text[2:].isdigit():
            uid = text[2:]
    if uid is None or not uid.isdigit():
        return None
    if not words[-1].is_static or words[-1].value != user:
        return None  # the user name is the last operand of both useradd and adduser
    return int(uid)
