"""Report formats end to end through the CLI: SARIF, GitHub workflow commands, GitLab Code Quality, Checkstyle, the
JSON schema, several reports from one run with --output-file, and --statistics for every format.

Test rules come from a plugin distribution put on PYTHONPATH (entry-point group ``lintainer.rules``), so that every
severity, a fix and messages quoting hostile multi-line file content are available whatever built-in rules exist:
``ZZ901`` quotes each heredoc body verbatim (newlines included) and offers a fix; ``ZZ91x`` report ``LABEL
severity=<level>`` at that level.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
TEST_RULES = "DF001,ZZ9"

PLUGIN = '''
"""Rules for the format tests."""
from types import SimpleNamespace

from linter.rule import Edit, Fix, Violation


def check_heredocs(dockerfile, context):
    for instruction in dockerfile.walk():
        for heredoc in instruction.heredocs:
            yield Violation(
                instruction.keyword_span,
                f"the heredoc says: {heredoc.body}",
                Fix("Write the keyword in lower case", (Edit(instruction.keyword_span, instruction.keyword.lower()),)),
            )


def label_rule(code, severity):
    def check(dockerfile, context):
        for instruction in dockerfile.walk():
            if instruction.keyword == "LABEL":
                for pair in instruction.key_values:
                    if pair.key == "severity" and pair.value == severity:
                        yield Violation(pair.span, f"a {severity} finding, as the label asks")

    return SimpleNamespace(
        CODE=code,
        NAME=f"label-{severity}",
        SEVERITY=severity,
        SUMMARY=f"LABEL severity={severity} asks for a finding",
        check=check,
        __doc__=f"Reports `LABEL severity={severity}`.\\n\\n## What it does\\nA {severity} finding for tests.",
    )


RULES = [
    SimpleNamespace(
        CODE="ZZ901",
        NAME="quote-heredoc",
        SEVERITY="warning",
        SUMMARY="Quotes heredoc bodies",
        FIXABLE=True,
        check=check_heredocs,
        __doc__="Quotes each heredoc body in its message.\\nA second line of the first paragraph."
        "\\n\\n## What it does\\nx",
    ),
    label_rule("ZZ911", "error"),
    label_rule("ZZ912", "warning"),
    label_rule("ZZ913", "info"),
    label_rule("ZZ914", "style"),
]
'''


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "zz_format_rules.py").write_text(PLUGIN)
    dist_info = site / "zz_format_rules-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: zz-format-rules\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[lintainer.rules]\nzz = zz_format_rules:RULES\n")
    return site


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree: findings are reported relative to its root wherever lintainer runs."""
    root = tmp_path / "repo"
    (root / "svc" / "api").mkdir(parents=True)
    (root / ".git").mkdir()  # enough for lintainer to see a work tree; no git command is run
    return root


