"""DF513 password-in-chpasswd: passwords set from text in the Dockerfile."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF513"

POSITIVE = [
    ("FROM debian\nRUN echo 'root:pw' | chpasswd\n", [(2, 22)]),
    ('FROM debian\nRUN printf "app:%s" "$PW" | /usr/sbin/chpasswd -e\n', [(2, 29)]),
    ("FROM debian\nRUN chpasswd <<< 'root:pw'\n", [(2, 5)]),
    ("FROM debian\nRUN chpasswd <<EOF\nroot:pw\nEOF\n", [(2, 5)]),
    ("FROM centos\nRUN echo secret | passwd --stdin app\n", [(2, 19)]),
    ("FROM debian\nRUN useradd -p $(openssl passwd -1 pw) app\n", [(2, 13)]),
    ("FROM debian\nRUN usermod --password='$6$abc' app\n", [(2, 13)]),
    # continuation, heredoc script, sh -c, ONBUILD, lowercase
    ("FROM debian\nRUN useradd app \\\n && echo 'app:pw' | chpasswd\n", [(3, 21)]),
    ("FROM debian\nRUN <<EOF\necho 'app:pw' | chpasswd\nEOF\n", [(3, 17)]),
    ("FROM debian\nRUN bash -c 'echo root:x | chpasswd'\n", [(2, 28)]),
    ("FROM debian\nONBUILD RUN echo 'root:pw' | chpasswd\n", [(2, 30)]),
    ("from debian\nrun echo 'root:pw' | sudo chpasswd\n", [(2, 27)]),
]

NEGATIVE = [
    "FROM debian\nRUN chpasswd < /run/secrets/passwords\n",
    "FROM debian\nRUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw\n",
    "FROM debian\nRUN cat /run/secrets/pw | chpasswd\n",
    "FROM debian\nRUN passwd -d app\n",
    "FROM debian\nRUN passwd -l root\n",
    "FROM debian\nRUN passwd -u git\n",
    "FROM debian\nRUN useradd --no-log-init app\n",
    "FROM debian\nRUN usermod -aG sudo app\n",
    "FROM debian\nRUN usermod -s /bin/bash app\n",
    'FROM debian\nRUN echo "use chpasswd" > /notes\n',
    "FROM debian\nRUN cat <<EOF > /notes\necho 'root:pw' | chpasswd\nEOF\n",
    "FROM debian\nRUN echo app | tee /etc/hostname\n",
    "FROM debian\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app\n",
    "FROM debian\nONBUILD RUN chpasswd < /run/secrets/pw\n",
    "from debian\nrun useradd \\\n  -m app\n",
    "FROM debian\nRUN apt-get install -y passwd\n",
    "FROM debian\nRUN chpasswd -e < /x && echo hi <<< x\n",
    "FROM debian\nRUN getent passwd app\n",
    "FROM debian\nRUN echo root | grep -q root\n",
    "FROM debian\nRUN pwck -r || true\n",
    "FROM debian\nRUN grpck -r || true\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN echo x | chpasswd\n',
    "FROM debian\nLABEL password=none\n",
    "FROM debian\nRUN gpasswd -a app docker\n",
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
    [piped] = lint("FROM debian\nRUN echo 'root:pw' | chpasswd\n", CODE)
    assert piped.message.startswith(
        "`echo 'root:pw' | chpasswd` sets a password from text in the Dockerfile: the password (or its hash) is"
    )
    [inline] = lint("FROM debian\nRUN chpasswd <<< 'root:pw'\n", CODE)
    assert inline.message.startswith("`chpasswd <<< 'root:pw'` sets a password")
