"""linter.packages: package-manager commands, their options and packages, and the questions rules share."""

from __future__ import annotations

import re

import pytest

from linter.model import Dockerfile, Instruction, parse_dockerfile
from linter.packages import (
    PackageCommand,
    configured_earlier,
    describe_packages,
    fed_by_yes,
    has_cache_mount,
    image_stage_indexes,
    in_image,
    insert_after,
    package_commands,
    package_commands_in,
    package_runs,
    pip_installs,
    removes_path,
    root_image,
    run_commands,
    static_prefix,
)
from linter.positions import Span


def _dockerfile(source: str) -> Dockerfile:
    return parse_dockerfile(source.encode())


def _runs(dockerfile: Dockerfile) -> list[Instruction]:
    return [instruction for instruction in dockerfile.walk() if instruction.keyword == "RUN"]


def _commands(run: str, base: str = "FROM debian") -> tuple[PackageCommand, ...]:
    [instruction] = _runs(_dockerfile(f"{base}\nRUN {run}\n"))
    return package_commands(instruction)


def _one(run: str) -> PackageCommand:
    [found] = _commands(run)
    return found


def _summary(found: PackageCommand) -> tuple[str, str | None, list[tuple[str, str | None]], list[str]]:
    return (
        found.manager,
        found.subcommand,
        [(option.name, option.value.value if option.value else None) for option in found.options],
        [word.value if word.is_static else word.raw for word in found.operands],
    )


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        (
            "apt-get -qq -y install --no-install-recommends a b=1.2 c/stable",
            (
                "apt-get",
                "install",
                [("--quiet", None), ("--quiet", None), ("--yes", None), ("--no-install-recommends", None)],
                ["a", "b=1.2", "c/stable"],
            ),
        ),
        ("DEBIAN_FRONTEND=noninteractive apt-get install curl", ("apt-get", "install", [], ["curl"])),
        ("sudo -E apt-get --assume-yes install curl", ("apt-get", "install", [("--yes", None)], ["curl"])),
        ("apt-get -qy install curl", ("apt-get", "install", [("--quiet", None), ("--yes", None)], ["curl"])),
        ("apt-get install -q=2 curl", ("apt-get", "install", [("--quiet", "2")], ["curl"])),
        (
            "apt-get -o Dpkg::Options::=--force-confold -oAPT::Get::Assume-Yes=1 install -t bookworm-backports x",
            (
                "apt-get",
                "install",
                [
                    ("--option", "Dpkg::Options::=--force-confold"),
                    ("--option", "APT::Get::Assume-Yes=1"),
                    ("--target-release", "bookworm-backports"),
                ],
                ["x"],
            ),
        ),
        ("apt-get install curl --yes", ("apt-get", "install", [("--yes", None)], ["curl"])),
        (
            "/usr/bin/apt-get install --default-release=sid x",
            ("apt-get", "install", [("--target-release", "sid")], ["x"]),
        ),
        (
            "apk add --no-cache --virtual .deps gcc musl-dev",
            ("apk", "add", [("--no-cache", None), ("--virtual", ".deps")], ["gcc", "musl-dev"]),
        ),
        ("apk -U add -t .deps curl", ("apk", "add", [("--update-cache", None), ("--virtual", ".deps")], ["curl"])),
        (
            "yum -y --setopt=tsflags=nodocs install httpd",
            ("yum", "install", [("--assumeyes", None), ("--setopt", "tsflags=nodocs")], ["httpd"]),
        ),
        (
            "dnf5 install --enablerepo crb -y x",
            ("dnf", "install", [("--enablerepo", "crb"), ("--assumeyes", None)], ["x"]),
        ),
        ("microdnf --nodocs install x", ("microdnf", "install", [("--nodocs", None)], ["x"])),
        # zypper: -n before the subcommand is --non-interactive, after it --name
        ("zypper -n in -y x", ("zypper", "install", [("--non-interactive", None), ("--no-confirm", None)], ["x"])),
        ("zypper install -n x", ("zypper", "install", [("--name", None)], ["x"])),
        (
            "npm i -g --registry http://r npm@10",
            ("npm", "install", [("--global", None), ("--registry", "http://r")], ["npm@10"]),
        ),
        ("yarn global add pm2", ("yarn", "global", [], ["add", "pm2"])),
        ("gem install -N rails -v 7.1", ("gem", "install", [("--no-document", None), ("--version", "7.1")], ["rails"])),
        # go: single-dash long flags, options end at the first operand
        (
            'go install -ldflags "-s -w" -v example.com/x@v1.2.0 -tags',
            ("go", "install", [("-ldflags", "-s -w"), ("-v", None)], ["example.com/x@v1.2.0", "-tags"]),
        ),
        ('go install -ldflags="-s -w" ./...', ("go", "install", [("-ldflags", "-s -w")], ["./..."])),
        # computed words are kept as they are written
        (
            "apt-get install -y $(cat /pkgs) $EXTRA",
            ("apt-get", "install", [("--yes", None)], ["$(cat /pkgs)", "$EXTRA"]),
        ),
        ("apt-get install -- -weird", ("apt-get", "install", [], ["-weird"])),
    ],
)
def test_parse(run: str, expected: tuple[str, str | None, list[tuple[str, str | None]], list[str]]) -> None:
    assert _summary(_one(run)) == expected


