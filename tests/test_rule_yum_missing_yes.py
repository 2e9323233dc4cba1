"""DF213 yum-missing-yes: yum commands that change packages without an answer to the prompt."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF213"

POSITIVE = [
    ("FROM centos:7\nRUN yum install httpd\n", [(2, 5)]),
    ("FROM centos:7\nRUN yum update && yum clean all\n", [(2, 5)]),
    ("FROM centos:7\nRUN yum --setopt=tsflags=nodocs groupinstall 'Development Tools'\n", [(2, 5)]),
    ("FROM centos:7\nRUN yum group install 'Development Tools'\n", [(2, 5)]),
    ("from centos:7\nrun set -e; \\\n    yum -q remove \\\n      httpd\n", [(3, 5)]),
    ('FROM centos:7\nRUN ["yum", "install", "httpd"]\n', [(2, 6)]),
    ("FROM centos:7\nRUN cat <<EOF > /x && sudo yum install httpd\nx\nEOF\n", [(2, 28)]),
    ("FROM centos:7\nONBUILD RUN yum install httpd\n", [(2, 13)]),
    ("FROM centos:7 AS a\nRUN yum install gcc\nFROM centos:7\nCOPY --from=a /x /x\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM centos:7\nRUN yum install -y httpd\n",
    "FROM centos:7\nRUN yum -y install httpd\n",
    "FROM centos:7\nRUN yum install --assumeyes httpd\n",
    "FROM centos:7\nRUN yum install httpd -y\n",
    "FROM centos:7\nRUN yum -qy install httpd\n",
    "FROM centos:7\nRUN yum --setopt=assumeyes=1 install httpd\n",
    "FROM centos:7\nRUN yum install --downloadonly httpd\n",
    "FROM centos:7\nRUN yes | yum install httpd\n",
    "FROM centos:7\nRUN echo assumeyes=1 >> /etc/yum.conf\nRUN yum install httpd\n",
    "FROM centos:7\nCOPY yum.conf /etc/yum.conf\nRUN yum install httpd\n",
    "FROM centos:7\nRUN yum $YUM_OPTS install httpd\n",
    # never prompts
    "FROM centos:7\nRUN yum makecache && yum clean all\n",
    "FROM centos:7\nRUN yum list installed\n",
    "FROM centos:7\nRUN yum group list\n",
    "FROM centos:7\nRUN echo yum install httpd\n",
    "FROM centos:7\nRUN cat <<EOF > /notes\nyum install httpd\nEOF\n",
    'FROM centos:7\nRUN ["yum", "install", "-y", "httpd"]\n',
    "FROM centos:7\nONBUILD RUN yum install -y httpd\n",
    "from centos:7\nrun yum install \\\n    -y httpd\n",
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
    [finding] = lint("FROM centos:7\nRUN yum install httpd\n", CODE)
    assert finding.message == (
        "`yum install` asks for confirmation and aborts in a non-interactive build: add `-y` (`yum install -y …`)"
    )


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM centos:7\nRUN yum install httpd\n", "FROM centos:7\nRUN yum install -y httpd\n"),
        ('FROM centos:7\nRUN ["yum", "update"]\n', 'FROM centos:7\nRUN ["yum", "update", "-y"]\n'),
        ("FROM centos:7\nRUN yum group install x\n", "FROM centos:7\nRUN yum group -y install x\n"),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
