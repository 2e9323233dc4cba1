"""DF622 undefined-var: variables a stage expands without declaring them (conservative about base images)."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF622"

REPORTED = [
    pytest.param("ARG V=1\nFROM python:3.12\nLABEL version=$V\n", [(3, 15)], id="global-arg-not-redeclared"),
    pytest.param("FROM python:3.12\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n", [(3, 9)], id="typo"),
    pytest.param("FROM python:3.12\nENV APP_HOME=/app\nUSER ${app_home}\n", [(3, 6)], id="case-typo"),
    pytest.param("FROM golang:1.22\nCOPY bin/${TARGETARCH} /bin/\n", [(2, 10)], id="platform-arg"),
    pytest.param("FROM python:3.12\nCOPY a $DEST/\nARG DEST=/x\n", [(2, 8)], id="declared-later"),
    pytest.param("FROM scratch\nCOPY a $NOPE/\n", [(2, 8)], id="scratch"),
    pytest.param("from scratch\nworkdir $nope\n", [(2, 9)], id="lowercase"),
    pytest.param("FROM scratch\nENV A=1 \\\n    B=$C\n", [(3, 7)], id="continuation"),
    pytest.param('FROM scratch AS a\nFROM a\nVOLUME ["$DATA"]\n', [(3, 10)], id="multi-stage-scratch-json"),
    pytest.param(
        "FROM golang:1.22\nRUN --mount=type=cache,target=/root/$TARGETOS go build\n", [(2, 37)], id="run-mount"
    ),
    pytest.param("FROM scratch\nCOPY <<EOF /etc/conf\nhost=$HOST_NAME\nEOF\n", [(3, 6)], id="copy-heredoc"),
    pytest.param("FROM scratch\nARG A=$B\n", [(2, 7)], id="arg-default"),
    pytest.param("FROM scratch\nCOPY --chown=$OWNER a /a\n", [(2, 14)], id="chown"),
]

QUIET = [
    pytest.param("FROM python:3.12\nENV X=$SOMETHING\n", id="may-come-from-image"),
    pytest.param("ARG V=1\nFROM python:3.12\nARG V\nLABEL version=$V\n", id="redeclared"),
    pytest.param("FROM golang:1.22\nARG TARGETARCH\nCOPY bin/${TARGETARCH} /bin/\n", id="platform-declared"),
    pytest.param("FROM python:3.12\nENV PATH=/app/bin:$PATH\n", id="path"),
    pytest.param("FROM scratch\nENV X=${HTTP_PROXY}\n", id="proxy"),
    pytest.param("FROM python:3.12\nWORKDIR ${APP_HOME:-/app}\n", id="fallback"),
    pytest.param("FROM scratch\nENV X='$Y'\n", id="single-quoted"),
    pytest.param("FROM scratch\nENV X=\\$Y\n", id="escaped"),
    pytest.param("FROM scratch\nRUN echo $UNDEFINED\n", id="run-shell"),
    pytest.param("FROM scratch\nCMD echo $UNDEFINED\n", id="cmd-shell"),
    pytest.param("FROM scratch\nONBUILD COPY a $X/\n", id="onbuild"),
    pytest.param("FROM scratch\nENV A=1 B=$A\n", id="same-env-is-df619"),
    pytest.param("FROM scratch\nARG A=1 B=$A\n", id="same-arg-sequential"),
    pytest.param("FROM scratch AS a\nENV A=1\nFROM a\nCOPY x $A/\n", id="inherited"),
    pytest.param("FROM python:3.12\nENV V=${PYTHON_VERSION}\n", id="image-variable"),
    pytest.param("FROM scratch\nCOPY <<'EOF' /etc/conf\nhost=$HOST_NAME\nEOF\n", id="quoted-heredoc"),
    pytest.param("FROM scratch\nRUN <<EOF\necho $X\nEOF\n", id="run-heredoc"),
    pytest.param("FROM scratch\nHEALTHCHECK CMD echo $X\n", id="healthcheck"),
    pytest.param("ARG BASE\nFROM $BASE\nENV X=$BASE_DIR\n", id="unknown-image-chain"),
    pytest.param("FROM python:3.12\nENV APP_HOME=/app\nWORKDIR $APP_HOME \\\n  \n", id="continuation"),
    pytest.param("FROM scratch\nENV A=1\nCOPY x ${A}/y\n", id="declared-env"),
    pytest.param("FROM scratch\nARG A\nCOPY x ${A}/y\n", id="declared-arg-without-value"),
    pytest.param("FROM python:3.12\nCOPY --from=$STAGE /a /b\n", id="copy-from-not-expanded-here"),
    pytest.param('FROM scratch\nSHELL ["/bin/sh", "-c", "$X"]\n', id="shell"),
    pytest.param("FROM scratch\nMAINTAINER $X\n", id="maintainer"),
    pytest.param("FROM scratch\nENV A=${B:+x}\n", id="plus-operator"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("source", "start"),
    [
        ("ARG V=1\nFROM python:3.12\nLABEL version=$V\n", "`$V` is not declared in this stage, so LABEL gets"),
        ("FROM python:3.12\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n", "`$APP_HOEM` is not declared"),
    ],
)
def test_message_start(source: str, start: str) -> None:
    [finding] = lint(source, CODE)
    assert finding.message.startswith(start)


def test_messages_give_the_cause() -> None:
    [finding] = lint("ARG V=1\nFROM python:3.12\nLABEL version=$V\n", CODE)
    assert "add `ARG V` after this stage's FROM" in finding.message
    [finding] = lint("FROM python:3.12\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n", CODE)
    assert finding.message.endswith("did you mean `$APP_HOME`?")
    [finding] = lint("FROM python:3.12\nCOPY a $DEST/\nARG DEST=/x\n", CODE)
    assert "declared only later, on line 3" in finding.message
    [finding] = lint("FROM golang:1.22\nCOPY bin/${TARGETARCH} /bin/\n", CODE)
    assert "add `ARG TARGETARCH` after FROM" in finding.message
