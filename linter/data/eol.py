"""End-of-life dates for the runtimes and Debian releases that base-image tags pin, and what to move to.

A tag is end of life only once ``today`` is *past* the end date, so results depend on the date the caller passes
(``RuleContext.today``). Pass a later date to warn ahead of time.

What is recognised:

* the official ``python`` image: ``3.9``, ``3.9.18``, ``3.9-slim``, ``3.9.18-slim-bookworm``, ``3.9-alpine3.18``,
  ``3.9-windowsservercore``, ``2``, ``2.7``. ``3``, ``latest``, ``slim`` name no fixed minor and are never EOL;
* the official ``node`` image: ``18``, ``18.19.0-alpine``, ``18-bullseye-slim``, codenames (``hydrogen-alpine``);
  ``lts``, ``current``, ``latest`` move and are never EOL;
* ``pythonX.Y``/``pyX.Y`` and ``nodeN``/``nodejsN`` fragments in the tags of other images
  (``tiangolo/uvicorn-gunicorn-fastapi:python3.9``, ``nikolaik/python-nodejs:python3.9-nodejs18``);
* frozen Debian releases as a tag component of any image (``-buster``, ``slim-bullseye``, ``stretch``, ``jessie``)
  and the ``debian`` image itself (``debian:10``, ``debian:bullseye-slim``).

Images that merely resemble these (``pythonista:3.9``, ``mypython:3.9``, ``ghcr.io/x/python:3.9``) are not matched.
"""

from __future__ import annotations

from datetime import date

from linter.images import ImageRef
from linter.records import Record
from linter.regex import lazy_compile


class EolFinding(Record):
    runtime: str  # "Python 3.9", "Node.js 18", "Debian 11 (bullseye)"
    eol_date: date
    replacement: str | None  # a concrete image:tag when we know the image's tag scheme, else None
    source: str


class Lifecycle(Record):
    """One release line: when it ends and who says so. ``start`` is only needed to pick replacements."""

    runtime: str
    end: date
    source: str
    start: date | None = None


# --- Python -----------------------------------------------------------------------------------------------------
_PYTHON_SOURCE = "python/peps/api/release-cycle.json@1cc77e7"
# The JSON gives only a month ("2026-10") for future ends; the last day of that month is used (3.9's actual end
# was 2025-10-31).
PYTHON_RELEASES: dict[tuple[int, int], Lifecycle] = {
    (major, minor): Lifecycle(f"Python {major}.{minor}", date.fromisoformat(end), _PYTHON_SOURCE)
    for (major, minor), end in {
        (2, 6): "2013-10-29",
        (2, 7): "2020-01-01",
        (3, 0): "2009-06-27",
        (3, 1): "2012-04-09",
        (3, 2): "2016-02-20",
        (3, 3): "2017-09-29",
        (3, 4): "2019-03-18",
        (3, 5): "2020-09-30",
        (3, 6): "2021-12-23",
        (3, 7): "2023-06-27",
        (3, 8): "2024-10-07",
        (3, 9): "2025-10-31",
        (3, 10): "2026-10-31",
        (3, 11): "2027-10-31",
        (3, 12): "2028-10-31",
        (3, 13): "2029-10-31",
        (3, 14): "2030-10-31",
        (3, 15): "2031-10-31",
    }.items()
}
# "python:2" tracked 2.7, the last Python 2.
PYTHON_2 = Lifecycle("Python 2", PYTHON_RELEASES[2, 7].end, _PYTHON_SOURCE)
# 2.0-2.5 predate the release-cycle table; each ended before 2.6 did, so 2.6's end is a safe (late) bound.
_PYTHON_2_EARLY_END = PYTHON_RELEASES[2, 6].end

# Variants docker-library/python builds for every supported minor (versions.json@4f07059, 2026-06-23), plus the
# variant-less and floating aliases. A replacement keeps the user's variant when it is in this set; frozen Debian
# releases move to bookworm, retired Alpine releases to the floating "alpine". Windows variants are kept as written
# (not tracked here).
PYTHON_IMAGE_VARIANTS = frozenset(
    {"", "slim", "alpine", "trixie", "slim-trixie", "bookworm", "slim-bookworm", "alpine3.23", "alpine3.24"}
)

