"""DF516 pointless-command: commands that do nothing useful in a build step."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF516"

POSITIVE = [
    ("FROM debian\nRUN vim /etc/hosts\n", [(2, 5)]),
    ("FROM debian\nRUN shutdown -h now\n", [(2, 5)]),
    ("FROM debian\nRUN ps aux\n", [(2, 5)]),
    ("FROM debian\nRUN free -m && top\n", [(2, 5), (2, 16)]),
    ("FROM debian\nRUN mount -t tmpfs none /mnt\n", [(2, 5)]),
    ("FROM debian\nRUN ssh git@example.com\n", [(2, 5)]),
    ("FROM debian\nRUN apt-get install -y nginx && service nginx start\n", [(2, 33)]),
    ("FROM debian\nRUN systemctl start nginx\n", [(2, 5)]),
    ("FROM debian\nRUN kill 1\n", [(2, 5)]),
    ("FROM debian\nRUN ifconfig eth0\n", [(2, 5)]),
    # continuation, heredoc, sh -c, ONBUILD, lowercase
    ("FROM debian\nRUN apt-get update \\\n && service cron start\n", [(3, 5)]),
    ("FROM debian\nRUN <<EOF\nset -e\nservice nginx restart\nEOF\n", [(4, 1)]),
    ("FROM debian\nRUN sh -c 'ps -ef'\n", [(2, 12)]),
    ("FROM debian\nONBUILD RUN nano /etc/hosts\n", [(2, 13)]),
    ("from debian\nrun reboot\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM debian\nRUN service mysql start && mysql < /schema.sql && service mysql stop\n",
    "FROM debian\nRUN service nginx stop\n",
    "FROM debian\nRUN systemctl enable nginx\n",
    "FROM debian\nRUN TERM=xterm browsh & pidsave=$!; sleep 10; kill $pidsave || true\n",
    "FROM debian\nRUN (server &) && sleep 1 && curl localhost && pkill server\n",
    "FROM debian\nRUN vim +PlugInstall +qall\n",
    "FROM debian\nRUN vim -c 'set ff=unix' -c wq /etc/x\n",
    "FROM debian\nRUN vi -e -s /etc/x < /edit.ex\n",
    "FROM debian\nRUN emacs --batch -l /init.el\n",
    "FROM debian\nRUN top -b -n 1 > /dev/null\n",
    "FROM debian\nRUN --mount=type=ssh ssh -T git@github.com || true\n",
    "FROM debian\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n",
    "FROM debian\nRUN apt-get install -y vim procps openssh-client\n",
    'FROM debian\nRUN echo "ps aux"\n',
    "FROM debian\nRUN cat <<EOF > /notes\nservice nginx start\nEOF\n",
    'FROM debian\nCMD ["service", "nginx", "start"]\n',
    "FROM debian\nENTRYPOINT service cron start && tail -f /dev/null\n",
    "FROM debian\nONBUILD RUN apt-get install -y nginx\n",
    "from debian\nrun apt-get update \\\n && apt-get install -y vim\n",
    "FROM debian\nRUN update-rc.d nginx defaults\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN ps\n',
    "FROM debian\nRUN which ps free top || true\n",
    "FROM debian\nRUN command -v vim\n",
    "FROM debian\nRUN sleep 1 & wait; kill %1 || true\n",
    "FROM debian\nRUN psql --version\n",
    "FROM debian\nRUN service nginx configtest\n",
    "FROM debian\nRUN topgrade --help || true\n",
    "FROM debian\nRUN systemctl daemon-reload || true\n",
    "FROM debian\nRUN freetype-config --version\n",
    "FROM debian\nRUN vimdiff --version\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_messages() -> None:
    [service] = lint("FROM debian\nRUN apt-get install -y nginx && service nginx start\n", CODE)
    assert service.message.startswith(
        "`service nginx start` starts a service as the last step of the RUN: it stops when the RUN ends"
    )
    [editor] = lint("FROM debian\nRUN vim /etc/hosts\n", CODE)
    assert editor.message.startswith("`vim /etc/hosts` opens an interactive editor, but a build has no terminal")
