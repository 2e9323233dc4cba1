"""DF504 secret-file-copied: COPY/ADD of credential files into an image."""

from __future__ import annotations

import pytest

from rules.secret_file_copied import secret_kind
from tests.helpers import lint, positions

CODE = "DF504"

POSITIVE = [
    ("FROM python:3.12\nCOPY .env /app/.env\n", [(2, 6)]),
    ("FROM python:3.12\nCOPY requirements.txt .env.production ./\n", [(2, 23)]),
    ("FROM python:3.12\nADD id_rsa /root/.ssh/id_rsa\n", [(2, 5)]),
    ("FROM python:3.12\nCOPY --chown=app .pypirc /home/app/\n", [(2, 18)]),
    ("from node:20\ncopy .npmrc package.json ./\n", [(2, 6)]),
    ("FROM python:3.12\nCOPY config/.aws/credentials /root/.aws/credentials\n", [(2, 6)]),
    ("FROM nginx:1.27\nCOPY certs/privkey.pem certs/fullchain.pem /etc/nginx/certs/\n", [(2, 6)]),
    ("FROM python:3.12\nCOPY .env* ./\n", [(2, 6)]),
    # ARG-resolved, continuation, ONBUILD, --from of a builder into the image
    ("FROM python:3.12\nARG ENV_FILE=.env\nCOPY ${ENV_FILE} /app/\n", [(3, 6)]),
    ("FROM python:3.12\nCOPY \\\n  .netrc \\\n  /root/\n", [(3, 3)]),
    ("FROM python:3.12\nONBUILD COPY .env /app/\n", [(2, 14)]),
    ("FROM python:3.12 AS build\nRUN true\nFROM python:3.12\nCOPY --from=build /root/.ssh /root/.ssh\n", [(4, 19)]),
]

NEGATIVE = [
    "FROM python:3.12\nCOPY .env.example /app/.env\n",
    "FROM python:3.12\nCOPY .env.sample .env.template .env.dist /app/\n",
    "FROM python:3.12\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n",
    "FROM python:3.12\nCOPY environment.yml /app/\n",
    "FROM python:3.12\nCOPY app.env.py /app/\n",
    "FROM nginx:1.27\nCOPY 15-local-resolvers.envsh /docker-entrypoint.d\n",
    "FROM nginx:1.27\nCOPY certs/fullchain.pem certs/cert.pem /etc/nginx/certs/\n",
    "FROM jenkins/jenkins:lts\nCOPY jenkins.io-2026.key /war/jenkins-key.pub\n",
    "FROM debian:12\nADD nodesource-repo.gpg.key /usr/share/keyrings/nodesource.asc\n",
    "FROM debian:12\nCOPY keyring.gpg /usr/share/keyrings/\n",
    "FROM python:3.12\nCOPY *.pem /etc/ssl/certs/\n",
    "FROM python:3.12\nCOPY * /app/\n",
    "FROM python:3.12\nCOPY . /app\n",
    # a builder stage whose files never reach the image
    "FROM node:20 AS deps\nCOPY .npmrc package.json ./\nRUN npm ci\n"
    "FROM node:20-slim\nCOPY --from=deps /node_modules /app/node_modules\n",
    # unknown variable, heredoc, URL
    "FROM python:3.12\nARG CONFIG\nCOPY ${CONFIG} /app/\n",
    "FROM python:3.12\nCOPY <<EOF /app/.env\nDEBUG=1\nEOF\n",
    "FROM python:3.12\nADD https://example.com/.env /app/\n",
    # the secret mount, the right way
    "FROM python:3.12\nRUN --mount=type=secret,id=pypirc,target=/root/.pypirc pip install x\n",
    "FROM python:3.12\nCOPY docs/credentials.md /docs/\n",
    "FROM python:3.12\nCOPY kube/config.yaml /app/\n",
    "FROM python:3.12\nCOPY monkey.pem.txt /app/\n",
    "from python:3.12\ncopy \\\n  .envrc.d/README /app/\n",
    "FROM python:3.12\nONBUILD COPY .env.example /app/\n",
    "FROM python:3.12\nCOPY --from=build /app/.env.defaults /app/\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_messages_give_the_right_advice() -> None:
    [env] = lint("FROM python:3.12\nCOPY .env /app/.env\n", CODE)
    assert env.message == (
        "`COPY .env` puts the environment file `.env` (credentials, usually) in the image, where anyone who pulls it "
        "can read it (deleting it later does not remove it from the layer); add it to `.dockerignore` and pass "
        "settings at run time (`docker run --env-file`)"
    )
    [ssh] = lint("FROM python:3.12\nCOPY id_ed25519 /root/.ssh/\n", CODE)
    assert "use `RUN --mount=type=ssh` with `docker build --ssh default`" in ssh.message
    [npm] = lint("FROM node:20\nCOPY .npmrc ./\n", CODE)
    assert "npm credentials (`.npmrc`)" in npm.message and "RUN --mount=type=secret" in npm.message


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".docker/config.json", True),
        ("config.json", False),
        ("home/.kube/config", True),
        ("client_secret_123.apps.googleusercontent.com.json", True),
        ("server.key", True),
        ("repo.key", False),
        ("keystore/app.jks", True),
        ("tls/tls.crt", False),
    ],
)
def test_secret_kind(path: str, expected: bool) -> None:
    assert (secret_kind(path) is not None) is expected
