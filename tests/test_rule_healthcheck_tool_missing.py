"""DF409 healthcheck-tool-missing: HEALTHCHECK with curl/wget in an image that lacks them."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF409"
SLIM = "FROM python:3.12-slim\n"
PROBE = "HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n"

REPORTED = [
    pytest.param(SLIM + PROBE, [(2, 17)], id="slim-curl"),
    pytest.param(SLIM + 'HEALTHCHECK CMD ["wget", "-qO-", "http://localhost/"]\n', [(2, 18)], id="slim-wget-exec"),
    pytest.param("from python:3.12-slim-bookworm\nhealthcheck cmd curl -f http://x/\n", [(2, 17)], id="lowercase"),
    pytest.param(
        SLIM + "HEALTHCHECK --interval=30s --timeout=3s \\\n    CMD curl -f http://localhost/ || exit 1\n",
        [(3, 9)],
        id="continuation",
    ),
    pytest.param(
        'FROM python:3.12-alpine\nHEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost/"]\n',
        [(2, 31)],
        id="alpine-curl-in-sh-c",
    ),
    pytest.param("ARG PY=3.12\nFROM python:${PY}-slim AS base\nFROM base\n" + PROBE, [(4, 17)], id="arg-multi-stage"),
    pytest.param(
        "FROM python:3.12-slim AS base\n" + PROBE + 'FROM base\nCMD ["uvicorn", "app:app"]\n',
        [(2, 17)],
        id="inherited-healthcheck",
    ),
    pytest.param(
        "FROM python:3.12 AS build\nRUN apt-get install -y curl\nFROM python:3.12-slim\n" + PROBE,
        [(4, 17)],
        id="installed-in-another-stage",
    ),
    pytest.param(SLIM + "RUN <<EOF\npip install x\nEOF\n" + PROBE, [(5, 17)], id="after-heredoc"),
    pytest.param("FROM debian:bookworm-slim\n" + PROBE, [(2, 17)], id="debian"),
]

QUIET = [
    pytest.param("FROM python:3.12\n" + PROBE, id="full-image-has-curl"),
    pytest.param("FROM python:3.12-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost/\n", id="alpine-wget"),
    pytest.param(SLIM + "RUN apt-get update && apt-get install -y --no-install-recommends curl\n" + PROBE, id="apt"),
    pytest.param("FROM python:3.12-alpine\nRUN apk add --no-cache curl=8.5.0-r0\n" + PROBE, id="apk-pinned"),
    pytest.param(SLIM + "RUN apt-get install -y $TOOLS\n" + PROBE, id="packages-in-variable"),
    pytest.param(SLIM + "RUN curl -LsSf https://astral.sh/uv/install.sh | sh\n" + PROBE, id="used-in-a-run"),
    pytest.param(SLIM + "COPY --from=curlimages/curl /usr/bin/curl /usr/bin/curl\n" + PROBE, id="copied-binary"),
    pytest.param(
        SLIM + "HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://x/')\"\n",
        id="python-probe",
    ),
    pytest.param(SLIM + PROBE + "HEALTHCHECK NONE\n", id="turned-off"),
    pytest.param("FROM python:3.12-slim AS base\n" + PROBE + "FROM base\nHEALTHCHECK NONE\n", id="off-in-child"),
    pytest.param("FROM python:3.12-slim AS a\n" + PROBE + 'FROM python:3.12\nCMD ["x"]\n', id="other-stage"),
    pytest.param("FROM acme/python:slim\n" + PROBE, id="unknown-image"),
    pytest.param("ARG BASE\nFROM ${BASE}\n" + PROBE, id="arg-unknown"),
    pytest.param(SLIM + "ONBUILD HEALTHCHECK CMD curl -f http://x/\n", id="onbuild"),
    pytest.param(
        "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\n" + PROBE,
        id="installed-in-base-stage",
    ),
    pytest.param(SLIM + "RUN apt-get install -y \\\n    curl \\\n    git\n" + PROBE, id="continuation-install"),
    pytest.param(SLIM + "RUN <<EOF\napt-get install -y curl\nEOF\n" + PROBE, id="heredoc-install"),
    pytest.param(SLIM + "HEALTHCHECK CMD echo curl\n", id="not-a-command"),
    pytest.param("FROM python:3.12-bookworm\n" + PROBE, id="full-debian-variant"),
    pytest.param(SLIM + "RUN apt-get install -y wget\n" + PROBE.replace("curl -f", "wget -qO-"), id="wget-installed"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_suggests_the_python_probe_with_the_url() -> None:
    (finding,) = lint(SLIM + "HEALTHCHECK CMD curl -fs http://localhost:80/docs || exit 1\n", CODE)
    assert finding.message.startswith(
        "The HEALTHCHECK runs `curl`, but the image is built on `python:3.12-slim`, which has neither `curl` nor "
        "`wget`, and no RUN installs it"
    )
    assert "urllib.request.urlopen('http://localhost:80/docs')" in finding.message


def test_message_on_alpine() -> None:
    (finding,) = lint("FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://localhost/\n", CODE)
    assert "only BusyBox's `wget`" in finding.message
    assert "`wget -q --spider http://localhost/`" in finding.message
