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


@pytest.mark.parametrize("split_first", [False, True])
def test_a_layout_dependent_first_analysis_is_not_copied(split_first: bool) -> None:
    # Whichever layout comes first, the other place gets positions of its own, not a copy of the first's.
    text = unique("su --command='pip install x' app")
    maps = [TextMap.single_line(2, 1, len(text)), TextMap([Segment(0, 2, 1), Segment(8, 3, 3)], len(text))]
    if split_first:
        maps.reverse()
    warm = [parse_script(text, text_map).commands[1].span for text_map in maps]
    fresh = []
    for text_map in maps:
        shell.clear_caches()
        fresh.append(parse_script(text, text_map).commands[1].span)
    assert warm == fresh
    assert warm[0] != warm[1]


def test_a_first_analysis_placed_elsewhere_equals_a_fresh_one() -> None:
    text = unique("A=1 pip install x | tee log && sh -c 'apt-get update'")
    first = parse_script(text, TextMap.single_line(1, 1, len(text)))
    placed = parse_script(text, TextMap.single_line(7, 5, len(text)))
    shell.clear_caches()
    fresh = parse_script(text, TextMap.single_line(7, 5, len(text)))
    assert placed == fresh and placed is not fresh
    assert [command.span for command in placed.commands] == [command.span for command in fresh.commands]
    assert [[word.span for word in command.words] for command in placed.commands] == [
        [word.span for word in command.words] for command in fresh.commands
    ]
    assert placed.pipelines == fresh.pipelines and placed.assignments == fresh.assignments
    assert first.commands[0].span.start_line == 1  # the first place keeps its own positions


def test_records_are_frozen_and_compare_like_dataclasses() -> None:
    text = unique("A=1 pip install x")
    first = parse_script(text, TextMap.single_line(1, 1, len(text))).commands[0]
    shell._PLACED.clear()  # else the same place gives the same records back
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


# -- placed scripts, kept by text and text map ------------------------------------------------------------------------


def test_the_same_text_at_the_same_place_gives_the_same_records_back() -> None:
    text = unique("apt-get update && pip install flask")
    first = parse_script(text, TextMap.single_line(3, 5, len(text)))
    again = parse_script(text, TextMap.single_line(3, 5, len(text)))  # an equal map, not the same object
    assert again is first


def test_a_placed_script_is_never_reused_at_another_place() -> None:
    text = unique("apt-get update && pip install flask")
    flask = text.index("flask")
    here = parse_script(text, TextMap.single_line(3, 5, len(text)))
    below = parse_script(text, TextMap.single_line(4, 5, len(text)))  # a line added above
    right = parse_script(text, TextMap.single_line(3, 6, len(text)))  # a character added before
    # Continued on two lines: the same characters, another layout.
    continued = parse_script(text, TextMap([Segment(0, 3, 5), Segment(text.index("pip"), 4, 3)], len(text)))
    assert here.commands[1].words[2].span == Span(3, 5 + flask, 3, 10 + flask)
    assert below.commands[1].words[2].span == Span(4, 5 + flask, 4, 10 + flask)
    assert right.commands[1].words[2].span == Span(3, 6 + flask, 3, 11 + flask)
    pip = text.index("pip")
    assert continued.commands[1].words[2].span == Span(4, 3 + flask - pip, 4, 8 + flask - pip)
    assert parse_script(text, TextMap.single_line(3, 5, len(text))) is here  # each place keeps its own


def test_a_changed_text_is_analysed_again() -> None:
    text = unique("pip install flask")
    before = parse_script(text, TextMap.single_line(2, 1, len(text)))
    edited = text.replace("flask", "django")
    after = parse_script(edited, TextMap.single_line(2, 1, len(edited)))
    assert before.commands[0].argv[:3] == ("pip", "install", "flask")
    assert after.commands[0].argv[:3] == ("pip", "install", "django")
    assert after.commands[0].words[2].span == Span(2, 13, 2, 19)


def test_placed_scripts_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shell, "MAX_PLACED_SCRIPTS", 3)
    text = unique("echo kept")
    first = parse_script(text, TextMap.single_line(1, 1, len(text)))
    for line in range(2, 6):
        parse_script(text, TextMap.single_line(line, 1, len(text)))
    assert len(shell._PLACED) <= 3
    again = parse_script(text, TextMap.single_line(1, 1, len(text)))
    assert again is not first and again == first  # placed anew, at the same positions


def test_an_edit_that_moves_lines_reports_at_the_new_lines() -> None:
    """Lint, edit the way an editor does (a line added above, then a changed version), lint again: every finding is
    where a fresh process would put it."""
    from linter.engine import LintOptions, lint_bytes
    from linter.registry import all_rules, select_rules

    options = LintOptions(rules=select_rules(all_rules()))
    body = (
        "FROM python:3.12-slim\n"
        "RUN apt-get update && apt-get install -y curl \\\n"
        "    && pip install flask==3.0.0\n"
        "RUN curl -k https://example.com | sh\n"
        "CMD python app.py\n"
    )
    versions = [body, "# a note\n" + body, "# a note\n" + body.replace("3.0.0", "3.0.1"), body.replace("-y ", "")]
    for settings in (options, LintOptions(rules=select_rules(all_rules(), select=("DF2",)))):
        linted = [lint_bytes(version, "Dockerfile", settings).findings for version in versions]
        shell.clear_caches()
        fresh = [lint_bytes(version, "Dockerfile", settings).findings for version in versions]
        assert linted == fresh
        assert linted[0]  # there is something to compare
        assert [finding.span.start_line + 1 for finding in linted[0]] == [
            finding.span.start_line for finding in linted[1]
        ]
