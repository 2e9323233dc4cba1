"""Property tests: generated Dockerfiles (and random bytes) never crash the parser or a rule, and every position the
model or a finding gives lies inside the file, in order.

Two hypothesis profiles: ``ci`` (the default; a few dozen examples per property, no deadline) and ``long`` for a
thorough local run::

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py -n 0

A failing example is printed by hypothesis and replayed first on the next run (from ``.hypothesis/``).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.engine import FileResult, Finding, LintOptions, lint_dockerfile
from linter.model import KNOWN_INSTRUCTIONS, Dockerfile, parse_dockerfile
from linter.positions import Span
from linter.registry import all_rules
from linter.source import shell_words

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=_HEALTH)
settings.register_profile("long", max_examples=4000, deadline=None, suppress_health_check=_HEALTH)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

OPTIONS = LintOptions(rules=all_rules(), today=_dt.date(2026, 11, 27))
SEEDS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "lint").glob("*/Dockerfile*"))

# -- strategies ----------------------------------------------------------------------------------------------------

KEYWORDS = sorted(KNOWN_INSTRUCTIONS)
# Characters that matter to some part of the parser: quotes, escapes, variables, heredocs, JSON, shell operators.
SPECIAL = [*"\"'\\`$:{}[](),=<>-|&;#*?~!@%^ \t", "\r", "\u00e9", "\u2028", "\ufeff", "\x0b", "\x0c"]
text = st.text(alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8")), max_size=40)
word = st.one_of(
    st.sampled_from(
        [
            "alpine",
            "python:3.12-slim",
            "${BASE:-debian}",
            "$VAR",
            "AS",
            "as",
            "builder",
            "pip",
            "install",
            "--no-cache-dir",
            "uvicorn",
            "app:app",
            "--workers",
            "4",
            "--reload",
            "gunicorn",
            "-k",
            "uvicorn.workers.UvicornWorker",
            "sh",
            "-c",
            "&&",
            "||",
            "|",
            ";",
            "apt-get",
            "update",
            "-y",
            "requirements.txt",
            ".",
            "/app",
            "0.0.0.0",
            "127.0.0.1",
            "--host",
            "--bind",
            "exec",
            "fastapi",
            "run",
            "dev",
            "CMD",
            "NONE",
        ]
    ),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}=[^\s]{0,10}", fullmatch=True),
    text.map(lambda value: value.replace("\n", " ")),
)
flag = st.one_of(
    st.sampled_from(
        [
            "--mount=type=cache,target=/root/.cache/pip",
            "--mount=type=secret,id=token",
            "--from=builder",
            "--from=0",
            "--chown=app:app",
            "--chmod=755",
            "--platform=$BUILDPLATFORM",
            "--network=none",
            "--link",
            "--interval=30s",
        ]
    ),
    st.from_regex(r"--[a-z-]{1,8}(=[^\s]{0,8})?", fullmatch=True),
)
json_array = st.lists(st.one_of(word, text), max_size=5).flatmap(
    lambda items: st.sampled_from(
        [json.dumps(items), json.dumps(items)[:-1], json.dumps(items).replace('"', "'"), json.dumps(items) + " x"]
    )
)
shell_arguments = st.lists(word, max_size=8).map(" ".join)


@st.composite
def instruction(draw: st.DrawFn) -> str:
    keyword = draw(st.one_of(st.sampled_from(KEYWORDS), st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True)))
    keyword = draw(st.sampled_from([keyword, keyword.lower(), keyword.title()]))
    if draw(st.integers(0, 9)) == 0:
        keyword = "ONBUILD " + keyword
    flags = " ".join(draw(st.lists(flag, max_size=2)))
    arguments = draw(st.one_of(shell_arguments, json_array, text))
    line = " ".join(part for part in (keyword, flags, arguments) if part)
    heredocs = draw(st.lists(st.sampled_from(["<<EOF", "<<-EOT", "<<'EOF'", '<<"X"', "3<<EOF", "<<EOF&&"]), max_size=2))
    if heredocs:
        line += " " + " ".join(heredocs)
        for marker in heredocs:
            name = marker.lstrip("0123456789<-").strip("'\"&")
            body = draw(st.lists(st.one_of(shell_arguments, text), max_size=3))
            line += "\n" + "\n".join(item.replace("\n", " ") for item in body)
            if draw(st.booleans()) or draw(st.booleans()):
                line += "\n" + ("\t" if marker.startswith("<<-") else "") + name
    return line


@st.composite
def continued(draw: st.DrawFn, escape: str) -> str:
    """An instruction broken over continuation lines, with the comments and blank lines BuildKit skips."""
    parts = draw(instruction()).split(" ")
    lines = []
    for part in parts:
        lines.append(part)
        if draw(st.integers(0, 3)) == 0:
            lines.append(escape + draw(st.sampled_from(["", " ", "\t", "  "])) + "\n")
            lines.append(draw(st.sampled_from(["", "# comment\n", "   \n", "  "])))
        else:
            lines.append(" ")
    return "".join(lines)


@st.composite
def dockerfile_text(draw: st.DrawFn) -> str:
    directives = draw(
        st.lists(
            st.sampled_from(
                ["# syntax=docker/dockerfile:1", "# escape=`", "# escape=\\", "# check=skip=all", "#escape = x"]
            ),
            max_size=3,
        )
    )
    escape = "`" if "# escape=`" in directives[:1] else "\\"
    body = draw(
        st.lists(
            st.one_of(
                instruction(),
                continued(escape),
                st.just("FROM python:3.12-slim AS builder"),
                st.sampled_from(["", "# a comment", "   ", "# lintainer: ignore=DF101"]),
                text,
            ),
            max_size=14,
        )
    )
    newline = draw(st.sampled_from(["\n", "\r\n", "\n", "\r"]))
    return newline.join([*directives, *body]) + draw(st.sampled_from(["", "\n", escape, escape + "\n"]))


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    """A real Dockerfile from the fixtures with a few bytes inserted, deleted or replaced."""
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=4) | st.sampled_from([b"\\\n", b"<<EOF\n", b"[", b'"', b"\r"]))
        if action == "insert":
            data[position:position] = chunk
        elif action == "delete":
            del data[position : position + len(chunk)]
        else:
            data[position : position + len(chunk)] = chunk
    return bytes(data)


any_input = st.one_of(
    dockerfile_text().map(lambda value: value.encode("utf-8", "surrogatepass")),
    dockerfile_text().map(lambda value: value.encode("utf-16")),
    mutated_seed(),
    st.binary(max_size=300),
)

# -- properties ----------------------------------------------------------------------------------------------------


def _inside(span: Span, lines: tuple[str, ...]) -> bool:
    last_line = max(1, len(lines))
    if not (1 <= span.start_line <= span.end_line <= last_line):
        return False
    if (span.start_line, span.start_column) > (span.end_line, span.end_column):
        return False

    def width(line: int) -> int:
        return len(lines[line - 1]) if line <= len(lines) else 0

    return 1 <= span.start_column <= width(span.start_line) + 1 and 1 <= span.end_column <= width(span.end_line) + 1


def _check_model(dockerfile: Dockerfile) -> None:
    lines = dockerfile.lines
    previous_end = (1, 1)
    for instruction_ in dockerfile.instructions:
        span = instruction_.span
        assert _inside(span, lines), (instruction_, span)
        start = (span.start_line, span.start_column)
        assert previous_end <= start, f"{instruction_} starts before the previous instruction ends"
        previous_end = (span.end_line, span.end_column)
        assert instruction_.span.contains(instruction_.keyword_span)
        if instruction_.trigger is not None:
            assert instruction_.span.contains(instruction_.trigger.span), instruction_.trigger
    for stage in dockerfile.stages:
        assert stage.instructions[0] is stage.from_instruction
        assert _inside(stage.base_span, lines)
    for problem in dockerfile.problems:
        assert _inside(problem.span, lines), problem


def _check_findings(result: FileResult, lines: tuple[str, ...]) -> None:
    assert result.error is None, result.error  # an exception in a rule lands here
    findings = list(result.findings)
    assert findings == sorted(findings, key=Finding.sort_key)
    assert len(set(findings)) == len(findings)
    for finding in findings:
        assert _inside(finding.span, lines), finding
        assert finding.message.strip()
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert _inside(edit.span, lines), (finding, edit)


def _lint(data: bytes) -> None:
    dockerfile = parse_dockerfile(data, "Dockerfile")
    _check_model(dockerfile)
    _check_findings(lint_dockerfile(dockerfile, OPTIONS, "Dockerfile"), dockerfile.lines)


@settings(PROFILE)
@given(any_input)
@example(b"")
@example(b"\\")
@example(b"FROM a\nRUN <<EOF")
@example(b"ONBUILD ONBUILD RUN x")
@example(b"# escape=`\nFROM a\nRUN a `\n\n# c\n  b`")
@example(b'FROM a\nCMD ["a", \\\n "b"]')
@example(b"FROM a\nRUN <<A <<B\na\nA\nb\nB\n")
@example(b"FROM a\rRUN b\r")
@example(b"FROM a\nENV")  # dockerfile-parse indexed the first word of nothing
@example(b"\x0b\nFROM a\n\x0b\\\n")  # whitespace Python splits on but the pre-pass kept
@example(b"FROM a\nENV \x0b")  # DF603 asserted the arguments start with a non-space
def test_parsing_and_every_rule_survive_any_input(data: bytes) -> None:
    _lint(data)


@settings(PROFILE)
@given(dockerfile_text())
def test_generated_dockerfiles_keep_positions_inside_the_file(source: str) -> None:
    _lint(source.encode("utf-8", "surrogatepass"))


@settings(PROFILE)
@given(mutated_seed())
def test_damaged_real_dockerfiles(data: bytes) -> None:
    _lint(data)


def _reference_shell_words(text: str) -> list[tuple[int, int, str]]:
    """The character loop `linter.source.shell_words` replaced with a regular expression."""
    words: list[tuple[int, int, str]] = []
    index, length = 0, len(text)
    while index < length:
        while index < length and text[index] in " \t\r\n":
            index += 1
        if index >= length:
            break
        start = index
        quote = ""
        while index < length:
            char = text[index]
            if quote:
                if char == "\\" and quote == '"' and index + 1 < length:
                    index += 2
                    continue
                if char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char == "\\" and index + 1 < length:
                index += 2
                continue
            elif char in " \t\r\n":
                break
            index += 1
        words.append((start, index, text[start:index]))
    return words


@settings(PROFILE)
@given(st.text(alphabet="ab \t\r\n\"'\\$\x0b", max_size=30))
@example("a\\")
@example('"a\\')
@example("'a b")
def test_shell_words_match_the_reference_loop(text: str) -> None:
    assert shell_words(text) == _reference_shell_words(text)
