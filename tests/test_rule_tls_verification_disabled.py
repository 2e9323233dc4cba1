"""DF508 tls-verification-disabled: curl -k, wget --no-check-certificate, pip --trusted-host, insecure variables."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF508"

POSITIVE = [
    # a program only known when the RUN runs: its words are still searched for configuration text
    ("FROM debian\nRUN $WRITE 'sslverify=0' >> /etc/yum.conf\n", [(2, 12)]),
    ("FROM debian\nRUN curl -k https://x.example/a -o /a\n", [(2, 10)]),
    ("FROM debian\nRUN curl -fsSLk https://x.example/a -o /a\n", [(2, 10)]),
    ("FROM debian\nRUN curl --insecure -o /a https://x.example/a\n", [(2, 10)]),
    ("FROM debian\nRUN wget --no-check-certificate https://x.example/a\n", [(2, 10)]),
    ("FROM python:3.12\nRUN pip install --trusted-host pypi.org flask\n", [(2, 17)]),
    ("FROM python:3.12\nRUN pip config set global.trusted-host pypi.org\n", [(2, 20)]),
    ("FROM debian\nRUN git config --global http.sslVerify false\n", [(2, 25)]),
    ("FROM debian\nRUN git -c http.sslVerify=false clone https://x.example/r\n", [(2, 12)]),
    ("FROM node:20\nRUN npm config set strict-ssl false\n", [(2, 20)]),
    ("FROM debian\nRUN echo 'sslverify=0' >> /etc/yum.conf\n", [(2, 10)]),
    ("FROM debian\nRUN dnf install -y --setopt=sslverify=false curl\n", [(2, 20)]),
    ("FROM python:3.12\nENV PYTHONHTTPSVERIFY=0\n", [(2, 5)]),
    ("FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n", [(2, 5)]),
    ("FROM debian\nENV GIT_SSL_NO_VERIFY=false\n", [(2, 5)]),
    ("FROM node:20\nARG npm_config_strict_ssl=false\n", [(2, 5)]),
    ("FROM python:3.12\nRUN export PIP_TRUSTED_HOST=pypi.org && pip install flask\n", [(2, 12)]),
    ("FROM python:3.12\nRUN PYTHONHTTPSVERIFY=0 python fetch.py\n", [(2, 5)]),
    # continuation, heredoc, sh -c, ONBUILD, lowercase
    ("FROM debian\nRUN apt-get update \\\n && curl -k https://x.example\n", [(3, 10)]),
    ("FROM debian\nRUN <<EOF\nwget --no-check-certificate https://x.example\nEOF\n", [(3, 6)]),
    ("FROM debian\nRUN sh -c 'curl -k https://x.example'\n", [(2, 17)]),
    ("FROM debian\nONBUILD ENV GIT_SSL_NO_VERIFY=1\n", [(2, 13)]),
    ("from debian\nrun curl --proxy-insecure https://x.example\n", [(2, 10)]),
    # configuration text that only the words show: split by quotes, escaped, in a heredoc body, JSON escapes
    ("FROM debian\nRUN echo 'ssl''verify=0' >> /etc/yum.conf\n", [(2, 10)]),
    ("FROM debian\nRUN echo ssl\\verify=0 >> /etc/yum.conf\n", [(2, 10)]),
    ("FROM debian\nRUN <<EOF\necho 'sslverify=0' >> /etc/yum.conf\nEOF\n", [(3, 6)]),
    ('FROM debian\nRUN ["sh", "-c", "echo \\u0073slverify=0 >> /etc/yum.conf"]\n', [(2, 18)]),
    ("FROM debian\nRUN echo 'Acquire::https::Verify-Peer \"false\";' > /etc/apt/apt.conf.d/99\n", [(2, 10)]),
]

NEGATIVE = [
    # a program only known when the RUN runs, in a RUN without configuration text
    "FROM debian\nRUN $FETCH -k https://x.example/a\n",
    "FROM debian\nRUN /opt/${TOOL} --insecure https://x.example/a\n",
    "FROM debian\nRUN FOO=1\n",
    # configuration text in every shape the source can hide it in, turning nothing off
    "FROM debian\nRUN echo 'ssl''verify=1' >> /etc/yum.conf\n",
    "FROM debian\nRUN echo ssl\\verify=1 >> /etc/yum.conf\n",
    "FROM debian\nRUN <<EOF\necho 'sslverify=1' >> /etc/yum.conf\nEOF\n",
    'FROM debian\nRUN ["sh", "-c", "echo \\u0073slverify=1 >> /etc/yum.conf"]\n',
    "FROM debian\nRUN echo \"check_certif'icate' = on\" >> /etc/wgetrc\n",
    "FROM debian\nRUN echo 'Acquire::https::Verify-Peer \"true\";' > /etc/apt/apt.conf.d/99\n",
    "FROM debian\nRUN printf 'verify\\n' > /etc/motd\n",
    "FROM debian\nRUN echo 'café sslverify' > /etc/motd\n",
    "FROM debian\nONBUILD RUN echo 'sslverify=1' >> /etc/yum.conf\n",
    "FROM debian AS base\nRUN echo 'sslverify=1' >> /etc/yum.conf\nFROM base\nRUN true\n",
    "FROM debian\nRUN curl -fsSL https://x.example/a -o /a\n",
    "FROM debian\nRUN curl -o k https://x.example/a\n",  # -o takes `k` as its value
    "FROM debian\nRUN curl -sSLo/tmp/k https://x.example\n",
    "FROM debian\nRUN curl -H 'X-k: 1' https://x.example\n",
    "FROM debian\nRUN wget -q https://x.example/a\n",
    "FROM debian\nRUN curl --cacert /etc/ssl/ca.pem https://x.example\n",
    "FROM python:3.12\nRUN pip install --index-url https://pypi.example.com/simple flask\n",
    "FROM python:3.12\nRUN pip install trusted-host\n",
    "FROM debian\nRUN git config --global http.sslVerify true\n",
    "FROM debian\nRUN git config --global http.sslCAInfo /etc/ssl/ca.pem\n",
    "FROM node:20\nRUN npm config set strict-ssl true\n",
    "FROM debian\nRUN echo 'sslverify=1' >> /etc/yum.conf\n",
    "FROM debian\nRUN dnf install -y --setopt=sslverify=True curl\n",
    "FROM python:3.12\nENV PYTHONHTTPSVERIFY=1\n",
    "FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n",
    "FROM node:20\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/corp.pem\n",
    "FROM python:3.12\nARG PIP_TRUSTED_HOST\n",  # declared, not set
    "FROM python:3.12\nENV PIP_TRUSTED_HOST=\n",
    "FROM python:3.12\nENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt\n",
    'FROM debian\nRUN echo "curl -k https://x.example"\n',
    "FROM debian\nRUN cat <<EOF > /notes\ncurl -k https://x.example\nEOF\n",
    "FROM debian\nRUN grep -k pattern file || true\n",
    "FROM debian\nONBUILD RUN curl -fsSL https://x.example\n",
    "from debian\nrun curl \\\n  -fsSL https://x.example\n",
    "FROM debian\nRUN ls -k /\n",
    "FROM debian\nRUN wget --progress=dot:giga https://x.example\n",
    "FROM debian\nRUN unset GIT_SSL_NO_VERIFY\n",
    "FROM debian\nLABEL note=sslverify=0\n",
    "FROM debian\nRUN conda config --set ssl_verify true\n",
    "FROM debian\nRUN yarn config set strict-ssl true\n",
    "FROM debian\nRUN curl -K /etc/curlrc https://x.example\n",
    "FROM debian\nENV GOPRIVATE=example.com\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN curl -k https://x.example\n',
    "FROM debian\nRUN echo 'Acquire::https::Verify-Peer \"true\";' > /etc/apt/apt.conf.d/99\n",
    "FROM debian\nRUN echo 'check_certificate = on' >> /etc/wgetrc\n",
    "FROM debian\nENV CONDA_SSL_VERIFY=/etc/ssl/certs/ca-certificates.crt\n",
    "FROM debian\nENV YARN_ENABLE_STRICT_SSL=true\n",
    "FROM debian\nARG GOINSECURE=\n",
    "FROM debian\nRUN uv pip install --system flask\n",
    "FROM debian\nRUN PYTHONHTTPSVERIFY=1 python fetch.py\n",
    "FROM debian\nRUN export GIT_SSL_CAINFO=/etc/ssl/ca.pem\n",
    "FROM debian\nRUN npm install --strict-ssl=true\n",
    "FROM debian\nRUN pip download --no-deps flask\n",
    "FROM debian\nRUN git clone https://x.example/r\n",
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
    [curl] = lint("FROM debian\nRUN curl -fsSLk https://x.example/a\n", CODE)
    assert curl.message.startswith(
        "`curl -fsSLk https://x.example/a` skips certificate verification (`-k`/`--insecure`): anyone on the network"
    )
    [git] = lint("FROM debian\nENV GIT_SSL_NO_VERIFY=false\n", CODE)
    assert git.message.startswith(
        "`ENV GIT_SSL_NO_VERIFY=false` turns off certificate verification in git (any value does, even `false`)"
    )
