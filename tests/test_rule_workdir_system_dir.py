"""DF515 workdir-system-dir: WORKDIR inside /proc, /sys, /dev, /boot."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF515"

POSITIVE = [
    ("FROM debian\nWORKDIR /proc\n", [(2, 9)]),
    ("FROM debian\nWORKDIR /dev/app\n", [(2, 9)]),
    ("FROM debian\nWORKDIR /sys/\n", [(2, 9)]),
    ('FROM debian\nWORKDIR "/boot/x"\n', [(2, 9)]),
    ("FROM debian\nWORKDIR /\nWORKDIR proc\n", [(3, 9)]),
    ("FROM debian\nARG DIR=/proc/app\nWORKDIR ${DIR}\n", [(3, 9)]),
    ("from debian\nworkdir /lost+found\n", [(2, 9)]),
    ("FROM debian\nONBUILD WORKDIR /dev/x\n", [(2, 17)]),
    ("FROM debian AS base\nWORKDIR /dev\nFROM base\nWORKDIR x\n", [(2, 9), (4, 9)]),
]

NEGATIVE = [
    "FROM debian\nWORKDIR /app\n",
    "FROM debian\nWORKDIR /\n",
    "FROM debian\nWORKDIR /usr/src/app\n",
    "FROM debian\nWORKDIR /etc/nginx\n",
    "FROM debian\nWORKDIR /devel\n",
    "FROM debian\nWORKDIR /process\n",
    "FROM debian\nWORKDIR /system/app\n",
    "FROM debian\nWORKDIR /bootstrap\n",
    "FROM debian\nWORKDIR proc\n",  # relative to an unknown base WORKDIR
    "FROM debian\nARG DIR\nWORKDIR ${DIR}\n",
    "FROM debian\nWORKDIR /proc/../app\n",
    "FROM debian\nONBUILD WORKDIR ${DIR}\n",
    "FROM debian\nRUN mkdir -p /dev/shm/x && cd /dev/shm/x\n",
    "FROM debian\nCOPY x /dev/null\n",
    "from debian\nworkdir \\\n  /srv\n",
    "FROM debian AS base\nWORKDIR /app\nFROM base\nWORKDIR sys\n",
    "FROM debian\nWORKDIR /home/proc\n",
    "FROM debian\nWORKDIR /\nWORKDIR ./app\n",
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
    [finding] = lint("FROM debian\nWORKDIR /\nWORKDIR proc\n", CODE)
    assert finding.message.startswith("`WORKDIR proc` (`/proc`) is inside `/proc`, which the runtime mounts over")
