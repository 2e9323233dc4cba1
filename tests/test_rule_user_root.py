"""DF501 user-root: the final image runs as root (explicit `USER root`, or no USER at all)."""

from __future__ import annotations

import pytest

from linter.model import parse_dockerfile
from linter.rule import RuleContext, Severity
from rules.user_root import check
from tests.helpers import lint, positions

CODE = "DF501"
SERVER = 'CMD ["fastapi", "run", "main.py"]\n'

POSITIVE = [
    # explicit root, in every spelling
    ("FROM python:3.12-slim\nUSER root\n" + SERVER, [(2, 6)]),
    ("FROM python:3.12-slim\nUSER 0\n", [(2, 6)]),
    ("FROM python:3.12-slim\nUSER root:root\n", [(2, 6)]),
    ("FROM python:3.12-slim\nUSER 0:0\n", [(2, 6)]),
    ("FROM python:3.12-slim\nUSER 0000:app\n", [(2, 6)]),
    # the last USER wins
    ("FROM python:3.12-slim\nUSER app\nRUN id\nUSER root\n", [(4, 6)]),
    # lowercase keyword
    ("from python:3.12-slim\nuser root\n", [(2, 6)]),
    # ARG-resolved
    ("FROM python:3.12-slim\nARG RUNAS=root\nUSER ${RUNAS}\n", [(3, 6)]),
    # inherited through FROM <stage>
    ("FROM python:3.12-slim AS base\nUSER root\nFROM base\n" + SERVER, [(2, 6)]),
    # never set, and the image runs a service: info at the base image
    ("FROM python:3.12-slim\n" + SERVER, [(1, 6)]),
    ("FROM python:3.12-slim AS base\nRUN pip install x\nFROM base\n" + SERVER, [(3, 6)]),
    ('FROM python:3.12-slim\nENTRYPOINT ["python", "-m", "app"]\n', [(1, 6)]),
    ('FROM python:3.12-slim\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["gunicorn", "app:app"]\n', [(1, 6)]),
    ("FROM python:3.12-slim\nCMD python3 app.py\n", [(1, 6)]),
]