def lintainer(
    *args: str, cwd: Path, plugin: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    if plugin is not None:
        env["PYTHONPATH"] = str(plugin)
    return subprocess.run(
        [sys.executable, "-m", "linter", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


SEVERITY_DOCKERFILE = textwrap.dedent(
    """
    FROM alpine
    LABEL severity=error
    LABEL severity=warning
    LABEL severity=info
    LABEL severity=style
"""
).lstrip("\n")

HEREDOC_DOCKERFILE = textwrap.dedent(
    """
    FROM alpine
    RUN <<EOF
    echo one
    echo two
    EOF
"""
).lstrip("\n")


def json_findings(*args: str, cwd: Path, plugin: Path) -> list[dict[str, Any]]:
    completed = lintainer("--format", "json", "--select", TEST_RULES, *args, cwd=cwd, plugin=plugin)
    return json.loads(completed.stdout)["findings"]


# --- SARIF ---------------------------------------------------------------------------------------------------------


def validate_sarif(document: dict[str, Any]) -> None:
    if not SARIF_SCHEMA.exists():
        return
    import jsonschema

    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text()))


def test_sarif_is_valid_and_places_results_relative_to_the_repository_root(repo: Path, plugin_path: Path) -> None:
    write(repo / "svc" / "api" / "Dockerfile", HEREDOC_DOCKERFILE + "FOO bar\n")
    completed = lintainer(
        "--format", "sarif", "--select", TEST_RULES, "api/Dockerfile", cwd=repo / "svc", plugin=plugin_path
    )
    assert completed.returncode == 1, completed.stderr
    sarif = json.loads(completed.stdout)
    validate_sarif(sarif)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == ("lintainer", "https://github.com/lintainer/lintainer")
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["DF001", "ZZ901", "ZZ911", "ZZ912", "ZZ913", "ZZ914"]
    quote = rules[1]
    assert quote["name"] == "quote-heredoc"
    assert quote["shortDescription"] == {"text": "Quotes heredoc bodies"}
    assert quote["fullDescription"] == {
        "text": "Quotes each heredoc body in its message. A second line of the first paragraph."
    }
    assert quote["help"]["markdown"].endswith("## What it does\nx")
    assert quote["helpUri"].endswith("#zz901")
    assert quote["defaultConfiguration"] == {"level": "warning"}
    results = [
        (r["ruleId"], rules[r["ruleIndex"]]["id"], r["level"], r["locations"][0]["physicalLocation"])
        for r in run["results"]
    ]
    location = {"uri": "svc/api/Dockerfile", "uriBaseId": "%SRCROOT%"}
    assert results == [
        (
            "ZZ901",
            "ZZ901",
            "warning",
            {"artifactLocation": location, "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 4}},
        ),
        (
            "DF001",
            "DF001",
            "error",
            {"artifactLocation": location, "region": {"startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 4}},
        ),
    ]
    assert run["results"][0]["message"]["text"] == "the heredoc says: echo one\necho two\n"
    assert run["results"][0]["fixes"] == [
        {
            "description": {"text": "Write the keyword in lower case"},
            "artifactChanges": [
                {
                    "artifactLocation": location,
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 4},
                            "insertedContent": {"text": "run"},
                        }
                    ],
                }
            ],
            "properties": {"safe": True},
        }
    ]
    assert "fixes" not in run["results"][1]


@pytest.mark.parametrize(
    ("code", "level"),
    [("ZZ911", "error"), ("ZZ912", "warning"), ("ZZ913", "note"), ("ZZ914", "note")],
)
def test_sarif_levels(repo: Path, plugin_path: Path, code: str, level: str) -> None:
    write(repo / "Dockerfile", SEVERITY_DOCKERFILE)
    completed = lintainer("--format", "sarif", "--select", code, cwd=repo, plugin=plugin_path)
    run = json.loads(completed.stdout)["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [(code, level)]
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": level}


def test_sarif_reports_unreadable_files_as_notifications(repo: Path) -> None:
    write(repo / "Dockerfile", "FROM alpine\n")
    completed = lintainer("--format", "sarif", "Dockerfile", "missing/Dockerfile", cwd=repo)
    assert completed.returncode == 2
    sarif = json.loads(completed.stdout)
    validate_sarif(sarif)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": "missing/Dockerfile: no such file or directory"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": "missing/Dockerfile", "uriBaseId": "%SRCROOT%"}}}
            ],
        }
    ]


def test_sarif_uris_are_percent_encoded_and_files_outside_the_root_absolute(repo: Path, tmp_path: Path) -> None:
    write(repo / "my svc" / "a#b.Dockerfile", "FROM alpine\nFOO bar\n")
    outside = write(tmp_path / "elsewhere" / "Dockerfile", "FROM alpine\nFOO bar\n")
    completed = lintainer("--format", "sarif", "--select", "DF001", ".", str(outside), cwd=repo)
    sarif = json.loads(completed.stdout)
    validate_sarif(sarif)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif["runs"][0]["results"]]
    assert locations == [
        {"uri": "my%20svc/a%23b.Dockerfile", "uriBaseId": "%SRCROOT%"},
        {"uri": outside.as_uri()},
    ]


