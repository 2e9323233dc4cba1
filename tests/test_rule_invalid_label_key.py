"""DF626 invalid-label-key: LABEL keys against Docker's key guidelines."""

from __future__ import annotations

import pytest

from rules.invalid_label_key import key_problem
from tests.helpers import lint, positions

CODE = "DF626"

REPORTED = [
    pytest.param("FROM alpine\nLABEL Version=1\n", [(2, 7)], id="uppercase"),
    pytest.param("FROM alpine\nLABEL a=1 build_date=2\n", [(2, 11)], id="underscore-second"),
    pytest.param('FROM alpine\nLABEL "docker_run_flags"="-d"\n', [(2, 7)], id="quoted-key"),
    pytest.param("FROM alpine\nlabel com.docker.thing=1\n", [(2, 7)], id="reserved-lowercase-keyword"),
    pytest.param("FROM alpine\nLABEL a=1 \\\n  org..x=2\n", [(3, 3)], id="continuation-double-dot"),
    pytest.param("FROM alpine\nLABEL MAINTAINER me\n", [(2, 7)], id="legacy-form"),
    pytest.param("FROM alpine\nARG P=Org\nLABEL ${P}.version=1\n", [(3, 7)], id="arg-resolved"),
    pytest.param("FROM alpine\nONBUILD LABEL Version=1\n", [(2, 15)], id="onbuild"),
    pytest.param("FROM alpine AS a\nFROM a\nLABEL -x=1\n", [(3, 7)], id="multi-stage-leading-hyphen"),
]

QUIET = [
    pytest.param("FROM alpine\nLABEL maintainer=me\n", id="maintainer"),
    pytest.param("FROM alpine\nLABEL org.opencontainers.image.source=https://x\n", id="oci"),
    pytest.param("FROM alpine\nLABEL org.label-schema.build-date=now\n", id="label-schema"),
    pytest.param("FROM alpine\nLABEL com.example.v2=1\n", id="ends-with-digit"),
    pytest.param('FROM alpine\nLABEL "com.example.key"="v"\n', id="quoted-valid"),
    pytest.param("FROM alpine\nLABEL com.docker.desktop.extension.api.version=1\n", id="docker-extension"),
    pytest.param("FROM alpine\nLABEL com.docker.extension.publisher-url=x\n", id="docker-extension-2"),
    pytest.param("FROM alpine\nLABEL ${PREFIX}.version=1\n", id="unknown-variable"),
    pytest.param("FROM alpine\nARG P=org.example\nLABEL ${P}.version=1\n", id="arg-resolved-valid"),
    pytest.param("FROM alpine\nONBUILD LABEL ${P}=1\n", id="onbuild-variable"),
    pytest.param("FROM alpine\nENV Version=1\n", id="env"),
    pytest.param("FROM alpine\nRUN <<EOF\nLABEL Version=1\nEOF\n", id="heredoc"),
    pytest.param("FROM alpine\nLABEL a=1 \\\n  b.c=2\n", id="continuation"),
    pytest.param('FROM alpine\nlabel description="A B"\n', id="lowercase-keyword"),
    pytest.param('FROM alpine\nLABEL version="Version_1"\n', id="value-not-checked"),
    pytest.param("FROM alpine\nLABEL com.docker.compose.project=x\n", id="compose"),
    pytest.param("FROM alpine\nLABEL a-b.c-d=1\n", id="hyphens"),
    pytest.param("FROM alpine\nLABEL x=1 y=2\n", id="two"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("Version", "contains `V`"),
        ("build_date", "contains `_`"),
        ("1abc", "does not start with a letter"),
        ("abc.", "does not end with a letter or digit"),
        ("a--b", "repeats a separator (`..` or `--`)"),
        ("io.docker.x", "uses a namespace Docker reserves"),
        ("", "is empty"),
        ("org.example.key", None),
    ],
)
def test_key_problem(key: str, problem: str | None) -> None:
    found = key_problem(key)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


def test_message_shows_the_resolved_key() -> None:
    [finding] = lint("FROM alpine\nARG P=Org\nLABEL ${P}.version=1\n", CODE)
    assert finding.message.startswith("label key `${P}.version` (= `Org.version`) contains `O`")
