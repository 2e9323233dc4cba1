"""TextMap: spans of one-line maps (answered without a search) agree with the general position arithmetic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from linter.positions import Segment, Span, TextMap


def _reference_span(text_map: TextMap, start: int, end: int) -> Span:
    start_line, start_column = text_map.position(start)
    if end <= start:
        return Span(start_line, start_column, start_line, start_column)
    end_line, end_column = text_map.end_position(end)
    return Span(start_line, start_column, end_line, end_column)


@given(
    offset=st.integers(0, 4),
    line=st.integers(1, 9),
    column=st.integers(1, 9),
    length=st.integers(0, 20),
    start=st.integers(-5, 25),
    end=st.integers(-5, 25),
)
def test_one_line_spans_agree_with_positions(
    offset: int, line: int, column: int, length: int, start: int, end: int
) -> None:
    text_map = TextMap.of((offset,), (line,), (column,), length)
    assert text_map.span(start, end) == _reference_span(text_map, start, end)


def test_spans_across_lines() -> None:
    text_map = TextMap([Segment(0, 2, 5), Segment(4, 3, 1)], 9)  # `abcd` at 2:5, then `efghi` at 3:1
    assert text_map.span(1, 3) == Span(2, 6, 2, 8)
    assert text_map.span(2, 6) == Span(2, 7, 3, 3)
    assert text_map.span(0, 9) == Span(2, 5, 3, 6)
    assert text_map.span(5, 5) == Span(3, 2, 3, 2)
