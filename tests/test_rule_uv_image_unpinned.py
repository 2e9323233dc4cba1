"""DF230 uv-image-unpinned: the uv image without a version or digest."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF230"
BASE = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n", [(2, 13)], id="latest"),
    pytest.param(BASE + "copy --from=ghcr.io/astral-sh/uv /uv /bin/\n", [(2, 13)], id="untagged-lowercase"),
    pytest.param(BASE + "COPY --from=astral/uv:latest /uv /bin/\n", [(2, 13)], id="docker-hub-mirror"),
    pytest.param(BASE + "COPY --from=docker.io/astral/uv /uv /bin/\n", [(2, 13)], id="docker-hub-spelled-out"),
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:debian /usr/local/bin/uv /bin/\n", [(2, 13)], id="distro"),
    pytest.param(
        BASE + "RUN --mount=from=ghcr.io/astral-sh/uv,source=/uv,target=/bin/uv \\\n    uv sync --locked\n",
        [(2, 18)],
        id="mount-continuation",
    ),
    pytest.param(BASE + "ONBUILD COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n", [(2, 21)], id="onbuild"),
    pytest.param(
        BASE + "ARG UV_IMAGE=ghcr.io/astral-sh/uv:latest\nCOPY --from=${UV_IMAGE} /uv /bin/\n",
        [(3, 13)],
        id="arg-resolved",
    ),
    pytest.param("FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\nRUN uv sync\n", [(1, 6)], id="from-uv-base"),
    pytest.param(
        "FROM python:3.12-slim AS build\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\nFROM python:3.12-slim\n",
        [(2, 13)],
        id="multi-stage",
    ),
]

QUIET = [
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /uvx /bin/\n", id="version"),
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/\n", id="minor-version"),
    pytest.param(
        BASE + "COPY --from=ghcr.io/astral-sh/uv@sha256:" + "a" * 64 + " /uv /bin/\n", id="digest-without-tag"
    ),
    pytest.param(
        BASE + "COPY --from=ghcr.io/astral-sh/uv:latest@sha256:" + "b" * 64 + " /uv /bin/\n", id="latest-with-digest"
    ),
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:0.8.15-alpine /uv /bin/\n", id="versioned-variant"),
    pytest.param(BASE + "ARG UV_IMAGE\nCOPY --from=${UV_IMAGE} /uv /bin/\n", id="arg-unknown"),
    pytest.param(BASE + "ARG V=0.8.15\nCOPY --from=ghcr.io/astral-sh/uv:${V} /uv /bin/\n", id="arg-version"),
    pytest.param(
        "FROM ghcr.io/astral-sh/uv:0.8.15 AS uv\nFROM python:3.12-slim\nCOPY --from=uv /uv /bin/\n", id="stage"
    ),
    pytest.param("FROM ghcr.io/astral-sh/uv:latest\n", id="from-latest-is-df525"),
    pytest.param("FROM ghcr.io/astral-sh/uv\n", id="from-untagged-is-df524"),
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/ruff:latest /ruff /bin/\n", id="other-image"),
    pytest.param(BASE + "COPY --from=example.com/astral-sh/uv:latest /uv /bin/\n", id="other-registry"),
    pytest.param(
        BASE + "RUN --mount=from=ghcr.io/astral-sh/uv:0.8.15,source=/uv,target=/bin/uv uv sync\n", id="mount-pinned"
    ),
    pytest.param(BASE + "ONBUILD COPY --from=ghcr.io/astral-sh/uv:0.8.15 /uv /bin/\n", id="onbuild-pinned"),
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:0.8.15 \\\n    /uv /bin/\n", id="continuation-pinned"),
    pytest.param(BASE + "RUN pip install uv\n", id="pip-install-uv"),
    pytest.param("from ghcr.io/astral-sh/uv:0.8.15-python3.12-bookworm-slim\n", id="from-versioned-lowercase"),
    pytest.param(BASE + "RUN <<EOF\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\nEOF\n", id="heredoc-body"),
    pytest.param(BASE + "COPY --from=uv /uv /bin/\n", id="unknown-name"),
    pytest.param(BASE + "COPY --from=ghcr.io/astral-sh/uv:v0.8.15 /uv /bin/\n", id="v-prefix"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_messages() -> None:
    (latest,) = lint(BASE + "COPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n", CODE)
    assert latest.message.startswith("`COPY --from=ghcr.io/astral-sh/uv:latest` uses `:latest`: every build takes")
    (untagged,) = lint(BASE + "ARG U=ghcr.io/astral-sh/uv\nCOPY --from=$U /uv /bin/\n", CODE)
    assert untagged.message.startswith("`COPY --from=$U` (`ghcr.io/astral-sh/uv`) has no tag, so it pulls `:latest`")
    (distro,) = lint("FROM ghcr.io/astral-sh/uv:bookworm-slim\n", CODE)
    assert "uses the tag `:bookworm-slim`, which names no uv version" in distro.message