# --- Node.js ------------------------------------------------------------------------------------------------------
_NODE_SOURCE = "nodejs/Release/schedule.json@e4bf922"
NODE_RELEASES: dict[str, Lifecycle] = {
    line: Lifecycle(
        f"Node.js {line}",
        date.fromisoformat(end),
        _NODE_SOURCE,
        date.fromisoformat(start) if start else None,
    )
    for line, start, end in (
        ("0.10", "2013-03-11", "2016-10-31"),
        ("0.12", "2015-02-06", "2016-12-31"),
        ("4", "2015-09-08", "2018-04-30"),
        ("5", "2015-10-29", "2016-06-30"),
        ("6", "2016-04-26", "2019-04-30"),
        ("7", "2016-10-25", "2017-06-30"),
        ("8", "2017-05-30", "2019-12-31"),
        ("9", "2017-10-01", "2018-06-30"),
        ("10", "2018-04-24", "2021-04-30"),
        ("11", "2018-10-23", "2019-06-01"),
        ("12", "2019-04-23", "2022-04-30"),
        ("13", "2019-10-22", "2020-06-01"),
        ("14", "2020-04-21", "2023-04-30"),
        ("15", "2020-10-20", "2021-06-01"),
        ("16", "2021-04-20", "2023-09-11"),
        ("17", "2021-10-19", "2022-06-01"),
        ("18", "2022-04-19", "2025-04-30"),
        ("19", "2022-10-18", "2023-06-01"),
        ("20", "2023-04-18", "2026-04-30"),
        ("21", "2023-10-17", "2024-06-01"),
        ("22", "2024-04-24", "2027-04-30"),
        ("23", "2024-10-16", "2025-06-01"),
        ("24", "2025-05-06", "2028-04-30"),
        ("25", "2025-10-15", "2026-06-01"),
        ("26", "2026-04-22", "2029-04-30"),
    )
}
# LTS codenames, usable as node image tags ("hydrogen", "iron-alpine").
NODE_CODENAMES: dict[str, str] = {
    "argon": "4",
    "boron": "6",
    "carbon": "8",
    "dubnium": "10",
    "erbium": "12",
    "fermium": "14",
    "gallium": "16",
    "hydrogen": "18",
    "iron": "20",
    "jod": "22",
    "krypton": "24",
}
# Tags that follow the newest release: never EOL.
_NODE_MOVING_TAGS = frozenset({"lts", "current", "latest"})
NODE_IMAGE_VARIANTS = frozenset({"", "slim", "alpine", "bookworm", "bookworm-slim", "trixie", "trixie-slim"})

# --- Debian -------------------------------------------------------------------------------------------------------
_DEBIAN_SOURCE = "https://wiki.debian.org/LTS (end of Debian LTS)"


class DebianRelease(Record):
    version: int
    codename: str
    lts_end: date

    @property
    def label(self) -> str:
        return f"Debian {self.version} ({self.codename})"


FROZEN_DEBIAN_RELEASES: dict[str, DebianRelease] = {
    release.codename: release
    for release in (
        DebianRelease(6, "squeeze", date(2016, 2, 29)),
        DebianRelease(7, "wheezy", date(2018, 5, 31)),
        DebianRelease(8, "jessie", date(2020, 6, 30)),
        DebianRelease(9, "stretch", date(2022, 6, 30)),
        DebianRelease(10, "buster", date(2024, 6, 30)),
        # Debian LTS announcement of 2024-06: "Debian 11 will receive Long Term Support until August 31, 2026".
        DebianRelease(11, "bullseye", date(2026, 8, 31)),
    )
}
_DEBIAN_BY_VERSION: dict[int, DebianRelease] = {release.version: release for release in FROZEN_DEBIAN_RELEASES.values()}
# Where the frozen releases go: bookworm (Debian 12, LTS until 2028-06-30) is still built by python and node, and is
# the smallest step from bullseye.
DEBIAN_SUCCESSOR = "bookworm"
DEBIAN_SUCCESSOR_VERSION = 12

