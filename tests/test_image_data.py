"""The dated base-image tables: deprecated images (``linter.data.deprecated_images``) and EOL runtimes
(``linter.data.eol``)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from linter.data.deprecated_images import DEPRECATED_IMAGES, NO_SUCCESSOR, Deprecation, find_deprecation
from linter.data.eol import (
    FROZEN_DEBIAN_RELEASES,
    NODE_CODENAMES,
    NODE_RELEASES,
    PYTHON_RELEASES,
    EolFinding,
    find_all_eol,
    find_eol,
    oldest_supported_node_lts,
    oldest_supported_python,
)
from linter.images import ImageRef, parse_image

DIGEST = "sha256:" + "0123456789abcdef" * 4
TODAY = date(2026, 11, 27)
BEFORE_PY310_EOL = date(2026, 10, 30)
PY310_EOL = date(2026, 10, 31)
AFTER_PY310_EOL = date(2026, 11, 1)


def ref(text: str) -> ImageRef:
    parsed = parse_image(text)
    assert parsed is not None, text
    return parsed


# --------------------------------------------------------------------------------------------------------------------
# Deprecated images
# --------------------------------------------------------------------------------------------------------------------

EXPECTED_DEPRECATED = {
    "tiangolo/uvicorn-gunicorn-fastapi",
    "tiangolo/uvicorn-gunicorn",
    "tiangolo/uvicorn-gunicorn-starlette",
    "openjdk",
    "java",
    "centos",
    "django",
    "celery",
    "rails",
    "sentry",
    "iojs",
    "adoptopenjdk",
    "clefos",
    "clearlinux",
    "unit",
    "mongo-express",
    "php-zendserver",
    "emqx",
    "liquibase",
    "notary",
    "plone",
    "amazonlinux",
    "consul",
    "vault",
    "jenkins",
    "owncloud",
    "piwik",
    "glassfish",
    "mono",
    "fsharp",
    "swarm",
    "ubuntu-upstart",
    "ubuntu-debootstrap",
    "nats-streaming",
    "express-gateway",
}


def test_table_covers_exactly_the_documented_images() -> None:
    repositories = [entry.repository for entry in DEPRECATED_IMAGES]
    assert len(repositories) == len(set(repositories)), "duplicate repository"
    assert set(repositories) == EXPECTED_DEPRECATED


@pytest.mark.parametrize("entry", DEPRECATED_IMAGES, ids=lambda entry: entry.repository)
def test_table_entries_are_well_formed(entry: Deprecation) -> None:
    parsed = parse_image(entry.repository)
    assert parsed is not None and parsed.is_docker_hub
    assert parsed.repository == entry.repository, "repository must be stored normalised"
    assert entry.replacement.strip() and entry.reason.strip()
    assert "@" in entry.source or "#" in entry.source, "source must name a commit or an issue"
    assert re.fullmatch(r"(?:\d{4}-\d{2}(?:-\d{2})?)?", entry.since)
    if entry.tag_pattern is not None:
        re.compile(entry.tag_pattern)
        assert entry.tags != "all tags"


@pytest.mark.parametrize(
    ("text", "repository"),
    [
        # every spelling of the tiangolo images, tags and digests
        ("tiangolo/uvicorn-gunicorn-fastapi", "tiangolo/uvicorn-gunicorn-fastapi"),
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim", "tiangolo/uvicorn-gunicorn-fastapi"),
        ("docker.io/tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim", "tiangolo/uvicorn-gunicorn-fastapi"),
        ("index.docker.io/tiangolo/uvicorn-gunicorn-fastapi:python3.9", "tiangolo/uvicorn-gunicorn-fastapi"),
        (f"tiangolo/uvicorn-gunicorn-fastapi@{DIGEST}", "tiangolo/uvicorn-gunicorn-fastapi"),
        (f"tiangolo/uvicorn-gunicorn-fastapi:python3.10@{DIGEST}", "tiangolo/uvicorn-gunicorn-fastapi"),
        ("Tiangolo/Uvicorn-Gunicorn-FastAPI:python3.11", "tiangolo/uvicorn-gunicorn-fastapi"),
        ("  tiangolo/uvicorn-gunicorn-fastapi:latest  ", "tiangolo/uvicorn-gunicorn-fastapi"),
        ("tiangolo/uvicorn-gunicorn:python3.11", "tiangolo/uvicorn-gunicorn"),
        ("tiangolo/uvicorn-gunicorn-starlette:python3.9-alpine3.14", "tiangolo/uvicorn-gunicorn-starlette"),
        # official images under their library/ and docker.io spellings
        ("openjdk:17-jdk-slim", "openjdk"),
        ("openjdk:8-jre-alpine", "openjdk"),
        ("openjdk:11-jre-slim-buster", "openjdk"),
        ("library/openjdk:11", "openjdk"),
        (f"docker.io/library/openjdk:8@{DIGEST}", "openjdk"),
        ("centos:7", "centos"),
        ("centos", "centos"),
        ("java:8", "java"),
        ("jenkins:2.60.3", "jenkins"),
        ("piwik", "piwik"),
        ("consul:1.15", "consul"),
        ("vault:1.13.3", "vault"),
        # tag-restricted notices
        ("amazonlinux:1", "amazonlinux"),
        ("amazonlinux:2018.03", "amazonlinux"),
        ("amazonlinux:2018.03.0.20231218.0", "amazonlinux"),
        ("amazonlinux:1-with-sources", "amazonlinux"),
        ("plone:5.2", "plone"),
        ("plone:5.2.14-python38", "plone"),
        ("plone:4.3.20", "plone"),
        ("plone", "plone"),
    ],
)
def test_find_deprecation(text: str, repository: str) -> None:
    found = find_deprecation(ref(text))
    assert found is not None
    assert found.repository == repository


@pytest.mark.parametrize("entry", DEPRECATED_IMAGES, ids=lambda entry: entry.repository)
def test_every_entry_is_found_under_a_tag_it_covers(entry: Deprecation) -> None:
    tag = {"amazonlinux": "2018.03", "plone": "5.2"}.get(entry.repository, "1.0")
    assert find_deprecation(ref(f"{entry.repository}:{tag}")) == entry
    assert find_deprecation(ref(f"docker.io/{entry.repository}:{tag}")) == entry


@pytest.mark.parametrize(
    "text",
    [
        "python",
        "python:3.12-slim",
        "tiangolo/other",
        "tiangolo/uvicorn-gunicorn-fastapi-docker",
        "tiangolo/uvicorn-gunicorn-machine-learning",
        "mytiangolo/uvicorn-gunicorn-fastapi",
        "ghcr.io/tiangolo/uvicorn-gunicorn-fastapi:python3.11",
        # same name, somebody else's registry or namespace
        "ghcr.io/foo/openjdk",
        "ghcr.io/foo/openjdk:17",
        "registry.example.com/library/centos:7",
        "quay.io/centos/centos:stream9",
        "myorg/openjdk:17",
        "openjdk-custom:17",
        # the replacements themselves
        "eclipse-temurin:21-jre",
        "amazoncorretto:21",
        "jenkins/jenkins:lts",
        "hashicorp/consul:1.19",
        "hashicorp/vault",
        "matomo:5",
        "emqx/emqx:5.9.0",
        "liquibase/liquibase:5.0",
        "plone/plone-backend:6.1",
        "owncloud/server",
        "almalinux:9",
        "rockylinux/rockylinux:9",
        # notices that are not deprecations
        "elasticsearch:8.15.0",
        "kibana:8.15.0",
        "logstash:8.15.0",
        "rethinkdb:2.4",
        "rockylinux:9",
        "nextcloud:30-apache",
        # tags outside a tag-restricted notice
        "openjdk:26-ea-jdk-slim",
        "openjdk:26-ea",
        # release-candidate builds are early access too (regression: docker-library/openjdk's own Windows
        # Dockerfiles copy from them)
        "openjdk:27-rc-windowsservercore-ltsc2022",
        "openjdk:27-rc",
        "openjdk:27-rc-jdk-slim-bookworm",
        "amazonlinux:2",
        "amazonlinux:2023",
        "amazonlinux",
        f"amazonlinux@{DIGEST}",
        "amazonlinux:10",
        "plone:6.0",
        "scratch",
    ],
)
def test_no_deprecation(text: str) -> None:
    assert find_deprecation(ref(text)) is None


@pytest.mark.parametrize(
    ("extra", "text", "expected_replacement"),
    [
        ({"myorg/base": "use myorg/base2"}, "myorg/base:3", "use myorg/base2"),
        ((("myorg/base", "use myorg/base2"),), "docker.io/myorg/base", "use myorg/base2"),
        ({"docker.io/library/busybox": "use alpine"}, "busybox:1.36", "use alpine"),
        ({"ghcr.io/foo/openjdk": "use ghcr.io/foo/temurin"}, "ghcr.io/foo/openjdk:17", "use ghcr.io/foo/temurin"),
        ({"myorg/base:1": "move to 2"}, "myorg/base:1", "move to 2"),
        # configuration overrides the built-in advice
        ({"openjdk": "our own JDK image"}, "openjdk:17", "our own JDK image"),
    ],
)
def test_configured_deprecations(extra: object, text: str, expected_replacement: str) -> None:
    found = find_deprecation(ref(text), extra)  # type: ignore[arg-type]
    assert found is not None
    assert found.replacement == expected_replacement
    assert found.source == "configuration"


@pytest.mark.parametrize(
    ("extra", "text"),
    [
        ({"myorg/base": "x"}, "myorg/base2"),
        ({"myorg/base": "x"}, "ghcr.io/myorg/base"),
        ({"myorg/base:1": "x"}, "myorg/base:2"),
        ({"myorg/base:1": "x"}, "myorg/base"),
        ({"$BASE": "x", "not a reference": "y"}, "python"),
        ({}, "python"),
    ],
)
def test_configured_deprecations_do_not_overreach(extra: dict[str, str], text: str) -> None:
    assert find_deprecation(ref(text), extra) is None


def test_no_successor_is_said_plainly() -> None:
    without = {entry.repository for entry in DEPRECATED_IMAGES if entry.replacement.startswith(NO_SUCCESSOR)}
    assert {"unit", "notary", "mono", "express-gateway", "mongo-express", "php-zendserver"} <= without
    assert "tiangolo/uvicorn-gunicorn-fastapi" not in without


# --------------------------------------------------------------------------------------------------------------------
# End of life
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "end"),
    [
        ((2, 7), date(2020, 1, 1)),
        ((3, 5), date(2020, 9, 30)),
        ((3, 6), date(2021, 12, 23)),
        ((3, 7), date(2023, 6, 27)),
        ((3, 8), date(2024, 10, 7)),
        ((3, 9), date(2025, 10, 31)),
        ((3, 10), date(2026, 10, 31)),
        ((3, 11), date(2027, 10, 31)),
        ((3, 12), date(2028, 10, 31)),
        ((3, 13), date(2029, 10, 31)),
        ((3, 14), date(2030, 10, 31)),
        ((3, 15), date(2031, 10, 31)),
    ],
)
def test_python_table(version: tuple[int, int], end: date) -> None:
    assert PYTHON_RELEASES[version].end == end


@pytest.mark.parametrize(
    ("line", "end"),
    [
        ("8", date(2019, 12, 31)),
        ("10", date(2021, 4, 30)),
        ("12", date(2022, 4, 30)),
        ("14", date(2023, 4, 30)),
        ("16", date(2023, 9, 11)),
        ("18", date(2025, 4, 30)),
        ("20", date(2026, 4, 30)),
        ("21", date(2024, 6, 1)),
        ("22", date(2027, 4, 30)),
        ("23", date(2025, 6, 1)),
        ("24", date(2028, 4, 30)),
        ("25", date(2026, 6, 1)),
        ("26", date(2029, 4, 30)),
    ],
)
def test_node_table(line: str, end: date) -> None:
    assert NODE_RELEASES[line].end == end


def test_tables_have_sources_and_codenames_resolve() -> None:
    assert all(lifecycle.source for lifecycle in [*PYTHON_RELEASES.values(), *NODE_RELEASES.values()])
    assert all(line in NODE_RELEASES for line in NODE_CODENAMES.values())
    assert FROZEN_DEBIAN_RELEASES["bullseye"].lts_end == date(2026, 8, 31)
    assert FROZEN_DEBIAN_RELEASES["buster"].lts_end == date(2024, 6, 30)


@pytest.mark.parametrize(
    ("today", "python", "node"),
    [
        (date(2026, 10, 30), "3.10", "22"),
        (date(2026, 10, 31), "3.10", "22"),
        (date(2026, 11, 27), "3.11", "22"),
        (date(2027, 5, 1), "3.11", "24"),
        (date(2031, 11, 1), None, None),
    ],
)
def test_oldest_supported(today: date, python: str | None, node: str | None) -> None:
    assert oldest_supported_python(today) == python
    assert oldest_supported_node_lts(today) == node


PY_SOURCE = "python/peps/api/release-cycle.json@1cc77e7"
NODE_SOURCE = "nodejs/Release/schedule.json@e4bf922"


@pytest.mark.parametrize(
    ("text", "today", "runtime", "eol_date", "replacement"),
    [
        # --- official python image, every tag form
        ("python:3.9", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11"),
        ("python:3.9.18", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11"),
        ("python:3.9-slim", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-slim"),
        ("python:3.9-slim-bookworm", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-slim-bookworm"),
        ("python:3.9.18-slim-bookworm", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-slim-bookworm"),
        ("python:3.9-alpine3.18", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-alpine"),
        ("python:3.9-alpine3.24", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-alpine3.24"),
        ("python:3.9-windowsservercore", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-windowsservercore"),
        ("python:3.9-onbuild", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11"),
        ("python:2", TODAY, "Python 2", date(2020, 1, 1), "python:3.11"),
        ("python:2.7", TODAY, "Python 2.7", date(2020, 1, 1), "python:3.11"),
        ("python:2.7.18-slim-buster", TODAY, "Python 2.7", date(2020, 1, 1), "python:3.11-slim-bookworm"),
        ("python:3.8-slim-bullseye", TODAY, "Python 3.8", date(2024, 10, 7), "python:3.11-slim-bookworm"),
        ("python:3.7", TODAY, "Python 3.7", date(2023, 6, 27), "python:3.11"),
        ("python:3.6-alpine", TODAY, "Python 3.6", date(2021, 12, 23), "python:3.11-alpine"),
        ("python:3.5", TODAY, "Python 3.5", date(2020, 9, 30), "python:3.11"),
        ("python:3.0", TODAY, "Python 3.0", date(2009, 6, 27), "python:3.11"),
        ("PYTHON:3.9-SLIM", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-slim"),
        ("docker.io/library/python:3.9", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11"),
        (f"python:3.9-slim@{DIGEST}", TODAY, "Python 3.9", date(2025, 10, 31), "python:3.11-slim"),
        # --- the 3.10 boundary: EOL only once today is past 2026-10-31
        ("python:3.10", TODAY, "Python 3.10", PY310_EOL, "python:3.11"),
        ("python:3.10-slim-bookworm", AFTER_PY310_EOL, "Python 3.10", PY310_EOL, "python:3.11-slim-bookworm"),
        ("python:3.9-slim", BEFORE_PY310_EOL, "Python 3.9", date(2025, 10, 31), "python:3.10-slim"),
        ("python:3.11", date(2027, 11, 1), "Python 3.11", date(2027, 10, 31), "python:3.12"),
        # --- frozen Debian variants of the python image (dates: docker-library/python dropped them)
        (
            "python:3.12-slim-bullseye",
            TODAY,
            "Debian 11 (bullseye) variant of the python image",
            date(2025, 8, 8),
            "python:3.12-slim-bookworm",
        ),
        (
            "python:3.11.9-bullseye",
            TODAY,
            "Debian 11 (bullseye) variant of the python image",
            date(2025, 8, 8),
            "python:3.11-bookworm",
        ),
        (
            "python:3.11-buster",
            TODAY,
            "Debian 10 (buster) variant of the python image",
            date(2023, 6, 13),
            "python:3.11-bookworm",
        ),
        (
            "python:slim-bullseye",
            TODAY,
            "Debian 11 (bullseye) variant of the python image",
            date(2025, 8, 8),
            "python:slim-bookworm",
        ),
        ("python:3-stretch", TODAY, "Debian 9 (stretch)", date(2022, 6, 30), "python:3-bookworm"),
        # --- pythonX.Y fragments in other images' tags (no tag scheme known: no replacement)
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.9", TODAY, "Python 3.9", date(2025, 10, 31), None),
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.8-slim", TODAY, "Python 3.8", date(2024, 10, 7), None),
        ("docker.io/tiangolo/uvicorn-gunicorn:python3.7", TODAY, "Python 3.7", date(2023, 6, 27), None),
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.10-slim", TODAY, "Python 3.10", PY310_EOL, None),
        ("nikolaik/python-nodejs:python3.9-nodejs18", TODAY, "Python 3.9", date(2025, 10, 31), None),
        ("myorg/app:1.4-py3.8", TODAY, "Python 3.8", date(2024, 10, 7), None),
        ("ghcr.io/org/tool:py2.7_x", TODAY, "Python 2.7", date(2020, 1, 1), None),
        ("myorg/legacy:python2", TODAY, "Python 2", date(2020, 1, 1), None),
        ("myorg/web:node18-slim", TODAY, "Node.js 18", date(2025, 4, 30), None),
        # --- official node image
        ("node:18", TODAY, "Node.js 18", date(2025, 4, 30), "node:22"),
        ("node:18.19.0-alpine", TODAY, "Node.js 18", date(2025, 4, 30), "node:22-alpine"),
        ("node:18.19.0-alpine3.18", TODAY, "Node.js 18", date(2025, 4, 30), "node:22-alpine"),
        ("node:18-bullseye-slim", TODAY, "Node.js 18", date(2025, 4, 30), "node:22-bookworm-slim"),
        ("node:20", TODAY, "Node.js 20", date(2026, 4, 30), "node:22"),
        ("node:20-bookworm", TODAY, "Node.js 20", date(2026, 4, 30), "node:22-bookworm"),
        ("node:16", TODAY, "Node.js 16", date(2023, 9, 11), "node:22"),
        ("node:14", TODAY, "Node.js 14", date(2023, 4, 30), "node:22"),
        ("node:12", TODAY, "Node.js 12", date(2022, 4, 30), "node:22"),
        ("node:10", TODAY, "Node.js 10", date(2021, 4, 30), "node:22"),
        ("node:8", TODAY, "Node.js 8", date(2019, 12, 31), "node:22"),
        ("node:0.12", TODAY, "Node.js 0.12", date(2016, 12, 31), "node:22"),
        ("node:21", TODAY, "Node.js 21", date(2024, 6, 1), "node:22"),
        ("node:23-alpine", TODAY, "Node.js 23", date(2025, 6, 1), "node:22-alpine"),
        ("node:25", TODAY, "Node.js 25", date(2026, 6, 1), "node:22"),
        ("node:gallium", TODAY, "Node.js 16", date(2023, 9, 11), "node:22"),
        ("node:hydrogen-alpine", TODAY, "Node.js 18", date(2025, 4, 30), "node:22-alpine"),
        ("node:iron-slim", TODAY, "Node.js 20", date(2026, 4, 30), "node:22-slim"),
        ("node:lts-buster", TODAY, "Debian 10 (buster)", date(2024, 6, 30), "node:lts-bookworm"),
        ("node:22-bullseye", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), "node:22-bookworm"),
        # --- the debian image itself: Debian LTS end dates
        ("debian:buster", TODAY, "Debian 10 (buster)", date(2024, 6, 30), "debian:bookworm"),
        ("debian:10", TODAY, "Debian 10 (buster)", date(2024, 6, 30), "debian:12"),
        ("debian:10.13-slim", TODAY, "Debian 10 (buster)", date(2024, 6, 30), "debian:12-slim"),
        ("debian:bullseye", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), "debian:bookworm"),
        ("debian:11", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), "debian:12"),
        ("debian:bullseye-slim", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), "debian:bookworm-slim"),
        ("debian:bullseye-20240612-slim", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), "debian:bookworm-slim"),
        ("debian:stretch", TODAY, "Debian 9 (stretch)", date(2022, 6, 30), "debian:bookworm"),
        ("debian:jessie", TODAY, "Debian 8 (jessie)", date(2020, 6, 30), "debian:bookworm"),
        # --- frozen Debian suffixes on other images (no tag scheme known: no replacement)
        ("ruby:3.3-bullseye", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), None),
        ("golang:1.22-bullseye", TODAY, "Debian 11 (bullseye)", date(2026, 8, 31), None),
        ("php:8.2-apache-buster", TODAY, "Debian 10 (buster)", date(2024, 6, 30), None),
        ("openjdk:11-jre-slim-buster", TODAY, "Debian 10 (buster)", date(2024, 6, 30), None),
        ("buildpack-deps:stretch-scm", TODAY, "Debian 9 (stretch)", date(2022, 6, 30), None),
        ("ghcr.io/org/app:1.0-jessie", TODAY, "Debian 8 (jessie)", date(2020, 6, 30), None),
    ],
)
def test_find_eol(text: str, today: date, runtime: str, eol_date: date, replacement: str | None) -> None:
    finding = find_eol(ref(text), today)
    assert finding is not None
    assert (finding.runtime, finding.eol_date, finding.replacement) == (runtime, eol_date, replacement)
    assert finding.source


@pytest.mark.parametrize(
    ("text", "today"),
    [
        # supported or unpinned python tags
        ("python:3.12-slim", TODAY),
        ("python:3.11", TODAY),
        ("python:3.13-alpine", TODAY),
        ("python:3.15.0rc1-slim-trixie", TODAY),
        ("python:3", TODAY),
        ("python:3-slim", TODAY),
        ("python:latest", TODAY),
        ("python", TODAY),
        ("python:slim", TODAY),
        ("python:alpine", TODAY),
        ("python:bookworm", TODAY),
        ("python:slim-trixie", TODAY),
        (f"python@{DIGEST}", TODAY),
        # the 3.10 boundary: not EOL on or before its last day
        ("python:3.10", BEFORE_PY310_EOL),
        ("python:3.10", PY310_EOL),
        ("python:3.10-slim-bookworm", BEFORE_PY310_EOL),
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.10", BEFORE_PY310_EOL),
        # bullseye variants before the python image dropped them
        ("python:3.11-slim-bullseye", date(2025, 8, 8)),
        # other images that only look like python
        ("pythonista:3.9", TODAY),
        ("mypython:3.9", TODAY),
        ("python-custom:3.9", TODAY),
        ("ghcr.io/foo/python:3.9", TODAY),
        ("quay.io/python:2.7", TODAY),
        ("myorg/python:3.9", TODAY),
        ("pypy:3.9", TODAY),
        ("cimg/python:3.9", TODAY),
        # fragments that are not a clear Python version
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.11-slim", TODAY),
        ("tiangolo/uvicorn-gunicorn-fastapi:latest", TODAY),
        ("tiangolo/uvicorn-gunicorn-fastapi", TODAY),
        ("myorg/app:python3", TODAY),
        ("myorg/app:1.0-py3", TODAY),
        ("myorg/app:pypy3.9", TODAY),
        ("myorg/app:cpython3.8", TODAY),
        ("myorg/app:numpy3.8", TODAY),
        ("myorg/app:happy3.9", TODAY),
        ("myorg/app:python3.90", TODAY),
        ("myorg/web:nodejs22", TODAY),
        ("myorg/web:node-18", TODAY),
        # supported or moving node tags
        ("node:22", TODAY),
        ("node:24-alpine", TODAY),
        ("node:26-trixie-slim", TODAY),
        ("node:lts", TODAY),
        ("node:lts-alpine", TODAY),
        ("node:current", TODAY),
        ("node:latest", TODAY),
        ("node:alpine", TODAY),
        ("node:jod", TODAY),
        ("node:krypton-slim", TODAY),
        ("node:20", date(2026, 4, 30)),
        ("node:22-bullseye", date(2026, 8, 31)),
        ("ghcr.io/foo/node:16", TODAY),
        ("nodejs:16", TODAY),
        # other distributions and current Debian
        ("ubuntu:20.04", TODAY),
        ("ubuntu:focal", TODAY),
        ("alpine:3.18", TODAY),
        ("debian:12", TODAY),
        ("debian:bookworm-slim", TODAY),
        ("debian:trixie", TODAY),
        ("debian:stable-slim", TODAY),
        ("debian:oldstable", TODAY),
        ("debian:bullseye", date(2026, 8, 31)),
        ("debian:11", date(2026, 8, 31)),
        ("ruby:3.3-bullseye", date(2026, 8, 31)),
        # names that merely contain a codename are not Debian suffixes
        ("myorg/app:busters", TODAY),
        ("myorg/app:bullseyes-1", TODAY),
        ("scratch", TODAY),
    ],
)
def test_no_eol(text: str, today: date) -> None:
    assert find_eol(ref(text), today) is None
    assert find_all_eol(ref(text), today) == ()


@pytest.mark.parametrize(
    ("text", "runtimes", "replacement"),
    [
        (
            "python:3.9-slim-bullseye",
            ["Python 3.9", "Debian 11 (bullseye) variant of the python image"],
            "python:3.11-slim-bookworm",
        ),
        ("node:18-bullseye-slim", ["Node.js 18", "Debian 11 (bullseye)"], "node:22-bookworm-slim"),
        (
            "nikolaik/python-nodejs:python3.9-nodejs18-bullseye",
            ["Python 3.9", "Node.js 18", "Debian 11 (bullseye)"],
            None,
        ),
    ],
)
def test_find_all_eol_orders_runtimes_before_debian(text: str, runtimes: list[str], replacement: str | None) -> None:
    findings = find_all_eol(ref(text), TODAY)
    assert [finding.runtime for finding in findings] == runtimes
    # One replacement fixes every finding at once.
    assert {finding.replacement for finding in findings} == {replacement}
    assert find_eol(ref(text), TODAY) == findings[0]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("python:3.9", PY_SOURCE),
        ("node:18", NODE_SOURCE),
        ("python:3.12-bullseye", "docker-library/python@093598a0 (bullseye variants removed 2025-08-08)"),
        ("python:3.11-buster", "docker-library/python@5d908b04 (buster variants removed 2023-06-13)"),
    ],
)
def test_sources(text: str, source: str) -> None:
    finding = find_eol(ref(text), TODAY)
    assert isinstance(finding, EolFinding)
    assert finding.source == source
