"""Server recognition in the command a container runs (``linter.servers``)."""

from __future__ import annotations

import textwrap

import pytest

from linter.model import Dockerfile, parse_dockerfile
from linter.positions import Span
from linter.servers import (
    ServerInvocation,
    behind_entrypoint_script,
    find_servers,
    is_loopback,
    is_truthy,
    removal_span,
    runs_its_arguments,
    runtime_environment,
    runtime_instructions,
    workers_setting,
)


def parse(source: str) -> Dockerfile:
    text = textwrap.dedent(source).lstrip("\n")
    return parse_dockerfile(text.encode(), "Dockerfile")


def runtime(source: str) -> list[tuple[str, int]]:
    """(keyword, line) of the runtime instructions."""
    return [(i.keyword, i.line) for i in runtime_instructions(parse(source))]


def servers(source: str) -> list[ServerInvocation]:
    return find_servers(parse(source))


def only(source: str) -> ServerInvocation:
    found = servers(source)
    assert len(found) == 1, found
    return found[0]


# --- runtime_instructions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # The final stage's own CMD; a builder stage's CMD is not the container's.
        ("FROM python AS build\nCMD ['x']\nFROM python\nCMD uvicorn app:app\n", [("CMD", 4)]),
        ("FROM python AS build\nCMD uvicorn app:app\nFROM python\nRUN true\n", []),
        # The last CMD wins; lowercase keyword.
        ("FROM python\nCMD one\ncmd two\n", [("CMD", 3)]),
        # ENTRYPOINT and CMD together, in that order whatever the file order.
        ("FROM python\nCMD ['app']\nENTRYPOINT ['uvicorn']\n", [("ENTRYPOINT", 3), ("CMD", 2)]),
        ('FROM python\nENTRYPOINT ["uvicorn"]\nCMD ["app"]\n', [("ENTRYPOINT", 2), ("CMD", 3)]),
        # CMD inherited through FROM <stage>.
        ("FROM python AS base\nCMD uvicorn app:app\nFROM base\nRUN true\n", [("CMD", 2)]),
        # ... also across two levels, with ENTRYPOINT from the middle one and CMD from below it being reset.
        (
            "FROM python AS a\nCMD x\nFROM a AS b\nENTRYPOINT ['tini']\nFROM b\nRUN true\n",
            [("ENTRYPOINT", 4)],
        ),
        # An ENTRYPOINT resets a CMD inherited from the base stage ...
        ('FROM python AS base\nCMD uvicorn app:app\nFROM base\nENTRYPOINT ["tini", "--"]\n', [("ENTRYPOINT", 4)]),
        # ... but not a CMD of its own stage, before or after it.
        ('FROM python\nCMD ["app"]\nENTRYPOINT ["uvicorn"]\n', [("ENTRYPOINT", 3), ("CMD", 2)]),
        # A CMD set in the child after an inherited ENTRYPOINT is used.
        ('FROM python AS base\nENTRYPOINT ["uvicorn"]\nFROM base\nCMD ["app"]\n', [("ENTRYPOINT", 2), ("CMD", 4)]),
        # A shell-form ENTRYPOINT ignores CMD.
        ('FROM python\nENTRYPOINT uvicorn app:app\nCMD ["--workers", "4"]\n', [("ENTRYPOINT", 2)]),
        # ONBUILD CMD and HEALTHCHECK CMD are not the container's command.
        ("FROM python\nONBUILD CMD uvicorn app:app\nHEALTHCHECK CMD curl -f localhost\n", []),
        ("", []),
    ],
)
def test_runtime_instructions(source: str, expected: list[tuple[str, int]]) -> None:
    assert runtime(source.replace("'", '"')) == expected


