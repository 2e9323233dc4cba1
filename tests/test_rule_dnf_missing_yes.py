"""DF220 dnf-missing-yes: dnf/microdnf commands that change packages without an answer to the prompt."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF220"

POSITIVE = [
    ("FROM fedora\nRUN dnf install python3\n", [(2, 5)]),
    ("FROM fedora\nRUN dnf5 upgrade --refresh\n", [(2, 5)]),
    ("FROM fedora\nRUN dnf module enable nodejs:20\n", [(2, 5)]),
    ("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install shadow-utils\n", [(2, 5)]),
    ("from fedora\nrun dnf --setopt=install_weak_deps=0 \\\n    install python3\n", [(2, 5)]),
    ('FROM fedora\nRUN ["dnf", "remove", "vim-minimal"]\n', [(2, 6)]),
    ("FROM fedora\nRUN cat <<EOF > /x && dnf install python3\nx\nEOF\n", [(2, 23)]),
    ("FROM fedora\nONBUILD RUN dnf install python3\n", [(2, 13)]),
    ("ARG BASE=oraclelinux:9-slim\nFROM ${BASE}\nRUN microdnf install tar\n", [(3, 5)]),
]

NEGATIVE = [
    "FROM fedora\nRUN dnf install -y python3\n",
    "FROM fedora\nRUN dnf -y install python3\n",
    "FROM fedora\nRUN dnf install --assumeyes python3\n",
    "FROM fedora\nRUN dnf install python3 --assumeno\n",
    "FROM fedora\nRUN dnf --setopt=assumeyes=True install python3\n",
    "FROM fedora\nRUN echo 'assumeyes=True' >> /etc/dnf/dnf.conf\nRUN dnf install python3\n",
    "FROM fedora\nCOPY dnf.conf /etc/dnf/dnf.conf\nRUN dnf install python3\n",
    "FROM fedora\nRUN yes | dnf install python3\n",
    "FROM fedora\nRUN dnf $DNF_FLAGS install python3\n",
    # EL 8 microdnf assumes yes
    "FROM registry.access.redhat.com/ubi8/ubi-minimal:8.10\nRUN microdnf install shadow-utils\n",
    "FROM oraclelinux:8-slim\nRUN microdnf install tar\n",
    "FROM rockylinux:8-minimal AS base\nFROM base\nRUN microdnf install tar\n",
    # never prompts
    "FROM fedora\nRUN dnf makecache\n",
    "FROM fedora\nRUN dnf module list\n",
    "FROM fedora\nRUN dnf clean all\n",
    "FROM fedora\nRUN echo dnf install python3\n",
    "FROM fedora\nRUN cat <<EOF > /notes\ndnf install python3\nEOF\n",
    'FROM fedora\nRUN ["dnf", "install", "-y", "python3"]\n',
    "FROM fedora\nONBUILD RUN dnf install -y python3\n",
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
    [finding] = lint("FROM fedora\nRUN microdnf install tar\n", CODE)
    assert finding.message == (
        "`microdnf install` asks for confirmation and aborts in a non-interactive build: add `-y` "
        "(`microdnf install -y …`)"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM fedora\nRUN dnf install python3\n", "FROM fedora\nRUN dnf install -y python3\n"),
        ("FROM fedora\nRUN sh -c 'microdnf upgrade'\n", "FROM fedora\nRUN sh -c 'microdnf upgrade -y'\n"),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