def test_sarif_from_stdin_uses_the_stdin_filename(repo: Path) -> None:
    completed = lintainer(
        "--format", "sarif", "--select", "DF001", "-", "--stdin-filename", "svc/Dockerfile", cwd=repo, stdin="FOO x\n"
    )
    result = json.loads(completed.stdout)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "svc/Dockerfile",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_without_a_repository_uses_the_current_directory(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    write(folder / "sub" / "Dockerfile", "FROM alpine\nFOO bar\n")
    if any((parent / ".git").exists() for parent in folder.parents):
        pytest.skip("the temporary directory lies inside a git work tree")
    sarif = json.loads(lintainer("--format", "sarif", "--select", "DF001", cwd=folder).stdout)
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == folder.resolve().as_uri() + "/"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/Dockerfile"


# --- GitHub workflow commands ---------------------------------------------------------------------------------------

COMMAND_LINE = re.compile(
    r"^::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),"
    r"title=([^,:\r\n]*)::([^\r\n]*)$"
)


def unescape(text: str) -> str:
    return re.sub("%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], text)


@pytest.mark.parametrize(
    ("code", "severity", "command", "line"),
    [
        ("ZZ911", "error", "error", 2),
        ("ZZ912", "warning", "warning", 3),
        ("ZZ913", "info", "notice", 4),
        ("ZZ914", "style", "notice", 5),
    ],
)
def test_github_commands_by_severity(
    repo: Path, plugin_path: Path, code: str, severity: str, command: str, line: int
) -> None:
    write(repo / "Dockerfile", SEVERITY_DOCKERFILE)
    completed = lintainer("--format", "github", "--select", code, cwd=repo, plugin=plugin_path)
    end = 7 + len(f"severity={severity}")
    assert completed.stdout == (
        f"::{command} file=Dockerfile,line={line},endLine={line},col=7,endColumn={end},title={code} label-{severity}"
        f"::a {severity} finding, as the label asks\n"
    )


def test_github_annotation_exact_text(repo: Path) -> None:
    write(repo / "svc" / "Dockerfile", "FROM alpine\nFOO bar\n")
    completed = lintainer("--format", "github", "--select", "DF001", cwd=repo / "svc")
    assert completed.stdout == (
        "::error file=svc/Dockerfile,line=2,endLine=2,col=1,endColumn=4,title=DF001 parse-error"
        "::unknown instruction `FOO`\n"
    )


HOSTILE = textwrap.dedent(
    """
    FROM alpine
    RUN <<EOF
    echo x
    ::error file=x::pwned
    ::add-mask::secret %0A ::stop-commands::token
    a,b:c %25 \r::warning file=y::also pwned
    EOF
    FOO%0A,x:y::error:: bar
"""
).lstrip("\n")


def test_github_commands_cannot_be_injected_by_a_hostile_dockerfile(repo: Path, plugin_path: Path) -> None:
    write(repo / "svc" / "Dockerfile", HOSTILE)
    hostile_name = repo / "svc" / "evil\n::error file=x::pwned,%0A:.Dockerfile"
    hostile_name.write_text(textwrap.dedent(HOSTILE).lstrip("\n"))
    completed = lintainer("--format", "github", "--select", TEST_RULES, ".", cwd=repo, plugin=plugin_path)
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert "\r" not in completed.stdout
    # Every line is one well-formed command: nothing quoted from the files starts a line of its own.
    assert all(COMMAND_LINE.match(line) for line in lines), lines
    assert not any(
        "pwned" in line and not line.startswith(("::error file=svc/", "::warning file=svc/")) for line in lines
    )
    # Nothing is lost: unescaping gives back exactly what the JSON report says.
    expected = json_findings(".", cwd=repo, plugin=plugin_path)
    decoded = [
        (unescape(match[2]), int(match[3]), unescape(match[7].split()[0]), unescape(match[8]))
        for match in map(COMMAND_LINE.match, lines)
        if match
    ]
    assert decoded == [(f["path"], f["line"], f["code"], f["message"]) for f in expected]
    assert [code for _, _, code, _ in decoded].count("ZZ901") == 2  # the heredoc quoted, in each file
    assert any("\n::error file=x::pwned\n" in message for _, _, _, message in decoded)
    assert any(path == "svc/evil\n::error file=x::pwned,%0A:.Dockerfile" for path, _, _, _ in decoded)


def test_github_reports_unreadable_files(repo: Path) -> None:
    completed = lintainer("--format", "github", "missing,dir/Dockerfile", cwd=repo)
    assert completed.returncode == 2
    assert completed.stdout == "::error file=missing%2Cdir/Dockerfile,title=lintainer::no such file or directory\n"


# --- GitLab Code Quality --------------------------------------------------------------------------------------------

GITLAB_DOCKERFILE = textwrap.dedent(
    """
    FROM alpine
    LABEL severity=warning
    LABEL severity=warning
    LABEL severity=error
"""
).lstrip("\n")


def gitlab_report(*args: str, cwd: Path, plugin: Path) -> list[dict[str, Any]]:
    completed = lintainer("--format", "gitlab", "--select", TEST_RULES, *args, cwd=cwd, plugin=plugin)
    return json.loads(completed.stdout)


def test_gitlab_code_quality_shape(repo: Path, plugin_path: Path) -> None:
    write(repo / "svc" / "Dockerfile", GITLAB_DOCKERFILE)
    issues = gitlab_report(cwd=repo / "svc", plugin=plugin_path)
    assert [(i["check_name"], i["severity"], i["location"], i["description"]) for i in issues] == [
        (
            "ZZ912",
            "major",
            {"path": "svc/Dockerfile", "lines": {"begin": 2, "end": 2}},
            "ZZ912 a warning finding, as the label asks",
        ),
        (
            "ZZ912",
            "major",
            {"path": "svc/Dockerfile", "lines": {"begin": 3, "end": 3}},
            "ZZ912 a warning finding, as the label asks",
        ),
        (
            "ZZ911",
            "critical",
            {"path": "svc/Dockerfile", "lines": {"begin": 4, "end": 4}},
            "ZZ911 a error finding, as the label asks",
        ),
    ]
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert all(re.fullmatch("[0-9a-f]{64}", f) for f in fingerprints)
    assert len(set(fingerprints)) == 3  # identical lines with the same finding still differ by occurrence


@pytest.mark.parametrize(
    ("code", "severity"),
    [("ZZ911", "critical"), ("ZZ912", "major"), ("ZZ913", "minor"), ("ZZ914", "info")],
)
def test_gitlab_severities(repo: Path, plugin_path: Path, code: str, severity: str) -> None:
    write(repo / "Dockerfile", SEVERITY_DOCKERFILE)
    issues = json.loads(lintainer("--format", "gitlab", "--select", code, cwd=repo, plugin=plugin_path).stdout)
    assert [(issue["check_name"], issue["severity"]) for issue in issues] == [(code, severity)]


def test_gitlab_fingerprints_are_stable_when_lines_move(repo: Path, plugin_path: Path) -> None:
    dockerfile = write(repo / "svc" / "Dockerfile", GITLAB_DOCKERFILE)
    before = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in gitlab_report(cwd=repo, plugin=plugin_path)}
    # Lines added above and the indentation changed: every finding moves, none is new.
    dockerfile.write_text(
        "# syntax=docker/dockerfile:1\nFROM alpine\nARG VERSION=1\n\nLABEL   severity=warning\n"
        "LABEL severity=warning\nENV A=b\nLABEL severity=error\n"
    )
    after = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in gitlab_report(cwd=repo, plugin=plugin_path)}
    assert set(after) == set(before)
    assert sorted(after.values()) == [5, 6, 8]
    # From another directory of the repository, with another spelling of the path: the same fingerprints.
    again = gitlab_report("Dockerfile", cwd=repo / "svc", plugin=plugin_path)
    assert {i["fingerprint"] for i in again} == set(after)
    # A changed finding line is a new finding.
    dockerfile.write_text("FROM alpine\nLABEL severity=warning other=1\nLABEL severity=warning\nLABEL severity=error\n")
    changed = {i["fingerprint"] for i in gitlab_report(cwd=repo, plugin=plugin_path)}
    assert len(changed - set(before)) == 1


