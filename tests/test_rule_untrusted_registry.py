"""DF514 untrusted-registry: images from registries outside `trusted-registries`."""

from __future__ import annotations

import textwrap

import pytest

from linter.engine import Finding, LintOptions, lint_bytes
from linter.registry import all_rules, find_rule
from tests.helpers import FIXED_TODAY

CODE = "DF514"
TRUSTED = ("registry.example.com", "*.gcr.io", "docker.io")


def positions(source: str, trusted: tuple[str, ...] = TRUSTED) -> list[tuple[int, int]]:
    return [(f.span.start_line, f.span.start_column) for f in findings(source, trusted)]


def findings(source: str, trusted: tuple[str, ...] = TRUSTED) -> list[Finding]:
    rule = find_rule(CODE, all_rules())
    assert rule is not None
    options = LintOptions(rules=(rule,), today=FIXED_TODAY, trusted_registries=trusted)
    result = lint_bytes(textwrap.dedent(source).encode(), "Dockerfile", options)
    assert result.error is None
    return list(result.findings)


POSITIVE = [
    ("FROM ghcr.io/astral-sh/uv:0.5\n", [(1, 6)]),
    ("FROM quay.io/prometheus/prometheus:v3\n", [(1, 6)]),
    ("FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n", [(2, 13)]),
    ("FROM python:3.12\nRUN --mount=from=ghcr.io/astral-sh/uv:0.5,source=/uv,target=/bin/uv uv --version\n", [(2, 18)]),
    ("ARG REGISTRY=registy.example.com\nFROM ${REGISTRY}/python:3.12\n", [(2, 6)]),
    ("from localhost:5000/app:1\n", [(1, 6)]),
    ("FROM python:3.12\nONBUILD COPY --from=quay.io/x/y:1 /a /a\n", [(2, 21)]),
]

NEGATIVE = [
    "FROM python:3.12\n",
    "FROM docker.io/library/python:3.12\n",
    "FROM index.docker.io/library/python:3.12\n",
    "FROM registry.example.com/team/app:1\n",
    "FROM REGISTRY.EXAMPLE.COM/team/app:1\n",
    "FROM us.gcr.io/project/app:1\n",
    "FROM scratch\n",
    "FROM python:3.12 AS build\nFROM build\nCOPY --from=build /a /a\n",
    "ARG BASE\nFROM ${BASE}\n",
    "FROM python:3.12\nCOPY --from=0 /a /a\n",
    "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install x\n",
    "FROM python:3.12\nONBUILD COPY --from=${IMG} /a /a\n",
    "from registry.example.com/app:1 \\\n  as base\n",
    "FROM registry.example.com/app:1\nRUN <<EOF\necho ghcr.io/x\nEOF\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_quiet_without_configuration() -> None:
    assert positions("FROM ghcr.io/astral-sh/uv:0.5\n", trusted=()) == []


def test_hub_docker_com_names_docker_hub() -> None:
    assert positions("FROM python:3.12\n", trusted=("hub.docker.com",)) == []
    assert positions("FROM python:3.12\n", trusted=("registry.example.com",)) == [(1, 6)]


def test_message() -> None:
    [finding] = findings("ARG REGISTRY=registy.example.com\nFROM ${REGISTRY}/python:3.12\n", ("registry.example.com",))
    assert finding.message == (
        "`registy.example.com/python:3.12` (from `${REGISTRY}/python:3.12`) comes from `registy.example.com`, which is "
        "not a trusted registry (`registry.example.com`): pull it from one of those (mirror it there), or add the "
        "registry to `trusted-registries` if it is trusted"
    )
