"""DF511 useradd-without-no-log-init: high UID without --no-log-init."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF511"

POSITIVE = [
    ("FROM debian\nRUN useradd -u 1000001 app\n", [(2, 5)]),
    ("FROM debian\nRUN useradd --uid 100000 app\n", [(2, 5)]),
    ("FROM debian\nRUN useradd --uid=65536 app\n", [(2, 5)]),
    ("FROM debian\nRUN useradd -ru 200000 app\n", [(2, 5)]),
    ("FROM debian\nRUN useradd -u200000 app\n", [(2, 5)]),
    ("FROM debian\nARG APP_UID=1000001\nRUN useradd -u $APP_UID app\n", [(3, 5)]),
    # continuation, heredoc, sh -c, ONBUILD, lowercase, wrapper
    ("FROM debian\nRUN groupadd app \\\n && useradd \\\n    -u 1000001 app\n", [(3, 5)]),
    ("FROM debian\nRUN <<EOF\nuseradd -u 1000001 app\nEOF\n", [(3, 1)]),
    ("FROM debian\nRUN sh -c 'useradd -u 1000001 app'\n", [(2, 12)]),
    ("FROM debian\nONBUILD RUN useradd -u 1000001 app\n", [(2, 13)]),
    ("from debian\nrun sudo /usr/sbin/useradd -u 1000001 app\n", [(2, 10)]),
]

NEGATIVE = [
    "FROM debian\nRUN useradd -l -u 1000001 app\n",
    "FROM debian\nRUN useradd --no-log-init --uid 1000001 app\n",
    "FROM debian\nRUN useradd -lu 1000001 app\n",
    "FROM debian\nRUN useradd -u 1000001 --no-log-init app\n",
    "FROM debian\nRUN useradd -u 10001 app\n",
    "FROM debian\nRUN useradd --uid 999 --system app\n",
    "FROM debian\nRUN useradd app\n",
    "FROM debian\nRUN useradd -u $UID app\n",
    "FROM debian\nARG UID\nRUN useradd -u ${UID} app\n",
    "FROM debian\nRUN useradd -c 1000001 app\n",  # a comment, not a UID
    "FROM debian\nRUN useradd -g 1000001 app\n",  # a group
    "FROM alpine\nRUN adduser -D -u 1000001 app\n",
    "FROM debian\nRUN usermod -u 1000001 app\n",
    'FROM debian\nRUN echo "useradd -u 1000001 app"\n',
    "FROM debian\nRUN cat <<EOF > /notes\nuseradd -u 1000001 app\nEOF\n",
    "FROM debian\nONBUILD RUN useradd -l -u 1000001 app\n",
    "from debian\nrun useradd \\\n  --no-log-init -u 1000001 app\n",
    'FROM debian\nRUN ["useradd", "-l", "-u", "1000001", "app"]\n',
    "FROM debian\nRUN groupadd -g 1000001 app\n",
    "FROM debian\nRUN useradd -u 65535 app\n",
    "FROM debian\nRUN useradd -K UID_MIN=1000001 app\n",
    "FROM debian\nRUN useradd -s /bin/sh -u 1000 app\n",
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
    [finding] = lint("FROM debian\nRUN useradd -u 1000000 app\n", CODE)
    assert finding.message == (
        "`useradd -u 1000000 app` creates UID 1000000 without `--no-log-init`: /var/log/lastlog becomes a 292 MB file "
        "in the layer (Docker does not keep it sparse); add `--no-log-init` (`-l`)"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM debian\nRUN useradd -u 1000001 app\n", "FROM debian\nRUN useradd --no-log-init -u 1000001 app\n"),
        (
            'FROM debian\nRUN ["useradd", "-u", "1000001", "app"]\n',
            'FROM debian\nRUN ["useradd", "--no-log-init", "-u", "1000001", "app"]\n',
        ),
        (
            "FROM debian\nRUN groupadd app \\\n && useradd \\\n    -u 1000001 app\n",
            "FROM debian\nRUN groupadd app \\\n && useradd --no-log-init \\\n    -u 1000001 app\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
