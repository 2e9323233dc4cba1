"""ENV/LABEL pairs: texts without quotes or escapes are read without dockerfile-parse's character-by-character
reader; the result must be exactly what the library reads."""

from __future__ import annotations

from dockerfile_parse.util import extract_key_values
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.parser import key_values

# Whitespace of every kind the library splits on (str.isspace), `=`, `$` and braces (plain characters here).
_CHARACTERS = st.sampled_from(list("ab_=$={}.:/-1 \t\v\f\u00a0\u2003"))


def _library(text: str) -> list[tuple[str, str]]:
    if not text.split():
        return []
    try:
        return [(str(key), str(value)) for key, value in extract_key_values(False, {}, {}, text)]
    except (ValueError, IndexError):
        return []


@settings(max_examples=500)
@given(st.text(_CHARACTERS, max_size=30))
def test_unquoted_texts_read_as_the_library_reads_them(text: str) -> None:
    assert key_values(text) == _library(text)


def test_examples() -> None:
    assert key_values("PATH=/app/bin:$PATH LANG=C.UTF-8") == [("PATH", "/app/bin:$PATH"), ("LANG", "C.UTF-8")]
    assert key_values("KEY  some value  ") == [("KEY", "some value  ")]
    assert key_values("A=1 B") == []  # a word without `=` in the key=value form
    assert key_values("A==") == [("A", "=")]
    assert key_values("A=\"x y\" B='z'") == [("A", "x y"), ("B", "z")]  # quoted: the library reads it
    assert key_values(" \t") == []
