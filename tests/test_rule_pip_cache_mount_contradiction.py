"""DF231 pip-cache-mount-contradiction: `--no-cache-dir` with a cache mount on pip's cache."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF231"
BASE = "FROM python:3.12-slim\n"
PIP = "--mount=type=cache,target=/root/.cache/pip"
UV = "--mount=type=cache,target=/root/.cache/uv"

REPORTED = [
    pytest.param(BASE + f"RUN {PIP} pip install --no-cache-dir -r r.txt\n", [(2, 60)], id="pip"),
    pytest.param(BASE + f"run {PIP} python -m pip install --no-cache -r r.txt\n", [(2, 70)], id="abbrev-lowercase"),
    pytest.param(BASE + f'RUN {PIP} ["pip", "install", "--no-cache-dir", "x"]\n', [(2, 67)], id="exec-form"),
    pytest.param(BASE + f"RUN {PIP} \\\n    pip install \\\n    --no-cache-dir x\n", [(4, 5)], id="continuation"),
    pytest.param(BASE + f"RUN {PIP} <<EOF\npip install --no-cache-dir x\nEOF\n", [(3, 13)], id="heredoc"),
    pytest.param(BASE + f"ONBUILD RUN {PIP} pip install --no-cache-dir x\n", [(2, 68)], id="onbuild"),
    pytest.param(
        BASE + "RUN --mount=type=cache,target=/root/.cache pip install --no-cache-dir x\n", [(2, 56)], id="parent"
    ),
    pytest.param(BASE + f"RUN {UV} uv pip install --system --no-cache x\n", [(2, 71)], id="uv-pip"),
    pytest.param(BASE + f"RUN {UV} uv sync -n\n", [(2, 55)], id="uv-sync-short"),
    pytest.param(
        BASE + "ENV PIP_CACHE_DIR=/pip-cache\nRUN --mount=type=cache,target=/pip-cache pip install --no-cache-dir x\n",
        [(3, 54)],
        id="pip-cache-dir-env",
    ),
]

QUIET = [
    pytest.param(BASE + f"RUN {PIP} pip install -r r.txt\n", id="mount-only"),
    pytest.param(BASE + "RUN pip install --no-cache-dir -r r.txt\n", id="flag-only"),
    pytest.param(BASE + "RUN --mount=type=cache,target=/tmp/x pip install --no-cache-dir x\n", id="mount-elsewhere"),
    pytest.param(BASE + f"RUN {UV} pip install --no-cache-dir x\n", id="uv-mount-pip-flag"),
    pytest.param(BASE + f"RUN {PIP} uv pip install --system --no-cache x\n", id="pip-mount-uv-flag"),
    pytest.param(BASE + "RUN --mount=type=tmpfs,target=/root/.cache/pip pip install --no-cache-dir x\n", id="tmpfs"),
    pytest.param(BASE + f"ENV PIP_NO_CACHE_DIR=1\nRUN {PIP} pip install x\n", id="env-variable-not-judged"),
    pytest.param(BASE + f"RUN {PIP} pipx install --no-cache-dir x\n", id="pipx"),
    pytest.param(
        BASE + f"RUN {PIP} pip install --cache-dir /other --no-cache-dir x\n", id="cache-dir-outside-the-mount"
    ),
    pytest.param(BASE + f"USER app\nRUN {PIP} pip install --no-cache-dir x\n", id="non-root-home-elsewhere"),
    pytest.param(BASE + f"RUN {PIP} <<EOF\npip install x\nEOF\n", id="heredoc-without-flag"),
    pytest.param(BASE + f"ONBUILD RUN {PIP} pip install x\n", id="onbuild-without-flag"),
    pytest.param(BASE + f"RUN {UV} uv sync --locked\n", id="uv-without-flag"),
    pytest.param(BASE + f"RUN {PIP} \\\n    pip install x\n", id="continuation-without-flag"),
    pytest.param(BASE + f"RUN {PIP} echo pip install --no-cache-dir x\n", id="echo"),
    pytest.param(BASE + f"RUN {PIP} pip download --no-cache-dir x\n", id="pip-download"),
    pytest.param(BASE + f"RUN {UV} uv venv --no-cache\n", id="uv-venv"),
    pytest.param(BASE + "RUN --mount=type=bind,target=/root/.cache/pip pip install --no-cache-dir x\n", id="bind"),
    pytest.param(BASE + "ARG C\nRUN --mount=type=cache,target=$C pip install --no-cache-dir x\n", id="arg-unknown"),
    pytest.param(BASE + f"RUN {PIP} pip install x\nRUN pip install --no-cache-dir y\n", id="mount-in-another-run"),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message() -> None:
    (finding,) = lint(BASE + f"RUN {PIP} pip install --no-cache-dir x\n", CODE)
    assert finding.message.startswith(
        "`--no-cache-dir` turns pip's cache off although this RUN mounts a cache for it "
        "(`--mount=type=cache,target=/root/.cache/pip`)"
    )
    assert finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (BASE + f"RUN {PIP} pip install --no-cache-dir -r r.txt\n", BASE + f"RUN {PIP} pip install -r r.txt\n"),
        (
            BASE + f'RUN {PIP} ["pip", "install", "--no-cache-dir", "x"]\n',
            BASE + f'RUN {PIP} ["pip", "install", "x"]\n',
        ),
        (BASE + f"RUN {UV} uv sync --no-cache --locked\n", BASE + f"RUN {UV} uv sync --locked\n"),
        (
            BASE + f"RUN {PIP} pip install \\\n    --no-cache-dir x\n",
            BASE + f"RUN {PIP} pip install \\\n x\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
