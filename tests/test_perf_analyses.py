"""linter.rule.per_file: an analysis of a model is computed once, shared by the rules, and forgotten with the model."""

from __future__ import annotations

import gc
import weakref

from linter.model import Dockerfile, parse_dockerfile
from linter.rule import per_file


def test_an_analysis_runs_once_per_model_and_is_forgotten_with_it() -> None:
    calls: list[str] = []

    @per_file
    def stage_count(dockerfile: Dockerfile) -> int:
        calls.append(dockerfile.path)
        return len(dockerfile.stages)

    first = parse_dockerfile(b"FROM a\nFROM b\n", "first")
    assert stage_count(first) == 2
    assert stage_count(first) == 2
    second = parse_dockerfile(b"FROM a\n", "second")
    assert stage_count(second) == 1
    assert calls == ["first", "second"]

    freed = weakref.ref(first)
    del first
    gc.collect()
    assert freed() is None  # the cache does not keep the model alive
