"""DF619 env-self-reference: a variable read in the ENV instruction that sets it."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF619"

REPORTED = [
    pytest.param("FROM alpine\nENV A=1 B=$A\n", [(2, 11)], id="plain"),
    pytest.param("FROM alpine\nENV APP=/app PYTHONPATH=${APP}/src\n", [(2, 25)], id="braces"),
    pytest.param('FROM alpine\nENV A=1 B="x $A"\n', [(2, 14)], id="double-quoted"),
    pytest.param("from alpine\nenv A=1 B=$A\n", [(2, 11)], id="lowercase"),
    pytest.param("FROM alpine\nENV A=1 \\\n    B=$A\n", [(3, 7)], id="continuation"),
    pytest.param("FROM alpine\nARG V=1\nENV V=2 URL=/dl/$V\n", [(3, 17)], id="arg-with-other-value"),
    pytest.param("FROM alpine\nENV V=1\nENV V=$X W=$V\n", [(3, 12)], id="previous-value-differs"),
    pytest.param("FROM alpine\nONBUILD ENV A=1 B=$A\n", [(2, 19)], id="onbuild"),
    pytest.param("FROM alpine AS a\nFROM a\nENV A=1 B=${A:-x}\n", [(3, 11)], id="multi-stage-operator"),
]

QUIET = [
    pytest.param("FROM alpine\nENV A=1\nENV B=$A\n", id="separate"),
    pytest.param("FROM alpine\nENV PATH=/app/bin:$PATH\n", id="own-value"),
    pytest.param("FROM alpine\nENV B=$A A=1\n", id="reference-before-definition"),
    pytest.param("FROM alpine\nENV A=1 B='$A'\n", id="single-quoted"),
    pytest.param("FROM alpine\nENV A=1 B=\\$A\n", id="escaped"),
    pytest.param("FROM alpine\nENV A=1 B=$AB\n", id="longer-name"),
    pytest.param("FROM alpine\nENV V=1\nENV V=1 W=$V\n", id="same-old-value"),
    pytest.param("FROM alpine\nARG A=1\nENV A=1 B=$A\n", id="same-arg-value"),
    pytest.param("FROM alpine\nENV A 1 $A\n", id="legacy-form"),
    pytest.param("FROM alpine\nLABEL a=1 b=$a\n", id="label"),
    pytest.param("FROM alpine\nARG A=1 B=$A\n", id="arg"),
    pytest.param("FROM alpine\nRUN A=1 B=$A env\n", id="run"),
    pytest.param("FROM alpine\nRUN <<EOF\nexport A=1 B=$A\nEOF\n", id="heredoc"),
    pytest.param("FROM alpine\nENV A=1 \\\n    B=2\n", id="continuation"),
    pytest.param("FROM alpine AS a\nENV A=1\nFROM a\nENV B=$A C=1\n", id="multi-stage"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_messages_say_which_value_is_used() -> None:
    [finding] = lint("FROM alpine\nENV A=1 B=$A\n", CODE)
    assert finding.message.startswith("`B` uses `$A` from the same ENV instruction that sets `A`")
    assert "gets nothing yet" in finding.message
    [finding] = lint("FROM alpine\nARG V=1\nENV V=2 URL=/dl/$V\n", CODE)
    assert "gets its previous value `1`" in finding.message
