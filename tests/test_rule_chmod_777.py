"""DF507 chmod-777: modes that let every user write."""

from __future__ import annotations

import pytest

from rules.chmod_777 import world_writable
from tests.helpers import lint, positions

CODE = "DF507"

POSITIVE = [
    ("FROM debian\nRUN chmod 777 /app\n", [(2, 11)]),
    ("FROM debian\nRUN chmod -R 0777 /app\n", [(2, 14)]),
    ("FROM debian\nRUN chmod -R a+rwx /app\n", [(2, 14)]),
    ("FROM debian\nRUN chmod o+w /app/data\n", [(2, 11)]),
    ("FROM debian\nRUN chmod u+rwx,go+w /app\n", [(2, 11)]),
    ("FROM debian\nRUN mkdir -p -m 777 /data\n", [(2, 17)]),
    ("FROM debian\nCOPY --chmod=777 app /app\n", [(2, 14)]),
    # continuation, heredoc, sh -c, ONBUILD, lowercase
    ("FROM debian\nRUN mkdir /x \\\n && chmod 666 /x/f\n", [(3, 11)]),
    ("FROM debian\nRUN <<EOF\nchmod 777 /srv\nEOF\n", [(3, 7)]),
    ("FROM debian\nRUN sh -c 'chmod 777 /srv'\n", [(2, 18)]),
    ("FROM debian\nONBUILD RUN chmod 777 /srv\n", [(2, 19)]),
    ("from debian\nrun chmod 2777 /shared\n", [(2, 11)]),
]

NEGATIVE = [
    "FROM debian\nRUN chmod 755 /app\n",
    "FROM debian\nRUN chmod -R 775 /app\n",
    "FROM debian\nRUN chmod 644 /app/config.yml\n",
    "FROM debian\nRUN chmod 1777 /tmp/shared\n",
    "FROM debian\nRUN chmod ugo+rwx,o+t /run/mariadb\n",
    "FROM debian\nRUN chmod +x /entrypoint.sh\n",
    "FROM debian\nRUN chmod +w /app\n",
    "FROM debian\nRUN chmod u+w,g+w /app\n",
    "FROM debian\nRUN chmod o-w /app\n",
    "FROM debian\nRUN chmod a+rX /app\n",
    "FROM debian\nRUN chmod $MODE /app\n",
    "FROM debian\nRUN chmod --reference=/etc/passwd /app\n",
    'FROM debian\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && ls "$tempDir" && rm -rf "$tempDir"\n',
    "FROM debian\nCOPY --chmod=755 app /app\n",
    "FROM debian\nCOPY --chmod=0644 app /app\n",
    "FROM debian\nRUN mkdir -m 755 /data\n",
    "FROM debian\nRUN install -m 0755 tool /usr/local/bin/\n",
    'FROM debian\nRUN echo "chmod 777 /app"\n',
    "FROM debian\nRUN cat <<EOF > /notes\nchmod 777 /srv\nEOF\n",
    "FROM debian\nONBUILD RUN chmod 755 /srv\n",
    "from debian\nrun chmod \\\n  750 /srv\n",
    "FROM debian\nRUN chmod g+w,o+r /app\n",
    "FROM debian\nRUN chown -R 777 /app\n",
    "FROM debian\nRUN umask 000\n",
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
    [run] = lint("FROM debian\nRUN chmod -R 777 /app\n", CODE)
    assert run.message.startswith("`chmod -R 777 /app` makes files writable by every user (mode `777`): any process")
    [copy] = lint("FROM debian\nCOPY --chmod=777 app /app\n", CODE)
    assert copy.message.startswith("`COPY --chmod=777` makes the copied files writable by every user: any process")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("777", True), ("0002", True), ("4777", True), ("1777", False), ("776", True), ("775", False), ("a=rwx", True)],
)
def test_world_writable(mode: str, expected: bool) -> None:
    assert world_writable(mode) is expected
