"""DF410 copy-without-dockerignore: `COPY . .` with no `.dockerignore`, or one missing `.git`/`.venv`/`.env`."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.rule import RuleContext
from rules import copy_without_dockerignore
from tests.helpers import lint, positions

CODE = "DF410"
GOOD_IGNORE = "**/.git\n**/.venv\n**/.env\n__pycache__\n"
PY = "FROM python:3.12-slim\nWORKDIR /app\n"


def _lint(tmp_path: Path, source: str, files: dict[str, str], name: str = "Dockerfile") -> list[tuple[int, int]]:
    for relative, text in {"requirements.txt": "fastapi\n", ".git/HEAD": "ref: refs/heads/main\n", **files}.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (tmp_path / name).write_text(source)
    return positions(source, CODE, path=str(tmp_path / name))


REPORTED = [
    pytest.param(PY + "COPY . .\n", {}, [(3, 6)], id="no-dockerignore"),
    pytest.param(PY + "copy ./ /app/\n", {".dockerignore": "__pycache__\n"}, [(3, 6)], id="lowercase-all-missing"),
    pytest.param(PY + 'COPY [".", "/app"]\n', {".dockerignore": ".git\n.env\n"}, [(3, 7)], id="json-venv-missing"),
    pytest.param(PY + "COPY src/.. /app\n", {}, [(3, 6)], id="a-folder-and-back-is-the-root"),
    pytest.param(PY + "ADD . /app\n", {".dockerignore": ".venv\n.env\n"}, [(3, 5)], id="add-git-missing"),
    pytest.param(
        PY + "COPY --chown=app:app \\\n    . .\n", {".dockerignore": ".git\n.venv\n"}, [(4, 5)], id="continuation"
    ),
    pytest.param(
        PY + "COPY . .\n", {".dockerignore": ".git\n.venv\n.env\n!.env\n"}, [(3, 6)], id="re-included-by-exception"
    ),
    pytest.param(
        "FROM python:3.12-slim AS build\nCOPY . /src\n"
        "FROM python:3.12-slim\nCOPY --from=build /src/x /x\nCOPY . /app\n",
        {".dockerignore": ".env\n"},
        [(5, 6)],
        id="multi-stage-reports-the-shipped-copy",
    ),
    pytest.param(
        "FROM golang:1.23\nCOPY go.mod .\nCOPY . .\n",
        {"go.mod": "module x\n", ".dockerignore": "vendor\n"},
        [(3, 6)],
        id="non-python-needs-git-and-env",
    ),
    pytest.param(
        PY + "RUN <<EOF\npip install x\nEOF\nCOPY . .\n", {".dockerignore": ".git\n.env\n"}, [(6, 6)], id="heredoc"
    ),
    pytest.param(
        "ARG PY=3.12\nFROM python:${PY}-slim\nCOPY . .\n", {".dockerignore": ".git\n.env\n"}, [(3, 6)], id="arg"
    ),
]

QUIET = [
    pytest.param(PY + "COPY . .\n", {".dockerignore": GOOD_IGNORE}, id="all-present"),
    pytest.param(
        PY + "COPY .env.example ./app/../app /app/\n", {".env.example": "A=1\n"}, id="dot-names-are-not-the-root"
    ),
    pytest.param(PY + "COPY . .\n", {".dockerignore": "/.git/\nvenv\n.env*\n"}, id="other-spellings"),
    pytest.param(PY + "COPY . .\n", {".dockerignore": "*\n!app\n!requirements.txt\n"}, id="allow-list"),
    pytest.param(PY + "COPY . .\n", {".dockerignore": "# comment\n.*\n"}, id="all-dotfiles"),
    pytest.param(
        PY + "COPY . .\n",
        {"Dockerfile.dockerignore": GOOD_IGNORE, ".dockerignore": "x\n"},
        id="per-dockerfile-ignore-wins",
    ),
    pytest.param(
        PY + "COPY --exclude=.git --exclude=.venv --exclude=.env . .\n", {".dockerignore": "x\n"}, id="exclude"
    ),
    pytest.param(PY + "COPY app /app/app\n", {}, id="no-whole-context-copy"),
    pytest.param(PY + "COPY --from=build . .\n", {}, id="from-stage"),
    pytest.param(PY + "ONBUILD COPY . .\n", {}, id="onbuild"),
    pytest.param(PY + "COPY requirements/docker.txt .\nCOPY . .\n", {}, id="folder-is-not-the-context"),
    pytest.param(
        "FROM golang:1.23\nCOPY . .\n", {".dockerignore": ".git\n.env\n"}, id="venv-not-needed-outside-python"
    ),
    pytest.param(PY + "COPY . .\n", {".dockerignore": "**/.git\n**/.venv\n**/.env\n"}, id="double-star"),
    pytest.param(PY + "COPY \\\n    . .\n", {".dockerignore": GOOD_IGNORE}, id="continuation-good"),
    pytest.param(PY + "COPY <<EOF /app/x\n.\nEOF\n", {}, id="heredoc-copy"),
    pytest.param(PY + "copy . .\n", {".dockerignore": ".git\n.venv\n.env\n"}, id="lowercase-good"),
    pytest.param(PY + "COPY ./app .\n", {}, id="subfolder"),
]


@pytest.mark.parametrize(("source", "files", "expected"), REPORTED)
def test_reported(tmp_path: Path, source: str, files: dict[str, str], expected: list[tuple[int, int]]) -> None:
    assert _lint(tmp_path, source, files) == expected


@pytest.mark.parametrize(("source", "files"), QUIET)
def test_quiet(tmp_path: Path, source: str, files: dict[str, str]) -> None:
    assert _lint(tmp_path, source, files) == []


def test_git_only_where_the_folder_has_it(tmp_path: Path) -> None:
    # A context in a subfolder of the repository (backend/) has no .git to leave out.
    source = PY + "COPY requirements.txt .\nCOPY . .\n"
    (tmp_path / "requirements.txt").write_text("x\n")
    (tmp_path / ".dockerignore").write_text(".venv\n.env\n")
    (tmp_path / "Dockerfile").write_text(source)
    assert positions(source, CODE, path=str(tmp_path / "Dockerfile")) == []
    (tmp_path / ".git").write_text("gitdir: ../.git/worktrees/x\n")  # a worktree's .git file
    assert positions(source, CODE, path=str(tmp_path / "Dockerfile")) == [(4, 6)]


def test_quiet_when_the_folder_cannot_be_read() -> None:
    # The test helper's default path points at a folder without this Dockerfile (as for standard input).
    assert positions(PY + "COPY . .\n", CODE) == []


def test_quiet_without_project_files_when_nothing_else_is_copied(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(PY + "COPY . .\n")
    assert positions(PY + "COPY . .\n", CODE, path=str(tmp_path / "Dockerfile")) == []


def test_messages(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("x\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    source = PY + "COPY requirements.txt .\nCOPY . .\n"
    (tmp_path / "Dockerfile").write_text(source)
    (missing,) = lint(source, CODE, path=str(tmp_path / "Dockerfile"))
    assert missing.message.startswith(
        "`COPY . .` copies the whole build context, and it has no `.dockerignore`: `.git`, `.env`, `.venv`"
    )
    (tmp_path / ".dockerignore").write_text(".git\n")
    (partial,) = lint(source, CODE, path=str(tmp_path / "Dockerfile"))
    assert "`.dockerignore` does not exclude `.env`, `.venv`:" in partial.message
    assert partial.message.endswith("Add `.env`, `.venv` to `.dockerignore`.")


def test_rule_context_reader() -> None:
    from linter.model import parse_dockerfile

    files = {"Dockerfile": "x", "pyproject.toml": "", ".git/HEAD": "ref\n", ".dockerignore": ".git\n"}
    context = RuleContext(read_context_file=files.get)
    dockerfile = parse_dockerfile(PY + "COPY . .\n")
    (violation,) = copy_without_dockerignore.check(dockerfile, context)
    assert (violation.span.start_line, violation.span.start_column) == (3, 6)
