"""Reports COPY/ADD of files that hold credentials: `.env`, SSH keys, `.npmrc`, `.pypirc`, `.netrc`, private keys.

## What it does
Flags each `COPY`/`ADD` source (ARGs substituted; `--from` sources included) whose file name is one of:

* environment files: `.env` and `.env.<name>` (not `.env.example`, `.sample`, `.template`, `.dist`, `.defaults`);
* SSH private keys and directories: `id_rsa`, `id_dsa`, `id_ecdsa`, `id_ed25519` (and their `_sk` forms), `.ssh`;
* tool credentials: `.npmrc`, `.pypirc`, `.netrc`/`_netrc`, `.git-credentials`, `.pgpass`, `.dockercfg`,
  `.docker/config.json`, `.aws/credentials`, `.kube/config`, `kubeconfig`, `credentials.json`,
  `service-account.json`, `client_secret*.json`;
* private keys and key stores: `*.key.pem`, `*-key.pem`, `*_key.pem`, `key.pem`, `privkey*.pem`, `private*.pem`,
  `tls.key`, `server.key`, `private.key`, `privkey.key`, `*.p12`, `*.pfx`, `*.jks`, `*.keystore`.

Only stages that end up in an image are judged (the final stage, other build targets, the stages they are built
`FROM`): a builder stage that only hands files on through `COPY --from` keeps its secrets out of the image. A glob
is judged when it names such a file literally enough (`.env*`), not when it could match anything (`*`, `*.pem`).

## Why it matters
Every file a `COPY` or `ADD` brings in is stored in that layer for good: deleting it in a later `RUN` hides it from
the file system but not from `docker save`, the registry, or anyone who pulls the image. Docker's build-secrets guide
says to pass credentials with secret and SSH mounts, which are never written to a layer; Trivy's DS-0031 reports
the same files.

## Example
```dockerfile
FROM python:3.12-slim
COPY .pypirc /root/.pypirc
RUN pip install --no-cache-dir private-lib
COPY .env /app/.env
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN --mount=type=secret,id=pypirc,target=/root/.pypirc pip install --no-cache-dir private-lib
```
with `docker build --secret id=pypirc,src=$HOME/.pypirc .`, `.env` in `.dockerignore`, and the settings passed at
run time (`docker run --env-file .env`).

## Fix
None automatic: remove the file from the build and pass it as a secret.

## Differences from peers
hadolint has no such rule. Trivy's DS-0031 looks at the final stage only and, for files, only at a `COPY` whose
destination is `$GOOGLE_APPLICATION_CREDENTIALS`, `$AWS_CONFIG_FILE` or `$HF_TOKEN_PATH`; it does not recognise
`.env`, SSH keys, `.npmrc`, `.pypirc` or private keys by name. This rule reads `COPY` and `ADD`, `--from` sources,
ARG-built paths and globs, skips templates such as `.env.example`, and ignores builder stages whose files never
reach the image.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Iterator
from functools import lru_cache

from linter.model import Dockerfile, Instruction
from linter.packages import in_image
from linter.regex import lazy_compile
from linter.rule import RuleContext, Violation
from linter.source import dequote, shell_words

CODE = "DF504"
NAME = "secret-file-copied"
SEVERITY = "warning"
SUMMARY = "COPY/ADD of a file that holds credentials"
TWINS: tuple[str, ...] = ("DS-0031",)
FIXABLE = False

_ENV_TEMPLATE_SUFFIXES = frozenset(
    {"example", "examples", "sample", "samples", "template", "templates", "dist", "defaults", "default", "tmpl", "tpl",
     "schema"}
)  # fmt: skip
_SSH_KEYS = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"})
_TOOL_CREDENTIALS = {
    ".npmrc": "npm",
    ".pypirc": "PyPI",
    ".netrc": "netrc",
    "_netrc": "netrc",
    ".git-credentials": "git",
    ".pgpass": "PostgreSQL",
    ".dockercfg": "Docker registry",
    "kubeconfig": "Kubernetes",
    "credentials.json": "service",
    "service-account.json": "service account",
    "serviceaccount.json": "service account",
}
# Files named by their directory: `.aws/credentials`, `.docker/config.json`, `.kube/config`.
_IN_DIRECTORY = {
    (".aws", "credentials"): "AWS",
    (".docker", "config.json"): "Docker registry",
    (".kube", "config"): "Kubernetes",
}
_KEY_FILE = lazy_compile(
    r"(?:.*[._-])?key\.pem|privkey.*\.pem|private.*\.pem|(?:tls|server|private|privkey)\.key|.*\.(?:p12|pfx|jks|keystore)"
)
_CLIENT_SECRET = lazy_compile(r"client_secret.*\.json")
# Canonical names a glob is tried against.
_CANDIDATES = (".env", ".env.production", "id_rsa", "id_ed25519", ".ssh", *_TOOL_CREDENTIALS, "key.pem", "tls.key")


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("COPY", "ADD"):
        if instruction.heredocs or instruction.is_exec_form:
            continue
        for source, start, end in _sources(instruction):
            kind = secret_kind(source)
            if kind is None or not in_image(dockerfile, instruction):
                continue
            label, advice = kind
            yield Violation(
                instruction.span_of(start, end),
                f"`{instruction.keyword} {source}` puts {label} in the image, where anyone who pulls it can read it "
                f"(deleting it later does not remove it from the layer); {advice}",
            )


def _sources(instruction: Instruction) -> Iterator[tuple[str, int, int]]:
    """Each source with variables substituted, and its offsets in the instruction's text."""
    base = instruction.arguments_offset
    for start, end, text in _written_sources(instruction.arguments):
        if "$" in text:
            if instruction.is_trigger:
                continue  # expanded in the downstream build
            text, known = instruction.expand(text)
            if not known:
                continue
        if "://" in text or text.startswith("git@"):
            continue
        yield text, base + start, base + end