def test_gitlab_lists_unreadable_files_as_blockers(repo: Path) -> None:
    issues = json.loads(lintainer("--format", "gitlab", "missing/Dockerfile", cwd=repo).stdout)
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("lintainer/file-error", "blocker", "missing/Dockerfile")
    ]


# --- Checkstyle -----------------------------------------------------------------------------------------------------


def test_checkstyle_xml_survives_a_hostile_message(repo: Path, plugin_path: Path) -> None:
    body = "echo \"</error><error message='x'/>\" & <![CDATA[ ]]> \x01\x1b[31m é"
    write(repo / "Dockerfile", f"FROM alpine\nRUN <<EOF\n{body}\nEOF\nFOO bar\n")
    write(repo / "clean.Dockerfile", "FROM alpine\n")
    completed = lintainer("--format", "checkstyle", "--select", TEST_RULES, ".", cwd=repo, plugin=plugin_path)
    assert completed.returncode == 1
    assert completed.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">')
    root = ET.fromstring(completed.stdout.encode())
    files = {element.get("name"): [error.attrib for error in element] for element in root.iter("file")}
    assert files == {
        "Dockerfile": [
            {
                "line": "2",
                "column": "1",
                "severity": "warning",
                "message": "the heredoc says: " + body.replace("\x01", "\\x01").replace("\x1b", "\\x1b") + "\n",
                "source": "lintainer.ZZ901",
            },
            {
                "line": "5",
                "column": "1",
                "severity": "error",
                "message": "unknown instruction `FOO`",
                "source": "lintainer.DF001",
            },
        ],
        "clean.Dockerfile": [],
    }


