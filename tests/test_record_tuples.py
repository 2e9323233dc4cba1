"""The small immutable records are NamedTuples (cheap to create at start-up): they must still behave as the frozen
dataclasses they replaced did where it matters: field order, equality, hashing, immutability, pickling."""

from __future__ import annotations

import pickle

import pytest

from linter.discover import Discovered
from linter.expand import references
from linter.model import parse_dockerfile
from linter.positions import Span


def test_spans_order_by_their_fields() -> None:
    spans = [Span(2, 1, 2, 5), Span(1, 9, 1, 10), Span(1, 2, 3, 1), Span(1, 2, 1, 4)]
    assert sorted(spans) == [Span(1, 2, 1, 4), Span(1, 2, 3, 1), Span(1, 9, 1, 10), Span(2, 1, 2, 5)]
    assert Span(1, 2, 3, 4).cover(Span(0, 5, 1, 1)) == Span(0, 5, 3, 4)
    assert repr(Span.point(3, 4)) == "Span(start_line=3, start_column=4, end_line=3, end_column=4)"


def test_records_are_immutable_hashable_and_picklable() -> None:
    dockerfile = parse_dockerfile("FROM alpine\nCOPY --chown=a x /y\nRUN <<EOF\necho hi\nEOF\n")
    flag = dockerfile.instructions[1].flags[0]
    heredoc = dockerfile.instructions[2].heredocs[0]
    reference = references("${A:-x}")[0]
    for record in (flag, reference, Discovered("Dockerfile")):  # a heredoc's TextMap compares by identity
        assert pickle.loads(pickle.dumps(record)) == record
        assert hash(record) == hash(pickle.loads(pickle.dumps(record)))
    with pytest.raises(AttributeError):
        flag.name = "from"  # type: ignore[misc]
    assert (flag.name, flag.value) == ("chown", "a")
    assert heredoc.name == "EOF" and heredoc.body == "echo hi\n"
    assert reference.has_fallback and reference.name == "A"
