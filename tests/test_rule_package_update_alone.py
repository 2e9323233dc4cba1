"""DF225 package-update-alone: an index update in a RUN that installs nothing."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF225"

POSITIVE = [
    ("FROM debian\nRUN apt-get update\nRUN apt-get install -y curl\n", [(2, 5)]),
    ("FROM debian\nRUN apt-get -y update && apt-get clean\n", [(2, 5)]),
    ("FROM debian\nRUN curl -fsSL https://x/key | apt-key add - && apt-get update\n", [(2, 49)]),
    # an install before the update does not use it
    ("FROM debian\nRUN apt-get install -y gnupg && apt-get update\n", [(2, 33)]),
    ("FROM alpine\nRUN apk update\n", [(2, 5)]),
    ("FROM fedora\nRUN dnf makecache && pip install flask==3.0.3\n", [(2, 5)]),
    ("FROM opensuse/leap\nRUN zypper --non-interactive refresh\n", [(2, 5)]),
    ("from debian\nrun set -eux; \\\n    apt update; \\\n    echo done\n", [(3, 5)]),
    ('FROM debian\nRUN ["apt-get", "update"]\n', [(2, 6)]),
    (
        "FROM debian\nRUN cat <<EOF > /etc/apt/sources.list.d/x.list && apt-get update\ndeb http://x y z\nEOF\n",
        [(2, 51)],
    ),
    ("FROM debian\nONBUILD RUN apt-get update\n", [(2, 13)]),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
    "FROM debian\nRUN apt-get update && apt-get upgrade -y\n",
    "FROM debian\nRUN apt-get update && apt-get dist-upgrade -y\n",
    "FROM debian\nRUN apt-get update; apt install -y curl\n",
    "FROM debian\nRUN apt-get update && ./install-deps.sh\n",
    "FROM bitnami/minideb\nRUN apt-get update && install_packages curl\n",
    "FROM debian\nRUN apt-get update && apt-cache policy curl\n",
    "FROM debian\nRUN if true; then apt-get update && apt-get install -y curl; fi\n",
    "FROM alpine\nRUN apk update && apk add curl\n",
    "FROM alpine\nRUN apk add --no-cache curl\n",
    "FROM fedora\nRUN dnf makecache && dnf install -y git\n",
    "FROM opensuse/leap\nRUN zypper -n refresh && zypper -n install curl\n",
    "FROM centos:7\nRUN yum update -y\n",
    "FROM debian\nRUN echo apt-get update\n",
    "FROM debian\nRUN cat <<EOF > /notes\napt-get update\nEOF\n",
    'FROM debian\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n',
    "FROM debian\nONBUILD RUN apt-get update && apt-get install -y curl\n",
    "from debian\nrun apt-get update \\\n && apt-get install -y curl\n",
    "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
    "FROM debian\nRUN apt-get install -y curl\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["cmd", "/S", "/C"]\nRUN apt-get update\n',
    "FROM debian\nRUN apt-get update && sh -c 'apt-get install -y curl'\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "FROM debian\nRUN apt-get update\n",
            "`apt-get update` runs in a RUN that installs nothing: Docker caches this layer, so later installs use an "
            "index as old as the cache; update and install in the same RUN (`apt-get update && apt-get install -y …`)",
        ),
        (
            "FROM alpine\nRUN apk update\n",
            "`apk update` runs in a RUN that installs nothing: Docker caches this layer, so later installs use an "
            "index as old as the cache; use `apk add --no-cache …`, which fetches a fresh index and needs no update",
        ),
    ],
)
def test_message(source: str, message: str) -> None:
    [finding] = lint(source, CODE)
    assert finding.message == message
