"""DF405 reload-with-workers: `--reload` with `--workers` (uvicorn ignores the workers)."""

from __future__ import annotations

import pytest

from linter.rule import Severity
from tests.helpers import lint, positions

CODE = "DF405"

REPORTED = [
    pytest.param(
        'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "4", "--reload"]\n', [(2, 28)], id="exec"
    ),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app.main:app --host 0.0.0.0 --port 8000 --workers 4 --reload\n",
        [(2, 53)],
        id="shell",
    ),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app:app --reload --workers=1\n", [(2, 30)], id="any-workers-option"
    ),
    pytest.param("FROM python:3.12-slim\nCMD fastapi run --reload --workers 2\n", [(2, 26)], id="fastapi-run"),
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD uvicorn app:app --reload\n", [(3, 5)], id="web-concurrency"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_RELOAD=true\nCMD uvicorn app:app --workers 2\n",
        [(3, 21)],
        id="reload-env",
    ),
    pytest.param(
        "FROM python:3.12-slim\nCMD WEB_CONCURRENCY=3 fastapi dev\n", [(2, 5)], id="fastapi-dev-inline-concurrency"
    ),
    pytest.param(
        "FROM python:3.12-slim\ncmd uvicorn app:app \\\n    --reload \\\n    --workers 4\n",
        [(4, 5)],
        id="lowercase-continuation",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["uvicorn", "--reload"]\nCMD ["app:app", "--workers", "2"]\n',
        [(3, 17)],
        id="entrypoint-plus-cmd",
    ),
    pytest.param(
        "FROM python:3.12-slim AS base\nCMD uvicorn app:app --workers 2 --reload\nFROM base\nUSER app\n",
        [(2, 21)],
        id="inherited-cmd",
    ),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn app:app --workers 2 --reload"]\n', [(2, 40)], id="sh-c"
    ),
]

QUIET = [
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_WORKERS=4\nCMD fastapi run --reload\n", id="fastapi-ignores-uvicorn-env"
    ),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver --noreload\n", id="django"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "4"]\n', id="workers-only"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--reload"]\n', id="reload-only"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn --reload -w 4 app:app\n", id="gunicorn-handles-both"),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn --reload -w 4 app:app\n", id="hypercorn"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi run --no-reload --workers 2\n", id="fastapi-no-reload"),
    pytest.param("FROM python:3.12-slim\nENV WEB_CONCURRENCY=1\nCMD uvicorn app:app --reload\n", id="concurrency-one"),
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=$N\nCMD uvicorn app:app --reload\n", id="concurrency-unknown"
    ),
    pytest.param(
        "FROM python:3.12-slim\nARG WEB_CONCURRENCY=4\nCMD uvicorn app:app --reload\n", id="arg-is-not-runtime"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_RELOAD=0\nCMD uvicorn app:app --workers 2\n", id="reload-env-false"
    ),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --reload-dir src --workers 2\n", id="reload-dir-only"),
    pytest.param(
        "FROM python:3.12-slim AS dev\nCMD uvicorn app:app --reload --workers 2\nFROM python:3.12-slim\n"
        'CMD ["uvicorn", "app:app"]\n',
        id="other-stage",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN uvicorn app:app --reload --workers 2 --help\nCMD python app.py\n", id="run-step"
    ),
    pytest.param(
        "FROM python:3.12-slim\nHEALTHCHECK CMD uvicorn --reload --workers 2 --version\nCMD python app.py\n",
        id="healthcheck",
    ),
    pytest.param("FROM python:3.12-slim\nONBUILD CMD uvicorn app:app --reload --workers 2\n", id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT uvicorn app:app --reload\nCMD ["--workers", "2"]\n',
        id="shell-entrypoint-ignores-cmd",
    ),
    pytest.param("FROM python:3.12-slim\nCMD echo uvicorn --reload --workers 2\n", id="echo"),
    pytest.param("FROM python:3.12-slim\nCMD flask --debug run\n", id="flask"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app -- --reload --workers 2\n", id="after-double-dash"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi dev\n", id="fastapi-dev-alone"),
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD fastapi dev --no-reload\n", id="fastapi-dev-no-reload"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD gunicorn --reload app:app\n", id="gunicorn-env-workers"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_RELOAD=true WEB_CONCURRENCY=2\nCMD fastapi run\n",
        id="fastapi-ignores-uvicorn-reload",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_and_severity() -> None:
    (finding,) = lint('FROM python\nCMD ["uvicorn", "app:app", "--workers", "4", "--reload"]\n', CODE)
    assert finding.severity is Severity.ERROR
    assert finding.fix is None
    assert finding.message == (
        "`--workers 4` has no effect together with `--reload`: uvicorn reloads with a single process and ignores "
        "the workers (the two are mutually exclusive). For an image, drop `--reload`; for development, drop the "
        "workers."
    )
    (finding,) = lint("FROM python\nENV WEB_CONCURRENCY=3\nCMD fastapi dev\n", CODE)
    assert "For an image, use `fastapi run`" in finding.message
