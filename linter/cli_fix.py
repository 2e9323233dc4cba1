"""`lintainer --fix` / `--diff` / `--unsafe-fixes`: the command-line side of :mod:`linter.fixer`.

A :class:`FixSession` fixes each file the command walks, writes it (or prints its diff, or, for stdin, prints the
fixed text) and returns what to report for it; :meth:`FixSession.summarise` then tells on stderr what was fixed per
rule, what was refused, and how many unsafe fixes are left for ``--unsafe-fixes``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from linter.engine import FileResult, LintOptions
from linter.fixer import MAX_ROUNDS, FixOutcome, fix_bytes, fix_file, unified_diff, write_fixed


class FixSession:
    def __init__(self, options: LintOptions, *, unsafe: bool, diff: bool, stderr: TextIO | None = None) -> None:
        self.options = options
        self.unsafe = unsafe
        self.diff = diff
        self.stderr = stderr or sys.stderr
        self.outcomes: list[FixOutcome] = []
        self.written: list[FixOutcome] = []
        # The fixed text of stdin goes to stdout, so the report must go elsewhere (stderr).
        self.stdout_taken = False

    @property
    def would_change(self) -> bool:
        return any(outcome.changed for outcome in self.outcomes)

    def fix_stdin(self, data: bytes, name: str) -> FileResult:
        outcome = fix_bytes(data, name, self.options, unsafe=self.unsafe)
        self.outcomes.append(outcome)
        if self.diff:
            self._print_diff(outcome)
            return outcome.report(written=False)
        self.stdout_taken = True
        sys.stdout.flush()
        sys.stdout.buffer.write(outcome.fixed)  # the original when it could not be fixed: a pipe never loses it
        sys.stdout.buffer.flush()
        if outcome.changed:
            self.written.append(outcome)
        return outcome.report(written=True)

    def fix_path(self, path: str) -> FileResult:
        outcome = fix_file(path, self.options, unsafe=self.unsafe)
        self.outcomes.append(outcome)
        if self.diff:
            self._print_diff(outcome)
            return outcome.report(written=False)
        if not outcome.changed:
            return outcome.report(written=False)
        try:
            write_fixed(path, outcome.fixed)
        except OSError as error:
            reason = error.strerror or str(error)
            return outcome.report(written=False, error=f"not fixed: cannot write the fixed file: {reason}")
        self.written.append(outcome)
        return outcome.report(written=True)

    def _print_diff(self, outcome: FixOutcome) -> None:
        diff = unified_diff(outcome)
        if diff:
            sys.stdout.write(diff)
            sys.stdout.flush()

    # --------------------------------------------------------------------------------------------------------------
    # The summary on stderr
    # --------------------------------------------------------------------------------------------------------------

    def summarise(self, results: Sequence[FileResult]) -> None:
        for outcome in self.outcomes:
            for rejected in outcome.rejected:
                self._say(
                    f"{outcome.path}: did not apply the {rejected.code} fix ({rejected.description}): "
                    f"{rejected.reason}. This is a bug in lintainer; please report it."
                )
            if not outcome.converged:
                self._say(
                    f"{outcome.path}: fixes kept applying after {MAX_ROUNDS} rounds (or undid one another); "
                    "review the result."
                )
        counted = self.outcomes if self.diff else self.written
        verb = "Would fix" if self.diff else "Fixed"
        per_file = [(outcome.path, outcome.counts()) for outcome in counted if outcome.changed]
        total: Counter[str] = Counter()
        for _, counts in per_file:
            total.update(counts)
        if len(per_file) > 1:
            for path, counts in per_file:
                self._say(f"{verb} {_findings(counts)} in {path}: {_by_rule(counts)}", prefix=False)
        if per_file:
            where = per_file[0][0] if len(per_file) == 1 else f"{len(per_file)} files"
            remaining = sum(len(result.findings) for result in results)
            tail = "" if self.diff else f"; {remaining} finding{'s' * (remaining != 1)} remain{'s' * (remaining == 1)}"
            self._say(f"{verb} {_findings(total)} in {where}: {_by_rule(total)}{tail}.", prefix=False)
        else:
            self._say("No fixes to apply." if self.diff else "Nothing fixed.", prefix=False)
        if not self.unsafe:
            left = sum(
                1
                for result in results
                for finding in result.findings
                if finding.fix is not None and not finding.fix.safe
            )
            if left:
                self._say(
                    f"{left} more fix{'es' * (left != 1)} available with --unsafe-fixes "
                    "(they change behaviour: review them).",
                    prefix=False,
                )

    def _say(self, message: str, prefix: bool = True) -> None:
        self.stderr.write(("lintainer: " if prefix else "") + message + "\n")
        self.stderr.flush()


def _findings(counts: Counter[str]) -> str:
    total = sum(counts.values())
    return f"{total} finding{'s' * (total != 1)}"


def _by_rule(counts: Counter[str]) -> str:
    return ", ".join(f"{code} ×{count}" for code, count in sorted(counts.items()))
