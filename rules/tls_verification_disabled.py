"""Reports downloads and package installs with TLS certificate verification turned off.

## What it does
Flags, in `RUN` instructions (heredoc scripts, `sh -c` strings and ONBUILD triggers included):

* `curl -k`/`--insecure`/`--proxy-insecure` (also inside a cluster such as `-fsSLk`), `wget --no-check-certificate`;
* `pip install --trusted-host …`, `pip config set global.trusted-host …`, `uv … --allow-insecure-host …`;
* `git config http.sslVerify false` and `git -c http.sslVerify=false …`;
* `npm`/`yarn`/`pnpm config set strict-ssl false` (and `enableStrictSsl false`), `npm … --strict-ssl=false`;
* `conda config --set ssl_verify false`;
* text that writes such settings into a configuration file: `sslverify=0` (yum/dnf), `Acquire::https::Verify-Peer
  "false"` (apt), `check_certificate = off` (wget);

and the variables that do the same, set by `ENV`, by an `ARG` default (build arguments are environment variables of
every `RUN`), or inline (`export X=…`, `X=… cmd`): `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
`GIT_SSL_NO_VERIFY` (any value: git only checks that it is set), `NPM_CONFIG_STRICT_SSL=false`,
`YARN_ENABLE_STRICT_SSL=false`, `PIP_TRUSTED_HOST`, `UV_INSECURE_HOST`, `CONDA_SSL_VERIFY=false`, `GOINSECURE`.

## Why it matters
Without certificate verification anyone on the network path (a compromised proxy, Wi-Fi, a hijacked DNS entry) can
answer instead of the real server, and whatever they send is built into the image: packages, scripts, binaries. An
`ENV` also keeps verification off in the running container, for every request the application makes. The usual
cause is a corporate TLS-intercepting proxy; its CA certificate belongs in the image's trust store instead.

## Example
```dockerfile
FROM python:3.12-slim
ENV PYTHONHTTPSVERIFY=0
RUN pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org --no-cache-dir -r requirements.txt
```

Use instead:
```dockerfile
FROM python:3.12-slim
COPY corporate-ca.crt /usr/local/share/ca-certificates/
RUN update-ca-certificates
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix
None automatic: the right CA certificate has to be installed.

## Differences from Checkov
CKV2_DOCKER_2 to _6 and _12 to _16 match text of the instruction; they miss `-fsSLk` clusters, `sh -c` strings and
heredocs, flag `PYTHONHTTPSVERIFY=1`, and do not know that git disables verification for any `GIT_SSL_NO_VERIFY`
value. hadolint has no such rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from linter.model import Dockerfile, Instruction
from linter.packages import PIP_PROGRAM_PREFIXES, command_text, pip_install_lookup, run_command_programs
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.security import curl_flags, wget_flags
from linter.shell import Command, PipInstall, Script, Word

CODE = "DF508"
NAME = "tls-verification-disabled"
SEVERITY = "warning"
SUMMARY = "TLS certificate verification turned off"
TWINS: tuple[str, ...] = (
    "CKV2_DOCKER_2",
    "CKV2_DOCKER_3",
    "CKV2_DOCKER_4",
    "CKV2_DOCKER_5",
    "CKV2_DOCKER_6",
    "CKV2_DOCKER_12",
    "CKV2_DOCKER_13",
    "CKV2_DOCKER_14",
    "CKV2_DOCKER_15",
    "CKV2_DOCKER_16",
)
FIXABLE = False

_ADVICE = (
    "anyone on the network path can then swap what is downloaded; install the CA certificate instead "
    "(`update-ca-certificates`, or point the tool at it: `--cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`, "
    "`git config http.sslCAInfo`)"
)
_FALSE = frozenset({"0", "false", "no", "off"})


class _Variable(Record):
    insecure: str  # "false": a false value disables; "0": the value 0; "any": any value, even empty; "set": non-empty
    tool: str


# Keys are upper-case; npm reads its `npm_config_*` variables case-insensitively.
_VARIABLES = {
    "PYTHONHTTPSVERIFY": _Variable("0", "Python's urllib/http.client"),
    "NODE_TLS_REJECT_UNAUTHORIZED": _Variable("0", "Node.js"),
    "GIT_SSL_NO_VERIFY": _Variable("any", "git"),
    "NPM_CONFIG_STRICT_SSL": _Variable("false", "npm"),
    "YARN_ENABLE_STRICT_SSL": _Variable("false", "Yarn"),
    "YARN_STRICT_SSL": _Variable("false", "Yarn"),
    "PIP_TRUSTED_HOST": _Variable("set", "pip"),
    "UV_INSECURE_HOST": _Variable("set", "uv"),
    "CONDA_SSL_VERIFY": _Variable("false", "conda"),
    "GOINSECURE": _Variable("set", "go"),
}
# Configuration text written by a RUN (echo/printf/sed into a file, or an option value).
_CONFIG_TEXT = (
    (lazy_compile(r"\bsslverify\s*=\s*(?:0|false|no|off)\b", re.IGNORECASE), "yum/dnf"),
    (lazy_compile(r"Acquire::https?::Verify-(?:Peer|Host)\W{0,3}(?:=|\s)\W{0,3}false", re.IGNORECASE), "apt"),
    (lazy_compile(r"\bcheck_certificate\s*=\s*off\b", re.IGNORECASE), "wget"),
)


# Any of the configuration texts, to skip the word-by-word search in a RUN that writes none.
_ANY_CONFIG_TEXT = lazy_compile("|".join(f"(?:{pattern.pattern})" for pattern, _tool in _CONFIG_TEXT), re.IGNORECASE)
# Programs with a configuration command that can turn verification off (see `_config_setting`), besides pip.
_CONFIGURABLE = frozenset({"git", "npm", "yarn", "pnpm", "conda"})
# Programs whose own options can turn verification off, besides pip.
_OWN_SWITCHES = _CONFIGURABLE | {"curl", "wget", "uv"}


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("ENV", "ARG"):
        yield from _declared(instruction)
    pip_install_of = pip_install_lookup(dockerfile)
    # The file's commands with their programs, in the order of the RUNs and their commands below: each command's
    # program is read from there, not worked out again.
    programs = iter(run_command_programs(dockerfile))
    for instruction in dockerfile.walk_keyword("RUN"):
        yield from _run(instruction, programs, pip_install_of)


def _declared(instruction: Instruction) -> Iterator[Violation]:
    for pair in instruction.key_values:
        if pair.value is None:
            continue  # ARG without a default: not set unless passed
        found = _variable(pair.key, pair.value)
        if found is not None:
            yield Violation(pair.span, f"`{instruction.keyword} {pair.key}={pair.value}` {found}: {_ADVICE}")


def _variable(name: str, value: str) -> str | None:
    """What setting the variable does, when it turns verification off."""
    variable = _VARIABLES.get(name.upper())
    if variable is None:
        return None
    value = value.strip()
    insecure = {
        "0": value == "0",
        "false": value.lower() in _FALSE,
        "any": True,
        "set": bool(value),
    }[variable.insecure]
    if not insecure:
        return None
    if variable.insecure == "any":
        return "turns off certificate verification in git (any value does, even `false`)"
    return f"turns off certificate verification in {variable.tool}"


def _run(
    instruction: Instruction,
    programs: Iterator[tuple[Instruction, Command, str | None]],
    pip_install_of: Callable[[Command], PipInstall | None],
) -> Iterator[Violation]:
    seen: set[tuple[int, int]] = set()

    def once(span: Span, message: str) -> Iterator[Violation]:
        key = (span.start_line, span.start_column)
        if key not in seen:
            seen.add(key)
            yield Violation(span, message)

    for script in instruction.scripts:
        assert isinstance(script, Script)
        for assignment in script.assignments:
            value = assignment.value
            if value is not None and value.is_static:
                found = _variable(assignment.name, value.value)
                if found is not None:
                    yield from once(assignment.span, f"`{assignment.name}={value.value}` {found}: {_ADVICE}")
    commands = instruction.commands
    writes_config = _may_write_config_in(instruction) and _may_write_config(_argument_text(commands))
    for command in commands:
        program = next(programs)[2]  # first: every command of the RUN takes its entry
        effective = command.effective()
        for assignment in effective.env:
            value = assignment.value
            if value is not None and value.is_static:
                found = _variable(assignment.name, value.value)
                if found is not None:
                    yield from once(assignment.span, f"`{assignment.name}={value.value}` {found}: {_ADVICE}")
        # Most commands run none of the programs looked at, and their RUN writes no configuration text.
        if not writes_config:
            if program is None or (program not in _OWN_SWITCHES and not program.startswith(PIP_PROGRAM_PREFIXES)):
                continue  # nothing of its own can turn verification off (a pip install included)
        elif not effective.words:
            continue
        result = _command(effective, program, pip_install_of(command), writes_config)
        if result is not None:
            yield from once(result[0], f"`{command_text(command)}` {result[1]}: {_ADVICE}")


def _argument_text(commands: tuple[Command, ...]) -> str:
    """The arguments of the commands (wrappers peeled), one word a line: where configuration text is looked for."""
    return "\n".join(
        [
            word.value if word.is_static else word.raw  # `_text(word)` inline: every word of the RUN passes here
            for command in commands
            for word in command.effective().words[1:]
        ]
    )


def _text(word: Word) -> str:
    return word.value if word.is_static else word.raw


def _may_write_config_in(instruction: Instruction) -> bool:
    """False when no word of the RUN can hold a configuration text, judged from its source without its words.

    A word's text is its source with quotes removed (or the source itself), so a keyword in a word is in the source
    once quotes are dropped; only backslash escapes (`\\x73`, JSON's `\\u0073`) and non-ASCII text (where ignoring
    case is more than lowering) could hide one, and those sources are left to the word-by-word search.
    """
    sources = [instruction.text, *(heredoc.body for heredoc in instruction.heredocs)]
    for source in sources:
        if "\\" in source or not source.isascii():
            return True
        lowered = source.replace('"', "").replace("'", "").lower()
        if "sslverify" in lowered or "::verify-" in lowered or "check_certificate" in lowered:
            return True
    return False


def _may_write_config(text: str) -> bool:
    """Whether the text has one of the configuration texts: its keywords first (ASCII text only, where ignoring case
    is lowering it), then the patterns."""
    if text.isascii():
        lowered = text.lower()
        if "sslverify" not in lowered and "::verify-" not in lowered and "check_certificate" not in lowered:
            return False
    return _ANY_CONFIG_TEXT.search(text) is not None


def _command(
    effective: Command, name: str | None, install: PipInstall | None, writes_config: bool
) -> tuple[Span, str] | None:
    """(where, what) when the command (wrappers peeled, with words) turns verification off; ``name``: the program it
    runs; ``install``: its pip install, if it is one; ``writes_config`` when its RUN has some configuration text that
    does."""
    words = effective.words
    if name == "curl":
        for flag in curl_flags(effective):
            if flag.name in ("-k", "--insecure", "--proxy-insecure"):
                return flag.word.span, "skips certificate verification (`-k`/`--insecure`)"
    elif name == "wget":
        for flag in wget_flags(effective):
            if flag.name == "--no-check-certificate":
                return flag.word.span, "skips certificate verification (`--no-check-certificate`)"
    if install is not None and install.has_option("--trusted-host", "--allow-insecure-host"):
        option = next(o for o in install.options if o.name in ("--trusted-host", "--allow-insecure-host"))
        return option.word.span, f"trusts a host without certificate verification (`{option.word.value}`)"
    if name == "uv":
        word = next((w for w in words if w.value.split("=", 1)[0] in ("--allow-insecure-host", "--trusted-host")), None)
        if word is not None:
            return word.span, f"trusts a host without certificate verification (`{word.value}`)"
    if name in _CONFIGURABLE or (name is not None and name.startswith("pip")):
        found = _config_setting(name, [word.value for word in words])
        if found is not None:
            index, what = found
            return words[index].span, what
    if not writes_config:
        return None
    for word in words[1:]:
        text = _text(word)
        for pattern, tool in _CONFIG_TEXT:
            if pattern.search(text):
                return word.span, f"turns off {tool} certificate verification"
    return None


def _config_setting(name: str | None, values: list[str]) -> tuple[int, str] | None:
    """`git config http.sslVerify false`, `npm config set strict-ssl false`, `conda config --set ssl_verify no`,
    `pip config set global.trusted-host x`: (index of the key word, what it does)."""
    lowered = [value.lower() for value in values]
    if name == "git":
        for index, value in enumerate(lowered):
            key, equals, setting = value.partition("=")
            if key.endswith("sslverify") and (
                (equals and setting in _FALSE)
                or (not equals and index + 1 < len(lowered) and lowered[index + 1] in _FALSE)
            ):
                return index, "turns off git's certificate verification (`http.sslVerify`)"
    if name in ("npm", "yarn", "pnpm"):
        for index, value in enumerate(lowered):
            key, equals, setting = value.partition("=")
            if key.lstrip("-") in ("strict-ssl", "strict_ssl", "enablestrictssl") and (
                (equals and setting in _FALSE)
                or (not equals and index + 1 < len(lowered) and lowered[index + 1] in _FALSE)
            ):
                return index, f"turns off {name}'s certificate verification (`strict-ssl false`)"
    if name == "conda" and "ssl_verify" in lowered:
        index = lowered.index("ssl_verify")
        if index + 1 < len(lowered) and lowered[index + 1] in _FALSE:
            return index, "turns off conda's certificate verification (`ssl_verify`)"
    if name and name.startswith("pip") and "config" in lowered:
        for index, value in enumerate(lowered):
            if value.endswith(".trusted-host") and index + 1 < len(lowered):
                return index, "makes pip trust a host without certificate verification (`trusted-host`)"
    return None
