"""DF214 yum-clean-missing: yum installs whose cache stays in a shipped layer."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF214"

POSITIVE = [
    ("FROM centos:7\nRUN yum install -y httpd\n", [(2, 5)]),
    ("FROM centos:7\nRUN yum clean all && yum install -y httpd\n", [(2, 22)]),
    ("FROM centos:7\nRUN yum install -y httpd\nRUN yum clean all\n", [(2, 5)]),
    ("from centos:7\nrun yum -y update \\\n && yum -y install httpd\n", [(2, 5)]),
    ('FROM centos:7\nRUN ["yum", "install", "-y", "httpd"]\n', [(2, 6)]),
    ("FROM centos:7\nRUN cat <<EOF > /x && yum install -y httpd\nx\nEOF\n", [(2, 23)]),
    ("FROM centos:7\nONBUILD RUN yum install -y httpd\n", [(2, 13)]),
    ('FROM centos:7 AS dev\nRUN yum install -y gdb\nFROM centos:7\nCMD ["true"]\n', [(2, 5)]),
]

NEGATIVE = [
    "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
    "FROM centos:7\nRUN yum install -y httpd && yum clean packages metadata\n",
    "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum\n",
    "FROM centos:7\nRUN yum install -y httpd && dnf clean all\n",
    "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n",
    "FROM centos:7\nRUN --mount=type=tmpfs,target=/var/cache yum install -y httpd\n",
    # builders
    "FROM centos:7 AS build\nRUN yum install -y gcc\nFROM scratch\nCOPY --from=build /out /\n",
    "FROM centos:7 AS base\nRUN yum install -y gcc\nFROM base AS build\nFROM scratch\nCOPY --from=build /o /\n",
    # nothing downloaded
    "FROM centos:7\nRUN yum remove -y httpd\n",
    "FROM centos:7\nRUN yum list installed\n",
    "FROM centos:7\nRUN echo yum install httpd\n",
    "FROM centos:7\nRUN cat <<EOF > /notes\nyum install -y httpd\nEOF\n",
    'FROM centos:7\nRUN ["sh", "-c", "yum install -y httpd && yum clean all"]\n',
    "FROM centos:7\nONBUILD RUN yum install -y httpd && yum clean all\n",
    "from centos:7\nrun yum install -y httpd \\\n && yum clean all\n",
    "FROM centos:7\nRUN <<EOF\nyum install -y httpd\nyum clean all\nEOF\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_and_one_per_run() -> None:
    [finding] = lint("FROM centos:7\nRUN yum install -y a && yum install -y b\n", CODE)
    assert finding.message == "`yum install` leaves its cache in this layer: end the RUN with `yum clean all`"
