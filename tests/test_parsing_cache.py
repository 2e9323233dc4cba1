"""What an instruction's text says is worked out once per text and placed with each instruction's own positions.

The model memoises the keyword and flags, the JSON form, the key/value pairs and the problems of an instruction text;
the same text at another place (an editor inserting a line above, a repeated `RUN`) must still get exact spans.
"""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import FrozenInstanceError

import pytest

from linter.model import Instruction, KeyValue, parse_dockerfile
from linter.positions import Span


def moved(span: Span | None, lines: int, columns: int = 0) -> Span | None:
    if span is None:
        return None
    return Span(span.start_line + lines, span.start_column + columns, span.end_line + lines, span.end_column + columns)


INSTRUCTIONS = (
    'ENV A=1 B="two words" \\\n    C=3\n'
    "ENV LEGACY value with spaces\n"
    "ARG VERSION=1.0 OTHER\n"
    'LABEL org.opencontainers.image.title="x y"\n'
    "RUN --mount=type=cache,target=/root/.cache --network=none pip install x\n"
    'CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]\n'
    "COPY --from=build --chown=app /src /dst\n"
    "ONBUILD COPY . /app\n"
    "EXPOSE 8000/tcp\n"
)


@pytest.mark.parametrize(("prefix", "lines", "columns"), [("", 0, 0), ("# a\n\n", 2, 0), ("# note\n", 1, 0)])
def test_the_same_instructions_elsewhere_get_their_own_spans(prefix: str, lines: int, columns: int) -> None:
    here = parse_dockerfile("FROM alpine AS build\n" + INSTRUCTIONS)
    there = parse_dockerfile(prefix + "FROM alpine AS build\n" + INSTRUCTIONS)
    assert len(here.instructions) == len(there.instructions)
    for old, new in zip(here.walk(), there.walk(), strict=True):
        assert (new.keyword, new.text, new.arguments_offset) == (old.keyword, old.text, old.arguments_offset)
        assert new.span == moved(old.span, lines, columns)
        assert new.keyword_span == moved(old.keyword_span, lines, columns)
        assert new.arguments_span == moved(old.arguments_span, lines, columns)
        assert new.line == old.line + lines
        for old_flag, new_flag in zip(old.flags, new.flags, strict=True):
            assert (new_flag.name, new_flag.value) == (old_flag.name, old_flag.value)
            assert new_flag.span == moved(old_flag.span, lines, columns)
            assert new_flag.value_span == moved(old_flag.value_span, lines, columns)
        for old_pair, new_pair in zip(old.key_values, new.key_values, strict=True):
            assert (new_pair.key, new_pair.value) == (old_pair.key, old_pair.value)
            assert new_pair.span == moved(old_pair.span, lines, columns)
            assert new_pair.key_span == moved(old_pair.key_span, lines, columns)
        for old_word, new_word in zip(old.exec_words or (), new.exec_words or (), strict=True):
            assert new_word.span == moved(old_word.span, lines, columns)
        assert new.words == old.words


def test_key_values_and_their_spans() -> None:
    d = parse_dockerfile('FROM alpine\nENV A=1 B="two words" \\\n    C=3\nENV LEGACY value with spaces\nARG V=1.0 W\n')
    env, legacy, arg = d.instructions[1:]
    assert [(pair.key, pair.value) for pair in env.key_values] == [("A", "1"), ("B", "two words"), ("C", "3")]
    assert [pair.span for pair in env.key_values] == [Span(2, 5, 2, 8), Span(2, 9, 2, 22), Span(3, 5, 3, 8)]
    assert [pair.key_span for pair in env.key_values] == [Span(2, 5, 2, 6), Span(2, 9, 2, 10), Span(3, 5, 3, 6)]
    (pair,) = legacy.key_values
    assert (pair.key, pair.value, pair.span, pair.key_span) == (
        "LEGACY",
        "value with spaces",
        Span(4, 5, 4, 29),
        Span(4, 5, 4, 11),
    )
    assert [(pair.key, pair.value, pair.span) for pair in arg.key_values] == [
        ("V", "1.0", Span(5, 5, 5, 10)),
        ("W", None, Span(5, 11, 5, 12)),
    ]


def test_key_value_is_a_frozen_record() -> None:
    pair = parse_dockerfile("FROM alpine\nENV A=1\n").instructions[1].key_values[0]
    made = KeyValue("A", "1", Span(2, 5, 2, 8), Span(2, 5, 2, 6))
    assert pair == made and hash(pair) == hash(made)
    assert repr(made).startswith("KeyValue(key='A', value='1', span=Span(")
    assert pickle.loads(pickle.dumps(pair)) == pair
    with pytest.raises(FrozenInstanceError):
        pair.key = "B"  # type: ignore[misc]


def test_the_same_bad_text_is_reported_where_each_copy_is() -> None:
    d = parse_dockerfile("FROM alpine\nCOPY --frm=x a\nRUN true\nCOPY --frm=x a\nONBUILD FROM x\nONBUILD FROM x\n")
    assert [(p.span, p.message) for p in d.problems] == [
        (Span(2, 6, 2, 13), "unknown flag `--frm` for COPY"),
        (Span(2, 14, 2, 15), "COPY requires a source and a destination"),
        (Span(4, 6, 4, 13), "unknown flag `--frm` for COPY"),
        (Span(4, 14, 4, 15), "COPY requires a source and a destination"),
        (Span(5, 9, 5, 13), "FROM isn't allowed as an ONBUILD trigger"),
        (Span(6, 9, 6, 13), "FROM isn't allowed as an ONBUILD trigger"),
    ]


def test_instruction_spans_with_heredocs_end_at_the_terminator() -> None:
    d = parse_dockerfile("FROM alpine\nRUN <<EOF cat\necho hi\nEOF\nRUN <<EOF\nnot closed\n")
    closed, open_ = d.instructions[1:]
    assert closed.span == Span(2, 1, 4, 4)
    assert open_.span == Span(5, 1, 6, 11)


def test_built_instructions_have_every_field_of_the_dataclass() -> None:
    d = parse_dockerfile("FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\nCOPY --chown=a x /y\n")
    names = {field.name for field in dataclasses.fields(Instruction)}
    for instruction in d.walk():
        assert names <= set(vars(instruction)), names - set(vars(instruction))
