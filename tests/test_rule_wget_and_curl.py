"""DF518 wget-and-curl: both download tools in one stage."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF518"

POSITIVE = [
    ("FROM debian\nRUN wget -q https://x.example/a\nRUN curl -fsSLO https://x.example/b\n", [(3, 5)]),
    ("FROM debian\nRUN curl -fsSLO https://x.example/a && wget -q https://x.example/b\n", [(2, 40)]),
    # continuation, heredoc, sh -c, lowercase
    ("FROM debian\nRUN wget -q https://x.example/a \\\n && curl -O https://x.example/b\n", [(3, 5)]),
    ("FROM debian\nRUN wget -q https://x.example/a\nRUN <<EOF\ncurl -O https://x.example/b\nEOF\n", [(4, 1)]),
    ("FROM debian\nRUN wget -q https://x.example/a\nRUN sh -c 'curl -O https://x.example/b'\n", [(3, 12)]),
    ("from debian\nrun wget -q https://x.example/a\nrun curl -O https://x.example/b\n", [(3, 5)]),
]

NEGATIVE = [
    "FROM debian\nRUN curl -fsSLO https://x.example/a\nRUN curl -fsSLO https://x.example/b\n",
    "FROM debian\nRUN wget -q https://x.example/a\n",
    "FROM debian\nRUN apt-get install -y curl wget\n",
    # one stage each
    "FROM debian AS a\nRUN wget -q https://x.example/a\nFROM debian\nRUN curl -O https://x.example/b\n",
    # a builder that never reaches the image
    "FROM debian AS fetch\nRUN wget -q https://x.example/a && curl -O https://x.example/b\n"
    "FROM debian\nCOPY --from=fetch /a /a\n",
    # one tool removed again
    "FROM debian\nRUN wget -q https://x.example/a && apt-get purge -y wget\nRUN curl -O https://x.example/b\n",
    "FROM alpine\nRUN apk add --virtual .fetch curl && curl -O https://x.example/a && apk del .fetch\n"
    "RUN wget -q https://x.example/b\n",
    "FROM debian\nRUN apt-get install -y wget && wget https://x.example/a && apt-get purge -y --auto-remove wget\n"
    "RUN curl -O https://x.example/b\n",
    # mentions, not commands
    'FROM debian\nRUN echo "curl and wget"\n',
    "FROM debian\nRUN wget -q https://x.example/a\nRUN cat <<EOF > /notes\ncurl x\nEOF\n",
    "FROM debian\nRUN wget -q https://x.example/a\nHEALTHCHECK CMD curl -f http://localhost/\n",
    "FROM debian\nONBUILD RUN curl -O https://x.example/a\nRUN wget -q https://x.example/b\n",
    "from debian\nrun curl \\\n  -O https://x.example/a\n",
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
    [finding] = lint("FROM debian\nRUN wget -q https://x.example/a\nRUN curl -fsSLO https://x.example/b\n", CODE)
    assert finding.message.startswith(
        "This stage downloads with `wget` (line 2) and with `curl`: the image then carries both; use one of them"
    )
