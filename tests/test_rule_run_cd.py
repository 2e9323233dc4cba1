"""DF517 run-cd: a `cd` that is the last command of a RUN."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF517"

POSITIVE = [
    ("FROM debian\nRUN cd /app\n", [(2, 5)]),
    ("FROM debian\nRUN mkdir /app && cd /app\n", [(2, 19)]),
    ("FROM debian\nRUN make install; cd /\n", [(2, 19)]),
    ("FROM debian\nRUN cd\n", [(2, 5)]),
    # continuation, heredoc, ONBUILD, lowercase
    ("FROM debian\nRUN mkdir /app \\\n && cd /app\n", [(3, 5)]),
    ("FROM debian\nRUN <<EOF\nmkdir /app\ncd /app\nEOF\n", [(4, 1)]),
    ("FROM debian\nONBUILD RUN cd /app\n", [(2, 13)]),
    ("from debian\nrun cd /app\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM debian\nRUN cd /src && make install\n",
    "FROM debian\nRUN cd /src; make\n",
    "FROM debian\nRUN (cd sub && make)\n",
    "FROM debian\nRUN cd /tmp && curl -O https://x.example/a && cd / && rm -rf /tmp/*\n",
    "FROM debian\nRUN if [ -d /x ]; then cd /x; fi; ls\n",
    "FROM debian\nRUN sh -c 'cd /x'\n",
    "FROM debian\nWORKDIR /app\n",
    'FROM debian\nRUN echo "cd /app"\n',
    "FROM debian\nRUN cat <<EOF > /notes\ncd /app\nEOF\n",
    'FROM debian\nRUN ["cd", "/app"]\n',
    "FROM debian\nONBUILD RUN cd /src && make\n",
    "from debian\nrun cd /src \\\n  && make\n",
    "FROM debian\nRUN <<EOF\ncd /src\nmake\nEOF\n",
    "FROM debian\nRUN cdrecord --version\n",
    "FROM debian\nRUN pushd /x && make && popd\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN cd C:/app\n',
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_messages() -> None:
    [alone] = lint("FROM debian\nRUN cd /app\n", CODE)
    assert alone.message == (
        "this RUN only changes directory, and the next instruction starts in the WORKDIR again: use `WORKDIR /app` "
        "to change directory for what follows, or drop the `cd`"
    )
    [last] = lint("FROM debian\nRUN mkdir /app && cd /app\n", CODE)
    assert last.message.startswith("`cd /app` is the last command of this RUN, and the next instruction starts")
    assert last.fix is None


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM debian\nRUN cd /app\nCOPY . .\n", "FROM debian\nWORKDIR /app\nCOPY . .\n"),
        ("from debian\nrun cd src\n", "from debian\nworkdir src\n"),
        ("FROM debian\nONBUILD RUN cd /app\n", "FROM debian\nONBUILD WORKDIR /app\n"),
    ],
)
def test_unsafe_fix(source: str, fixed: str) -> None:
    [finding] = lint(source, CODE)
    assert finding.fix is not None and not finding.fix.safe
    assert apply_fixes(source, CODE) == fixed


@pytest.mark.parametrize(
    "source", ["FROM debian\nRUN cd ~\n", "FROM debian\nRUN cd $HOME\n", "FROM debian\nRUN cd /a;\n"]
)
def test_no_fix(source: str) -> None:
    [finding] = lint(source, CODE)
    assert finding.fix is None
