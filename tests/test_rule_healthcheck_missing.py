"""DF526 healthcheck-missing: a service image without HEALTHCHECK (off by default)."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF526"

POSITIVE = [
    ('FROM python:3.12-slim\nCMD ["fastapi", "run", "main.py"]\n', [(2, 1)]),
    ('from python:3.12-slim\nentrypoint ["uvicorn", "main:app"]\n', [(2, 1)]),
    # the last CMD; through FROM <stage>
    ('FROM python:3.12-slim AS base\nCMD ["a"]\nFROM base\nRUN true\nCMD ["b"]\n', [(5, 1)]),
    ('FROM python:3.12-slim AS base\nCMD ["a"]\nFROM base\nRUN true\n', [(2, 1)]),
    # CMD wins over ENTRYPOINT for the position; shell form and continuation
    ('FROM python:3.12-slim\nENTRYPOINT ["tini", "--"]\nCMD gunicorn \\\n  app:app\n', [(3, 1)]),
]

NEGATIVE = [
    'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "print(1)"\nCMD ["fastapi", "run", "main.py"]\n',
    'FROM python:3.12-slim\nHEALTHCHECK NONE\nCMD ["fastapi", "run", "main.py"]\n',
    'from python:3.12-slim\nhealthcheck --interval=5s \\\n  CMD true\ncmd ["x"]\n',
    # inherited from an earlier stage
    'FROM python:3.12-slim AS base\nHEALTHCHECK CMD true\nFROM base\nCMD ["x"]\n',
    # no service defined here
    "FROM python:3.12-slim\nRUN pip install x\n",
    'FROM python:3.12-slim AS build\nCMD ["x"]\nFROM python:3.12-slim\nCOPY --from=build /a /a\n',
    # an ONBUILD CMD is not this image's
    'FROM python:3.12-slim\nONBUILD CMD ["x"]\n',
    # the check in a build stage does not help, but no CMD in the final chain either
    "FROM python:3.12-slim AS a\nHEALTHCHECK CMD true\nFROM python:3.12-slim\n",
    "ARG BASE=python:3.12-slim\nFROM ${BASE}\nRUN <<EOF\necho hi\nEOF\n",
    "FROM scratch\nCOPY app /app\n",
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
    [finding] = lint('FROM python:3.12-slim\nCMD ["fastapi", "run", "main.py"]\n', CODE)
    assert finding.message.startswith(
        '`CMD ["fastapi", "run", "main.py"]` starts the service but the image has no HEALTHCHECK: Docker cannot tell'
    )
