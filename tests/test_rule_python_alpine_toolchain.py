"""DF232 python-alpine-toolchain: `python:*-alpine` with a C toolchain for pip."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF232"
ALPINE = "FROM python:3.12-alpine\n"

REPORTED = [
    pytest.param(ALPINE + "RUN apk add --no-cache gcc musl-dev && pip install x\n", [(2, 24)], id="same-run"),
    pytest.param(
        ALPINE + "RUN apk add --no-cache build-base\nCOPY r.txt .\nRUN pip install -r r.txt\n",
        [(2, 24)],
        id="later-run",
    ),
    pytest.param("from python:3.12-alpine3.20\nrun apk add g++\nrun pip3 install x\n", [(2, 13)], id="lowercase"),
    pytest.param(
        ALPINE + "RUN apk add --no-cache --virtual .build-deps \\\n      gcc libffi-dev \\\n"
        " && pip install cryptography \\\n && apk del .build-deps\n",
        [(3, 7)],
        id="continuation-virtual",
    ),
    pytest.param(ALPINE + "RUN <<EOF\napk add --no-cache gcc=13.2.1-r0\npip install x\nEOF\n", [(3, 20)], id="heredoc"),
    pytest.param(
        "ARG PY=3.11\nFROM python:${PY}-alpine\nRUN apk add build-base\nRUN uv pip install --system x\n",
        [(3, 13)],
        id="arg-resolved-uv",
    ),
    pytest.param(
        ALPINE.replace("\n", " AS build\n") + "RUN apk add gcc musl-dev\nFROM build\nRUN pip wheel -w /w x\n",
        [(2, 13)],
        id="multi-stage-child-installs",
    ),
    pytest.param(ALPINE + "RUN apk add cargo rust && poetry install --no-root\n", [(2, 13)], id="rust-poetry"),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nRUN apt-get install -y gcc && pip install x\n", id="slim"),
    pytest.param(ALPINE + "RUN apk add --no-cache curl && pip install x\n", id="no-toolchain"),
    pytest.param(ALPINE + "RUN apk add --no-cache gcc musl-dev\n", id="no-pip"),
    pytest.param("FROM alpine:3.20\nRUN apk add gcc python3 py3-pip && pip install x\n", id="not-python-image"),
    pytest.param("FROM node:20-alpine\nRUN apk add build-base python3 && npm ci\n", id="node"),
    pytest.param(ALPINE + "RUN apk add gcc\nFROM python:3.12-alpine\nRUN pip install x\n", id="other-stage-installs"),
    pytest.param(ALPINE + "RUN echo apk add gcc && pip install x\n", id="echo"),
    pytest.param(ALPINE + "ONBUILD RUN apk add gcc && pip install x\n", id="onbuild"),
    pytest.param(ALPINE + "RUN apk del gcc && pip install x\n", id="apk-del"),
    pytest.param("ARG PY\nFROM python:${PY}\nRUN apk add gcc && pip install x\n", id="arg-unknown"),
    pytest.param("FROM ghcr.io/acme/python:3.12-alpine\nRUN apk add gcc && pip install x\n", id="other-registry"),
    pytest.param(
        ALPINE + "RUN apk add --no-cache \\\n    make libpq && pip install x\n", id="continuation-no-toolchain"
    ),
    pytest.param(ALPINE + "RUN <<EOF\napk add curl\npip install x\nEOF\n", id="heredoc-no-toolchain"),
    pytest.param(ALPINE + "RUN apk add $BUILD_DEPS && pip install x\n", id="packages-in-variable"),
    pytest.param("FROM python:3.12\nRUN apk add gcc && pip install x\n", id="full-image"),
    pytest.param(ALPINE + "RUN apk add musl-dev && pipx install x\n", id="pipx"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint("FROM python:3.12-alpine3.20\nRUN apk add gcc musl-dev && pip install x\n", CODE)
    assert finding.message.startswith(
        "The stage is based on `python:3.12-alpine3.20` (musl) and installs `gcc`, `musl-dev` so that pip can compile"
    )
    assert "(`python:3.12-slim`)" in finding.message


def test_quiet_when_the_toolchain_builds_other_code() -> None:
    source = ALPINE + "RUN apk add gcc g++ go make\nRUN pip install GitPython\nRUN make deps && go build ./...\n"
    assert positions(source, CODE) == []
    same_run = ALPINE + "RUN apk add gcc && pip install x\nRUN make\n"
    assert positions(same_run, CODE) == [(2, 13)]
