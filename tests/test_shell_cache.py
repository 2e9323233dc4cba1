"""The shell analysis is shared between the places a script text occurs, and spans are computed when asked for.

An editing session relints the same scripts after every keystroke: tree-sitter parses a text once (the analysis is
memoised by text, with offsets only), each place gets its own positions from its own TextMap, and nothing computes a
span that nobody asks for.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError

import pytest

from linter import shell
from linter.model import parse_dockerfile
from linter.positions import Segment, Span, TextMap
from linter.shell import Assignment, Command, Word, parse_script


def unique(text: str) -> str:
    """A script no other test parses (the analysis cache is shared by the whole process)."""
    return f"{text} # {__name__}.{id(text)}.{len(text)}"


def test_tree_sitter_parses_a_text_once_and_each_place_gets_its_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    parses: list[str] = []
    original = shell._parse_tree_root
    monkeypatch.setattr(shell, "_parse_tree_root", lambda text: parses.append(text) or original(text))
    text = unique("apt-get update && pip install --no-cache-dir flask")
    here = parse_script(text, TextMap.single_line(3, 5, len(text)))
    there = parse_script(text, TextMap.single_line(40, 1, len(text)))
    assert len(parses) == 1
    assert [command.argv for command in here.commands] == [command.argv for command in there.commands]
    flask, pip = text.index("flask"), text.index("pip")
    assert here.commands[1].words[3].span == Span(3, 5 + flask, 3, 5 + flask + 5)
    assert there.commands[1].words[3].span == Span(40, 1 + flask, 40, 1 + flask + 5)
    assert here.commands[1].span == Span(3, 5 + pip, 3, 5 + flask + 5)
    assert there.commands[1].span == Span(40, 1 + pip, 40, 1 + flask + 5)


def test_a_line_added_above_moves_every_position_below() -> None:
    body = "FROM python:3.12-slim\nRUN pip install flask && useradd -m app\nUSER app\n"
    before = parse_dockerfile(body)
    after = parse_dockerfile("# a note\n" + body)
    for old, new in zip(before.walk(), after.walk(), strict=True):
        assert new.span == Span(
            old.span.start_line + 1, old.span.start_column, old.span.end_line + 1, old.span.end_column
        )
        for old_command, new_command in zip(old.commands, new.commands, strict=True):
            assert new_command.span.start_line == old_command.span.start_line + 1
            for old_word, new_word in zip(old_command.words, new_command.words, strict=True):
                assert (new_word.start, new_word.end, new_word.value) == (old_word.start, old_word.end, old_word.value)
                assert new_word.span.start_line == old_word.span.start_line + 1


def test_spans_are_computed_only_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[int, int]] = []
    original = TextMap.span
    monkeypatch.setattr(
        TextMap, "span", lambda self, start, end: asked.append((start, end)) or original(self, start, end)
    )
    text = unique("export A=1 && exec sudo -u app sh -c 'pip install x | tee log' && echo $A")
    script = parse_script(text, TextMap.single_line(1, 1, len(text)))
    effective = [command.effective() for command in script.commands]
    assert asked == []
    assert script.commands[0].words[0].span == Span(1, 1, 1, 7)
    assert asked == [(0, 6)]
    assert len(effective) == len(script.commands)


def test_the_same_text_laid_out_otherwise_keeps_exact_positions() -> None:
    # `su --command=…`: where the script inside the word sits depends on whether the word is on one line.
    text = unique("su --command='pip install x' app")
    flat = parse_script(text, TextMap.single_line(2, 1, len(text)))
    split = parse_script(text, TextMap([Segment(0, 2, 1), Segment(8, 3, 3)], len(text)))  # `su --com` | `mand=…`
    assert [command.argv for command in flat.commands] == [command.argv for command in split.commands]
    nested_flat, nested_split = flat.commands[1], split.commands[1]
    assert nested_flat.nested_in == nested_split.nested_in == "su -c"
    word_start, word_end = 3, text.index(" app")
    assert nested_flat.span == Span(2, 1 + word_start + 10, 2, 1 + word_end)  # after `--command=`, on one line
    assert nested_split.span == Span(2, 4, 3, 3 + word_end - 8)  # the whole word: it is not on one line


def test_records_are_frozen_and_compare_like_dataclasses() -> None:
    text = unique("A=1 pip install x")
    first = parse_script(text, TextMap.single_line(1, 1, len(text))).commands[0]
    again = parse_script(text, TextMap.single_line(1, 1, len(text))).commands[0]
    moved = parse_script(text, TextMap.single_line(2, 1, len(text))).commands[0]
    assert first == again and hash(first) == hash(again) and first is not again
    assert first != moved  # the span is a field
    assert first.words[1] == again.words[1] != moved.words[1]
    with pytest.raises(FrozenInstanceError):
        first.start = 3  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        first.words[0].value = "x"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        first.env[0].name = "B"  # type: ignore[misc]
    assert repr(
        first.words[0]
    ) == "Word(value='pip', raw='pip', start=4, end=7, span=Span(start_line=1, start_column=5, " + (
        "end_line=1, end_column=8), is_static=True)"
    )
    for record in (first, first.words[0], first.env[0]):
        assert pickle.loads(pickle.dumps(record)) == record
        assert copy.deepcopy(record) == record


def test_records_made_by_hand_keep_their_span() -> None:
    span = Span(7, 3, 7, 6)
    word = Word("pip", "pip", 0, 3, span, True)
    assignment = Assignment("A", None, span)
    command = Command((word,), (assignment,), 0, 3, span)
    assert word.span is span and assignment.span is span and command.span is span
    assert command.effective() is command
    assert command == Command(words=(word,), env=(assignment,), start=0, end=3, span=span)
