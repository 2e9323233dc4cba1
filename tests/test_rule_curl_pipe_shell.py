"""DF505 curl-pipe-shell: downloaded scripts run unchecked."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF505"

POSITIVE = [
    ("FROM debian\nRUN curl -fsSL https://get.example.com | sh\n", [(2, 5)]),
    ("FROM debian\nRUN curl -sL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n", [(2, 5)]),
    ("FROM debian\nRUN wget -qO- https://x.example/install.sh | bash\n", [(2, 5)]),
    ("FROM debian\nRUN wget -O - https://x.example/i.sh | sh -s -- -y\n", [(2, 5)]),
    ("FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n", [(2, 5)]),
    ("FROM debian\nRUN set -e; curl -fsSL https://x.example/i.sh | tee /tmp/i.sh | sh\n", [(2, 13)]),
    ('FROM debian\nRUN sh -c "$(curl -fsSL https://x.example/i.sh)"\n', [(2, 5)]),
    ("FROM debian\nRUN bash <(curl -fsSL https://x.example/i.sh)\n", [(2, 5)]),
    # continuation, heredoc, sh -c string, ONBUILD, lowercase
    ("FROM debian\nRUN apt-get update \\\n && curl -fsSL https://x.example/i.sh \\\n    | bash\n", [(3, 5)]),
    ("FROM debian\nRUN <<EOF\nset -e\ncurl -fsSL https://x.example/i.sh | sh\nEOF\n", [(4, 1)]),
    ("FROM debian\nRUN bash -c 'curl -fsSL https://x.example/i.sh | sh'\n", [(2, 14)]),
    ("FROM debian\nONBUILD RUN curl -fsSL https://x.example/i.sh | sh\n", [(2, 13)]),
    ("from debian\nrun curl https://x.example/i.sh | sh\n", [(2, 5)]),
]

NEGATIVE = [
    "FROM debian\nRUN curl -fsSL https://x.example/a.tgz | tar -xz -C /opt\n",
    "FROM debian\nRUN curl -fsSL https://x.example/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n",
    "FROM debian\nRUN curl -fsSL https://api.example.com/v | python3 -c 'import sys; print(sys.stdin.read())'\n",
    "FROM debian\nRUN curl -fsSL https://x.example/i.sh | sh -c 'cat > /tmp/i.sh'\n",
    "FROM debian\nRUN curl -fsSL https://x.example/i.sh | bash /opt/wrapper.sh\n",
    "FROM debian\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh | sh\n",
    "FROM debian\nRUN curl -fsSL -O https://x.example/i.sh && sh i.sh\n",
    "FROM debian\nRUN wget https://x.example/i.sh | sh\n",
    "FROM debian\nRUN wget -O /tmp/i.sh https://x.example/i.sh | sh\n",
    "FROM debian\nRUN curl -fsSLo /tmp/i.sh https://x.example/i.sh && echo 'a  /tmp/i.sh' | sha256sum -c -\n",
    'FROM debian\nRUN echo "$(curl -fsSL https://x.example/i.sh.sha256)  i.sh" | sha256sum -c -\n',
    'FROM debian\nRUN VERSION="$(curl -fsSL https://x.example/latest)" && echo $VERSION\n',
    "FROM debian\nRUN cat install.sh | sh\n",
    "FROM debian\nRUN echo 'curl https://x.example | sh' > /notes\n",
    "FROM debian\nRUN cat <<EOF > /notes\ncurl https://x.example | sh\nEOF\n",
    "FROM debian\nRUN curl -fsSL https://x.example/i.sh | grep -q foo\n",
    "FROM debian\nCMD curl -fsSL https://x.example/i.sh | sh\n",
    "from debian\nrun curl -fsSL https://x.example/list \\\n  | xargs -n1 echo\n",
    "FROM debian\nONBUILD RUN curl -fsSL https://x.example/a.tgz | tar -xz\n",
    "FROM debian\nRUN curl -fsSL https://x.example/i.sh | python3 -m json.tool\n",
    "FROM debian\nRUN curl -sS https://x.example | head -c 10\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN curl https://x.example | sh\n',
    "FROM debian\nRUN curl -fsSL https://x.example/i.sh > /tmp/i.sh && bash /tmp/i.sh\n",
    "FROM debian\nRUN curl -fsSL https://x.example/i.sh -o - >/dev/null | true\n",
    "FROM debian\nRUN curl --output /tmp/x https://x.example/i.sh | bash\n",
    "FROM debian\nRUN curl -fsSL https://x.example/data.json | jq -r .version\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


def test_message_quotes_the_pipeline() -> None:
    [finding] = lint("FROM debian\nRUN curl -fsSL https://get.example.com | sh\n", CODE)
    assert finding.message.startswith(
        "`curl -fsSL https://get.example.com | sh` runs a downloaded script with `sh` unchecked: a changed or"
    )
    assert (finding.span.end_line, finding.span.end_column) == (2, 44)
