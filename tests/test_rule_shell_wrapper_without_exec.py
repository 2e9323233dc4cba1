"""DF103 shell-wrapper-without-exec: `["sh", "-c", "… server …"]` that keeps the server as the shell's child."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF103"
SLIM = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(SLIM + 'CMD ["sh", "-c", "uvicorn app:app --port ${PORT:-8000}"]\n', [(2, 19)], id="dash-lone"),
    pytest.param(
        SLIM + 'CMD ["/bin/sh", "-c", "alembic upgrade head && uvicorn app:app"]\n', [(2, 48)], id="dash-chain"
    ),
    pytest.param(SLIM + 'cmd ["sh", "-c", "gunicorn app:app"]\n', [(2, 19)], id="lowercase"),
    pytest.param(
        SLIM + 'CMD ["sh", "-c", \\\n     "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]\n',
        [(3, 35)],
        id="continuation-django",
    ),
    pytest.param(
        SLIM + 'ENTRYPOINT ["/bin/sh", "-c"]\nCMD ["fastapi run app/main.py"]\n', [(3, 7)], id="entrypoint-sh-c"
    ),
    pytest.param(SLIM + 'ENTRYPOINT ["tini", "--", "sh", "-c", "uvicorn app:app"]\n', [(2, 40)], id="behind-tini"),
    pytest.param(
        SLIM + 'CMD ["bash", "-c", "uvicorn app:app & celery -A app worker"]\n', [(2, 21)], id="bash-background"
    ),
    pytest.param(SLIM + 'CMD ["bash", "-c", "uvicorn app:app | tee log"]\n', [(2, 21)], id="bash-pipeline"),
    pytest.param(SLIM + 'CMD ["bash", "-c", "trap \'echo bye\' TERM; uvicorn app:app"]\n', [(2, 43)], id="bash-trap"),
    pytest.param(
        'ARG PY=3.12\nFROM python:${PY}-slim AS base\nFROM base\nCMD ["dash", "-c", "uvicorn app:app"]\n',
        [(4, 21)],
        id="arg-multi-stage-dash",
    ),
    pytest.param(
        'FROM python:3.12-alpine\nCMD ["sh", "-c", "if true; then uvicorn app:app; fi"]\n',
        [(2, 33)],
        id="alpine-in-compound",
    ),
    pytest.param(
        SLIM + 'CMD ["bash", "-o", "pipefail", "-c", "uvicorn app:app; echo done"]\n', [(2, 39)], id="bash-not-last"
    ),
]

QUIET = [
    pytest.param(SLIM + 'CMD ["sh", "-c", "exec uvicorn app:app --port ${PORT:-8000}"]\n', id="exec"),
    pytest.param(SLIM + 'CMD ["sh", "-c", "cd /app && exec gosu app gunicorn app:app"]\n', id="exec-gosu"),
    pytest.param(SLIM + 'CMD ["bash", "-c", "uvicorn app:app"]\n', id="bash-lone"),
    pytest.param(SLIM + 'CMD ["bash", "-c", "alembic upgrade head && uvicorn app:app"]\n', id="bash-last"),
    pytest.param('FROM python:3.12-alpine\nCMD ["sh", "-c", "cd /app && gunicorn app:app"]\n', id="ash-last"),
    pytest.param(SLIM + "CMD sh -c 'uvicorn app:app'\n", id="shell-form-is-df101"),
    pytest.param(SLIM + 'CMD ["uvicorn", "app:app"]\n', id="plain-exec-form"),
    pytest.param(SLIM + 'CMD ["sh", "-c", "python worker.py"]\n', id="not-a-server"),
    pytest.param('FROM acme/base\nCMD ["sh", "-c", "uvicorn app:app"]\n', id="unknown-sh"),
    pytest.param(SLIM + 'CMD ["zsh", "-c", "uvicorn app:app"]\n', id="zsh"),
    pytest.param(SLIM + 'RUN ["sh", "-c", "uvicorn app:app"]\n', id="run-step"),
    pytest.param(SLIM + 'ONBUILD CMD ["sh", "-c", "uvicorn app:app"]\n', id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim AS a\nCMD ["sh", "-c", "uvicorn app:app"]\nFROM python:3.12-slim\n'
        'CMD ["uvicorn", "app:app"]\n',
        id="other-stage",
    ),
    pytest.param(SLIM + 'CMD ["sh", "-c", "bash -c \'uvicorn app:app\'"]\n', id="nested-deeper"),
    pytest.param(SLIM + 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n', id="script-is-df104"),
    pytest.param(SLIM + "RUN <<EOF\nsh -c 'uvicorn app:app'\nEOF\n", id="heredoc-run"),
    pytest.param(SLIM + 'CMD ["sh", "-c", \\\n     "exec uvicorn app:app"]\n', id="continuation-exec"),
    pytest.param('ARG BASE\nFROM ${BASE}\nCMD ["sh", "-c", "uvicorn app:app"]\n', id="arg-unknown-base"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint(SLIM + 'CMD ["sh", "-c", "alembic upgrade head && uvicorn app:app"]\n', CODE)
    assert finding.message.startswith(
        "`sh -c` starts `uvicorn` without `exec`: dash, the `sh` of Debian-based images, keeps it as a child"
    )
    assert finding.message.endswith("Prefix it with `exec` (`exec uvicorn …`).")
    assert finding.fix is not None and not finding.fix.safe
    (background,) = lint(SLIM + 'CMD ["bash", "-c", "uvicorn app:app & wait"]\n', CODE)
    assert background.fix is None
    assert "Make `uvicorn` the script's last command" in background.message


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (
            SLIM + 'CMD ["sh", "-c", "alembic upgrade head && uvicorn app:app"]\n',
            SLIM + 'CMD ["sh", "-c", "alembic upgrade head && exec uvicorn app:app"]\n',
        ),
        (
            SLIM + 'CMD ["sh", "-c", "PYTHONPATH=/app gunicorn app:app"]\n',
            SLIM + 'CMD ["sh", "-c", "PYTHONPATH=/app exec gunicorn app:app"]\n',
        ),
        (
            SLIM + 'ENTRYPOINT ["/bin/sh", "-c"]\nCMD ["python -m uvicorn app:app"]\n',
            SLIM + 'ENTRYPOINT ["/bin/sh", "-c"]\nCMD ["exec python -m uvicorn app:app"]\n',
        ),
        (
            SLIM + 'CMD ["sh", "-c", "uvicorn app:app --root-path \\"/api\\""]\n',
            SLIM + 'CMD ["sh", "-c", "uvicorn app:app --root-path \\"/api\\""]\n',
        ),
        (
            SLIM + 'CMD ["bash", "-c", "trap \'echo bye\' TERM; uvicorn app:app"]\n',
            SLIM + 'CMD ["bash", "-c", "trap \'echo bye\' TERM; uvicorn app:app"]\n',
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
