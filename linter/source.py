"""The pre-pass: from bytes to logical lines, faithful to BuildKit's Dockerfile parser.

It decodes (BOM, CRLF, invalid UTF-8 reported rather than raised), reads the parser directives (``syntax``,
``escape``, ``check``), joins continuation lines with the active escape character (comment, blank and
whitespace-only lines inside a continuation are skipped, as BuildKit does), collects heredoc bodies, and keeps a
:class:`~linter.positions.TextMap` for every logical line so that any offset maps back to a line and column.

It also writes a *sanitised* copy of the text, with the same line numbering, on which dockerfile-parse splits
instructions exactly where BuildKit does (heredoc bodies blanked, empty continuation lines turned into comments, the
escape directive made visible to it; comments between instructions blanked, as they split nothing).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator

from linter.positions import Span, TextMap
from linter.records import Record
from linter.regex import lazy_compile

# BuildKit: `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, keys compared case-insensitively.
_DIRECTIVE = lazy_compile(r"#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*")
KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
# A heredoc marker is a whole shell word: optional fd, <<, optional -, then a name (BuildKit's reHeredoc).
_HEREDOC_WORD = lazy_compile(r"(\d*)<<(-?)([^<]+)")
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Problem(Record):
    """Something BuildKit would reject, or that we could not read faithfully."""

    span: Span
    message: str


class Directive(Record):
    name: str  # lower-case
    value: str
    line: int
    span: Span


class RawHeredoc(Record):
    name: str
    strip_tabs: bool  # <<-
    expand: bool  # False when the name was quoted
    fd: int | None
    marker_start: int  # offsets of the marker word in the logical line's text
    marker_end: int
    body: str  # verbatim lines, each followed by "\n"
    body_map: TextMap | None  # None for an empty body
    first_line: int  # the body's first line (== terminator line when empty)
    end_line: int  # the terminator's line (the last line of the file when unterminated)
    terminated: bool
    terminator_span: Span | None


class LogicalLine(Record):  # a tuple: one is built for every instruction, five times faster than a dataclass
    text: str  # instruction text with continuations joined, leading whitespace removed
    keyword: str  # its first word, upper-cased (ONBUILD for a trigger)
    text_map: TextMap
    start_line: int
    end_line: int  # including heredoc bodies
    last_text_line: int  # last physical line of the instruction text itself
    heredocs: tuple[RawHeredoc, ...]
    empty_continuation_lines: tuple[int, ...]
    open_continuation_at_eof: bool


class Source(Record):
    """A Dockerfile's text after the pre-pass: lines, encoding, parser directives, logical lines and problems."""

    text: str
    lines: tuple[str, ...]  # physical lines without their line terminator
    newline: str  # "\r\n" when the file mostly uses CRLF, else "\n"
    encoding: str
    had_bom: bool
    escape: str
    directives: tuple[Directive, ...]
    logical_lines: tuple[LogicalLine, ...]
    comment_lines: tuple[int, ...]  # 1-based lines holding a comment (outside heredoc bodies)
    problems: tuple[Problem, ...]
    sanitised_lines: tuple[str, ...]  # the copy dockerfile-parse reads (see the module docstring), "\n" kept

    @property
    def sanitised(self) -> str:
        return "".join(self.sanitised_lines)

    def line_span(self, line: int) -> Span:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return Span(line, 1, line, len(text) + 1)


def decode(data: bytes) -> tuple[str, str, bool, list[Problem]]:
    """Decode bytes: BOMs honoured and dropped, UTF-8 expected, invalid bytes replaced and reported."""
    problems: list[Problem] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return text, encoding, True, problems
    try:
        return data.decode("utf-8"), "utf-8", False, problems
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        byte = data[error.start : error.start + 1].hex()
        problems.append(
            Problem(
                Span(line, column, line, column + 1),
                f"the file is not valid UTF-8 (byte 0x{byte} at line {line}, column {column}); "
                "it was read with replacement characters",
            )
        )
        return text, "utf-8", False, problems


