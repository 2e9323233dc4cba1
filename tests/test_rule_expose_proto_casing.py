"""DF618 expose-proto-casing: upper-case protocols, positions and the safe fix."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF618"

REPORTED = [
    pytest.param("FROM alpine\nEXPOSE 80/TCP\n", [(2, 8)], id="tcp"),
    pytest.param("FROM alpine\nEXPOSE 80 53/Udp 9/SCTP\n", [(2, 11), (2, 18)], id="mixed"),
    pytest.param("FROM alpine\nexpose 80/Tcp\n", [(2, 8)], id="lowercase-keyword"),
    pytest.param("FROM alpine\nEXPOSE 80 \\\n   443/TCP\n", [(3, 4)], id="continuation"),
    pytest.param("FROM alpine\nARG P=80/TCP\nEXPOSE $P\n", [(3, 8)], id="arg-resolved"),
    pytest.param("FROM alpine\nONBUILD EXPOSE 80/TCP\n", [(2, 16)], id="onbuild"),
    pytest.param("FROM alpine\nEXPOSE 8080:80/TCP\n", [(2, 8)], id="with-host-port"),
]

QUIET = [
    pytest.param("FROM alpine\nEXPOSE 80/tcp\n", id="lower"),
    pytest.param("FROM alpine\nEXPOSE 80\n", id="no-protocol"),
    pytest.param("FROM alpine\nEXPOSE 80/HTTP\n", id="unknown-protocol-is-df616"),
    pytest.param("FROM alpine\nEXPOSE $P\n", id="unknown-variable"),
    pytest.param("FROM alpine\nONBUILD EXPOSE $P\n", id="onbuild-variable"),
    pytest.param("FROM alpine\nLABEL port=80/TCP\n", id="label"),
    pytest.param("FROM alpine AS a\nEXPOSE 80/udp\nFROM a\nEXPOSE 81/sctp\n", id="multi-stage"),
    pytest.param("FROM alpine\nRUN <<EOF\necho 80/TCP\nEOF\n", id="heredoc"),
    pytest.param("FROM alpine\nEXPOSE 80 \\\n   443/udp\n", id="continuation"),
    pytest.param("FROM alpine\nARG P=80/tcp\nEXPOSE $P\n", id="arg-lower"),
    pytest.param("FROM alpine\nexpose 1/udp\n", id="lowercase-keyword"),
    pytest.param("FROM alpine\nEXPOSE 8000-8010/tcp\n", id="range"),
    pytest.param('FROM alpine\nCMD ["nc", "80/TCP"]\n', id="cmd"),
    pytest.param("FROM alpine\nEXPOSE 22 80 443\n", id="several"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM alpine\nEXPOSE 80/TCP 53/Udp\n", "FROM alpine\nEXPOSE 80/tcp 53/udp\n"),
        ("FROM alpine\nEXPOSE 80 \\\n   443/TCP\n", "FROM alpine\nEXPOSE 80 \\\n   443/tcp\n"),
        ("FROM alpine\nONBUILD EXPOSE 8080:80/SCTP\n", "FROM alpine\nONBUILD EXPOSE 8080:80/sctp\n"),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed


def test_no_fix_through_a_variable_or_quotes() -> None:
    [finding] = lint("FROM alpine\nARG P=80/TCP\nEXPOSE $P\n", CODE)
    assert finding.fix is None
    assert finding.message.startswith("`EXPOSE $P` (= `80/TCP`): write the protocol in lower case (`80/tcp`)")
    [finding] = lint('FROM alpine\nEXPOSE "80/TCP"\n', CODE)
    assert finding.fix is None
    [finding] = lint("FROM alpine\nEXPOSE 80/TCP\n", CODE)
    assert finding.fix is not None and finding.fix.safe