# --- find_servers: wrappers, forms, where they are ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "server", "subcommand", "arguments"),
    [
        ('CMD ["uvicorn", "app:app", "--workers", "4"]', "uvicorn", None, ["app:app", "--workers", "4"]),
        ("CMD uvicorn app:app --workers=4", "uvicorn", None, ["app:app", "--workers=4"]),
        ("cmd uvicorn app:app \\\n    --workers 4", "uvicorn", None, ["app:app", "--workers", "4"]),
        ('CMD ["sh", "-c", "exec uvicorn app:app --port $PORT"]', "uvicorn", None, ["app:app", "--port", "$PORT"]),
        ("CMD alembic upgrade head && exec uvicorn app:app", "uvicorn", None, ["app:app"]),
        ('CMD ["uv", "run", "uvicorn", "app:app"]', "uvicorn", None, ["app:app"]),
        ('CMD ["uv", "run", "--with", "x", "--frozen", "--", "uvicorn", "a:b"]', "uvicorn", None, ["a:b"]),
        ("CMD poetry run gunicorn app:app", "gunicorn", None, ["app:app"]),
        ("CMD python -m uvicorn app:app", "uvicorn", None, ["app:app"]),
        ('CMD ["python3.12", "-u", "-X", "dev", "-m", "uvicorn", "a:b"]', "uvicorn", None, ["a:b"]),
        ('CMD ["python3", "-mgunicorn", "app:app"]', "gunicorn", None, ["app:app"]),
        ("CMD opentelemetry-instrument uvicorn app:app", "uvicorn", None, ["app:app"]),
        (
            'ENTRYPOINT ["conda", "run", "--no-capture-output", "-n", "env", "gunicorn", "a:b"]',
            "gunicorn",
            None,
            ["a:b"],
        ),
        (
            'CMD ["opentelemetry-instrument", "--traces_exporter", "console", "uvicorn", "app:app"]',
            "uvicorn",
            None,
            ["app:app"],
        ),
        ("CMD /app/.venv/bin/hypercorn app:app", "hypercorn", None, ["app:app"]),
        ('CMD ["fastapi", "run", "main.py"]', "fastapi", "run", ["main.py"]),
        ("CMD exec fastapi dev", "fastapi", "dev", []),
        ("CMD flask --app x --debug run --port 80", "flask", "run", ["--app", "x", "--debug", "--port", "80"]),
        ("CMD python -m flask run", "flask", "run", []),
        ('CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]', "django", "runserver", ["0.0.0.0:8000"]),
        ('CMD ["./manage.py", "runserver"]', "django", "runserver", []),
        ("CMD python -m django runserver", "django", "runserver", []),
        ("CMD env WEB_CONCURRENCY=2 gunicorn app:app", "gunicorn", None, ["app:app"]),
        ("CMD gosu app tini -- uvicorn app:app", "uvicorn", None, ["app:app"]),
    ],
)
def test_recognised(source: str, server: str, subcommand: str | None, arguments: list[str]) -> None:
    found = only(f"FROM python\n{source}\n")
    assert (found.server, found.subcommand) == (server, subcommand)
    assert [word.value for word in found.arguments] == arguments


@pytest.mark.parametrize(
    "source",
    [
        "FROM python\nCMD python app.py\n",
        'FROM python\nCMD ["python", "-c", "import uvicorn; uvicorn.run(\'a:b\')"]\n',
        "FROM python\nCMD echo uvicorn app:app\n",
        "FROM python\nCMD fastapi --version\n",
        "FROM python\nCMD python manage.py migrate\n",
        "FROM python\nCMD pip install uvicorn\n",
        "FROM python\nRUN uvicorn app:app --help\nCMD python app.py\n",  # RUN steps are not the container's command
        "FROM python\nHEALTHCHECK CMD uvicorn --version\nCMD python app.py\n",
        "FROM python AS dev\nCMD uvicorn app:app --reload\nFROM python\nCMD python app.py\n",
        "FROM python\nONBUILD CMD uvicorn app:app\n",
        "FROM python\nCMD uv run --new-option value uvicorn app:app\n",  # an unknown runner option: not guessed
    ],
)
def test_not_recognised(source: str) -> None:
    assert servers(source) == []


