"""DF520 ln-to-bin-sh: replacing /bin/sh with a link."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF520"

POSITIVE = [
    ("FROM debian\nRUN ln -sf /bin/bash /bin/sh\n", [(2, 22)]),
    ("FROM debian\nRUN ln -snf bash /bin/sh\n", [(2, 18)]),
    ("FROM debian\nRUN ln -s -f /bin/bash /usr/bin/sh\n", [(2, 24)]),
    ("FROM debian\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh/\n", [(2, 35)]),
    # continuation, heredoc, sh -c, ONBUILD, lowercase
    ("FROM debian\nRUN apt-get update \\\n && ln -sf /bin/bash /bin/sh\n", [(3, 22)]),
    ("FROM debian\nRUN <<EOF\nln -sf /bin/bash /bin/sh\nEOF\n", [(3, 18)]),
    ("FROM debian\nRUN sh -c 'ln -sf /bin/bash /bin/sh'\n", [(2, 29)]),
    ("FROM debian\nONBUILD RUN ln -sf /bin/bash /bin/sh\n", [(2, 30)]),
    ("from debian\nrun ln -sf /bin/bash /bin/sh\n", [(2, 22)]),
]

NEGATIVE = [
    "FROM debian\nRUN ln -sf /bin/bash /usr/local/bin/bash\n",
    "FROM debian\nRUN ln -s /bin/sh /usr/local/bin/sh\n",
    "FROM debian\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n",
    "FROM debian\nRUN ln -s /opt/app/bin/sh /usr/local/bin/app-sh\n",
    "FROM debian\nRUN ln -t /usr/local/bin /opt/tool /bin/sh\n",
    "FROM debian\nRUN ln -sf $SHELL_PATH $LINK\n",
    'FROM debian\nRUN echo "ln -sf /bin/bash /bin/sh"\n',
    "FROM debian\nRUN cat <<EOF > /notes\nln -sf /bin/bash /bin/sh\nEOF\n",
    'FROM debian\nSHELL ["/bin/bash", "-c"]\n',
    "FROM debian\nRUN ls -l /bin/sh\n",
    "FROM debian\nONBUILD RUN ln -s /x /y\n",
    "from debian\nrun ln \\\n  -s /x /y\n",
    "FROM debian\nRUN readlink -f /bin/sh\n",
    "FROM debian\nRUN ln -s /bin/sh\n",
    "FROM debian\nRUN cp /bin/bash /tmp/sh\n",
    "FROM debian\nRUN ln -sf /bin/dash /bin/sh.distrib\n",
    "FROM debian\nRUN test -L /bin/sh || true\n",
    "FROM debian\nRUN update-alternatives --display sh || true\n",
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
    [finding] = lint("FROM debian\nRUN ln -sf /bin/bash /bin/sh\n", CODE)
    assert finding.message == (
        "`ln -sf /bin/bash /bin/sh` replaces /bin/sh, the shell of every script in the image: to run the "
        'Dockerfile\'s commands with bash use `SHELL ["/bin/bash", "-c"]` instead'
    )