# docker-library/python stopped building these variants long before Debian's own end of life.
PYTHON_IMAGE_DROPPED_DEBIAN: dict[str, tuple[date, str]] = {
    "buster": (date(2023, 6, 13), "docker-library/python@5d908b04 (buster variants removed 2023-06-13)"),
    "bullseye": (date(2025, 8, 8), "docker-library/python@093598a0 (bullseye variants removed 2025-08-08)"),
}

# --- Tag grammar ----------------------------------------------------------------------------------------------------
# "3.9", "3.9.18", "3.15.0rc1", "18.19.0" then an optional "-variant". Bounded and unambiguous: linear time.
_VERSIONED_TAG = lazy_compile(r"(?P<major>\d+)(?:\.(?P<minor>\d+))?(?:\.\d+)?(?:(?:a|b|rc)\d+)?(?:-(?P<variant>.+))?")
# "hydrogen-alpine", "lts-slim", "current".
_NAMED_TAG = lazy_compile(r"(?P<name>[a-z]+)(?:-(?P<variant>.+))?")
# Runtime fragments inside other images' tags, delimited by start/end or '-'/'_'.
_PYTHON_FRAGMENT = lazy_compile(r"(?:^|[-_])(?:python|py)(?P<major>\d)(?:\.(?P<minor>\d{1,2}))?(?:\.\d+)?(?=$|[-_])")
_NODE_FRAGMENT = lazy_compile(r"(?:^|[-_])node(?:js)?(?P<major>\d{1,2})(?:\.\d+){0,2}(?=$|[-_])")
_ALPINE_RELEASE = lazy_compile(r"alpine\d+\.\d+")
_SNAPSHOT_DATE = lazy_compile(r"\d{8}")  # debian:bullseye-20240612
_WINDOWS_VARIANT = lazy_compile(r"(?:windowsservercore|nanoserver)\b.*")


class _ParsedTag(Record):
    major: int | None
    minor: int | None
    name: str | None  # a word in place of the version ("lts", "hydrogen"), if recognised by the caller
    variant: str


def _parse_versioned_tag(tag: str, names: frozenset[str] = frozenset()) -> _ParsedTag:
    versioned = _VERSIONED_TAG.fullmatch(tag)
    if versioned:
        minor = versioned["minor"]
        return _ParsedTag(int(versioned["major"]), int(minor) if minor else None, None, versioned["variant"] or "")
    named = _NAMED_TAG.fullmatch(tag)
    if named and named["name"] in names:
        return _ParsedTag(None, None, named["name"], named["variant"] or "")
    return _ParsedTag(None, None, None, tag)  # "slim-bullseye", "alpine": the whole tag is the variant


def _is_past(lifecycle_end: date, today: date) -> bool:
    return today > lifecycle_end


def _supported_variant(variant: str, supported: frozenset[str]) -> str:
    """The variant to suggest instead of ``variant``: itself if still built, else its nearest built relative."""
    if variant in supported:
        return variant
    if _WINDOWS_VARIANT.fullmatch(variant):
        return variant
    tokens = [
        DEBIAN_SUCCESSOR if token in FROZEN_DEBIAN_RELEASES else "alpine" if _ALPINE_RELEASE.fullmatch(token) else token
        for token in variant.split("-")
    ]
    candidate = "-".join(tokens)
    return candidate if candidate in supported else ""


def _join_tag(version: str, variant: str) -> str:
    return "-".join(part for part in (version, variant) if part) or "latest"


# --- Python ---------------------------------------------------------------------------------------------------------
def python_lifecycle(major: int, minor: int | None) -> Lifecycle | None:
    """The release line a ``major[.minor]`` Python version belongs to; None if unknown or not a fixed line."""
    if minor is None:
        return PYTHON_2 if major == 2 else None
    known = PYTHON_RELEASES.get((major, minor))
    if known is not None:
        return known
    if major == 2 and minor < 6:
        return Lifecycle(f"Python 2.{minor}", _PYTHON_2_EARLY_END, f"{_PYTHON_SOURCE} (ended before 2.6; bound)")
    return None


