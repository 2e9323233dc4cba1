"""DF613 copy-from-unknown-stage: --from naming a later stage, a missing index, or a likely typo."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF613"

REPORTED = [
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=bulder /a /b\n", [(3, 13)], id="typo"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\ncopy --from=biulder /a /b\n", [(3, 13)], id="swap"),
    pytest.param("FROM python:3.12\nCOPY --from=test /a /b\nFROM python:3.12 AS test\n", [(2, 13)], id="later-name"),
    pytest.param("FROM python:3.12\nCOPY --from=1 /a /b\nFROM python:3.12\n", [(2, 13)], id="later-index"),
    pytest.param("FROM python:3.12\nCOPY --from=4 /a /b\n", [(2, 13)], id="index-out-of-range"),
    pytest.param("FROM python:3.12\nCOPY --from=Builder /a /b\n", [(2, 13)], id="capitals-not-an-image"),
    pytest.param(
        "FROM python:3.12 AS builder\nFROM python:3.12\nRUN --mount=type=bind,from=buildr,target=/w true\n",
        [(3, 28)],
        id="mount",
    ),
    pytest.param(
        "FROM python:3.12 AS builder\nFROM python:3.12\nARG S=bulder\nCOPY --from=$S /a /b\n", [(4, 13)], id="arg"
    ),
]

QUIET = [
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=builder /a /b\n", id="stage"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=Builder /a /b\n", id="stage-any-case"),
    pytest.param("FROM python:3.12\nFROM python:3.12\nCOPY --from=0 /a /b\n", id="earlier-index"),
    pytest.param("FROM python:3.12\nCOPY --from=composer /usr/bin/composer /usr/bin/\n", id="official-image"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=tooling /a /b\n", id="unrelated-image"),
    pytest.param("FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n", id="registry-image"),
    pytest.param("FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n", id="tagged-image"),
    pytest.param("FROM python:3.12 AS build\nFROM python:3.12\nCOPY --from=build:1 /a /b\n", id="tag-is-image"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=nginx /a /b\n", id="common-image"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nARG S\nCOPY --from=$S /a /b\n", id="arg-unknown"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nONBUILD COPY --from=bulder /a /b\n", id="onbuild"),
    pytest.param("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=x.y /a /b\n", id="dotted"),
    pytest.param("FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=c /a /b\n", id="short-names"),
    pytest.param("FROM python:3.12 AS runtime\nCOPY --from=runtime /a /b\n", id="own-stage-is-df614"),
    pytest.param("from python:3.12 as a\nfrom a as b\ncopy --from=a /x /y\n", id="lowercase-earlier-stage"),
    pytest.param(
        "FROM python:3.12 AS builder\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache true\n",
        id="mount-without-from",
    ),
    pytest.param(
        "FROM python:3.12 AS builder\nFROM python:3.12\nCOPY <<EOF /a\n--from=bulder\nEOF\n", id="heredoc-body"
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_typo_message_suggests_the_stage() -> None:
    (finding,) = lint("FROM python:3.12 AS builder\nFROM python:3.12\nCOPY --from=bulder /a /b\n", CODE)
    assert finding.message == (
        "`COPY --from=bulder` names no stage of this file, so BuildKit would pull an image `bulder` from Docker Hub; "
        "did you mean the stage `builder` (line 1)?"
    )


def test_later_stage_message() -> None:
    (finding,) = lint("FROM python:3.12\nCOPY --from=test /a /b\nFROM python:3.12 AS test\n", CODE)
    assert finding.message == (
        "`COPY --from=test` names stage `test`, defined on line 3 after this instruction: BuildKit builds stages in "
        "file order and stops (the stage needs to be defined before the current one); move that stage up"
    )


def test_index_message() -> None:
    (finding,) = lint("FROM python:3.12\nCOPY --from=4 /a /b\n", CODE)
    assert "names stage number 4, but the file has 1 stage (numbered from 0)" in finding.message
