"""DF221 dnf-clean-missing: dnf/microdnf installs whose cache stays in a shipped layer."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF221"

POSITIVE = [
    ("FROM fedora\nRUN dnf install -y python3\n", [(2, 5)]),
    ("FROM fedora\nRUN microdnf install -y tar && microdnf remove -y vim\n", [(2, 5)]),
    ("FROM fedora\nRUN dnf module install -y nodejs:20\n", [(2, 5)]),
    ("from fedora\nrun set -e; \\\n    dnf -y upgrade; \\\n    dnf -y install git\n", [(3, 5)]),
    ('FROM fedora\nRUN ["dnf", "install", "-y", "git"]\n', [(2, 6)]),
    ("FROM fedora\nRUN cat <<EOF > /x && dnf install -y git\nx\nEOF\n", [(2, 23)]),
    ("FROM fedora\nONBUILD RUN dnf install -y git\n", [(2, 13)]),
    # a variable that is not the cache
    ('FROM fedora\nRUN GNUPGHOME="$(mktemp -d)"; dnf install -y gnupg2; rm -rf "$GNUPGHOME"\n', [(2, 31)]),
]

NEGATIVE = [
    "FROM fedora\nRUN dnf install -y git && dnf clean all\n",
    "FROM fedora\nRUN microdnf install -y git && microdnf clean all\n",
    "FROM fedora\nRUN dnf install -y git && rm -rf /var/cache/dnf\n",
    "FROM fedora\nRUN dnf5 install -y git && rm -rf /var/cache/libdnf5/*\n",
    "FROM fedora\nRUN dnf install -y git && rm -rf /var/cache/yum/*\n",
    "FROM fedora\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git\n",
    'FROM fedora\nARG CACHE=/var/cache/dnf\nRUN dnf install -y git && rm -rf "$CACHE"\n',
    "FROM fedora AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /out /\n",
    "FROM fedora\nRUN dnf remove -y vim-minimal\n",
    "FROM fedora\nRUN dnf module list\n",
    "FROM fedora\nRUN echo dnf install git\n",
    "FROM fedora\nRUN cat <<EOF > /notes\ndnf install -y git\nEOF\n",
    'FROM fedora\nRUN ["sh", "-c", "dnf install -y git && dnf clean all"]\n',
    "FROM fedora\nONBUILD RUN dnf install -y git && dnf clean all\n",
    "from fedora\nrun dnf install -y git \\\n && dnf clean all\n",
    "FROM fedora\nRUN <<EOF\ndnf install -y git\ndnf clean all\nEOF\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_names_the_manager() -> None:
    [finding] = lint("FROM fedora\nRUN microdnf install -y tar\n", CODE)
    assert finding.message == (
        "`microdnf install` leaves its cache in this layer: end the RUN with `microdnf clean all`"
    )
