"""The rule catalogue: every rule's metadata as JSON, and ``docs/rules.md`` rendered from the registry.

``lintainer rules --format json`` and ``lintainer rules --format markdown > docs/rules.md`` both come from here, so the
documentation can never drift from the rules: a test regenerates the file and compares. The peer tables below list
what the registry cannot know: which hadolint rules and BuildKit checks exist, and why the ones no rule twins are
left out on purpose. Which peer checks *are* twinned is read from each rule's ``TWINS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from linter import RULE_DOCS_URL
from linter.regex import lazy_compile
from linter.rule import Rule

# Rule families by code prefix, in the order docs/rules.md lists them.
FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("DF0", "Parse and meta", "what keeps the file from being read as written, and the linter's own suppressions"),
    ("DF1", "Process and signals", "how the container's main process starts and whether it receives signals"),
    ("DF2", "Dependencies and package managers", "pip, uv, apt, apk, yum, dnf, zypper, npm, gem, go"),
    ("DF3", "Base images", "deprecated and end-of-life base images"),
    ("DF4", "Python servers", "uvicorn, gunicorn, FastAPI, Django and Flask servers inside containers"),
    ("DF5", "Security and shell", "users, secrets, downloads, TLS and shell hygiene"),
    ("DF6", "Instructions", "instruction correctness: the checks BuildKit and hadolint make on the Dockerfile syntax"),
)
OTHER_FAMILY = ("", "Other rules", "rules from installed plugins")

# hadolint's DL codes that do not exist (any more) in hadolint 2.15.1.
HADOLINT_RETIRED: dict[str, str] = {
    "DL3005": "retired by hadolint (apt-get upgrade advice, removed in 2023)",
    "DL3017": "retired by hadolint (apk upgrade advice, removed in 2021 as obsolete)",
    "DL3031": "retired by hadolint (yum update advice, removed in 2021 as obsolete)",
    "DL3039": "retired by hadolint (dnf update advice, removed in 2021 as obsolete)",
    "DL4002": "never used by hadolint",
}

_LABEL_SCHEMA = (
    "label-schema family: inactive in hadolint unless its configuration declares a label schema (`label-schema:`, "
    "`strict-labels:`); the labels a project requires are its own convention, not Dockerfile advice"
)

# Why a hadolint rule has no twin. Consulted only for codes no rule twins: once a rule lists the code in TWINS, its
# entry here is ignored, so a rule landing later needs no edit of this table.
HADOLINT_NOT_TWINNED: dict[str, str] = {
    "DL1001": (
        "discourages hadolint's own inline `# hadolint ignore=` pragmas and is off by default there; lintainer honours "
        "those pragmas for the twin rules instead, and has its own suppression comments"
    ),
    "DL3049": f"label missing; {_LABEL_SCHEMA}",
    "DL3050": f"superfluous label; {_LABEL_SCHEMA}",
    "DL3051": f"empty label; {_LABEL_SCHEMA}",
    "DL3052": f"label not a URL; {_LABEL_SCHEMA}",
    "DL3053": f"label not an RFC 3339 time; {_LABEL_SCHEMA}",
    "DL3054": f"label not an SPDX license id; {_LABEL_SCHEMA}",
    "DL3055": f"label not a git hash; {_LABEL_SCHEMA}",
    "DL3056": f"label not a semantic version; {_LABEL_SCHEMA}",
    "DL3058": f"label not an RFC 5322 email; {_LABEL_SCHEMA}",
    **HADOLINT_RETIRED,
}


def hadolint_codes() -> tuple[str, ...]:
    """Every code of hadolint's DL ranges (DL1001, DL3000-DL3067, DL4000-DL4006), retired ones included."""
    return ("DL1001", *(f"DL{n}" for n in range(3000, 3068)), *(f"DL{n}" for n in range(4000, 4007)))


# Docker BuildKit's build checks (`docker build --check`), from moby/buildkit's frontend/dockerfile/linter/ruleset.go.
BUILDKIT_CHECKS: tuple[str, ...] = (
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "InvalidBaseImagePlatform",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
)

