"""DF209 apk-no-cache: `apk add` that leaves the package index in a shipped layer."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF209"

POSITIVE = [
    ("FROM alpine\nRUN apk add curl\n", [(2, 5)]),
    ("FROM alpine\nRUN apk update && apk add --update curl\n", [(2, 19)]),
    ("from alpine\nrun set -eux; \\\n    apk add -U \\\n      curl\n", [(3, 5)]),
    ('FROM alpine\nRUN ["apk", "add", "curl"]\n', [(2, 6)]),
    ("FROM alpine\nRUN sh -c 'apk add curl'\n", [(2, 12)]),
    ("FROM alpine\nRUN cat <<EOF > /x && apk add curl\nx\nEOF\n", [(2, 23)]),
    ("FROM alpine\nRUN <<EOF\napk add curl\nEOF\n", [(3, 1)]),
    ("FROM alpine\nONBUILD RUN apk add curl\n", [(2, 13)]),
    # removing the cache before the install cleans nothing
    ("FROM alpine\nRUN rm -rf /var/cache/apk/* && apk add curl\n", [(2, 32)]),
]

NEGATIVE = [
    "FROM alpine\nRUN apk add --no-cache curl\n",
    "FROM alpine\nRUN apk --no-cache add curl\n",
    "FROM alpine\nRUN apk add curl --no-cache\n",
    "FROM alpine\nRUN apk add curl && rm -rf /var/cache/apk/*\n",
    "FROM alpine\nRUN apk add --no-network --virtual .rundeps $runDeps\n",
    "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n",
    "FROM alpine\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl\n",
    "FROM alpine\nARG APK_OPTS=--no-cache\nRUN apk $APK_OPTS add curl\n",
    # builders read only through COPY --from
    "FROM alpine AS build\nRUN apk add gcc\nFROM alpine\nCOPY --from=build /out /out\n",
    "FROM golang:alpine AS base\nRUN apk add git\nFROM base AS build\nRUN go build\n"
    "FROM scratch\nCOPY --from=build /app /app\n",
    # other apk commands, text, heredoc data
    "FROM alpine\nRUN apk del curl\n",
    "FROM alpine\nRUN apk info -vv\n",
    "FROM alpine\nRUN echo apk add curl\n",
    "FROM alpine\nRUN cat <<EOF > /notes\napk add curl\nEOF\n",
    'FROM alpine\nRUN ["apk", "add", "--no-cache", "curl"]\n',
    "FROM alpine\nRUN sh -c 'apk add --no-cache curl'\n",
    "FROM alpine\nONBUILD RUN apk add --no-cache curl\n",
    "from alpine\nrun apk add \\\n    --no-cache curl\n",
    "FROM alpine\nRUN <<EOF\napk add --no-cache curl\nEOF\n",
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
    [finding] = lint("FROM alpine\nRUN apk add curl\n", CODE)
    assert finding.message == "`apk add` keeps the package index in /var/cache/apk: use `apk add --no-cache`"
    assert finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM alpine\nRUN apk add curl\n", "FROM alpine\nRUN apk add --no-cache curl\n"),
        ("FROM alpine\nRUN apk add \\\n    curl\n", "FROM alpine\nRUN apk add --no-cache \\\n    curl\n"),
        ('FROM alpine\nRUN ["apk", "add", "curl"]\n', 'FROM alpine\nRUN ["apk", "add", "--no-cache", "curl"]\n'),
        (
            "FROM alpine\nRUN apk add -t .deps gcc && apk add curl\n",
            "FROM alpine\nRUN apk add --no-cache -t .deps gcc && apk add --no-cache curl\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
