"""The rule catalogue: docs/rules.md is up to date, every peer check is twinned or left out with a reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter import RULE_DOCS_URL
from linter.catalogue import (
    BUILDKIT_CHECKS,
    BUILDKIT_NOT_TWINNED,
    HADOLINT_NOT_TWINNED,
    REGENERATE_COMMAND,
    catalogue_json,
    demote_headings,
    escape_tags,
    hadolint_codes,
    render_markdown,
    twins_index,
    untwinned,
)
from linter.cli import main
from linter.registry import builtin_rules
from linter.rule import Rule, Severity

RULES_MD = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    expected = render_markdown(builtin_rules())
    actual = RULES_MD.read_text(encoding="utf-8") if RULES_MD.is_file() else ""
    assert actual == expected, f"docs/rules.md is out of date: regenerate it with `{REGENERATE_COMMAND}`"


def test_cli_prints_the_markdown_catalogue() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    # Built-in rules only here: the CLI also lists installed plugins, which this environment has none of.
    assert result.output == render_markdown(builtin_rules())


def test_cli_json_catalogue_exports_every_field() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    exported = {entry["code"]: entry for entry in json.loads(result.output)}
    for rule in builtin_rules():
        entry = exported[rule.code]
        assert entry == {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.label,
            "fixable": rule.fixable,
            "enabled_by_default": rule.enabled_by_default,
            "summary": rule.summary,
            "twins": list(rule.twins),
            "url": RULE_DOCS_URL.format(code=rule.code.lower()),
            "origin": "lintainer",
        }


def test_every_finding_url_has_an_anchor_in_the_document() -> None:
    document = render_markdown(builtin_rules())
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', document))
    for rule in builtin_rules():
        fragment = RULE_DOCS_URL.format(code=rule.code.lower()).rsplit("#", 1)[1]
        assert fragment in anchors, rule.code
    # Every in-document link points at an anchor that exists.
    links = set(re.findall(r"\]\(#([^)]+)\)", document))
    assert links <= anchors, links - anchors


def test_every_rule_is_listed_with_its_metadata_and_documentation() -> None:
    document = render_markdown(builtin_rules())
    assert f"lintainer has {len(builtin_rules())} rules." in document
    for rule in builtin_rules():
        row = f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {rule.severity.label}"
        assert row in document, rule.code
        assert f"### {rule.code} `{rule.name}`" in document
        if rule.twins:
            assert ", ".join(rule.twins).replace("|", "\\|") in document
        # The documentation's own "## What it does" becomes a fourth-level heading under the rule's heading.
        assert demote_headings(rule.documentation, 2) in document


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("## What it does\ntext", "#### What it does\ntext"),
        # Comments inside fenced code are Dockerfile comments, not headings.
        (
            "```dockerfile\n# syntax=docker/dockerfile:1\nFROM x\n```\n## Fix",
            "```dockerfile\n# syntax=docker/dockerfile:1\nFROM x\n```\n#### Fix",
        ),
        ("#not a heading\n##also not", "#not a heading\n##also not"),
    ],
)
def test_demote_headings(source: str, expected: str) -> None:
    assert demote_headings(source, 2) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("npm install <package> without a version", "npm install &lt;package&gt; without a version"),
        ("`npm install <package>` in code", "`npm install <package>` in code"),
        ("see <https://docs.docker.com/x/>", "see <https://docs.docker.com/x/>"),
        ("a < b and c > d", "a < b and c > d"),
    ],
)
def test_tag_like_prose_is_escaped(source: str, expected: str) -> None:
    assert escape_tags(source) == expected


def test_every_hadolint_rule_is_twinned_or_left_out_with_a_reason() -> None:
    codes = hadolint_codes()
    assert len(codes) == 1 + 68 + 7
    gaps = [code for code, reason in untwinned(builtin_rules(), codes, HADOLINT_NOT_TWINNED) if reason is None]
    assert gaps == [], f"hadolint rules with neither a twin nor a reason in linter/catalogue.py: {gaps}"


def test_every_buildkit_check_is_twinned_or_left_out_with_a_reason() -> None:
    assert len(BUILDKIT_CHECKS) == 22
    gaps = [
        code for code, reason in untwinned(builtin_rules(), BUILDKIT_CHECKS, BUILDKIT_NOT_TWINNED) if reason is None
    ]
    assert gaps == [], f"BuildKit checks with neither a twin nor a reason in linter/catalogue.py: {gaps}"


def test_twin_codes_are_known_peer_codes() -> None:
    """A typo in TWINS (``DL3O42``, ``StageNameCase``) would silently break --select and pragma support."""
    known_buildkit = set(BUILDKIT_CHECKS)
    known_hadolint = set(hadolint_codes())
    for twin, twinned_by in twins_index(builtin_rules()).items():
        codes = [rule.code for rule in twinned_by]
        if twin.startswith("DL"):
            assert twin in known_hadolint, (twin, codes)
        elif re.fullmatch(r"DS-\d{4}|CKV2?_DOCKER_\d+", twin) is None:
            assert twin in known_buildkit, (twin, codes)


def _rule(code: str, twins: tuple[str, ...]) -> Rule:
    return Rule(code, f"rule-{code.lower()}", Severity.WARNING, "summary", twins, lambda d, c: (), "Doc.")


def test_untwinned_reads_the_registry_and_ignores_reasons_of_twinned_codes() -> None:
    rules = [_rule("DF900", ("DL3049",)), _rule("DF901", ())]
    assert untwinned(rules, ["DL3049", "DL3050", "DL9999"], HADOLINT_NOT_TWINNED) == [
        ("DL3050", HADOLINT_NOT_TWINNED["DL3050"]),
        ("DL9999", None),
    ]


def test_a_gap_is_rendered_as_not_twinned_yet() -> None:
    document = render_markdown([_rule("DF900", ())])
    assert "| DL3000 | not twinned yet |" in document
    assert "| StageNameCasing | not twinned yet |" in document


def test_json_catalogue_of_a_plugin_rule() -> None:
    rule = Rule("ACME001", "no-root", Severity.ERROR, "No root", ("DL3002",), lambda d, c: (), "", origin="acme")
    assert catalogue_json([rule])[0]["origin"] == "acme"
    assert "**From:** acme" in render_markdown([rule])


def test_readme_rule_count_is_true() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    claimed = re.search(r"lintainer has more than (\d+) rules", readme)
    assert claimed is not None, "the README's Rules section should state the rule count"
    assert len(builtin_rules()) > int(claimed[1])
    assert "docs/rules.md" in readme and "docs/hadolint-differences.md" in readme
