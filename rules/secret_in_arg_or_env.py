"""Reports ARG and ENV names that look like secrets: their values stay in the image.

## What it does
Flags each `ARG` or `ENV` variable (ONBUILD triggers included) whose name, split into words at `_`, `-`, `.` and
camel-case humps, contains one of BuildKit's secret tokens: `apikey`, `auth`, `credential(s)`, `key`, `password`,
`pword`, `passwd`, `secret`, `token`; and, beyond BuildKit, `pass`, `passphrase`, `secrets` and run-together
compounds such as `clientsecret`, `secretkey`, `privatekey`, `accesskey`, `accesstoken`, `authtoken`, `apitoken`.
Words are compared whole and case-insensitively: `API_KEY`, `DB_PASSWORD`, `GITHUB_TOKEN`, `npmAuthToken` and `AUTH`
are reported; `MONKEY`, `KEYRING`, `TOKENIZERS_PARALLELISM` and `COMPOSER_ALLOW_SUPERUSER` are not.

A name that also has a word saying it holds something other than the secret is not reported: BuildKit's `public`,
`file` and `version` (`PASSWORD_FILE`, `PUBLIC_KEY`, `DOCKER_AUTH_VERSION`), and `path`, `dir`, `url`, `uri`,
`endpoint`, `host`, `server`, `name`, `id`, `fingerprint`, `type`, `mode`, `method`, `enabled`, `required`,
`length`, and `gpg`/`pgp` (`GPG_KEY` in the official `python` image is the release manager's public key
fingerprint). Nor is a `…Key` set next to its `…Value` (`Filters__0__Key=ProcessId` with `Filters__0__Value=1`,
a .NET key/value setting). An `ENV` with an empty value stores nothing and is not reported; an `ARG` without a
default is, since its value comes from `--build-arg`.

## Why it matters
`ARG` and `ENV` values are recorded in the image: `ENV` in its configuration (`docker inspect`), build arguments in
its history and provenance whenever a `RUN` uses them (`docker history`). Anyone who can pull the image can read
them. Docker's documentation of the build check SecretsUsedInArgOrEnv: "Don't use build arguments or environment
variables to inject secrets into your build"; use secret mounts instead.

## Example
```dockerfile
FROM python:3.12-slim
ARG PIP_INDEX_TOKEN
RUN pip install --index-url "https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple" private-lib
```

Use instead:
```dockerfile
FROM python:3.12-slim
RUN --mount=type=secret,id=pip_index_token,env=PIP_INDEX_TOKEN \
    pip install --index-url "https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple" private-lib
```
built with `docker build --secret id=pip_index_token,env=PIP_INDEX_TOKEN .`; runtime secrets go to `docker run -e`
or the orchestrator's secrets, not `ENV`.

## Fix
None automatic: the value has to come from somewhere else.

## Differences from peers
BuildKit's SecretsUsedInArgOrEnv splits names at `_` only (`npmAuthToken` passes) and reports `GPG_KEY`, a public
fingerprint found in every official `python` image. hadolint DL3064 reports names containing `token`, `secret`,
`password`, `private` or `username` anywhere (`TOKENIZERS_PARALLELISM`, `PASSWORD_FILE`, `PRIVATE_REGISTRY_URL`,
`DOCKER_USERNAME`) and a fixed list of 48 names that includes non-secrets (`TRAVIS_OS_NAME`, `STRIPE_DEVICE_NAME`,
`DOCKER_EMAIL`, `FACEBOOK_APP_ID`); it reports ENV with empty values too.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.model import Dockerfile
from linter.rule import RuleContext, Violation
from linter.security import secret_name_token

CODE = "DF503"
NAME = "secret-in-arg-or-env"
SEVERITY = "warning"
SUMMARY = "ARG or ENV name suggests a secret, whose value would stay in the image"
TWINS: tuple[str, ...] = ("DL3064", "SecretsUsedInArgOrEnv", "DS-0031")
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    for instruction in dockerfile.walk_keyword("ARG", "ENV"):
        names = {pair.key.lower() for pair in instruction.key_values}
        for pair in instruction.key_values:
            token = secret_name_token(pair.key)
            if token is None:
                continue
            if pair.key.lower().endswith("key") and pair.key.lower()[:-3] + "value" in names:
                continue  # `Filters__0__Key=ProcessId` next to `Filters__0__Value=1`: a key/value setting
            if instruction.keyword == "ENV" and not (pair.value or "").strip():
                continue  # an empty ENV stores nothing; it documents a variable set at run time
            if instruction.keyword == "ARG":
                advice = (
                    f"pass it as a build secret instead (`RUN --mount=type=secret,id={pair.key.lower()},"
                    f"env={pair.key} …` with `docker build --secret id={pair.key.lower()},env={pair.key}`)"
                )
            else:
                advice = (
                    "provide it at run time instead (`docker run -e`, the orchestrator's secrets), or as a build "
                    f"secret (`RUN --mount=type=secret,id={pair.key.lower()},env={pair.key} …`) if only the build "
                    "needs it"
                )
            keyword = instruction.keyword
            yield Violation(
                pair.key_span,
                f"`{keyword} {pair.key}` looks like a secret (`{token}`): {keyword} values stay in the image's history "
                f"and configuration for anyone who pulls it; {advice}",
            )
