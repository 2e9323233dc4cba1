"""DF210 apk-unpinned: `apk add` of packages without a version constraint."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF210"

POSITIVE = [
    ("FROM alpine\nRUN apk add --no-cache curl\n", [(2, 24)]),
    ("FROM alpine\nRUN apk add --no-cache curl=8.9.1-r0 git\n", [(2, 38)]),
    ("FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc\n", [(2, 46)]),
    ("FROM alpine\nRUN apk add --no-cache curl@edge\n", [(2, 24)]),
    ("FROM alpine\nRUN apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing --no-cache x\n", [(2, 78)]),
    ("from alpine\nrun apk add --no-cache \\\n    curl=8.9 \\\n    git\n", [(4, 5)]),
    ('FROM alpine\nRUN ["apk", "add", "--no-cache", "curl"]\n', [(2, 34)]),
    ("FROM alpine\nRUN cat <<EOF > /x && apk add --no-cache curl\nx\nEOF\n", [(2, 42)]),
    ("FROM alpine\nONBUILD RUN apk add --no-cache curl\n", [(2, 32)]),
]

NEGATIVE = [
    "FROM alpine\nRUN apk add --no-cache curl=8.9.1-r0\n",
    "FROM alpine\nRUN apk add --no-cache curl~8.9\n",
    "FROM alpine\nRUN apk add --no-cache 'curl>8' 'git<3'\n",
    "FROM alpine\nARG V=8.9\nRUN apk add --no-cache curl=${V}\n",
    "FROM alpine\nRUN apk add --no-cache --virtual .deps gcc=13.2.1_git20240309-r0\n",
    "FROM alpine\nRUN apk add --no-cache --allow-untrusted /tmp/packages/*.apk\n",
    "FROM alpine\nRUN apk add --no-cache ./local.apk\n",
    "FROM alpine\nRUN apk add --no-cache $PACKAGES\n",
    "FROM alpine\nRUN apk add --no-cache $(cat /deps | xargs)\n",
    "FROM alpine\nRUN apk del curl\n",
    "FROM alpine\nRUN apk upgrade --no-cache\n",
    "FROM alpine\nRUN echo apk add curl\n",
    "FROM alpine\nRUN cat <<EOF > /notes\napk add curl\nEOF\n",
    'FROM alpine\nRUN ["apk", "add", "--no-cache", "curl=8.9.1-r0"]\n',
    "FROM alpine\nONBUILD RUN apk add --no-cache curl~8\n",
    "from alpine\nrun apk add --no-cache \\\n    curl~8 \\\n    git~2\n",
    "FROM alpine\nRUN <<EOF\napk add --no-cache curl=8.9.1-r0\nEOF\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["cmd", "/S", "/C"]\nRUN apk add curl\n',
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
    [finding] = lint("FROM alpine\nRUN apk add --no-cache curl@edge git\n", CODE)
    assert finding.message == (
        "`apk add` installs `curl@edge` and `git` without a version: pin each (`curl=<version>`) so that rebuilds "
        "install the same packages"
    )
