"""DF203 pip-version-pinning: pip installs of packages without a pinned or bounded version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF203"
PY = "FROM python:3.12-slim"

POSITIVE = [
    (f"{PY}\nRUN pip install flask\n", [(2, 17)]),
    # >= alone lets every newer release in
    (f'{PY}\nRUN pip install --no-cache-dir "flask>=3"\n', [(2, 32)]),
    (f"{PY}\nRUN pip install 'flask!=3.0.0' requests==2.32.3\n", [(2, 17)]),
    # extra operands next to a requirements file are still unpinned
    (f"{PY}\nRUN pip install -r requirements.txt gunicorn\n", [(2, 37)]),
    (f"{PY}\nRUN python -m pip install --upgrade pip flask\n", [(2, 41)]),
    (f"{PY}\nRUN /opt/venv/bin/pip install --index-url https://pypi.org/simple uvicorn\n", [(2, 67)]),
    (f"{PY}\nRUN uv pip install --system httpx\n", [(2, 29)]),
    (f"{PY}\nRUN pip install git+https://github.com/org/repo.git#egg=repo\n", [(2, 17)]),
    (f"{PY}\nRUN pip install https://github.com/org/repo/archive/main.zip\n", [(2, 17)]),
    ("from python:3.12-slim\nrun pip install \\\n    flask==3.0.3 \\\n    requests\n", [(4, 5)]),
    (f'{PY}\nRUN ["pip", "install", "flask"]\n', [(2, 24)]),
    (f"{PY}\nRUN cat <<EOF > /x && pip install flask\nx\nEOF\n", [(2, 35)]),
    (f"{PY}\nONBUILD RUN pip3 install flask\n", [(2, 26)]),
]

NEGATIVE = [
    f"{PY}\nRUN pip install flask==3.0.3\n",
    f"{PY}\nRUN pip install 'flask===3.0.3' 'uvicorn==0.30.*'\n",
    f"{PY}\nRUN pip install 'flask~=3.0'\n",
    f'{PY}\nRUN pip install "flask>=3,<4" "wheel<0.46"\n',
    f"{PY}\nRUN pip install \"uvicorn[standard]==0.30.1; python_version >= '3.9'\"\n",
    f"{PY}\nARG FLASK_VERSION=3.0.3\nRUN pip install flask==${{FLASK_VERSION}}\n",
    f'{PY}\nRUN pip install "$PACKAGE" $(cat /extra)\n',
    f"{PY}\nRUN pip install -r requirements.txt\n",
    f"{PY}\nRUN pip install -c constraints.txt flask\n",
    f"{PY}\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install flask\n",
    f"{PY}\nRUN PIP_CONSTRAINT=/c.txt pip install flask\n",
    f"{PY}\nRUN pip install --no-index --find-links=/wheels flask\n",
    f"{PY}\nRUN pip install --upgrade pip setuptools wheel\n",
    f"{PY}\nRUN pip install -U pip\n",
    f"{PY}\nRUN pip install . ./lib /wheels/app-1.0-py3-none-any.whl app.tar.gz\n",
    f"{PY}\nRUN pip install -e .\n",
    f"{PY}\nRUN pip install git+https://github.com/org/repo.git@v1.2.0#egg=repo\n",
    f'{PY}\nRUN pip install "repo @ git+https://github.com/org/repo@4f3e2a1"\n',
    f"{PY}\nRUN pip install https://github.com/org/repo/archive/v1.2.0.zip\n",
    f"{PY}\nRUN pipx install black\n",
    f"{PY}\nRUN pipenv install flask\n",
    f"{PY}\nRUN pip download flask && pip wheel flask\n",
    f"{PY}\nRUN uv pip install --system --override overrides.txt httpx\n",
    f"{PY}\nRUN echo pip install flask\n",
    f"{PY}\nRUN cat <<EOF > /notes\npip install flask\nEOF\n",
    f'{PY}\nRUN ["pip", "install", "flask==3.0.3"]\n',
    f"{PY}\nONBUILD RUN pip install flask==3.0.3\n",
    "from python:3.12-slim\nrun pip install \\\n    flask==3.0.3\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


@pytest.mark.parametrize(
    ("run", "message"),
    [
        (
            "python3 -m pip install 'fastapi[standard]' uvicorn",
            "`python3 -m pip install` installs `fastapi[standard]` and `uvicorn` without a pinned version: pin each "
            "(`fastapi==<version>`) or install from a requirements or constraints file",
        ),
        (
            "pip install git+https://github.com/org/repo",
            "`pip install` installs `git+https://github.com/org/repo` without a pinned version: pin it (a tag or "
            "commit in the URL) or install from a requirements or constraints file",
        ),
    ],
)
def test_message(run: str, message: str) -> None:
    [finding] = lint(f"{PY}\nRUN {run}\n", CODE)
    assert finding.message == message