def oldest_supported_python(today: date) -> str | None:
    """The oldest Python 3 minor not past its end on ``today`` ("3.11" on 2026-11-27)."""
    candidates = [(minor, lifecycle) for (major, minor), lifecycle in PYTHON_RELEASES.items() if major == 3]
    for minor, lifecycle in sorted(candidates):
        if not _is_past(lifecycle.end, today):
            return f"3.{minor}"
    return None


def _python_image_findings(tag: str, today: date) -> list[EolFinding]:
    parsed = _parse_versioned_tag(tag)
    findings: list[EolFinding] = []
    version = ""
    runtime_eol = False
    if parsed.major is not None:
        lifecycle = python_lifecycle(parsed.major, parsed.minor)
        runtime_eol = lifecycle is not None and _is_past(lifecycle.end, today)
        version = f"{parsed.major}" if parsed.minor is None else f"{parsed.major}.{parsed.minor}"
        if runtime_eol:
            assert lifecycle is not None
            findings.append(EolFinding(lifecycle.runtime, lifecycle.end, None, lifecycle.source))

    findings.extend(_debian_findings(parsed.variant, today, dropped=PYTHON_IMAGE_DROPPED_DEBIAN, image="python"))
    if not findings:
        return findings

    # One replacement fixes everything at once: a supported minor and a still-built variant.
    new_version = oldest_supported_python(today) if runtime_eol else version
    replacement = None
    if new_version is not None:
        replacement = f"python:{_join_tag(new_version, _supported_variant(parsed.variant, PYTHON_IMAGE_VARIANTS))}"
    return [_with_replacement(finding, replacement) for finding in findings]


# --- Node.js --------------------------------------------------------------------------------------------------------
def node_lifecycle(major: int, minor: int | None = None) -> Lifecycle | None:
    line = f"0.{minor}" if major == 0 and minor is not None else str(major)
    return NODE_RELEASES.get(line)


def oldest_supported_node_lts(today: date) -> str | None:
    """The oldest even (LTS) Node.js line released by ``today`` and not past its end."""
    for line, lifecycle in sorted(NODE_RELEASES.items(), key=lambda item: tuple(map(int, item[0].split(".")))):
        if line.startswith("0.") or int(line) % 2:
            continue
        if lifecycle.start is not None and lifecycle.start <= today and not _is_past(lifecycle.end, today):
            return line
    return None


_NODE_TAG_WORDS = frozenset(NODE_CODENAMES) | _NODE_MOVING_TAGS


def _node_image_findings(tag: str, today: date) -> list[EolFinding]:
    parsed = _parse_versioned_tag(tag, _NODE_TAG_WORDS)
    findings: list[EolFinding] = []
    lifecycle: Lifecycle | None = None
    version = ""
    if parsed.major is not None:
        lifecycle = node_lifecycle(parsed.major, parsed.minor)
        version = f"0.{parsed.minor}" if parsed.major == 0 and parsed.minor is not None else str(parsed.major)
    elif parsed.name is not None:
        version = parsed.name
        if parsed.name in NODE_CODENAMES:
            lifecycle = NODE_RELEASES[NODE_CODENAMES[parsed.name]]
    runtime_eol = lifecycle is not None and _is_past(lifecycle.end, today)
    if runtime_eol:
        assert lifecycle is not None
        findings.append(EolFinding(lifecycle.runtime, lifecycle.end, None, lifecycle.source))

    findings.extend(_debian_findings(parsed.variant, today))
    if not findings:
        return findings

    new_version = oldest_supported_node_lts(today) if runtime_eol else version
    replacement = None
    if new_version is not None:
        replacement = f"node:{_join_tag(new_version, _supported_variant(parsed.variant, NODE_IMAGE_VARIANTS))}"
    return [_with_replacement(finding, replacement) for finding in findings]