@pytest.mark.parametrize(
    ("code", "severity"),
    [("ZZ911", "error"), ("ZZ912", "warning"), ("ZZ913", "info"), ("ZZ914", "info")],
)
def test_checkstyle_severities(repo: Path, plugin_path: Path, code: str, severity: str) -> None:
    write(repo / "Dockerfile", SEVERITY_DOCKERFILE)
    root = ET.fromstring(lintainer("--format", "checkstyle", "--select", code, cwd=repo, plugin=plugin_path).stdout)
    assert [(e.get("source"), e.get("severity")) for e in root.iter("error")] == [(f"lintainer.{code}", severity)]


def test_checkstyle_unreadable_file(repo: Path) -> None:
    root = ET.fromstring(lintainer("--format", "checkstyle", "missing/Dockerfile", cwd=repo).stdout)
    assert [(f.get("name"), [e.attrib for e in f]) for f in root] == [
        (
            "missing/Dockerfile",
            [{"severity": "error", "message": "no such file or directory", "source": "lintainer.file-error"}],
        )
    ]


# --- JSON schema ----------------------------------------------------------------------------------------------------


def report_schema() -> dict[str, Any]:
    return json.loads(resources.files("linter.formats").joinpath("report.schema.json").read_text())


def test_json_output_matches_the_shipped_schema(repo: Path, plugin_path: Path) -> None:
    import jsonschema

    write(repo / "Dockerfile", HEREDOC_DOCKERFILE + "FOO bar\nLABEL severity=style\n")
    completed = lintainer(
        "--format", "json", "--select", TEST_RULES, "Dockerfile", "missing/Dockerfile", cwd=repo, plugin=plugin_path
    )
    report = json.loads(completed.stdout)
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(report)
    assert [f["code"] for f in report["findings"]] == ["ZZ901", "DF001", "ZZ914"]
    assert report["errors"] and report["findings"][0]["fix"] is not None
    # The schema documents every field the report has (it stays open to additions for consumers' sake).
    definitions = schema["$defs"]
    assert set(report) == set(schema["properties"])
    assert set(report["findings"][0]) == set(definitions["finding"]["properties"])
    assert set(report["findings"][0]["fix"]) == set(definitions["fix"]["properties"])
    assert set(report["findings"][0]["fix"]["edits"][0]) == set(
        definitions["fix"]["properties"]["edits"]["items"]["properties"]
    )
    assert set(report["errors"][0]) == set(schema["properties"]["errors"]["items"]["properties"])


