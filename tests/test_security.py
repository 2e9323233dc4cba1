"""A linter reads hostile files: it must never run their code, hang on them, or let them drive the user's terminal or
CI system.

- No code from a scanned repository is imported or executed, however lintainer is started; configuration is data
  (TOML, and hadolint's YAML read with a safe loader); rule plugins come only from installed distributions.
- No regular expression backtracks catastrophically: adversarial 100 KB lines go through the parser and every rule
  under a time bound.
- Text from the files is escaped in every output: terminal control sequences in text output, workflow commands in
  GitHub output, XML and JSON escaping.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from linter.model import parse_dockerfile
from linter.registry import all_rules
from linter.rule import RuleContext

BAD = "FROM alpine:3.20\nFOO bar\n"


def run(*args: str, cwd: Path, command: list[str] | None = None, stdin: bytes | None = None) -> tuple[int, str, str]:
    completed = subprocess.run(
        [*(command or [sys.executable, "-m", "linter"]), "--today", "2026-11-27", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cwd / ".home-cache")},
    )
    return completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8")


# -- no code from the scanned repository ---------------------------------------------------------------------------

# Modules a scanned repository could plant to be imported by accident: test and build hooks, interpreter hooks, and
# names that would shadow lintainer's dependencies or standard modules it imports late.
PLANTED_MODULES = (
    "conftest",
    "setup",
    "sitecustomize",
    "usercustomize",
    "click",
    "dockerfile_parse",
    "pathspec",
    "tree_sitter",
    "tree_sitter_bash",
    "tomllib",
    "yaml",
    "rich",
    "evil",
)


def plant(repository: Path, markers: Path) -> None:
    """A repository whose every importable file leaves a marker when it runs."""

    def payload(name: str) -> str:
        return f"open({str(markers / name)!r}, 'w').write('ran')\n"

    for module in PLANTED_MODULES:
        (repository / f"{module}.py").write_text(payload(module))
    for package in ("rules", "linter_plugins"):
        (repository / package).mkdir()
        (repository / package / "__init__.py").write_text(payload(package))
        (repository / package / "evil.py").write_text(payload(f"{package}.evil"))
    (repository / "__main__.py").write_text(payload("__main__"))
    # An uninstalled distribution with a rule entry point, as if `pip install` had put it on the path.
    dist_info = repository / "evil-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[lintainer.rules]\nevil = evil\n")
    (repository / "evil.pth").write_text(f"import evil\n{repository}\n")
    (repository / "pyproject.toml").write_text(
        "[build-system]\nrequires = []\nbuild-backend = 'evil'\n\n"
        "[project]\nname = 'evil'\nversion = '1'\n\n"
        "[project.entry-points.'lintainer.rules']\nevil = 'evil'\n\n"
        "[tool.lintainer]\nselect = ['DF001']\n"
    )
    (repository / "Dockerfile").write_text(BAD)


def launchers() -> list[tuple[str, list[str] | None]]:
    found: list[tuple[str, list[str] | None]] = [("python -m linter", None)]
    script = Path(sys.executable).with_name("lintainer")
    if script.exists():
        found.append(("lintainer script", [str(script)]))
    return found


@pytest.mark.parametrize(("name", "command"), launchers(), ids=[name for name, _ in launchers()])
@pytest.mark.parametrize("where", ["inside", "outside"])
def test_a_scanned_repository_runs_no_code(tmp_path: Path, name: str, command: list[str] | None, where: str) -> None:
    """Run from inside the repository (its folder first on `sys.path` for `python -m`) or name it from outside."""
    repository, markers = tmp_path / "repo", tmp_path / "markers"
    repository.mkdir()
    markers.mkdir()
    plant(repository, markers)
    cwd, target = (repository, ".") if where == "inside" else (tmp_path, "repo")
    code, stdout, stderr = run("--format", "json", target, cwd=cwd, command=command)
    assert sorted(path.name for path in markers.iterdir()) == []
    assert code == 1, stderr
    report = json.loads(stdout)
    assert {finding["code"] for finding in report["findings"]} == {"DF001"}  # the repository's select, nothing else


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [
        (".lintainer.toml", '[plugins]\nevil = "evil:check"\n', "unknown key 'plugins'"),
        (".lintainer.toml", 'select = ["evil:check"]\n', "matches no rule"),
        (".lintainer.toml", 'exclude = ["$(python evil.py)"]\nselect = ["DF001"]\n', None),
        (".hadolint.yaml", "ignored: !!python/object/apply:os.system ['python evil.py']\n", "hadolint"),
    ],
    ids=["plugin-table", "select-a-function", "shell-in-a-pattern", "yaml-python-tag"],
)
def test_configuration_is_data(tmp_path: Path, file_name: str, content: str, expected: str | None) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    (tmp_path / "evil.py").write_text(f"open({str(markers / 'evil')!r}, 'w').write('ran')\n")
    (tmp_path / file_name).write_text(content)
    (tmp_path / "Dockerfile").write_text(BAD)
    code, stdout, stderr = run("--format", "json", ".", cwd=tmp_path)
    assert list(markers.iterdir()) == []
    assert "Traceback" not in stderr
    if expected is None:
        assert code == 1
        assert json.loads(stdout)["findings"]
    else:
        assert code == 2
        assert expected in stderr


# -- regular expressions under adversarial input --------------------------------------------------------------------

LINE_BYTES = 100_000
BOUND_SECONDS = 20.0  # a catastrophic backtrack on 100 KB runs for hours; linear work takes about a second
# Runs that make careless patterns backtrack: repeated separators, digits, escapes, quotes, openers, keywords.
TOKENS = (
    "a",
    "1",
    " ",
    "a-",
    "1.",
    "a, ",
    "\\",
    '"',
    "'",
    "${a:-",
    "[",
    "|",
    "<<",
    "# ",
    "standard ",
    "--mount=",
)
# Where the runs go: every instruction, the parser directives, suppression comments, image references.
CONTEXTS = (
    "# syntax={r}",
    "#{r}=x",
    "# lintainer: ignore={r}",
    "# hadolint ignore={r}",
    "# check=skip={r}",
    "FROM {r}",
    "FROM {r}:{r}@sha256:{r}",
    "FROM python:3.{r}",
    "COPY --from={r} {r} /app/",
    "COPY {r} /app/",
    "RUN --mount={r} true",
    'CMD ["{r}", {r}',
    "ENV A={r} {r}",
    "LABEL {r}={r}",
    "ARG {r}={r}",
    "EXPOSE {r}",
    "USER {r}",
    "WORKDIR {r}",
    "HEALTHCHECK --interval={r} CMD [{r}",
    "SHELL [{r}]",
    "{r}",
)
# Shell scripts also go through tree-sitter and the command analysis (scripts with thousands of pipes, redirections
# or heredocs are left unanalysed, see linter/shell.py).
SHELL_CONTEXTS = (
    "RUN {r}",
    "RUN pip install fastapi[{r}",
    "RUN apt-get install -y {r} && apt-get -o {r}",
    "RUN <<{r}\n{r}",
    "ONBUILD RUN {r}",
    "CMD uvicorn app:app --host {r} --workers {r}",
    "ENTRYPOINT gunicorn -k {r} -b {r}",
    "HEALTHCHECK CMD curl {r}",
)


def adversarial_line(token: str, context: str, size: int = LINE_BYTES) -> str:
    share = size // context.count("{r}")
    run_text = (token * (share // len(token) + 1))[:share]
    return context.replace("{r}", run_text)


@contextmanager
def time_bound(seconds: float, what: str) -> Iterator[None]:
    """Fail (rather than hang) when the block runs too long; the regex engine checks for signals as it runs."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(*_args: object) -> None:
        raise TimeoutError(f"{what} ran for over {seconds:.0f} s: a catastrophic backtrack or a quadratic path")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lint_under_bound(line: str, what: str) -> None:
    # Directive and comment lines must come first to be read as such.
    source = f"{line}\nFROM alpine\n" if line.startswith("#") else f"FROM alpine\n{line}\n"
    context = RuleContext(today=_dt.date(2026, 11, 27))
    with time_bound(BOUND_SECONDS, f"parsing {what}"):
        dockerfile = parse_dockerfile(source.encode("utf-8"))
    for rule in all_rules():
        with time_bound(BOUND_SECONDS, f"rule {rule.code} on {what}"):
            list(rule.check(dockerfile, context))


