"""DF523 add-for-archives: COPY of a tar archive, then tar -x."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF523"

POSITIVE = [
    ("FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz -C /opt\n", [(2, 6)]),
    ("FROM debian\nCOPY vendor/tool.tgz /tmp/\nRUN tar xzf /tmp/tool.tgz\n", [(2, 6)]),
    (
        "FROM debian\nCOPY a.tar.xz /tmp/\nRUN tar --extract --file=/tmp/a.tar.xz --directory=/opt && rm /a\n",
        [(2, 6)],
    ),
    ("FROM debian\nCOPY a.txt b.tar /tmp/\nRUN tar -x -f /tmp/b.tar -C /\n", [(2, 12)]),
    # continuation, heredoc, lowercase
    ("FROM debian\nCOPY a.tar.bz2 /tmp/\nRUN cd /opt \\\n && tar -xjf /tmp/a.tar.bz2\n", [(2, 6)]),
    ("FROM debian\nCOPY a.tgz /tmp/\nRUN <<EOF\ntar -xzf /tmp/a.tgz -C /opt\nEOF\n", [(2, 6)]),
    ("from debian\ncopy a.tgz /tmp/\nrun tar -xzvf /tmp/a.tgz\n", [(2, 6)]),
]

NEGATIVE = [
    "FROM debian\nCOPY tool.tar.gz /tmp/\n",
    "FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -tzf /tmp/tool.tar.gz\n",
    "FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz --strip-components=1 -C /opt\n",
    "FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz tool/bin/tool\n",
    "FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz --exclude=docs\n",
    "FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -xzOf /tmp/tool.tar.gz > /x\n",
    "FROM debian\nCOPY tool.zip /tmp/\nRUN unzip /tmp/tool.zip -d /opt\n",
    "FROM debian\nCOPY data.gz /tmp/\nRUN gunzip /tmp/data.gz\n",
    "FROM debian AS build\nRUN tar -czf /a.tgz /src\n"
    "FROM debian\nCOPY --from=build /a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\n",
    "FROM debian\nCOPY a.tgz /tmp/\nFROM debian\nRUN tar -xzf /tmp/a.tgz\n",
    "FROM debian\nCOPY other.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\n",
    "FROM debian\nADD a.tgz /opt/\n",
    "FROM debian\nARG ARCHIVE\nCOPY ${ARCHIVE} /tmp/\nRUN tar -xzf /tmp/${ARCHIVE}\n",
    "FROM debian\nCOPY a.tgz /tmp/\nRUN tar -xzf $ARCHIVE\n",
    'FROM debian\nCOPY a.tgz /tmp/\nRUN echo "tar -xzf /tmp/a.tgz"\n',
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
    [finding] = lint("FROM debian\nCOPY tool.tar.gz /tmp/\nRUN tar -xzf /tmp/tool.tar.gz -C /opt\n", CODE)
    assert finding.message == (
        "`COPY tool.tar.gz` is extracted by `tar` at line 3: `ADD tool.tar.gz <directory>/` extracts it in one step "
        "and keeps the archive out of the image's layers"
    )