@pytest.mark.parametrize(
    "run",
    [
        "echo apt-get install curl",
        "apt-get-wrapper install x",
        "$APT install x",
        "python -m pip install flask",
        "cat <<EOF > /x\napt-get install curl\nEOF",
    ],
)
def test_not_a_package_command(run: str) -> None:
    assert _commands(run) == ()


def test_all_forms_of_run() -> None:
    source = (
        "FROM debian\n"
        'RUN ["apt-get", "install", "-y", "a"]\n'
        "RUN sh -c 'apk add b'\n"
        "RUN cat <<EOF > /x && yum install -y c\nx\nEOF\n"
        "RUN <<EOF\nnpm install d\nEOF\n"
        "ONBUILD RUN gem install e\n"
        "run go install f@v1\n"
    )
    found = [(p.manager, p.operands[0].value) for run in _runs(_dockerfile(source)) for p in package_commands(run)]
    assert found == [("apt-get", "a"), ("apk", "b"), ("yum", "c"), ("npm", "d"), ("gem", "e"), ("go", "f@v1")]


def test_filter_by_manager() -> None:
    [instruction] = _runs(_dockerfile("FROM debian\nRUN apt-get update && apk add x && apt install y\n"))
    assert [p.manager for p in package_commands(instruction, "apt-get", "apt")] == ["apt-get", "apt"]


@pytest.mark.parametrize(
    ("run", "unknown"),
    [
        ("apt-get $APT_OPTS install x", True),
        ("apt-get install $INSTALL_FLAGS x", True),
        ("apt-get install ${BUILD_ARGS} x", True),
        ("apt-get install $PACKAGES", False),
        ("apt-get install -y x", False),
    ],
)
def test_options_unknown(run: str, unknown: bool) -> None:
    assert _one(run).options_unknown is unknown


def test_option_helpers_and_span() -> None:
    found = _one("apt-get -y -o A=1 -o B=2 install curl")
    assert found.has("--yes") and not found.has("--quiet")
    assert found.count("--option") == 2
    assert [value.value for value in found.values("--option")] == ["A=1", "B=2"]
    option = found.option("--option")
    assert option is not None and option.word.value == "-o" and option.before_subcommand
    assert found.span == Span(2, 5, 2, 42)
    assert found.text == "apt-get -y -o A=1 -o B=2 install curl"
    assert found.program.value == "apt-get"
    assert found.static_operands == found.operands


def test_gem_separator() -> None:
    found = _one("gem install nokogiri -- --use-system-libraries")
    assert found.separator is not None and found.separator.value == "--"
    assert [word.value for word in found.operands] == ["nokogiri", "--use-system-libraries"]


def test_attached_value_position() -> None:
    found = _one("apk add --virtual=.deps gcc")
    [value] = found.values("--virtual")
    assert value.value == ".deps" and value.span == Span(2, 23, 2, 28)


def test_static_prefix_and_describe() -> None:
    found = _one('apt-get install "curl=${V}" git')
    assert static_prefix(found.operands[0]) == "curl="
    found = _one("apt-get install curl=${V} git")
    assert static_prefix(found.operands[0]) == "curl="
    assert static_prefix(found.operands[1]) == "git"
    assert describe_packages(found.operands) == "`curl=${V}` and `git`"
    many = _one("apt-get install a b c d e").operands
    assert describe_packages(many) == "`a`, `b`, `c` and 2 more"
    assert describe_packages(many[:1]) == "`a`"


