"""DF502 sudo-in-run: `sudo` commands in RUN."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF502"

POSITIVE = [
    ("FROM debian\nRUN sudo apt-get update\n", [(2, 5)]),
    ("FROM debian\nRUN apt-get update && sudo -E apt-get install -y curl\n", [(2, 23)]),
    ("FROM debian\nRUN env A=1 sudo make install\n", [(2, 13)]),
    ("FROM debian\nRUN sudo -u root ls && sudo -E -u 0 ls\n", [(2, 5), (2, 24)]),
    ("from debian\nrun /usr/bin/sudo ls\n", [(2, 5)]),
    # continuation, heredoc, exec form, sh -c, ONBUILD
    ("FROM debian\nRUN true \\\n && sudo ls\n", [(3, 5)]),
    ("FROM debian\nRUN <<EOF\nset -e\nsudo ls\nEOF\n", [(4, 1)]),
    ('FROM debian\nRUN ["sudo", "ls"]\n', [(2, 6)]),
    ("FROM debian\nRUN sh -c 'sudo ls'\n", [(2, 12)]),
    ("FROM debian\nONBUILD RUN sudo ls\n", [(2, 13)]),
    # every stage
    ("FROM debian AS build\nRUN sudo ls\nFROM debian\nRUN ls\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get install -y sudo\n",
    "FROM debian\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\n",
    'FROM debian\nRUN echo "sudo ls"\n',
    "FROM debian\nRUN usermod -aG sudo app\n",
    "FROM debian\nRUN gosu app ls\n",
    "FROM debian\nRUN su-exec app ls\n",
    "FROM debian\nRUN cat <<EOF > /notes\nsudo ls\nEOF\n",
    "FROM debian\nRUN ls /etc/sudoers.d\n",
    "FROM debian\nRUN sudoedit --help || true\n",
    # not a RUN
    'FROM debian\nCMD ["sudo", "-u", "app", "server"]\n',
    "FROM debian\nENTRYPOINT sudo server\n",
    "FROM debian\nLABEL sudo=no\n",
    # lowercase, continuation, ONBUILD without sudo
    "from debian\nrun apt-get install \\\n    sudo\n",
    "FROM debian\nONBUILD RUN ls\n",
    # another shell
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN sudo ls\n',
    "FROM debian\nRUN --mount=type=cache,target=/sudo ls /sudo\n",
    "FROM debian\nRUN find / -name sudo\n",
    "FROM debian\nRUN which sudo || true\n",
    "FROM debian\nRUN command -v sudo\n",
    "FROM debian\nRUN dpkg -l sudo\n",
    "FROM debian\nRUN sudo -u discourse bundle install\n",
    "FROM debian\nRUN sudo --user=app git clone https://x.example/r\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_quotes_the_command() -> None:
    [finding] = lint("FROM debian\nRUN sudo apt-get update\n", CODE)
    assert finding.message.startswith("`sudo apt-get update` uses sudo: RUN already runs as root")