def split_lines(text: str) -> tuple[list[str], str]:
    """Split on "\\n" only and drop one trailing "\\r" per line, as Go's bufio.ScanLines does.

    ``str.splitlines`` would also split on form feeds, vertical tabs and Unicode separators, which BuildKit does not.
    """
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    if "\r" not in text:
        return raw, "\n"
    crlf = 0
    lines: list[str] = []
    for line in raw:
        if line.endswith("\r"):
            crlf += 1
            line = line[:-1]
        lines.append(line)
    newline = "\r\n" if lines and crlf * 2 > len(lines) else "\n"
    return lines, newline


def _lone_carriage_return(lines: list[str]) -> list[Problem]:
    """A CR that ends no CRLF (old Mac line endings): BuildKit does not break the line there, nor do we."""
    for number, line in enumerate(lines, start=1):
        column = line.find("\r") + 1
        if column:
            return [
                Problem(
                    Span(number, column, number, column + 1),
                    f"line {number} holds a carriage return (\\r) at column {column} that ends no CRLF: Docker "
                    "does not break lines there, so the text after it belongs to the same line; save the file "
                    "with LF (or CRLF) line endings",
                )
            ]
    return []


# A word: escaped characters, double-quoted strings (with escapes; unterminated ones run to the end), single-quoted
# strings (no escapes) and other characters but blanks. The alternatives start with different characters, so matching
# is linear; a trailing lone backslash belongs to the word.
_SHELL_WORD = lazy_compile(r"""(?:\\[\s\S]|"(?:\\[\s\S]|[^"\\])*(?:"|\\?\Z)|'[^']*'?|[^ \t\r\n"'\\]|\\\Z)+""")


def shell_words(text: str) -> list[tuple[int, int, str]]:
    """Whitespace-separated words, quotes kept (as BuildKit's lexer with raw quotes): (start, end, word)."""
    return [(match.start(), match.end(), match.group()) for match in _SHELL_WORD.finditer(text)]


