"""Questions the security and shell-hygiene rules (DF5xx) share.

* the stage chain of a stage and the user its container runs as (:func:`stage_chain`, :func:`effective_user`);
* whether an ARG/ENV name looks like it holds a secret, with BuildKit's token rules (:func:`secret_name_token`);
* the options of ``curl`` and ``wget`` command lines, short-flag clusters included (:func:`curl_flags`,
  :func:`wget_flags`), and whether a download goes to standard output (:func:`downloads_to_stdout`);
* whether an interpreter reads its program from standard input (:func:`runs_stdin`);
* shell options in effect for a RUN: ``SHELL ["/bin/bash", "-o", "pipefail", "-c"]`` and ``set -o pipefail``
  (:func:`shell_sets_pipefail`, :func:`sets_pipefail`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from linter.model import Dockerfile, Instruction, Stage
from linter.positions import Span
from linter.records import Record
from linter.regex import lazy_compile
from linter.shell import Command, Word, command_basename
from linter.stages import root_stage

# --------------------------------------------------------------------------------------------------------------------
# Stages and users
# --------------------------------------------------------------------------------------------------------------------


def stage_chain(dockerfile: Dockerfile, stage: Stage) -> list[Stage]:
    """``stage``, then the stage it is built ``FROM`` in this file, and so on (cycle-safe)."""
    chain: list[Stage] = []
    seen: set[int] = set()  # a set: `in` on the list was quadratic in a long chain
    current: Stage | None = stage
    while current is not None and current.index not in seen:
        seen.add(current.index)
        chain.append(current)
        current = dockerfile.base_stage(current)
    return chain


class UserSetting(Record):
    """The last ``USER`` instruction in effect for a stage."""

    instruction: Instruction
    written: str  # as written
    value: str | None  # with ARG/ENV substituted; None when a variable is unknown

    @property
    def user(self) -> str | None:
        return None if self.value is None else self.value.split(":", 1)[0]

    @property
    def group(self) -> str | None:
        if self.value is None or ":" not in self.value:
            return None
        return self.value.split(":", 1)[1]

    @property
    def is_root(self) -> bool:
        """``root``, ``0``, ``root:root``, ``0:0``, ``root:staff``... (user names are case-sensitive)."""
        user = self.user
        # All zeros, without int(): a hostile 100,000-digit uid must not raise.
        return user is not None and (user == "root" or (user.isascii() and user.isdigit() and not user.strip("0")))

    @property
    def span(self) -> Span:
        return self.instruction.arguments_span


_WINDOWS_IMAGE = lazy_compile(r"windows|nanoserver|servercore", re.IGNORECASE)
_WINDOWS_SHELLS = frozenset({"cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe"})


def is_windows_stage(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the stage builds a Windows image: a Windows base (`servercore`, `nanoserver`, `mcr.microsoft.com/
    windows/...`) at the root of its chain, or a `cmd`/`powershell` SHELL."""
    root = root_stage(dockerfile, stage)
    if _WINDOWS_IMAGE.search(root.base_image or root.base_text):
        return True
    shell = stage.instructions[-1].shell if stage.instructions else ()
    return bool(shell) and shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower() in _WINDOWS_SHELLS


def effective_user(dockerfile: Dockerfile, stage: Stage) -> UserSetting | None:
    """The last ``USER`` of the stage, else of the stage it is built ``FROM`` in this file, and so on.

    ``None`` when no stage of the chain sets one (the base image's user applies). ONBUILD triggers do not count: they
    run in the images built from this one.
    """
    for member in stage_chain(dockerfile, stage):
        for instruction in reversed(member.body):
            if instruction.keyword != "USER" or not instruction.arguments.strip():
                continue
            written = instruction.arguments.strip()
            value, known = instruction.expand(written)
            return UserSetting(instruction, written, value.strip() if known and value.strip() else None)
    return None


# --------------------------------------------------------------------------------------------------------------------
# Secret-looking names (BuildKit's SecretsUsedInArgOrEnv, extended)
# --------------------------------------------------------------------------------------------------------------------

# BuildKit's tokens (frontend/dockerfile/dockerfile2llb/convert.go, getSecretsRegex), plus spellings it misses.
SECRET_TOKENS = frozenset(
    {
        # BuildKit
        "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token",
        # added: common short forms and run-together compounds (hadolint's OKTA_OAUTH2_CLIENTSECRET, ...)
        "pass", "passphrase", "secrets", "clientsecret", "secretkey", "privatekey", "accesskey", "accesstoken",
        "authtoken", "apitoken", "apisecret",
    }
)  # fmt: skip
# A name with one of these tokens names something that is not itself a secret: where it is, which version, the
# public half. BuildKit allows public, file and version; the rest are additions.
ALLOWED_TOKENS = frozenset(
    {
        # BuildKit
        "public", "file", "version",
        # added: locations and names of secrets, key fingerprints of release signers (GPG_KEY in the python image)
        "files", "path", "dir", "url", "uri", "endpoint", "host", "name", "id", "ids", "fingerprint", "gpg", "pgp",
        "gnupg", "server", "keyserver", "type", "mode", "method", "enabled", "required", "length",
    }
)  # fmt: skip

