"""Positions in a Dockerfile: 1-based lines and columns, exclusive end columns.

An instruction's text is assembled from pieces of several physical lines (continuations skip the escape character,
comment lines and blank lines). A :class:`TextMap` remembers where each piece came from, so that any offset inside
an assembled text maps back to the exact line and column of the original file.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
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


@dataclass(frozen=True, slots=True)
class Segment:
    """Characters from ``offset`` (in the assembled text) up to the next segment sit at ``line``:``column`` onward."""

    offset: int
    line: int
    column: int


class TextMap:
    """Maps offsets of an assembled text back to positions in the original file."""

    __slots__ = ("_offsets", "_segments", "length")

    def __init__(self, segments: list[Segment] | tuple[Segment, ...], length: int) -> None:
        if not segments:
            raise ValueError("a TextMap needs at least one segment")
        self._segments = tuple(segments)
        self._offsets = [segment.offset for segment in self._segments]
        self.length = length

    @classmethod
    def single_line(cls, line: int, column: int, length: int) -> TextMap:
        return cls([Segment(0, line, column)], length)

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at ``offset``."""
        offset = max(0, min(offset, self.length))
        index = max(0, bisect_right(self._offsets, offset) - 1)
        segment = self._segments[index]
        return segment.line, segment.column + offset - segment.offset

    def end_position(self, offset: int) -> tuple[int, int]:
        """Line and exclusive column just after the character before ``offset``."""
        if offset <= 0:
            return self.position(0)
        line, column = self.position(offset - 1)
        return line, column + 1

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]``."""
        start_line, start_column = self.position(start)
        if end <= start:
            return Span(start_line, start_column, start_line, start_column)
        end_line, end_column = self.end_position(end)
        return Span(start_line, start_column, end_line, end_column)

    def shifted(self, delta: int) -> TextMap:
        """The map of ``text[delta:]``, for a suffix of the assembled text."""
        position = self.position(delta)
        kept = [Segment(s.offset - delta, s.line, s.column) for s in self._segments if s.offset > delta]
        return TextMap([Segment(0, *position), *kept], max(0, self.length - delta))

    @classmethod
    def concat(cls, parts: list[tuple[TextMap, int]]) -> TextMap:
        """Join maps; each part is (map, offset where its text starts in the joined text)."""
        segments: list[Segment] = []
        length = 0
        for text_map, start in parts:
            segments.extend(Segment(s.offset + start, s.line, s.column) for s in text_map._segments)
            length = max(length, start + text_map.length)
        return cls(segments, length)
