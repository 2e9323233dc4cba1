"""DF617 expose-invalid-format: IP addresses and host-port mappings in EXPOSE."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF617"

REPORTED = [
    pytest.param("FROM alpine\nEXPOSE 127.0.0.1:80:80\n", [(2, 8)], id="ip-and-host-port"),
    pytest.param("FROM alpine\nEXPOSE 80 8080:80/tcp\n", [(2, 11)], id="host-port"),
    pytest.param("FROM alpine\nEXPOSE [::1]:80:80\n", [(2, 8)], id="ipv6"),
    pytest.param("FROM alpine\nexpose 8080:80\n", [(2, 8)], id="lowercase"),
    pytest.param("FROM alpine\nEXPOSE 80 \\\n  8080:80\n", [(3, 3)], id="continuation"),
    pytest.param("FROM alpine\nARG MAP=8080:80\nEXPOSE $MAP\n", [(3, 8)], id="arg-resolved"),
    pytest.param("FROM alpine\nONBUILD EXPOSE 8080:80\n", [(2, 16)], id="onbuild"),
]

QUIET = [
    pytest.param("FROM alpine\nEXPOSE 80\n", id="port"),
    pytest.param("FROM alpine\nEXPOSE 80/udp 8000-8010\n", id="protocol-and-range"),
    pytest.param("FROM alpine\nEXPOSE $MAP\n", id="unknown-variable"),
    pytest.param("FROM alpine\nONBUILD EXPOSE $MAP\n", id="onbuild-variable"),
    pytest.param("FROM alpine\nARG PORT=80\nEXPOSE $PORT\n", id="arg-port"),
    pytest.param("FROM alpine AS a\nLABEL ports=8080:80\nFROM a\nEXPOSE 80\n", id="multi-stage-label"),
    pytest.param("FROM alpine\nRUN <<EOF\necho 8080:80\nEOF\n", id="heredoc"),
    pytest.param("FROM alpine\nEXPOSE 8000 \\\n    8001\n", id="continuation"),
    pytest.param('FROM alpine\nCMD ["serve", "--port", "8080:80"]\n', id="cmd"),
    pytest.param("FROM alpine\nEXPOSE 80000\n", id="invalid-is-df616"),
    pytest.param("FROM alpine\nexpose 80\n", id="lowercase"),
    pytest.param("FROM alpine\nEXPOSE 0\n", id="zero"),
    pytest.param("FROM alpine\nEXPOSE 1/sctp\n", id="sctp"),
    pytest.param("FROM alpine\nEXPOSE 22 80 443\n", id="several"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_says_what_to_write() -> None:
    [finding] = lint("FROM alpine\nEXPOSE 127.0.0.1:8080:80/udp\n", CODE)
    assert finding.message.startswith("`EXPOSE 127.0.0.1:8080:80/udp` gives an IP address and a host port")
    assert "write `EXPOSE 80/udp`" in finding.message