def test_entrypoint_and_cmd_combine_into_one_process() -> None:
    found = only('FROM python\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--workers", "4"]\n')
    assert found.server == "uvicorn"
    assert found.instruction.keyword == "ENTRYPOINT"
    assert [i.keyword for i in found.instructions] == ["ENTRYPOINT", "CMD"]
    assert found.option("--workers") is not None
    assert found.option("--workers").span == Span(3, 17, 3, 33)  # type: ignore[union-attr]
    assert found.instruction_of(found.arguments[0]).keyword == "CMD"
    assert not found.open_arguments


def test_python_m_entrypoint_with_server_in_cmd() -> None:
    found = only('FROM python\nENTRYPOINT ["python", "-m"]\nCMD ["gunicorn", "-w", "3", "app:app"]\n')
    assert found.server == "gunicorn"
    assert found.instruction.keyword == "CMD"


def test_wrapper_entrypoint_runs_the_cmd() -> None:
    for entrypoint in ('["tini", "--"]', '["/docker-entrypoint.sh"]'):
        found = only(f'FROM python\nENTRYPOINT {entrypoint}\nCMD ["uvicorn", "app:app"]\n')
        assert (found.server, found.instruction.keyword) == ("uvicorn", "CMD")
    for entrypoint in ('["tini", "--"]', '["gosu", "app"]', "[]"):
        found = only(f"FROM python\nENTRYPOINT {entrypoint}\nCMD uvicorn app:app\n")
        assert found.instruction.keyword == "CMD"
        assert not found.open_arguments


def test_entrypoint_script_may_change_what_the_cmd_lacks() -> None:
    found = only('FROM python\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["uvicorn", "app:app"]\n')
    assert found.open_arguments
    found = only('FROM python\nENTRYPOINT ["./run.sh"]\nCMD uvicorn app:app --reload\n')
    assert found.open_arguments
    assert found.has("--reload")


def test_shell_form_cmd_after_exec_entrypoint_server_leaves_arguments_open() -> None:
    found = only('FROM python\nENTRYPOINT ["uvicorn", "app:app"]\nCMD --workers 4\n')
    assert found.open_arguments
    assert found.option("--workers") is None


def test_shell_form_entrypoint_ignores_cmd() -> None:
    found = only('FROM python\nENTRYPOINT uvicorn app:app\nCMD ["--workers", "4"]\n')
    assert found.instruction.keyword == "ENTRYPOINT"
    assert found.option("--workers") is None


def test_inherited_cmd() -> None:
    found = only("FROM python:3.12 AS base\nCMD uvicorn app:app\nFROM base\nENV X=1\n")
    assert found.instruction.line == 2


def test_positions_inside_sh_c_string() -> None:
    found = only('FROM python\nCMD ["sh", "-c", "exec uvicorn app:app --workers 4"]\n')
    assert found.program.span == Span(2, 24, 2, 31)
    assert found.option("--workers").span == Span(2, 40, 2, 51)  # type: ignore[union-attr]
    assert found.name_span == Span(2, 24, 2, 31)  # `exec` is peeled


def test_name_span_stays_in_the_instruction_naming_the_server() -> None:
    found = only('FROM python\nENTRYPOINT ["python3"]\nCMD ["manage.py", "runserver"]\n')
    assert found.name_span == Span(3, 6, 3, 30)
    found = only('FROM python\nENTRYPOINT ["uvicorn"]\nCMD ["app:app"]\n')
    assert found.name_span == Span(2, 13, 2, 22)


def test_name_span_covers_wrappers_and_subcommand() -> None:
    assert only('FROM python\nCMD ["fastapi", "run"]\n').name_span == Span(2, 6, 2, 22)
    assert only("FROM python\nCMD python -m uvicorn app:app\n").name_span == Span(2, 5, 2, 22)