@pytest.mark.parametrize(
    "mutation",
    [
        lambda r: r["findings"][0].update(severity="fatal"),
        lambda r: r["findings"][0].update(line=0),
        lambda r: r["findings"][0].pop("end_column"),
        lambda r: r.update(version=2),
    ],
)
def test_the_schema_rejects_malformed_reports(repo: Path, mutation: Any) -> None:
    import jsonschema

    write(repo / "Dockerfile", "FROM alpine\nFOO bar\n")
    report = json.loads(lintainer("--format", "json", "--select", "DF001", cwd=repo).stdout)
    mutation(report)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, report_schema(), cls=jsonschema.Draft202012Validator)


def test_the_schema_is_shipped_in_the_installed_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"linter.formats" = ["*.json"]' in pyproject
    assert resources.files("linter.formats").joinpath("report.schema.json").is_file()


# --- several reports from one run -----------------------------------------------------------------------------------


def test_several_formats_and_output_files_in_one_run(repo: Path) -> None:
    write(repo / "Dockerfile", "FROM alpine\nFOO bar\n")
    (repo / "reports").mkdir()
    completed = lintainer(
        *("--select", "DF001", "-f", "json", "-o", "reports/a.json", "-f", "sarif", "-o", "b.sarif", "-f", "text"),
        cwd=repo,
    )
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.startswith("Dockerfile:2:1 DF001 [error] unknown instruction `FOO`")
    assert json.loads((repo / "reports" / "a.json").read_text())["findings"][0]["code"] == "DF001"
    sarif = json.loads((repo / "b.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "DF001"
    # Nothing is left behind from the atomic writes.
    leftovers = [p for p in [*repo.iterdir(), *(repo / "reports").iterdir()] if p.name.endswith(".tmp")]
    assert leftovers == []
    assert sorted(p.name for p in (repo / "reports").iterdir()) == ["a.json"]


def test_output_file_alone_writes_text_without_colour_and_keeps_the_mode(repo: Path) -> None:
    write(repo / "Dockerfile", "FROM alpine\nFOO bar\n")
    report = repo / "report.txt"
    report.write_text("old")
    report.chmod(0o640)
    completed = lintainer("--select", "DF001", "-o", "report.txt", cwd=repo)
    assert completed.returncode == 1
    assert completed.stdout == ""
    text = report.read_text()
    assert text.startswith("Dockerfile:2:1 DF001") and "\x1b[" not in text
    assert report.stat().st_mode & 0o777 == 0o640


def test_output_file_dash_is_stdout(repo: Path) -> None:
    write(repo / "Dockerfile", "FROM alpine\nFOO bar\n")
    completed = lintainer("--select", "DF001", "-f", "gitlab", "-o", "-", "-f", "json", "-o", "r.json", cwd=repo)
    assert json.loads(completed.stdout)[0]["check_name"] == "DF001"
    assert json.loads((repo / "r.json").read_text())["findings"][0]["code"] == "DF001"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "a", "-o", "b"), "2 --output-file for 1 --format"),
        (("-f", "json", "-o", "a", "-o", "b"), "2 --output-file for 1 --format"),
        (("-f", "json", "-f", "sarif"), "only one report can go to stdout, but json, sarif would"),
        (("-f", "json", "-o", "-", "-f", "text"), "only one report can go to stdout, but json, text would"),
        (
            (
                "-f",
                "yaml",
            ),
            "'yaml' is not one of",
        ),
    ],
)
def test_output_usage_errors(repo: Path, args: tuple[str, ...], message: str) -> None:
    write(repo / "Dockerfile", "FROM alpine\nFOO bar\n")
    completed = lintainer(*args, cwd=repo)
    assert completed.returncode == 2
    assert message in completed.stderr
    assert completed.stdout == ""
    assert not (repo / "a").exists()


def test_unwritable_output_file_is_an_error(repo: Path) -> None:
    write(repo / "Dockerfile", "FROM alpine\nFOO bar\n")
    completed = lintainer("-f", "json", "-o", "no/such/dir/r.json", cwd=repo)
    assert completed.returncode == 2
    assert "lintainer: cannot write no/such/dir/r.json" in completed.stderr


