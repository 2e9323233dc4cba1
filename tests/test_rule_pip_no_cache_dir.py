"""DF202 pip-no-cache-dir: positions, quiet cases, messages and the fix."""

from __future__ import annotations

import pytest

from tests.helpers import apply_fixes, lint, positions

CODE = "DF202"

REPORTED = [
    pytest.param("FROM python:3.12\nRUN pip install -r requirements.txt\n", [(2, 5)], id="shell-form"),
    pytest.param("from python:3.12\nrun pip3 install flask==3.0\n", [(2, 5)], id="lowercase-keywords-pip3"),
    pytest.param('FROM python:3.12\nRUN ["pip", "install", "flask"]\n', [(2, 6)], id="exec-form"),
    pytest.param(
        "FROM python:3.12\nRUN apt-get update && \\\n    python3 -m pip install \\\n      flask\n",
        [(3, 5)],
        id="continuation-python-m-pip",
    ),
    pytest.param("FROM python:3.12\nRUN <<EOF\nset -e\npip install flask\nEOF\n", [(4, 1)], id="heredoc-script"),
    pytest.param("FROM python:3.12\nRUN sh -c 'pip install flask'\n", [(2, 12)], id="sh-c-string"),
    pytest.param("FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n", [(2, 13)], id="onbuild"),
    pytest.param("FROM python:3.12\nRUN /venv/bin/pip install flask\n", [(2, 5)], id="venv-path-hadolint-misses"),
    pytest.param("FROM python:3.12\nRUN pip install --upgrade pip\n", [(2, 5)], id="upgrade-pip-still-caches"),
    pytest.param(
        "FROM python:3.12\nRUN pip install a && pip install b\n", [(2, 5), (2, 22)], id="two-installs-two-findings"
    ),
    pytest.param(
        "FROM python:3.12\nRUN echo PIP_NO_CACHE_DIR=1 && pip install flask\n", [(2, 32)], id="mention-in-echo"
    ),
    pytest.param("FROM python:3.12\nENV PIP_NO_CACHE_DIR=\nRUN pip install flask\n", [(3, 5)], id="empty-env-ignored"),
    pytest.param(
        "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN PIP_NO_CACHE_DIR= pip install flask\n",
        [(3, 23)],
        id="inline-empty-overrides-env",
    ),
    pytest.param(
        "FROM python:3.12\nUSER root\nRUN --mount=type=cache,target=/tmp/.cache/pip pip install flask\n",
        [(3, 47)],
        id="mount-elsewhere-as-root",
    ),
    pytest.param(
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install --cache-dir /pip flask\n",
        [(2, 48)],
        id="cache-dir-outside-mount",
    ),
    pytest.param(
        "FROM python:3.12\nENV HOME=/home/app\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
        [(3, 44)],
        id="home-moves-cache-out-of-mount",
    ),
    pytest.param(
        "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask\n",
        [(4, 5)],
        id="env-of-unrelated-stage",
    ),
    pytest.param(
        "FROM python:3.12\nRUN pip install flask && rm -rf ~/.pip/cache\n", [(2, 5)], id="removes-legacy-cache-only"
    ),
    pytest.param(
        "FROM python:3.12\nRUN sh -c 'export PIP_NO_CACHE_DIR=1' ; pip install flask\n",
        [(2, 41)],
        id="export-in-child-shell",
    ),
    pytest.param(
        "ARG BASE=python:3.12\nFROM ${BASE}\nARG PIP_NO_CACHE_DIR=\nRUN pip install flask\n",
        [(4, 5)],
        id="arg-resolved-empty",
    ),
]

