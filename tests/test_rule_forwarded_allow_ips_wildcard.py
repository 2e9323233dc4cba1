"""DF407 forwarded-allow-ips-wildcard: `--forwarded-allow-ips="*"`."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF407"
BASE = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--forwarded-allow-ips", "*"]\n', [(2, 28)], id="separate"),
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--forwarded-allow-ips=*"]\n', [(2, 28)], id="equals"),
    pytest.param(BASE + "cmd exec uvicorn app:app --forwarded-allow-ips='*'\n", [(2, 26)], id="lowercase-quoted"),
    pytest.param(
        BASE + 'CMD exec gunicorn app:app --forwarded-allow-ips="10.0.0.1,*"\n', [(2, 27)], id="gunicorn-list"
    ),
    pytest.param(BASE + 'ENV FORWARDED_ALLOW_IPS="*"\nCMD ["fastapi", "run"]\n', [(2, 5)], id="env"),
    pytest.param(
        BASE + 'ENV PORT=80 \\\n    FORWARDED_ALLOW_IPS=*\nCMD ["uvicorn", "app:app"]\n',
        [(3, 5)],
        id="env-continuation",
    ),
    pytest.param(BASE + 'ENV UVICORN_FORWARDED_ALLOW_IPS=*\nCMD ["uvicorn", "app:app"]\n', [(2, 5)], id="uvicorn-env"),
    pytest.param(
        BASE + 'ENV GUNICORN_CMD_ARGS="--forwarded-allow-ips=*"\nCMD ["gunicorn", "app:app"]\n',
        [(2, 5)],
        id="gunicorn-cmd-args",
    ),
    pytest.param(
        'FROM python:3.12-slim AS base\nENV FORWARDED_ALLOW_IPS=*\nFROM base\nCMD ["uvicorn", "app:app"]\n',
        [(2, 5)],
        id="env-of-base-stage",
    ),
    pytest.param(
        BASE + 'CMD ["sh", "-c", "FORWARDED_ALLOW_IPS=* exec uvicorn app:app"]\n', [(2, 19)], id="inline-in-sh-c"
    ),
]

QUIET = [
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--forwarded-allow-ips", "10.0.0.0/8"]\n', id="network"),
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--proxy-headers"]\n', id="default"),
    pytest.param(BASE + 'ENV FORWARDED_ALLOW_IPS=172.18.0.2\nCMD ["fastapi", "run"]\n', id="env-address"),
    pytest.param(BASE + 'ENV FORWARDED_ALLOW_IPS=*\nCMD ["python", "worker.py"]\n', id="no-server"),
    pytest.param(BASE + 'ENV FORWARDED_ALLOW_IPS=*\nCMD ["hypercorn", "app:app"]\n', id="hypercorn"),
    pytest.param(BASE + 'ARG IPS=*\nCMD ["sh", "-c", "exec uvicorn app:app --forwarded-allow-ips $IPS"]\n', id="arg"),
    pytest.param(BASE + "RUN uvicorn app:app --forwarded-allow-ips=*\n", id="run-step"),
    pytest.param(BASE + 'ONBUILD CMD ["uvicorn", "app:app", "--forwarded-allow-ips=*"]\n', id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim AS a\nCMD ["uvicorn", "app:app", "--forwarded-allow-ips=*"]\n'
        'FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]\n',
        id="other-stage",
    ),
    pytest.param(
        BASE + 'ENV FORWARDED_ALLOW_IPS=*\nCMD ["uvicorn", "app:app", "--forwarded-allow-ips", "10.0.0.1"]\n',
        id="option-wins-over-env",
    ),
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--forwarded-allow-ips", "*.example"]\n', id="not-a-wildcard"),
    pytest.param(BASE + 'RUN <<EOF\nexport FORWARDED_ALLOW_IPS=*\nEOF\nCMD ["uvicorn", "app:app"]\n', id="heredoc"),
    pytest.param(BASE + "CMD uvicorn app:app \\\n    --forwarded-allow-ips 10.0.0.1\n", id="continuation"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint(BASE + 'ENV FORWARDED_ALLOW_IPS="*"\nCMD ["uvicorn", "app:app"]\n', CODE)
    assert finding.message.startswith(
        "`ENV FORWARDED_ALLOW_IPS=*` (line 2) lets every client that reaches uvicorn set `X-Forwarded-For`"
    )