BUILDKIT_NOT_TWINNED: dict[str, str] = {
    "InvalidBaseImagePlatform": (
        "needs the resolved base image's manifest (BuildKit reports it after pulling the image); a static linter "
        "cannot know which platforms an image provides"
    ),
    "InvalidDefinitionDescription": (
        "experimental in BuildKit (off unless `# check=experimental=...`): a convention for `# name description` "
        "comments above ARG and FROM, not a correctness or best-practice check"
    ),
}

REGENERATE_COMMAND = "lintainer rules --format markdown > docs/rules.md"


def rule_url(rule: Rule) -> str:
    return RULE_DOCS_URL.format(code=rule.code.lower())


def catalogue_json(rules: Iterable[Rule]) -> list[dict[str, Any]]:
    """The catalogue as ``lintainer rules --format json`` prints it: one object per rule."""
    return [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.label,
            "fixable": rule.fixable,
            "enabled_by_default": rule.enabled_by_default,
            "summary": rule.summary,
            "twins": list(rule.twins),
            "url": rule_url(rule),
            "origin": rule.origin,
        }
        for rule in rules
    ]


def family_of(rule: Rule) -> tuple[str, str, str]:
    for family in FAMILIES:
        if rule.code.startswith(family[0]):
            return family
    return OTHER_FAMILY


def twins_index(rules: Iterable[Rule]) -> dict[str, list[Rule]]:
    """Peer code -> the rules that twin it (several rules may twin one peer check, e.g. DL3025)."""
    index: dict[str, list[Rule]] = {}
    for rule in rules:
        for twin in rule.twins:
            index.setdefault(twin, []).append(rule)
    return index


def untwinned(
    rules: Iterable[Rule], peer_codes: Iterable[str], reasons: dict[str, str]
) -> list[tuple[str, str | None]]:
    """Each peer code no rule twins, with the documented reason (None when there is none: a gap to close)."""
    twinned = twins_index(rules)
    return [(code, reasons.get(code)) for code in peer_codes if code not in twinned]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return escape_tags(text).replace("|", "\\|").replace("\n", " ")


def _rule_link(rule: Rule) -> str:
    return f"[{rule.code}](#{rule.code.lower()}) `{rule.name}`"


_FENCE = lazy_compile(r"^\s*(```|~~~)")
# `<package>` in prose is an unknown HTML tag to GitHub, which drops it; autolinks (<https://…>) are kept.
_TAG_LIKE = lazy_compile(r"<(?!https?://)([A-Za-z][^<>\s]*)>")


def escape_tags(text: str) -> str:
    """``<word>`` outside code spans written as ``&lt;word&gt;`` so that Markdown shows it."""
    parts = re.split(r"(`+[^`]*`+)", text)
    return "".join(part if part.startswith("`") else _TAG_LIKE.sub(r"&lt;\1&gt;", part) for part in parts)


def demote_headings(markdown: str, levels: int) -> str:
    """Push every Markdown heading ``levels`` deeper and escape tag-like prose, leaving fenced code alone."""
    out = []
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            line = escape_tags(line)
            if re.match(r"#{1,6} ", line):
                line = "#" * levels + line
        out.append(line)
    return "\n".join(out)


def _family_anchor(prefix: str) -> str:
    return f"family-{prefix.lower()}" if prefix else "family-other"


def _fix_label(rule: Rule) -> str:
    return "yes" if rule.fixable else ""