@lru_cache(maxsize=256)  # `. .`, `requirements.txt .`: the same arguments recur in every file and at every edit
def _written_sources(arguments: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, unquoted text) of each source word of COPY/ADD arguments (all words but the destination)."""
    return tuple((start, end, dequote(word)) for start, end, word in shell_words(arguments)[:-1])


@lru_cache(maxsize=1024)  # the same few sources recur in every file and at every edit
def secret_kind(path: str) -> tuple[str, str] | None:
    """What kind of credential file ``path`` names, as (label for the message, advice), or None."""
    normalised = posixpath.normpath(path.rstrip("/")) if path.strip("/") else "/"
    name = posixpath.basename(normalised)
    parent = posixpath.basename(posixpath.dirname(normalised))
    if any(char in name for char in "*?["):
        return _glob_kind(name)
    return _name_kind(name.lower(), parent.lower())


def _glob_kind(pattern: str) -> tuple[str, str] | None:
    if pattern[:1] in "*?[":
        return None  # could match anything
    if len(pattern) > 255:
        return None  # longer than any file name (NAME_MAX); fnmatch's translation is quadratic in `[`s
    for candidate in _CANDIDATES:
        if fnmatch.fnmatchcase(candidate, pattern):
            return _name_kind(candidate, "")
    return None


def _name_kind(name: str, parent: str) -> tuple[str, str] | None:
    secret_mount = "pass it to the RUN that needs it as a secret (`RUN --mount=type=secret,id=…,target=…`)"
    if name == ".env" or (name.startswith(".env.") and name[5:] not in _ENV_TEMPLATE_SUFFIXES):
        return (
            f"the environment file `{name}` (credentials, usually)",
            "add it to `.dockerignore` and pass settings at run time (`docker run --env-file`)",
        )
    if name in _SSH_KEYS or name == ".ssh":
        return (
            "an SSH private key" if name != ".ssh" else "SSH keys",
            "use `RUN --mount=type=ssh` with `docker build --ssh default`",
        )
    if (parent, name) in _IN_DIRECTORY:
        return f"{_IN_DIRECTORY[parent, name]} credentials", secret_mount
    if name in _TOOL_CREDENTIALS:
        return f"{_TOOL_CREDENTIALS[name]} credentials (`{name}`)", secret_mount
    if _CLIENT_SECRET.fullmatch(name):
        return f"an OAuth client secret (`{name}`)", secret_mount
    if _KEY_FILE.fullmatch(name):
        return (
            f"a private key (`{name}`)",
            "mount it at run time (a volume or the orchestrator's secrets), or as a build secret if the build needs it",
        )
    return None