# --- options -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "name", "value"),
    [
        ("--workers 4", "--workers", "4"),
        ("--workers=4", "--workers", "4"),
        ("-w4", "-w", "4"),
        ("-w 4", "-w", "4"),
        ("-w=4", "-w", "4"),
        ("--bind 0.0.0.0:80 -w 2 -k uvicorn.workers.UvicornWorker", "-k", "uvicorn.workers.UvicornWorker"),
        ("--worker-class=gevent", "--worker-class", "gevent"),
        ("--reload", "--reload", None),
        ('"--workers=$N"', "--workers", "$N"),
    ],
)
def test_gunicorn_option_forms(arguments: str, name: str, value: str | None) -> None:
    found = only(f"FROM python\nCMD gunicorn {arguments} app:app\n")
    option = found.option(name)
    assert option is not None
    assert option.value == value
    assert [word.value for word in found.positionals] == ["app:app"]


def test_value_options_consume_their_value() -> None:
    found = only('FROM python\nCMD ["uvicorn", "--host", "0.0.0.0", "--reload", "app:app"]\n')
    assert [(o.name, o.value) for o in found.options] == [("--host", "0.0.0.0"), ("--reload", None)]
    assert [w.value for w in found.positionals] == ["app:app"]


def test_double_dash_ends_options() -> None:
    found = only("FROM python\nCMD uvicorn -- --reload\n")
    assert found.options == ()
    assert [w.value for w in found.positionals] == ["--reload"]


def test_last_option_wins() -> None:
    found = only("FROM python\nCMD uvicorn app:app --workers 2 --workers 3\n")
    assert found.value_of(found.option("--workers")) == "3"  # type: ignore[arg-type]


# --- environment and variables -------------------------------------------------------------------------------------


def test_runtime_environment_is_env_not_arg() -> None:
    dockerfile = parse(
        """
        FROM python AS base
        ENV A=1
        FROM base
        ARG B=2
        ARG V=3
        ENV C=$V D=$UNKNOWN
        CMD uvicorn app:app
        ENV E=after
        """
    )
    assert dict(runtime_environment(dockerfile)) == {"A": "1", "C": "3", "D": None, "E": "after"}


def test_environment_and_resolution() -> None:
    found = only(
        """
        FROM python
        ARG WORKERS=4
        ENV PORT=8080 HOST=0.0.0.0
        CMD UVICORN_RELOAD=1 uvicorn app:app --host $HOST --port "${PORT}" --workers $WORKERS
        """
    )
    assert found.environment("UVICORN_RELOAD") == "1"
    assert found.environment("PORT") == "8080"
    assert found.sets_environment("HOST")
    assert not found.sets_environment("WORKERS")  # an ARG is gone when the container runs
    assert found.value_of(found.option("--host")) == "0.0.0.0"  # type: ignore[arg-type]
    assert found.value_of(found.option("--port")) == "8080"  # type: ignore[arg-type]
    assert found.value_of(found.option("--workers")) is None  # type: ignore[arg-type]


def test_exec_form_does_not_expand_variables() -> None:
    found = only('FROM python\nENV N=4\nCMD ["uvicorn", "app:app", "--workers", "$N"]\n')
    assert found.value_of(found.option("--workers")) == "$N"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("command", "is_open"),
    [
        ("uvicorn app:app", False),
        ("uvicorn $APP", True),  # unknown: may hold options
        ('uvicorn "$APP"', False),  # quoted: one word, the app
        ("gunicorn $GUNICORN_OPTS app:app", True),
        ('uvicorn app:app "$@"', True),
        ("uvicorn app:app --port $PORT", False),  # an option's value
        ("uvicorn app:app --port=$PORT", False),
    ],
)
def test_open_arguments(command: str, is_open: bool) -> None:
    assert only(f"FROM python\nCMD {command}\n").open_arguments is is_open


