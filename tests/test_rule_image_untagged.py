"""DF524 image-untagged: images without tag or digest."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF524"

POSITIVE = [
    ("FROM python\n", [(1, 6)]),
    ("FROM docker.io/library/python AS base\n", [(1, 6)]),
    ("FROM ghcr.io/org/app\n", [(1, 6)]),
    ("FROM python:3.12\nCOPY --from=gloursdocker/docker / /\n", [(2, 13)]),
    ("FROM python:3.12\nRUN --mount=from=crazymax/gomod-updates,source=/x,target=/x x\n", [(2, 18)]),
    ("ARG BASE=python\nFROM ${BASE}\n", [(2, 6)]),
    ("from localhost:5000/app\n", [(1, 6)]),
    ("FROM ghcr.io/astral-sh/uv\n", [(1, 6)]),  # a FROM of the uv image is generic
]

NEGATIVE = [
    "FROM python:3.12-slim\n",
    "FROM python@sha256:" + "a" * 64 + "\n",
    "FROM python:3.12@sha256:" + "a" * 64 + "\n",
    "FROM scratch\n",
    "FROM python:3.12 AS build\nFROM build\n",
    "FROM python:3.12 AS build\nFROM python:3.12\nCOPY --from=build /a /a\nCOPY --from=0 /a /a\n",
    "ARG BASE\nFROM ${BASE}\n",
    "ARG TAG=3.12\nFROM python:${TAG}\n",
    "FROM python:latest\n",  # DF525's
    # uv image in COPY --from: DF230's
    "FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n",
    # a single word in --from may be a named build context
    "FROM python:3.12\nCOPY --from=templates /a /a\n",
    "FROM python:3.12\nRUN --mount=from=plugin-src,target=/src ls /src\n",
    "FROM python:3.12\nONBUILD COPY --from=${IMG} /a /a\n",
    "from python:3.12 \\\n  as base\n",
    "FROM python:3.12\nRUN <<EOF\necho python\nEOF\n",
    "FROM python:3.12\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n",
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
    [finding] = lint("ARG BASE=python\nFROM ${BASE}\n", CODE)
    assert finding.message == (
        "`python` (from `${BASE}`) has no tag, so Docker pulls `latest`, whatever that is on the day of the build: "
        "pin a version tag (`python:<version>`), or a digest for fully reproducible builds"
    )
