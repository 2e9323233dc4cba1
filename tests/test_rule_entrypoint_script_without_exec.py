"""DF104 entrypoint-script-without-exec: an ENTRYPOINT script from the build context without `exec "$@"`."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.model import parse_dockerfile
from linter.rule import RuleContext
from rules import entrypoint_script_without_exec
from tests.helpers import lint, positions

CODE = "DF104"
SLIM = "FROM python:3.12-slim\n"
NO_EXEC = '#!/bin/sh\nset -e\nalembic upgrade head\n"$@"\n'
WITH_EXEC = '#!/bin/sh\nset -e\nalembic upgrade head\nexec "$@"\n'
# The shape of docker-library/postgres's script: runners inside functions, `exec "$@"` last, `_main "$@"` called.
POSTGRES_STYLE = """#!/usr/bin/env bash
set -Eeo pipefail
docker_process_sql() {
\tlocal query_runner=( psql -v ON_ERROR_STOP=1 )
\tPGHOST= PGHOSTADDR= "${query_runner[@]}" "$@"
}
_main() {
\tif [ "${1:0:1}" = '-' ]; then
\t\tset -- postgres "$@"
\tfi
\tif [ "$(id -u)" = '0' ]; then
\t\texec gosu postgres "$BASH_SOURCE" "$@"
\tfi
\tcat <<-'EOM'
\t\tPostgreSQL init process complete; "$@" ready for start up.
\tEOM
\texec "$@"
}
if ! _is_sourced; then
\t_main "$@"
fi
"""
COPY_BIN = "COPY docker-entrypoint.sh /usr/local/bin/\n"
CMD = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n'


def _lint(tmp_path: Path, source: str, files: dict[str, str]) -> list[tuple[int, int]]:
    for relative, text in files.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (tmp_path / "Dockerfile").write_text(source)
    return positions(source, CODE, path=str(tmp_path / "Dockerfile"))


REPORTED = [
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n' + CMD,
        {"docker-entrypoint.sh": NO_EXEC},
        [(3, 13)],
        id="on-path",
    ),
    pytest.param(
        SLIM + 'COPY entrypoint.sh /entrypoint.sh\nentrypoint ["/entrypoint.sh"]\n',
        {"entrypoint.sh": "#!/bin/bash\ncd /app\ngunicorn app:app -b 0.0.0.0:80\n"},
        [(3, 13)],
        id="server-lowercase",
    ),
    pytest.param(
        SLIM + 'WORKDIR /srv\nCOPY . .\nENTRYPOINT ["./scripts/start.sh"]\n',
        {"scripts/start.sh": NO_EXEC, "app.py": ""},
        [(4, 13)],
        id="workdir-relative-whole-context",
    ),
    pytest.param(
        SLIM + "COPY --chmod=755 \\\n    docker/entrypoint.sh /usr/local/bin/entrypoint\n"
        'ENTRYPOINT ["tini", "--", "entrypoint"]\n',
        {"docker/entrypoint.sh": NO_EXEC},
        [(4, 27)],
        id="continuation-behind-tini",
    ),
    pytest.param(
        SLIM + 'COPY run.sh /run.sh\nENTRYPOINT ["sh", "/run.sh"]\n',
        {"run.sh": "python manage.py migrate\npython manage.py runserver 0.0.0.0:8000\n"},
        [(3, 19)],
        id="sh-script-operand-no-shebang",
    ),
    pytest.param(
        "FROM python:3.12-slim AS base\n" + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\nFROM base\n' + CMD,
        {"docker-entrypoint.sh": NO_EXEC},
        [(3, 13)],
        id="inherited-multi-stage",
    ),
    pytest.param(
        SLIM + 'ARG DIR=/opt/bin\nCOPY entry.sh ${DIR}/entry.sh\nENTRYPOINT ["/opt/bin/entry.sh"]\n',
        {"entry.sh": '#!/usr/bin/env bash\nif [ "$1" = web ]; then\n  set -- gunicorn app:app\nfi\n"$@"\n'},
        [(4, 13)],
        id="arg-destination",
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": '#!/bin/sh\ngosu app "$@"\n'},
        [(3, 13)],
        id="gosu-without-exec",
    ),
]

QUIET = [
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n' + CMD, {"docker-entrypoint.sh": WITH_EXEC}, id="exec"
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": '#!/bin/sh\nexec gosu app "$@"\n'},
        id="exec-gosu",
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": '#!/bin/bash\n_main() {\n  exec "$@"\n}\n_main "$@"\n'},
        id="exec-in-function",
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": POSTGRES_STYLE},
        id="postgres-style",
    ),
    pytest.param(SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n', {}, id="unreadable"),
    pytest.param(
        SLIM + 'COPY --from=build /entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n',
        {"entrypoint.sh": NO_EXEC},
        id="from-another-stage",
    ),
    pytest.param(
        SLIM + 'COPY entrypoint.py /entrypoint.py\nENTRYPOINT ["/entrypoint.py"]\n',
        {"entrypoint.py": '#!/usr/bin/env python3\nimport os, sys\nos.execvp(sys.argv[1], sys.argv[1:])\n"$@"\n'},
        id="python-script",
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": "#!/bin/sh\ntrap 'kill -TERM $child' TERM\n\"$@\" &\nchild=$!\nwait $child\n"},
        id="trap-forwards",
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": '#!/bin/sh\necho "$@"\npython worker.py\n'},
        id="never-runs-the-command",
    ),
    pytest.param(
        SLIM + 'COPY other.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"other.sh": NO_EXEC, "docker-entrypoint.sh": NO_EXEC},
        id="script-not-copied",
    ),
    pytest.param(SLIM + 'ENTRYPOINT ["uvicorn", "app:app"]\n', {}, id="not-a-script"),
    pytest.param(
        SLIM + COPY_BIN + "ENTRYPOINT docker-entrypoint.sh\n", {"docker-entrypoint.sh": NO_EXEC}, id="shell-form"
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ONBUILD ENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": NO_EXEC},
        id="onbuild",
    ),
    pytest.param(
        SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\nFROM python:3.12-slim\nCMD ["python"]\n',
        {"docker-entrypoint.sh": NO_EXEC},
        id="other-stage",
    ),
    pytest.param(
        SLIM + 'COPY <<EOF /entrypoint.sh\n#!/bin/sh\n"$@"\nEOF\nENTRYPOINT ["/entrypoint.sh"]\n',
        {},
        id="heredoc-copy",
    ),
    pytest.param(
        SLIM + 'COPY docker-entrypoint.sh \\\n    /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n',
        {"docker-entrypoint.sh": WITH_EXEC},
        id="continuation-exec",
    ),
    pytest.param(SLIM + 'ENTRYPOINT ["sh", "-c", "uvicorn app:app"]\n', {}, id="sh-c-is-df103"),
]


@pytest.mark.parametrize(("source", "files", "expected"), REPORTED)
def test_reported(tmp_path: Path, source: str, files: dict[str, str], expected: list[tuple[int, int]]) -> None:
    assert _lint(tmp_path, source, files) == expected


@pytest.mark.parametrize(("source", "files"), QUIET)
def test_quiet(tmp_path: Path, source: str, files: dict[str, str]) -> None:
    assert _lint(tmp_path, source, files) == []


def test_message(tmp_path: Path) -> None:
    (tmp_path / "docker-entrypoint.sh").write_text(NO_EXEC)
    source = SLIM + COPY_BIN + 'ENTRYPOINT ["docker-entrypoint.sh"]\n' + CMD
    (finding,) = lint(source, CODE, path=str(tmp_path / "Dockerfile"))
    assert finding.message.startswith(
        '`docker-entrypoint.sh` (from `docker-entrypoint.sh`) runs `"$@"` on its line 4 without `exec`'
    )
    assert finding.message.endswith('Start it with `exec "$@"` so that it replaces the shell.')


def test_rule_context_reader() -> None:
    files = {"entrypoint.sh": NO_EXEC}
    dockerfile = parse_dockerfile(SLIM + 'COPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n')
    (violation,) = entrypoint_script_without_exec.check(dockerfile, RuleContext(read_context_file=files.get))
    assert (violation.span.start_line, violation.span.start_column) == (3, 13)
