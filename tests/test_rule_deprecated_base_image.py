"""DF301 deprecated-base-image: FROM, COPY --from and RUN --mount from= of images their maintainers deprecated."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF301"
DIGEST = "sha256:" + "0123456789abcdef" * 4


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # --- FROM, every spelling of the image
        ("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\n", [(1, 6)]),
        ("FROM tiangolo/uvicorn-gunicorn-fastapi\n", [(1, 6)]),
        (f"FROM docker.io/tiangolo/uvicorn-gunicorn:python3.11@{DIGEST}\n", [(1, 6)]),
        ("FROM index.docker.io/tiangolo/uvicorn-gunicorn-starlette:python3.11-slim\n", [(1, 6)]),
        ("FROM docker.io/library/openjdk:17-jdk-slim AS build\n", [(1, 6)]),
        ("FROM library/centos:7\n", [(1, 6)]),
        ("FROM --platform=linux/amd64 java:8\n", [(1, 29)]),
        ("FROM amazonlinux:2018.03\n", [(1, 6)]),
        # lowercase keyword
        ("from django:3.2\n", [(1, 6)]),
        # continuation lines
        ("FROM \\\n    celery:4 \\\n    AS worker\n", [(2, 5)]),
        # ARG defaults, before FROM
        ("ARG BASE=rails:5\nFROM ${BASE}\n", [(2, 6)]),
        ("ARG TAG=python3.11\nFROM tiangolo/uvicorn-gunicorn-fastapi:$TAG\n", [(2, 6)]),
        # a variable never declared is empty in FROM, as BuildKit expands it
        ("ARG BASE=centos\nFROM ${BASE}${SUFFIX}:7\n", [(2, 6)]),
        # quotes group, they are not part of the name
        ('FROM "openjdk:17"\n', [(1, 6)]),
        # multi-stage: each image once, stages never
        (
            "FROM openjdk:17 AS build\nRUN javac Main.java\nFROM build AS test\nFROM centos:7\n"
            "COPY --from=build /app /app\n",
            [(1, 6), (4, 6)],
        ),
        # COPY --from an image, ARG-resolved inside the stage
        ("FROM python:3.12-slim\nCOPY --from=openjdk:17 /opt/java /opt/java\n", [(2, 13)]),
        ("FROM python:3.12-slim\nARG JDK=java:8\nCOPY --from=${JDK} /opt/java /opt/java\n", [(3, 13)]),
        ("ARG JDK=java:8\nFROM python:3.12-slim\nARG JDK\nCOPY --from=$JDK /opt/java /opt/java\n", [(4, 13)]),
        ("FROM python:3.12-slim\ncopy --from=Sentry:9 /x /y\n", [(2, 13)]),
        # RUN --mount from= an image
        ("FROM python:3.12-slim\nRUN --mount=type=bind,from=celery:4,target=/src true\n", [(2, 28)]),
        ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/c,from=centos:7 true\n", [(2, 39)]),
        ('FROM python:3.12-slim\nRUN --mount="type=bind,from=rails,target=/src" true\n', [(2, 29)]),
        (
            "FROM python:3.12-slim\nRUN --network=none --mount=type=bind,from=build,target=/a "
            "--mount=type=bind,source=/,from=jenkins,target=/b true\n",
            [(2, 91)],
        ),
        # heredoc: the mount is reported, the script's text is not an image
        (
            "FROM python:3.12-slim\nRUN --mount=type=bind,from=openjdk:8,target=/jdk <<EOF\n"
            "echo FROM centos:7 > Dockerfile\nEOF\n",
            [(2, 28)],
        ),
        # ONBUILD triggers pull their image in the downstream build
        ("FROM python:3.12-slim\nONBUILD COPY --from=centos:7 /etc/yum.repos.d /etc/yum.repos.d\n", [(2, 21)]),
    ],
)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize(
    "source",
    [
        # the recommended images
        "FROM python:3.12-slim\n",
        "FROM eclipse-temurin:21-jre\n",
        "FROM almalinux:9\n",
        "FROM scratch\n",
        # same names elsewhere, or look-alikes
        "FROM ghcr.io/tiangolo/uvicorn-gunicorn-fastapi:python3.11\n",
        "FROM ghcr.io/foo/openjdk:17\n",
        "FROM quay.io/centos/centos:stream9\n",
        "FROM myorg/openjdk:17\n",
        "FROM tiangolo/uvicorn-gunicorn-machine-learning\n",
        # tags outside a tag-restricted notice
        "FROM openjdk:26-ea-jdk-slim\n",
        "FROM openjdk:27-rc-windowsservercore-ltsc2022\n",
        "FROM amazonlinux:2023\n",
        # stage names that look like deprecated images
        "FROM python:3.12-slim AS centos\nFROM centos\nCOPY --from=centos /a /b\n",
        "FROM python:3.12-slim AS openjdk\nFROM python:3.12-slim\nCOPY --from=OpenJDK /a /b\n",
        "FROM python:3.12-slim AS java\nFROM python:3.12-slim\nRUN --mount=type=bind,from=java,target=/j true\n",
        "FROM python:3.12-slim\nCOPY --from=0 /a /b\n",
        # a stage defined later: quiet rather than call a stage an image
        "FROM python:3.12-slim\nCOPY --from=celery /a /b\nFROM python:3.12-slim AS celery\n",
        # unresolvable ARGs: the image is unknown
        "ARG BASE\nFROM $BASE\n",
        "ARG SUFFIX\nARG BASE=centos\nFROM ${BASE}${SUFFIX}:7\n",
        "FROM python:3.12-slim\nCOPY --from=${UNDECLARED} /a /b\n",
        "FROM python:3.12-slim\nARG JDK\nCOPY --from=$JDK /a /b\n",
        # a trigger's variables belong to the downstream build
        "ARG IMG=centos:7\nFROM python:3.12-slim\nARG IMG\nONBUILD COPY --from=$IMG /a /b\n",
        # image names that are not pulled
        "FROM python:3.12-slim\nLABEL base=openjdk:17\n",
        "FROM python:3.12-slim\n# FROM centos:7\nRUN echo centos\n",
        "FROM python:3.12-slim\nCOPY --chown=centos:centos a b\n",
        "FROM python:3.12-slim\nRUN --mount=type=secret,id=openjdk true\n",
        "FROM python:3.12-slim\nRUN <<EOF\ncat > Dockerfile <<'X'\nFROM centos:7\nX\nEOF\n",
    ],
)
def test_no_finding(source: str) -> None:
    assert positions(source, CODE) == []


def test_message_quotes_image_reason_and_replacement() -> None:
    [finding] = lint("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\n", CODE)
    assert finding.message == (
        "`tiangolo/uvicorn-gunicorn-fastapi:python3.11` is deprecated (deprecated by its author: there is no need for"
        " it, Uvicorn manages workers itself (`--workers`); tags for Python 3.9 and older are no longer built); use"
        " the official `python` image (a `-slim` tag) running `fastapi run` or `uvicorn` (add `--workers N` only"
        " when the container is not replicated by an orchestrator)"
    )
    assert (finding.span.start_line, finding.span.start_column, finding.span.end_column) == (1, 6, 50)
    assert finding.fix is None


def test_message_names_the_arg_it_came_from() -> None:
    [finding] = lint("ARG BASE=openjdk:17\nFROM ${BASE} AS build\n", CODE)
    assert finding.message.startswith("`openjdk:17` (from `${BASE}`) is deprecated (officially deprecated;")
    assert "use a maintained JDK image such as `eclipse-temurin`" in finding.message
    assert (finding.span.start_column, finding.span.end_column) == (6, 13)


def test_message_without_successor_says_so() -> None:
    [finding] = lint("FROM unit:1.34.1-python3.12\n", CODE)
    assert finding.message == (
        "`unit:1.34.1-python3.12` is deprecated (NGINX Unit is archived and unmaintained since October 2025: no"
        " release or security updates); there is no maintained replacement image; see the notice and plan a move"
        " to a maintained image"
    )


def test_mount_span_covers_the_from_value_only() -> None:
    [finding] = lint("FROM python:3.12-slim\nRUN --mount=type=bind,from='celery:4',target=/src true\n", CODE)
    assert (finding.span.start_line, finding.span.start_column, finding.span.end_column) == (2, 29, 37)
    assert finding.message.startswith("`celery:4` is deprecated")


@pytest.mark.parametrize(
    ("source", "configured", "expected"),
    [
        ("FROM myorg/base:3\n", (("myorg/base", "use myorg/base2"),), [(1, 6)]),
        ("FROM ghcr.io/myorg/base:3\n", (("ghcr.io/myorg/base", "use ghcr.io/myorg/base2"),), [(1, 6)]),
        ("FROM python:3.12\nCOPY --from=myorg/base:1 /a /b\n", (("myorg/base:1", "move to 2"),), [(2, 13)]),
        # a tagged key covers only that tag; other registries are other images
        ("FROM myorg/base:2\n", (("myorg/base:1", "move to 2"),), []),
        ("FROM ghcr.io/myorg/base\n", (("myorg/base", "use myorg/base2"),), []),
        ("FROM myorg/base2\n", (("myorg/base", "use myorg/base2"),), []),
    ],
)
def test_configured_images(
    source: str, configured: tuple[tuple[str, str], ...], expected: list[tuple[int, int]]
) -> None:
    assert positions(source, CODE, deprecated_images=configured) == expected


def test_configured_message() -> None:
    [finding] = lint("FROM myorg/base:3\n", CODE, deprecated_images=(("myorg/base", "`myorg/base2:1`"),))
    assert finding.message == (
        "`myorg/base:3` is deprecated (listed as deprecated in the lintainer configuration); use `myorg/base2:1`"
    )


# --- the unsafe fix for tiangolo/uvicorn-gunicorn-fastapi: python:3.X-slim, the image's WORKDIR, `fastapi run` ----

APP_PACKAGE = {"app/__init__.py": "", "app/main.py": "app = FastAPI()\n", "requirements.txt": "fastapi\n"}
GUIDE_BEFORE = """\
FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9
COPY ./requirements.txt /app/requirements.txt
RUN pip install --no-cache-dir -r /app/requirements.txt
COPY ./app /app/app
"""
GUIDE_AFTER = """\
FROM python:3.11-slim
WORKDIR /app
RUN pip install --no-cache-dir "fastapi[standard]"
COPY ./requirements.txt /app/requirements.txt
RUN pip install --no-cache-dir -r /app/requirements.txt
COPY ./app /app/app
CMD ["fastapi", "run", "app/main.py", "--port", "80"]
"""


def _context(tmp_path: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / "Dockerfile")


@pytest.mark.parametrize(
    ("files", "source", "fixed"),
    [
        (APP_PACKAGE, GUIDE_BEFORE, GUIDE_AFTER),
        # the app's folder copied to /app: /app/main.py
        (
            {"app/main.py": "", "requirements.txt": "fastapi[standard]>=0.113\n"},
            "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim\nCOPY requirements.txt .\n"
            "RUN pip install -r requirements.txt\nCOPY ./app /app\n",
            "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            'COPY ./app /app\nCMD ["fastapi", "run", "main.py", "--port", "80"]\n',
        ),
        # the whole context copied: the image prefers /app/app/main.py to /app/main.py
        (
            {"main.py": "", "app/main.py": ""},
            'from tiangolo/uvicorn-gunicorn-fastapi:python3.10\nRUN pip install "fastapi[standard]"\nCOPY . /app\n',
            'from python:3.11-slim\nworkdir /app\nRUN pip install "fastapi[standard]"\nCOPY . /app\n'
            'cmd ["fastapi", "run", "app/main.py", "--port", "80"]\n',
        ),
        # a later WORKDIR: the CMD names the app by its absolute path
        (
            {"main.py": ""},
            "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11 AS app\nCOPY main.py /app/\nWORKDIR /srv\n",
            'FROM python:3.11-slim AS app\nWORKDIR /app\nRUN pip install --no-cache-dir "fastapi[standard]"\n'
            'COPY main.py /app/\nWORKDIR /srv\nCMD ["fastapi", "run", "/app/main.py", "--port", "80"]\n',
        ),
        # multi-stage: the final stage's base; a builder stage before it is left alone
        (
            {"main.py": "", "requirements.txt": "fastapi-cli\n"},
            "FROM python:3.12-slim AS wheels\nRUN pip wheel -w /w fastapi\n"
            "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\nCOPY . .\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12-slim AS wheels\nRUN pip wheel -w /w fastapi\n"
            "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
            'CMD ["fastapi", "run", "main.py", "--port", "80"]\n',
        ),
    ],
)
def test_tiangolo_fix(tmp_path: Path, files: dict[str, str], source: str, fixed: str) -> None:
    path = _context(tmp_path, files)
    [finding] = lint(source, CODE, path=path)
    assert finding.fix is not None
    assert (finding.fix.safe, finding.fix.changes_structure) == (False, True)
    assert apply_fixes(source, CODE, path=path) == fixed


def test_tiangolo_fix_keeps_a_supported_minor(tmp_path: Path) -> None:
    path = _context(tmp_path, APP_PACKAGE)
    source = GUIDE_BEFORE.replace("python3.9", "python3.10")
    fixed = apply_fixes(source, CODE, path=path, today=_dt.date(2026, 10, 1))
    assert fixed.startswith("FROM python:3.10-slim\n")


@pytest.mark.parametrize(
    ("files", "source"),
    [
        ({}, GUIDE_BEFORE),  # nothing in the context: the app's path is not evident
        ({"app/other.py": ""}, GUIDE_BEFORE),
        (APP_PACKAGE, GUIDE_BEFORE + 'CMD ["/start-reload.sh"]\n'),
        (APP_PACKAGE, GUIDE_BEFORE + "ENV MODULE_NAME=app.server\n"),
        (APP_PACKAGE, GUIDE_BEFORE + "ENV PORT 8080\n"),
        ({**APP_PACKAGE, "prestart.sh": "alembic upgrade head\n"}, GUIDE_BEFORE + "COPY prestart.sh /app/\n"),
        (APP_PACKAGE, GUIDE_BEFORE + "COPY --from=assets /dist /app/static\n"),
        (APP_PACKAGE, GUIDE_BEFORE + "ADD ./static /app/static\n"),
        (APP_PACKAGE, GUIDE_BEFORE + "COPY ./${DIR} /app/x\n"),
        (APP_PACKAGE, GUIDE_BEFORE.replace("python3.9", "python3.9-alpine3.14")),
        (APP_PACKAGE, GUIDE_BEFORE.replace(":python3.9", "")),
        (APP_PACKAGE, GUIDE_BEFORE.replace("python3.9", f"python3.9@{DIGEST}")),
        (
            APP_PACKAGE,
            "ARG IMAGE=tiangolo/uvicorn-gunicorn-fastapi:python3.9\n"
            + GUIDE_BEFORE.replace("tiangolo/uvicorn-gunicorn-fastapi:python3.9", "${IMAGE}"),
        ),
        (APP_PACKAGE, GUIDE_BEFORE + "FROM python:3.12-slim\nCOPY --from=0 /app /app\n"),  # not the final stage
        (APP_PACKAGE, GUIDE_BEFORE.replace("uvicorn-gunicorn-fastapi", "uvicorn-gunicorn")),
    ],
)
def test_tiangolo_no_fix(tmp_path: Path, files: dict[str, str], source: str) -> None:
    path = _context(tmp_path, files)
    findings = lint(source, CODE, path=path)
    assert findings, "still reported"
    assert all(finding.fix is None for finding in findings)


def test_tiangolo_no_fix_from_stdin() -> None:
    [finding] = lint(GUIDE_BEFORE, CODE, path="-")
    assert finding.fix is None