_NAME_TOKEN = lazy_compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def name_tokens(name: str) -> list[str]:
    """``GITHUB_TOKEN`` -> github, token; ``npmAuthToken`` -> npm, auth, token; ``api-key.v2`` -> api, key, v, 2."""
    tokens: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        tokens.extend(token.lower() for token in _NAME_TOKEN.findall(part))
    return tokens


@lru_cache(maxsize=1024)  # the same names recur in every file and at every edit
def secret_name_token(name: str) -> str | None:
    """The token that makes ``name`` look like a secret, or None (also when an allowed token is present).

    Tokens are split at ``_``, ``-``, ``.`` and camel-case humps, compared case-insensitively: ``API_KEY``,
    ``DB_PASSWORD``, ``githubToken`` and ``AUTH`` are secrets; ``MONKEY``, ``PASSWORD_FILE``, ``PUBLIC_KEY``,
    ``GPG_KEY`` and ``NODE_VERSION`` are not.
    """
    tokens = name_tokens(name)
    if any(token in ALLOWED_TOKENS for token in tokens):
        return None
    return next((token for token in tokens if token in SECRET_TOKENS), None)


# --------------------------------------------------------------------------------------------------------------------
# Command-line options
# --------------------------------------------------------------------------------------------------------------------


class Flag(Record):
    """One option of a command line: ``name`` is ``-k`` or ``--insecure`` (short flags of a cluster one by one)."""

    name: str
    word: Word
    value: str | None


# curl's short options that take a value: the rest of a cluster (`-ofile`) or the next word is the value.
_CURL_SHORT_WITH_VALUE = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CURL_LONG_WITH_VALUE = _names(
    "--output --header --data --data-raw --data-binary --data-urlencode --user --proxy --user-agent --referer --form "
    "--upload-file --request --write-out --max-time --continue-at --range --speed-limit --speed-time --time-cond "
    "--cookie --cookie-jar --dump-header --cert --config --ftp-port --quote --telnet-option --proxy-user --cacert "
    "--capath --connect-timeout --retry --retry-delay --retry-max-time --output-dir --resolve --max-filesize "
    "--key --pass --interface --url --proto --proto-redir --ciphers --limit-rate"
)
_WGET_SHORT_WITH_VALUE = frozenset("OoaPUTtYeiBlAQRDwXI")
_WGET_LONG_WITH_VALUE = _names(
    "--output-document --output-file --append-output --directory-prefix --user-agent --timeout --tries --header "
    "--post-data --post-file --progress --input-file --base --level --accept --reject --domains --user --password "
    "--http-user --http-password --proxy-user --proxy-password --wait --quota --limit-rate --ca-certificate "
    "--certificate --private-key --execute"
)


def _flags(words: Sequence[Word], short_with_value: frozenset[str], long_with_value: frozenset[str]) -> list[Flag]:
    flags: list[Flag] = []
    index = 1
    while index < len(words):
        word = words[index]
        index += 1
        text = word.value
        if not word.is_static or not text.startswith("-") or text == "-":
            continue
        if text == "--":
            break
        if text.startswith("--"):
            name, equals, value = text.partition("=")
            if not equals and name in long_with_value and index < len(words):
                value = words[index].value
                index += 1
            flags.append(Flag(name, word, value if (equals or name in long_with_value) else None))
            continue
        for position, letter in enumerate(text[1:], 1):
            if letter in short_with_value:
                if position + 1 < len(text):
                    value = text[position + 1 :]
                elif index < len(words):
                    value = words[index].value
                    index += 1
                else:
                    value = ""
                flags.append(Flag("-" + letter, word, value))
                break
            flags.append(Flag("-" + letter, word, None))
    return flags


def curl_flags(command: Command) -> list[Flag]:
    """The options of an effective ``curl`` command (``-fsSLk`` gives ``-f``, ``-s``, ``-S``, ``-L``, ``-k``)."""
    return _flags(command.words, _CURL_SHORT_WITH_VALUE, _CURL_LONG_WITH_VALUE)


def wget_flags(command: Command) -> list[Flag]:
    """The options of an effective ``wget`` command (``-qO-`` gives ``-q`` and ``-O`` with the value ``-``)."""
    return _flags(command.words, _WGET_SHORT_WITH_VALUE, _WGET_LONG_WITH_VALUE)


