"""DF627 copy-ignored-file: sources the build context's ignore file excludes (files written to a temporary folder)."""

from __future__ import annotations

import datetime as _dt
import textwrap
from pathlib import Path

import pytest

from linter.engine import Finding, LintOptions, lint_bytes
from linter.registry import all_rules, find_rule

CODE = "DF627"


def lint_in(folder: Path, dockerfile: str, ignore: str | None, name: str = "Dockerfile", **files: str) -> list[Finding]:
    """Lint ``dockerfile`` saved as ``folder/name`` with ``ignore`` as ``.dockerignore`` (and other files)."""
    rule = find_rule(CODE, all_rules())
    assert rule is not None
    if ignore is not None:
        (folder / ".dockerignore").write_text(textwrap.dedent(ignore))
    for file_name, text in files.items():
        (folder / file_name.replace("__", ".")).write_text(text)
    path = folder / name
    text = textwrap.dedent(dockerfile).lstrip("\n")
    path.write_text(text)
    options = LintOptions(rules=(rule,), today=_dt.date(2026, 11, 27))
    result = lint_bytes(text.encode(), str(path), options)
    assert result.error is None
    return list(result.findings)


def positions_in(folder: Path, dockerfile: str, ignore: str | None, **files: str) -> list[tuple[int, int]]:
    return [(f.span.start_line, f.span.start_column) for f in lint_in(folder, dockerfile, ignore, **files)]


REPORTED = [
    pytest.param("FROM alpine\nCOPY README.md /app/\n", "*.md\n", [(2, 6)], id="file"),
    pytest.param("FROM alpine\nCOPY ./config/ /app/config/\n", "config\n", [(2, 6)], id="cleaned-directory"),
    pytest.param("FROM alpine\nCOPY app/.env /app/\n", "**/.env\n", [(2, 6)], id="double-star"),
    pytest.param("FROM alpine\nADD a b /dst/\n", "b\n", [(2, 7)], id="add-second-source"),
    pytest.param('FROM alpine\nCOPY ["tests/x.py", "/t/"]\n', "tests\n", [(2, 7)], id="json-parent-dir"),
    pytest.param("from alpine\ncopy docs/a.md /d/\n", "docs/*\n!docs/b.md\n", [(2, 6)], id="lowercase-exception-other"),
    pytest.param("FROM alpine\nCOPY a \\\n  secret.key /k/\n", "*.key\n", [(3, 3)], id="continuation"),
    pytest.param("FROM alpine\nARG F=notes.txt\nCOPY $F /n/\n", "*.txt\n", [(3, 6)], id="arg-resolved"),
    pytest.param("FROM alpine AS a\nFROM a\nCOPY /data /data\n", "data\n", [(3, 6)], id="multi-stage-leading-slash"),
]

QUIET = [
    pytest.param("FROM alpine\nCOPY . /app/\n", "*\n", id="whole-context"),
    pytest.param("FROM alpine\nCOPY README.md /app/\n", "*.md\n!README.md\n", id="re-included"),
    pytest.param("FROM alpine\nCOPY app /app\n", "app\n!app/main.py\n", id="partly-re-included-directory"),
    pytest.param("FROM alpine\nCOPY *.md /docs/\n", "*.md\n", id="wildcard"),
    pytest.param("FROM alpine\nCOPY --from=build /README.md /app/\n", "*.md\n", id="copy-from"),
    pytest.param("FROM alpine\nADD https://x/y.md /app/\n", "*.md\n", id="url"),
    pytest.param("FROM alpine\nCOPY app/.env /app/\n", ".env\n", id="root-only-pattern"),
    pytest.param("FROM alpine\nCOPY $UNKNOWN /x/\n", "*\n", id="unknown-variable"),
    pytest.param("FROM alpine\nONBUILD COPY README.md /app/\n", "*.md\n", id="onbuild"),
    pytest.param("FROM alpine\nCOPY <<EOF /README.md\nx\nEOF\n", "*.md\n", id="heredoc"),
    pytest.param("FROM alpine\nCOPY README.md /app/\n", None, id="no-ignore-file"),
    pytest.param("FROM alpine\nCOPY README.md /app/\n", "[\n*.md\n", id="malformed-ignore-file"),
    pytest.param("FROM alpine\nCOPY src /app/src\n", "# *.md\n\n", id="comments-only"),
    pytest.param("FROM alpine\nRUN cat README.md\n", "*.md\n", id="run"),
    pytest.param("FROM alpine\nCOPY a \\\n  b /dst/\n", "c\n", id="continuation"),
    pytest.param("FROM alpine\nCOPY srcx /x/\n", "src\n", id="prefix-is-not-parent"),
    pytest.param("FROM alpine\nCOPY ./ ./\n", ".git\n", id="dot-slash"),
]


@pytest.mark.parametrize(("source", "ignore", "expected"), REPORTED)
def test_reported(tmp_path: Path, source: str, ignore: str, expected: list[tuple[int, int]]) -> None:
    assert positions_in(tmp_path, source, ignore) == expected


@pytest.mark.parametrize(("source", "ignore"), QUIET)
def test_quiet(tmp_path: Path, source: str, ignore: str | None) -> None:
    assert positions_in(tmp_path, source, ignore) == []


def test_dockerfile_specific_ignore_file_wins(tmp_path: Path) -> None:
    source = "FROM alpine\nCOPY README.md notes.txt /app/\n"
    findings = lint_in(tmp_path, source, "*.md\n", Dockerfile__dockerignore="*.txt\n")
    assert [(f.span.start_line, f.span.start_column) for f in findings] == [(2, 16)]
    assert "line 1 of `Dockerfile.dockerignore`" in findings[0].message


def test_message(tmp_path: Path) -> None:
    [finding] = lint_in(tmp_path, "FROM alpine\nCOPY ./app/.env /app/\n", "# secrets\n**/.env\n")
    assert finding.message.startswith("COPY source `./app/.env` is excluded by `**/.env` (line 2 of `.dockerignore`)")
    assert finding.message.endswith("re-include it in `.dockerignore` with `!app/.env`")
