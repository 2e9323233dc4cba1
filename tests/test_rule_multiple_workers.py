"""DF401 multiple-workers: several worker processes in the container's server command."""

from __future__ import annotations

import pytest

from linter.rule import Deployment, Severity
from tests.helpers import lint, positions

CODE = "DF401"

REPORTED = [
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "4"]\n', [(2, 28)], id="exec-uvicorn"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi run main.py --workers=4\n", [(2, 25)], id="shell-fastapi-equals"),
    pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "-w4", "app:app"]\n', [(2, 18)], id="gunicorn-attached"),
    pytest.param(
        "FROM python:3.12-slim\ncmd gunicorn app:app \\\n    -k uvicorn_worker.UvicornWorker \\\n    -w 4\n",
        [(4, 5)],
        id="lowercase-continuation-short",
    ),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn --workers 2 app:app\n", [(2, 15)], id="hypercorn"),
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD uvicorn app:app --host 0.0.0.0\n",
        [(3, 5)],
        id="env-web-concurrency",
    ),
    pytest.param(
        "FROM python:3.12-slim\nCMD WEB_CONCURRENCY=4 gunicorn app:app\n", [(2, 5)], id="inline-web-concurrency"
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--workers", "4"]\n',
        [(3, 17)],
        id="entrypoint-plus-cmd",
    ),
    pytest.param(
        "FROM python:3.12-slim AS base\nCMD uvicorn app:app --workers 3\nFROM base\nRUN pip list\n",
        [(2, 21)],
        id="inherited-cmd",
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn app:app --workers 4"]\n', [(2, 40)], id="sh-c"),
    pytest.param(
        "FROM python:3.12-slim\nARG N=1\nENV WORKERS=4\nCMD exec uvicorn app:app --workers $WORKERS\n",
        [(4, 26)],
        id="env-resolved-variable",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS=\'-w 3\'\nCMD ["gunicorn", "app:app"]\n',
        [(3, 6)],
        id="gunicorn-cmd-args",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENV UVICORN_WORKERS=3\nCMD ["uv", "run", "uvicorn", "app:app"]\n',
        [(3, 6)],
        id="uvicorn-workers-env-uv-run",
    ),
]

QUIET = [
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD uvicorn app:app --workers 1\n", id="option-wins-over-env"
    ),
    pytest.param("FROM python:3.12-slim\nENV UVICORN_WORKERS=4\nCMD gunicorn app:app\n", id="uvicorn-env-for-gunicorn"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "1"]\n', id="one-worker"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -w 1 app:app\n", id="gunicorn-one"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]\n', id="no-workers"),
    pytest.param('FROM python:3.12-slim\nCMD ["fastapi", "run", "main.py"]\n', id="fastapi-no-workers"),
    pytest.param(
        "FROM python:3.12-slim\nARG WORKERS=4\nCMD exec uvicorn app:app --workers $WORKERS\n",
        id="arg-is-not-runtime",
    ),
    pytest.param("FROM python:3.12-slim\nCMD exec uvicorn app:app --workers $WORKERS\n", id="unknown-variable"),
    pytest.param("FROM python:3.12-slim\nCMD exec gunicorn -w $(nproc) app:app\n", id="command-substitution"),
    pytest.param(
        'FROM python:3.12-slim\nENV N=4\nCMD ["uvicorn", "app:app", "--workers", "$N"]\n',
        id="exec-form-no-expansion",
    ),
    pytest.param(
        "FROM python:3.12-slim AS build\nCMD uvicorn app:app --workers 4\nFROM python:3.12-slim\nCMD python app.py\n",
        id="builder-stage",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN uvicorn app:app --workers 4 & sleep 1\nCMD python app.py\n", id="run-step"
    ),
    pytest.param(
        "FROM python:3.12-slim\nHEALTHCHECK CMD gunicorn --check-config -w 4 app:app\nCMD python app.py\n",
        id="healthcheck",
    ),
    pytest.param("FROM python:3.12-slim\nONBUILD CMD uvicorn app:app --workers 4\n", id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--workers", "4", "--reload"]\n',
        id="reload-ignores-workers",
    ),
    pytest.param('FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD ["fastapi", "dev", "main.py"]\n', id="fastapi-dev"),
    pytest.param("FROM python:3.12-slim\nENV WEB_CONCURRENCY=1\nCMD uvicorn app:app\n", id="web-concurrency-one"),
    pytest.param(
        "FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD gunicorn -c gunicorn_conf.py app:app\n",
        id="gunicorn-config-may-override",
    ),
    pytest.param("FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD hypercorn app:app\n", id="hypercorn-ignores-env"),
    pytest.param("FROM python:3.12-slim\nENV WEB_CONCURRENCY=4\nCMD flask run\n", id="flask"),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT uvicorn app:app\nCMD ["--workers", "4"]\n',
        id="shell-entrypoint-ignores-cmd",
    ),
    pytest.param(
        'FROM python:3.12-slim AS base\nCMD uvicorn app:app --workers 4\nFROM base\nENTRYPOINT ["python", "x.py"]\n',
        id="entrypoint-resets-inherited-cmd",
    ),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn --threads 4 --worker-connections 9 app:app\n", id="threads"),
    pytest.param(
        "FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS='-w 3'\nCMD gunicorn -w 1 app:app\n",
        id="command-line-wins-over-env",
    ),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --workers auto\n", id="not-a-number"),
    pytest.param("FROM python:3.12-slim\nCMD echo uvicorn app:app --workers 4\n", id="not-a-server"),
    pytest.param(
        "FROM python:3.12-slim\nCMD python -c 'import uvicorn; uvicorn.run(\"a:b\", workers=4)'\n",
        id="python-code",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


SOURCE = 'FROM python:3.12-slim\nCMD ["fastapi", "run", "app/main.py", "--port", "80", "--workers", "4"]\n'


@pytest.mark.parametrize(
    ("deployment", "expected"),
    [
        (Deployment.UNKNOWN, [Severity.INFO]),
        (Deployment.CLUSTER, [Severity.WARNING]),
        (Deployment.SINGLE_HOST, []),
    ],
)
def test_severity_follows_deployment(deployment: Deployment, expected: list[Severity]) -> None:
    assert [finding.severity for finding in lint(SOURCE, CODE, deployment=deployment)] == expected


def test_message_quotes_the_option_and_the_guide() -> None:
    (finding,) = lint(SOURCE, CODE, deployment=Deployment.CLUSTER)
    assert finding.message.startswith("`--workers 4` starts 4 fastapi run worker processes in one container.")
    assert "one process per container" in finding.message
    (finding,) = lint("FROM python\nENV WEB_CONCURRENCY=4\nCMD gunicorn app:app\n", CODE)
    assert finding.message.startswith("`ENV WEB_CONCURRENCY=4` (line 2) starts 4 gunicorn worker processes")
    assert "single-host" in finding.message
    assert finding.fix is None
