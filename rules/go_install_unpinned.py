"""Reports `go install <module>@latest`, `go get <module>` and other moving versions.

## What it does
Flags `go install` of a remote package whose version suffix moves: `@latest`, `@upgrade`, `@patch`, a branch
(`@master`, `@main`, `@HEAD`, `@dev`). Pinned: semantic versions and pseudo-versions (`@v1.2.3`,
`@v0.0.0-20240101000000-abcdef123456`) and commit hashes (`@4f3e2a1`); versions from a variable
(`@${GOLANGCI_LINT_VERSION}`) are trusted. Without a suffix `go install` builds from the current module, whose
`go.mod` pins the version (or fails outside a module), so `go install ./cmd/app` and `go install example.com/x` are
not reported.

`go get` of a remote package (`go get github.com/user/tool`) is reported without a suffix too: it means `@upgrade`
in module mode and the default branch's head in GOPATH mode (old images where `go get` still installed binaries).

## Why it matters
`@latest` resolves to whatever was tagged last on build day: rebuilding the same Dockerfile can produce a different
tool, and a release that needs a newer Go breaks the build. Go's module reference recommends explicit versions for
reproducible installs.

## Example
```dockerfile
FROM golang:1.22
RUN go install github.com/go-delve/delve/cmd/dlv@latest
```

Use instead:
```dockerfile
FROM golang:1.22
RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1
```

## Fix
None automatic: choose the release (`go list -m -versions <module>`) and write `@<version>`.

## Differences from hadolint
DL3062 also reports `go install` without a suffix, which builds the version `go.mod` pins (or fails), and misses
exec-form RUN, `sh -c` strings and commands after a heredoc.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import package_commands_in
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation

CODE = "DF224"
NAME = "go-install-unpinned"
SEVERITY = "warning"
SUMMARY = "go install/go get of a remote package at @latest or another moving version"
TWINS: tuple[str, ...] = ("DL3062",)

# v1.2.3, v1.2.3-rc.1, v0.0.0-20240101000000-abcdef123456, or a commit hash.
_FIXED = lazy_compile(r"v\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]*)?|[0-9a-f]{7,40}")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for found in package_commands_in(dockerfile, "go"):
        if found.subcommand not in ("install", "get"):
            continue
        for word in found.operands:
            if not word.is_static or not _is_remote(word.value):
                continue
            path, at, version = word.value.partition("@")
            if at and _FIXED.fullmatch(version):
                continue
            if not at and found.subcommand == "install":
                continue  # builds what go.mod pins
            meaning = f"whatever `@{version}` resolves to" if at else "the newest version"
            yield Violation(
                word.span,
                f"`go {found.subcommand} {word.value}` installs {meaning} on build day: pin a release "
                f"(`{path}@v<version>`)",
            )


def _is_remote(pattern: str) -> bool:
    """A module path on a server (`github.com/x/y/...`), not a local pattern (`./...`, `all`, `std`)."""
    first = pattern.split("/", 1)[0]
    return "." in first and not pattern.startswith((".", "/"))
