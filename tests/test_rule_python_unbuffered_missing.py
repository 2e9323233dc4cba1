"""DF408 python-unbuffered-missing: a Python server image without `PYTHONUNBUFFERED=1`."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF408"
BASE = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(BASE + 'CMD ["fastapi", "run", "app/main.py"]\n', [(2, 6)], id="fastapi"),
    pytest.param(BASE + "cmd exec uvicorn app:app --host 0.0.0.0\n", [(2, 10)], id="lowercase-shell-form"),
    pytest.param(BASE + 'CMD ["python", "-m", "gunicorn", "app:app"]\n', [(2, 6)], id="python-m"),
    pytest.param(BASE + 'CMD ["gunicorn", \\\n     "app:app"]\n', [(2, 6)], id="continuation"),
    pytest.param(BASE + 'ENV PYTHONUNBUFFERED=\nCMD ["uvicorn", "app:app"]\n', [(3, 6)], id="empty-value"),
    pytest.param(
        'ARG PY=3.12\nFROM python:${PY}-slim AS base\nFROM base\nCMD ["uvicorn", "app:app"]\n',
        [(4, 6)],
        id="arg-resolved-multi-stage",
    ),
    pytest.param(BASE + 'ENTRYPOINT ["tini", "--"]\nCMD ["uvicorn", "app:app"]\n', [(3, 6)], id="tini-runs-the-cmd"),
    pytest.param(
        'FROM ghcr.io/astral-sh/uv:0.8.15-python3.12-bookworm-slim\nCMD ["uv", "run", "uvicorn", "app:app"]\n',
        [(2, 6)],
        id="uv-image",
    ),
    pytest.param(BASE + 'ARG PYTHONUNBUFFERED=1\nCMD ["uvicorn", "app:app"]\n', [(3, 6)], id="arg-is-build-only"),
]

QUIET = [
    pytest.param(BASE + 'ENV PYTHONUNBUFFERED=1\nCMD ["fastapi", "run", "app/main.py"]\n', id="env"),
    pytest.param(BASE + 'ENV PYTHONUNBUFFERED=0\nCMD ["uvicorn", "app:app"]\n', id="any-non-empty-value"),
    pytest.param(BASE + 'CMD ["uvicorn", "app:app"]\nENV PYTHONUNBUFFERED=1\n', id="env-after-cmd"),
    pytest.param(
        'FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=1\nFROM base\nCMD ["uvicorn", "app:app"]\n',
        id="env-inherited",
    ),
    pytest.param(BASE + 'CMD ["python", "-u", "-m", "uvicorn", "app:app"]\n', id="python-u"),
    pytest.param(BASE + "CMD PYTHONUNBUFFERED=1 exec gunicorn app:app\n", id="inline"),
    pytest.param(BASE + 'CMD ["python", "worker.py"]\n', id="not-a-server"),
    pytest.param('FROM registry.access.redhat.com/ubi9/python-312\nCMD ["gunicorn", "app:app"]\n', id="ubi"),
    pytest.param('FROM acme/base\nCMD ["uvicorn", "app:app"]\n', id="unknown-base"),
    pytest.param(BASE + 'ENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n', id="entrypoint-script"),
    pytest.param(BASE + "RUN uvicorn --version\n", id="run-step"),
    pytest.param(BASE + 'ONBUILD CMD ["uvicorn", "app:app"]\n', id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim AS api\nCMD ["uvicorn", "app:app"]\nFROM python:3.12-slim\nCMD ["python", "x.py"]\n',
        id="other-stage",
    ),
    pytest.param(BASE + 'ENV PYTHONUNBUFFERED=1 \\\n    PORT=80\nCMD ["gunicorn", "app:app"]\n', id="continuation-env"),
    pytest.param(BASE + 'ARG U\nENV PYTHONUNBUFFERED=$U\nCMD ["uvicorn", "app:app"]\n', id="unknown-value"),
    pytest.param('ARG BASE\nFROM ${BASE}\nCMD ["uvicorn", "app:app"]\n', id="arg-unknown-base"),
    pytest.param(BASE + 'RUN <<EOF\nexport PYTHONUNBUFFERED=1\nEOF\nCMD ["python", "x.py"]\n', id="heredoc"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_and_fix() -> None:
    (finding,) = lint(BASE + 'CMD ["fastapi", "run", "app/main.py"]\n', CODE)
    assert finding.message.startswith("The image runs `fastapi run` with Python's output buffered")
    assert "what the application `print()`s to stdout reaches `docker logs` late" in finding.message
    assert "access log" not in finding.message  # logging flushes every record: uvicorn's own logs are not delayed
    assert finding.fix is not None and not finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (BASE + 'CMD ["uvicorn", "app:app"]\n', BASE + 'ENV PYTHONUNBUFFERED=1\nCMD ["uvicorn", "app:app"]\n'),
        (
            "from python:3.12-slim\nworkdir /app\ncmd exec gunicorn app:app\n",
            "from python:3.12-slim\nworkdir /app\nenv PYTHONUNBUFFERED=1\ncmd exec gunicorn app:app\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