QUIET = [
    pytest.param("FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n", id="option"),
    pytest.param("FROM python:3.12\nRUN pip --no-cache-dir install flask\n", id="option-before-install"),
    pytest.param("FROM python:3.12\nRUN pip install --no-cache flask\n", id="pip-abbreviation"),
    pytest.param('FROM python:3.12\nRUN ["pip", "install", "--no-cache-dir", "flask"]\n', id="exec-form-option"),
    pytest.param(
        "FROM python:3.12\nRUN pip install \\\n    -r requirements.txt \\\n    --no-cache-dir\n",
        id="option-on-continuation-line",
    ),
    pytest.param("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n", id="env"),
    pytest.param("FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask\n", id="env-false-still-disables"),
    pytest.param("FROM python:3.12\nENV PIP_NO_CACHE_DIR 0\nRUN pip install flask\n", id="legacy-env-zero"),
    pytest.param("FROM python:3.12\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n", id="arg-default"),
    pytest.param("FROM python:3.12\nARG PIP_NO_CACHE_DIR\nRUN pip install flask\n", id="arg-unknown"),
    pytest.param(
        "ARG NOCACHE=true\nFROM python:3.12\nARG NOCACHE\nENV PIP_NO_CACHE_DIR=$NOCACHE\nRUN pip install flask\n",
        id="arg-resolved-env",
    ),
    pytest.param(
        "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n", id="inherited-env"
    ),
    pytest.param("FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n", id="inline"),
    pytest.param("FROM python:3.12\nRUN env PIP_NO_CACHE_DIR=1 pip install flask\n", id="env-wrapper"),
    pytest.param("FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n", id="export"),
    pytest.param(
        "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && sh -c 'pip install flask'\n", id="export-reaches-child"
    ),
    pytest.param(
        "FROM python:3.12\nRUN <<EOF\nexport PIP_NO_CACHE_DIR=1\npip install flask\nEOF\n", id="heredoc-export"
    ),
    pytest.param(
        "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
        id="mount-parent-hadolint-fp",
    ),
    pytest.param("FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n", id="mount"),
    pytest.param(
        "FROM python:3.12\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask\n", id="tmpfs-mount"
    ),
    pytest.param(
        "FROM python:3.12\nUSER app\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install flask\n",
        id="non-root-user-mount",
    ),
    pytest.param(
        "FROM python:3.12\nUSER 1000\nRUN --mount=type=cache,target=/app/.cache pip install flask\n",
        id="unknown-home-mount",
    ),
    pytest.param(
        "FROM python:3.12\nENV PIP_CACHE_DIR=/pipcache\nRUN --mount=type=cache,target=/pipcache pip install flask\n",
        id="pip-cache-dir-mount",
    ),
    pytest.param(
        "FROM python:3.12\nARG CACHE\nRUN --mount=type=cache,target=$CACHE pip install flask\n", id="unknown-target"
    ),
    pytest.param("FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache/pip\n", id="removed-in-same-layer"),
    pytest.param("FROM python:3.12\nRUN pip install flask && rm -rf ~/.cache\n", id="removed-home-cache"),
    pytest.param("FROM python:3.12\nRUN pip install flask && pip cache purge\n", id="cache-purge"),
    pytest.param("FROM python:3.12\nRUN pip install --no-index --find-links /wheels app\n", id="no-index"),
    pytest.param("FROM python:3.12\nRUN pip config set global.no-cache-dir false\nRUN pip install x\n", id="config"),
    pytest.param("FROM python:3.12\nCOPY pip.conf /etc/pip.conf\nRUN pip install x\n", id="unreadable-pip-conf"),
    pytest.param("FROM python:3.12\nENV PIP_CONFIG_FILE=/app/pip.conf\nRUN pip install x\n", id="pip-config-file"),
    pytest.param("FROM python:3.12\nARG PIP_FLAGS\nRUN pip install $PIP_FLAGS flask\n", id="unknown-flags"),
    pytest.param(
        "FROM python:3.12\nRUN pip download flask && pip wheel flask && pip uninstall -y x\n", id="not-install"
    ),
    pytest.param("FROM python:3.12\nRUN pipx install black && pipenv install\n", id="pipx-pipenv"),
    pytest.param("FROM python:3.12\nRUN uv pip install --system flask\n", id="uv-pip"),
    pytest.param("FROM python:3.12\nRUN echo pip install flask\n", id="quoted-text"),
    pytest.param('FROM python:3.12\nCMD ["pip", "install", "flask"]\n', id="cmd-not-build-time"),
    pytest.param(
        "FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\nENV PIP_NO_CACHE_DIR=1\n",
        id="onbuild-sees-final-env",
    ),
    pytest.param(
        'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN pip install flask\n',
        id="custom-shell",
    ),
]


