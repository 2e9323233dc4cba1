"""DF506 add-url-without-checksum: ADD of an HTTP(S) URL without --checksum."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF506"

POSITIVE = [
    ("FROM debian\nADD https://example.com/tini /tini\n", [(2, 5)]),
    ("FROM debian\nADD http://example.com/a.tar.gz /tmp/\n", [(2, 5)]),
    ("FROM debian\nADD --chmod=755 https://example.com/tini /tini\n", [(2, 17)]),
    ('FROM debian\nADD ["https://example.com/a b", "/x"]\n', [(2, 6)]),
    ("FROM debian\nADD a.txt https://example.com/b.txt /dest/\n", [(2, 11)]),
    # ARG-resolved, continuation, ONBUILD, lowercase
    ("FROM debian\nARG URL=https://example.com/tini\nADD ${URL} /tini\n", [(3, 5)]),
    ("FROM debian\nADD \\\n  https://example.com/tini \\\n  /tini\n", [(3, 3)]),
    ("FROM debian\nONBUILD ADD https://example.com/tini /tini\n", [(2, 13)]),
    ("from debian\nadd https://example.com/v${V}/tini /tini\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM debian\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
    "https://example.com/tini /tini\n",
    "FROM debian\nADD --checksum=sha256:abc \\\n    https://example.com/tini /tini\n",
    "FROM debian\nADD https://github.com/o/r.git#v1.0 /src\n",
    'FROM debian\nADD --keep-git-dir=true "https://github.com/o/r.git#$REF" .\n',
    "FROM debian\nADD git@github.com:o/r.git /src\n",
    "FROM debian\nADD https://github.com/o/r.git /src\n",
    "FROM debian\nADD app.tar.gz /app/\n",
    "FROM debian\nADD . /app\n",
    "FROM debian\nCOPY https.txt /x\n",
    "FROM debian\nRUN curl -fsSLo /tini https://example.com/tini\n",
    "FROM debian\nARG URL\nADD ${URL} /tini\n",
    "FROM debian\nADD <<EOF /x\nhttps://example.com\nEOF\n",
    "FROM debian\nONBUILD ADD ${URL} /x\n",
    "from debian\nadd --checksum=sha256:abc https://example.com/a /a\n",
    "FROM debian\nONBUILD ADD --checksum=sha256:abc https://example.com/a /a\n",
    "FROM debian\nLABEL url=https://example.com/a\n",
    'FROM debian\nADD ["app.tar.gz", "/app/"]\n',
    "FROM debian\nADD ./https/file /x\n",
    "FROM debian\nADD ssh://git@example.com/o/r /src\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message() -> None:
    [finding] = lint("FROM debian\nARG URL=https://example.com/tini\nADD ${URL} /tini\n", CODE)
    assert finding.message.startswith(
        "`ADD https://example.com/tini` puts whatever the server sends into the image without checking it: pin"
    )