# --- Debian ---------------------------------------------------------------------------------------------------------
def _debian_findings(
    variant: str, today: date, dropped: dict[str, tuple[date, str]] | None = None, image: str = ""
) -> list[EolFinding]:
    """A finding for a frozen Debian release named as a component of a tag's variant ("slim-bullseye")."""
    for token in variant.split("-"):
        release = FROZEN_DEBIAN_RELEASES.get(token)
        if release is None:
            continue
        if dropped and token in dropped:
            # The image stopped building this variant before Debian's own end of life.
            dropped_on, source = dropped[token]
            if _is_past(dropped_on, today):
                return [EolFinding(f"{release.label} variant of the {image} image", dropped_on, None, source)]
        if _is_past(release.lts_end, today):
            return [EolFinding(release.label, release.lts_end, None, _DEBIAN_SOURCE)]
        return []
    return []


def _debian_image_findings(tag: str, today: date) -> list[EolFinding]:
    parsed = _parse_versioned_tag(tag)
    if parsed.major is not None:
        release = _DEBIAN_BY_VERSION.get(parsed.major)
        if release is None or not _is_past(release.lts_end, today):
            return []
        finding = EolFinding(release.label, release.lts_end, None, _DEBIAN_SOURCE)
        return [_with_replacement(finding, f"debian:{_join_tag(str(DEBIAN_SUCCESSOR_VERSION), parsed.variant)}")]
    findings = _debian_findings(parsed.variant, today)
    if not findings:
        return findings
    tokens = [
        DEBIAN_SUCCESSOR if token in FROZEN_DEBIAN_RELEASES else token
        for token in parsed.variant.split("-")
        if not _SNAPSHOT_DATE.fullmatch(token)  # a dated snapshot of the old release has no counterpart
    ]
    return [_with_replacement(finding, f"debian:{'-'.join(tokens)}") for finding in findings]


# --- Other images -------------------------------------------------------------------------------------------------
def _fragment_findings(tag: str, today: date, *, python: bool, node: bool) -> list[EolFinding]:
    findings: list[EolFinding] = []
    if python:
        fragment = _PYTHON_FRAGMENT.search(tag)
        if fragment:
            minor = fragment["minor"]
            lifecycle = python_lifecycle(int(fragment["major"]), int(minor) if minor else None)
            if lifecycle is not None and _is_past(lifecycle.end, today):
                findings.append(EolFinding(lifecycle.runtime, lifecycle.end, None, lifecycle.source))
    if node:
        fragment = _NODE_FRAGMENT.search(tag)
        if fragment:
            lifecycle = node_lifecycle(int(fragment["major"]))
            if lifecycle is not None and _is_past(lifecycle.end, today):
                findings.append(EolFinding(lifecycle.runtime, lifecycle.end, None, lifecycle.source))
    findings.extend(_debian_findings(tag, today))
    return findings


def _with_replacement(finding: EolFinding, replacement: str | None) -> EolFinding:
    return EolFinding(finding.runtime, finding.eol_date, replacement, finding.source)


# --- Entry points ---------------------------------------------------------------------------------------------------
def find_all_eol(ref: ImageRef, today: date) -> tuple[EolFinding, ...]:
    """Every end-of-life finding for ``ref`` on ``today``: runtimes (Python, then Node.js) before Debian."""
    if ref.tag is None:
        return ()  # "latest" or a bare digest: nothing pinned that could age
    tag = ref.tag.lower()
    if ref.is_official:
        if ref.repository == "python":
            return tuple(_python_image_findings(tag, today))
        if ref.repository == "node":
            return tuple(_node_image_findings(tag, today))
        if ref.repository == "debian":
            return tuple(_debian_image_findings(tag, today))
    return tuple(_fragment_findings(tag, today, python=True, node=True))


def find_eol(ref: ImageRef, today: date) -> EolFinding | None:
    """The most relevant end-of-life finding for ``ref`` on ``today`` (see :func:`find_all_eol`), if any."""
    findings = find_all_eol(ref, today)
    return findings[0] if findings else None
