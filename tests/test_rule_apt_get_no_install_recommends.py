"""DF205 apt-get-no-install-recommends: apt installs that pull recommended packages into a shipped image."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF205"

POSITIVE = [
    ("FROM debian\nRUN apt-get install -y curl\n", [(2, 5)]),
    ("FROM debian\nRUN apt-get update \\\n && apt-get install -y \\\n    curl\n", [(3, 5)]),
    ("FROM debian\nRUN apt install -y curl\n", [(2, 5)]),
    ("from debian\nrun apt-get -y install curl\n", [(2, 5)]),
    ('FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n', [(2, 6)]),
    ("FROM debian\nRUN cat <<EOF > /x && apt-get install -y curl\nx\nEOF\n", [(2, 23)]),
    ("FROM debian\nONBUILD RUN apt-get install -y curl\n", [(2, 13)]),
    # a stage another stage is built FROM ends up in the image
    ('FROM debian AS base\nRUN apt-get install -y curl\nFROM base\nCMD ["curl"]\n', [(2, 5)]),
    # `--no-install-recommends` in an earlier RUN is no configuration
    (
        "FROM debian\nRUN apt-get install -y --no-install-recommends a\nRUN apt-get install -y b\n",
        [(3, 5)],
    ),
]

NEGATIVE = [
    "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n",
    "FROM debian\nRUN apt-get install -y curl --no-install-recommends\n",
    "FROM debian\nRUN apt-get install -y --install-recommends curl\n",
    "FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
    "FROM debian\nRUN apt-get -oAPT::Install-Recommends=0 install -y curl\n",
    "FROM debian\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/99norec\n"
    "RUN apt-get install -y curl\n",
    "FROM debian\nCOPY apt.conf /etc/apt/apt.conf.d/99local\nRUN apt-get install -y curl\n",
    # a builder read only through COPY --from: its size does not ship
    "FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian\nCOPY --from=build /out /out\n"
    "RUN apt-get install -y --no-install-recommends curl\n",
    "FROM debian AS build\nRUN apt-get install -y gcc\nFROM scratch\nRUN --mount=from=build,target=/b true\n",
    # not install, or not apt
    "FROM debian\nRUN apt-get update && apt-get upgrade -y\n",
    "FROM debian\nRUN apt-get purge -y curl\n",
    "FROM debian\nRUN apt-cache show curl\n",
    "FROM debian\nRUN echo apt-get install curl\n",
    "FROM debian\nRUN cat <<EOF > /readme\napt-get install -y curl\nEOF\n",
    "FROM debian\nARG APT_OPTS=--no-install-recommends\nRUN apt-get install -y $APT_OPTS curl\n",
    'FROM debian\nRUN ["apt-get", "install", "-y", "--no-install-recommends", "curl"]\n',
    "FROM debian\nONBUILD RUN apt-get install -y --no-install-recommends curl\n",
    "from debian\nrun apt-get install -y \\\n    --no-install-recommends curl\n",
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
    [finding] = lint("FROM debian\nRUN apt-get install -y curl\n", CODE)
    assert finding.message == (
        "`apt-get install` also installs every recommended package: add `--no-install-recommends` "
        "and name the extra packages the image needs"
    )
    assert finding.fix is not None and not finding.fix.safe


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        (
            "FROM debian\nRUN apt-get install -y curl\n",
            "FROM debian\nRUN apt-get install --no-install-recommends -y curl\n",
        ),
        (
            'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
            'FROM debian\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
