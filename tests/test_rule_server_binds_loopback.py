"""DF404 server-binds-loopback: a server that listens on 127.0.0.1 inside the container."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF404"

REPORTED = [
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--port", "80"]\n', [(2, 6)], id="uvicorn-default"),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app:app --host 127.0.0.1 --port 80\n", [(2, 21)], id="uvicorn-explicit"
    ),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --host=localhost\n", [(2, 21)], id="uvicorn-localhost"),
    pytest.param(
        "FROM python:3.12-slim\nENV UVICORN_HOST=127.0.0.1\nCMD uvicorn app:app\n", [(3, 5)], id="uvicorn-env"
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["fastapi", "dev", "main.py"]\n', [(2, 6)], id="fastapi-dev"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi run --host ::1\n", [(2, 17)], id="fastapi-run-loopback"),
    pytest.param('FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n', [(2, 6)], id="gunicorn-default"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -b 127.0.0.1:8000 app:app\n", [(2, 14)], id="gunicorn-explicit"),
    pytest.param(
        "FROM python:3.12-slim\nCMD gunicorn --bind=localhost:80 --bind [::1]:81 app:app\n",
        [(2, 14)],
        id="gunicorn-every-bind-loopback",
    ),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn app:app\n", [(2, 5)], id="hypercorn-default"),
    pytest.param("FROM python:3.12-slim\nCMD flask --app app run\n", [(2, 5)], id="flask-default"),
    pytest.param("FROM python:3.12-slim\nCMD flask run -h 127.0.0.1\n", [(2, 15)], id="flask-explicit"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver\n", [(2, 5)], id="runserver-default"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver 8000\n", [(2, 32)], id="runserver-port-only"),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["./manage.py", "runserver", "localhost:8000"]\n',
        [(2, 34)],
        id="runserver-localhost",
    ),
    pytest.param(
        "FROM python:3.12-slim\ncmd exec uvicorn app:app \\\n    --port 80\n", [(2, 10)], id="lowercase-continuation"
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app"]\n',
        [(3, 6)],
        id="tini-runs-the-cmd",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["/entrypoint.sh"]\nCMD uvicorn app:app --host 127.0.0.1\n',
        [(3, 21)],
        id="explicit-behind-script",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--port", "80"]\n',
        [(2, 13)],
        id="entrypoint-plus-cmd",
    ),
    pytest.param(
        "FROM python:3.12-slim AS base\nCMD uvicorn app:app\nFROM base\nRUN true\n", [(2, 5)], id="inherited-cmd"
    ),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["sh", "-c", "alembic upgrade head && exec uvicorn app:app"]\n',
        [(2, 48)],
        id="sh-c",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV HOST=127.0.0.1\nCMD exec uvicorn app:app --host $HOST\n",
        [(3, 26)],
        id="env-resolved",
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS='--bind 127.0.0.1:8000'\nCMD gunicorn app:app\n",
        [(3, 5)],
        id="gunicorn-cmd-args",
    ),
]

QUIET = [
    pytest.param('FROM python:3.12-slim\nCMD uvicorn app:app --host "0.0.0.0"\n', id="quoted-host"),
    pytest.param(
        "FROM python:3.12-slim\nENV HOST=0.0.0.0\nCMD exec uvicorn app:app --host $HOST\n", id="env-resolved-all"
    ),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:$PORT app:app\n", id="gunicorn-port-variable"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn --paste production.ini\n", id="gunicorn-paste"),
    pytest.param(
        "FROM python:3.12-slim\nCMD hypercorn --bind 0.0.0.0:8000 --insecure-bind 127.0.0.1:80 app:app\n",
        id="hypercorn-one-bind-all",
    ),
    pytest.param("FROM python:3.12-slim\nCMD flask run -h 0.0.0.0 --debug\n", id="flask-short-host"),
    pytest.param(
        "FROM python:3.12-slim\nCMD exec python manage.py runserver 0.0.0.0:$PORT\n", id="runserver-port-variable"
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["fastapi", "run", "--host", "0.0.0.0"]\n', id="fastapi-run-host"),
    pytest.param("FROM python:3.12-slim\ncmd uvicorn app:app \\\n    --host 0.0.0.0\n", id="lowercase-continuation"),
    pytest.param(
        'FROM python:3.12-slim\nCMD ["uvicorn", "--factory", "app:create_app", "--host", "::"]\n', id="factory-ipv6"
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n', id="uvicorn-all"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --host=::\n", id="uvicorn-ipv6-all"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --uds /tmp/app.sock\n", id="uvicorn-socket"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --fd 3\n", id="uvicorn-fd"),
    pytest.param("FROM python:3.12-slim\nENV UVICORN_HOST=0.0.0.0\nCMD uvicorn app:app\n", id="uvicorn-env-host"),
    pytest.param("FROM python:3.12-slim\nENV UVICORN_HOST=$H\nCMD uvicorn app:app\n", id="uvicorn-env-unknown"),
    pytest.param("FROM python:3.12-slim\nCMD exec uvicorn app:app --host $HOST\n", id="unknown-variable"),
    pytest.param(
        "FROM python:3.12-slim\nARG HOST=127.0.0.1\nCMD exec uvicorn app:app --host $HOST\n", id="arg-is-not-runtime"
    ),
    pytest.param("FROM python:3.12-slim\nCMD exec uvicorn app:app $UVICORN_OPTS\n", id="options-from-variable"),
    pytest.param('FROM python:3.12-slim\nCMD ["sh", "-c", "uvicorn app:app \\"$@\\"", "--"]\n', id="all-arguments"),
    pytest.param('FROM python:3.12-slim\nCMD ["fastapi", "run", "main.py"]\n', id="fastapi-run"),
    pytest.param("FROM python:3.12-slim\nCMD fastapi dev --host 0.0.0.0\n", id="fastapi-dev-host"),
    pytest.param("FROM python:3.12-slim\nENV UVICORN_HOST=0.0.0.0\nCMD fastapi run\n", id="fastapi-run-env"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:80 app:app\n", id="gunicorn-all"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -b :80 app:app\n", id="gunicorn-empty-host"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -b unix:/run/app.sock app:app\n", id="gunicorn-socket"),
    pytest.param(
        "FROM python:3.12-slim\nCMD gunicorn -b 127.0.0.1:81 -b 0.0.0.0:80 app:app\n", id="gunicorn-one-bind-all"
    ),
    pytest.param("FROM python:3.12-slim\nENV PORT=8000\nCMD gunicorn app:app\n", id="gunicorn-port-env"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -c gunicorn.conf.py app:app\n", id="gunicorn-config"),
    pytest.param(
        "FROM python:3.12-slim\nCOPY gunicorn.conf.py .\nCMD gunicorn app:app\n", id="gunicorn-default-config"
    ),
    pytest.param(
        "FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS='--bind=0.0.0.0'\nCMD gunicorn app:app\n",
        id="gunicorn-cmd-args-bind",
    ),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn -b 0.0.0.0:80 app:app\n", id="hypercorn-all"),
    pytest.param("FROM python:3.12-slim\nCMD hypercorn -c config.toml app:app\n", id="hypercorn-config"),
    pytest.param("FROM python:3.12-slim\nCMD flask run --host=0.0.0.0\n", id="flask-all"),
    pytest.param("FROM python:3.12-slim\nENV FLASK_RUN_HOST=0.0.0.0\nCMD flask run\n", id="flask-env"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver 0.0.0.0:8000\n", id="runserver-all"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver 0:8000\n", id="runserver-zero"),
    pytest.param("FROM python:3.12-slim\nCMD python manage.py runserver [::]:8000\n", id="runserver-ipv6"),
    pytest.param(
        "FROM python:3.12-slim AS test\nCMD uvicorn app:app\nFROM python:3.12-slim\nCMD python app.py\n",
        id="other-stage",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN uvicorn app:app & sleep 2 && curl localhost:8000\nCMD python app.py\n",
        id="run-step",
    ),
    pytest.param(
        "FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://127.0.0.1:8000/\nCMD fastapi run\n", id="healthcheck"
    ),
    pytest.param("FROM python:3.12-slim\nONBUILD CMD uvicorn app:app\n", id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim AS base\nCMD uvicorn app:app\nFROM base\nENTRYPOINT ["python", "serve.py"]\n',
        id="entrypoint-resets-inherited",
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["python", "-m", "http.server"]\n', id="not-a-python-server"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app:app --host 127.0.0.1 --host 0.0.0.0\n", id="last-host-wins"),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0 --forwarded-allow-ips 127.0.0.1\n", id="ips"
    ),
    pytest.param('FROM python:3.12-slim\nENTRYPOINT ["uvicorn", "app:app"]\nCMD --port 80\n', id="shell-cmd-appended"),
    pytest.param("FROM python:3.12-slim\nENV UVICORN_UDS=/run/app.sock\nCMD uvicorn app:app\n", id="uds-env"),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n',
        id="entrypoint-script-may-add-host",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_quiet_when_the_context_holds_a_gunicorn_config(tmp_path: object) -> None:
    import pathlib

    from linter.engine import LintOptions, lint_file
    from linter.registry import all_rules, find_rule

    folder = pathlib.Path(str(tmp_path))
    (folder / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY . .\nCMD gunicorn app:app\n")
    rule = find_rule(CODE, all_rules())
    assert rule is not None
    options = LintOptions(rules=(rule,))
    assert len(lint_file(str(folder / "Dockerfile"), options).findings) == 1
    (folder / "gunicorn.conf.py").write_text("bind = '0.0.0.0:80'\n")
    assert lint_file(str(folder / "Dockerfile"), options).findings == ()


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--port", "80"]\n',
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "80"]\n',
            id="uvicorn-exec-insert",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD uvicorn --port 80 app:app\n",
            "FROM python:3.12-slim\nCMD uvicorn --port 80 app:app --host 0.0.0.0\n",
            id="uvicorn-shell-insert",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD uvicorn app:app --host 127.0.0.1\n",
            "FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0\n",
            id="uvicorn-replace",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host=localhost"]\n',
            'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host=0.0.0.0"]\n',
            id="uvicorn-replace-equals",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD fastapi dev\n",
            "FROM python:3.12-slim\nCMD fastapi dev --host 0.0.0.0\n",
            id="fastapi-dev",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["gunicorn", "-w", "2", "app:app"]\n',
            'FROM python:3.12-slim\nCMD ["gunicorn", "-w", "2", "app:app", "--bind", "0.0.0.0:8000"]\n',
            id="gunicorn-insert",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD gunicorn -b localhost:8080 app:app\n",
            "FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:8080 app:app\n",
            id="gunicorn-replace",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD gunicorn -b [::1]:8080 app:app\n",
            "FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:8080 app:app\n",
            id="gunicorn-replace-ipv6",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD flask run\n",
            "FROM python:3.12-slim\nCMD flask run --host 0.0.0.0\n",
            id="flask",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["python", "manage.py", "runserver"]\n',
            'FROM python:3.12-slim\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
            id="runserver-insert",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCMD python manage.py runserver 8080\n",
            "FROM python:3.12-slim\nCMD python manage.py runserver 0.0.0.0:8080\n",
            id="runserver-port",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn app:app --port $PORT"]\n',
            'FROM python:3.12-slim\nCMD ["sh", "-c", "exec uvicorn app:app --host 0.0.0.0 --port $PORT"]\n',
            id="sh-c",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
    assert all(finding.fix is not None and not finding.fix.safe for finding in lint(source, CODE))


def test_no_fix_from_the_environment() -> None:
    (finding,) = lint("FROM python:3.12-slim\nENV UVICORN_HOST=127.0.0.1\nCMD uvicorn app:app\n", CODE)
    assert finding.fix is None
    assert finding.message.startswith("`ENV UVICORN_HOST=127.0.0.1` (line 2) makes uvicorn listen on 127.0.0.1 only")


def test_messages() -> None:
    (finding,) = lint('FROM python\nCMD ["uvicorn", "app:app"]\n', CODE)
    assert finding.message == (
        "uvicorn listens on 127.0.0.1 by default, unreachable through published ports (`docker run -p`, Compose "
        "`ports:`, a Kubernetes Service): add `--host 0.0.0.0`."
    )
    (finding,) = lint("FROM python\nCMD gunicorn -b 127.0.0.1:80 app:app\n", CODE)
    assert finding.message.startswith("`-b 127.0.0.1:80` makes gunicorn listen on 127.0.0.1 only")
