"""Reports a script downloaded and run in one go: `curl … | sh`, `wget -O- … | bash`, `sh -c "$(curl …)"`.

## What it does
Flags, in `RUN` instructions (heredoc scripts, `sh -c` strings and ONBUILD triggers included):

* a pipeline that starts with `curl` (writing to standard output) or `wget -O -` and ends with an interpreter that
  runs what it reads: `sh`, `bash`, `zsh`, `ash`, `dash`, `sh -s -- args`, `sudo -E bash -`, `python3 -`, `perl`,
  `ruby`, `node`, `php`;
* a shell, `eval`, `source` or `.` given the download itself: `sh -c "$(curl -fsSL …)"`, `bash <(curl …)`,
  ``eval "`wget -qO- …`"``.

A pipe into something that only reads data (`| tar -xz`, `| python -c '…'`, `| sh -c 'cat > file'`, `| gpg
--import`) is not reported, nor is a `curl -o file` that writes to a file.

## Why it matters
The script is never checked: a compromised, hijacked or simply changed server runs whatever it wants as root in the
build, and two builds of the same Dockerfile can install different things. A download that fails half-way is still
run, up to where it was cut (a pipe hides curl's failure without `pipefail`). Docker's best practices and the
installers' own docs (uv, Poetry, rustup) offer pinned alternatives for images: a versioned image to copy from
(`COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/`), a package, or a download checked against a published checksum.

## Example
```dockerfile
FROM python:3.12-slim
RUN curl -sSL https://install.python-poetry.org | python3 -
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir "poetry==1.8.3"
```
or, for a script that must run, download it, check it, then run it:
```dockerfile
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh && rm /tmp/install.sh
```

## Fix
None automatic: the checksum (or the pinned alternative) has to come from the project.

## Differences from peers
hadolint has no such rule (DL4006 only asks for `pipefail`); Semgrep's `curl-pipe-bash`-style patterns match text
and miss `wget -O-`, `python3 -`, `sudo bash` and `$(curl …)`, and report `curl … | sh -c 'cat > f'`.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import command_text, run_commands, run_instructions
from linter.positions import Span
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.security import downloads_to_stdout, runs_stdin
from linter.shell import Command, Script, command_basename

CODE = "DF505"
NAME = "curl-pipe-shell"
SEVERITY = "warning"
SUMMARY = "A downloaded script is run without being checked (`curl … | sh`)"
TWINS: tuple[str, ...] = ()
FIXABLE = False

_DOWNLOAD_SUBSTITUTION = lazy_compile(r"(?:\$\(|<\(|`)\s*(?:\S*/)?(curl|wget)\b")
_SUBSTITUTION_RUNNERS = frozenset(
    {"sh", "bash", "zsh", "ash", "dash", "ksh", "eval", "source", ".", "python", "python3"}
)
_ADVICE = (
    "a changed or compromised server runs whatever it sends, and a cut-off download runs half a script; download to a "
    "file, check it against a pinned checksum (`sha256sum -c`) and run it, or install a pinned version (a package, "
    "or `COPY --from=<versioned image>`)"
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    runners: dict[Instruction, list[Command]] = {}  # the commands that may run a `$(curl …)`, by RUN
    for run, command in run_commands(dockerfile, *_SUBSTITUTION_RUNNERS):
        runners.setdefault(run, []).append(command)
    for instruction in run_instructions(dockerfile):
        reported: set[int] = set()
        for script in instruction.scripts:
            assert isinstance(script, Script)
            for pipeline in script.pipelines:
                found = _piped_download(pipeline)
                if found is not None and found[0].start not in reported:
                    reported.add(found[0].start)
                    yield found[1]
        for command in runners.get(instruction, ()):
            violation = _substituted_download(instruction, command)
            if violation is not None and command.start not in reported:
                reported.add(command.start)
                yield violation


def _piped_download(pipeline: tuple[Command, ...]) -> tuple[Command, Violation] | None:
    interpreter = runs_stdin(pipeline[-1])
    if interpreter is None:
        return None
    source = next((command for command in pipeline[:-1] if downloads_to_stdout(command)), None)
    if source is None:
        return None
    last = pipeline[-1]
    span = Span(source.span.start_line, source.span.start_column, last.span.end_line, last.span.end_column)
    shown = " | ".join(command_text(command, 40) for command in pipeline[pipeline.index(source) :])
    return source, Violation(span, f"`{shown}` runs a downloaded script with `{interpreter}` unchecked: {_ADVICE}")


def _substituted_download(instruction: Instruction, command: Command) -> Violation | None:
    effective = command.effective()
    if not effective.words or not effective.words[0].is_static:
        return None
    name = command_basename(effective.words[0])
    if name not in _SUBSTITUTION_RUNNERS:
        return None
    for word in effective.words[1:]:
        match = None if word.is_static else _DOWNLOAD_SUBSTITUTION.search(word.raw)
        if match is not None:
            return Violation(
                command.span,
                f"`{command_text(command)}` runs a script fetched with `{match.group(1)}` unchecked: {_ADVICE}",
            )
    return None