def iter_shell_words(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """The words of ``text[start:]`` as :func:`shell_words` splits them, offsets into ``text``, one at a time (to stop
    early: the flags before a long RUN's script)."""
    for match in _SHELL_WORD.finditer(text, start):
        yield match.start(), match.end(), match.group()


def _heredoc_markers(text: str) -> list[tuple[int, int, str, bool, bool, int | None]]:
    """Heredoc markers on a joined instruction line: (start, end, name, strip_tabs, expand, fd)."""
    markers = []
    for start, end, word in shell_words(text):
        match = _HEREDOC_WORD.fullmatch(word)
        if not match:
            continue
        fd_text, dash, rest = match.groups()
        name = dequote(rest)
        if not name:
            continue
        markers.append((start, end, name, dash == "-", name == rest, int(fd_text) if fd_text else None))
    return markers


def dequote(word: str) -> str:
    if "'" not in word and '"' not in word and "\\" not in word:
        return word  # nothing to remove (most words)
    out: list[str] = []
    quote = ""
    index = 0
    while index < len(word):
        char = word[index]
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"' and index + 1 < len(word) and word[index + 1] in '"\\$`':
                index += 1
                out.append(word[index])
            else:
                out.append(char)
        elif char in "'\"":
            quote = char
        elif char == "\\" and index + 1 < len(word):
            index += 1
            out.append(word[index])
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _looks_like_json(text: str) -> bool:
    parts = text.split(None, 1)
    rest = parts[1] if len(parts) > 1 else ""
    if text.split(None, 1)[0].upper() == "ONBUILD":
        inner = rest.split(None, 1)
        rest = inner[1] if len(inner) > 1 else ""
    # Flags come before a JSON array (RUN --network=none ["a"]); skip them.
    words = rest.split()
    while words and words[0].startswith("--"):
        words.pop(0)
    return bool(words) and words[0].startswith("[")


def read_source(data: bytes) -> Source:
    """Run the whole pre-pass over the bytes of one Dockerfile."""
    text, encoding, had_bom, problems = decode(data)
    lines, newline = split_lines(text)
    if "\r" in text:  # lines lost their CRLF's carriage returns; one left over is a lone one
        problems.extend(_lone_carriage_return(lines))
    directives, escape, directive_lines, directive_problems = _read_directives(lines)
    problems.extend(directive_problems)

    logical_lines: list[LogicalLine] = []
    comment_lines: list[int] = []
    # Lines of the sanitised copy; start as a faithful copy and blank or rewrite what dockerfile-parse gets wrong.
    sanitised = list(lines)
    for number, _ in directive_lines:
        if lines[number - 1].lstrip().lower().lstrip("#").lstrip().startswith("escape"):
            continue
        sanitised[number - 1] = "# syntax=sanitised"

    index, total = 0, len(lines)
    while index < total:
        raw = lines[index]
        number = index + 1
        index += 1
        stripped = raw.lstrip(" \t")
        if stripped.startswith("#"):
            comment_lines.append(number)
            if number > len(directive_lines):
                sanitised[index - 1] = ""  # blank to dockerfile-parse too, which cleans every comment it reads
            continue
        if stripped == "":
            continue
        # The instruction's text is joined from pieces, one per physical line: where each starts in the joined text,
        # and at which line and column of the file (the TextMap's segments).
        piece, continues = _trim_continuation(stripped, escape)
        empty_lines: list[int] = []
        start_line = last_text_line = number
        open_at_eof = False
        if not continues:  # one line (most instructions)
            joined = piece
            text_map = TextMap.of((0,), (number,), (len(raw) - len(stripped) + 1,), len(piece))
        else:
            pieces = [piece]
            offsets, numbers, columns = [0], [number], [len(raw) - len(stripped) + 1]
            length = len(piece)
            while continues:
                if index >= total:
                    open_at_eof = True
                    break
                raw = lines[index]
                number = index + 1
                index += 1
                stripped = raw.lstrip(" \t")
                if stripped.startswith("#"):
                    comment_lines.append(number)
                    continue
                if not stripped:
                    empty_lines.append(number)
                    sanitised[number - 1] = "#"
                    continue
                piece, continues = _trim_continuation(raw, escape)
                pieces.append(piece)
                offsets.append(length)
                numbers.append(number)
                columns.append(1)
                length += len(piece)
                last_text_line = number
            joined = "".join(pieces)
            text_map = TextMap.of(tuple(offsets), tuple(numbers), tuple(columns), length)
        if not continues:
            # An escaped escape at the end of the last line would make dockerfile-parse join the next instruction.
            last = sanitised[last_text_line - 1].rstrip(" \t")
            if last.endswith(escape):
                sanitised[last_text_line - 1] = last[: -len(escape)] + "_"
        if not joined or joined.isspace():
            # Only escapes and whitespace (a lone `\` line, a vertical tab): BuildKit finds no instruction here.
            continue

        heredocs: list[RawHeredoc] = []
        end_line = last_text_line
        keyword = joined.split(None, 1)[0].upper()
        run_keyword = keyword
        if keyword == "ONBUILD":  # the trigger's keyword decides whether heredocs follow
            words = joined.split(None, 2)
            run_keyword = words[1].upper() if len(words) > 1 else keyword
        if run_keyword in HEREDOC_KEYWORDS and "<<" in joined and not _looks_like_json(joined):
            for start, end, name, strip_tabs, expand, fd in _heredoc_markers(joined):
                body_lines: list[tuple[int, str]] = []
                terminated = False
                terminator_span = None
                while index < total:
                    raw = lines[index]
                    number = index + 1
                    index += 1
                    sanitised[number - 1] = ""
                    candidate = raw.lstrip("\t") if strip_tabs else raw
                    if candidate == name:
                        terminated = True
                        terminator_span = Span(number, len(raw) - len(candidate) + 1, number, len(raw) + 1)
                        end_line = number
                        break
                    body_lines.append((number, raw))
                    end_line = number
                if not terminated:
                    marker_span = text_map.span(start, end)
                    problems.append(Problem(marker_span, f"unterminated heredoc: no line `{name}` closes it"))
                body = "".join(f"{body_line}\n" for _, body_line in body_lines)
                body_map = None
                if body_lines:
                    body_offsets = []
                    body_offset = 0
                    for _, body_line in body_lines:
                        body_offsets.append(body_offset)
                        body_offset += len(body_line) + 1
                    body_numbers = tuple(body_number for body_number, _ in body_lines)
                    body_map = TextMap.of(tuple(body_offsets), body_numbers, (1,) * len(body_lines), len(body))
                heredocs.append(
                    RawHeredoc(
                        name=name,
                        strip_tabs=strip_tabs,
                        expand=expand,
                        fd=fd,
                        marker_start=start,
                        marker_end=end,
                        body=body,
                        body_map=body_map,
                        first_line=body_lines[0][0] if body_lines else end_line,
                        end_line=end_line,
                        terminated=terminated,
                        terminator_span=terminator_span,
                    )
                )
        logical_lines.append(
            LogicalLine(
                text=joined,
                keyword=keyword,
                text_map=text_map,
                start_line=start_line,
                end_line=end_line,
                last_text_line=last_text_line,
                heredocs=tuple(heredocs),
                empty_continuation_lines=tuple(empty_lines),
                open_continuation_at_eof=open_at_eof,
            )
        )

    # A blank last line closes a continuation left open at the end of the file (dockerfile-parse drops it otherwise).
    sanitised.append("")
    return Source(
        text=text,
        lines=tuple(lines),
        newline=newline,
        encoding=encoding,
        had_bom=had_bom,
        escape=escape,
        directives=tuple(directives),
        logical_lines=tuple(logical_lines),
        comment_lines=tuple(comment_lines),
        problems=tuple(problems),
        sanitised_lines=tuple([line + "\n" for line in sanitised]),
    )


def _trim_continuation(line: str, escape: str) -> tuple[str, bool]:
    """The line without its continuation escape, and whether it continues.

    BuildKit: `([^E])E[ \t]*$|^E[ \t]*$`: the escape ends the line (trailing blanks aside) and is not itself escaped.
    """
    end = len(line.rstrip(" \t"))
    if end and line[end - 1] == escape and (end == 1 or line[end - 2] != escape):
        return line[: end - 1], True
    return line, False


def _read_directives(lines: list[str]) -> tuple[list[Directive], str, list[tuple[int, str]], list[Problem]]:
    """Leading parser directives, as BuildKit reads them: the first line that is not one ends the block."""
    directives: list[Directive] = []
    seen: set[str] = set()
    problems: list[Problem] = []
    escape = "\\"
    block: list[tuple[int, str]] = []
    for index, raw in enumerate(lines):
        line = raw.lstrip(" \t")
        match = _DIRECTIVE.fullmatch(line)
        if match is None:
            break
        name, value = match.group(1).lower(), match.group(2)
        if name not in KNOWN_DIRECTIVES:
            break
        number = index + 1
        span = Span(number, len(raw) - len(line) + 1, number, len(raw) + 1)
        block.append((number, name))
        if name in seen:
            problems.append(Problem(span, f"only one `{name}` parser directive can be used"))
            continue
        seen.add(name)
        if name == "escape":
            if value not in ("\\", "`"):
                problems.append(Problem(span, f"invalid escape character {value!r}: it must be ` or \\"))
                continue
            escape = value
        directives.append(Directive(name, value, number, span))
    return directives, escape, block, problems
