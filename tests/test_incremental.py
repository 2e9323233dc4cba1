"""Incremental parsing (the language server): a model parsed with the previous model of the same document takes over
the instructions an edit left unchanged, and must equal a model parsed from scratch in everything a rule can see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.engine import FileResult, LintOptions, lint_bytes
from linter.model import Dockerfile, Instruction, parse_dockerfile
from linter.registry import all_rules, select_rules
from tests.helpers import FIXED_TODAY
from tests.test_fuzz import dockerfile_text
from tests.test_fuzz import instruction as generated_instruction

OPTIONS = LintOptions(rules=select_rules(all_rules()), today=FIXED_TODAY)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _describe_instruction(instruction: Instruction) -> tuple[Any, ...]:
    return (
        instruction.keyword,
        instruction.keyword_text,
        instruction.text,
        instruction.text_map.key(),
        instruction.flags,
        instruction.arguments,
        instruction.arguments_offset,
        tuple(
            (heredoc.body, heredoc.body_map.key() if heredoc.body_map else None, heredoc.marker_span, heredoc.end_line)
            for heredoc in instruction.heredocs
        ),
        instruction.stage_index,
        instruction.index,
        instruction.shell,
        dict(instruction.variables),
        instruction.escape,
        instruction.is_trigger,
        instruction.heredoc_end,
        instruction.span,
        instruction.key_values,
        instruction.exec_words,
        tuple(
            (command.argv, command.span, tuple(word.span for word in command.words)) for command in instruction.commands
        ),
    )


def _describe(dockerfile: Dockerfile) -> tuple[Any, ...]:
    return (
        tuple(_describe_instruction(instruction) for instruction in dockerfile.walk()),
        tuple((stage.index, stage.name, stage.base_image, stage.base_stage_index) for stage in dockerfile.stages),
        dict(dockerfile.meta_args),
        dockerfile.problems,
    )


def _lint(data: bytes, previous: FileResult | None = None) -> FileResult:
    model = previous.dockerfile if previous is not None else None
    return lint_bytes(data, "Dockerfile", OPTIONS, incremental=True, previous=model)


def _assert_same_as_fresh(before: bytes, after: bytes) -> FileResult:
    incremental = _lint(after, _lint(before))
    fresh = lint_bytes(after, "Dockerfile", OPTIONS)
    assert incremental.findings == fresh.findings
    assert incremental.error == fresh.error
    if fresh.dockerfile is not None:
        assert incremental.dockerfile is not None
        assert _describe(incremental.dockerfile) == _describe(fresh.dockerfile)
    return incremental


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """A generated Dockerfile and the same after an editor's edit: lines inserted, deleted or replaced."""
    text = draw(dockerfile_text())
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "type"]))
        new_line = draw(
            st.one_of(generated_instruction(), st.sampled_from(["# note", "", "ARG X=1", "ENV Y=2", 'SHELL ["bash"]']))
        )
        if action == "insert":
            lines.insert(position, new_line)
        elif action == "delete" and position < len(lines):
            del lines[position]
        elif action == "replace" and position < len(lines):
            lines[position] = new_line
        elif position < len(lines):  # a keystroke inside a line
            column = draw(st.integers(0, len(lines[position])))
            lines[position] = (
                lines[position][:column]
                + draw(st.sampled_from(["x", " ", "\\", "$", '"', "<<"]))
                + lines[position][column:]
            )
    return text, "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_an_edited_document_lints_as_a_fresh_one(pair: tuple[str, str]) -> None:
    before, after = pair
    _assert_same_as_fresh(before.encode("utf-8", "surrogatepass"), after.encode("utf-8", "surrogatepass"))


SERVICE = """\
# syntax=docker/dockerfile:1
ARG PYTHON=3.12
FROM python:${PYTHON}-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y curl
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN <<EOF
pip install gunicorn==22.0.0
EOF
FROM python:${PYTHON}-slim
COPY --from=build /usr/local /usr/local
ONBUILD RUN pip install extra
CMD gunicorn app:app --workers 4
"""


def test_unchanged_instructions_are_taken_over_with_their_analyses() -> None:
    before = parse_dockerfile(SERVICE, incremental=True)
    for instruction in before.walk():
        instruction.commands  # noqa: B018 - worked out once, then kept with the instruction
    after = parse_dockerfile(SERVICE.replace("curl", "wget"), incremental=True, previous=before)
    changed = [index for index, instruction in enumerate(after.instructions) if "wget" in instruction.text]
    assert changed == [3]
    for index, instruction in enumerate(after.instructions):
        assert (instruction is before.instructions[index]) == (index not in changed)
    assert after.instructions[5].__dict__["commands"] is before.instructions[5].__dict__["commands"]


def test_what_an_instruction_depends_on_elsewhere_is_not_taken_over() -> None:
    before = parse_dockerfile(SERVICE, incremental=True)
    cases = {
        "a line inserted above moves it": "# note\n" + SERVICE,
        "a variable it sees changed": SERVICE.replace(
            "PIP_DISABLE_PIP_VERSION_CHECK=1", "PIP_DISABLE_PIP_VERSION_CHECK=0"
        ),
        "the shell changed": SERVICE.replace(
            "FROM python:${PYTHON}-slim AS build\n", 'FROM python:${PYTHON}-slim AS build\nSHELL ["bash", "-c"]\n'
        ),
        "the escape character changed": "# escape=`\n" + SERVICE.split("\n", 1)[1],
    }
    for case, text in cases.items():
        after = parse_dockerfile(text, incremental=True, previous=before)
        run = next(
            instruction
            for instruction in after.instructions
            if "requirements.txt" in instruction.text and instruction.keyword == "RUN"
        )
        assert all(run is not old for old in before.instructions), case
        assert _describe(after) == _describe(parse_dockerfile(text)), case


def test_a_model_parsed_without_incremental_lends_nothing() -> None:
    before = parse_dockerfile(SERVICE)
    assert not before.reusable
    after = parse_dockerfile(SERVICE, incremental=True, previous=before)
    assert all(new is not old for new, old in zip(after.instructions, before.instructions, strict=True))
    assert len(after.reusable) == len(after.instructions)


def test_edits_of_real_dockerfiles() -> None:
    files = sorted(path for path in CORPUS.rglob("*") if path.is_file())[::25]
    assert files
    for path in files:
        data = path.read_bytes()
        lines = data.split(b"\n")
        middle = len(lines) // 2
        variants = [
            b"# note\n" + data,
            b"\n".join([*lines[:middle], lines[middle] + b" x", *lines[middle + 1 :]]),
            b"\n".join([*lines[:middle], *lines[middle + 1 :]]),
        ]
        for after in variants:
            _assert_same_as_fresh(data, after)
