"""DF616 expose-invalid-port: ports BuildKit cannot parse, with exact positions and messages."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF616"

REPORTED = [
    pytest.param("FROM alpine\nEXPOSE 80000\n", [(2, 8)], id="above-65535"),
    pytest.param("FROM alpine\nEXPOSE 80 65536/udp\n", [(2, 11)], id="second-port-with-protocol"),
    pytest.param("FROM alpine\nEXPOSE 9000-8000\n", [(2, 8)], id="reversed-range"),
    pytest.param("FROM alpine\nEXPOSE 8000-70000\n", [(2, 8)], id="range-end-too-high"),
    pytest.param("FROM alpine\nEXPOSE 8000/http\n", [(2, 8)], id="unknown-protocol"),
    pytest.param("FROM alpine\nEXPOSE http\n", [(2, 8)], id="not-a-number"),
    pytest.param("FROM alpine\nEXPOSE /tcp\n", [(2, 8)], id="no-port"),
    pytest.param("FROM alpine\nEXPOSE 1-2-3\n", [(2, 8)], id="three-part-range"),
    pytest.param("FROM alpine\nexpose 99999\n", [(2, 8)], id="lowercase-keyword"),
    pytest.param("FROM alpine\nEXPOSE 80 \\\n    99999\n", [(3, 5)], id="continuation"),
    pytest.param("FROM alpine\nARG PORT=70000\nEXPOSE ${PORT}\n", [(3, 8)], id="arg-resolved"),
    pytest.param('FROM alpine\nENV PORTS="80 70000"\nEXPOSE $PORTS\n', [(3, 8)], id="env-with-two-ports"),
    pytest.param("FROM alpine\nONBUILD EXPOSE 70000\n", [(2, 16)], id="onbuild"),
    pytest.param("FROM alpine AS a\nFROM a\nEXPOSE 0x50\n", [(3, 8)], id="multi-stage-hex"),
]

QUIET = [
    pytest.param("FROM alpine\nEXPOSE 80\n", id="plain"),
    pytest.param("FROM alpine\nEXPOSE 0 65535\n", id="bounds"),
    pytest.param("FROM alpine\nEXPOSE 8000-8010/udp\n", id="range-with-protocol"),
    pytest.param("FROM alpine\nEXPOSE 80/TCP 53/Udp 132/sctp\n", id="protocol-casing-is-df618"),
    pytest.param("FROM alpine\nEXPOSE $PORT\n", id="undeclared-variable"),
    pytest.param("FROM alpine\nARG PORT\nEXPOSE ${PORT}\n", id="arg-without-default"),
    pytest.param("FROM alpine\nARG PORT=8000\nEXPOSE ${PORT}/tcp\n", id="arg-resolved-valid"),
    pytest.param("FROM alpine\nONBUILD EXPOSE $PORT\n", id="onbuild-variable"),
    pytest.param('FROM alpine\nEXPOSE "8080"\n', id="quoted"),
    pytest.param("FROM alpine\nEXPOSE 8080:80\n", id="host-mapping-is-df617"),
    pytest.param("FROM alpine\nRUN echo <<EOF\n99999\nEOF\n", id="heredoc-not-expose"),
    pytest.param("FROM alpine\nEXPOSE 8000 \\\n    8001\n", id="continuation-valid"),
    pytest.param("FROM alpine\nLABEL port=99999\n", id="other-instruction"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_explains_the_problem_and_the_value() -> None:
    [finding] = lint("FROM alpine\nARG PORT=70000\nEXPOSE $PORT\n", CODE)
    assert finding.message.startswith("`EXPOSE $PORT` (= `70000`) cannot be parsed: 70000 is above 65535")
    [finding] = lint("FROM alpine\nEXPOSE 80/http\n", CODE)
    assert "the protocol `http` is none of tcp, udp, sctp" in finding.message
    assert finding.fix is None
