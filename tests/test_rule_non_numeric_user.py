"""DF512 non-numeric-user: the final USER is a name."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF512"

POSITIVE = [
    ("FROM python:3.12\nUSER app\n", [(2, 6)]),
    ("FROM python:3.12\nUSER app:app\n", [(2, 6)]),
    ("from python:3.12\nuser www-data\n", [(2, 6)]),
    ("FROM python:3.12\nARG NAME=app\nUSER ${NAME}\n", [(3, 6)]),
    ("FROM python:3.12 AS base\nUSER app\nFROM base\nRUN true\n", [(2, 6)]),
    ("FROM python:3.12\nUSER 1000\nRUN id\nUSER nobody\n", [(4, 6)]),
]

NEGATIVE = [
    "FROM python:3.12\nUSER 10001\n",
    "FROM python:3.12\nUSER 10001:10001\n",
    "FROM python:3.12\nUSER 10001:app\n",
    "FROM python:3.12\nUSER root\n",
    "FROM python:3.12\nUSER 0\n",
    "FROM python:3.12\nUSER app\nUSER 10001\n",
    "FROM python:3.12\nARG NAME\nUSER ${NAME}\n",
    "FROM python:3.12 AS build\nUSER app\nFROM python:3.12\nUSER 10001\n",
    "FROM python:3.12 AS build\nUSER app\nFROM python:3.12\n",
    "FROM python:3.12\nONBUILD USER app\n",
    "FROM python:3.12\n",
    "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n",
    'FROM mcr.microsoft.com/dotnet/runtime:8.0\nSHELL ["cmd", "/S", "/C"]\nUSER ContainerAdministrator\n',
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_and_advice() -> None:
    [finding] = lint("FROM python:3.12\nUSER app\n", CODE)
    assert finding.message == (
        "`USER app` names the user: Kubernetes refuses to start it under `runAsNonRoot` (it cannot verify a "
        "non-numeric user is not root); use its numeric UID (`USER 10001`, created with `useradd -u 10001`)"
    )
    assert finding.fix is None
    [resolved] = lint("FROM python:3.12\nARG NAME=app\nUSER ${NAME}\n", CODE)
    assert resolved.message.startswith("`USER ${NAME}` (`app`) names the user")


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (
            "FROM python:3.12\nRUN useradd --no-log-init -u 10001 app\nUSER app\n",
            "FROM python:3.12\nRUN useradd --no-log-init -u 10001 app\nUSER 10001\n",
        ),
        (
            "FROM alpine AS base\nRUN adduser -D -u 1000 app\nFROM base\nUSER app:app\n",
            "FROM alpine AS base\nRUN adduser -D -u 1000 app\nFROM base\nUSER 1000:app\n",
        ),
        (
            "FROM python:3.12\nRUN useradd --uid=2000 worker\nUSER worker\n",
            "FROM python:3.12\nRUN useradd --uid=2000 worker\nUSER 2000\n",
        ),
    ],
)
def test_unsafe_fix(source: str, fixed: str) -> None:
    [finding] = lint(source, CODE)
    assert finding.fix is not None and not finding.fix.safe
    assert apply_fixes(source, CODE) == fixed


def test_no_fix_for_another_user_or_an_arg() -> None:
    [other] = lint("FROM python:3.12\nRUN useradd -u 10001 web\nUSER app\n", CODE)
    assert other.fix is None
    [arg] = lint("FROM python:3.12\nARG NAME=app\nRUN useradd -u 10001 app\nUSER ${NAME}\n", CODE)
    assert arg.fix is None
