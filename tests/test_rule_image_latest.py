"""DF525 image-latest: images on the `latest` tag."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF525"

POSITIVE = [
    ("FROM python:latest\n", [(1, 6)]),
    ("FROM docker.io/library/alpine:latest AS base\n", [(1, 6)]),
    ("FROM python:3.12\nCOPY --from=nginx:latest /etc/nginx /etc/nginx\n", [(2, 13)]),
    ("FROM python:3.12\nRUN --mount=from=busybox:latest,target=/bb ls /bb\n", [(2, 18)]),
    ("ARG TAG=latest\nFROM python:${TAG}\n", [(2, 6)]),
    ("from localhost:5000/app:latest\n", [(1, 6)]),
    ("FROM ghcr.io/astral-sh/uv:latest\n", [(1, 6)]),
    ("FROM python:3.12\nONBUILD COPY --from=nginx:latest /a /a\n", [(2, 21)]),
]

NEGATIVE = [
    "FROM python:3.12-slim\n",
    "FROM python:latest@sha256:" + "a" * 64 + "\n",
    "FROM python\n",  # DF524's
    "FROM scratch\n",
    "FROM python:3.12 AS latest\nFROM latest\n",
    "ARG TAG\nFROM python:${TAG}\n",
    "ARG TAG=3.12\nFROM python:${TAG}\n",
    "FROM python:3-latest\n",
    "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/\n",  # DF230's
    "FROM python:3.12\nRUN --mount=from=ghcr.io/astral-sh/uv:latest,source=/uv,target=/uv /uv --version\n",
    "FROM python:3.12\nLABEL version=latest\n",
    "FROM python:3.12\nONBUILD COPY --from=${IMG}:latest /a /a\n",
    "from python:3.12 \\\n  as base\n",
    "FROM python:3.12\nRUN <<EOF\necho python:latest\nEOF\n",
    "FROM nginx:stable\n",
    "FROM ubuntu:rolling\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message() -> None:
    [finding] = lint("FROM python:latest\n", CODE)
    assert finding.message == (
        "`python:latest` uses the `latest` tag, which moves with every release: builds are not reproducible; pin a "
        "version tag (`python:<version>`), or a digest"
    )
