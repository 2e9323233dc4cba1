"""DF215 yum-unpinned: yum install of packages without a version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF215"

POSITIVE = [
    ("FROM centos:7\nRUN yum install -y httpd\n", [(2, 20)]),
    # a dash is not a version
    ("FROM centos:7\nRUN yum install -y python3-devel gcc-c++\n", [(2, 20)]),
    ("FROM centos:7\nRUN yum install -y httpd-2.4.6 mod_ssl\n", [(2, 32)]),
    ("FROM centos:7\nRUN yum --enablerepo epel install -y jq\n", [(2, 38)]),
    ("from centos:7\nrun yum install -y \\\n    httpd-2.4.6 \\\n    mod_ssl\n", [(4, 5)]),
    ('FROM centos:7\nRUN ["yum", "install", "-y", "httpd"]\n', [(2, 30)]),
    ("FROM centos:7\nRUN cat <<EOF > /x && yum install -y httpd\nx\nEOF\n", [(2, 38)]),
    ("FROM centos:7\nONBUILD RUN yum install -y httpd\n", [(2, 28)]),
]

NEGATIVE = [
    "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
    "FROM centos:7\nRUN yum install -y httpd-2.4.6-99.el7.centos.1\n",
    "FROM centos:7\nRUN yum install -y java-1.8.0-openjdk\n",
    "FROM centos:7\nRUN yum install -y 'python3 >= 3.6'\n",
    "FROM centos:7\nRUN yum install -y https://example.com/x.rpm /tmp/y.rpm\n",
    "FROM centos:7\nRUN yum install -y @core\n",
    "FROM centos:7\nRUN yum install -y 'perl(JSON)' /usr/bin/make\n",
    "FROM centos:7\nRUN yum install -y MariaDB-server-${MARIADB_VERSION} $EXTRA\n",
    "FROM centos:7\nRUN yum groupinstall -y 'Development Tools'\n",
    "FROM centos:7\nRUN yum localinstall -y ./x.rpm\n",
    "FROM centos:7\nRUN yum remove -y httpd\n",
    "FROM centos:7\nRUN echo yum install httpd\n",
    "FROM centos:7\nRUN cat <<EOF > /notes\nyum install -y httpd\nEOF\n",
    'FROM centos:7\nRUN ["yum", "install", "-y", "httpd-2.4.6"]\n',
    "FROM centos:7\nONBUILD RUN yum install -y httpd-2.4.6\n",
    "from centos:7\nrun yum install -y \\\n    httpd-2.4.6\n",
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
    [finding] = lint("FROM centos:7\nRUN yum install -y python3-devel gcc-c++\n", CODE)
    assert finding.message == (
        "`yum install` installs `python3-devel` and `gcc-c++` without a version: pin each "
        "(`python3-devel-<version>`) so that rebuilds install the same packages"
    )
