"""Tests for linter.shell: commands, words, positions, heredocs, -c recursion, wrappers and the pip recogniser."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.positions import Segment, Span, TextMap
from linter.shell import (
    MAX_NESTING,
    Command,
    Script,
    Word,
    command_basename,
    command_from_words,
    is_command,
    parse_script,
    pip_install,
)

REPOSITORY = Path(__file__).resolve().parents[1]


def parse(text: str) -> Script:
    """Parse a text that sits on line 1 from column 1."""
    return parse_script(text, TextMap.single_line(1, 1, len(text)))


def argvs(text: str) -> list[tuple[str, ...]]:
    return [command.argv for command in parse(text).commands]


def pip_argvs(text: str) -> list[tuple[str, ...]]:
    """Like the notes' classifier: the argv after `install` of every pip install, in order."""
    found = (pip_install(command) for command in parse(text).commands)
    return [tuple(word.value for word in install.args) for install in found if install is not None]


def single(text: str) -> Command:
    commands = parse(text).commands
    assert len(commands) == 1, [command.argv for command in commands]
    return commands[0]


def plain_word(value: str, start: int, line: int = 1, column: int | None = None) -> Word:
    """A static word as an exec-form (JSON) parser would make it: raw is the quoted JSON string."""
    raw = f'"{value}"'
    column = start + 1 if column is None else column
    return Word(value, raw, start, start + len(raw), Span(line, column, line, column + len(raw)), True)