NEGATIVE = [
    # a non-root user last
    "FROM python:3.12-slim\nUSER app\n" + SERVER,
    "FROM python:3.12-slim\nUSER 10001:10001\n" + SERVER,
    "FROM python:3.12-slim\nUSER root\nRUN apt-get update\nUSER app\n" + SERVER,
    "FROM python:3.12-slim\nUSER 1000:0\n" + SERVER,  # root group, unprivileged user (OpenShift)
    "FROM python:3.12-slim\nUSER ROOT\n",  # user names are case-sensitive: not root
    # build stages are not the image
    "FROM python:3.12-slim AS build\nUSER root\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nUSER app\n" + SERVER,
    "FROM python:3.12-slim AS build\nUSER root\nFROM python:3.12-slim\nCOPY --from=build /w /w\nUSER app\n",
    # inherited non-root user
    "FROM python:3.12-slim AS base\nUSER app\nFROM base\n" + SERVER,
    # unknown variable
    "FROM python:3.12-slim\nARG RUNAS\nUSER $RUNAS\n" + SERVER,
    "FROM python:3.12-slim\nUSER ${UID}:${GID}\n" + SERVER,
    # ONBUILD USER runs downstream
    "FROM python:3.12-slim\nUSER app\nONBUILD USER root\n" + SERVER,
    # never set, but no service: a base image, a shell, a REPL
    "FROM python:3.12-slim\nRUN pip install x\n",
    'FROM python:3.12-slim\nCMD ["python3"]\n',
    'FROM debian:bookworm\nCMD ["bash"]\n',
    'FROM php:8.3-cli\nCMD ["php", "-a"]\n',
    'FROM mcr.microsoft.com/dotnet/sdk:8.0\nENTRYPOINT ["/usr/bin/dotnet"]\nCMD ["--info"]\n',
    'FROM eclipse-temurin:21\nENTRYPOINT ["/__cacert_entrypoint.sh"]\n',
    # never set, but root is dropped at start-up or the base is unprivileged
    'FROM debian:bookworm\nRUN apt-get update && apt-get install -y gosu\nCMD ["redis-server"]\n',
    'FROM alpine:3.20\nCOPY --from=tianon/gosu /gosu /usr/local/bin/\nCMD ["server"]\n',
    'FROM alpine:3.20\nENTRYPOINT ["su-exec", "app", "server"]\n',
    "FROM gcr.io/distroless/python3-debian12:nonroot\n" + SERVER,
    "FROM cgr.dev/chainguard/python:latest\n" + SERVER,
    "FROM bitnami/python:3.12\n" + SERVER,
    'FROM nginxinc/nginx-unprivileged:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
    'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nENTRYPOINT ["dotnet", "app.dll"]\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["app.exe"]\n',
    # heredoc RUN creating the user, numeric user in scratch
    "FROM python:3.12-slim\nRUN <<EOF\nuseradd --no-log-init app\nEOF\nUSER app\n" + SERVER,
    'FROM scratch\nCOPY app /app\nUSER 65534:65534\nENTRYPOINT ["/app"]\n',
    # an unknown base
    "ARG BASE\nFROM $BASE\nUSER app\n" + SERVER,
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_explicit_root_is_a_warning_with_the_resolved_value() -> None:
    [finding] = lint("FROM python:3.12-slim\nARG RUNAS=0\nUSER ${RUNAS}\n", CODE)
    assert finding.severity == Severity.WARNING
    assert finding.message.startswith(
        "`USER ${RUNAS}` (`0`) is the last user of the final stage: the container runs as root; create an unprivileged"
    )


def test_inherited_root_says_where() -> None:
    [finding] = lint("FROM python:3.12-slim AS base\nUSER root\nFROM base\n" + SERVER, CODE)
    assert "(through `FROM` of an earlier stage)" in finding.message


def test_missing_user_is_an_info_naming_the_base() -> None:
    [finding] = lint("FROM python:3.12-slim\n" + SERVER, CODE)
    assert finding.severity == Severity.INFO
    assert "root for `python:3.12-slim`" in finding.message
    assert "`USER 10001` before `CMD`" in finding.message


def test_entrypoint_script_from_the_context_that_drops_root() -> None:
    source = (
        'FROM debian:bookworm\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n'
        'CMD ["postgres"]\n'
    )
    dockerfile = parse_dockerfile(source)
    drops = {"docker-entrypoint.sh": '#!/bin/sh\nexec setpriv --reuid=postgres "$@"\n'}
    assert list(check(dockerfile, RuleContext(read_context_file=drops.get))) == []
    keeps = {"docker-entrypoint.sh": '#!/bin/sh\nexec "$@"\n'}
    assert len(list(check(dockerfile, RuleContext(read_context_file=keeps.get)))) == 1


@pytest.mark.parametrize(
    "copy",
    [
        "COPY docker-entrypoint.sh /usr/local/bin/",
        'COPY "docker-entrypoint.sh" /usr/local/bin/',
        "COPY 'docker-entry'point.sh /usr/local/bin/",
        "COPY docker-entry\\point.sh /usr/local/bin/",
        "COPY --chmod=755 scripts/docker-entrypoint.sh \\\n  /usr/local/bin/",
    ],
)
@pytest.mark.parametrize("drop", ["setpriv --reuid=app", "s6-setuidgid app", "chpst -u app"])
def test_entrypoint_script_however_its_copy_is_written(copy: str, drop: str) -> None:
    source = f'FROM debian:bookworm\n{copy}\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n'
    dockerfile = parse_dockerfile(source)
    name = "scripts/docker-entrypoint.sh" if "scripts/" in copy else "docker-entrypoint.sh"
    drops = {name: f'#!/bin/sh\nexec {drop} "$@"\n'}
    assert list(check(dockerfile, RuleContext(read_context_file=drops.get))) == []
    other = {"other.sh": f'#!/bin/sh\nexec {drop} "$@"\n'}
    assert len(list(check(dockerfile, RuleContext(read_context_file=other.get)))) == 1
