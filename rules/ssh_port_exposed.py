"""Reports `EXPOSE 22`: an SSH server in a container.

## What it does
Flags port 22 (`22`, `22/tcp`, or an ARG/ENV whose known value is 22) in an `EXPOSE` of a stage that ends up in an
image (the final stage, other build targets, and the stages they are built `FROM`; ONBUILD triggers included).
`22/udp`, ranges and unknown variables are not judged, nor are images whose service is SSH itself: a git server
(`git-shell`, Gitea, Forgejo, Gogs, gitolite, GitLab, Soft Serve) or an SFTP server, recognised by the base image or
what the stage installs and runs.

## Why it matters
A container is meant to run one service; `docker exec` (or `kubectl exec`) gives a shell without any daemon, keys or
passwords. An SSH server adds a long-lived process with credentials baked into or injected into the image, an open
port to attack, and host keys shared by every container of the image. Trivy (DS-0004) and Checkov (CKV_DOCKER_1)
report it for the same reason, without the exception for git and SFTP servers.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D"]
```

Use instead: no SSH server; `docker exec -it <container> sh` for a shell.

## Fix
None automatic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import in_image
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation

CODE = "DF510"
NAME = "ssh-port-exposed"
SEVERITY = "warning"
SUMMARY = "`EXPOSE 22`: an SSH server in the container"
TWINS: tuple[str, ...] = ("DS-0004", "CKV_DOCKER_1")
FIXABLE = False

# Servers whose service is SSH itself: git hosting over SSH, SFTP.
_SSH_SERVICES = lazy_compile(r"git-shell|gitea|forgejo|gogs|gitolite|gitlab|soft-serve|sftp", re.IGNORECASE)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    serving: set[int] | None = None  # worked out for the first EXPOSE of port 22
    for instruction in dockerfile.walk_keyword("EXPOSE"):
        exposed = list(_ssh_ports(instruction))
        if not exposed or not in_image(dockerfile, instruction):
            continue
        if serving is None:
            serving = _serving_over_ssh(dockerfile)
        if instruction.stage_index in serving:
            continue
        for start, end, word, port in exposed:
            shown = f"`EXPOSE {word}`" + ("" if word == port else f" (`{port}`)")
            yield Violation(
                instruction.span_of(start, end),
                f"{shown} advertises SSH: an SSH server in a container adds keys, passwords and an open "
                "port for nothing `docker exec` cannot do; remove the SSH server and use `docker exec` for a "
                "shell",
            )


def _ssh_ports(instruction: Instruction) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, word as written, port) of each `22` or `22/tcp` the EXPOSE names, variables substituted."""
    for start, end, word in instruction.words:
        text = word
        if "$" in text:
            if instruction.is_trigger:
                continue
            text, known = instruction.expand(text)
            if not known:
                continue
        for port in text.split():
            number, _, protocol = port.partition("/")
            if number.strip() == "22" and protocol.lower() in ("", "tcp"):
                yield start, end, word, port


def _serving_over_ssh(dockerfile: Dockerfile) -> set[int]:
    """The stages that run a git server over SSH or an SFTP server, by the base images or what their chain of stages
    installs and runs (a stage built FROM such a stage is one too; it comes later in the file)."""
    serving: set[int] = set()
    for stage in dockerfile.stages:
        if (
            stage.base_stage_index in serving
            or _SSH_SERVICES.search(stage.base_text)
            or any(
                other.keyword in ("RUN", "CMD", "ENTRYPOINT") and _SSH_SERVICES.search(other.text)
                for other in stage.body
            )
        ):
            serving.add(stage.index)
    return serving
