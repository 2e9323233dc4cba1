"""DF403 dev-server-in-image: development servers and reloading in the container's command."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF403"

REPORTED = [
    pytest.param('FROM python:3.12-slim\nCMD ["fastapi", "dev", "main.py"]\n', [(2, 6)], id="fastapi-dev-exec"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi dev --host 0.0.0.0\n", [(2, 5)], id="fastapi-dev-shell"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi run --reload\n", [(2, 17)], id="fastapi-run-reload"),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--reload"]\n',
        [(2, 49)],
        id="uvicorn-reload-exec",
    ),
    pytest.param(
        "FROM python:3.12-slim\ncmd uvicorn app:app \\\n    --reload \\\n    --host 0.0.0.0\n",
        [(3, 5)],
        id="lowercase-continuation",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_RELOAD=true\nCMD uvicorn app:app --host 0.0.0.0\n",
        [(3, 5)],
        id="uvicorn-reload-env",
    ),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn --reload -b :80 app:app\n", [(2, 14)], id="gunicorn-reload"),
    pytest.param(
        "FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS='--reload'\nCMD gunicorn -b :80 app:app\n",
        [(3, 5)],
        id="gunicorn-cmd-args",
    ),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn --reload -b 0.0.0.0:80 app:app\n", [(2, 15)], id="hypercorn"),
    pytest.param("FROM python:3.12-slim\nCMD flask --app app --debug run\n", [(2, 21)], id="flask-debug-global"),
    pytest.param("FROM python:3.12-slim\nCMD flask run --debug -h 0.0.0.0\n", [(2, 15)], id="flask-run-debug"),
    pytest.param(
        "FROM python:3.12-slim\nENV FLASK_DEBUG=1\nCMD flask run -h 0.0.0.0\n", [(3, 5)], id="flask-debug-env"
    ),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n', [(2, 6)], id="runserver"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV FLASK_ENV=development\nCMD flask run -h 0.0.0.0\n", [(3, 5)], id="flask-env"
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["python3"]\nCMD ["manage.py", "runserver", "0.0.0.0:8000"]\n',
        [(3, 6)],
        id="runserver-through-entrypoint",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--reload"]\n',
        [(3, 17)],
        id="entrypoint-plus-cmd",
    ),
    pytest.param("FROM python:3.12-slim AS base\nCMD fastapi dev\nFROM base\nENV X=1\n", [(2, 5)], id="inherited-cmd"),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["sh", "-c", "alembic upgrade head && exec uvicorn app:app --reload"]\n',
        [(2, 64)],
        id="sh-c",
    ),
]

QUIET = [
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver_plus_custom\n", id="other-django-command"),
    pytest.param(
        "FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS='--reload-engine auto'\nCMD gunicorn -b :80 app\n",
        id="gunicorn-env-reload-engine",
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["fastapi", "run", "main.py"]\n', id="fastapi-run"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi run --no-reload\n", id="fastapi-no-reload"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n', id="uvicorn"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --reload-dir /code\n", id="reload-dir-alone"),
    pytest.param("FROM python:3.12-slim\nENV UVICORN_RELOAD=false\nCMD uvicorn app:app\n", id="reload-env-false"),
    pytest.param("FROM python:3.12-slim\nARG UVICORN_RELOAD=true\nCMD uvicorn app:app\n", id="reload-arg"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -b :80 app:app\n", id="gunicorn"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn --reload-engine poll app:app\n", id="gunicorn-reload-engine"),
    pytest.param("FROM python:3.12-slim\nCMD flask run -h 0.0.0.0\n", id="flask-run-plain"),
    pytest.param("FROM python:3.12-slim\nENV FLASK_DEBUG=0\nCMD flask run\n", id="flask-debug-off"),
    pytest.param("FROM python:3.12-slim\nCMD flask --debug run --no-reload --no-debug\n", id="flask-no-debug"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py migrate\n", id="django-migrate"),
    pytest.param("FROM python:3.12-slim\nENV FLASK_ENV=production\nCMD flask run\n", id="flask-env-production"),
    pytest.param(
        "FROM python:3.12-slim\nENV FLASK_ENV=development FLASK_DEBUG=0\nCMD flask run\n", id="flask-debug-wins"
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["python3"]\nCMD ["manage.py", "collectstatic"]\n', id="django-other"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV FLASK_ENV=development\nCMD gunicorn -b :80 app:app\n", id="flask-env-gunicorn"
    ),
    pytest.param(
        "FROM python:3.12-slim AS dev\nCMD fastapi dev\nFROM python:3.12-slim AS prod\nCMD fastapi run\n",
        id="dev-stage-not-final",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN timeout 5 uvicorn app:app --reload || true\nCMD fastapi run\n", id="run-step"
    ),
    pytest.param(
        "FROM python:3.12-slim\nHEALTHCHECK CMD python manage.py runserver --check\nCMD gunicorn -b :80 app\n",
        id="healthcheck",
    ),
    pytest.param("FROM python:3.12-slim\nONBUILD CMD fastapi dev\n", id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim AS base\nCMD fastapi dev\nFROM base\nENTRYPOINT ["fastapi", "run"]\n',
        id="entrypoint-resets-inherited",
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["echo", "uvicorn", "--reload"]\n', id="echo"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app -- --reload\n", id="after-double-dash"),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app:app --log-level debug --env-file .env.dev\n", id="debug-log-level"
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["python", "-m", "pytest", "--reload"]\n', id="not-a-server"),
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_RELOAD=true\nCMD gunicorn -b :80 app:app\n", id="uvicorn-env-for-gunicorn"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV FLASK_DEBUG=1\nCMD gunicorn -b :80 app:app\n", id="flask-env-for-gunicorn"
    ),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --reload-delay 1\n", id="reload-delay-alone"),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn -b 0.0.0.0:80 app:app\n", id="hypercorn"),
    pytest.param("FROM python:3.12-slim\nENV DEBUG=1\nCMD uvicorn app:app\n", id="unrelated-debug"),
    pytest.param("FROM python:3.12-slim\nCMD uv run --reload-x fastapi run\n", id="unknown-runner-option"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi --version\n", id="no-subcommand"),
    pytest.param("FROM python:3.12-slim\nCMD django-admin check\n", id="django-admin-other"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn app:app --name reload\n", id="word-reload"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver_plus\n", id="other-command"),
    pytest.param("FROM python:3.12-slim\nCMD flask routes --debug\n", id="flask-other-subcommand"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        pytest.param(
            'FROM python:3.12-slim\nCMD ["fastapi", "dev", "main.py"]\n',
            'FROM python:3.12-slim\nCMD ["fastapi", "run", "main.py"]\n',
            id="fastapi-dev-exec",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD fastapi dev --reload main.py\n",
            "FROM python:3.12-slim\nCMD fastapi run main.py\n",
            id="fastapi-dev-reload",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--reload"]\n',
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
            id="exec-last",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn", "--reload", "app:app"]\n',
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]\n',
            id="exec-middle",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD [ "uvicorn", "app:app", \\\n      "--reload" ]\n',
            'FROM python:3.12-slim\nCMD [ "uvicorn", "app:app" ]\n',
            id="exec-own-line",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD uvicorn app:app \\\n    --reload \\\n    --host 0.0.0.0\n",
            "FROM python:3.12-slim\nCMD uvicorn app:app \\\n    --host 0.0.0.0\n",
            id="continuation-middle",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0 \\\n    --reload\nEXPOSE 80\n",
            "FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0\nEXPOSE 80\n",
            id="continuation-last",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn app:app --reload --port $PORT"]\n',
            'FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn app:app --port $PORT"]\n',
            id="sh-c",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD gunicorn --reload -b :80 app:app\n",
            "FROM python:3.12-slim\nCMD gunicorn -b :80 app:app\n",
            id="gunicorn",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD uvicorn app:app --reload --reload\n",
            "FROM python:3.12-slim\nCMD uvicorn app:app\n",
            id="twice",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
    assert all(finding.fix is not None and not finding.fix.safe for finding in lint(source, CODE))


@pytest.mark.parametrize(
    "source",
    [
        "FROM python:3.12-slim\nENV UVICORN_RELOAD=1\nCMD uvicorn app:app\n",
        "FROM python:3.12-slim\nCMD fastapi dev --reload-dir src\n",  # `fastapi run` has no --reload-dir
        "FROM python:3.12-slim\nCMD flask --debug run\n",
        "FROM python:3.12-slim\nCMD python manage.py runserver\n",
    ],
)
def test_no_fix(source: str) -> None:
    (finding,) = lint(source, CODE)
    assert finding.fix is None


def test_messages() -> None:
    (finding,) = lint('FROM python\nCMD ["fastapi", "dev", "main.py"]\n', CODE)
    assert finding.message == (
        "`fastapi dev` is for development: it reloads on code changes and listens on 127.0.0.1 only. Use `fastapi run`."
    )
    (finding,) = lint("FROM python\nENV UVICORN_RELOAD=true\nCMD uvicorn app:app\n", CODE)
    assert finding.message.startswith("`ENV UVICORN_RELOAD=true` (line 2) makes uvicorn watch the code")
    (finding,) = lint("FROM python\nCMD python manage.py runserver 0:8000\n", CODE)
    assert finding.message.startswith("`python manage.py runserver` is Django's development server")
