"""DF406 proxy-headers-untrusted: `--proxy-headers` without `--forwarded-allow-ips`."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF406"
BASE = "FROM python:3.12-slim\n"

REPORTED = [
    pytest.param(
        BASE + 'CMD ["fastapi", "run", "app/main.py", "--proxy-headers", "--port", "80"]\n', [(2, 39)], id="guide"
    ),
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--proxy-headers"]\n', [(2, 28)], id="uvicorn"),
    pytest.param(BASE + "cmd exec uvicorn app:app --host 0.0.0.0 --proxy-headers\n", [(2, 41)], id="lowercase-shell"),
    pytest.param(
        BASE + "CMD fastapi run app/main.py \\\n    --proxy-headers \\\n    --port 80\n", [(3, 5)], id="continuation"
    ),
    pytest.param(
        BASE + 'ENV UVICORN_PROXY_HEADERS=true\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
        [(3, 6)],
        id="uvicorn-env-switch",
    ),
    pytest.param(
        'FROM python:3.12-slim AS base\nCMD ["uvicorn", "app:app", "--proxy-headers"]\nFROM base\n',
        [(2, 28)],
        id="inherited-cmd",
    ),
    pytest.param(
        BASE + 'ENTRYPOINT ["python", "-m", "uvicorn"]\nCMD ["app:app", "--proxy-headers"]\n',
        [(3, 17)],
        id="entrypoint-plus-cmd",
    ),
    pytest.param(
        BASE + 'ENV UVICORN_FORWARDED_ALLOW_IPS=10.0.0.1\nCMD ["fastapi", "run", "--proxy-headers"]\n',
        [(3, 24)],
        id="uvicorn-variable-not-read-by-fastapi",
    ),
]

QUIET = [
    pytest.param(
        BASE + 'CMD ["fastapi", "run", "--proxy-headers", "--forwarded-allow-ips", "10.0.0.0/8"]\n', id="allowed"
    ),
    pytest.param(
        BASE + 'CMD ["uvicorn", "app:app", "--proxy-headers", "--forwarded-allow-ips=*"]\n', id="wildcard-df407"
    ),
    pytest.param(BASE + 'ENV FORWARDED_ALLOW_IPS=10.0.0.1\nCMD ["uvicorn", "app:app", "--proxy-headers"]\n', id="env"),
    pytest.param(
        BASE + 'ENV UVICORN_FORWARDED_ALLOW_IPS=10.0.0.1\nCMD ["uvicorn", "app:app", "--proxy-headers"]\n',
        id="uvicorn-env",
    ),
    pytest.param(BASE + 'CMD ["fastapi", "run", "app/main.py"]\n', id="default-on-not-asked"),
    pytest.param(BASE + 'CMD ["uvicorn", "app:app", "--proxy-headers", "--no-proxy-headers"]\n', id="turned-off"),
    pytest.param(BASE + 'CMD ["sh", "-c", "uvicorn app:app --proxy-headers $EXTRA"]\n', id="open-arguments"),
    pytest.param(BASE + 'ENTRYPOINT ["/entrypoint.sh"]\nCMD ["uvicorn", "app:app", "--proxy-headers"]\n', id="script"),
    pytest.param(BASE + 'CMD ["gunicorn", "app:app", "--proxy-headers"]\n', id="gunicorn"),
    pytest.param(BASE + "RUN uvicorn app:app --proxy-headers\n", id="run-step"),
    pytest.param(BASE + 'ONBUILD CMD ["uvicorn", "app:app", "--proxy-headers"]\n', id="onbuild"),
    pytest.param(
        'FROM python:3.12-slim AS api\nCMD ["uvicorn", "app:app", "--proxy-headers"]\n'
        'FROM python:3.12-slim\nCMD ["python", "worker.py"]\n',
        id="other-stage",
    ),
    pytest.param(
        BASE + "CMD FORWARDED_ALLOW_IPS=10.0.0.1 exec uvicorn app:app --proxy-headers\n", id="inline-variable"
    ),
    pytest.param(BASE + 'ENV UVICORN_PROXY_HEADERS=false\nCMD ["uvicorn", "app:app"]\n', id="env-switch-off"),
    pytest.param(
        BASE + 'CMD uvicorn app:app \\\n    --proxy-headers \\\n    --forwarded-allow-ips "*"\n',
        id="continuation-allowed",
    ),
    pytest.param(BASE + "RUN <<EOF\nuvicorn app:app --proxy-headers\nEOF\n", id="heredoc-run"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint(BASE + 'CMD ["fastapi", "run", "app/main.py", "--proxy-headers"]\n', CODE)
    assert finding.message.startswith(
        "`--proxy-headers` asks `fastapi run` to read `X-Forwarded-For`/`X-Forwarded-Proto`, but without "
        "`--forwarded-allow-ips` (or `FORWARDED_ALLOW_IPS`) it trusts them only from 127.0.0.1"
    )
    assert finding.fix is None