@pytest.mark.parametrize("token", TOKENS, ids=[repr(token) for token in TOKENS])
def test_adversarial_100_kb_lines_through_the_parser_and_every_rule(token: str) -> None:
    for template in CONTEXTS:
        lint_under_bound(adversarial_line(token, template), f"{template!r} with {token!r}")


@pytest.mark.parametrize("token", TOKENS, ids=[repr(token) for token in TOKENS])
def test_adversarial_shell_scripts_through_the_shell_analysis_and_every_rule(token: str) -> None:
    for template in SHELL_CONTEXTS:
        lint_under_bound(adversarial_line(token, template), f"{template!r} with {token!r}")


def test_the_output_formats_on_a_long_hostile_line(tmp_path: Path) -> None:
    """Escaping and fingerprints (whitespace runs, control characters) over a 100 KB line, end to end."""
    hostile = "\x1b[31m" + " \t" * 25_000 + "%0A::" * 10_000
    (tmp_path / "Dockerfile").write_text(f"FROM alpine:3.20\nFOO{hostile}\n")
    for output_format in ("text", "json", "sarif", "github", "gitlab", "checkstyle"):
        start = time.perf_counter()
        code, _, stderr = run("--format", output_format, "Dockerfile", cwd=tmp_path)
        assert code == 1, stderr
        assert time.perf_counter() - start < 60, output_format


