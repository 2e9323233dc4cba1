"""DF201 code-before-dependencies: positions, quiet two-phase patterns, messages, and the install recogniser."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.installs import InstallKind, SourceKind, classify_source, dependency_installs
from linter.model import parse_dockerfile
from tests.helpers import apply_fixes, lint, positions

CODE = "DF201"

REPORTED = [
    pytest.param("FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n", [(2, 6)], id="copy-dot-pip-r"),
    pytest.param(
        "FROM python:3.12\nWORKDIR /code\nCOPY ./app /code/app\nRUN pip install -r /code/app/requirements.txt\n",
        [(3, 6)],
        id="copy-app-dir",
    ),
    pytest.param("from python:3.12\nadd . /src\nrun pip install -e /src\n", [(2, 5)], id="lowercase-add-editable"),
    pytest.param("FROM python:3.12\nCOPY src/ .\nRUN pip install .\n", [(2, 6)], id="copy-src-pip-dot"),
    pytest.param(
        "FROM python:3.12\nCOPY --chown=app:app main.py requirements.txt ./\nRUN pip install -r requirements.txt\n",
        [(2, 22)],
        id="code-file-with-manifest",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY . .\nRUN apt-get update && \\\n    pip install \\\n      -r requirements.txt\n",
        [(2, 6)],
        id="continuation",
    ),
    pytest.param(
        'FROM python:3.12\nCOPY . .\nRUN ["pip", "install", "-r", "requirements.txt"]\n', [(2, 6)], id="exec-form"
    ),
    pytest.param(
        "FROM python:3.12\nCOPY . .\nRUN <<EOF\nset -e\npip install -r requirements.txt\nEOF\n",
        [(2, 6)],
        id="heredoc",
    ),
    pytest.param('FROM python:3.12\nCOPY ["app", "/app"]\nRUN uv sync --locked\n', [(2, 6)], id="exec-form-copy-uv"),
    pytest.param("FROM python:3.12\nCOPY . .\nRUN poetry install --no-interaction\n", [(2, 6)], id="poetry"),
    pytest.param("FROM python:3.12\nCOPY . .\nRUN pipenv install --deploy --system\n", [(2, 6)], id="pipenv"),
    pytest.param("FROM python:3.12\nCOPY . .\nRUN pip-sync\n", [(2, 6)], id="pip-sync"),
    pytest.param("FROM node:22\nCOPY . .\nRUN npm ci --omit=dev\n", [(2, 6)], id="npm-ci"),
    pytest.param("FROM node:22\nCOPY . .\nRUN yarn --frozen-lockfile\n", [(2, 6)], id="yarn-bare"),
    pytest.param("FROM node:22\nCOPY . .\nRUN pnpm install --frozen-lockfile\n", [(2, 6)], id="pnpm"),
    pytest.param("FROM ruby:3.3\nCOPY . .\nRUN bundle install\n", [(2, 6)], id="bundle"),
    pytest.param("FROM golang:1.23\nCOPY . .\nRUN go mod download\n", [(2, 6)], id="go"),
    pytest.param("FROM php:8.3\nCOPY . .\nRUN composer install --no-dev\n", [(2, 6)], id="composer"),
    pytest.param(
        "ARG SRC=app\nFROM python:3.12\nARG SRC\nCOPY ${SRC} /code/${SRC}\nRUN pip install -r /code/req.txt\n",
        [(4, 6)],
        id="arg-resolved-source",
    ),
    pytest.param(
        "FROM python:3.12 AS build\nCOPY . .\nRUN pip install -r requirements.txt\n"
        "FROM python:3.12\nCOPY --from=build /app /app\nCOPY . .\nRUN pip install .\n",
        [(2, 6), (6, 6)],
        id="multi-stage-each-stage",
    ),
    pytest.param(
        "FROM python:3.12\nONBUILD COPY . /app\nONBUILD RUN pip install -r /app/requirements.txt\n",
        [(2, 14)],
        id="onbuild-sequence",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN pip install -r requirements-dev.txt\n",
        [(4, 6)],
        id="new-requirements-file-after-code",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN npm ci\n",
        [(4, 6)],
        id="other-ecosystem-after-code",
    ),
    pytest.param(
        "FROM node:22 AS deps\nCOPY package.json .\nRUN npm ci\nFROM deps\nCOPY . .\nRUN pip install .\n",
        [(5, 6)],
        id="base-stage-other-ecosystem",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY app/ app/\nCOPY tests/ tests/\nRUN pip install -r requirements.txt\n",
        [(2, 6), (3, 6)],
        id="every-code-copy",
    ),
    pytest.param(
        "FROM python:3.12 AS build\nCOPY . .\nFROM python:3.12\nCOPY . .\nENV PIP_NO_CACHE_DIR=1\nRUN pip install .\n",
        [(4, 6)],
        id="run-later-in-second-stage-only",
    ),
]

QUIET = [
    pytest.param(
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
        id="manifest-first",
    ),
    pytest.param(
        "FROM python:3.12\nWORKDIR /code\nCOPY ./requirements.txt /code/requirements.txt\n"
        "RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt\nCOPY ./app /code/app\n",
        id="fastapi-guide",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-install-project\n"
        "COPY . .\nRUN uv sync --locked\n",
        id="uv-two-phase",
    ),
    pytest.param(
        "FROM python:3.12\nRUN --mount=type=bind,source=uv.lock,target=uv.lock \\\n"
        "    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n"
        "    uv sync --frozen --no-install-workspace\nCOPY . /app\nRUN uv sync --frozen\n",
        id="uv-bind-mounts-workspace",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\n"
        "RUN poetry install\n",
        id="poetry-two-phase",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN pip install -e .\n",
        id="editable-after-deps",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN pip install -r requirements.txt\n",
        id="same-requirements-again",
    ),
    pytest.param("FROM node:22\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n", id="npm-two-phase"),
    pytest.param(
        "FROM golang:1.23\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./...\n",
        id="go-two-phase",
    ),
    pytest.param("FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n", id="ruby-two-phase"),
    pytest.param(
        "FROM php:8.3\nCOPY composer.json composer.lock ./\nRUN composer install\nCOPY . .\n", id="php-two-phase"
    ),
    pytest.param(
        "FROM python:3.12\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n"
        "COPY . .\n",
        id="bind-mount-manifest",
    ),
    pytest.param("FROM python:3.12\nCOPY . .\nRUN pip install flask==3.0 gunicorn\n", id="explicit-packages"),
    pytest.param("FROM python:3.12\nCOPY . .\nRUN pip install --no-deps .\n", id="project-without-deps"),
    pytest.param("FROM node:22\nCOPY . .\nRUN npm install -g pm2 && yarn add left-pad\n", id="named-node-packages"),
    pytest.param(
        "FROM python:3.12\nCOPY . .\nRUN pip install --no-index --find-links /wheels -r requirements.txt\n",
        id="offline-wheels",
    ),
    pytest.param(
        "FROM python:3.12 AS build\nCOPY . .\nFROM python:3.12\nCOPY --from=build /src /src\n"
        "RUN pip install -r /src/requirements.txt\n",
        id="copy-from-stage",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY entrypoint.sh /\nCOPY .env .\n"
        "RUN pip install -r requirements.txt\n",
        id="config-files",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY docker-entrypoint /usr/local/bin/\nCOPY scripts/ /scripts/\n"
        "RUN pip install -r requirements.txt\n",
        id="tooling",
    ),
    pytest.param("FROM python:3.12\nARG SRC\nCOPY $SRC /app\nRUN pip install -r req.txt\n", id="unknown-source"),
    pytest.param(
        "FROM python:3.12\nCOPY <<EOF /app/main.py\nprint('hi')\nEOF\nRUN pip install -r requirements.txt\n",
        id="heredoc-copy",
    ),
    pytest.param(
        "FROM python:3.12\nADD https://example.org/app.tar.gz /app/\nRUN pip install -r requirements.txt\n",
        id="add-url",
    ),
    pytest.param("FROM python:3.12\nRUN pip install -r requirements.txt\nCOPY . .\n", id="install-before-copy"),
    pytest.param('FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n', id="no-run-after-copy"),
    pytest.param(
        "FROM python:3.12\nCOPY . .\nFROM python:3.12\nRUN pip install -r requirements.txt\n", id="run-in-other-stage"
    ),
    pytest.param(
        "FROM python:3.12 AS base\nCOPY . .\nFROM base\nRUN pip install -r requirements.txt\n", id="per-stage"
    ),
    pytest.param(
        "FROM python:3.12\nONBUILD COPY requirements.txt .\nONBUILD RUN pip install -r requirements.txt\n"
        "ONBUILD COPY . .\n",
        id="onbuild-two-phase",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY . .\nONBUILD RUN pip install -r requirements.txt\n", id="trigger-separate-sequence"
    ),
    pytest.param(
        "FROM python:3.12 AS deps\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        "FROM deps AS app\nCOPY . .\nRUN pip install -e .\n",
        id="deps-in-base-stage",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        "ONBUILD COPY . /app\nONBUILD RUN pip install -e /app\n",
        id="trigger-after-stage-deps",
    ),
    pytest.param(
        "FROM python:3.12\nCOPY pyproject.toml setup.cfg README.md ./\nCOPY src/pkg/__init__.py src/pkg/\n"
        "RUN pip install .\nCOPY src/ src/\n",
        id="metadata-stubs",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_and_span() -> None:
    source = "FROM python:3.12\nWORKDIR /code\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n"
    [finding] = lint(source, CODE)
    assert (finding.span.start_line, finding.span.start_column, finding.span.end_line, finding.span.end_column) == (
        3,
        6,
        3,
        9,
    )
    assert finding.message == (
        "`COPY . .` copies source code (line 3) before `pip install --no-cache-dir -r requirements.txt` installs "
        "dependencies at line 4: every code change invalidates the cache and reinstalls them; copy requirements.txt "
        "first, install, then copy the code"
    )
    assert finding.fix is None


def test_message_for_uv_names_the_two_phase_pattern() -> None:
    [finding] = lint("FROM python:3.12\nCOPY . /app\nRUN uv sync --locked\n", CODE)
    assert finding.message.endswith(
        "copy (or bind-mount) pyproject.toml and uv.lock, run `uv sync --no-install-project`, then copy the code and "
        "run `uv sync` again"
    )


def test_message_names_the_first_expensive_install() -> None:
    source = "FROM node:22\nCOPY . .\nRUN npm run lint\nRUN yarn install\nRUN npm ci\n"
    [finding] = lint(source, CODE)
    assert "before `yarn install` installs dependencies at line 4" in finding.message


# -- the shared recogniser -----------------------------------------------------------------------------------------


def _installs(run: str) -> list[tuple[str, InstallKind, tuple[str, ...]]]:
    dockerfile = parse_dockerfile(f"FROM python:3.12\n{run}\n")
    return [(i.tool, i.kind, i.manifests) for i in dependency_installs(dockerfile.instructions[1])]


DEPS, PROJECT = InstallKind.DEPENDENCIES, InstallKind.PROJECT


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("RUN pip install -r a.txt -r b.txt", [("pip", DEPS, ("a.txt", "b.txt"))]),
        ("RUN sudo -H python3 -m pip install -e '.[dev]'", [("pip", PROJECT, ("pyproject.toml",))]),
        ("RUN uv pip install --system -r requirements.txt", [("uv", DEPS, ("requirements.txt",))]),
        ("RUN uv pip sync requirements.lock", [("uv", DEPS, ("requirements.lock",))]),
        ("RUN uv --directory /app sync --no-install-project", [("uv", DEPS, ("pyproject.toml", "uv.lock"))]),
        ("RUN poetry -C /app install --only main", [("poetry", PROJECT, ("pyproject.toml", "poetry.lock"))]),
        ("RUN pdm sync --no-self", [("pdm", DEPS, ("pyproject.toml", "pdm.lock"))]),
        ("RUN pnpm fetch --prod", [("pnpm", DEPS, ("pnpm-lock.yaml",))]),
        ("RUN php composer.phar install", [("composer", DEPS, ("composer.json", "composer.lock"))]),
        ("RUN cargo fetch", [("cargo", DEPS, ("Cargo.toml", "Cargo.lock"))]),
        ('RUN ["sh", "-c", "npm ci"]', [("npm", DEPS, ("package.json", "package-lock.json"))]),
        ("RUN pip install flask && pip install git+https://x/y.git && pip install ./dist/a.whl", []),
        ("RUN poetry install --only-root && pipenv install requests && npm i -g pm2 && yarn add x", []),
        ("RUN pip download -r requirements.txt && pip wheel -r requirements.txt && go build", []),
        ("RUN echo pip install -r requirements.txt", []),
    ],
)
def test_dependency_installs(run: str, expected: list[tuple[str, InstallKind, tuple[str, ...]]]) -> None:
    assert _installs(run) == expected


@pytest.mark.parametrize(
    ("source", "destination", "kind"),
    [
        (".", ".", SourceKind.CODE),
        ("./", "/app", SourceKind.CODE),
        ("*", "./", SourceKind.CODE),
        ("./app", "/code/app", SourceKind.CODE),
        ("src/", ".", SourceKind.CODE),
        ("main.py", ".", SourceKind.CODE),
        ("*.go", "./", SourceKind.CODE),
        ("requirements.txt", ".", SourceKind.MANIFEST),
        ("requirements/", "requirements/", SourceKind.MANIFEST),
        ("requirements/docker.txt", "/tmp/", SourceKind.MANIFEST),
        ("package*.json", "./", SourceKind.MANIFEST),
        ("Gemfile*", "./", SourceKind.MANIFEST),
        ("src/pkg/__init__.py", "src/pkg/", SourceKind.MANIFEST),
        ("nginx.conf", "/etc/nginx/", SourceKind.OTHER),
        ("gunicorn.conf.py", ".", SourceKind.OTHER),
        ("babel.config.js", ".", SourceKind.OTHER),
        (".env", ".", SourceKind.OTHER),
        ("entrypoint", "/entrypoint", SourceKind.OTHER),
        ("config/", "/app/config/", SourceKind.OTHER),
        ("app", "/usr/local/bin/app", SourceKind.OTHER),
        ("dist.tar.gz", "/", SourceKind.OTHER),
    ],
)
def test_classify_source(source: str, destination: str, kind: SourceKind) -> None:
    assert classify_source(source, destination) is kind


# --- the unsafe fix: copy the manifests, install, then copy the code -------------------------------------------------


def _context(tmp_path: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / "Dockerfile")


UV_PROJECT = {"pyproject.toml": '[project]\nname = "app"\ndependencies = ["fastapi"]\n', "uv.lock": "version = 1\n"}
REQUIREMENTS = {"requirements.txt": "fastapi[standard]>=0.113\n--index-url https://pypi.org/simple\n"}


@pytest.mark.parametrize(
    ("files", "source", "fixed"),
    [
        (
            REQUIREMENTS,
            "FROM python:3.12\nWORKDIR /code\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
            "FROM python:3.12\nWORKDIR /code\nCOPY requirements.txt requirements.txt\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n",
        ),
        # an absolute path, a sub-folder of the context, the COPY's flags kept, comments move with their instruction
        (
            {"src/requirements/prod.txt": "fastapi\n", "src/constraints.txt": "pydantic<3\n"},
            "FROM python:3.12\n# the code\nCOPY --chown=app:app ./src /srv\n# the dependencies\n"
            "RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -c /srv/constraints.txt \\\n"
            "        -r /srv/requirements/prod.txt\nCMD python /srv/main.py\n",
            "FROM python:3.12\nCOPY --chown=app:app src/requirements/prod.txt /srv/requirements/prod.txt\n"
            "COPY --chown=app:app src/constraints.txt /srv/constraints.txt\n# the dependencies\n"
            "RUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -c /srv/constraints.txt \\\n"
            "        -r /srv/requirements/prod.txt\n# the code\nCOPY --chown=app:app ./src /srv\n"
            "CMD python /srv/main.py\n",
        ),
        # lowercase, uv pip, an EXPOSE in between stays between
        (
            REQUIREMENTS,
            "from python:3.12\ncopy . /app\nexpose 80\nrun uv pip install --system -r /app/requirements.txt",
            "from python:3.12\ncopy requirements.txt /app/requirements.txt\n"
            "run uv pip install --system -r /app/requirements.txt\nexpose 80\ncopy . /app",
        ),
        # uv sync: the two phases of uv's Docker guide
        (
            UV_PROJECT,
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\n"
            "RUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --locked\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml pyproject.toml\nCOPY uv.lock uv.lock\n"
            "RUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --no-install-project --locked\n"
            "COPY . /app\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    uv sync --locked\n",
        ),
        (
            {
                **UV_PROJECT,
                "service/pyproject.toml": "[project]\n",
                "service/uv.lock": "",
                "service/.python-version": "",
            },
            "FROM python:3.12-slim\nWORKDIR /srv\nCOPY service .\nRUN uv sync\n",
            "FROM python:3.12-slim\nWORKDIR /srv\nCOPY service/pyproject.toml pyproject.toml\n"
            "COPY service/uv.lock uv.lock\nCOPY service/.python-version .python-version\n"
            "RUN uv sync --no-install-project\nCOPY service .\nRUN uv sync\n",
        ),
    ],
)
def test_fix(tmp_path: Path, files: dict[str, str], source: str, fixed: str) -> None:
    path = _context(tmp_path, files)
    [finding] = lint(source, CODE, path=path)
    assert finding.fix is not None
    assert (finding.fix.safe, finding.fix.changes_structure) == (False, True)
    expected = fixed if source.endswith("\n") else fixed + "\n"  # the helper adds a final newline
    assert apply_fixes(source, CODE, path=path) == expected
    assert lint(expected, CODE, path=path) == []


@pytest.mark.parametrize(
    ("files", "source"),
    [
        ({}, "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n"),  # the context is not readable
        ({"requirements.txt": "-r base.txt\n"}, "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n"),
        ({"requirements.txt": "-e .\n"}, "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n"),
        ({"requirements.txt": "./libs/x\n"}, "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\n"),
        # the RUN does more than the install
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt && python manage.py check\n"),
        # something between the COPY and the install that the install may depend on
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nRUN apt-get update\nRUN pip install -r requirements.txt\n"),
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nWORKDIR /x\nRUN pip install -r requirements.txt\n"),
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nENV PIP_INDEX_URL=x\nRUN pip install -r requirements.txt\n"),
        # not a pip requirements install, or the file comes from elsewhere
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nRUN pip install .\n"),
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nRUN uv sync --locked\n"),
        (REQUIREMENTS, "FROM python:3.12\nCOPY ./app /code\nRUN pip install -r /tmp/requirements.txt\n"),
        (REQUIREMENTS, "FROM python:3.12\nCOPY . /code\nRUN pip install -r requirements.txt\n"),  # unknown WORKDIR
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nRUN pip install -r ${REQS}\n"),
        (REQUIREMENTS, "FROM python:3.12\nADD . .\nRUN pip install -r requirements.txt\n"),
        (REQUIREMENTS, 'FROM python:3.12\nCOPY [".", "."]\nRUN pip install -r requirements.txt\n'),
        (REQUIREMENTS, "FROM python:3.12\nCOPY . .\nRUN <<EOF\npip install -r requirements.txt\nEOF\n"),
        (REQUIREMENTS, "FROM python:3.12\nCOPY main.py requirements.txt ./\nRUN pip install -r requirements.txt\n"),
        (REQUIREMENTS, "FROM python:3.12\nONBUILD COPY . .\nONBUILD RUN pip install -r requirements.txt\n"),
        # uv: a workspace or path sources read other folders; uv.lock missing; the project chosen by an option
        (
            {**UV_PROJECT, "pyproject.toml": "[project]\n[tool.uv.workspace]\nmembers = ['libs/*']\n"},
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n",
        ),
        (
            {**UV_PROJECT, "pyproject.toml": "[project]\n[tool.uv.sources]\nlib = { path = 'libs/lib' }\n"},
            "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n",
        ),
        ({"pyproject.toml": "[project]\n"}, "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --locked\n"),
        (UV_PROJECT, "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync --package api\n"),
        (UV_PROJECT, "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN uv sync && uv run python -m compileall .\n"),
        (UV_PROJECT, "FROM python:3.12\nCOPY . /app\nRUN uv sync --locked\n"),  # the WORKDIR is the base image's
        (UV_PROJECT, "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install\n"),
    ],
)
def test_no_fix(tmp_path: Path, files: dict[str, str], source: str) -> None:
    path = _context(tmp_path, files)
    findings = lint(source, CODE, path=path)
    assert findings, "still reported"
    assert all(finding.fix is None for finding in findings)


def test_manifest_names_answer_as_fnmatch_over_every_pattern() -> None:
    import fnmatch

    from linter.installs import _MANIFEST_NAMES, _MANIFEST_WILDCARDS, MANIFEST_PATTERNS

    candidates = {*MANIFEST_PATTERNS, "requirements-dev.txt", "dev-requirements.txt", "app.gemspec", "PACKAGE.JSON"}
    candidates |= {"pylock.dev.toml", "constraints.txt", "setup.py.bak", "gemfile", "main.py", "requirements.txt.in"}
    for name in sorted(candidates):
        by_every_pattern = any(fnmatch.fnmatchcase(name, pattern) for pattern in MANIFEST_PATTERNS)
        split = name in _MANIFEST_NAMES or any(fnmatch.fnmatchcase(name, pattern) for pattern in _MANIFEST_WILDCARDS)
        assert split is by_every_pattern, name
        assert (classify_source(name) is SourceKind.MANIFEST) is by_every_pattern, name
