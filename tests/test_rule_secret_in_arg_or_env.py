"""DF503 secret-in-arg-or-env: ARG/ENV names that look like secrets."""

from __future__ import annotations

import pytest

from linter.security import name_tokens, secret_name_token
from tests.helpers import lint, positions

CODE = "DF503"

POSITIVE = [
    ("FROM python:3.12\nARG GITHUB_TOKEN\n", [(2, 5)]),
    ("FROM python:3.12\nENV DB_PASSWORD=hunter2\n", [(2, 5)]),
    ("FROM python:3.12\nENV A=1 API_KEY=abc B=2\n", [(2, 9)]),
    # BuildKit's test: ARG SECRET_PASSPHRASE and ENV SUPER_Secret
    ("FROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\n", [(2, 5), (3, 5)]),
    # legacy form, lowercase keyword, camel case, global ARG
    ("FROM python:3.12\nenv npmAuthToken abc\n", [(2, 5)]),
    ("ARG AWS_SECRET_ACCESS_KEY\nFROM python:3.12\n", [(1, 5)]),
    # continuation, ONBUILD, later stage
    ("FROM python:3.12\nENV A=1 \\\n    AUTH=x\n", [(3, 5)]),
    ("FROM python:3.12\nONBUILD ARG NPM_TOKEN\n", [(2, 13)]),
    ("FROM python:3.12 AS a\nFROM a\nARG OKTA_OAUTH2_CLIENTSECRET=\n", [(3, 5)]),
    ("FROM python:3.12\nENV NAGIOSADMIN_PASS nagios\n", [(2, 5)]),
]

NEGATIVE = [
    # BuildKit's allow list
    "FROM python:3.12\nARG SECRET_PASSPHRASE_FILE\n",
    "FROM python:3.12\nENV PUBLIC_KEY=abc\n",
    "FROM python:3.12\nARG DOCKER_AUTH_VERSION=1.2\n",
    # our additions
    "FROM python:3.12\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\n",
    "FROM python:3.12\nENV PASSWORD_PATH=/run/secrets/pw\n",
    "FROM python:3.12\nARG TOKEN_URL=https://auth.example.com/token\n",
    "FROM python:3.12\nENV AUTH_TYPE=oauth\n",
    "FROM python:3.12\nARG RABBITMQ_PGP_KEY_ID=0x0A9AF2115F4687BD29803A206B73A36E6026DFCA\n",
    "FROM python:3.12\nENV SECRET_NAME=db-credentials\n",
    # whole words only
    "FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false\n",
    "FROM python:3.12\nENV MONKEY=1 KEYRING=x KEEPASSXC_VERSION=2\n",
    "FROM python:3.12\nENV COMPOSER_ALLOW_SUPERUSER=1\n",
    "FROM python:3.12\nARG OAUTH2_PROXY_VERSION=7\n",
    "FROM python:3.12\nENV PASSENGER_APP_ENV=production\n",
    # hadolint's list has non-secrets
    "FROM python:3.12\nENV TRAVIS_OS_NAME=linux DOCKER_USERNAME=me\n",
    # empty ENV stores nothing
    "FROM python:3.12\nENV API_KEY=\n",
    'FROM python:3.12\nENV API_KEY=""\n',
    # a key/value setting
    "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV Filters__0__Key=ProcessId \\\n    Filters__0__Value=1\n",
    # secrets used the right way
    "FROM python:3.12\nRUN --mount=type=secret,id=token,env=TOKEN pip install x\n",
    "FROM python:3.12\nLABEL API_KEY=none\n",
    "FROM python:3.12\nRUN API_KEY=x make\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_messages() -> None:
    [arg] = lint("FROM python:3.12\nARG GITHUB_TOKEN\n", CODE)
    assert arg.message == (
        "`ARG GITHUB_TOKEN` looks like a secret (`token`): ARG values stay in the image's history and configuration "
        "for anyone who pulls it; pass it as a build secret instead (`RUN --mount=type=secret,id=github_token,"
        "env=GITHUB_TOKEN …` with `docker build --secret id=github_token,env=GITHUB_TOKEN`)"
    )
    [env] = lint("FROM python:3.12\nENV DB_PASSWORD=x\n", CODE)
    assert "provide it at run time instead (`docker run -e`" in env.message


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("GITHUB_TOKEN", ["github", "token"]),
        ("npmAuthToken", ["npm", "auth", "token"]),
        ("APIKey", ["api", "key"]),
        ("api-key.v2", ["api", "key", "v", "2"]),
        ("Filters__0__Key", ["filters", "0", "key"]),
    ],
)
def test_name_tokens(name: str, tokens: list[str]) -> None:
    assert name_tokens(name) == tokens


@pytest.mark.parametrize(
    ("name", "token"),
    [("api_key", "key"), ("AUTH", "auth"), ("secret_MESSAGE", "secret"), ("apikey", "apikey"), ("MYKEY", None)],
)
def test_secret_name_token(name: str, token: str | None) -> None:
    assert secret_name_token(name) == token
