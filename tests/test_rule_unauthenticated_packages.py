"""DF509 unauthenticated-packages: package installs with signature checks off."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF509"

POSITIVE = [
    ("FROM debian\nRUN apt-get install -y --force-yes=1 curl\n", [(2, 24)]),
    ("FROM alpine\nRUN apk add --allow-untrusted curl\n", [(2, 13)]),
    ("FROM debian\nRUN apt-get install -y --allow-unauthenticated curl\n", [(2, 24)]),
    ("FROM debian\nRUN apt-get install -y --force-yes curl\n", [(2, 24)]),
    ("FROM debian\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl\n", [(2, 16)]),
    ("FROM debian\nRUN apt-get update --allow-insecure-repositories\n", [(2, 20)]),
    ("FROM fedora\nRUN dnf install -y --nogpgcheck curl\n", [(2, 20)]),
    ("FROM centos\nRUN yum install -y --setopt=gpgcheck=0 curl\n", [(2, 20)]),
    ("FROM opensuse/leap\nRUN zypper --no-gpg-checks install -y curl\n", [(2, 12)]),
    ("FROM fedora\nRUN rpm -ivh --nosignature https://x.example/a.rpm\n", [(2, 14)]),
    (
        'FROM debian\nRUN echo "deb [trusted=yes] http://repo.example.com/debian stable main" > /etc/apt/x.list\n',
        [(2, 10)],
    ),
    ("FROM fedora\nRUN printf '[x]\\nbaseurl=http://x\\ngpgcheck=0\\n' > /etc/yum.repos.d/x.repo\n", [(2, 12)]),
    # continuation, heredoc, sh -c, ONBUILD, lowercase
    ("FROM debian\nRUN apt-get update \\\n && apt-get install -y --allow-unauthenticated curl\n", [(3, 24)]),
    ("FROM alpine\nRUN <<EOF\napk add --allow-untrusted curl\nEOF\n", [(3, 9)]),
    ("FROM alpine\nRUN sh -c 'apk add --allow-untrusted curl'\n", [(2, 20)]),
    ("FROM alpine\nONBUILD RUN apk add --allow-untrusted curl\n", [(2, 21)]),
    ("from fedora\nrun microdnf install --nogpgcheck curl\n", [(2, 22)]),
]

NEGATIVE = [
    "FROM debian\nRUN echo --nogpgcheck > /tmp/notes\n",
    'FROM debian\nRUN apt-get install -y "$APT_OPTIONS" curl\n',
    "FROM fedora\nRUN dnf install -y --allow-unauthenticated curl\n",
    "FROM alpine\nRUN apk add --no-cache curl\n",
    "FROM alpine\nRUN apk add --allow-untrusted /tmp/packages/nginx-module-geoip-1.27.apk\n",
    "FROM alpine\nRUN apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz /tmp/*.apk\n",
    "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n",
    "FROM debian\nRUN apt-get -o Acquire::Check-Valid-Until=false update\n",
    'FROM debian\nRUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list\n',
    'FROM debian\nRUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] http://x stable main" > /etc/apt/sources.list\n',
    "FROM fedora\nRUN dnf install -y curl\n",
    "FROM fedora\nRUN dnf install -y --setopt=gpgcheck=1 curl\n",
    "FROM fedora\nRUN printf 'repo_gpgcheck=0\\ngpgcheck=1\\n' > /etc/yum.repos.d/x.repo\n",
    "FROM fedora\nRUN rpm --import https://x.example/key.asc\n",
    "FROM fedora\nRUN rpm -ivh https://x.example/a.rpm\n",
    "FROM opensuse/leap\nRUN zypper --gpg-auto-import-keys refresh\n",
    "FROM debian\nRUN grep -r gpgcheck /etc/yum.repos.d || true\n",
    "FROM debian\nRUN cat <<EOF > /notes\napk add --allow-untrusted x\nEOF\n",
    "FROM debian\nLABEL x=--allow-untrusted\n",
    "FROM debian\nONBUILD RUN apk add --no-cache curl\n",
    "from debian\nrun apt-get install \\\n  -y curl\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN apk add --allow-untrusted x\n',
    "FROM debian\nRUN pip install --no-deps --force-reinstall x\n",
    "FROM debian\nRUN npm install --force x\n",
    "FROM debian\nRUN curl --force-yes x || true\n",
    "FROM fedora\nRUN dnf install -y --setopt=install_weak_deps=False curl\n",
    "FROM fedora\nRUN sed -i 's/gpgcheck=1/gpgcheck=1/' /etc/yum.conf\n",
    "FROM debian\nRUN apt-get install -y ./local.deb\n",
    "FROM debian\nRUN dpkg -i /tmp/x.deb\n",
    "FROM fedora\nRUN rpm -K /tmp/x.rpm\n",
    "FROM debian\nRUN echo 'APT::Get::AllowUnauthenticated \"false\";' > /etc/apt/apt.conf.d/99\n",
    "FROM alpine\nRUN apk add --allow-untrusted ./pkg.apk\n",
    "FROM debian\nRUN apt-get -o APT::Get::AllowUnauthenticated=false install -y curl\n",
    "FROM fedora\nRUN tdnf install -y curl\n",
    "FROM fedora\nRUN yum clean all\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message() -> None:
    [finding] = lint("FROM alpine\nRUN apk add --allow-untrusted curl\n", CODE)
    assert finding.message.startswith(
        "`apk add --allow-untrusted curl` installs packages without checking their signatures (`--allow-untrusted`): "
        "a tampered mirror or proxy"
    )