def test_image_stages() -> None:
    dockerfile = _dockerfile(
        "FROM debian AS base\n"  # 0: base of the final stage
        "FROM base AS build\n"  # 1: read through COPY --from only
        "FROM debian AS tools\n"  # 2: base of a builder only
        "FROM tools AS compile\n"  # 3: mounted only
        "FROM debian AS dev\n"  # 4: nothing refers to it: a target
        "FROM base\n"  # 5: final
        "COPY --from=build /a /a\n"
        "RUN --mount=type=bind,from=compile,target=/c true\n"
    )
    assert image_stage_indexes(dockerfile) == {0, 4, 5}
    runs = _runs(dockerfile)
    assert in_image(dockerfile, runs[0])


def test_image_stages_behind_an_unresolved_from() -> None:
    dockerfile = _dockerfile(
        "ARG VARIANT\nFROM debian AS exit-alpine\nFROM debian AS exit-debian\nFROM debian AS other\n"
        "FROM exit-${VARIANT} AS exit\nFROM scratch\nCOPY --from=exit / /\nCOPY --from=other / /\n"
    )
    # `exit` is only copied from, so the stages it may be built FROM are builders too.
    assert image_stage_indexes(dockerfile) == {4}
    dockerfile = _dockerfile(
        "ARG VARIANT\nFROM debian AS exit-alpine\nFROM debian AS exit-debian\nFROM exit-$VARIANT\n"
    )
    assert image_stage_indexes(dockerfile) == {0, 1, 2}


def test_image_stages_through_args_and_triggers() -> None:
    dockerfile = _dockerfile(
        "ARG STAGE=build\nFROM debian AS build\nRUN make\nFROM debian\nARG STAGE\nCOPY --from=$STAGE /a /a\n"
        "ONBUILD RUN make\n"
    )
    assert image_stage_indexes(dockerfile) == {1}
    make, trigger = _runs(dockerfile)
    assert not in_image(dockerfile, make)
    assert in_image(dockerfile, trigger)


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("apt-get update && rm -rf /var/lib/apt/lists/*", True),
        ("apt-get update && rm -rf /var/lib/apt/lists", True),
        ("apt-get update && rm -rf /var/lib/apt", True),
        ("apt-get update && find /var/lib/apt/lists -delete", True),
        ('apt-get update && rm -rf "$LISTS"', True),
        ("rm -rf /var/lib/apt/lists/* && apt-get update", False),
        ("apt-get update && rm -rf /var/lib/apt-other", False),
        ("apt-get update && echo /var/lib/apt/lists", False),
    ],
)
def test_removes_path(run: str, expected: bool) -> None:
    [instruction] = _runs(_dockerfile(f"FROM debian\nRUN {run}\n"))
    [update] = package_commands(instruction)
    assert removes_path(instruction, "/var/lib/apt/lists", after=update.command.start) is expected


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ("--mount=type=cache,target=/var/lib/apt/lists", True),
        ("--mount=type=cache,target=/var/lib/apt", True),
        ("--mount=type=tmpfs,target=/var/lib/apt/lists/", True),
        ("--mount=type=cache,target=/var/lib/apt/lists/partial", False),
        ("--mount=type=bind,target=/var/lib/apt", False),
        ("--mount=type=cache,target=/var/cache/apt", False),
    ],
)
def test_has_cache_mount(flags: str, expected: bool) -> None:
    [instruction] = _runs(_dockerfile(f"FROM debian\nRUN {flags} apt-get update\n"))
    assert has_cache_mount(instruction, "/var/lib/apt/lists") is expected


def test_configured_earlier() -> None:
    pattern = re.compile("Assume-Yes")
    dockerfile = _dockerfile(
        "FROM debian AS base\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/9\n"
        "FROM base AS child\nRUN apt-get install x\n"
        "FROM debian\nRUN apt-get install y\nONBUILD RUN echo Assume-Yes\n"
        "FROM debian\nCOPY conf /etc/apt/apt.conf.d/\nRUN apt-get install z\n"
    )
    runs = [run for run in _runs(dockerfile) if "install" in run.text]
    assert configured_earlier(dockerfile, runs[0], pattern)
    assert not configured_earlier(dockerfile, runs[1], pattern)
    assert not configured_earlier(dockerfile, runs[2], pattern)
    assert configured_earlier(dockerfile, runs[2], pattern, ("/etc/apt/apt.conf.d/",))


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("yes | apt-get install x", True),
        ("echo y | apt-get install x", True),
        ("cat list | apt-get install x", False),
        ("apt-get install x", False),
        ("sh -c 'yes | apt-get install x'", True),
    ],
)
def test_fed_by_yes(run: str, expected: bool) -> None:
    [instruction] = _runs(_dockerfile(f"FROM debian\nRUN {run}\n"))
    [found] = package_commands(instruction)
    assert fed_by_yes(instruction, found.command) is expected


