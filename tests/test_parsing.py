"""The pre-pass and model: every dockerfile-parse defect we work around has a regression test here."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.model import Dockerfile, parse_dockerfile
from linter.positions import Span


def keywords(dockerfile: Dockerfile) -> list[tuple[str, int]]:
    return [(i.keyword, i.line) for i in dockerfile.instructions]


def messages(dockerfile: Dockerfile) -> list[str]:
    return [p.message for p in dockerfile.problems]


def test_heredoc_bodies_are_not_instructions() -> None:
    d = parse_dockerfile(
        b"FROM debian\nRUN <<EOF\napt-get update\nFROM evil\nEOF\nCOPY <<EOF /etc/app.conf\nuser = root\nEOF\n"
    )
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("COPY", 6)]
    assert len(d.stages) == 1
    assert d.instructions[1].heredocs[0].body == "apt-get update\nFROM evil\n"
    assert d.instructions[1].span == Span(2, 1, 5, 4)
    assert d.instructions[2].heredocs[0].body == "user = root\n"
    assert not d.problems


def test_several_heredocs_on_one_line_and_their_flavours() -> None:
    d = parse_dockerfile(
        b"FROM alpine\nRUN <<FILE1 cat > /a && <<-'FILE2' cat > /b\nhello\nFILE1\n\tworld $x\n\tFILE2\nUSER app\n"
    )
    run = d.instructions[1]
    assert [(h.name, h.strip_tabs, h.expand, h.body) for h in run.heredocs] == [
        ("FILE1", False, True, "hello\n"),
        ("FILE2", True, False, "\tworld $x\n"),
    ]
    assert keywords(d)[-1] == ("USER", 7)


def test_heredoc_name_with_a_space_is_not_a_heredoc() -> None:
    d = parse_dockerfile(b"FROM alpine\nRUN cat << EOF\nUSER root\n")
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("USER", 3)]
    assert d.instructions[1].heredocs == ()


def test_quoted_heredoc_marker_is_not_a_heredoc() -> None:
    d = parse_dockerfile(b'FROM alpine\nRUN echo "<<EOF"\nUSER root\n')
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("USER", 3)]


def test_json_form_cannot_hold_heredocs() -> None:
    d = parse_dockerfile(b'FROM alpine\nRUN ["sh", "-c", "cat <<EOF"]\nUSER root\n')
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("USER", 3)]


def test_heredoc_under_onbuild() -> None:
    d = parse_dockerfile(b"FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER app\n")
    onbuild = d.instructions[1]
    assert onbuild.trigger is not None
    assert onbuild.trigger.keyword == "RUN"
    assert onbuild.trigger.heredocs[0].body == "echo hi\n"
    assert keywords(d)[-1] == ("USER", 5)


def test_unterminated_heredoc_is_reported_at_its_marker() -> None:
    d = parse_dockerfile(b"FROM alpine\nRUN <<EOF\necho hi\n")
    assert messages(d) == ["unterminated heredoc: no line `EOF` closes it"]
    assert d.problems[0].span == Span(2, 5, 2, 10)


def test_heredoc_terminator_with_tab_only_for_dash_form() -> None:
    d = parse_dockerfile(b"FROM alpine\nRUN <<EOF\n\tEOF\nEOF\nUSER a\n")
    assert d.instructions[1].heredocs[0].body == "\tEOF\n"
    assert keywords(d)[-1] == ("USER", 5)


def test_blank_and_comment_lines_inside_a_continuation_are_skipped() -> None:
    d = parse_dockerfile(b"FROM alpine\nRUN apk add \\\n    curl \\\n\n    # a comment\n   \n    git\nUSER app\n")
    run = d.instructions[1]
    assert run.text == "RUN apk add     curl     git"
    assert run.span == Span(2, 1, 7, 8)
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("USER", 8)]
    assert d.internal_diagnostics == ()


def test_continuation_open_at_end_of_file_keeps_the_instruction() -> None:
    d = parse_dockerfile(b"FROM alpine\nRUN echo a \\")
    assert keywords(d) == [("FROM", 1), ("RUN", 2)]
    assert d.instructions[1].text == "RUN echo a "


def test_escaped_trailing_escape_does_not_continue() -> None:
    d = parse_dockerfile(b"FROM alpine\nENV C trailing\\\\backslash\\\\\nENV D next\n")
    assert keywords(d) == [("FROM", 1), ("ENV", 2), ("ENV", 3)]
    assert d.internal_diagnostics == ()


def test_utf8_bom_is_dropped() -> None:
    d = parse_dockerfile(b"\xef\xbb\xbf# escape=`\nFROM alpine\nRUN echo a `\n  b\n")
    assert d.escape == "`"
    assert keywords(d) == [("FROM", 2), ("RUN", 3)]
    assert d.instructions[0].keyword_span == Span(2, 1, 2, 5)


def test_utf16_with_bom_is_decoded() -> None:
    d = parse_dockerfile("FROM alpine\nUSER app\n".encode("utf-16"))
    assert keywords(d) == [("FROM", 1), ("USER", 2)]


def test_check_directive_before_escape_does_not_hide_it() -> None:
    d = parse_dockerfile(b"# check=skip=all\n# escape=`\nFROM windows\nRUN echo a `\n    b\nCOPY . C:\\app\\\nUSER x\n")
    assert d.escape == "`"
    assert [directive.name for directive in d.directives] == ["check", "escape"]
    assert keywords(d) == [("FROM", 3), ("RUN", 4), ("COPY", 6), ("USER", 7)]
    assert d.instructions[1].text == "RUN echo a     b"
    assert d.internal_diagnostics == ()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"# escape=x\nFROM a\n", "invalid escape character 'x': it must be ` or \\"),
        (b"# syntax=a\n# syntax=b\nFROM a\n", "only one `syntax` parser directive can be used"),
    ],
)
def test_bad_directives(source: bytes, expected: str) -> None:
    assert expected in messages(parse_dockerfile(source))


def test_directive_after_a_comment_is_a_comment() -> None:
    d = parse_dockerfile(b"# hello\n# escape=`\nFROM a\nRUN echo `\n")
    assert d.escape == "\\"
    assert d.directives == ()


@pytest.mark.parametrize(
    ("source", "image"),
    [
        (b"ARG V=3.12\nFROM python:${V:-3.11}-slim\n", "python:3.12-slim"),
        (b"ARG V\nFROM python:${V:-3.11}-slim\n", None),
        (b"ARG V=\nFROM python:${V:-3.11}-slim\n", "python:3.11-slim"),
        (b"ARG V=\nFROM python:${V-3.11}-slim\n", "python:-slim"),
        (b"ARG V=x\nFROM python:${V:+3.13}\n", "python:3.13"),
        (b"FROM python:${UNDECLARED:-3.10}\n", "python:3.10"),
        (b"ARG A=3 B=${A}.12\nFROM python:$B\n", "python:3.12"),
        (b"FROM --platform=$BUILDPLATFORM python:3.12 AS b\n", "python:3.12"),
        (b"FROM ${TARGETPLATFORM}\n", None),
    ],
)
def test_from_resolves_meta_args(source: bytes, image: str | None) -> None:
    assert parse_dockerfile(source).stages[0].base_image == image


def test_non_utf8_input_is_reported_not_raised() -> None:
    d = parse_dockerfile(b'FROM alpine\nLABEL author="Jos\xe9"\n')
    assert keywords(d) == [("FROM", 1), ("LABEL", 2)]
    assert d.problems[0].span == Span(2, 18, 2, 19)
    assert "not valid UTF-8" in d.problems[0].message


def test_crlf_and_lone_cr() -> None:
    d = parse_dockerfile(b'FROM alpine\r\nRUN echo a \\\r\n    b\r\nLABEL x="a\rb"\r\n')
    assert d.source.newline == "\r\n"
    assert d.instructions[1].text == "RUN echo a     b"
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("LABEL", 4)]
    assert d.instructions[2].key_values[0].value == "a\rb"


def test_form_feed_does_not_split_lines() -> None:
    d = parse_dockerfile(b"FROM alpine\nRUN echo \x0c a\nUSER x\n")
    assert keywords(d) == [("FROM", 1), ("RUN", 2), ("USER", 3)]


def test_keyword_only_last_line_reaches_the_model() -> None:
    d = parse_dockerfile(b"FROM alpine\nSTOPSIGNAL")
    assert keywords(d) == [("FROM", 1), ("STOPSIGNAL", 2)]
    assert messages(d) == ["STOPSIGNAL requires at least one argument"]


def test_structure_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from dockerfile_parse import DockerfileParser

    calls = []
    original = DockerfileParser.structure.fget

    def counting(self: DockerfileParser) -> list[dict[str, object]]:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(DockerfileParser, "structure", property(counting))
    d = parse_dockerfile(b"FROM a\nRUN x\nFROM b\nCOPY --from=0 / /\n", path="sub/Containerfile")
    assert len(calls) == 1  # the model is built from dockerfile-parse's split, read once on the sanitised text
    assert d.internal_diagnostics == d.internal_diagnostics == ()
    assert len(calls) == 1


def test_huge_continuation_is_linear() -> None:
    # A guard against quadratic joining, with a very generous bound (not a speed measurement).
    import time

    source = b"FROM a\nRUN echo \\\n" + b"  x \\\n" * 100_000 + b"  end\n"
    started = time.perf_counter()
    d = parse_dockerfile(source)
    assert time.perf_counter() - started < 30
    assert d.instructions[1].span.end_line == 100_003


def test_positions_inside_a_continuation() -> None:
    d = parse_dockerfile(b"FROM python:3.12\nRUN pip install \\\n      --no-cache-dir flask\n")
    run = d.instructions[1]
    offset = run.text.index("--no-cache-dir")
    assert run.span_of(offset, offset + len("--no-cache-dir")) == Span(3, 7, 3, 21)


def test_columns_count_characters_not_bytes() -> None:
    d = parse_dockerfile('FROM a\nLABEL a="José" b=1\n'.encode())
    pairs = d.instructions[1].key_values
    assert [(p.key, p.value) for p in pairs] == [("a", "José"), ("b", "1")]
    assert pairs[1].key_span == Span(2, 16, 2, 17)


def test_flags_with_positions() -> None:
    d = parse_dockerfile(
        b"FROM a AS b\nRUN --mount=type=cache,target=/root/.cache/pip \\\n  --network=none pip install x\n"
    )
    run = d.instructions[1]
    assert [(f.name, f.value) for f in run.flags] == [
        ("mount", "type=cache,target=/root/.cache/pip"),
        ("network", "none"),
    ]
    assert run.flags[1].span == Span(3, 3, 3, 17)
    assert run.arguments == "pip install x"
    assert run.mounts[0] == {"type": "cache", "target": "/root/.cache/pip"}


@pytest.mark.parametrize(
    ("line", "exec_form", "error"),
    [
        ('CMD ["python", "app.py"]', True, False),
        ("CMD []", True, False),
        ("CMD ['a', 'b']", False, True),
        ('CMD ["a",]', False, True),
        ('CMD ["a"', False, True),
        ('CMD ["a", 1]', False, True),
        ("CMD python app.py", False, False),
    ],
)
def test_json_arguments(line: str, exec_form: bool, error: bool) -> None:
    instruction = parse_dockerfile(f"FROM a\n{line}\n".encode()).instructions[1]
    assert instruction.is_exec_form is exec_form
    assert (instruction.json_error is not None) is error


def test_exec_words_have_positions() -> None:
    cmd = parse_dockerfile(b'FROM a\nCMD ["fastapi", "run", \\\n  "--workers", "4"]\n').instructions[1]
    assert cmd.exec_words is not None
    assert [w.value for w in cmd.exec_words] == ["fastapi", "run", "--workers", "4"]
    assert cmd.exec_words[2].span == Span(3, 3, 3, 14)


def test_stages_names_bases_and_environment_inheritance() -> None:
    d = parse_dockerfile(
        b"ARG PY=3.12\nFROM python:${PY} AS Build\nENV A=1 PATH=/app/bin:$PATH\nARG PY\nFROM build\n"
        b"ENV B=$A\nFROM scratch\nCOPY --from=BUILD / /\n"
    )
    build, child, _last = d.stages
    assert build.name == "Build" and build.base_image == "python:3.12"
    assert child.base_stage_index == 0
    assert d.stage_named("build") is build
    assert child.instructions[1].key_values[0].key == "B"
    assert d.instructions[-1].variables.get("A") is None
    assert child.instructions[1].variables["A"] == "1"
    assert build.instructions[2].variables["PATH"] is None  # the base image's PATH is unknown
    assert d.instructions[4].variables.get("PY") is None
    assert [s.is_final for s in d.stages] == [False, False, True]


def test_stage_arg_inherits_meta_arg_default() -> None:
    d = parse_dockerfile(b"ARG V=1\nFROM a\nRUN x\nARG V\nRUN y\n")
    assert "V" not in d.instructions[2].variables
    assert d.instructions[4].variables["V"] == "1"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b"FROM a\nFOO bar\n", "unknown instruction `FOO`"),
        (b"FROM a\nCOPY onlyone\n", "COPY requires a source and a destination"),
        (b"FROM a\nRUN --mount=x --bogus y\n", "unknown flag `--bogus` for RUN"),
        (b"FROM a\nONBUILD FROM b\n", "FROM isn't allowed as an ONBUILD trigger"),
        (b"FROM a\nSHELL /bin/bash -c\n", "SHELL requires the arguments as a JSON array"),
        (b"RUN x\nFROM a\n", "RUN before the first FROM: only ARG may come first"),
        (b"", "the file has no instructions"),
        (b"# only\n\n#comments\n", "the file has no instructions"),
        (b"FROM a b\n", "FROM takes an image and optionally `AS name`"),
    ],
)
def test_what_buildkit_rejects(source: bytes, expected: str) -> None:
    assert expected in messages(parse_dockerfile(source))


@pytest.mark.parametrize(
    "source",
    [
        b"FROM a\nCOPY <<EOF /x\nhi\nEOF\n",
        b'FROM a\nCOPY ["a", "b"]\n',
        b"FROM a\nONBUILD RUN echo\n",
        b"ARG X\nFROM a\nCMD\n",
        b"FROM a\nHEALTHCHECK NONE\n",
    ],
)
def test_valid_input_has_no_problems(source: bytes) -> None:
    assert parse_dockerfile(source).problems == ()


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        (("RUN",), ["RUN x", "RUN y", "run z"]),  # ONBUILD triggers and lower-case keywords included
        (("COPY", "FROM"), ["FROM a", "COPY . ."]),  # several keywords: file order, not argument order
        (("ADD",), []),
    ],
)
def test_instructions_by_keyword_follow_walk_order(keywords: tuple[str, ...], expected: list[str]) -> None:
    dockerfile = parse_dockerfile(b"FROM a\nRUN x\nONBUILD RUN y\nCOPY . .\nrun z\n")
    assert [instruction.keyword for instruction in dockerfile.walk()] == [
        "FROM",
        "RUN",
        "ONBUILD",
        "RUN",
        "COPY",
        "RUN",
    ]
    assert [instruction.text for instruction in dockerfile.walk_keyword(*keywords)] == expected
    assert dockerfile.walk_keyword(*keywords) is dockerfile.walk_keyword(*keywords)  # found once per file
    assert [i.text for i in dockerfile.walk_keyword(*reversed(keywords))] == expected


@given(st.lists(st.text(max_size=8), max_size=5), st.sampled_from(["", " ", "  \t"]), st.booleans())
def test_exec_form_strings_keep_their_values_and_offsets(items: list[str], gap: str, ascii_only: bool) -> None:
    arguments = "[" + ("," + gap).join(json.dumps(item, ensure_ascii=ascii_only) for item in items) + "]"
    dockerfile = parse_dockerfile(f"FROM scratch\nCMD {arguments}\n")
    words = dockerfile.instructions[1].exec_words
    assert words is not None
    assert [word.value for word in words] == items
    base = len("CMD ")
    text = dockerfile.instructions[1].text
    assert [text[word.start : word.end] for word in words] == [word.raw for word in words]
    assert [json.loads(word.raw) for word in words] == items
    assert all(word.start >= base for word in words)
