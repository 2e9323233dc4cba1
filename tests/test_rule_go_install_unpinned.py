"""DF224 go-install-unpinned: go install/get of remote packages at a moving version."""

from __future__ import annotations

import pytest

from tests.helpers import lint, positions

CODE = "DF224"
GO = "FROM golang:1.22"

POSITIVE = [
    (f"{GO}\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n", [(2, 16)]),
    (f"{GO}\nRUN go install -v -ldflags '-s -w' example.com/tool@master\n", [(2, 36)]),
    (f"{GO}\nRUN go install example.com/a@v1.2.3 example.com/b@main\n", [(2, 37)]),
    (f"{GO}\nRUN go get github.com/user/tool\n", [(2, 12)]),
    (f"{GO}\nRUN go get -u golang.org/x/tools/cmd/goimports@upgrade\n", [(2, 15)]),
    ("from golang:1.22\nrun CGO_ENABLED=0 \\\n    go install example.com/tool@latest\n", [(3, 16)]),
    (f'{GO}\nRUN ["go", "install", "example.com/tool@latest"]\n', [(2, 23)]),
    (f"{GO}\nRUN cat <<EOF > /x && go install example.com/tool@latest\nx\nEOF\n", [(2, 34)]),
    (f"{GO}\nONBUILD RUN go install example.com/tool@latest\n", [(2, 24)]),
]

NEGATIVE = [
    f"{GO}\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\n",
    f"{GO}\nRUN go install example.com/tool@v0.0.0-20240101000000-abcdef123456\n",
    f"{GO}\nRUN go install example.com/tool@4f3e2a1b\n",
    f"{GO}\nRUN go install example.com/tool@v2.0.0-rc.1\n",
    f"{GO}\nARG LINT_VERSION=v1.59.1\nRUN go install example.com/lint@${{LINT_VERSION}}\n",
    f"{GO}\nRUN go install ./cmd/app ./...\n",
    f"{GO}\nRUN go install example.com/tool\n",
    f"{GO}\nRUN go install tool\n",
    f"{GO}\nRUN go install\n",
    f"{GO}\nRUN go get ./... && go get -d\n",
    f"{GO}\nRUN go get example.com/lib@v1.2.0\n",
    f"{GO}\nRUN go build -o /app ./cmd/app\n",
    f"{GO}\nRUN go mod download\n",
    f"{GO}\nRUN echo go install example.com/tool@latest\n",
    f"{GO}\nRUN cat <<EOF > /notes\ngo install example.com/tool@latest\nEOF\n",
    f'{GO}\nRUN ["go", "install", "example.com/tool@v1.0.0"]\n',
    f"{GO}\nONBUILD RUN go install example.com/tool@v1.0.0\n",
    "from golang:1.22\nrun go install \\\n    example.com/tool@v1.0.0\n",
]


@pytest.mark.parametrize(("source", "expected"), POSITIVE)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", NEGATIVE)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_enough_negatives() -> None:
    assert len(NEGATIVE) >= 2 * len(POSITIVE)


@pytest.mark.parametrize(
    ("run", "message"),
    [
        (
            "go install example.com/tool@latest",
            "`go install example.com/tool@latest` installs whatever `@latest` resolves to on build day: pin a release "
            "(`example.com/tool@v<version>`)",
        ),
        (
            "go get example.com/tool",
            "`go get example.com/tool` installs the newest version on build day: pin a release "
            "(`example.com/tool@v<version>`)",
        ),
    ],
)
def test_message(run: str, message: str) -> None:
    [finding] = lint(f"{GO}\nRUN {run}\n", CODE)
    assert finding.message == message
