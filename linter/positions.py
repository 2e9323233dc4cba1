"""Positions in a Dockerfile: 1-based lines and columns, exclusive end columns.

An instruction's text is assembled from pieces of several physical lines (continuations skip the escape character,
comment lines and blank lines). A :class:`TextMap` remembers where each piece came from, so that any offset inside
an assembled text maps back to the exact line and column of the original file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import FrozenInstanceError

from linter.records import Record


class Span(Record):  # a tuple: ordered by its fields, and created at start-up 4x faster than a dataclass
    """A range of the original file. Lines and columns are 1-based; ``end_column`` is exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column)

    def cover(self, other: Span) -> Span:
        """The smallest span containing both spans."""
        start = min((self.start_line, self.start_column), (other.start_line, other.start_column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])

    def contains(self, other: Span) -> bool:
        return (self.start_line, self.start_column) <= (other.start_line, other.start_column) and (
            other.end_line,
            other.end_column,
        ) <= (self.end_line, self.end_column)


class Located:
    """Base of the records rules get by the hundred (shell words and commands, key/value pairs): immutable, compared,
    hashed and shown like frozen dataclasses over ``_fields`` (which are also the constructor's arguments, in order),
    with spans that subclasses compute from their text's :class:`TextMap` when first asked for. Most records are never
    reported, and a span costs more than the rest of a record."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self._fields)})"

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), self._values()

    @property
    def span(self) -> Span:
        """The record's span: given at construction, or computed from its text map on first access and kept."""
        span: Span | None = getattr(self, "_span", None)  # a record may leave the slot unset until asked
        if span is None:
            start, end = self._offsets()
            span = self._text_map.span(start, end)  # type: ignore[attr-defined]
            set_field(self, "_span", span)
        return span

    def _offsets(self) -> tuple[int, int]:
        """Start and end of the record in the text its ``_text_map`` maps (subclasses with lazy spans define it)."""
        raise NotImplementedError


set_field = object.__setattr__  # how a Located subclass writes its own slots (in its constructor, or a span computed)


def slot_setters(cls: type, *names: str) -> tuple[Callable[[object, object], None], ...]:
    """Functions that write the named slots of ``cls``'s instances: for records built by the thousand, calling a
    slot's own setter costs about half of ``set_field(record, name, value)``, which looks the name up first."""
    return tuple(cls.__dict__[name].__set__ for name in names)


class Segment(Record):
    """Characters from ``offset`` (in the assembled text) up to the next segment sit at ``line``:``column`` onward."""

    offset: int
    line: int
    column: int


class TextMap:
    """Maps offsets of an assembled text back to positions in the original file.

    Stored as three parallel tuples (segment offsets, lines, columns) rather than :class:`Segment` objects: a map is
    built for every instruction and script, and asked for a position only when something is reported.
    """

    __slots__ = ("_columns", "_lines", "_offsets", "length")

    def __init__(self, segments: list[Segment] | tuple[Segment, ...], length: int) -> None:
        if not segments:
            raise ValueError("a TextMap needs at least one segment")
        self._offsets = tuple(segment.offset for segment in segments)
        self._lines = tuple(segment.line for segment in segments)
        self._columns = tuple(segment.column for segment in segments)
        self.length = length

    @classmethod
    def of(cls, offsets: tuple[int, ...], lines: tuple[int, ...], columns: tuple[int, ...], length: int) -> TextMap:
        """The map whose segment ``i`` starts at ``offsets[i]`` and sits at ``lines[i]``:``columns[i]``."""
        text_map = cls.__new__(cls)
        text_map._offsets, text_map._lines, text_map._columns, text_map.length = offsets, lines, columns, length
        return text_map

    @classmethod
    def single_line(cls, line: int, column: int, length: int) -> TextMap:
        return cls.of((0,), (line,), (column,), length)

    def key(self) -> tuple[object, ...]:
        """Equal for two maps that place every offset at the same line and column (a dictionary key)."""
        return (self._offsets, self._lines, self._columns, self.length)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(map(Segment, self._offsets, self._lines, self._columns))

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at ``offset``."""
        offset = max(0, min(offset, self.length))
        offsets = self._offsets
        index = bisect_right(offsets, offset) - 1 if len(offsets) > 1 else 0
        if index < 0:
            index = 0
        return self._lines[index], self._columns[index] + offset - offsets[index]

    def end_position(self, offset: int) -> tuple[int, int]:
        """Line and exclusive column just after the character before ``offset``."""
        if offset <= 0:
            return self.position(0)
        line, column = self.position(offset - 1)
        return line, column + 1

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]``."""
        if len(self._offsets) == 1:  # the text sits on one line (most instructions and words): no search
            line, column = self._lines[0], self._columns[0] - self._offsets[0]
            length = self.length
            start_column = column + (0 if start < 0 else length if start > length else start)
            if end <= start:
                return Span(line, start_column, line, start_column)
            last = end - 1
            end_column = column if end <= 0 else column + (length if last > length else last) + 1
            return Span(line, start_column, line, end_column)
        start_line, start_column = self.position(start)
        if end <= start:
            return Span(start_line, start_column, start_line, start_column)
        end_line, end_column = self.end_position(end)
        return Span(start_line, start_column, end_line, end_column)

    def shifted(self, delta: int) -> TextMap:
        """The map of ``text[delta:]``, for a suffix of the assembled text."""
        if len(self._offsets) == 1 and delta >= self._offsets[0]:  # one line (most instructions): further right
            start = max(0, min(delta, self.length))
            return TextMap.of(
                (0,), self._lines, (self._columns[0] + start - self._offsets[0],), max(0, self.length - delta)
            )
        line, column = self.position(delta)
        kept = bisect_right(self._offsets, delta)  # the segments that start after delta (offsets ascend)
        return TextMap.of(
            (0, *[offset - delta for offset in self._offsets[kept:]]),
            (line, *self._lines[kept:]),
            (column, *self._columns[kept:]),
            max(0, self.length - delta),
        )

    @classmethod
    def concat(cls, parts: list[tuple[TextMap, int]]) -> TextMap:
        """Join maps; each part is (map, offset where its text starts in the joined text)."""
        offsets: list[int] = []
        lines: list[int] = []
        columns: list[int] = []
        length = 0
        for text_map, start in parts:
            offsets.extend(offset + start for offset in text_map._offsets)
            lines.extend(text_map._lines)
            columns.extend(text_map._columns)
            length = max(length, start + text_map.length)
        return cls.of(tuple(offsets), tuple(lines), tuple(columns), length)
