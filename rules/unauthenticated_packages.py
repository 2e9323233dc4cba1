"""Reports packages installed without checking their signatures.

## What it does
Flags, in `RUN` instructions (heredoc scripts, `sh -c` strings and ONBUILD triggers included):

* `apk … --allow-untrusted`;
* `apt-get`/`apt`/`aptitude` with `--allow-unauthenticated`, `--allow-insecure-repositories`, `--force-yes`, or
  `-o APT::Get::AllowUnauthenticated=true`/`-o Acquire::AllowInsecureRepositories=true`;
* `yum`/`dnf`/`microdnf`/`tdnf` with `--nogpgcheck` or `--setopt=gpgcheck=0`, `zypper --no-gpg-checks`;
* `rpm` with `--nodigest`, `--nosignature` or `--nofiledigest`;
* repository definitions a `RUN` writes with signature checks off: `deb [trusted=yes] …` (or `allow-insecure=yes`)
  and `gpgcheck=0`.

A `trusted=yes` repository on a `file:` URI (packages just built in the same image, as the official `nginx` image
does) is not reported: there is nothing to download; nor is `apk index --allow-untrusted` or an
`apk add --allow-untrusted` of local `.apk` files only (packages built in the same Dockerfile). `repo_gpgcheck=0`
(unsigned metadata, signed packages) is not reported either.

## Why it matters
Package signatures are what makes a mirror, a proxy or a CDN unable to slip modified packages into the image;
HTTPS alone does not cover mirrors. Turning the check off installs whatever arrives, as root, and `--force-yes` also
lets apt downgrade and remove essential packages silently (apt has deprecated it). The fix is to import the
repository's key (`signed-by=` in the source line, `rpm --import`, `apk add --allow-untrusted` only for a key you
just verified).

## Example
```dockerfile
FROM debian:bookworm-slim
RUN echo "deb [trusted=yes] http://repo.example.com/debian stable main" > /etc/apt/sources.list.d/example.list \
 && apt-get update && apt-get install -y --no-install-recommends example-tool
```

Use instead:
```dockerfile
FROM debian:bookworm-slim
COPY example-archive-keyring.gpg /usr/share/keyrings/
RUN echo "deb [signed-by=/usr/share/keyrings/example-archive-keyring.gpg] http://repo.example.com/debian stable main" \
      > /etc/apt/sources.list.d/example.list \
 && apt-get update && apt-get install -y --no-install-recommends example-tool
```

## Fix
None automatic: the repository's key has to be added.

## Differences from Checkov
CKV2_DOCKER_7 to _11 match these flags as text anywhere in the instruction (also in an `echo` of documentation) and
miss `trusted=yes` sources, `--setopt=gpgcheck=0` and the apt `-o` options. hadolint has no such rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.model import Dockerfile
from linter.packages import command_text, run_commands
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.shell import Word, command_basename

CODE = "DF509"
NAME = "unauthenticated-packages"
SEVERITY = "warning"
SUMMARY = "Packages installed without signature checks"
TWINS: tuple[str, ...] = ("CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11")
FIXABLE = False

_FLAGS = {
    "apk": frozenset({"--allow-untrusted"}),
    "apt-get": frozenset({"--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"}),
    "yum": frozenset({"--nogpgcheck"}),
    "dnf": frozenset({"--nogpgcheck"}),
    "microdnf": frozenset({"--nogpgcheck"}),
    "tdnf": frozenset({"--nogpgcheck"}),
    "zypper": frozenset({"--no-gpg-checks", "--no-gpg-check"}),
    "rpm": frozenset({"--nodigest", "--nosignature", "--nofiledigest"}),
}
_FLAGS["apt"] = _FLAGS["aptitude"] = _FLAGS["apt-get"]
_APT_OPTION = lazy_compile(
    r"(?:APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)"
    r"\s*=\s*[\"']?(?:1|true|yes|on)\b",
    re.IGNORECASE,
)
_SETOPT_GPGCHECK = lazy_compile(r"(?:--setopt=)?gpgcheck\s*=\s*(?:0|false|no|off)\b", re.IGNORECASE)
_TRUSTED_SOURCE = lazy_compile(r"\[[^\]]*\b(?:trusted|allow-insecure)\s*=\s*yes\b[^\]]*\]", re.IGNORECASE)
# A `gpgcheck=0` line written into a repository file (also after a `\n` of printf); `repo_gpgcheck`/`localpkg_gpgcheck`
# do not match.
_GPGCHECK_TEXT = lazy_compile(r"(?:(?<![\w])|(?<=\\n))gpgcheck\s*=\s*(?:0|false|no|off)\b", re.IGNORECASE)
_WRITERS = ("echo", "printf", "tee", "sed", "cat")  # commands that may write a repository definition
_ADVICE = (
    "a tampered mirror or proxy can then put any package in the image; import the repository's signing key "
    "(`signed-by=` in the source line, `rpm --import`) and keep signature checks on"
)


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for _instruction, command in run_commands(dockerfile, *_FLAGS, *_WRITERS):
        found = _finding(command.effective().words)
        if found is not None:
            word, what = found
            yield Violation(word.span, f"`{command_text(command)}` {what}: {_ADVICE}")


def _finding(words: tuple[Word, ...]) -> tuple[Word, str] | None:
    if not words:
        return None
    name = command_basename(words[0])
    flags = _FLAGS.get(name or "", frozenset())
    if name == "apk" and _local_apk(words):
        flags = frozenset()
    # What the program is decides which tests apply: decided once, not for each word.
    is_apt = name in ("apt-get", "apt", "aptitude")
    is_rpm_family = name in ("yum", "dnf", "microdnf", "tdnf")
    is_writer = name in _WRITERS
    for word in words[1:]:
        if word.is_static:
            text = word.value
            if flags and (text.partition("=")[0] if "=" in text else text) in flags:
                return word, f"installs packages without checking their signatures (`{text}`)"
        else:
            text = word.raw
        # Each pattern needs a character (`::`, `[`, `=`) most words lack: tested first, the cheap way.
        if is_apt and "::" in text and _APT_OPTION.search(text):
            return word, f"accepts unsigned packages or repositories (`{text}`)"
        if is_rpm_family and text.startswith("--setopt") and _SETOPT_GPGCHECK.search(text):
            return word, f"installs packages without checking their signatures (`{text}`)"
        if is_writer:
            source = _TRUSTED_SOURCE.search(text) if "[" in text else None
            if source is not None:
                after = text[source.end() :].split()
                uri = after[0] if after else ""
                if not uri.startswith(("file:", "copy:", "cdrom:")):  # a local repository downloads nothing
                    return word, f"writes a repository whose packages are not checked (`{source.group()}`)"
            if "=" in text and _GPGCHECK_TEXT.search(text):
                return word, "writes a repository definition with `gpgcheck=0`"
    return None


def _local_apk(words: tuple[Word, ...]) -> bool:
    """`apk index …` (builds an index of local files) or `apk add` of local `.apk` files only (built in this image)."""
    operands = [word for word in words[1:] if not word.value.startswith("-")]
    if not operands:
        return False
    if operands[0].value == "index":
        return True
    packages = operands[1:]
    return (
        operands[0].value == "add"
        and bool(packages)
        and all("/" in word.value or word.value.endswith(".apk") for word in packages)
    )
