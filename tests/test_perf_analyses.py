"""The shared analyses are computed once per file and forgotten with the model; their shortcuts change no finding."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest

from linter.engine import CONTEXT_READS, LintOptions, lint_bytes
from linter.model import Dockerfile, parse_dockerfile
from linter.registry import all_rules
from linter.rule import RuleContext, per_file
from linter.servers import find_servers
from tests.helpers import FIXED_TODAY, lint


def test_an_analysis_runs_once_per_model_and_is_forgotten_with_it() -> None:
    calls: list[str] = []

    @per_file
    def stage_count(dockerfile: Dockerfile) -> int:
        calls.append(dockerfile.path)
        return len(dockerfile.stages)

    first = parse_dockerfile(b"FROM a\nFROM b\n", "first")
    assert stage_count(first) == 2
    assert stage_count(first) == 2
    second = parse_dockerfile(b"FROM a\n", "second")
    assert stage_count(second) == 1
    assert calls == ["first", "second"]

    freed = weakref.ref(first)
    del first
    gc.collect()
    assert freed() is None  # the cache does not keep the model alive


def test_an_answer_that_refers_to_its_model_does_not_keep_it_alive() -> None:
    @per_file
    def final_stage(dockerfile: Dockerfile) -> tuple[Dockerfile, int]:
        return dockerfile, len(dockerfile.stages)

    model = parse_dockerfile(b"FROM a\n")
    assert final_stage(model) == (model, 1)
    freed = weakref.ref(model)
    del model
    gc.collect()
    assert freed() is None


def test_analyses_of_the_same_name_keep_their_own_answers() -> None:
    def make(answer: int) -> Callable[[Dockerfile], int]:
        @per_file
        def analysis(dockerfile: Dockerfile) -> int:
            return answer

        return analysis

    first, second = make(1), make(2)
    model = parse_dockerfile(b"FROM a\n")
    assert (first(model), second(model)) == (1, 2)


def test_walk_keyword_answers_each_set_of_keywords() -> None:
    model = parse_dockerfile(b"FROM a\nCOPY x y\nCMD b\nADD u v\nONBUILD COPY p q\nENTRYPOINT c\n")
    assert [i.keyword for i in model.walk_keyword("COPY", "ADD")] == ["COPY", "ADD", "COPY"]
    assert [i.keyword for i in model.walk_keyword("CMD", "ENTRYPOINT")] == ["CMD", "ENTRYPOINT"]
    assert model.walk_keyword("COPY", "ADD") is model.walk_keyword("COPY", "ADD")  # read once
    assert [i.keyword for i in parse_dockerfile(b"FROM a\nADD u v\n").walk_keyword("COPY", "ADD")] == ["ADD"]


# --------------------------------------------------------------------------------------------------------------------
# What the shortcuts must not change
# --------------------------------------------------------------------------------------------------------------------


def test_find_servers_gives_each_caller_its_own_list() -> None:
    dockerfile = parse_dockerfile(b'FROM python:3.12\nCMD ["uvicorn", "app:app"]\n')
    first = find_servers(dockerfile)
    first.clear()
    assert [server.server for server in find_servers(dockerfile)] == ["uvicorn"]


def test_a_lint_reads_each_build_context_file_once(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.uv]\n")
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        "FROM python:3.12\n"
        "RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\n"
        "RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt\n"
    )
    reads: list[tuple[str, str | None]] = []
    token = CONTEXT_READS.set(reads)
    try:
        lint_bytes(dockerfile.read_bytes(), str(dockerfile), LintOptions(rules=all_rules()))
    finally:
        CONTEXT_READS.reset(token)
    names = [Path(path).name for path, _text in reads]
    assert names.count("pyproject.toml") == 1  # several uv rules ask
    assert sorted(set(names)) == sorted(names)


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("echo 'sslverify=0' >> /etc/yum.conf", True),
        ("echo 'SSLVERIFY = off' >> /etc/dnf/dnf.conf", True),
        # Ignoring case, `ſ` is an `s` to the pattern: the shortcut for ASCII text must not lose it.
        ("echo 'ſslverify=0' >> /etc/yum.conf", True),
        ("echo 'sslverify=1' >> /etc/yum.conf", False),
        ("echo 'Acquire::https::Verify-Peer \"false\";' > /etc/apt/apt.conf.d/99", True),
    ],
)
def test_configuration_text_that_turns_verification_off(written: str, found: bool) -> None:
    assert bool(lint(f"FROM debian\nRUN {written}\n", "DF508")) is found


# --------------------------------------------------------------------------------------------------------------------
# Many instructions: no rule reads the whole file (or RUN) again for each one
# --------------------------------------------------------------------------------------------------------------------

BOUND_SECONDS = 20.0  # each of these took from a minute to hours when a rule scanned everything again for each

MANY = {
    # configured_earlier read every RUN before each apt-get install
    "apt-get installs": (
        "FROM debian\n" + "".join(f"RUN apt-get install x{i}\n" for i in range(20_000)),
        ("DF204", "DF205"),
    ),
    # each pip install looked at every command of its RUN for exports and clean-ups
    "pip installs in one RUN": (
        "FROM python\nRUN " + " && ".join(f"pip install a{i}" for i in range(5_000)) + "\n",
        ("DF202",),
    ),
    # each CMD/ENTRYPOINT looked for a SHELL (and a CMD) in its whole stage
    "CMD and ENTRYPOINT": (
        "FROM debian\n" + "".join(f"CMD x{i}\nENTRYPOINT y{i}\n" for i in range(10_000)),
        ("DF101",),
    ),
    # each uv command looked for the USER before it in its whole stage
    "uv syncs": (
        "FROM python\n" + "RUN --mount=type=cache,target=/root/.cache/uv uv sync\n" * 20_000,
        ("DF227", "DF228"),
    ),
    # each chmod looked for an `rm` among every command of its RUN
    "chmod and rm in one RUN": (
        "FROM debian\nRUN " + " && ".join(f"chmod 777 /d{i} && rm -rf /e{i}" for i in range(5_000)) + "\n",
        ("DF507",),
    ),
    # each uv command looked for exports and clean-ups among every command of its RUN
    "uv installs in one RUN": (
        "FROM python\nRUN " + " && ".join(f"uv pip install --system x{i}" for i in range(7_000)) + "\n",
        ("DF227", "DF228"),
    ),
    # each code copy compared every later install with every earlier one
    "code copies and installs": (
        "FROM python\nWORKDIR /app\n"
        + "".join(f"COPY f{i}.py ./\nRUN pip install -r r{i}.txt\n" for i in range(5_000)),
        ("DF201",),
    ),
    # each stage walked its chain of FROM <stage> (for its SHELL, WORKDIR, SSH server, Windows base)
    "a chain of stages": (
        "FROM debian AS s0\n"
        + "".join(f"FROM s{i} AS s{i + 1}\nWORKDIR /w{i}\nRUN a | b\nEXPOSE 22\nCMD x{i}\n" for i in range(3_000)),
        ("DF101", "DF510", "DF515", "DF521"),
    ),
    # each instruction copied the names declared before it, and each unknown name was compared with all of them
    "declarations and unknown references": (
        "FROM debian\n" + "".join(f"ENV V{i}=x\nWORKDIR /$V{i}/$U{i}\n" for i in range(10_000)),
        ("DF622",),
    ),
    # each stage that copies code gathered the installs of every stage it is built FROM
    "a chain of stages that copy code": (
        "FROM python AS s0\n"
        + "".join(
            f"FROM s{i} AS s{i + 1}\nCOPY app{i}.py /app/\nRUN pip install -r requirements.txt\n" for i in range(5_000)
        ),
        ("DF201",),
    ),
    # each COPY --from looked its stage up among all the stages
    "stages": (
        "".join(f"FROM debian AS s{i}\nCOPY --from=s{max(i - 1, 0)} /a /b\n" for i in range(10_000)),
        ("DF613", "DF614", "DF230", "DF301"),
    ),
}


@pytest.mark.parametrize("shape", MANY, ids=list(MANY))
def test_many_instructions_are_linted_in_linear_time(shape: str) -> None:
    text, codes = MANY[shape]
    dockerfile = parse_dockerfile(text)
    context = RuleContext(today=FIXED_TODAY)
    rules = {rule.code: rule for rule in all_rules()}
    for code in codes:
        started = time.process_time()
        list(rules[code].check(dockerfile, context))
        elapsed = time.process_time() - started
        assert elapsed < BOUND_SECONDS, f"{code} took {elapsed:.1f} s on {shape}"
