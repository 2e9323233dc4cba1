"""DF402 gunicorn-uvicorn-worker: the deprecated `uvicorn.workers.UvicornWorker`."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF402"

LEGACY = "uvicorn.workers.UvicornWorker"

REPORTED = [
    pytest.param(f'FROM python:3.12-slim\nCMD ["gunicorn", "app:app", "-k", "{LEGACY}"]\n', [(2, 29)], id="exec-short"),
    pytest.param(f"FROM python:3.12-slim\nCMD gunicorn app:app --worker-class {LEGACY}\n", [(2, 22)], id="shell-long"),
    pytest.param(f"FROM python:3.12-slim\nCMD gunicorn --worker-class={LEGACY} app:app\n", [(2, 14)], id="equals"),
    pytest.param(f"FROM python:3.12-slim\nCMD gunicorn -k{LEGACY} app:app\n", [(2, 14)], id="attached"),
    pytest.param(
        "FROM python:3.12-slim\ncmd gunicorn app:app \\\n    -k uvicorn.workers.UvicornH11Worker \\\n    -w 2\n",
        [(3, 5)],
        id="h11-lowercase-continuation",
    ),
    pytest.param(
        f'FROM python:3.12-slim\nCMD ["sh", "-c", "exec gunicorn -k {LEGACY} app:app"]\n', [(2, 33)], id="sh-c"
    ),
    pytest.param(
        f'FROM python:3.12-slim\nENTRYPOINT ["gunicorn", "-k", "{LEGACY}"]\nCMD ["app:app"]\n',
        [(2, 25)],
        id="entrypoint-plus-cmd",
    ),
    pytest.param(
        f"FROM python:3.12-slim AS base\nCMD python -m gunicorn -k {LEGACY} app:app\nFROM base\nRUN true\n",
        [(2, 24)],
        id="inherited-python-m",
    ),
    pytest.param(
        f'FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS="--bind 0.0.0.0:80 -k {LEGACY}"\nCMD ["gunicorn", "app:app"]\n',
        [(3, 6)],
        id="gunicorn-cmd-args",
    ),
    pytest.param(
        f"FROM python:3.12-slim\nENV CLASS={LEGACY}\nCMD exec gunicorn -k $CLASS app:app\n",
        [(3, 19)],
        id="env-resolved",
    ),
]

QUIET = [
    pytest.param(
        'FROM python:3.12-slim\nCMD ["gunicorn", "-k", "uvicorn_worker.UvicornWorker", "app:app"]\n', id="new"
    ),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn -k gevent app:app\n", id="other-worker"),
    pytest.param("FROM python:3.12-slim\nCMD gunicorn app:app\n", id="no-worker-class"),
    pytest.param(f"FROM python:3.12-slim\nARG CLASS={LEGACY}\nCMD exec gunicorn -k $CLASS app:app\n", id="arg"),
    pytest.param("FROM python:3.12-slim\nCMD exec gunicorn -k $WORKER_CLASS app:app\n", id="unknown-variable"),
    pytest.param(
        f"FROM python:3.12-slim AS test\nCMD gunicorn -k {LEGACY} app:app\nFROM python:3.12-slim\nCMD python app.py\n",
        id="other-stage",
    ),
    pytest.param(f"FROM python:3.12-slim\nRUN gunicorn --check-config -k {LEGACY} app:app\n", id="run-step"),
    pytest.param(
        f"FROM python:3.12-slim\nHEALTHCHECK CMD gunicorn -k {LEGACY} --check-config app:app\nCMD python app.py\n",
        id="healthcheck",
    ),
    pytest.param(f"FROM python:3.12-slim\nONBUILD CMD gunicorn -k {LEGACY} app:app\n", id="onbuild"),
    pytest.param(f"FROM python:3.12-slim\nCMD uvicorn app:app --header x:{LEGACY}\n", id="not-gunicorn"),
    pytest.param(
        f"FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS='-k {LEGACY}'\nCMD gunicorn -k gevent app:app\n",
        id="command-line-wins",
    ),
    pytest.param(f"FROM python:3.12-slim\nLABEL worker={LEGACY}\nCMD gunicorn app:app\n", id="label"),
    pytest.param(f"FROM python:3.12-slim\nCMD echo gunicorn -k {LEGACY}\n", id="echo"),
    pytest.param(
        f'FROM python:3.12-slim\nCMD ["gunicorn", "app:app", "-k", "{LEGACY}"]\nENTRYPOINT uvicorn app:app\n',
        id="shell-entrypoint-ignores-cmd",
    ),
    pytest.param(f"FROM python:3.12-slim\nCMD hypercorn -k {LEGACY} app:app\n", id="hypercorn-has-no-such-class"),
    pytest.param(f"FROM python:3.12-slim\nCMD gunicorn -- -k {LEGACY}\n", id="after-double-dash"),
    pytest.param(
        f"FROM python:3.12-slim\nCMD gunicorn -k uvicorn.workers.UvicornWorkerX app:app # {LEGACY}\n",
        id="comment-and-other-class",
    ),
    pytest.param(f"FROM python:3.12-slim\nCMD gunicorn --name {LEGACY} app:app\n", id="value-of-another-option"),
    pytest.param(f"FROM python:3.12-slim\nCMD python -m pip install {LEGACY}\n", id="not-a-server"),
    pytest.param(
        f"FROM python:3.12-slim\nENV GUNICORN_ARGS='-k {LEGACY}'\nCMD gunicorn app:app\n", id="other-variable"
    ),
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
        (
            f'FROM python:3.12-slim\nCMD ["gunicorn", "app:app", "-k", "{LEGACY}"]\n',
            'FROM python:3.12-slim\nCMD ["gunicorn", "app:app", "-k", "uvicorn_worker.UvicornWorker"]\n',
        ),
        (
            f"FROM python:3.12-slim\nCMD gunicorn --worker-class={LEGACY} app:app\n",
            "FROM python:3.12-slim\nCMD gunicorn --worker-class=uvicorn_worker.UvicornWorker app:app\n",
        ),
        (
            "FROM python:3.12-slim\nCMD gunicorn -kuvicorn.workers.UvicornH11Worker app:app\n",
            "FROM python:3.12-slim\nCMD gunicorn -kuvicorn_worker.UvicornH11Worker app:app\n",
        ),
        (
            f"FROM python:3.12-slim\nCMD gunicorn app:app \\\n  -k '{LEGACY}'\n",
            "FROM python:3.12-slim\nCMD gunicorn app:app \\\n  -k 'uvicorn_worker.UvicornWorker'\n",
        ),
        (
            f'FROM python:3.12-slim\nCMD ["sh", "-c", "exec gunicorn -k {LEGACY} app:app"]\n',
            'FROM python:3.12-slim\nCMD ["sh", "-c", "exec gunicorn -k uvicorn_worker.UvicornWorker app:app"]\n',
        ),
        (
            f'FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS="-k {LEGACY}"\nCMD ["gunicorn", "app:app"]\n',
            'FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS="-k uvicorn_worker.UvicornWorker"\n'
            'CMD ["gunicorn", "app:app"]\n',
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
    assert all(finding.fix is not None and not finding.fix.safe for finding in lint(source, CODE))


def test_no_fix_when_the_value_is_a_variable() -> None:
    source = f"FROM python:3.12-slim\nENV CLASS={LEGACY}\nCMD exec gunicorn -k $CLASS app:app\n"
    (finding,) = lint(source, CODE)
    assert finding.fix is None


def test_message() -> None:
    (finding,) = lint(f'FROM python:3.12-slim\nCMD ["gunicorn", "-k", "{LEGACY}", "app:app"]\n', CODE)
    assert finding.message == (
        f"`-k {LEGACY}`: `{LEGACY}` is deprecated since uvicorn 0.30 and will be removed. Use "
        "`uvicorn_worker.UvicornWorker` from the `uvicorn-worker` package (add it to the requirements), or drop "
        "gunicorn for `fastapi run --workers N` / `uvicorn --workers N`."
    )
