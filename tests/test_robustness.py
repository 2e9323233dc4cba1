"""Bad input, end to end through the CLI: a clear message, the other files still linted, the documented exit code,
no traceback, and bounded time.

Each case puts one bad file beside a good one (``ok/Dockerfile``, with one known finding) and lints the folder.
Exit codes: 0 no findings, 1 findings, 2 a file could not be read or linted (the others are still reported).

The time bound is a guard against hanging or quadratic paths (a FIFO that blocks, a regular expression that
backtracks), not a speed measurement: ``benchmarks/run.py`` measures speed.

Unreadable files: ``chmod 000`` keeps nobody but root out, and the suite runs as root in CI. As root, the test
lints a file whose read fails in the CLI process (``os.open`` patched to raise ``PermissionError`` for that path)
and a dangling symbolic link, which no user can read; as another user, it also lints a real ``chmod 000`` file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

BOUND = 120  # seconds; a guard against hangs and quadratic paths only
OK_SOURCE = "FROM alpine:3.20\nFOO bar\n"
OK_FINDING = ("ok/Dockerfile", "DF001", 2, 1)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, cwd: Path, timeout: float = BOUND) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--today", "2026-11-27", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cwd / ".home-cache")},
    )
    assert "Traceback" not in completed.stderr + completed.stdout
    return completed


def json_run(*args: str, cwd: Path) -> tuple[int, dict]:
    completed = run("--format", "json", *args, cwd=cwd)
    return completed.returncode, json.loads(completed.stdout)


def located(report: dict) -> set[tuple[str, str, int, int]]:
    return {(f["path"], f["code"], f["line"], f["column"]) for f in report["findings"]}


def messages(report: dict, path: str) -> list[str]:
    return [f["message"] for f in report["findings"] if f["path"] == path]


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes | Callable[[], bytes]
    exit_code: int
    findings: tuple[tuple[int, int, str, str], ...] = ()  # (line, column, code, words of the message)
    error: str | None = None  # words of the error message for the file
    absent_lines: tuple[int, ...] = field(default=())  # lines that must have no DF001 finding

    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


CASES = [
    Case("binary", bytes(range(256)) * 8, 2, error="not a Dockerfile: binary data (a NUL byte at line 1, column 1)"),
    Case("nul-bytes", b"FROM alpine\nRUN echo \x00 hi\n", 2, error="a NUL byte at line 2, column 10"),
    Case(
        "latin-1",
        'FROM alpine:3.20\nLABEL a="caf\xe9"\n'.encode("latin-1"),
        1,
        findings=((2, 13, "DF001", "not valid UTF-8 (byte 0xe9 at line 2, column 13)"),),
    ),
    Case(
        "mixed-encodings",
        'FROM alpine:3.20\nLABEL a="café"\n'.encode() + b'LABEL b="\xe9t\xe9"\n',
        1,
        findings=((3, 10, "DF001", "not valid UTF-8 (byte 0xe9 at line 3, column 10)"),),
        absent_lines=(1, 2),
    ),
    Case(
        "utf-8-bom",
        b"\xef\xbb\xbfFROM alpine:3.20\nBAR baz\n",
        1,
        findings=((2, 1, "DF001", "unknown instruction `BAR`"),),
        absent_lines=(1,),
    ),
    Case(
        "utf-16-le-bom",
        "\ufeffFROM alpine:3.20\nBAR baz\n".encode("utf-16-le"),
        1,
        findings=((2, 1, "DF001", "unknown instruction `BAR`"),),
        absent_lines=(1,),
    ),
    Case(
        "utf-16-be-bom",
        "\ufeffFROM alpine:3.20\nBAR baz\n".encode("utf-16-be"),
        1,
        findings=((2, 1, "DF001", "unknown instruction `BAR`"),),
        absent_lines=(1,),
    ),
    Case(
        "crlf",
        b"FROM alpine:3.20\r\nRUN echo a \\\r\n  b\r\nBAR baz\r\n",
        1,
        findings=((4, 1, "DF001", "unknown instruction `BAR`"),),
        absent_lines=(1, 2, 3),
    ),
    Case(
        "lone-cr",
        b"FROM alpine:3.20\rBAR baz\r",
        1,
        findings=((1, 17, "DF001", "carriage return (\\r) at column 17 that ends no CRLF"),),
    ),
    Case(
        "ten-megabytes",
        lambda: b"FROM alpine:3.20\n" + b"RUN echo hello world, this line repeats\n" * 262_144,
        2,
        error="too large for a Dockerfile (10,485,777 bytes; the limit is 2,097,152), so it was not linted",
    ),
    Case(
        "continuation-of-100000-lines",
        lambda: b"FROM alpine:3.20\nRUN echo \\\n" + b"  a \\\n" * 100_000 + b"  end\nBAR baz\n",
        1,
        findings=((100_004, 1, "DF001", "unknown instruction `BAR`"),),
    ),
    Case(
        "one-megabyte-line",
        lambda: b"FROM alpine:3.20\nRUN echo " + b"a" * 1_000_000 + b"\nBAR baz\n",
        1,
        findings=((3, 1, "DF001", "unknown instruction `BAR`"),),
    ),
    Case(
        "unterminated-heredoc",
        b"FROM alpine:3.20\nRUN <<EOF\necho hi\n",
        1,
        findings=((2, 5, "DF001", "unterminated heredoc: no line `EOF` closes it"),),
    ),
    Case(
        "unterminated-json",
        b'FROM alpine:3.20\nCMD ["a", "b"\n',
        1,
        findings=((2, 5, "DF102", "is not a valid JSON array"),),
    ),
    Case(
        "unknown-instructions",
        b"FROM alpine:3.20\nBAR baz\nQUX\n",
        1,
        findings=((2, 1, "DF001", "unknown instruction `BAR`"), (3, 1, "DF001", "unknown instruction `QUX`")),
    ),
    Case(
        "numbers-of-5000-digits",  # int() refuses over 4,300 digits
        lambda: b"FROM alpine:3.20\nEXPOSE %s\nUSER %s\nCOPY --from=%s a /app/\nBAR baz\n" % ((b"1" * 5000,) * 3),
        1,
        findings=((5, 1, "DF001", "unknown instruction `BAR`"),),
    ),
    Case(
        "json-nested-10000-deep",  # json.loads recurses
        lambda: b"FROM alpine:3.20\nCMD " + b"[" * 10_000 + b"\nBAR baz\n",
        1,
        findings=((3, 1, "DF001", "unknown instruction `BAR`"),),
    ),
    Case("empty", b"", 1, findings=((1, 1, "DF001", "the file has no instructions"),)),
    Case("comments-only", b"# one\n# two\n", 1, findings=((1, 1, "DF001", "the file has no instructions"),)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(tmp_path: Path, case: Case) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "Dockerfile").write_bytes(case.data())
    code, report = json_run(".", cwd=tmp_path)
    assert code == case.exit_code
    assert OK_FINDING in located(report)  # the other file is still linted
    bad = "bad/Dockerfile"
    if case.error is None:
        assert report["errors"] == []
    else:
        assert [error["path"] for error in report["errors"]] == [bad]
        assert case.error in report["errors"][0]["message"]
    found = {(f["line"], f["column"], f["code"]): f["message"] for f in report["findings"] if f["path"] == bad}
    for line, column, rule, words in case.findings:
        assert (line, column, rule) in found, found
        assert words in found[(line, column, rule)]
    assert not [key for key in found if key[0] in case.absent_lines and key[2] == "DF001"]
    for message in messages(report, bad):
        assert "\r" not in message and "\x00" not in message


def test_text_output_names_the_path_line_and_problem(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes(b"FROM alpine:3.20\nRUN echo \x00\n")
    (tmp_path / "api.Dockerfile").write_bytes(b"FROM alpine:3.20\nRUN <<EOF\necho hi\n")
    completed = run(".", cwd=tmp_path)
    assert completed.returncode == 2
    assert "error: Dockerfile: not a Dockerfile: binary data (a NUL byte at line 2, column 10)" in completed.stdout
    assert "api.Dockerfile:2:5 DF001 [error] unterminated heredoc: no line `EOF` closes it" in completed.stdout
    assert "1 file could not be linted" in completed.stdout


def test_missing_path(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    code, report = json_run("missing/Dockerfile", "ok", cwd=tmp_path)
    assert code == 2
    assert report["errors"] == [{"path": "missing/Dockerfile", "message": "no such file or directory"}]
    assert OK_FINDING in located(report)


def test_a_directory_without_dockerfiles(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("print('hello')\n")
    completed = run("src", cwd=tmp_path)
    assert completed.returncode == 0
    assert "lintainer: no Dockerfiles found under src" in completed.stderr


def test_symlink_loops_in_a_tree(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    (tmp_path / "ok" / "up").symlink_to("..")  # a folder loop: links to folders are not followed
    (tmp_path / "self").mkdir()
    (tmp_path / "self" / "self").symlink_to("self")  # a link to itself
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "Dockerfile").symlink_to("Dockerfile")
    code, report = json_run(".", cwd=tmp_path)
    assert code == 2
    loop_error = {"path": "loop/Dockerfile", "message": "cannot read: Too many levels of symbolic links"}
    assert report["errors"] == [loop_error]
    assert located(report) == {OK_FINDING}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("named", [False, True], ids=["found-in-a-tree", "named-on-the-command-line"])
def test_a_fifo_named_dockerfile_does_not_block(tmp_path: Path, named: bool) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    (tmp_path / "pipe").mkdir()
    os.mkfifo(tmp_path / "pipe" / "Dockerfile")
    os.mkfifo(tmp_path / ".gitignore")  # read during the walk: must not block either
    targets = ("pipe/Dockerfile", "ok") if named else (".",)
    code, report = json_run(*targets, cwd=tmp_path)
    assert code == 2
    assert report["errors"] == [
        {
            "path": "pipe/Dockerfile",
            "message": "not a regular file (a FIFO, socket or device), so it was not read",
        }
    ]
    assert OK_FINDING in located(report)


def test_a_dangling_symlink_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / "Dockerfile").symlink_to(tmp_path / "nowhere")
    code, report = json_run(".", cwd=tmp_path)
    assert code == 2
    assert report["errors"] == [{"path": "gone/Dockerfile", "message": "cannot read: No such file or directory"}]
    assert OK_FINDING in located(report)


def test_a_file_whose_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod 000 file anyway: the refusal is simulated where the file is opened."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    (tmp_path / "secret").mkdir()
    secret = tmp_path / "secret" / "Dockerfile"
    secret.write_text("FROM alpine:3.20\n")
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if os.path.abspath(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".home-cache"))
    result = CliRunner().invoke(main, ["--format", "json", "--jobs", "1", "."], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert result.exit_code == 2
    assert report["errors"] == [{"path": "secret/Dockerfile", "message": "cannot read: Permission denied"}]
    assert OK_FINDING in located(report)


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root reads chmod 000 files")
def test_a_chmod_000_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "Dockerfile").write_text(OK_SOURCE)
    (tmp_path / "locked").mkdir()
    locked_file = tmp_path / "locked" / "Dockerfile"
    locked_file.write_text("FROM alpine:3.20\n")
    locked_file.chmod(0)
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed").chmod(0)
    try:
        code, report = json_run(".", cwd=tmp_path)
    finally:
        locked_file.chmod(0o644)
        (tmp_path / "closed").chmod(0o755)
    assert code == 2
    assert {error["path"]: error["message"] for error in report["errors"]} == {
        "locked/Dockerfile": "cannot read: Permission denied",
        "closed": "cannot read directory: Permission denied",
    }
    assert OK_FINDING in located(report)


def test_stdin_with_bad_bytes(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "-", "--stdin-filename", "svc/Dockerfile"],
        input=b"\xff\xfeF\x00",
        capture_output=True,
        timeout=BOUND,
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".home-cache")},
    )
    assert b"Traceback" not in completed.stderr
    assert completed.returncode in (1, 2)
    report = json.loads(completed.stdout)
    assert {item["path"] for item in report["findings"] + report["errors"]} == {"svc/Dockerfile"}