# --- --statistics ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["json", "sarif", "github", "gitlab", "checkstyle"])
def test_statistics_go_to_stderr_for_machine_formats(repo: Path, plugin_path: Path, output_format: str) -> None:
    write(repo / "Dockerfile", GITLAB_DOCKERFILE)
    completed = lintainer("--statistics", "-f", output_format, "--select", TEST_RULES, cwd=repo, plugin=plugin_path)
    assert completed.stderr.splitlines() == ["     2  ZZ912  label-warning", "     1  ZZ911  label-error"]
    assert not re.search(r"^ +\d+  ZZ91", completed.stdout, re.MULTILINE)


def test_statistics_stay_in_the_text_report(repo: Path, plugin_path: Path) -> None:
    write(repo / "Dockerfile", GITLAB_DOCKERFILE)
    completed = lintainer("--statistics", "--select", TEST_RULES, cwd=repo, plugin=plugin_path)
    assert "     2  ZZ912  label-warning" in completed.stdout
    assert completed.stderr == ""


# --- the shared corpus, every format from one run ------------------------------------------------------------------

CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not there")
def test_every_format_over_the_corpus_in_one_run(tmp_path: Path) -> None:
    import jsonschema

    completed = lintainer(
        *("--today", "2026-11-27", str(CORPUS)),
        *("-f", "json", "-o", "r.json", "-f", "sarif", "-o", "r.sarif", "-f", "gitlab", "-o", "r.gitlab.json"),
        *("-f", "checkstyle", "-o", "r.xml", "-f", "github"),
        cwd=tmp_path,
    )
    assert completed.returncode in (0, 1), completed.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    count = len(report["findings"])
    assert count > 100
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    validate_sarif(sarif)
    assert len(sarif["runs"][0]["results"]) == count
    issues = json.loads((tmp_path / "r.gitlab.json").read_text())
    assert len(issues) == count == len({issue["fingerprint"] for issue in issues})
    assert len(list(ET.parse(tmp_path / "r.xml").getroot().iter("error"))) == count
    lines = completed.stdout.split("\n")
    assert lines.pop() == ""
    assert len(lines) == count and all(COMMAND_LINE.match(line) for line in lines)


# -- text without colour: written directly, the same characters rich writes ------------------------------------------

_AWKWARD_TEXTS = [
    "plain",
    "tab\tinside",
    "wide 中文 and é\u0301 combining, zero\u200bwidth",
    "[bold]markup-looking[/] :smile: emoji code",
    "trailing spaces   ",
    "\x1b[31mescape\x07 and \x7f",
    "",
]


@pytest.mark.parametrize("text", _AWKWARD_TEXTS)
@pytest.mark.parametrize("statistics", [False, True])
def test_text_without_colour_is_what_rich_would_write(text: str, statistics: bool) -> None:
    import io

    from linter.engine import FileResult, Finding
    from linter.formats import Report
    from linter.formats.text import _lines, _write_with_rich, write_text
    from linter.model import parse_dockerfile
    from linter.positions import Span
    from linter.rule import Edit, Fix, Severity

    source = f"FROM alpine\nRUN echo {text}\n"
    dockerfile = parse_dockerfile(source, f"dir/{text}/Dockerfile")
    fix = Fix("x", (Edit(Span(2, 1, 2, 4), "run"),), safe=False)
    findings = (
        Finding("DF001", "name", Severity.ERROR, f"message {text}", dockerfile.path, Span(2, 5, 2, 9 + len(text))),
        Finding("DF002", "other", Severity.STYLE, text, dockerfile.path, Span(1, 1, 1, 5), fix),
    )
    results = [
        FileResult(dockerfile.path, findings, dockerfile=dockerfile),
        FileResult(f"broken {text}", error=f"cannot read {text}"),
    ]
    report = Report(results=results, tool_version="1", statistics=statistics)
    direct, through_rich = io.StringIO(), io.StringIO()
    write_text(report, direct)
    _write_with_rich(_lines(report), through_rich, color=False)
    assert direct.getvalue() == through_rich.getvalue()
    assert "\x1b" not in direct.getvalue() and "Found 2 problems" in direct.getvalue()