@pytest.mark.parametrize(("source", "expected"), REPORTED)
def test_reported(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize("source", QUIET)
def test_quiet(source: str) -> None:
    assert positions(source, CODE) == []


def test_span_covers_program_to_install_word() -> None:
    [finding] = lint("FROM python:3.12\nRUN python -m pip install flask\n", CODE)
    span = finding.span
    assert (span.start_line, span.start_column, span.end_line, span.end_column) == (2, 5, 2, 26)


def test_message_names_command_and_root_cache() -> None:
    [finding] = lint("FROM python:3.12\nUSER root\nRUN pip install -r requirements.txt\n", CODE)
    assert finding.message == (
        "`pip install -r requirements.txt` runs without `--no-cache-dir`: pip keeps downloaded packages and built "
        "wheels in /root/.cache/pip, dead weight in the image; add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, "
        "or use `RUN --mount=type=cache,target=/root/.cache/pip`"
    )


def test_message_explains_mount_that_misses() -> None:
    [finding] = lint("FROM python:3.12\nUSER root\nRUN --mount=type=cache,target=/tmp/cache pip install x\n", CODE)
    assert finding.message == (
        "`pip install x` runs without `--no-cache-dir` and the mount at /tmp/cache does not cover pip's cache "
        "directory (/root/.cache/pip): the cache stays in the image; add `--no-cache-dir`, or mount the cache at "
        "/root/.cache/pip"
    )


def test_message_for_unknown_home() -> None:
    [finding] = lint("FROM python:3.12\nUSER app\nRUN pip install x\n", CODE)
    assert "wheels in ~/.cache/pip," in finding.message


def test_copied_pip_conf_without_the_option_is_read(tmp_path: object) -> None:
    from pathlib import Path

    from linter.engine import LintOptions, lint_bytes
    from linter.registry import all_rules, find_rule

    directory = Path(str(tmp_path))
    (directory / "pip.conf").write_text("[global]\nindex-url = https://example.org/simple\n")
    source = "FROM python:3.12\nCOPY pip.conf /etc/pip.conf\nRUN pip install x\n"
    rule = find_rule(CODE, all_rules())
    assert rule is not None
    result = lint_bytes(source.encode(), str(directory / "Dockerfile"), LintOptions(rules=(rule,)))
    assert [(f.span.start_line, f.span.start_column) for f in result.findings] == [(3, 5)]
    (directory / "pip.conf").write_text("[global]\nno-cache-dir = false\n")
    result = lint_bytes(source.encode(), str(directory / "Dockerfile"), LintOptions(rules=(rule,)))
    assert result.findings == ()


FIXES = [
    pytest.param(
        "FROM python:3.12\nRUN pip install -r requirements.txt\n",
        "FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n",
        id="shell-form",
    ),
    pytest.param(
        'FROM python:3.12\nRUN ["python", "-m", "pip", "install", "flask"]\n',
        'FROM python:3.12\nRUN ["python", "-m", "pip", "install", "--no-cache-dir", "flask"]\n',
        id="exec-form",
    ),
    pytest.param(
        'FROM python:3.12\nRUN ["pip", "install"]\n',
        'FROM python:3.12\nRUN ["pip", "install", "--no-cache-dir"]\n',
        id="exec-form-install-last",
    ),
    pytest.param(
        "FROM python:3.12\nRUN apt-get update \\\n    && pip install \\\n        flask \\\n    && pip3 install x\n",
        "FROM python:3.12\nRUN apt-get update \\\n    && pip install --no-cache-dir \\\n        flask \\\n"
        "    && pip3 install --no-cache-dir x\n",
        id="continuations-two-installs",
    ),
    pytest.param(
        "FROM python:3.12\nRUN <<EOF\nset -e\n/venv/bin/pip install -r requirements.txt\nEOF\n",
        "FROM python:3.12\nRUN <<EOF\nset -e\n/venv/bin/pip install --no-cache-dir -r requirements.txt\nEOF\n",
        id="heredoc",
    ),
    pytest.param(
        "FROM python:3.12\nRUN <<-EOF\n\tpip install flask\n\tEOF\n",
        "FROM python:3.12\nRUN <<-EOF\n\tpip install --no-cache-dir flask\n\tEOF\n",
        id="heredoc-tab-stripped",
    ),
    pytest.param(
        "FROM python:3.12\nRUN sh -c 'pip install flask'\n",
        "FROM python:3.12\nRUN sh -c 'pip install --no-cache-dir flask'\n",
        id="sh-c",
    ),
    pytest.param(
        'FROM python:3.12\nRUN ["sh", "-c", "pip install flask"]\n',
        'FROM python:3.12\nRUN ["sh", "-c", "pip install --no-cache-dir flask"]\n',
        id="exec-form-sh-c",
    ),
    pytest.param(
        "FROM python:3.12\nONBUILD RUN pip install .\n",
        "FROM python:3.12\nONBUILD RUN pip install --no-cache-dir .\n",
        id="onbuild",
    ),
]


@pytest.mark.parametrize(("source", "fixed"), FIXES)
def test_fix(source: str, fixed: str) -> None:
    assert apply_fixes(source, CODE) == fixed
    assert positions(fixed, CODE) == []


def test_no_fix_when_install_word_is_escaped() -> None:
    source = 'FROM python:3.12\nRUN ["sh", "-c", "echo \\"x\\" && pip install flask"]\n'
    [finding] = lint(source, CODE)
    assert finding.fix is None


def test_fix_is_safe() -> None:
    [finding] = lint("FROM python:3.12\nRUN pip install flask\n", CODE)
    assert finding.fix is not None and finding.fix.safe
