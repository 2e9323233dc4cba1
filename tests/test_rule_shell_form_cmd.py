"""DF101 shell-form-cmd: CMD/ENTRYPOINT in shell form."""

from __future__ import annotations

import textwrap

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF101"

REPORTED = [
    pytest.param(
        """
        FROM python:3.12-slim
        WORKDIR /code
        CMD fastapi run app/main.py --port 80
        """,
        [(3, 5)],
        id="fastapi-run",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        ENTRYPOINT uvicorn app.main:app --host 0.0.0.0
        """,
        [(2, 12)],
        id="entrypoint",
    ),
    pytest.param(
        """
        from python:3.12-slim
        cmd uvicorn app.main:app
        """,
        [(2, 5)],
        id="lowercase-keyword",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD uvicorn app.main:app \\
            --host 0.0.0.0 \\
            --port 80
        """,
        [(2, 5)],
        id="continuation-lines",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        ONBUILD CMD uvicorn app.main:app
        """,
        [(2, 13)],
        id="onbuild-trigger",
    ),
    pytest.param(
        """
        FROM python:3.12-slim AS build
        RUN pip wheel --wheel-dir /wheels fastapi
        FROM python:3.12-slim
        COPY --from=build /wheels /wheels
        CMD uvicorn app.main:app
        """,
        [(5, 5)],
        id="multi-stage-final",
    ),
    pytest.param(
        """
        ARG BASE=python:3.12-slim
        FROM ${BASE}
        CMD uvicorn app.main:app
        """,
        [(3, 5)],
        id="arg-resolved-linux-base",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        RUN <<EOF
        pip install --no-cache-dir fastapi uvicorn
        EOF
        CMD alembic upgrade head && uvicorn app.main:app
        """,
        [(5, 5)],
        id="after-heredoc-chain",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD sh -c "exec uvicorn app.main:app"
        """,
        [(2, 5)],
        id="exec-inside-nested-shell-does-not-count",
    ),
]

QUIET = [
    pytest.param(
        """
        FROM python:3.12-slim
        CMD ["fastapi", "run", "app/main.py", "--port", "80"]
        """,
        id="exec-form",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD exec uvicorn app.main:app --port ${PORT:-8000}
        """,
        id="exec-prefixed",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD cd /code && exec uvicorn app.main:app
        """,
        id="exec-last-command",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        CMD uvicorn app.main:app
        """,
        id="custom-shell",
    ),
    pytest.param(
        """
        FROM python:3.12-slim AS base
        SHELL ["/bin/sh", "-c"]
        FROM base
        CMD uvicorn app.main:app
        """,
        id="shell-inherited-from-stage",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        ONBUILD CMD uvicorn app.main:app
        SHELL ["/bin/bash", "-c"]
        """,
        id="onbuild-with-shell-later-in-stage",
    ),
    pytest.param(
        """
        ARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022
        FROM ${BASE}
        CMD app.exe --serve
        """,
        id="arg-resolved-windows-base",
    ),
    pytest.param(
        """
        # escape=`
        FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
        ENTRYPOINT dotnet app.dll
        """,
        id="windows-escape",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        HEALTHCHECK CMD curl -fs http://localhost:8000/health || exit 1
        """,
        id="healthcheck-not-ours",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD ['uvicorn', 'app.main:app']
        """,
        id="broken-json-is-df102",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        RUN uvicorn --version
        CMD
        """,
        id="no-arguments",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        RUN <<EOF
        CMD uvicorn app.main:app
        EOF
        CMD ["uvicorn", "app.main:app"]
        """,
        id="heredoc-body-is-not-an-instruction",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD [ "uvicorn", \\
              "app.main:app" ]
        """,
        id="exec-form-over-continuation-lines",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_quotes_command_and_names_server() -> None:
    (finding,) = lint("FROM python:3.12-slim\nCMD uvicorn app.main:app --port 80\n", CODE)
    assert finding.message.startswith("`CMD uvicorn app.main:app --port 80` is in shell form")
    assert "the server (`uvicorn`) never gets `docker stop`'s SIGTERM" in finding.message
    assert 'Write it as a JSON array: `CMD ["uvicorn", "app.main:app", "--port", "80"]`.' in finding.message


def test_message_for_onbuild_and_long_command() -> None:
    source = "FROM python:3.12-slim\nONBUILD CMD gunicorn --bind 0.0.0.0:8000 --workers 4 --timeout 120 app.main:app\n"
    (finding,) = lint(source, CODE)
    assert finding.message.startswith("`ONBUILD CMD gunicorn --bind 0.0.0.0:8000 --workers 4 --time…` is in shell")
    assert finding.message.endswith(
        '`ONBUILD CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "120", "app.main:app"]`.'
    )


def test_span_covers_the_arguments() -> None:
    (finding,) = lint("FROM python:3.12-slim\nCMD  uvicorn app.main:app  \n", CODE)
    span = finding.span
    assert (span.start_line, span.start_column, span.end_line, span.end_column) == (2, 6, 2, 26)


FIXED = [
    pytest.param(
        """
        FROM python:3.12-slim
        CMD uvicorn app.main:app --host 0.0.0.0 --port 80
        """,
        """
        FROM python:3.12-slim
        CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "80"]
        """,
        id="plain-words",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        cmd python -c "print('ready')" 'two words' --opt="a b"
        """,
        """
        FROM python:3.12-slim
        cmd ["python", "-c", "print('ready')", "two words", "--opt=a b"]
        """,
        id="simple-quoting-and-lowercase",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        CMD uvicorn app.main:app \\
            --port 80
        EXPOSE 80
        """,
        """
        FROM python:3.12-slim
        CMD ["uvicorn", "app.main:app", "--port", "80"]
        EXPOSE 80
        """,
        id="continuation-joined",
    ),
    pytest.param(
        """
        FROM python:3.12-slim
        ONBUILD CMD uvicorn app.main:app
        """,
        """
        FROM python:3.12-slim
        ONBUILD CMD ["uvicorn", "app.main:app"]
        """,
        id="onbuild-cmd",
    ),
]


@pytest.mark.parametrize(("source", "fixed"), FIXED)
def test_safe_fix(source: str, fixed: str) -> None:
    (finding,) = lint(source, CODE)
    assert finding.fix is not None and finding.fix.safe
    assert apply_fixes(source, CODE) == textwrap.dedent(fixed).lstrip("\n")


UNSAFE_FIXED = [
    pytest.param(
        """
        FROM python:3.12-slim
        ENTRYPOINT uvicorn app.main:app
        """,
        """
        FROM python:3.12-slim
        ENTRYPOINT ["uvicorn", "app.main:app"]
        """,
        id="entrypoint-without-cmd",
    ),
    pytest.param(
        """
        FROM python:3.12-slim AS tools
        CMD ["bash"]
        FROM python:3.12-slim
        ENTRYPOINT uvicorn app.main:app
        """,
        """
        FROM python:3.12-slim AS tools
        CMD ["bash"]
        FROM python:3.12-slim
        ENTRYPOINT ["uvicorn", "app.main:app"]
        """,
        id="entrypoint-cmd-only-in-unrelated-stage",
    ),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}\n",
        "FROM python:3.12-slim\nCMD exec uvicorn app.main:app --host 0.0.0.0 --port ${PORT:-8000}\n",
        id="variable-expansion",
    ),
    pytest.param(
        'FROM python:3.12-slim\nCMD gunicorn --bind "0.0.0.0:$PORT" app.main:app\n',
        'FROM python:3.12-slim\nCMD exec gunicorn --bind "0.0.0.0:$PORT" app.main:app\n',
        id="quoted-expansion",
    ),
    pytest.param(
        'FROM python:3.12-slim\nENTRYPOINT uvicorn app.main:app\nCMD ["--port", "80"]\n',
        'FROM python:3.12-slim\nENTRYPOINT exec uvicorn app.main:app\nCMD ["--port", "80"]\n',
        id="entrypoint-with-cmd-keeps-ignoring-it",
    ),
    pytest.param(
        'FROM python:3.12-slim AS base\nENTRYPOINT uvicorn app.main:app\nFROM base\nCMD ["--port", "80"]\n',
        'FROM python:3.12-slim AS base\nENTRYPOINT exec uvicorn app.main:app\nFROM base\nCMD ["--port", "80"]\n',
        id="entrypoint-with-cmd-in-descendant-stage",
    ),
    pytest.param(
        "FROM python:3.12-slim\nONBUILD ENTRYPOINT uvicorn app.main:app\n",
        "FROM python:3.12-slim\nONBUILD ENTRYPOINT exec uvicorn app.main:app\n",
        id="onbuild-entrypoint",
    ),
    pytest.param(
        "FROM python:3.12-slim\nCMD uvicorn app.main:app \\\n# the port\n    --port 80\n",
        "FROM python:3.12-slim\nCMD exec uvicorn app.main:app \\\n# the port\n    --port 80\n",
        id="comment-between-continuation-lines",
    ),
]


@pytest.mark.parametrize(("source", "fixed"), UNSAFE_FIXED)
def test_unsafe_fix(source: str, fixed: str) -> None:
    (finding,) = lint(source, CODE)
    assert finding.fix is not None and not finding.fix.safe
    assert apply_fixes(source, CODE) == textwrap.dedent(fixed).lstrip("\n")


@pytest.mark.parametrize(
    "command",
    [
        "alembic upgrade head && uvicorn app.main:app",
        "uvicorn app.main:app > /var/log/app.log",
        "uvicorn app.main:app | tee log",
        "uvicorn $(cat /app/name)",
        "uvicorn `cat /app/name`",
        "python app*.py",
        "python ~/app.py",
        "uvicorn app.main:app & wait",
        "PORT=80 uvicorn app.main:app",
        "cd /code",
        'python -c "print(\\"x\\")"',
        "uvicorn app.main:app # the server",
        "python {a,b}.py",
        "python app.py \\; true",
    ],
)
def test_no_fix_when_the_shell_does_something(command: str) -> None:
    (finding,) = lint(f"FROM python:3.12-slim\nCMD {command}\n", CODE)
    assert finding.fix is None
    assert "Prefix the command that starts" in finding.message
