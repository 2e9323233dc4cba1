"""The small immutable records are NamedTuples (cheap to create at start-up): they must still behave as the frozen
dataclasses they replaced did where it matters: field order, equality, hashing, immutability, pickling."""

from __future__ import annotations

import pickle
import typing
from typing import NamedTuple

import pytest

from linter.discover import Discovered
from linter.expand import references
from linter.model import parse_dockerfile
from linter.positions import Span
from linter.records import Record


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


# -- linter.records.Record: typing.NamedTuple's behaviour, built without typing's per-field work ----------------------


class _Point(Record):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    @classmethod
    def origin(cls) -> _Point:
        return cls(0)

    def moved(self, dx: int) -> _Point:
        return self._replace(x=self.x + dx)


class _TypedPoint(NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None


def test_record_is_the_namedtuple_that_typing_would_build() -> None:
    point = _Point(3, -4)
    typed = _TypedPoint(3, -4)
    assert point == typed == (3, -4, None) and hash(point) == hash(typed)
    assert point._fields == typed._fields == ("x", "y", "label")
    assert _Point._field_defaults == _TypedPoint._field_defaults == {"y": 0, "label": None}
    assert repr(point) == "_Point(x=3, y=-4, label=None)"
    assert _Point.__doc__ == "A point." and _Point.__qualname__ == "_Point" and _Point.__module__ == __name__
    assert point.norm == 7 and _Point.origin() == (0, 0, None) and point.moved(1) == _Point(4, -4)
    assert isinstance(point, tuple) and point._asdict() == {"x": 3, "y": -4, "label": None}
    assert pickle.loads(pickle.dumps(point)) == point
    with pytest.raises(AttributeError):
        point.x = 1  # type: ignore[misc]
    assert typing.get_type_hints(_Point) == {"x": int, "y": int, "label": str | None}


def test_record_refuses_what_namedtuple_refuses() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class _Bad(Record):
            a: int = 1
            b: int

    with pytest.raises(AttributeError, match="_replace"):

        class _Overwrites(Record):
            a: int

            def _replace(self, **changes: object) -> _Overwrites:  # type: ignore[override]
                return self

    with pytest.raises(TypeError, match="super"):

        class _UsesSuper(Record):
            a: int

            def __repr__(self) -> str:
                return super().__repr__()


def test_nested_record_pickles_by_its_qualified_name() -> None:
    assert _Holder.Inner.__qualname__ == "_Holder.Inner"
    inner = _Holder.Inner(1)
    assert pickle.loads(pickle.dumps(inner)) == inner


class _Holder:
    class Inner(Record):
        value: int