# -- output injection ------------------------------------------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\x9b31m\r\x08\x7f"  # clear screen, set title, colour, 8-bit CSI, CR, BS, DEL
HOSTILE_NAME = "evil\x1b[2J[bold red]x%0A::error::pwned.Dockerfile"


@pytest.fixture
def hostile_tree(tmp_path: Path) -> Path:
    # The unknown instruction's keyword (all of it up to the CR) is quoted in the finding's message.
    (tmp_path / HOSTILE_NAME).write_text(f"FROM alpine:3.20\nFOO<a>&\"'</a>]]>{ESCAPES} %0A::set-output x\n")
    (tmp_path / "binary\x1b[31m.Dockerfile").write_bytes(b"\x00\x1b[2J")
    return tmp_path


def test_text_output_escapes_terminal_sequences(hostile_tree: Path) -> None:
    code, stdout, _ = run(".", cwd=hostile_tree)
    assert code == 2
    assert not any(char in stdout for char in "\x1b\x07\x9b\x08\x7f\r")
    assert "evil\\x1b[2J[bold red]x%0A::error::pwned.Dockerfile:2:1 DF001" in stdout  # no markup either
    assert "FOO<a>&\"'</a>]]>\\x1b[2J\\x1b]0;pwned\\x07\\x1b[31m\\x9b31m" in stdout
    assert "error: binary\\x1b[31m.Dockerfile: not a Dockerfile" in stdout


def test_json_output_round_trips_hostile_text(hostile_tree: Path) -> None:
    code, stdout, _ = run("--format", "json", ".", cwd=hostile_tree)
    assert code == 2
    assert "\x1b" not in stdout and "\x07" not in stdout  # JSON escapes C0 controls
    report = json.loads(stdout)
    (finding,) = [f for f in report["findings"] if f["message"].startswith("unknown instruction")]
    assert finding["path"] == HOSTILE_NAME
    assert "FOO<a>&\"'</a>]]>\x1b[2J\x1b]0;pwned\x07\x1b[31m\x9b31m" in finding["message"]
    assert report["errors"][0]["path"] == "binary\x1b[31m.Dockerfile"


def test_checkstyle_xml_is_well_formed_with_hostile_text(hostile_tree: Path) -> None:
    code, stdout, _ = run("--format", "checkstyle", ".", cwd=hostile_tree)
    assert code == 2
    root = ET.fromstring(stdout.encode("utf-8"))
    names = [element.get("name") for element in root.iter("file")]
    assert "evil\\x1b[2J[bold red]x%0A::error::pwned.Dockerfile" in names
    messages = [element.get("message") or "" for element in root.iter("error")]
    assert any("<a>&\"'</a>]]>" in message for message in messages)


def test_sarif_and_gitlab_are_valid_json_with_hostile_text(hostile_tree: Path) -> None:
    for output_format in ("sarif", "gitlab"):
        code, stdout, _ = run("--format", output_format, ".", cwd=hostile_tree)
        assert code == 2
        assert "\x1b" not in stdout
        assert json.loads(stdout)


def test_github_output_cannot_inject_workflow_commands(hostile_tree: Path) -> None:
    (hostile_tree / "newline\n::add-mask::x\n.Dockerfile").write_text("FROM alpine:3.20\nBAR%0A::stop-commands::x\n")
    code, stdout, _ = run("--format", "github", ".", cwd=hostile_tree)
    assert code == 2
    lines = stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert not any(line.startswith(("::add-mask", "::set-output", "::stop-commands", "::error::")) for line in lines)
    assert "BAR%250A::stop-commands::x" in stdout  # a literal %0A stays literal
    assert "newline%0A%3A%3Aadd-mask%3A%3Ax%0A.Dockerfile" in stdout