def downloader(command: Command) -> str | None:
    """``curl`` or ``wget`` when the effective command is one of them."""
    effective = command.effective()
    if not effective.words:
        return None
    name = command_basename(effective.words[0])
    return name if name in ("curl", "wget") else None


def downloads_to_stdout(command: Command) -> bool:
    """Whether a ``curl``/``wget`` command writes what it downloads to standard output.

    curl does unless ``-o``/``--output``/``-O``/``--remote-name(-all)`` says otherwise (``-o -`` is stdout again);
    wget only with ``-O -`` (``-qO-``, ``--output-document=-``).
    """
    effective = command.effective()
    tool = downloader(effective)
    if tool == "curl":
        for flag in curl_flags(effective):
            if flag.name in ("-o", "--output") and flag.value != "-":
                return False
            if flag.name in ("-O", "--remote-name", "--remote-name-all", "-J"):
                return False
        return True
    if tool == "wget":
        return any(flag.name in ("-O", "--output-document") and flag.value == "-" for flag in wget_flags(effective))
    return False


# Interpreters that run a program read from standard input when given no program (or `-`).
_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"})
_SCRIPTING = lazy_compile(r"(python|perl|ruby|node|php)(\d+(\.\d+)*)?")


def runs_stdin(command: Command) -> str | None:
    """The interpreter's name when ``command`` runs the program it reads from standard input: ``sh``, ``bash -s --
    arg``, ``sudo -E bash -``, ``python3 -``; not ``sh -c '…'``, ``bash script.sh``, ``python -c …`` or ``python -m``.
    """
    effective = command.effective()
    words = effective.words
    if not words or not words[0].is_static:
        return None
    name = command_basename(words[0])
    if name is None:
        return None
    rest = list(words[1:])
    if name == "busybox":
        if not rest or rest[0].value not in ("sh", "ash"):
            return None
        name, rest = rest[0].value, rest[1:]
    if name in _SHELLS:
        reads_stdin = False
        index = 0
        while index < len(rest):
            text = rest[index].value
            if text in ("-", "--"):
                return name if text == "-" or index + 1 >= len(rest) or reads_stdin else None
            if len(text) > 1 and text[0] in "-+" and not text.startswith("--"):
                if "c" in text[1:] and text[0] == "-":
                    return None
                reads_stdin = reads_stdin or "s" in text[1:]
                index += 2 if ("o" in text[1:] or "O" in text[1:]) else 1
                continue
            if text.startswith("--"):
                index += 1
                continue
            return name if reads_stdin else None  # a script file operand
        return name
    if _SCRIPTING.fullmatch(name):
        for word in rest:
            text = word.value
            if text == "-":
                return name
            if text.startswith("-") and not text.startswith("--") and any(letter in text for letter in "cme"):
                return None  # -c/-m (python), -e (perl, ruby, node)
            if not text.startswith("-"):
                return None
        return name
    return None


# --------------------------------------------------------------------------------------------------------------------
# pipefail
# --------------------------------------------------------------------------------------------------------------------


def _option_sets_pipefail(words: Sequence[str]) -> bool:
    """Whether shell/``set`` arguments turn pipefail on: ``-o pipefail``, ``-eo pipefail``, ``-euxo pipefail``."""
    for index, word in enumerate(words[:-1]):
        if word.startswith("-") and not word.startswith("--") and word.endswith("o") and words[index + 1] == "pipefail":
            return True
    return False


def shell_sets_pipefail(shell: Sequence[str]) -> bool:
    """Whether a ``SHELL`` (``["/bin/bash", "-o", "pipefail", "-c"]``) runs every RUN with pipefail."""
    return _option_sets_pipefail(list(shell[1:]))


def sets_pipefail(command: Command) -> bool:
    """Whether ``command`` is ``set -o pipefail`` (in any combination: ``set -euxo pipefail``)."""
    effective = command.effective()
    if not effective.words or effective.words[0].value != "set":
        return False
    return _option_sets_pipefail([word.value for word in effective.words[1:]])


def interpreter_of(text: str) -> str | None:
    """The program of a ``#!`` line (``#!/usr/bin/env bash`` -> ``bash``), or None without one."""
    first = text.split("\n", 1)[0].strip()
    if not first.startswith("#!"):
        return None
    parts = first[2:].split()
    if not parts:
        return None
    program = parts[0].rsplit("/", 1)[-1]
    if program == "env" and len(parts) > 1:
        rest = [part for part in parts[1:] if not part.startswith("-")]
        return rest[0].rsplit("/", 1)[-1] if rest else None
    return program