def render_markdown(rules: Sequence[Rule]) -> str:
    """``docs/rules.md``: the rule index by family, each rule's documentation, and the peer checks left out."""
    rules = sorted(rules, key=lambda rule: rule.code)
    families: list[tuple[tuple[str, str, str], list[Rule]]] = []
    for rule in rules:
        family = family_of(rule)
        if not families or families[-1][0] != family:
            families.append((family, []))
        families[-1][1].append(rule)

    lines = [
        "# Rules",
        "",
        f"<!-- Generated from the rule modules by `{REGENERATE_COMMAND}`; do not edit by hand. -->",
        "",
        f"lintainer has {len(rules)} rules. Each finding links to its rule's section below. Rules marked *off* run "
        "only when selected by code, name or twin code (`--extend-select DF526`). Twins are the codes of the same "
        "check in other linters (hadolint `DL`, BuildKit check names, Trivy `DS`, Checkov `CKV`); `--select`, "
        "`--ignore` and suppression comments accept them. Where lintainer and hadolint disagree on the same input, "
        "[hadolint-differences.md](hadolint-differences.md) says why.",
        "",
        "- [Index](#index), by family: "
        + ", ".join(f"[{title}](#{_family_anchor(prefix)})" for (prefix, title, _), _members in families),
        "- Documentation: "
        + ", ".join(f"[{title}](#{_family_anchor(prefix)}-docs)" for (prefix, title, _), _members in families),
        "- [hadolint rules](#hadolint-rules) and [BuildKit checks](#buildkit-checks): their twins, and the ones left "
        "out on purpose",
        "",
        '<a id="index"></a>',
        "",
        "## Index",
        "",
    ]
    for (prefix, title, description), members in families:
        lines += [
            f'<a id="{_family_anchor(prefix)}"></a>',
            "",
            f"### {title}" + (f" ({prefix}xx)" if prefix else ""),
            "",
            description[0].upper() + description[1:] + ".",
            "",
            "| Code | Name | Severity | Fix | Twins | Summary |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for rule in members:
            severity = rule.severity.label + ("" if rule.enabled_by_default else " (off)")
            lines.append(
                f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {severity} | {_fix_label(rule)} | "
                f"{_cell(', '.join(rule.twins))} | {_cell(rule.summary)} |"
            )
        lines.append("")

    for (prefix, title, _), members in families:
        lines += [f'<a id="{_family_anchor(prefix)}-docs"></a>', "", f"## {title}", ""]
        for rule in members:
            lines += _rule_section(rule)

    lines += _peer_section(
        rules,
        title="hadolint rules",
        anchor="hadolint-rules",
        intro=(
            "Every code of hadolint's rule ranges (DL1001, DL3000-DL3067, DL4000-DL4006) and the rules that twin it. "
            "A twin accepts the hadolint code wherever a rule code is accepted, and honours `# hadolint ignore=` "
            "pragmas for it."
        ),
        codes=hadolint_codes(),
        reasons=HADOLINT_NOT_TWINNED,
        not_twinned_title="hadolint rules not twinned",
        peer="hadolint",
    )
    lines += _peer_section(
        rules,
        title="BuildKit checks",
        anchor="buildkit-checks",
        intro=(
            "Docker BuildKit's build checks (`docker build --check`) and the rules that twin them; BuildKit's "
            "`# check=skip=<name>` directive silences the twins."
        ),
        codes=BUILDKIT_CHECKS,
        reasons=BUILDKIT_NOT_TWINNED,
        not_twinned_title="BuildKit checks not twinned",
        peer="BuildKit check",
    )
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _rule_section(rule: Rule) -> list[str]:
    facts = [f"**Severity:** {rule.severity.label}"]
    facts.append(f"**Fix:** {'yes' if rule.fixable else 'no'}")
    if not rule.enabled_by_default:
        facts.append(f"**Off by default:** runs only when selected (`--extend-select {rule.code}`)")
    if rule.twins:
        facts.append(f"**Twins:** {', '.join(rule.twins)}")
    if rule.origin != "lintainer":
        facts.append(f"**From:** {rule.origin}")
    lines = [
        f'<a id="{rule.code.lower()}"></a>',
        "",
        f"### {rule.code} `{rule.name}`",
        "",
        " · ".join(facts),
        "",
        f"*{escape_tags(rule.summary)}*",
        "",
    ]
    if rule.documentation:
        lines += [demote_headings(rule.documentation, 2), ""]
    return lines


def _peer_section(
    rules: Sequence[Rule],
    *,
    title: str,
    anchor: str,
    intro: str,
    codes: Sequence[str],
    reasons: dict[str, str],
    not_twinned_title: str,
    peer: str,
) -> list[str]:
    index = twins_index(rules)
    lines = [f'<a id="{anchor}"></a>', "", f"## {title}", "", intro, "", f"| {peer} | lintainer |", "| --- | --- |"]
    for code in codes:
        if code in index:
            lines.append(f"| {code} | {', '.join(_rule_link(rule) for rule in index[code])} |")
    missing = untwinned(rules, codes, reasons)
    lines += ["", f"### {not_twinned_title}", ""]
    if not missing:
        lines += ["None.", ""]
        return lines
    lines += [f"| {peer} | Why no rule twins it |", "| --- | --- |"]
    for code, reason in missing:
        lines.append(f"| {code} | {_cell(reason or 'not twinned yet')} |")
    lines.append("")
    return lines
