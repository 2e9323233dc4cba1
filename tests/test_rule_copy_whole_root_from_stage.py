"""DF629 copy-whole-root-from-stage: COPY --from=<stage> / /."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF629"

BUILD = "FROM python:3.12 AS build\nRUN pip install --prefix=/install fastapi\n"

REPORTED = [
    pytest.param(BUILD + "FROM python:3.12-slim\nCOPY --from=build / /\n", [(4, 19)], id="plain"),
    pytest.param(BUILD + "FROM scratch\nCOPY --from=0 /. /\n", [(4, 15)], id="index-dot"),
    pytest.param(BUILD + 'FROM scratch\nCOPY --from=build ["/", "/"]\n', [(4, 19)], id="json"),
    pytest.param(BUILD + "from scratch\ncopy --from=BUILD / /\n", [(4, 19)], id="lowercase-casefold"),
    pytest.param(BUILD + "FROM scratch\nCOPY --from=build \\\n  / /\n", [(5, 3)], id="continuation"),
    pytest.param(BUILD + "FROM scratch\nARG S=build\nCOPY --from=${S} / /\n", [(5, 18)], id="arg-in-stage"),
    pytest.param(BUILD + "FROM build AS more\nENV X=1\nFROM scratch\nCOPY --from=more / /\n", [(6, 18)], id="chain"),
]

QUIET = [
    pytest.param(BUILD + "FROM python:3.12-slim\nCOPY --from=build /install /usr/local\n", id="subdirectory"),
    pytest.param(BUILD + "FROM python:3.12-slim\nCOPY --from=build / /rootfs/\n", id="root-elsewhere"),
    pytest.param("FROM scratch AS rootfs\nCOPY app /app\nFROM alpine\nCOPY --from=rootfs / /\n", id="scratch-stage"),
    pytest.param("FROM tonistiigi/xx AS xx\nFROM alpine\nCOPY --from=xx / /\n", id="image-alias-stage"),
    pytest.param("FROM alpine\nCOPY --from=tonistiigi/xx / /\n", id="external-image"),
    pytest.param(BUILD + "FROM alpine\nCOPY / /\n", id="no-from"),
    pytest.param(BUILD + "FROM alpine\nCOPY --from=$UNKNOWN / /\n", id="unknown-variable"),
    pytest.param(BUILD + "FROM alpine\nONBUILD COPY --from=build / /\n", id="onbuild"),
    pytest.param(BUILD + "FROM alpine\nRUN <<EOF\ncp -a / /\nEOF\n", id="heredoc"),
    pytest.param(BUILD + "FROM alpine\nADD / /\n", id="add"),
    pytest.param(BUILD + "FROM alpine\nCOPY --from=build /app/ /\n", id="directory-to-root"),
    pytest.param(BUILD + "FROM alpine\nCOPY --from=build \\\n  /app /app\n", id="continuation"),
    pytest.param(BUILD + "FROM alpine\nCOPY --from=build /* /\n", id="glob-not-root"),
    pytest.param("FROM alpine AS a\nCOPY --from=b / /\nFROM alpine AS b\nRUN x\n", id="later-stage"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    [finding] = lint(BUILD + "FROM python:3.12-slim\nCOPY --from=build / /\n", CODE)
    assert finding.message.startswith("`COPY --from=build` copies the whole filesystem of stage `build`")
