"""Properties of --fix over generated Dockerfiles and over every Dockerfile of the shared corpus.

For every input, with safe fixes and with unsafe ones too: no exception; fixing the fixed bytes changes nothing; no
fix is refused (a refusal is a rule whose fix does not do what it claims); the fixed file parses to the same stages
and instructions (unless a fix declares otherwise) with no new parse error; and each rule that was fixed reports no
more findings than before, less the ones fixed.
"""

from __future__ import annotations

import concurrent.futures
import datetime as _dt
import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.discover import discover
from linter.engine import LintOptions, read_file
from linter.fixer import FixOutcome, fix_bytes
from linter.registry import all_rules

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
OPTIONS = LintOptions(rules=tuple(all_rules()), today=_dt.date(2026, 11, 27))


def check_outcome(outcome: FixOutcome, unsafe: bool) -> None:
    assert outcome.rejected == (), f"fixes refused: {outcome.rejected}"
    if not outcome.changed:
        return  # fixing the same bytes again gives the same answer: the fixer is deterministic
    again = fix_bytes(outcome.fixed, outcome.path, OPTIONS, unsafe=unsafe)
    assert again.fixed == outcome.fixed, "fixing the fixed file changed it"
    before, after = outcome.original_result, outcome.result
    assert before is not None and before.dockerfile is not None and after.dockerfile is not None
    if not any(fix.changes_structure for fix in outcome.applied):
        assert len(after.dockerfile.stages) == len(before.dockerfile.stages)
        assert len(after.dockerfile.instructions) == len(before.dockerfile.instructions)
    new_problems = Counter(p.message for p in after.dockerfile.problems) - Counter(
        p.message for p in before.dockerfile.problems
    )
    assert not new_problems
    counts_before = Counter(f.code for f in before.findings)
    counts_after = Counter(f.code for f in after.findings)
    for code, fixed in outcome.counts().items():
        assert counts_after[code] <= max(0, counts_before[code] - fixed), f"{code} findings remain after its fixes"


# ------------------------------------------------------------------------------------------------------------------
# Generated Dockerfiles
# ------------------------------------------------------------------------------------------------------------------

_IMAGES = (
    "python:3.12-slim",
    "python:3.7-alpine",
    "tiangolo/uvicorn-gunicorn-fastapi:python3.9",
    "alpine:3.19",
    "ubuntu:22.04",
    "${BASE}",
)
_INSTRUCTIONS = (
    "RUN pip install fastapi",
    "RUN pip install -r requirements.txt && pip install uvicorn",
    "RUN pip3 install --upgrade pip \\\n    && pip install -r /code/requirements.txt",
    "RUN python -m pip install --user httpx",
    "RUN pip install --no-cache-dir fastapi",
    "RUN apt-get update && apt-get install curl",
    "RUN apk add curl",
    "RUN <<EOF\npip install fastapi\nEOF",
    "ONBUILD RUN pip install flask",
    "COPY . /code",
    "COPY requirements.txt /code/",
    "COPY ./app /code/app",
    "WORKDIR /code",
    "ENV PORT 8000",
    "ENV PORT=8000",
    "ARG VERSION=1",
    "MAINTAINER someone@example.com",
    "EXPOSE 8000",
    "USER app",
    "CMD uvicorn app.main:app --host 0.0.0.0 --port 80",
    "CMD uvicorn app.main:app --port ${PORT:-80}",
    "CMD ['uvicorn', 'app.main:app']",
    'CMD ["uvicorn", "app.main:app", "--reload"]',
    'CMD ["fastapi", "dev", "app/main.py"]',
    "CMD fastapi run app/main.py --reload",
    "CMD gunicorn -k uvicorn.workers.UvicornWorker -w 4 app.main:app",
    "CMD python app.py && echo done",
    "ENTRYPOINT python -m uvicorn app:app",
    "ENTRYPOINT ['python', '-m', 'app']",
    "HEALTHCHECK CMD ['curl', 'localhost']",
    "ONBUILD CMD uvicorn app:app",
    "# a comment",
    "",
)


@st.composite
def dockerfiles(draw: st.DrawFn) -> bytes:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("ARG BASE=python:3.11-slim")
    for _ in range(draw(st.integers(1, 3))):
        stage = f"FROM {draw(st.sampled_from(_IMAGES))}"
        if draw(st.booleans()):
            stage += f" {draw(st.sampled_from(['AS', 'as']))} stage{len(lines)}"
        lines.append(stage)
        for instruction in draw(st.lists(st.sampled_from(_INSTRUCTIONS), max_size=6)):
            if draw(st.integers(0, 4)) == 0:
                keyword, _, rest = instruction.partition(" ")
                instruction = f"{keyword.lower()} {rest}"
            if draw(st.integers(0, 5)) == 0:
                instruction = "  " + instruction.replace("\n", "\n  ")
            lines.append(instruction)
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.text(alphabet=" \t#\\'\"[]$&|;<>=-_.:/abcRUNCMD\n", max_size=40)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    data = text.encode("utf-8")
    if draw(st.integers(0, 5)) == 0:
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 6)) == 0:
        data = b"# escape=`\n" + data.replace(b"\\\n", b"`\n")
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=dockerfiles(), unsafe=st.booleans())
def test_generated_dockerfiles(data: bytes, unsafe: bool) -> None:
    outcome = fix_bytes(data, "Dockerfile", OPTIONS, unsafe=unsafe)
    check_outcome(outcome, unsafe)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    outcome = fix_bytes(data, "Dockerfile", OPTIONS, unsafe=True)
    assert fix_bytes(outcome.fixed, "Dockerfile", OPTIONS, unsafe=True).fixed == outcome.fixed


# ------------------------------------------------------------------------------------------------------------------
# The corpus
# ------------------------------------------------------------------------------------------------------------------


def _check_corpus_file(path: str) -> tuple[bool, list[str]]:
    """(whether a fix changed the file, failures) for one corpus file, unsafe fixes included, then safe ones only."""
    data = read_file(path)
    failures: list[str] = []
    unsafe = fix_bytes(data, path, OPTIONS, unsafe=True)
    outcomes = [(unsafe, True)]
    original = unsafe.original_result
    if original is not None and any(finding.fix is not None for finding in original.findings):
        outcomes.append((fix_bytes(data, path, OPTIONS, unsafe=False), False))
    for outcome, is_unsafe in outcomes:
        try:
            check_outcome(outcome, is_unsafe)
        except AssertionError as error:
            failures.append(f"{path} (unsafe={is_unsafe}): {error}")
    return unsafe.changed, failures


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus")
def test_every_corpus_file() -> None:
    """One lint per file when nothing is fixable, spread over the CPUs: the whole corpus takes seconds."""
    paths = [item.path for item in discover([str(CORPUS)]) if item.error is None]
    assert len(paths) > 100
    workers = min(4, os.cpu_count() or 1)
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        outcomes = list(pool.map(_check_corpus_file, paths, chunksize=16))
    assert any(changed for changed, _ in outcomes)
    failures = [failure for _, found in outcomes for failure in found]
    assert not failures, "\n".join(failures)
