"""DF628 consecutive-run: single-command RUNs in a row that could be one."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF628"

REPORTED = [
    pytest.param("FROM alpine\nRUN apk update\nRUN apk add curl\n", [(3, 1)], id="two"),
    pytest.param("FROM alpine\nRUN a\n# comment\n\nRUN b\n", [(5, 1)], id="comment-between"),
    pytest.param("FROM alpine\nRUN a\nRUN b\nRUN c\n", [(3, 1), (4, 1)], id="three"),
    pytest.param("from alpine\nrun a\nrun b\n", [(3, 1)], id="lowercase"),
    pytest.param("FROM alpine\nRUN apk add \\\n  curl\nRUN apk add \\\n  git\n", [(4, 1)], id="continuation"),
    pytest.param(
        "FROM alpine\nRUN --mount=type=cache,target=/c a\nRUN --mount=type=cache,target=/c b\n",
        [(3, 1)],
        id="same-mount",
    ),
    pytest.param("FROM alpine AS a\nRUN a\nFROM a\nRUN b\nRUN c\n", [(5, 1)], id="multi-stage"),
]

QUIET = [
    pytest.param("FROM alpine\nRUN a\nCOPY . .\nRUN b\n", id="copy-between"),
    pytest.param("FROM alpine\nRUN a && b\nRUN c\n", id="first-chains"),
    pytest.param("FROM alpine\nRUN a\nRUN b; c\n", id="second-chains"),
    pytest.param("FROM alpine\nRUN --mount=type=cache,target=/c a\nRUN b\n", id="different-mounts"),
    pytest.param("FROM alpine\nRUN a\nRUN <<EOF\nb\nEOF\n", id="heredoc"),
    pytest.param('FROM alpine\nRUN ["a"]\nRUN b\n', id="exec-form"),
    pytest.param("FROM alpine\nRUN a\nFROM alpine\nRUN b\n", id="other-stage"),
    pytest.param("FROM alpine\nONBUILD RUN a\nONBUILD RUN b\n", id="onbuild"),
    pytest.param('FROM mcr.microsoft.com/windows\nSHELL ["pwsh", "-c"]\nRUN a\nRUN b\n', id="powershell"),
    pytest.param("FROM alpine\nRUN a\nENV X=1\nRUN b\n", id="env-between"),
    pytest.param("FROM alpine\nRUN a\nARG X\nRUN b\n", id="arg-between"),
    pytest.param("FROM alpine\nRUN a \\\n && b\nRUN c\n", id="continuation-chain"),
    pytest.param("FROM alpine\nRUN --network=none a\nRUN b\n", id="different-network"),
    pytest.param("FROM alpine\nRUN a\n", id="single"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_names_the_previous_run() -> None:
    [finding] = lint("FROM alpine\nRUN apk update\n\nRUN apk add curl\n", CODE)
    assert finding.message.startswith("this RUN directly follows the RUN on line 2 with the same flags")
