"""The fix engine (linter.fixer), with small made-up rules whose fixes are good, overlapping or buggy on purpose."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from linter.engine import LintOptions
from linter.fixer import (
    NOT_UTF8,
    FixOutcome,
    decode_exactly,
    fix_bytes,
    newline_of,
    unified_diff,
    write_fixed,
)
from linter.model import Dockerfile
from linter.positions import Span
from linter.registry import all_rules, find_rule
from linter.rule import Edit, Fix, Rule, RuleContext, Severity, Violation

# ------------------------------------------------------------------------------------------------------------------
# Made-up rules
# ------------------------------------------------------------------------------------------------------------------


def word_rule(
    code: str,
    word: str,
    replacement: str | Callable[[str], str],
    *,
    safe: bool = True,
    changes_structure: bool = False,
    extra_edits: Callable[[Dockerfile], tuple[Edit, ...]] = lambda _d: (),
    crash_on: str | None = None,
) -> Rule:
    """Reports each occurrence of ``word`` (regex) and fixes it by replacing it with ``replacement``."""
    pattern = re.compile(word)

    def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
        if crash_on is not None and crash_on in dockerfile.text:
            raise RuntimeError("boom")
        for number, line in enumerate(dockerfile.lines, start=1):
            for match in pattern.finditer(line):
                span = Span(number, match.start() + 1, number, match.end() + 1)
                text = replacement(match.group()) if callable(replacement) else replacement
                edits = (Edit(span, text), *extra_edits(dockerfile))
                fix = Fix(f"replace {match.group()!r}", edits, safe=safe, changes_structure=changes_structure)
                yield Violation(span, f"`{match.group()}` found", fix)

    return Rule(code, f"rule-{code.lower()}", Severity.WARNING, "made up", (), check, "", fixable=True)


def fix(text: str | bytes, *rules: Rule, unsafe: bool = False, max_rounds: int = 10) -> FixOutcome:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return fix_bytes(data, "Dockerfile", LintOptions(rules=rules), unsafe=unsafe, max_rounds=max_rounds)


def fixed_text(text: str, *rules: Rule, **kwargs: object) -> str:
    return fix(text, *rules, **kwargs).fixed.decode("utf-8")  # type: ignore[arg-type]


FOO = word_rule("DF901", "foo", "bar")


# ------------------------------------------------------------------------------------------------------------------
# Applying edits
# ------------------------------------------------------------------------------------------------------------------


def test_applies_a_fix_and_reports_it() -> None:
    outcome = fix("FROM alpine\nRUN echo foo  # foo\n", FOO)
    assert outcome.fixed == b"FROM alpine\nRUN echo bar  # bar\n"
    assert [(a.code, a.span.start_column, a.round) for a in outcome.applied] == [("DF901", 10, 1), ("DF901", 17, 1)]
    assert outcome.counts() == {"DF901": 2}
    assert outcome.result.findings == ()
    assert outcome.rejected == ()
    assert outcome.converged


def test_nothing_to_fix_returns_the_same_bytes() -> None:
    data = b"FROM alpine\nRUN echo hi\n"
    outcome = fix(data, FOO)
    assert outcome.fixed is data
    assert not outcome.changed
    assert outcome.applied == ()


def test_overlapping_fix_waits_for_the_next_round_and_is_never_half_applied() -> None:
    # DF902's fix edits line 2 and line 1's "foo", which DF901 (reported first) also edits: DF902 is dropped whole
    # from round 1, so line 2 is untouched; in round 2 it applies on the new text.
    def also_line_one(dockerfile: Dockerfile) -> tuple[Edit, ...]:
        column = dockerfile.lines[0].find("foo") + 1
        return (Edit(Span(1, column, 1, column + 3), "FOO"),) if column else ()

    both = word_rule("DF902", "qux", "QUX", extra_edits=also_line_one)
    text = "FROM foo\nRUN qux\n"
    assert fixed_text(text, FOO, both, max_rounds=1) == "FROM bar\nRUN qux\n"
    outcome = fix(text, FOO, both)
    assert outcome.fixed == b"FROM bar\nRUN QUX\n"
    assert [(a.code, a.round) for a in outcome.applied] == [("DF901", 1), ("DF902", 2)]


def test_overlapping_fix_whose_finding_vanishes_is_not_applied() -> None:
    oo = word_rule("DF903", "oo", "00")
    outcome = fix("FROM alpine\nRUN foo\n", FOO, oo)
    assert outcome.fixed == b"FROM alpine\nRUN bar\n"
    assert outcome.counts() == {"DF901": 1}


def test_a_deferred_finding_of_the_same_rule_does_not_count_against_the_fix() -> None:
    # One rule, two overlapping findings: "abc" (fixed to "xbc") and "bc". The "bc" finding is still there after
    # round 1, but it is the deferred one, not a failure of the "abc" fix.
    whole = word_rule("DF920", "abc", "xbc")
    tail = word_rule("DF920", "bc", "y")

    def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
        yield from whole.check(dockerfile, context)
        yield from tail.check(dockerfile, context)

    both = Rule("DF920", "both", Severity.WARNING, "made up", (), check, "", fixable=True)
    outcome = fix("FROM alpine\nRUN abc\n", both)
    assert outcome.fixed == b"FROM alpine\nRUN xy\n"
    assert outcome.rejected == ()
    assert [(a.message, a.round) for a in outcome.applied] == [("`abc` found", 1), ("`bc` found", 2)]


def test_a_fix_stale_next_to_another_waits_for_the_next_round() -> None:
    # Like keyword casing and `AS` casing: DF921 upper-cases the keyword, DF922 wants the word cased like the keyword.
    # Each fix is right alone; together DF922's is stale, so it waits and is recomputed (here: no longer needed).
    keyword = word_rule("DF921", "^run", "RUN")

    def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
        for number, line in enumerate(dockerfile.lines, start=1):
            match = re.fullmatch(r"(run|RUN) ([xX])", line)
            if match and match.group(1).isupper() != match.group(2).isupper():
                wanted = match.group(2).upper() if match.group(1).isupper() else match.group(2).lower()
                span = Span(number, 5, number, 6)
                yield Violation(span, "case", Fix("case the word like the keyword", (Edit(span, wanted),)))

    word = Rule("DF922", "word-case", Severity.WARNING, "made up", (), check, "", fixable=True)
    outcome = fix("FROM alpine\nrun X\n", keyword, word)
    assert outcome.fixed == b"FROM alpine\nRUN X\n"
    assert outcome.rejected == ()
    assert outcome.counts() == {"DF921": 1}


def test_insertions_at_one_point_from_two_fixes_do_not_interleave() -> None:
    left = word_rule("DF904", "(?<=RUN )x", "ax")
    right = word_rule("DF905", "(?<=RUN )x", "xb")
    outcome = fix("FROM alpine\nRUN x\n", left, right, max_rounds=1)
    assert outcome.fixed == b"FROM alpine\nRUN ax\n"


def test_fixes_repeat_in_rounds_until_stable() -> None:
    # DF906's fixes make DF907's findings, whose fixes make DF908's.
    rules = (word_rule("DF906", "aa", "b"), word_rule("DF907", "bb", "c"), word_rule("DF908", "cc", "d"))
    outcome = fix("FROM alpine\nRUN aaaaaaaa\n", *rules)
    assert outcome.fixed == b"FROM alpine\nRUN d\n"
    assert outcome.converged
    assert [(a.code, a.round) for a in outcome.applied] == [("DF906", 1)] * 4 + [("DF907", 2)] * 2 + [("DF908", 3)]


def test_rounds_are_bounded() -> None:
    # Each fix removes its finding and makes one of the other rule: it never ends.
    bump = lambda found: chr(ord(found[0]) ^ 1) + str(int(found[1:]) + 1)  # noqa: E731 - p1 -> q2 -> p3 ...
    rules = (word_rule("DF906", r"p\d+", bump), word_rule("DF907", r"q\d+", bump))
    outcome = fix("FROM alpine\nRUN p1\n", *rules, max_rounds=4)
    assert outcome.fixed == b"FROM alpine\nRUN p5\n"
    assert not outcome.converged


def test_fixes_that_undo_each_other_stop() -> None:
    ping = word_rule("DF908", "ping", "pong")
    pong = word_rule("DF909", "pong", "ping")
    outcome = fix("FROM alpine\nRUN ping\n", ping, pong)
    assert not outcome.converged
    assert len(outcome.applied) == 2


def test_same_repair_reported_twice_is_applied_once() -> None:
    first = word_rule("DF910", "dup", "ok")
    second = word_rule("DF911", "dup", "ok")
    outcome = fix("FROM alpine\nRUN dup\n", first, second)
    assert outcome.fixed == b"FROM alpine\nRUN ok\n"
    assert outcome.counts() == {"DF910": 1, "DF911": 1}


def test_unsafe_fixes_only_when_asked() -> None:
    risky = word_rule("DF912", "foo", "bar", safe=False)
    assert fix("FROM alpine\nRUN foo\n", risky).fixed == b"FROM alpine\nRUN foo\n"
    outcome = fix("FROM alpine\nRUN foo\n", risky, unsafe=True)
    assert outcome.fixed == b"FROM alpine\nRUN bar\n"
    assert outcome.applied[0].safe is False


# ------------------------------------------------------------------------------------------------------------------
# Buggy fixes are rolled back, never written
# ------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        (word_rule("DF913", "bad", "bad"), "it did not remove its finding"),
        (word_rule("DF913", "bad", "badbad"), "it did not remove its finding"),
        (word_rule("DF913", "bad", "<<EOF"), "it introduces a parse error: unterminated heredoc"),
        (word_rule("DF913", "bad", "x\nRUN y"), "it changes the file from 1 stages and 3 instructions to 1 and 4"),
        (word_rule("DF913", "bad", "boom", crash_on="boom"), "a rule fails on the fixed text: internal error in rule"),
        (
            word_rule("DF913", "bad", "ok", extra_edits=lambda _d: (Edit(Span(40, 1, 40, 2), "x"),)),
            "an edit's span 40:1-40:2 is not a range of the file",
        ),
        (
            word_rule("DF913", "bad", "ok", extra_edits=lambda _d: (Edit(Span(2, 5, 2, 7), "x"),)),
            "two of the fix's own edits overlap",
        ),
        (
            word_rule("DF913", "bad", "ok", extra_edits=lambda _d: (Edit(Span(1, 30, 1, 31), "x"),)),
            "an edit's span 1:30-1:31 is not a range of the file",
        ),
    ],
)
def test_buggy_fix_is_rolled_back_and_reported(rule: Rule, reason: str) -> None:
    text = "FROM alpine\nRUN bad\nRUN foo\n"
    outcome = fix(text, rule, FOO)
    assert outcome.fixed == b"FROM alpine\nRUN bad\nRUN bar\n"  # the good fix still lands
    assert [r.code for r in outcome.rejected] == ["DF913"]
    assert outcome.rejected[0].reason.startswith(reason)
    assert outcome.counts() == {"DF901": 1}


def test_declared_structure_change_is_accepted() -> None:
    split = word_rule("DF914", "two", "one\nRUN done", changes_structure=True)
    outcome = fix("FROM alpine\nRUN two\n", split)
    assert outcome.fixed == b"FROM alpine\nRUN one\nRUN done\n"
    assert outcome.rejected == ()


def test_a_structure_change_does_not_excuse_another_fix_in_its_round() -> None:
    split = word_rule("DF914", "two", "one\nRUN done", changes_structure=True)
    sneaky = word_rule("DF915", "bad", "x\nRUN y")
    outcome = fix("FROM alpine\nRUN two\nRUN bad\n", split, sneaky)
    assert outcome.fixed == b"FROM alpine\nRUN one\nRUN done\nRUN bad\n"
    assert [r.code for r in outcome.rejected] == ["DF915"]


def test_existing_parse_errors_do_not_block_fixes() -> None:
    outcome = fix("FROM alpine\nFOO bar\nRUN foo\n", FOO)
    assert outcome.fixed == b"FROM alpine\nFOO bar\nRUN bar\n"
    assert outcome.rejected == ()


# ------------------------------------------------------------------------------------------------------------------
# Bytes outside the edits
# ------------------------------------------------------------------------------------------------------------------


def test_crlf_is_kept_and_inserted_newlines_follow_it() -> None:
    wrap = word_rule("DF916", "long", "a \\\n    b")
    outcome = fix("FROM alpine\r\nRUN long foo\r\n# comment\r\n", wrap, FOO)
    assert outcome.fixed == b"FROM alpine\r\nRUN a \\\r\n    b bar\r\n# comment\r\n"


def test_crlf_columns_do_not_count_the_carriage_return() -> None:
    at_end = word_rule("DF917", "foo$", "bar")
    assert fix("FROM alpine\r\nRUN foo\r\n", at_end).fixed == b"FROM alpine\r\nRUN bar\r\n"


def test_mixed_line_endings_are_left_as_they_are() -> None:
    outcome = fix("FROM alpine\r\nRUN foo\nRUN x\r\n", FOO)
    assert outcome.fixed == b"FROM alpine\r\nRUN bar\nRUN x\r\n"


def test_bom_is_preserved() -> None:
    data = codecs.BOM_UTF8 + b"FROM alpine\nRUN foo\n"
    assert fix(data, FOO).fixed == codecs.BOM_UTF8 + b"FROM alpine\nRUN bar\n"


def test_utf16_with_bom_is_written_back_in_utf16() -> None:
    data = codecs.BOM_UTF16_LE + "FROM alpine\nRUN foo é\n".encode("utf-16-le")
    assert fix(data, FOO).fixed == codecs.BOM_UTF16_LE + "FROM alpine\nRUN bar é\n".encode("utf-16-le")


def test_missing_final_newline_stays_missing() -> None:
    assert fix("FROM alpine\nRUN foo", FOO).fixed == b"FROM alpine\nRUN bar"


def test_continuations_comments_indentation_and_backtick_escape_are_kept() -> None:
    text = "# escape=`\nFROM alpine\nRUN echo a `\n    # note\n\n    foo `\n\tfoo\n"
    assert fixed_text(text, FOO) == "# escape=`\nFROM alpine\nRUN echo a `\n    # note\n\n    bar `\n\tbar\n"


def test_non_ascii_columns_count_characters() -> None:
    assert fixed_text("FROM alpine\nRUN echo ünïcödé foo\n", FOO) == "FROM alpine\nRUN echo ünïcödé bar\n"


def test_invalid_utf8_is_never_fixed() -> None:
    data = b"FROM alpine\nRUN echo \xff foo\n"
    outcome = fix(data, FOO)
    assert outcome.fixed == data
    assert outcome.error == NOT_UTF8
    assert outcome.report().error is not None and "not valid UTF-8" in outcome.report().error


def test_invalid_utf8_without_fixes_is_no_error() -> None:
    outcome = fix(b"FROM alpine\nRUN echo \xff\n", FOO)
    assert outcome.error is None


def test_binary_input_is_not_fixed() -> None:
    data = b"\x00\x01foo"
    outcome = fix(data, FOO)
    assert outcome.fixed == data
    assert outcome.result.error is not None


# ------------------------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"FROM a\n", ("FROM a\n", b"", "utf-8")),
        (codecs.BOM_UTF8 + b"FROM a\n", ("FROM a\n", codecs.BOM_UTF8, "utf-8")),
        (codecs.BOM_UTF16_BE + "FROM a\n".encode("utf-16-be"), ("FROM a\n", codecs.BOM_UTF16_BE, "utf-16-be")),
        (codecs.BOM_UTF32_LE + "FROM a\n".encode("utf-32-le"), ("FROM a\n", codecs.BOM_UTF32_LE, "utf-32-le")),
        (b"FROM \xc3\n", None),
        (codecs.BOM_UTF16_LE + b"F\x00\x00", None),
    ],
)
def test_decode_exactly(data: bytes, expected: tuple[str, bytes, str] | None) -> None:
    decoded = decode_exactly(data)
    if expected is None:
        assert decoded is None
    else:
        assert decoded is not None
        text, encoding = decoded
        assert (text, encoding.bom, encoding.codec) == expected
        assert encoding.encode(text) == data


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\nb\n", "\n"), ("a\r\nb\r\n", "\r\n"), ("a\r\nb\nc\r\n", "\r\n"), ("a\r\nb\nc\n", "\n"), ("", "\n")],
)
def test_newline_of(text: str, newline: str) -> None:
    assert newline_of(text) == newline


def test_unified_diff_marks_a_missing_final_newline() -> None:
    outcome = fix("FROM alpine\nRUN foo", FOO)
    assert unified_diff(outcome) == (
        "--- Dockerfile\n+++ Dockerfile\n@@ -1,2 +1,2 @@\n FROM alpine\n-RUN foo\n\\ No newline at end of file\n"
        "+RUN bar\n\\ No newline at end of file\n"
    )


def test_unified_diff_is_empty_without_changes() -> None:
    assert unified_diff(fix("FROM alpine\n", FOO)) == ""


# ------------------------------------------------------------------------------------------------------------------
# Real rules
# ------------------------------------------------------------------------------------------------------------------


def _rule(code: str) -> Rule:
    rule = find_rule(code, all_rules())
    if rule is None or not rule.fixable:
        pytest.skip(f"no fixable rule {code}")
    return rule


def test_real_fixes_are_idempotent() -> None:
    rules = tuple(all_rules())
    text = (
        "FROM python:3.12-slim\r\n"
        "RUN pip install fastapi \\\r\n"
        "    && pip install uvicorn\r\n"
        "CMD uvicorn app.main:app --host 0.0.0.0\r\n"
    )
    once = fix_bytes(text.encode(), "Dockerfile", LintOptions(rules=rules), unsafe=True)
    twice = fix_bytes(once.fixed, "Dockerfile", LintOptions(rules=rules), unsafe=True)
    assert once.changed
    assert twice.fixed == once.fixed
    assert twice.applied == ()
    assert b"\r\n" in once.fixed and b"\n" not in once.fixed.replace(b"\r\n", b"")


def test_real_rule_crlf_bom_and_no_final_newline() -> None:
    rule = _rule("DF202")
    data = codecs.BOM_UTF8 + b"FROM python:3.12-slim\r\nRUN pip install fastapi"
    outcome = fix_bytes(data, "Dockerfile", LintOptions(rules=(rule,)))
    assert outcome.fixed == codecs.BOM_UTF8 + b"FROM python:3.12-slim\r\nRUN pip install --no-cache-dir fastapi"


# ------------------------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------------------------


def test_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "Dockerfile"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    write_fixed(str(target), b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["Dockerfile"]


def test_write_follows_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.Dockerfile"
    real.write_bytes(b"old\n")
    link = tmp_path / "Dockerfile"
    link.symlink_to(real.name)
    write_fixed(str(link), b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_write_refuses_a_read_only_file(tmp_path: Path) -> None:
    target = tmp_path / "Dockerfile"
    target.write_bytes(b"old\n")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_fixed(str(target), b"new\n")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["Dockerfile"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes in read-only folders")
def test_write_refuses_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "Dockerfile"
    target.write_bytes(b"old\n")
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_fixed(str(target), b"new\n")
    finally:
        folder.chmod(0o755)
    assert target.read_bytes() == b"old\n"


def test_crlf_without_final_newline() -> None:
    at_end = word_rule("DF917", "foo$", "bar")
    assert fix("FROM alpine\r\nRUN foo\r", at_end).fixed == b"FROM alpine\r\nRUN bar\r"
