"""The fix engine: apply the fixes findings carry, in rounds, and keep only those that provably did their job.

A round lints the text, takes every applicable fix (safe ones; unsafe ones too when asked) in the order of the
findings, drops a whole fix when one of its edits overlaps an edit already taken (never half a fix), and applies
the rest at once. Edits are spans of the text the round started from: 1-based lines and columns, end column
exclusive, lines split on "\\n" with one trailing "\\r" dropped, a BOM not counted.

The new text is linted again, and the round is checked: every applied fix must have removed its finding, no parse
error may appear that was not there, and the file must still parse to the same number of stages and instructions
(unless a fix declares ``changes_structure``). When the batch fails a check, the round is redone one fix at a time
and a fix that fails is rolled back and reported as a bug, never written. Rounds repeat until no fix applies (fixes
that touch the same text land in later rounds), at most :data:`MAX_ROUNDS` times.

Nothing outside the edits changes: the BOM, the encoding, the line endings (an edit's newlines take the file's
style), the final newline, the escape character, comments and indentation stay as they were.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import errno
import itertools
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from linter.engine import FileResult, Finding, LintOptions, lint_bytes, read_file
from linter.positions import Span
from linter.regex import lazy_compile

MAX_ROUNDS = 10

# Same order as the pre-pass (linter.source): UTF-32 LE starts with UTF-16 LE's BOM, so it is tried first.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINE = lazy_compile(r"\r?\n")

NOT_UTF8 = (
    "not fixed: the file is not valid UTF-8 (it was read with replacement characters), "
    "so writing it back would change bytes no fix touched"
)


# ------------------------------------------------------------------------------------------------------------------
# Results
# ------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppliedFix:
    code: str
    name: str
    message: str  # the finding's message, on the text before the fix
    span: Span  # the finding's span, on the text of the round that fixed it
    description: str
    safe: bool
    round: int
    changes_structure: bool = False


@dataclass(frozen=True, slots=True)
class RejectedFix:
    """A fix the fixer refused: a bug in the rule that produced it, never written."""

    code: str
    message: str
    description: str
    reason: str


@dataclass(frozen=True)
class FixOutcome:
    path: str
    original: bytes
    fixed: bytes
    result: FileResult  # the lint of ``fixed``
    original_result: FileResult | None = None  # the lint of ``original`` (what to report when nothing is written)
    applied: tuple[AppliedFix, ...] = ()
    rejected: tuple[RejectedFix, ...] = ()
    error: str | None = None  # why the file was not fixed (it is still linted: ``result``)
    converged: bool = True  # False when fixes still applied after MAX_ROUNDS rounds, or undid each other

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def counts(self) -> Counter[str]:
        """Applied fixes per rule code."""
        return Counter(fix.code for fix in self.applied)

    def report(self, written: bool = True, error: str | None = None) -> FileResult:
        """What to report for the file: the lint of the fixed text when it was ``written`` (or goes to stdout), else
        of the original; the fixer's own error and ``error`` (a failed write, say) added to the file's errors."""
        result = self.result if written or self.original_result is None else self.original_result
        errors = "; ".join(part for part in (result.error, self.error, error) if part)
        return replace(result, error=errors or None)


# ------------------------------------------------------------------------------------------------------------------
# Text, encoding and positions
# ------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Encoding:
    bom: bytes
    codec: str

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def decode_exactly(data: bytes) -> tuple[str, _Encoding] | None:
    """The text the linter sees (BOM dropped) and how to write it back byte for byte; None when the bytes do not
    decode cleanly (the linter then reads them with replacement characters, which must never be written)."""
    bom, codec = next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), (b"", "utf-8"))
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError:
        return None
    encoding = _Encoding(bom, codec)
    return (text, encoding) if encoding.encode(text) == data else None


def newline_of(text: str) -> str:
    """The file's newline: CRLF when most lines end with it (as the pre-pass decides), else LF."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    crlf = sum(1 for line in lines if line.endswith("\r"))
    return "\r\n" if lines and crlf * 2 > len(lines) else "\n"


