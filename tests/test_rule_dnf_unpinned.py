"""DF222 dnf-unpinned: dnf/microdnf install of packages without a version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF222"

POSITIVE = [
    ("FROM fedora\nRUN dnf install -y python3-pip\n", [(2, 20)]),
    ("FROM fedora\nRUN microdnf install -y --nodocs tar-1.34 gzip\n", [(2, 43)]),
    ("FROM fedora\nRUN dnf --setopt=tsflags=nodocs --enablerepo crb install -y jq\n", [(2, 61)]),
    ("from fedora\nrun dnf install -y \\\n    git-2.45.0 \\\n    make\n", [(4, 5)]),
    ('FROM fedora\nRUN ["dnf", "install", "-y", "git"]\n', [(2, 30)]),
    ("FROM fedora\nRUN cat <<EOF > /x && dnf install -y git\nx\nEOF\n", [(2, 38)]),
    ("FROM fedora\nONBUILD RUN microdnf install -y git\n", [(2, 33)]),
]

NEGATIVE = [
    "FROM fedora\nRUN dnf install -y git-2.45.0\n",
    "FROM fedora\nRUN dnf install -y nodejs-1:20.12.2-1.fc40\n",
    "FROM fedora\nRUN dnf install -y 'python3 >= 3.12'\n",
    "FROM fedora\nRUN dnf install -y @development-tools\n",
    "FROM fedora\nRUN dnf module install -y nodejs:20/common\n",
    "FROM fedora\nRUN dnf group install -y 'Development Tools'\n",
    "FROM fedora\nRUN dnf install -y https://example.com/x.rpm\n",
    "FROM fedora\nRUN dnf install -y 'lib*' $PACKAGES\n",
    "FROM fedora\nRUN dnf remove -y vim-minimal\n",
    "FROM fedora\nRUN dnf upgrade -y\n",
    "FROM fedora\nRUN echo dnf install git\n",
    "FROM fedora\nRUN cat <<EOF > /notes\ndnf install -y git\nEOF\n",
    'FROM fedora\nRUN ["dnf", "install", "-y", "git-2.45.0"]\n',
    "FROM fedora\nONBUILD RUN microdnf install -y git-2.45.0\n",
    "from fedora\nrun dnf install -y \\\n    git-2.45.0\n",
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
    [finding] = lint("FROM fedora\nRUN microdnf install -y tar\n", CODE)
    assert finding.message == (
        "`microdnf install` installs `tar` without a version: pin it (`tar-<version>`) so that rebuilds install the "
        "same packages"
    )