# --------------------------------------------------------------------------------------------------------------------
# parsing.md §4: C1–C11
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/* "
            "&& pip3 install --no-cache-dir -r requirements.txt",
            [("--no-cache-dir", "-r", "requirements.txt")],
            id="C1-chain",
        ),
        pytest.param(
            'PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 pip install --user "flask>=3,<4"',
            [("--user", "flask>=3,<4")],
            id="C2-env-prefix-and-quotes",
        ),
        pytest.param(
            "python3 -m pip install --upgrade pip; "
            "python -m pip install -e '.[dev,test]' git+https://github.com/o/r.git#egg=r",
            [("--upgrade", "pip"), ("-e", ".[dev,test]", "git+https://github.com/o/r.git#egg=r")],
            id="C3-python-m-pip-and-hash-in-word",
        ),
        pytest.param(
            "uv pip install --system --no-cache -r requirements.txt || pip install -r requirements.txt",
            [("--system", "--no-cache", "-r", "requirements.txt"), ("-r", "requirements.txt")],
            id="C4-uv-or-pip",
        ),
        pytest.param(
            "sh -c 'pip install --no-cache-dir \"$PKG\" && echo ok'",
            [("--no-cache-dir", '"$PKG"')],
            id="C5-sh-c",
        ),
        pytest.param(
            'set -eux; if [ "$ENV" = dev ]; then pip install -r dev.txt; '
            "else pip install --no-cache-dir -r prod.txt; fi",
            [("-r", "dev.txt"), ("--no-cache-dir", "-r", "prod.txt")],
            id="C6-if-else",
        ),
        pytest.param(
            'for r in a.txt b.txt; do pip install -r "$r"; done && pip cache purge',
            [("-r", '"$r"')],
            id="C7-for-loop",
        ),
        pytest.param(
            "pip install $(grep -v '^#' reqs.txt) 2>&1 | tee /tmp/pip.log",
            [("$(grep -v '^#' reqs.txt)",)],
            id="C8-substitution-and-pipe",
        ),
        pytest.param(
            'case "$TARGETARCH" in amd64) pip install torch --index-url https://download.pytorch.org/whl/cpu ;; '
            "*) pip install torch ;; esac",
            [("torch", "--index-url", "https://download.pytorch.org/whl/cpu"), ("torch",)],
            id="C9-case",
        ),
        pytest.param("pip install --no-cache-dir requests # don't cache", [("--no-cache-dir", "requests")], id="C10"),
        pytest.param(
            "set -e\ncat > /f <<EOF\npip install not-a-command\nEOF\npip install --no-cache-dir real\n",
            [("--no-cache-dir", "real")],
            id="C11-heredoc-body-is-data",
        ),
    ],
)
def test_notes_cases_c1_to_c11(body: str, expected: list[tuple[str, ...]]) -> None:
    assert pip_argvs(body) == expected
    assert not parse(body).has_error


def test_c8_substitution_is_a_command_and_pipeline_is_recorded() -> None:
    script = parse("pip install $(grep -v '^#' reqs.txt) 2>&1 | tee /tmp/pip.log")
    assert [command.name for command in script.commands] == ["pip", "grep", "tee"]
    assert [command.in_pipeline for command in script.commands] == [True, False, True]
    assert [[command.name for command in pipeline] for pipeline in script.pipelines] == [["pip", "tee"]]


# --------------------------------------------------------------------------------------------------------------------
# parsing.md §4: failure modes
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected", "has_error"),
    [
        ("N=$((1+2)) && pip install x", [(), ("pip", "install", "x")], False),
        ("[[ -f r.txt ]] && pip install -r r.txt", [("pip", "install", "-r", "r.txt")], False),
        ("case $A in x) pip install a;; esac", [("pip", "install", "a")], False),
        ('cat <<< "$(pip install q)"', [("cat",), ("pip", "install", "q")], False),
        ("diff <(pip freeze) >(sort)", [("diff", "<(pip freeze)", ">(sort)"), ("pip", "freeze"), ("sort",)], False),
        ("f() { pip install a; }; f", [("pip", "install", "a"), ("f",)], False),
        ("echo `pip install b`", [("echo", "`pip install b`"), ("pip", "install", "b")], False),
        ("echo $'a\\tb' && pip install c", [("echo", "a\tb"), ("pip", "install", "c")], False),
        ('pip install "flask', [("pip", "install")], True),
        (
            "pip install x ) && pip install --no-cache-dir y",
            [("pip", "install", "x"), ("pip", "install", "--no-cache-dir", "y")],
            True,
        ),
        ("pip install x # don't", [("pip", "install", "x")], False),
        ("echo 'unterminated && pip install x", [("echo",)], True),
        ("", [], False),
        ("# only a comment", [], False),
    ],
)
def test_failure_modes_never_raise(body: str, expected: list[tuple[str, ...]], has_error: bool) -> None:
    script = parse(body)
    assert [command.argv for command in script.commands] == expected
    assert script.has_error is has_error


@pytest.mark.parametrize(
    "body",
    [
        "((((",
        "))))",
        "$(",
        "`",
        "'\"'\"",
        "if then fi else",
        "<<",
        "<<EOF",
        "cat <<'EOF",
        "\x00\x01\x02",
        "\\",
        "${",
        "case x in",
        "a |",
        "&& ||",
        "$'\\x",
        "$'\\U110000'",
        "sh -c",
        'bash -c "$("',
        "\ud800 pip install x \udfff",
        "echo \ud83d\ude00 && pip install x",
    ],
)
def test_garbage_never_raises(body: str) -> None:
    script = parse(body)
    assert isinstance(script.has_error, bool)
    assert all(command.start <= command.end for command in script.commands)


# --------------------------------------------------------------------------------------------------------------------
# Commands and structure
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('echo "pip install x"', [("echo", "pip install x")]),
        ("echo 'pip install x' # pip install y", [("echo", "pip install x")]),
        ("echo $(pip install x)", [("echo", "$(pip install x)"), ("pip", "install", "x")]),
        ('echo "$(pip install x)"', [("echo", '"$(pip install x)"'), ("pip", "install", "x")]),
        ("(cd /app && make) ; { a; b; }", [("cd", "/app"), ("make",), ("a",), ("b",)]),
        ("while read l; do echo $l; done < f", [("read", "l"), ("echo", "$l")]),
        ("! grep -q x f || exit 1", [("grep", "-q", "x", "f"), ("exit", "1")]),
        ("if a; then b; elif c; then d; else e; fi", [("a",), ("b",), ("c",), ("d",), ("e",)]),
        ("until a; do b & done", [("a",), ("b",)]),
        ("echo a >f b 2>&1 c", [("echo", "a", "b", "c")]),  # words after a redirect target are arguments
        ("A=1 >/dev/null cmd x", [("cmd", "x")]),
        ("x=$(a $(b $(c)))", [(), ("a", "$(b $(c))"), ("b", "$(c)"), ("c",)]),
    ],
)
def test_commands_in_source_order(body: str, expected: list[tuple[str, ...]]) -> None:
    assert argvs(body) == expected


@pytest.mark.parametrize(
    ("body", "pipelines", "in_pipeline"),
    [
        ("a | b", [["a", "b"]], [True, True]),
        ("a | b |& c", [["a", "b", "c"]], [True, True, True]),
        ("a || b", [], [False, False]),
        # tree-sitter-bash nests this as `a | (b |& c || d)`; the shell's grouping is `((a | b |& c) || d) && (e | f)`
        ("a | b |& c || d && e | f", [["a", "b", "c"], ["e", "f"]], [True, True, True, False, True, True]),
        ("a | b && c", [["a", "b"]], [True, True, False]),
        ("a && b | c", [["b", "c"]], [False, True, True]),
        ("curl x | (cd /y && tar xz)", [["curl", "cd", "tar"]], [True, True, True]),
        ("echo $(a | b) | c", [["a", "b"], ["echo", "c"]], [True, True, True, True]),
        ("x $(y) | z", [["x", "z"]], [True, False, True]),
    ],
)
def test_pipelines(body: str, pipelines: list[list[str]], in_pipeline: list[bool]) -> None:
    script = parse(body)
    assert sorted([command.name for command in pipeline] for pipeline in script.pipelines) == sorted(pipelines)
    assert [command.in_pipeline for command in script.commands] == in_pipeline


# --------------------------------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "is_static"),
    [
        ("plain", "plain", True),
        ('"a b"', "a b", True),
        ("'x'", "x", True),
        ("a\\ b", "a b", True),
        ("'q'\"r\"s", "qrs", True),
        ('"a\\"b\\\\c\\$d\\x"', 'a"b\\c$d\\x', True),
        ("$'a\\tb\\x41\\101\\u00e9\\'q'", "a\tbAAé'q", True),
        ('$"loc"', "loc", True),
        ("*.txt", "*.txt", True),
        ("x{1..3}", "x{1..3}", True),
        ("~/p", "~/p", True),
        ("$HOME", "$HOME", False),
        ("${A:-x}", "${A:-x}", False),
        ('"$A"b', '"$A"b', False),
        ("pre$(cmd)post", "pre$(cmd)post", False),
        ("`cmd`", "`cmd`", False),
        ("$((1+2))", "$((1+2))", False),
        ("'héllo'", "héllo", True),
    ],
)
def test_word_values(raw: str, value: str, is_static: bool) -> None:
    command = parse(f"echo {raw}").commands[0]  # a substitution adds its own command after this one
    word = command.words[1]
    assert (word.raw, word.value, word.is_static) == (raw, value, is_static)
    assert (word.start, word.end) == (5, 5 + len(raw))


def test_command_name_and_argv() -> None:
    command = single("'/usr/bin/apt-get' install -y \"curl\"")
    assert command.name == "/usr/bin/apt-get"
    assert command.argv == ("/usr/bin/apt-get", "install", "-y", "curl")
    assert command_basename(command.words[0]) == "apt-get"


@pytest.mark.parametrize(
    ("raw", "basename"),
    [("pip", "pip"), ("/venv/bin/pip3", "pip3"), ("$VENV/bin/pip", "pip"), ('"$PIP"', None), ("${P}", None)],
)
def test_command_basename(raw: str, basename: str | None) -> None:
    assert command_basename(single(f"{raw} x").words[0]) == basename


# --------------------------------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------------------------------


def test_exports_and_bare_assignments() -> None:
    script = parse('export A=1 B; export C="x y"; D=2; E= F+=3; declare -x G=4; readonly H=5; cmd')
    assert [(a.name, a.value.value if a.value else None) for a in script.assignments] == [
        ("A", "1"),
        ("B", None),
        ("C", "x y"),
        ("D", "2"),
        ("E", ""),
        ("F", "3"),
        ("G", "4"),
        ("H", "5"),
    ]
    export = script.commands[0]
    assert export.argv == ("export", "A=1", "B")
    bare = [command for command in script.commands if not command.words]
    assert [[a.name for a in command.env] for command in bare] == [["D"], ["E", "F"]]
    assert all(command.name is None for command in bare)


def test_prefix_assignments_are_env_not_script_assignments() -> None:
    script = parse('A=1 B="x y" C=$(date) cmd arg')
    command = script.commands[0]
    assert [(a.name, a.value.value if a.value else None) for a in command.env] == [
        ("A", "1"),
        ("B", "x y"),
        ("C", "$(date)"),
    ]
    assert command.argv == ("cmd", "arg")
    assert [c.name for c in script.commands] == ["cmd", "date"]
    assert script.assignments == ()


def test_assignment_positions() -> None:
    assignment = parse("X=1; export LONG_NAME='v a l'").assignments[1]
    assert assignment.span == Span(1, 13, 1, 30)
    assert assignment.value is not None
    assert (assignment.value.value, assignment.value.span) == ("v a l", Span(1, 23, 1, 30))


# --------------------------------------------------------------------------------------------------------------------
# Heredocs
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected", "has_error"),
    [
        ("cat <<EOF > /x && pip install y\nbody line\nEOF\n", [("cat",), ("pip", "install", "y")], False),
        ("cat > /x <<EOF && pip install y\npip install no\nEOF\n", [("cat",), ("pip", "install", "y")], False),
        ("cat <<EOF | sh\npip install no\nEOF", [("cat",), ("sh",)], False),
        ("python3 - <<'PY' && pip install y\nimport os\nPY\n", [("python3", "-"), ("pip", "install", "y")], False),
        ('cat <<"EOF" file && x\n$(pip install no)\nEOF', [("cat", "file"), ("x",)], False),
        (
            "<<FILE1 cat > /a && <<FILE2 cat > /b\nhello\nFILE1\nworld\nFILE2\npip install q",
            [("cat",), ("cat",), ("pip", "install", "q")],
            False,
        ),
        ("cat <<A <<B\na\nA\nb\nB\nz", [("cat",), ("z",)], False),
        ("cat <<-EOF\n\tpip install no\n\tEOF\ndone-cmd", [("cat",), ("done-cmd",)], False),
        ("cat <<\\EOF\npip install no\nEOF\n", [("cat",)], False),
        ("cat << EOF\npip install no\nEOF\nafter", [("cat",), ("after",)], False),
        ("cat <<EOF\nEOF is not alone\nEOF2\nEOF\nafter", [("cat",), ("after",)], False),
        ("cat <<EOF\nunterminated\npip install no", [("cat",)], True),
        ("cat <<EOF", [("cat",)], False),  # no body at all: nothing to misread
        ("echo $((1<<2)) && pip install y", [("echo", "$((1<<2))"), ("pip", "install", "y")], False),
        ("echo '<<EOF' && pip install y\nEOF", [("echo", "<<EOF"), ("pip", "install", "y"), ("EOF",)], False),
        ("# cat <<EOF\npip install y", [("pip", "install", "y")], False),
        ("x=$(cat <<EOF\npip install no\nEOF\n) && pip install y", [(), ("cat",), ("pip", "install", "y")], False),
    ],
)
def test_heredoc_bodies_are_data(body: str, expected: list[tuple[str, ...]], has_error: bool) -> None:
    script = parse(body)
    assert [command.argv for command in script.commands] == expected
    assert script.has_error is has_error


def test_command_after_heredoc_keeps_its_position() -> None:
    text = "cat <<EOF > /x && pip install é\nbödy\nEOF\npip install z"
    first, second = (command for command in parse(text).commands if command.name == "pip")
    assert (first.start, first.span) == (18, Span(1, 19, 1, 32))
    assert first.words[2].value == "é"
    assert (second.start, second.end) == (text.rindex("pip"), len(text))


# --------------------------------------------------------------------------------------------------------------------
# Comments inside backticks (docs/hadolint-differences: the comment ends with the substitution)
# --------------------------------------------------------------------------------------------------------------------


def test_backtick_comment_does_not_hide_the_rest_of_the_run() -> None:
    # The one-line comment of a continued RUN: `# …` inside backticks ends at the closing backtick.
    text = "apt-get install -y \\\n  curl `# for the health check` \\\n  && rm -rf /var/lib/apt/lists/*"
    script = parse(text)
    assert [command.argv for command in script.commands] == [
        ("apt-get", "install", "-y", "curl"),  # the substitution expands to no word at all
        ("rm", "-rf", "/var/lib/apt/lists/*"),
    ]
    assert not script.has_error
    assert script.commands[1].start == text.index("rm -rf")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("echo `echo a # b` && rm x", [("echo", "`echo a # b`"), ("echo", "a"), ("rm", "x")], id="after"),
        pytest.param('echo "a `# c` b" && rm x', [("echo", "a `# c` b"), ("rm", "x")], id="in-double-quotes"),
        pytest.param("foo`# c`bar && rm x", [("foo`# c`bar",), ("rm", "x")], id="glued-stays-one-word"),
        pytest.param("echo `#c\necho b` && rm x", [("echo", "`#c\necho b`"), ("echo", "b"), ("rm", "x")], id="newline"),
        pytest.param("echo '`# c`' && rm x", [("echo", "`# c`"), ("rm", "x")], id="single-quoted-is-text"),
        pytest.param("echo x # `a # b` && rm\nls", [("echo", "x"), ("ls",)], id="in-a-comment-is-text"),
    ],
)
def test_backtick_comments(body: str, expected: list[tuple[str, ...]]) -> None:
    assert argvs(body) == expected
    assert not parse(body).has_error


def test_backtick_comment_in_a_dash_c_string() -> None:
    assert argvs("sh -c 'apt-get update `# lists` && rm -rf /var/lib/apt/lists/*'")[1:] == [
        ("apt-get", "update"),
        ("rm", "-rf", "/var/lib/apt/lists/*"),
    ]


# --------------------------------------------------------------------------------------------------------------------
# sh -c recursion
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("sh -c 'pip install a'", [(None, "sh"), ("sh -c", "pip")]),
        ('bash -lc "pip install a"', [(None, "bash"), ("bash -c", "pip")]),
        ("/bin/bash -e -o pipefail -c 'a | b'", [(None, "/bin/bash"), ("bash -c", "a"), ("bash -c", "b")]),
        ("bash -xec 'a; b' name arg", [(None, "bash"), ("bash -c", "a"), ("bash -c", "b")]),
        ("sh -c \"bash -c 'pip install a'\"", [(None, "sh"), ("sh -c", "bash"), ("bash -c", "pip")]),
        ("sudo -u app sh -c 'pip install a'", [(None, "sudo"), ("sh -c", "pip")]),
        ("exec /bin/sh -c 'exec pip install a'", [(None, "exec"), ("sh -c", "exec")]),
        ("su app -c 'pip install a'", [(None, "su"), ("su -c", "pip")]),
        ("su -c 'pip install a' app", [(None, "su"), ("su -c", "pip")]),
        ("su app --command='pip install a'", [(None, "su"), ("su -c", "pip")]),
        ("bash script.sh 'pip install a'", [(None, "bash")]),
        ("sh -c", [(None, "sh")]),
        ('sh -c "pip install $PKG"', [(None, "sh"), ("sh -c", "pip")]),
        ("echo sh -c 'pip install a'", [(None, "echo")]),
    ],
)
def test_sh_c_recursion(body: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(command.nested_in, command.name) for command in parse(body).commands] == expected


def test_sh_c_nested_command_positions_map_through_quotes() -> None:
    text = 'bash -lc "sh -c \'sudo -u x pip install \\"y\\"\'"'
    commands = parse(text).commands
    assert [command.name for command in commands] == ["bash", "sh", "sudo"]
    inner = commands[2]
    assert inner.start == text.index("sudo")
    assert inner.span.start_column == text.index("sudo") + 1
    install = pip_install(inner)
    assert install is not None
    package = install.packages[0]
    assert package.value == "y"
    assert package.raw == '"y"'  # the text inside the -c string, after the outer quotes are gone
    escaped_quote = text.index('\\"y') + 1  # the inner word starts at the quote its backslash escaped
    assert (package.start, package.end) == (escaped_quote, escaped_quote + 4)


def test_sh_c_depth_is_bounded() -> None:
    script = "pip install deep"
    for _ in range(MAX_NESTING + 1):
        script = f"sh -c {shell_quote(script)}"
    names = [command.name for command in parse(script).commands]
    assert names == ["sh"] * (MAX_NESTING + 1)  # the pip behind the fifth -c string is not analysed


def shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def test_su_command_equals_maps_to_the_whole_quoted_script() -> None:
    text = "su app --command='pip install a'"
    pip = parse(text).commands[1]
    assert pip.nested_in == "su -c"
    assert (pip.start, pip.end) == (text.index("'"), len(text))
    assert pip.span == Span(1, text.index("'") + 1, 1, len(text) + 1)


def test_sh_c_error_inside_string_is_reported() -> None:
    script = parse("sh -c 'echo \"unterminated'")
    assert script.has_error


# --------------------------------------------------------------------------------------------------------------------
# effective(): wrappers
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "argv", "env", "exec_prefixed"),
    [
        ("pip install x", ("pip", "install", "x"), [], False),
        ("exec pip install x", ("pip", "install", "x"), [], True),
        ("exec -a name python app.py", ("python", "app.py"), [], True),
        ("env A=1 B='x y' cmd --flag", ("cmd", "--flag"), [("A", "1"), ("B", "x y")], False),
        ("env -i -u X PATH=/bin cmd", ("cmd",), [("PATH", "/bin")], False),
        ("env A=1 -u X", ("-u", "X"), [("A", "1")], False),  # options end at the first assignment
        ("Z=0 env A=1 cmd", ("cmd",), [("Z", "0"), ("A", "1")], False),
        ("sudo -u x pip install y", ("pip", "install", "y"), [], False),
        ("sudo -E -H --user=x PIP_X=1 pip install y", ("pip", "install", "y"), [("PIP_X", "1")], False),
        ("nohup ./run &", ("./run",), [], False),
        ("time -p make", ("make",), [], False),
        ("nice -n 10 make", ("make",), [], False),
        ("nice -5 make", ("make",), [], False),
        ("command -p make", ("make",), [], False),
        ("command -v make", ("command", "-v", "make"), [], False),
        ("timeout -s KILL 30 make", ("make",), [], False),
        ("gosu app python app.py", ("python", "app.py"), [], False),
        ("su-exec app:app python app.py", ("python", "app.py"), [], False),
        ("tini -- python app.py", ("python", "app.py"), [], False),
        ("tini -s -g python app.py", ("python", "app.py"), [], False),
        ("/usr/bin/dumb-init -- python app.py", ("python", "app.py"), [], False),
        ("exec gosu app env A=1 nice -n 5 python app.py", ("python", "app.py"), [("A", "1")], True),
        ("exec", ("exec",), [], False),
        ("env", ("env",), [], False),
        ("sudo -u x", ("sudo", "-u", "x"), [], False),
        ("chroot /x pip install y", ("chroot", "/x", "pip", "install", "y"), [], False),
    ],
)
def test_effective_peels_wrappers(body: str, argv: tuple[str, ...], env: list[tuple[str, str]], exec_prefixed: bool):
    command = single(body)
    effective = command.effective()
    assert effective.argv == argv
    assert [(a.name, a.value.value if a.value else None) for a in effective.env] == env
    assert effective.exec_prefixed is exec_prefixed


def test_effective_returns_self_without_wrapper_and_keeps_positions() -> None:
    plain = single("pip install x")
    assert plain.effective() is plain
    wrapped = single("sudo -u app pip install x")
    effective = wrapped.effective()
    assert (effective.start, effective.end) == (12, wrapped.end)
    assert effective.span == Span(1, 13, 1, 26)
    assert effective.words[0] is wrapped.words[3]


def test_env_assignment_value_position() -> None:
    effective = single("env PIP_INDEX_URL=https://x cmd").effective()
    value = effective.env[0].value
    assert value is not None
    assert (value.value, value.start, value.span) == ("https://x", 18, Span(1, 19, 1, 28))


@pytest.mark.parametrize(
    ("body", "names", "expected"),
    [
        ("/usr/bin/apt-get install x", ("apt-get",), True),
        ("sudo apt-get install x", ("apt-get", "apt"), True),
        ("apt install x", ("apt-get",), False),
        ("echo apt-get", ("apt-get",), False),
        ("A=1", ("apt-get",), False),
    ],
)
def test_is_command(body: str, names: tuple[str, ...], expected: bool) -> None:
    assert is_command(parse(body).commands[0], *names) is expected


# --------------------------------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------------------------------


def test_command_on_second_line_of_two_segment_map() -> None:
    # RUN apt-get update && \
    #     pip install --no-cache-dir flask
    first = "apt-get update && "
    second = "    pip install --no-cache-dir flask"
    text = first + second
    text_map = TextMap([Segment(0, 1, 5), Segment(len(first), 2, 1)], len(text))
    script = parse_script(text, text_map)
    apt, pip = script.commands
    assert apt.span == Span(1, 5, 1, 19)
    assert pip.span == Span(2, 5, 2, 37)
    assert pip.words[2].value == "--no-cache-dir"
    assert pip.words[2].span == Span(2, 17, 2, 31)


def test_nested_command_across_continuation_maps_to_second_line() -> None:
    # RUN sh -c 'apt-get update && \
    #     pip install x'
    first = "sh -c 'apt-get update && "
    second = "    pip install x'"
    text = first + second
    text_map = TextMap([Segment(0, 1, 5), Segment(len(first), 2, 1)], len(text))
    pip = next(command for command in parse_script(text, text_map).commands if command.name == "pip")
    assert pip.nested_in == "sh -c"
    assert pip.span == Span(2, 5, 2, 18)


@pytest.mark.parametrize(
    "prefix",
    ["echo 'héllo wörld' && ", 'echo "😀😀" && ', "echo 日本語; ", "# ç\n", 'X="ä" '],
)
def test_non_ascii_before_command_uses_character_offsets(prefix: str) -> None:
    text = prefix + "pip install --no-cache-dir x"
    pip = next(command for command in parse(text).commands if command.name == "pip")
    option = pip.words[2]
    assert pip.words[0].start == len(prefix)
    assert (option.raw, option.start, option.end) == ("--no-cache-dir", len(prefix) + 12, len(prefix) + 26)
    assert option.span == Span(1, len(prefix) + 13, 1, len(prefix) + 27)  # single-line map: column = offset + 1


def test_non_ascii_word_value_and_end() -> None:
    command = single("echo 'naïve' 😀x")
    assert [word.value for word in command.words] == ["echo", "naïve", "😀x"]
    assert [(word.start, word.end) for word in command.words] == [(0, 4), (5, 12), (13, 15)]
    assert command.end == 15


# --------------------------------------------------------------------------------------------------------------------
# Exec form (JSON argv)
# --------------------------------------------------------------------------------------------------------------------


def test_command_from_words_exact_positions() -> None:
    # CMD ["sh", "-c", "pip install x"]   (the JSON text starts at column 5)
    line = 'CMD ["sh", "-c", "pip install x"]'
    value = line[4:]
    words = [plain_word(text, value.index(f'"{text}"'), column=value.index(f'"{text}"') + 5) for text in ("sh", "-c")]
    words.append(plain_word("pip install x", value.index('"pip'), column=value.index('"pip') + 5))
    text_map = TextMap.single_line(1, 5, len(value))
    outer, pip = command_from_words(words, lambda word: text_map)
    assert outer.argv == ("sh", "-c", "pip install x")
    assert outer.nested_in is None
    assert pip.argv == ("pip", "install", "x")
    assert pip.nested_in == "sh -c"
    assert pip.span == Span(1, line.index("pip") + 1, 1, line.index("pip") + 1 + len("pip install x"))
    assert pip.words[2].start == value.index('x"')


def test_command_from_words_without_text_map_uses_the_word_span() -> None:
    words = [plain_word("bash", 0), plain_word("-lc", 7), plain_word("apt-get update && pip install y", 14)]
    commands = command_from_words(words)
    assert [command.name for command in commands] == ["bash", "apt-get", "pip"]
    pip = commands[2]
    assert pip.span == Span(1, 15 + 1 + len("apt-get update && "), 1, 15 + 1 + len("apt-get update && pip install y"))


def test_command_from_words_with_json_escapes_maps_to_whole_word() -> None:
    raw = '"pip install \\"x\\""'
    script_word = Word('pip install "x"', raw, 20, 20 + len(raw), Span(1, 21, 1, 21 + len(raw)), True)
    commands = command_from_words([plain_word("sh", 0), plain_word("-c", 6), script_word])
    pip = commands[1]
    assert pip.argv == ("pip", "install", "x")
    assert pip.span == script_word.span
    assert (pip.start, pip.end) == (script_word.start, script_word.end)
    assert pip_install(pip) is not None


def test_command_from_words_plain_and_empty() -> None:
    words = [plain_word("python", 0), plain_word("app.py", 10)]
    (command,) = command_from_words(words)
    assert command.argv == ("python", "app.py")
    assert command.span == Span(1, 1, 1, 19)
    assert command_from_words([]) == ()


# --------------------------------------------------------------------------------------------------------------------
# pip recogniser
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "tool", "packages"),
    [
        ("pip install flask", "pip", ["flask"]),
        ("pip3 install flask", "pip", ["flask"]),
        ("pip3.12 install flask", "pip", ["flask"]),
        ("/usr/local/bin/pip install flask", "pip", ["flask"]),
        ("/venv/bin/pip3 install flask", "pip", ["flask"]),
        ("$VIRTUAL_ENV/bin/pip install flask", "pip", ["flask"]),
        ("python -m pip install flask", "pip", ["flask"]),
        ("python3 -m pip install flask", "pip", ["flask"]),
        ("python3.12 -m pip install flask", "pip", ["flask"]),
        ("/usr/bin/python3 -m pip install flask", "pip", ["flask"]),
        ("python3 -u -X dev -mpip install flask", "pip", ["flask"]),
        ("python -m pip --no-cache-dir install flask", "pip", ["flask"]),
        ("pip --disable-pip-version-check --log /tmp/l install flask", "pip", ["flask"]),
        ("uv pip install --system flask", "uv", ["flask"]),
        ("uv --no-cache pip install flask", "uv", ["flask"]),
        ("sudo -H pip install flask", "pip", ["flask"]),
        ("exec env PIP_X=1 pip install flask", "pip", ["flask"]),
        ("pip.exe install flask", "pip", ["flask"]),
        ("pip install -r r.txt -c c.txt -e . 'a[b]>=1' -- -weird", "pip", ["a[b]>=1", "-weird"]),
    ],
)
def test_pip_install_positives(body: str, tool: str, packages: list[str]) -> None:
    install = pip_install(single(body))
    assert install is not None
    assert install.tool == tool
    assert install.command.words[install.install_index].value == "install"
    assert [word.value for word in install.packages] == packages


@pytest.mark.parametrize(
    "body",
    [
        "pipx install flask",
        "pipenv install flask",
        "python -m pipx install flask",
        "pip-compile requirements.in",
        "pip-sync requirements.txt",
        "pip download flask",
        "pip uninstall -y flask",
        "pip wheel flask",
        "pip freeze",
        "pip --version",
        "pip",
        "python -m venv /venv",
        "python -c 'import pip' install",
        "python app.py -m pip install",
        "py -m pip install flask",
        "uv pip sync requirements.txt",
        "uv add flask",
        "uvx pip install flask",
        "echo pip install flask",
        '"$PIP" install flask',
        "pip $CMD flask",
        "command -v pip install",
        "A=1",
    ],
)
def test_pip_install_negatives(body: str) -> None:
    assert all(pip_install(command) is None for command in parse(body).commands)


def test_quoted_pip_install_is_not_a_pip_install() -> None:
    assert pip_argvs('echo "pip install x"') == []
    assert pip_argvs("RUN='pip install x'") == []


@pytest.mark.parametrize(
    ("body", "names", "expected"),
    [
        ("pip install --no-cache-dir x", ("--no-cache-dir",), True),
        ("pip install x", ("--no-cache-dir",), False),
        ("pip --no-cache-dir install x", ("--no-cache-dir",), True),
        ("python -m pip --no-cache-dir install x", ("--no-cache-dir",), True),
        ("pip install --no-cache x", ("--no-cache-dir",), True),  # optparse accepts unique abbreviations
        ("pip install --no x", ("--no-cache-dir",), False),  # ambiguous abbreviation
        ("pip install -r req.txt", ("--requirement",), True),
        ("pip install --requirement=req.txt", ("-r",), True),
        ("pip install -qUr req.txt", ("-U",), True),
        ("pip install -qUr req.txt", ("--requirement",), True),
        ("pip install -rreq.txt", ("-r",), True),
        ("pip install --user x", ("--user",), True),
        ("pip install -- --user", ("--user",), False),
        ("pip install 'x' --upgrade", ("-U", "--upgrade"), True),
        ("uv pip install --no-cache x", ("--no-cache",), True),
        ("uv pip install -n x", ("--no-cache",), True),
        ("uv pip install --requirements r.txt", ("-r",), True),
        ("uv pip install --no-cache x", ("--no-cache-dir",), False),
    ],
)
def test_pip_has_option(body: str, names: tuple[str, ...], expected: bool) -> None:
    install = pip_install(single(body))
    assert install is not None
    assert install.has_option(*names) is expected


@pytest.mark.parametrize(
    ("body", "requirements", "constraints", "editables", "packages"),
    [
        ("pip install -r a.txt --requirement b.txt x", ["a.txt", "b.txt"], [], [], ["x"]),
        ("pip install -ra.txt --requirement=b.txt", ["a.txt", "b.txt"], [], [], []),
        ("pip install -qUr a.txt y", ["a.txt"], [], [], ["y"]),
        ("pip install -c c.txt -e . -e ./lib z", [], ["c.txt"], [".", "./lib"], ["z"]),
        ("pip install -i https://x/simple --extra-index-url https://y p", [], [], [], ["p"]),
        ("pip install -t /opt/lib --prefix=/usr p", [], [], [], ["p"]),
        ("uv pip install -r r.txt -p 3.12 --python-version 3.12 p", ["r.txt"], [], [], ["p"]),
    ],
)
def test_pip_operands_and_option_values(
    body: str, requirements: list[str], constraints: list[str], editables: list[str], packages: list[str]
) -> None:
    install = pip_install(single(body))
    assert install is not None
    assert [word.value for word in install.requirement_files] == requirements
    assert [word.value for word in install.constraint_files] == constraints
    assert [word.value for word in install.editables] == editables
    assert [word.value for word in install.packages] == packages


def test_pip_option_value_positions() -> None:
    install = pip_install(single("pip install --index-url=https://x/simple -rreq.txt -c c.txt"))
    assert install is not None
    index_url = install.option_value("-i")
    assert index_url is not None
    assert (index_url.value, index_url.start, index_url.span) == ("https://x/simple", 24, Span(1, 25, 1, 41))
    requirement = install.option_value("--requirement")
    assert requirement is not None
    assert (requirement.value, requirement.start) == ("req.txt", 43)
    assert install.option_value("--constraint") == install.command.words[-1]
    assert install.option_value("--target") is None


def test_pip_install_reports_effective_command_and_global_args() -> None:
    install = pip_install(single("sudo -E python3 -m pip --no-cache-dir install -U flask"))
    assert install is not None
    assert install.command.name == "python3"
    assert install.install_index == 4
    assert [word.value for word in install.global_args] == ["--no-cache-dir"]
    assert [word.value for word in install.args] == ["-U", "flask"]


# --------------------------------------------------------------------------------------------------------------------
# Size, depth, laziness
# --------------------------------------------------------------------------------------------------------------------


def test_deeply_nested_substitutions_do_not_recurse() -> None:
    depth = 3000
    text = "echo " + "$(echo " * depth + "pip install x" + ")" * depth
    script = parse(text)
    assert len(script.commands) == depth + 1
    assert script.commands[-1].argv == ("echo", "pip", "install", "x")


def test_long_pipeline_and_long_chain() -> None:
    assert len(parse(" | ".join(["a"] * 1000)).pipelines[0]) == 1000
    assert len(parse(" && ".join(["a | b"] * 1000)).pipelines) == 1000


def test_100_kb_script_is_fast() -> None:
    unit = (
        "apt-get install -y --no-install-recommends curl \"git\" 'x' $(echo y) | tee /tmp/log; pip install -r r.txt\n"
        "cat <<EOF > /x && pip install é\nbody\nEOF\n"
    )
    text = unit * (100_000 // len(unit) + 1)
    started = time.perf_counter()
    script = parse(text)
    elapsed = time.perf_counter() - started
    assert len(script.commands) == 6 * (100_000 // len(unit) + 1)
    assert elapsed < 2.0, elapsed  # ≈0.2 s; a generous bound that still catches quadratic behaviour


def test_import_does_not_load_tree_sitter() -> None:
    code = "import sys, linter.shell; sys.exit('tree_sitter' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], cwd=REPOSITORY, check=False)
    assert completed.returncode == 0


def test_grammar_loads_without_running_the_grammar_package() -> None:
    code = (
        "import sys\n"
        "from linter.positions import TextMap\n"
        "from linter.shell import _bash_grammar, parse_script\n"
        "script = parse_script('a | b', TextMap.single_line(1, 1, 5))\n"
        "assert [c.argv for c in script.commands] == [('a',), ('b',)], script.commands\n"
        "assert _bash_grammar().__name__ == 'tree_sitter_bash._binding', _bash_grammar()\n"
        "sys.exit('tree_sitter_bash' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPOSITORY, check=False, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr


def test_grammar_is_the_package_once_the_package_is_imported() -> None:
    import tree_sitter_bash

    from linter.shell import _bash_grammar

    assert _bash_grammar() is tree_sitter_bash
    assert [command.argv for command in parse("a | b").commands] == [("a",), ("b",)]