class _Positions:
    """Line/column <-> offset on one text, with the linter's line model (a trailing "\\r" is not a column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def offset(self, line: int, column: int) -> int | None:
        """The offset of a position, or None when the position is not in the file."""
        if line < 1 or column < 1 or line > len(self.starts):
            return None
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1  # the linter drops one "\r" before each line end, the last line's included
        if start + column - 1 > end:
            return None
        return start + column - 1


@dataclass(frozen=True, slots=True)
class _Range:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Candidate:
    finding: Finding
    ranges: tuple[_Range, ...]
    start: int  # the finding's span as offsets of the round's text
    end: int

    @property
    def key(self) -> tuple[str, str, str]:
        fix = self.finding.fix
        return self.finding.code, self.finding.message, fix.description if fix else ""

    @property
    def changes_structure(self) -> bool:
        fix = self.finding.fix
        return bool(fix and fix.changes_structure)


def _convert(finding: Finding, positions: _Positions, newline: str) -> _Candidate | str:
    """The fix's edits as sorted offset ranges of the round's text, or why they cannot be applied."""
    fix = finding.fix
    assert fix is not None
    if not fix.edits:
        return "the fix has no edits"
    ranges: list[_Range] = []
    for edit in fix.edits:
        span = edit.span
        start = positions.offset(span.start_line, span.start_column)
        end = positions.offset(span.end_line, span.end_column)
        if start is None or end is None or end < start:
            return f"an edit's span {_show(span)} is not a range of the file"
        text = _NEWLINE.sub(newline, edit.text)
        ranges.append(_Range(start, end, text))
    ranges.sort(key=lambda item: item.start)  # stable: insertions at one point keep the fix's order
    for previous, current in itertools.pairwise(ranges):
        if current.start < previous.end:
            return "two of the fix's own edits overlap"
    start = positions.offset(finding.span.start_line, finding.span.start_column)
    end = positions.offset(finding.span.end_line, finding.span.end_column)
    if start is None or end is None:
        start = end = ranges[0].start  # a finding span past the text (rule bug): judge the fix by its edits
    return _Candidate(finding, tuple(ranges), start, max(start, end))


def _show(span: Span) -> str:
    return f"{span.start_line}:{span.start_column}-{span.end_line}:{span.end_column}"


def _conflict(first: _Range, second: _Range) -> bool:
    """Whether two edits of different fixes cannot both apply: they overlap, or an insertion touches the other."""
    if first.start == first.end or second.start == second.end:
        return second.start <= first.start <= second.end or first.start <= second.start <= first.end
    return first.start < second.end and second.start < first.end


def apply_ranges(text: str, ranges: Iterable[_Range]) -> str:
    pieces: list[str] = []
    position = 0
    for item in sorted(ranges, key=lambda r: r.start):
        pieces.append(text[position : item.start])
        pieces.append(item.text)
        position = item.end
    pieces.append(text[position:])
    return "".join(pieces)


class _OffsetMap:
    """Maps offsets of the text before some edits to the text after them. A position inside a replaced range maps to
    the replacement's start (for a span's start) or end (for a span's end), so a mapped span is the widest the new
    text allows; an insertion at a span's edge falls inside the mapped span."""

    def __init__(self, ranges: Sequence[_Range]) -> None:
        self.ranges = sorted(ranges, key=lambda r: r.start)

    def start(self, offset: int) -> int:
        shift = 0
        for item in self.ranges:
            if offset <= item.start:
                break
            if offset < item.end:
                return item.start + shift
            shift += len(item.text) - (item.end - item.start)
        return offset + shift

    def end(self, offset: int) -> int:
        shift = 0
        for item in self.ranges:
            if offset < item.start:
                break
            if offset < item.end:
                return item.start + shift + len(item.text)
            shift += len(item.text) - (item.end - item.start)
        return offset + shift


# ------------------------------------------------------------------------------------------------------------------
# Fixing
# ------------------------------------------------------------------------------------------------------------------


@dataclass
class _State:
    text: str
    result: FileResult
    applied: list[AppliedFix] = field(default_factory=list)
    rejected: list[RejectedFix] = field(default_factory=list)
    rejected_keys: set[tuple[str, str, str]] = field(default_factory=set)


class _Fixer:
    def __init__(self, path: str, options: LintOptions, encoding: _Encoding, unsafe: bool) -> None:
        self.path = path
        self.options = options
        self.encoding = encoding
        self.unsafe = unsafe

    def lint(self, text: str) -> FileResult:
        return lint_bytes(self.encoding.encode(text), self.path, self.options)

    def wanted(self, finding: Finding) -> bool:
        return finding.fix is not None and (finding.fix.safe or self.unsafe)

    def run(self, state: _State, max_rounds: int) -> bool:
        """Fix in rounds; True when the text reached a state with no fix left to apply."""
        seen = {state.text}
        for number in range(1, max_rounds + 1):
            candidates = self.candidates(state)
            if not candidates:
                return True
            chosen = self.choose(candidates, state)
            if not chosen:
                return True  # every candidate was rejected
            text, result, kept = self.apply_checked(state, chosen)
            if not kept:
                continue  # all rolled back; their keys are rejected, so the next round tries the others
            for candidate in kept:
                finding = candidate.finding
                fix = finding.fix
                assert fix is not None
                state.applied.append(
                    AppliedFix(
                        finding.code,
                        finding.name,
                        finding.message,
                        finding.span,
                        fix.description,
                        fix.safe,
                        number,
                        fix.changes_structure,
                    )
                )
            if text in seen:
                state.text, state.result = text, result
                return False  # fixes undo one another
            seen.add(text)
            state.text, state.result = text, result
        return not self.candidates(state)

    def candidates(self, state: _State) -> list[_Candidate]:
        positions = _Positions(state.text)
        newline = newline_of(state.text)
        found: list[_Candidate] = []
        for finding in state.result.findings:
            if not self.wanted(finding):
                continue
            converted = _convert(finding, positions, newline)
            if isinstance(converted, str):
                self.reject(state, finding, converted)
                continue
            if converted.key not in state.rejected_keys:
                found.append(converted)
        return found

    def choose(self, candidates: list[_Candidate], state: _State) -> list[_Candidate]:
        """Fixes that apply together, in the order of their findings; a fix that would restructure the file goes in
        a round of its own kind so that the structure check still guards every other fix."""
        structural = [candidate for candidate in candidates if candidate.changes_structure]
        pool = structural if structural else candidates
        chosen: list[_Candidate] = []
        taken: list[_Range] = []
        for candidate in pool:
            if any(_same_edits(candidate, other) for other in chosen):
                chosen.append(candidate)  # the same repair reported twice: applying it once fixes both
                continue
            if any(_conflict(mine, theirs) for mine in candidate.ranges for theirs in taken):
                continue  # overlaps a fix already taken: the next round sees it again on the new text
            chosen.append(candidate)
            taken.extend(candidate.ranges)
        return chosen

    def apply_checked(self, state: _State, chosen: list[_Candidate]) -> tuple[str, FileResult, list[_Candidate]]:
        """Apply the chosen fixes together; when the batch fails a check, redo them one at a time, keeping each fix
        that passes with the ones kept before it. A fix that fails only next to others (two casing fixes that each
        assume the other's casing) waits for the next round, which recomputes it; one that fails on its own is a bug
        and is rejected."""
        text, result = self.trial(state.text, chosen)
        if not self.failures(state, chosen, text, result):
            return text, result, chosen
        kept: list[_Candidate] = []
        text, result = state.text, state.result
        for candidate in chosen:
            attempt = [*kept, candidate]
            trial_text, trial_result = self.trial(state.text, attempt)
            problems = self.failures(state, attempt, trial_text, trial_result)
            if problems and kept:
                alone_text, alone_result = self.trial(state.text, [candidate])
                if not self.failures(state, [candidate], alone_text, alone_result):
                    continue  # stale next to the fixes kept: the next round sees it again, if it still applies
            if problems:
                self.reject(state, candidate.finding, problems[0])
                continue
            kept.append(candidate)
            text, result = trial_text, trial_result
        return text, result, kept

    def trial(self, text: str, chosen: list[_Candidate]) -> tuple[str, FileResult]:
        new_text = apply_ranges(text, _unique_ranges(chosen))
        return new_text, self.lint(new_text)

    def failures(self, state: _State, chosen: list[_Candidate], text: str, result: FileResult) -> list[str]:
        """Why the fixed text is not acceptable (empty when it is)."""
        before, after = state.result.dockerfile, result.dockerfile
        if after is None or before is None:
            return [f"the fixed text could not be linted: {result.error}"]
        reasons: list[str] = []
        new_errors = set(_split_errors(result.error)) - set(_split_errors(state.result.error))
        if new_errors:
            reasons.append(f"a rule fails on the fixed text: {sorted(new_errors)[0]}")
        introduced = Counter(p.message for p in after.problems) - Counter(p.message for p in before.problems)
        if introduced:
            reasons.append(f"it introduces a parse error: {next(iter(introduced))}")
        if not any(candidate.changes_structure for candidate in chosen):
            shape_before = (len(before.stages), len(before.instructions))
            shape_after = (len(after.stages), len(after.instructions))
            if shape_before != shape_after:
                reasons.append(
                    f"it changes the file from {shape_before[0]} stages and {shape_before[1]} instructions to "
                    f"{shape_after[0]} and {shape_after[1]} without declaring it"
                )
        check = _RemovalCheck(state, chosen, text, result)
        reasons.extend("it did not remove its finding" for candidate in chosen if check.still_there(candidate))
        return reasons

    def reject(self, state: _State, finding: Finding, reason: str) -> None:
        fix = finding.fix
        assert fix is not None
        key = (finding.code, finding.message, fix.description)
        if key in state.rejected_keys:
            return
        state.rejected_keys.add(key)
        state.rejected.append(RejectedFix(finding.code, finding.message, fix.description, reason))


def _split_errors(error: str | None) -> list[str]:
    return [part for part in (error or "").split("; ") if part]


def _same_edits(first: _Candidate, second: _Candidate) -> bool:
    return first.ranges == second.ranges


def _unique_ranges(chosen: Sequence[_Candidate]) -> list[_Range]:
    """The edits of the chosen fixes, an edit shared by two fixes (the same repair reported twice) once."""
    return list(dict.fromkeys(item for candidate in chosen for item in candidate.ranges))


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    (start, end), (other_start, other_end) = first, second
    if start == end or other_start == other_end:
        return start <= other_end and other_start <= end
    return start < other_end and other_start < end


class _RemovalCheck:
    """Whether each applied fix removed its finding.

    A fix left its finding when, at the finding's place mapped onto the new text, more findings of its rule show
    than findings of that rule that were not fixed and map there. Counting rather than matching messages survives a
    message that quotes text another fix changed."""

    def __init__(self, state: _State, chosen: list[_Candidate], text: str, result: FileResult) -> None:
        self.mapping = _OffsetMap(_unique_ranges(chosen))
        fixed = {id(candidate.finding) for candidate in chosen}
        before, after = _Positions(state.text), _Positions(text)
        self.unfixed = [
            (finding.code, (self.mapping.start(place[0]), self.mapping.end(place[1])))
            for finding in state.result.findings
            if id(finding) not in fixed and (place := _offsets(before, finding.span)) is not None
        ]
        self.present = [
            (finding.code, place) for finding in result.findings if (place := _offsets(after, finding.span)) is not None
        ]

    def still_there(self, candidate: _Candidate) -> bool:
        code = candidate.finding.code
        place = (self.mapping.start(candidate.start), self.mapping.end(candidate.end))
        remaining = sum(1 for other, where in self.unfixed if other == code and _overlaps(place, where))
        present = sum(1 for other, where in self.present if other == code and _overlaps(place, where))
        return present > remaining


def _offsets(positions: _Positions, span: Span) -> tuple[int, int] | None:
    start = positions.offset(span.start_line, span.start_column)
    end = positions.offset(span.end_line, span.end_column)
    if start is None or end is None:
        return None
    return start, max(start, end)


def fix_bytes(
    data: bytes, path: str, options: LintOptions, *, unsafe: bool = False, max_rounds: int = MAX_ROUNDS
) -> FixOutcome:
    """Fix one Dockerfile's bytes; the outcome holds the fixed bytes (the same object when nothing changed)."""
    result = lint_bytes(data, path, options)
    if result.dockerfile is None:
        return FixOutcome(path, data, data, result, result)  # binary or unparseable: nothing to start from
    wanted = [f for f in result.findings if f.fix is not None and (f.fix.safe or unsafe)]
    if not wanted:
        return FixOutcome(path, data, data, result, result)
    decoded = decode_exactly(data)
    if decoded is None:
        return FixOutcome(path, data, data, result, result, error=NOT_UTF8)
    text, encoding = decoded
    fixer = _Fixer(path, options, encoding, unsafe)
    state = _State(text, result)
    converged = fixer.run(state, max_rounds)
    fixed = data if state.text == text else encoding.encode(state.text)
    return FixOutcome(
        path,
        data,
        fixed,
        state.result,
        result,
        tuple(state.applied),
        tuple(state.rejected),
        converged=converged,
    )


def fix_text(text: str, options: LintOptions, path: str = "Dockerfile", *, unsafe: bool = False) -> str:
    """The fixed text of a (UTF-8) Dockerfile text: a convenience for tests and editors."""
    outcome = fix_bytes(text.encode("utf-8"), path, options, unsafe=unsafe)
    return outcome.fixed.decode("utf-8")


def fix_file(path: str, options: LintOptions, *, unsafe: bool = False) -> FixOutcome:
    """Read and fix one file (nothing is written: see :func:`write_fixed`)."""
    try:
        data = read_file(path)
    except OSError as error:
        message = f"cannot read: {error.strerror}" if error.strerror and error.filename else f"cannot read: {error}"
        failed = FileResult(path, error=message)
        return FixOutcome(path, b"", b"", failed, failed)
    return fix_bytes(data, path, options, unsafe=unsafe)


# ------------------------------------------------------------------------------------------------------------------
# Writing and showing
# ------------------------------------------------------------------------------------------------------------------


def write_fixed(path: str, data: bytes) -> None:
    """Replace the file's content atomically: a temporary file in the same directory, then a rename. The mode (and,
    where permitted, the owner) is kept; a link is followed, so the link stays a link. A read-only file is refused
    even for root, who could otherwise write anything. Raises OSError."""
    target = os.path.realpath(path)
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", path)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", path)
    directory = os.path.dirname(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".fix", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        with contextlib.suppress(OSError):
            os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def unified_diff(outcome: FixOutcome) -> str:
    """A unified diff from the original to the fixed text (empty when nothing changed), `patch -p0` ready."""
    if not outcome.changed:
        return ""
    before = _diff_lines(outcome.original)
    after = _diff_lines(outcome.fixed)
    lines = difflib.unified_diff(before, after, fromfile=outcome.path, tofile=outcome.path, lineterm="\n")
    out: list[str] = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _diff_lines(data: bytes) -> list[str]:
    decoded = decode_exactly(data)
    text = decoded[0] if decoded else data.decode("utf-8", errors="replace")
    # Split on "\n" only, as the linter does: str.splitlines would also split on form feeds and Unicode separators.
    return re.findall(r"[^\n]*\n|[^\n]+$", text)
