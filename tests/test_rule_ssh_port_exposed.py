"""DF510 ssh-port-exposed: EXPOSE 22."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF510"

POSITIVE = [
    ("FROM debian\nEXPOSE 22\n", [(2, 8)]),
    ("FROM debian\nEXPOSE 80 22/tcp 443\n", [(2, 11)]),
    ("from debian\nexpose 22/TCP\n", [(2, 8)]),
    ("FROM debian\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n", [(3, 8)]),
    ("FROM debian\nEXPOSE 80 \\\n  22\n", [(3, 3)]),
    ("FROM debian\nONBUILD EXPOSE 22\n", [(2, 16)]),
    ('FROM debian AS base\nEXPOSE 22\nFROM base\nCMD ["sshd", "-D"]\n', [(2, 8)]),
]

NEGATIVE = [
    "FROM debian\nEXPOSE 2222\n",
    "FROM debian\nEXPOSE 22/udp\n",
    "FROM debian\nEXPOSE 8022 220\n",
    "FROM debian\nEXPOSE 20-25\n",
    "FROM debian\nARG PORT\nEXPOSE $PORT\n",
    "FROM debian\nARG PORT=8000\nEXPOSE $PORT\n",
    "FROM debian\nONBUILD EXPOSE $PORT\n",
    "FROM debian\nLABEL port=22\n",
    "FROM debian\nRUN echo 'Port 22' >> /etc/ssh/sshd_config\n",
    # a builder stage that is not in the image
    "FROM debian AS build\nEXPOSE 22\nRUN make\nFROM debian\nCOPY --from=build /out /out\n",
    # git and SFTP servers serve SSH by design
    "FROM alpine\nRUN apk add --no-cache git openssh && adduser -D -s /usr/bin/git-shell git\nEXPOSE 22\n",
    "FROM gitea/gitea:1.22\nEXPOSE 22 3000\n",
    "FROM atmoz/sftp:alpine\nEXPOSE 22\n",
    "from debian\nexpose 80 \\\n  443\n",
    "FROM debian\nEXPOSE 8000/tcp\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_with_a_variable() -> None:
    [finding] = lint("FROM debian\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n", CODE)
    assert finding.message.startswith("`EXPOSE ${SSH_PORT}` (`22`) advertises SSH: an SSH server in a container")