@pytest.mark.parametrize(
    ("run", "edit"),
    [
        ("apt-get install x", (Span(2, 20, 2, 20), " -y")),
        ('["apt-get", "install", "x"]', (Span(2, 26, 2, 26), ', "-y"')),
        ("sh -c 'apt-get install x'", (Span(2, 27, 2, 27), " -y")),
        ('["sh", "-c", "apt-get install \\"x\\""]', None),
    ],
)
def test_insert_after(run: str, edit: tuple[Span, str] | None) -> None:
    [instruction] = _runs(_dockerfile(f"FROM debian\nRUN {run}\n"))
    [found] = package_commands(instruction)
    assert found.subcommand_word is not None
    made = insert_after(found.subcommand_word, "-y", instruction, found.command)
    assert (None if made is None else (made.span, made.text)) == edit


def test_root_image() -> None:
    dockerfile = _dockerfile("ARG V=9\nFROM ubi${V}-minimal AS a\nFROM a\nRUN true\nFROM $UNKNOWN\nRUN true\n")
    first, second = _runs(dockerfile)
    assert root_image(dockerfile, first) == "ubi9-minimal"
    assert root_image(dockerfile, second) is None


# --------------------------------------------------------------------------------------------------------------------
# The per-file indexes rules read instead of scanning every command
# --------------------------------------------------------------------------------------------------------------------

_INDEXED = """\
FROM debian AS build
RUN apt-get update && sudo /usr/bin/wget -q x && env A=1 apk add curl
RUN echo hi
ONBUILD RUN yum install -y git && wget y
FROM alpine
RUN ["sh", "-c", "apk add jq && wget z"]
"""


def _shown(found: tuple[tuple[Instruction, object], ...]) -> list[tuple[int, str]]:
    return [(instruction.line, " ".join(word.value for word in command.words)) for instruction, command in found]


def test_run_commands_finds_programs_behind_wrappers_in_walk_order() -> None:
    dockerfile = _dockerfile(_INDEXED)
    assert _shown(run_commands(dockerfile, "wget")) == [
        (2, "sudo /usr/bin/wget -q x"),
        (4, "wget y"),
        (6, "wget z"),
    ]
    assert _shown(run_commands(dockerfile, "echo", "yum")) == [(3, "echo hi"), (4, "yum install -y git")]
    assert run_commands(dockerfile, "curl") == ()  # an operand, not a program
    assert run_commands(dockerfile, "wget") is run_commands(dockerfile, "wget")  # indexed once per file


def test_package_runs_group_the_commands_of_each_run() -> None:
    dockerfile = _dockerfile(_INDEXED)
    runs = package_runs(dockerfile, "apk")
    assert [(run.line, [found.manager for found in found_commands]) for run, found_commands in runs] == [
        (2, ["apk"]),
        (6, ["apk"]),
    ]
    everything = package_runs(dockerfile, "apt-get", "apk", "yum")
    assert [(run.line, [found.subcommand for found in found_commands]) for run, found_commands in everything] == [
        (2, ["update", "add"]),
        (4, ["install"]),
        (6, ["add"]),
    ]
    assert [found.manager for found in package_commands_in(dockerfile, "yum", "apt-get")] == ["apt-get", "yum"]
    assert package_runs(dockerfile, "zypper") == ()
    assert package_commands(runs[0][0], "apk") == runs[0][1]


def test_pip_installs_however_pip_is_spelled() -> None:
    dockerfile = _dockerfile(
        "FROM python\nRUN pip3.12 install a && python -m pip install b && uv pip install c && pipx install d\n"
        "RUN /venv/bin/pip download e && pip-sync f && python3 -c 'pip install g'\n"
    )
    assert [[word.value for word in install.packages] for _run, _command, install in pip_installs(dockerfile)] == [
        ["a"],
        ["b"],
        ["c"],
    ]


def test_a_new_model_gets_its_own_index() -> None:
    first = _dockerfile("FROM debian\nRUN wget x\n")
    second = _dockerfile("FROM debian\nRUN curl x\n")
    assert len(run_commands(first, "wget")) == 1
    assert run_commands(second, "wget") == ()