def test_open_arguments_resolved_from_env() -> None:
    assert not only("FROM python\nENV APP=main:app\nCMD uvicorn $APP\n").open_arguments
    assert only('FROM python\nENV OPTS="--workers 4"\nCMD uvicorn app:app $OPTS\n').open_arguments


def test_workers_setting_sources() -> None:
    dockerfile = parse("FROM python\nENV WEB_CONCURRENCY=3\nCMD gunicorn app:app\n")
    setting = workers_setting(find_servers(dockerfile)[0], dockerfile)
    assert setting is not None
    assert (setting.value, setting.source) == ("3", "`ENV WEB_CONCURRENCY=3` (line 2)")
    dockerfile = parse("FROM python\nENV GUNICORN_CMD_ARGS='-w 5 --bind 0.0.0.0'\nCMD gunicorn -c conf.py app:app\n")
    setting = workers_setting(find_servers(dockerfile)[0], dockerfile)
    assert setting is not None and setting.value == "5"
    dockerfile = parse("FROM python\nENV WEB_CONCURRENCY=3\nCMD gunicorn -c conf.py app:app\n")
    setting = workers_setting(find_servers(dockerfile)[0], dockerfile)
    assert setting is not None and setting.value is None  # the config file may set workers
    dockerfile = parse('FROM python\nCMD ["hypercorn", "app:app"]\n')
    assert workers_setting(find_servers(dockerfile)[0], dockerfile) is None


# --- helpers -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("1270.0.0.1", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("'yes'", True), ("0", False), ("", False)]
)
def test_is_truthy(value: str, expected: bool) -> None:
    assert is_truthy(value) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('CMD ["uvicorn", "app:app", "--reload"]', Span(2, 26, 2, 38)),
        ('CMD ["uvicorn", "--reload", "app:app"]', Span(2, 15, 2, 27)),
        ("CMD uvicorn app:app --reload --port 80", Span(2, 20, 2, 29)),
        ("CMD uvicorn app:app \\\n    --reload", Span(2, 20, 3, 13)),
        ('CMD ["sh", "-c", "uvicorn app:app --reload"]', Span(2, 34, 2, 43)),
    ],
)
def test_removal_span(source: str, expected: Span) -> None:
    dockerfile = parse(f"FROM python\n{source}\n")
    found = find_servers(dockerfile)[0]
    option = found.option("--reload")
    assert option is not None
    assert removal_span(found, dockerfile, option.word) == expected


@pytest.mark.parametrize(
    ("entrypoint", "script"),
    [
        ('ENTRYPOINT ["/docker-entrypoint.sh"]\n', True),
        ('ENTRYPOINT ["python", "-m"]\n', True),  # not a plain wrapper: the CMD is its argument
        ('ENTRYPOINT ["tini", "--"]\n', False),
        ('ENTRYPOINT ["gosu", "app"]\n', False),
        ('ENTRYPOINT ["uv", "run"]\n', False),
        ("ENTRYPOINT /docker-entrypoint.sh\n", False),  # shell form: ignores the CMD
        ("", False),
    ],
)
def test_behind_entrypoint_script(entrypoint: str, script: bool) -> None:
    dockerfile = parse_dockerfile(f'FROM python:3.12-slim\n{entrypoint}CMD ["uvicorn", "app:app"]\n'.encode())
    found = behind_entrypoint_script(dockerfile)
    assert (found is not None) is script
    if found is not None:
        assert found.keyword == "ENTRYPOINT"


def test_runs_its_arguments() -> None:
    tini = parse_dockerfile(b'FROM python:3.12-slim\nENTRYPOINT ["dumb-init", "--"]\n').instructions[-1]
    script = parse_dockerfile(b'FROM python:3.12-slim\nENTRYPOINT ["/entrypoint.sh"]\n').instructions[-1]
    assert runs_its_arguments(tini)
    assert not runs_its_arguments(script)
