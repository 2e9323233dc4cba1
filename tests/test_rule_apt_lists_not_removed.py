"""DF207 apt-lists-not-removed: `apt-get update` whose lists stay in a shipped layer."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF207"

POSITIVE = [
    ("FROM debian\nRUN apt-get update && apt-get install -y curl\n", [(2, 5)]),
    ("FROM debian\nRUN apt update && apt install -y curl && apt-get clean\n", [(2, 5)]),
    # removing the lists before the update cleans nothing
    ("FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl\n", [(2, 36)]),
    # a later RUN cannot shrink the earlier layer
    ("FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n", [(2, 5)]),
    ("from debian\nrun set -eux; \\\n    apt-get -q update; \\\n    apt-get install -y curl\n", [(3, 5)]),
    ("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n", [(3, 1)]),
    ("FROM debian\nRUN cat <<EOF > /etc/x && apt-get update\nx\nEOF\n", [(2, 27)]),
    ('FROM debian\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n', [(2, 19)]),
    ("FROM debian\nONBUILD RUN apt-get update && apt-get install -y curl\n", [(2, 13)]),
    # a stage nothing refers to is a build target of its own
    (
        'FROM debian AS dev\nRUN apt-get update && apt-get install -y gdb\nFROM debian\nCMD ["true"]\n',
        [(2, 5)],
    ),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -r /var/lib/apt/lists\n",
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* /tmp/*\n",
    "FROM debian\nRUN apt-get update; apt-get install -y curl; apt-get dist-clean\n",
    "FROM debian\nRUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete\n",
    'FROM debian\nARG LISTS=/var/lib/apt/lists\nRUN apt-get update && apt-get install -y curl && rm -rf "$LISTS"/*\n',
    "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && "
    "apt-get install -y curl\n",
    "FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl\n",
    # builder stages read only through COPY --from
    "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /\n",
    "FROM debian AS base\nRUN apt-get update && apt-get install -y gcc\nFROM base AS build\nRUN make\n"
    "FROM scratch\nCOPY --from=build /out /\n",
    # no update
    "FROM debian\nRUN apt-get install -y ./app.deb\n",
    "FROM debian\nRUN apt-get upgrade -y\n",
    "FROM debian\nRUN echo apt-get update\n",
    "FROM debian\nRUN cat <<EOF > /notes\napt-get update\nEOF\n",
    # heredoc, exec form, ONBUILD, lowercase with cleanup
    "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n",
    'FROM debian\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"]\n',
    "FROM debian\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    "from debian\nrun apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["cmd", "/S", "/C"]\nRUN apt-get update\n',
    "FROM alpine\nRUN apk update && apk add curl\n",
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
    [finding] = lint("FROM debian\nRUN apt-get update && apt-get install -y curl\n", CODE)
    assert finding.message == (
        "`apt-get update` leaves the package lists in this layer: end the RUN with `rm -rf /var/lib/apt/lists/*`"
    )
    assert finding.fix is None


def test_one_report_per_run() -> None:
    source = "FROM debian\nRUN apt-get update && apt-get install -y a && apt-get update && apt-get install -y b\n"
    assert positions(source, CODE) == [(2, 5)]
