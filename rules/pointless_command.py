"""Reports commands that do nothing useful in a build step: editors, `shutdown`, `ps`, `service … start` at the end.

## What it does
Flags, in `RUN` instructions (heredoc scripts, `sh -c` strings and ONBUILD triggers included):

* interactive programs: `vim`/`vi`/`nano`/`emacs` opening files (not `vim -c …`/`vim +cmd`/`vi -e`, which run
  scripts), `top` without `-b`, and `ssh` in a RUN without an SSH mount (`RUN --mount=type=ssh`);
* commands that cannot act on a build container: `shutdown`, `reboot`, `halt`, `poweroff`, `mount`, `ifconfig`;
* commands whose output describes the throw-away build container only: `ps`, `free`;
* a daemon started as the last thing the RUN does: `service <name> start|restart`, `systemctl start|restart` and
  `rc-service <name> start`
  (a `service postgresql start && psql … && service postgresql stop` that uses it is fine);
* `kill`, `killall`, `pkill` in a RUN that starts no background job (`&`): there is nothing of the build to stop.

## Why it matters
Each RUN starts a fresh process tree in a container that is thrown away: a daemon started at its end dies with it,
`ps` and `free` describe the builder, and a build has no terminal, so an editor or `top` hangs or exits. Such lines
are usually copied from an interactive session; they slow the build, add packages, or suggest the image does
something it does not. Services belong in `CMD`/`ENTRYPOINT`, file edits in `sed` or a `COPY`.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/* \
 && service nginx start
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
CMD ["nginx", "-g", "daemon off;"]
```

## Fix
None automatic: remove the command (or move the service to `CMD`).

## Differences from hadolint
DL3001 reports every use of `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` and
`ifconfig`, so it flags `service mysql start && mysql < schema.sql && service mysql stop` (a database initialised
at build time), `kill $!` of a background job the RUN started, `vim +PlugInstall +qall` and `ssh` with an SSH
mount. This rule keeps to the cases where the command cannot do anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from linter.model import Dockerfile, Instruction
from linter.packages import command_text, run_commands
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Command, Script, command_basename

CODE = "DF516"
NAME = "pointless-command"
SEVERITY = "info"
SUMMARY = "Command that does nothing useful in a build step"
TWINS: tuple[str, ...] = ("DL3001",)
FIXABLE = False

_EDITORS = frozenset({"vim", "vi", "nano", "emacs", "nvim", "pico"})
_NO_EFFECT = {
    "shutdown": "cannot stop or restart anything from a build step",
    "reboot": "cannot stop or restart anything from a build step",
    "halt": "cannot stop or restart anything from a build step",
    "poweroff": "cannot stop or restart anything from a build step",
    "ifconfig": "only shows or changes the network of the throw-away build container",
    "ps": "only shows the processes of the throw-away build container",
    "free": "only shows the memory of the build container",
}
_BACKGROUND_JOB = lazy_compile(r"(?<![&|>])&(?![&>])|\$!")
_STARTS = frozenset({"start", "restart", "reload", "force-reload"})
_SERVICE_MANAGERS = ("service", "systemctl", "rc-service")
# Every program the rule has something to say about.
_PROGRAMS = (*_NO_EFFECT, *_EDITORS, "top", "mount", "ssh", "kill", "killall", "pkill", *_SERVICE_MANAGERS)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction, command in run_commands(dockerfile, *_PROGRAMS):
        effective = command.effective()
        if not effective.words[0].is_static:
            continue
        name = command_basename(effective.words[0])
        reason = _reason(instruction, command, name, [word.value for word in effective.words[1:]])
        if reason is not None:
            yield Violation(effective.words[0].span, f"`{command_text(command)}` {reason}")


def _reason(instruction: Instruction, command: Command, name: str | None, arguments: Sequence[str]) -> str | None:
    if name in _NO_EFFECT:
        return f"{_NO_EFFECT[name]}: remove it"
    if name in _EDITORS:
        if name == "emacs":
            scripted = any(a in ("--batch", "-batch", "--script") for a in arguments)
        else:
            scripted = any(a.startswith("+") or a in ("-c", "-e", "-E", "-s", "-es", "--cmd", "-u") for a in arguments)
        if scripted:
            return None
        return "opens an interactive editor, but a build has no terminal: edit files with `sed` or `COPY` them"
    if name == "top" and not any(a.startswith("-") and "b" in a for a in arguments):
        return "is interactive and only shows the build container: remove it"
    if name == "mount":
        return (
            "cannot mount anything in a build step (no privileges) and only lists the build container's mounts: use "
            "`RUN --mount=type=bind|cache|tmpfs|secret`"
        )
    if name == "ssh" and not any(mount.get("type") == "ssh" for mount in instruction.mounts):
        return (
            "needs SSH keys, which would have to be in the image: use `RUN --mount=type=ssh` with "
            "`docker build --ssh default`"
        )
    if name in ("kill", "killall", "pkill") and not _BACKGROUND_JOB.search(instruction.arguments):
        return "has nothing of the build to stop (each RUN starts with no processes running): remove it"
    action = _service_action(name, arguments)
    if action is not None and command.start in _last_commands(instruction):
        return (
            f"{action} a service as the last step of the RUN: it stops when the RUN ends and does not run in the "
            "container; start it from `CMD`/`ENTRYPOINT` in the foreground"
        )
    return None


def _service_action(name: str | None, arguments: Sequence[str]) -> str | None:
    words = [a for a in arguments if not a.startswith("-")]
    if name == "service" and len(words) >= 2 and words[1] in _STARTS:
        return "starts"
    if name in ("systemctl", "rc-service") and words and words[-1 if name == "rc-service" else 0] in _STARTS:
        return "starts"
    return None


def _last_commands(instruction: Instruction) -> set[int]:
    """Start offsets of the last top-level command of each script of the RUN."""
    last: set[int] = set()
    for script in instruction.scripts:
        assert isinstance(script, Script)
        top = [command for command in script.commands if command.nested_in is None and command.words]
        if top:
            last.add(max(top, key=lambda command: command.start).start)
    return last
