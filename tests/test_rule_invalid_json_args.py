"""DF102 invalid-json-args: arguments that look like a JSON array but are not one."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF102"

REPORTED = [
    pytest.param("FROM python:3.12-slim\nCMD ['uvicorn', 'app.main:app']\n", [(2, 5)], id="cmd-single-quotes"),
    pytest.param('FROM python:3.12-slim\nENTRYPOINT ["uvicorn", "app.main:app",]\n', [(2, 12)], id="trailing-comma"),
    pytest.param('FROM python:3.12-slim\ncmd ["uvicorn" "app.main:app"]\n', [(2, 5)], id="missing-comma-lowercase"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app.main:app"\n', [(2, 5)], id="missing-bracket"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app.main:app]\n', [(2, 5)], id="unclosed-string"),
    pytest.param('FROM python:3.12-slim\nCMD ["sleep", 10]\n', [(2, 5)], id="non-string-element"),
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app.main:app"] # serve\n', [(2, 5)], id="comment-after"),
    pytest.param("FROM python:3.12-slim\nRUN ['pip', 'install', 'fastapi']\n", [(2, 5)], id="run"),
    pytest.param("FROM python:3.12-slim\nSHELL ['/bin/bash', '-c']\n", [(2, 7)], id="shell"),
    pytest.param("FROM python:3.12-slim\nCOPY ['requirements.txt', '/code/']\n", [(2, 6)], id="copy"),
    pytest.param("FROM python:3.12-slim\nADD --chown=app ['app', '/code/app']\n", [(2, 17)], id="add-after-flag"),
    pytest.param("FROM python:3.12-slim\nVOLUME [/data]\n", [(2, 8)], id="volume-unquoted"),
    pytest.param(
        "FROM python:3.12-slim\nHEALTHCHECK --interval=30s CMD ['curl', '-f', 'http://localhost/']\n",
        [(2, 32)],
        id="healthcheck-cmd",
    ),
    pytest.param("FROM python:3.12-slim\nONBUILD CMD ['uvicorn', 'app:app']\n", [(2, 13)], id="onbuild"),
    pytest.param(
        "FROM python:3.12-slim\nCMD [ 'uvicorn', \\\n      'app.main:app' ]\n",
        [(2, 5)],
        id="continuation-lines",
    ),
    pytest.param(
        "FROM python:3.12-slim AS build\nRUN pip wheel -w /w fastapi\nFROM python:3.12-slim\nCMD ['uvicorn', 'a:b']\n",
        [(4, 5)],
        id="multi-stage",
    ),
    pytest.param('FROM python:3.12-slim\nCMD ["a",, "b"]\n', [(2, 5)], id="empty-element"),
    pytest.param('FROM python:3.12-slim\nCMD ["C:\\app"]\n', [(2, 5)], id="bad-escape"),
]

QUIET = [
    pytest.param('FROM python:3.12-slim\nCMD ["uvicorn", "app.main:app"]\n', id="valid"),
    pytest.param("FROM python:3.12-slim\nCMD uvicorn app.main:app\n", id="shell-form-is-df101"),
    pytest.param('FROM python:3.12-slim\nCMD [ "uvicorn", \\\n      "app.main:app" ]\n', id="valid-continued"),
    pytest.param("FROM python:3.12-slim\nCMD []\n", id="empty-array"),
    pytest.param("FROM python:3.12-slim\nRUN [ -f /etc/x ] && rm /etc/x\n", id="test-command"),
    pytest.param('FROM python:3.12-slim\nRUN [ "$A" = "b" ] || exit 1\n', id="test-command-quoted"),
    pytest.param("FROM python:3.12-slim\nRUN [ -n x ]\n", id="test-command-alone"),
    pytest.param("FROM python:3.12-slim\nRUN [[ -f /x ]] && echo yes\n", id="bash-test"),
    pytest.param("FROM python:3.12-slim\nCOPY [Dd]ockerfile /src/\n", id="copy-glob"),
    pytest.param("FROM python:3.12-slim\nCOPY [abc].txt [def].txt /src/\n", id="copy-globs"),
    pytest.param('FROM python:3.12-slim\nCMD [ "\\/usr\\\\\\"/bin/znc", "-f" ]\n', id="valid-escapes"),
    pytest.param("FROM python:3.12-slim\nHEALTHCHECK CMD [ -f /tmp/ok ] || exit 1\n", id="healthcheck-test-command"),
    pytest.param("FROM python:3.12-slim\nHEALTHCHECK NONE\n", id="healthcheck-none"),
    pytest.param(
        'FROM python:3.12-slim\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n', id="healthcheck-valid"
    ),
    pytest.param("FROM python:3.12-slim\nLABEL x=['a']\nENV X=['a']\nEXPOSE 80\n", id="other-instructions"),
    pytest.param(
        "FROM python:3.12-slim\nCOPY <<EOF /code/args.json\n['a', 'b']\nEOF\n",
        id="heredoc-body-is-data",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN <<EOF\n[ -f /x ] && rm /x\nEOF\n",
        id="heredoc-script",
    ),
    pytest.param(
        "ARG CMD_ARGS=\"['a']\"\nFROM python:3.12-slim\nCMD ${CMD_ARGS}\n",
        id="arg-is-not-expanded-in-cmd",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("source", "fragments"),
    [
        pytest.param(
            "FROM python:3.12-slim\nCMD ['uvicorn', 'app.main:app']\n",
            [
                "`CMD ['uvicorn', 'app.main:app']` is not a valid JSON array: JSON strings need double quotes, not "
                "single quotes (`'uvicorn'`).",
                "Docker runs the whole text as a shell command (`/bin/sh -c \"['uvicorn', 'app.main:a…\"`), so the "
                "container fails to start",
                'write `["uvicorn", "app.main:app"]`.',
            ],
            id="cmd",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["sleep", 10]\n',
            ["`10` is not a string", "Docker refuses the build"],
            id="non-string",
        ),
        pytest.param(
            "FROM python:3.12-slim\nVOLUME [/data]\n",
            ["`/data` is not a double-quoted string", "declares volumes at paths such as `[/data]`"],
            id="volume",
        ),
        pytest.param(
            "FROM python:3.12-slim\nCOPY ['app', '/code/app']\n",
            ["looks for a source file named `['app',`"],
            id="copy",
        ),
        pytest.param(
            "FROM python:3.12-slim\nSHELL ['/bin/bash', '-c']\n",
            ["Docker refuses the build, since SHELL takes only a JSON array"],
            id="shell",
        ),
        pytest.param(
            "FROM python:3.12-slim\nHEALTHCHECK CMD ['curl', '-f', 'http://localhost/']\n",
            ["`HEALTHCHECK CMD ['curl',", "every probe fails and the container turns unhealthy"],
            id="healthcheck",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn", "app"] # serve\n',
            ["text after the `]` (`# serve`): a Dockerfile comment must start its own line"],
            id="comment",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn" "app"]\n',
            ['a comma is missing between `"uvicorn"` and `"app"`', "write it with double-quoted strings"],
            id="missing-comma",
        ),
        pytest.param(
            'FROM python:3.12-slim\nCMD ["uvicorn", "app"\n',
            ["the closing `]` is missing"],
            id="missing-bracket",
        ),
        pytest.param(
            'FROM python:3.12-slim\nSHELL ["/bin/bash", "-c"]\nRUN ["pip", "install",]\n',
            ['(`/bin/bash -c "["pip", "install",]"`), so the build step fails'],
            id="run-under-custom-shell",
        ),
    ],
)
def test_message(source: str, fragments: list[str]) -> None:
    (finding,) = lint(source, CODE)
    for fragment in fragments:
        assert fragment in finding.message


def test_span_covers_the_array() -> None:
    (finding,) = lint("FROM python:3.12-slim\nCMD [ 'uvicorn', \\\n      'app' ]  \n", CODE)
    span = finding.span
    assert (span.start_line, span.start_column, span.end_line, span.end_column) == (2, 5, 3, 14)


FIXED = [
    pytest.param(
        "FROM python:3.12-slim\nCMD ['uvicorn', \"app.main:app\", '--host', '0.0.0.0',]\n",
        'FROM python:3.12-slim\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
        id="quotes-and-trailing-comma",
    ),
    pytest.param(
        "FROM python:3.12-slim\ncmd [ 'uvicorn', \\\n      'app.main:app', ]\n",
        'FROM python:3.12-slim\ncmd [ "uvicorn", \\\n      "app.main:app" ]\n',
        id="layout-kept-over-continuation",
    ),
    pytest.param(
        "FROM python:3.12-slim\nRUN ['python', '-c', 'print(\"hi\")']\n",
        'FROM python:3.12-slim\nRUN ["python", "-c", "print(\\"hi\\")"]\n',
        id="inner-double-quote-escaped",
    ),
    pytest.param(
        "FROM python:3.12-slim\nCOPY ['C:\\Program Files', '/data/']\n",
        'FROM python:3.12-slim\nCOPY ["C:\\\\Program Files", "/data/"]\n',
        id="literal-backslash-escaped",
    ),
    pytest.param(
        "FROM python:3.12-slim\nHEALTHCHECK --retries=3 CMD ['curl', '-f', 'http://localhost/']\n",
        'FROM python:3.12-slim\nHEALTHCHECK --retries=3 CMD ["curl", "-f", "http://localhost/"]\n',
        id="healthcheck",
    ),
    pytest.param(
        "FROM python:3.12-slim\nONBUILD ENTRYPOINT ['uvicorn', 'app:app']\n",
        'FROM python:3.12-slim\nONBUILD ENTRYPOINT ["uvicorn", "app:app"]\n',
        id="onbuild",
    ),
    pytest.param(
        "FROM python:3.12-slim\nSHELL ['/bin/bash', '-o', 'pipefail', '-c']\n",
        'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
        id="shell",
    ),
]


@pytest.mark.parametrize(("source", "fixed"), FIXED)
def test_fix(source: str, fixed: str) -> None:
    (finding,) = lint(source, CODE)
    assert finding.fix is not None and finding.fix.safe
    assert apply_fixes(source, CODE) == fixed


@pytest.mark.parametrize(
    "arguments",
    [
        "['echo', 'a\\nb']",  # a newline, or a backslash and an n?
        '["uvicorn" "app"]',
        '["uvicorn", "app"',
        '["uvicorn", "app]',
        "[uvicorn, app]",
        '["sleep", 10]',
        '["uvicorn", "app"] # serve',
        "[\"C:\\app\", 'x']",
        '["a",, "b"]',
    ],
)
def test_no_fix_when_ambiguous(arguments: str) -> None:
    (finding,) = lint(f"FROM python:3.12-slim\nCMD {arguments}\n", CODE)
    assert finding.fix is None
