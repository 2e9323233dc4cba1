"""DF522 add-instead-of-copy: ADD of local files."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF522"

POSITIVE = [
    ("FROM python:3.12\nADD requirements.txt /app/\n", [(2, 1)]),
    ("FROM python:3.12\nADD . /app\n", [(2, 1)]),
    ("FROM python:3.12\nADD --chown=app:app src/ /app/src/\n", [(2, 1)]),
    ('FROM python:3.12\nADD ["a b.txt", "/app/"]\n', [(2, 1)]),
    ("FROM python:3.12\nADD *.py /app/\n", [(2, 1)]),
    ("FROM python:3.12\nADD <<EOF /etc/motd\nhello\nEOF\n", [(2, 1)]),
    # ARG-resolved, continuation, ONBUILD, lowercase
    ("FROM python:3.12\nARG SRC=app.py\nADD ${SRC} /app/\n", [(3, 1)]),
    ("FROM python:3.12\nADD \\\n  app.py /app/\n", [(2, 1)]),
    ("FROM python:3.12\nONBUILD ADD . /app\n", [(2, 9)]),
    ("from python:3.12\nadd app.py /app/\n", [(2, 1)]),
]

NEGATIVE = [
    "FROM python:3.12\nADD https://x.example/a.txt /a\n",
    "FROM python:3.12\nADD https://github.com/o/r.git#v1 /src\n",
    "FROM python:3.12\nADD git@github.com:o/r.git /src\n",
    "FROM python:3.12\nADD rootfs.tar.gz /\n",
    "FROM python:3.12\nADD app.tgz /opt/\n",
    "FROM python:3.12\nADD data.tar.zst /data/\n",
    "FROM python:3.12\nADD dump.xz /data/\n",
    "FROM python:3.12\nADD * /app/\n",
    "FROM python:3.12\nADD dist/*.gz /app/\n",
    "FROM python:3.12\nADD app.py rootfs.tar /app/\n",
    "FROM python:3.12\nARG SRC\nADD ${SRC} /app/\n",
    "FROM python:3.12\nADD --checksum=sha256:abc app.py /app/\n",
    "FROM python:3.12\nADD --keep-git-dir=true https://github.com/o/r.git /src\n",
    "FROM python:3.12\nADD --unpack=false app.py /app/\n",
    "FROM python:3.12\nCOPY app.py /app/\n",
    "FROM python:3.12\nONBUILD ADD ${SRC} /app\n",
    "from python:3.12\nadd \\\n  https://x.example/a /a\n",
    "FROM python:3.12\nADD http://x.example/a.py /app/\n",
    "FROM python:3.12\nONBUILD ADD rootfs.tar.gz /\n",
    "FROM python:3.12\nADD ./archive.TAR.GZ /x/\n",
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
    [finding] = lint("FROM python:3.12\nADD requirements.txt app.py /app/\n", CODE)
    assert finding.message.startswith(
        "`ADD` copies local files here (`requirements.txt`, `app.py`): use `COPY`, which only copies"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM python:3.12\nADD . /app\n", "FROM python:3.12\nCOPY . /app\n"),
        ("from python:3.12\nadd --chown=app . /app\n", "from python:3.12\ncopy --chown=app . /app\n"),
        ("FROM python:3.12\nONBUILD ADD . /app\n", "FROM python:3.12\nONBUILD COPY . /app\n"),
        ('FROM python:3.12\nAdd ["a", "/b"]\n', 'FROM python:3.12\nCOPY ["a", "/b"]\n'),
        (
            "FROM python:3.12\nADD <<EOF /etc/motd\nhello\nEOF\n",
            "FROM python:3.12\nCOPY <<EOF /etc/motd\nhello\nEOF\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
