"""DF302 eol-base-image: images whose runtime or Debian release is past its end of life on the run's date."""

from __future__ import annotations

import datetime as _dt

import pytest

from tests.helpers import FIXED_TODAY, apply_fixes, lint, positions

CODE = "DF302"
DIGEST = "sha256:" + "0123456789abcdef" * 4
BEFORE_PY310_EOL = _dt.date(2026, 10, 30)  # Python 3.10 ends on 2026-10-31; FIXED_TODAY is 2026-11-27


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # --- the official python image, every tag form
        ("FROM python:3.9\n", [(1, 6)]),
        ("FROM python:3.9.18-slim-bookworm\n", [(1, 6)]),
        ("FROM python:3.9-alpine3.18 AS base\n", [(1, 6)]),
        (f"FROM docker.io/library/python:3.8-slim@{DIGEST}\n", [(1, 6)]),
        ("FROM python:2.7\n", [(1, 6)]),
        ("FROM python:3.10-slim\n", [(1, 6)]),
        ("FROM python:3.12-slim-bullseye\n", [(1, 6)]),
        # --- node: up to 20, and odd lines past their date
        ("FROM node:20\n", [(1, 6)]),
        ("FROM node:18.19.0-alpine\n", [(1, 6)]),
        ("FROM node:23-alpine\n", [(1, 6)]),
        ("FROM node:hydrogen-slim\n", [(1, 6)]),
        ("FROM node:lts-buster\n", [(1, 6)]),
        # --- pythonX.Y in other images' tags; frozen Debian suffixes anywhere
        ("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9\n", [(1, 6)]),
        ("FROM golang:1.22-bullseye AS build\n", [(1, 6)]),
        # a build stage of an official image is still end of life
        ("FROM debian:bullseye-slim AS fetch\nRUN true\nFROM python:3.12-slim\nCOPY --from=fetch /a /a\n", [(1, 6)]),
        # --- lowercase keyword, --platform, continuation lines
        ("from python:3.7\n", [(1, 6)]),
        ("FROM --platform=$BUILDPLATFORM node:16 AS assets\n", [(1, 32)]),
        ("FROM \\\n  python:3.6-slim \\\n  AS app\n", [(2, 3)]),
        # --- ARG defaults
        ("ARG PYTHON_VERSION=3.9\nFROM python:${PYTHON_VERSION}-slim\n", [(2, 6)]),
        ("ARG DEBIAN_VERSION=11\nFROM debian:${DEBIAN_VERSION}\n", [(2, 6)]),
        # --- COPY --from and RUN --mount from= an image
        ("FROM python:3.12-slim\nCOPY --from=node:18 /usr/local/bin/node /usr/local/bin/\n", [(2, 13)]),
        ("FROM python:3.12-slim\nARG NODE=node:20-alpine\nCOPY --from=$NODE /usr/local/bin/node /x\n", [(3, 13)]),
        ("FROM python:3.12-slim\nRUN --mount=type=bind,from=python:2.7,target=/py2 true\n", [(2, 28)]),
        # heredoc: the mount is reported, the script's text is not an image
        (
            "FROM python:3.12-slim\nRUN --mount=type=bind,from=node:16,target=/n <<EOF\necho FROM python:2.7\nEOF\n",
            [(2, 28)],
        ),
        # ONBUILD triggers pull their image in the downstream build
        ("FROM python:3.12-slim\nONBUILD COPY --from=node:14 /usr/local/bin/node /usr/local/bin/\n", [(2, 21)]),
        # multi-stage: each image, never the stage that reuses it
        (
            "FROM node:20 AS assets\nRUN npm ci\nFROM assets AS test\nFROM python:3.9-slim\n"
            "COPY --from=assets /dist /dist\n",
            [(1, 6), (4, 6)],
        ),
    ],
)
def test_positions(source: str, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE) == expected


@pytest.mark.parametrize(
    "source",
    [
        # supported or floating tags
        "FROM python:3.12-slim\n",
        "FROM python:3.11\n",
        "FROM python:3\n",
        "FROM python:slim\n",
        "FROM python\n",
        f"FROM python@{DIGEST}\n",
        "FROM node:22-bookworm-slim\n",
        "FROM node:lts-alpine\n",
        "FROM node:jod\n",
        "FROM debian:bookworm-slim\n",
        "FROM debian:trixie\n",
        "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\n",
        "FROM scratch\n",
        # look-alikes
        "FROM ghcr.io/foo/python:3.9\n",
        "FROM pypy:3.9\n",
        "FROM myorg/app:busters\n",
        # stage names that look like images
        "FROM python:3.12-slim AS python\nFROM python\n",
        "FROM node:22 AS node\nFROM python:3.12-slim\nCOPY --from=node /usr/local/bin/node /usr/local/bin/\n",
        "FROM node:22 AS build\nFROM python:3.12-slim\nRUN --mount=type=bind,from=build,target=/b true\n",
        "FROM python:3.12-slim\nCOPY --from=0 /a /b\n",
        # unresolvable ARGs
        "ARG PYTHON_VERSION\nFROM python:${PYTHON_VERSION}-slim\n",
        "FROM python:3.12-slim\nCOPY --from=node:${NODE_MAJOR} /a /b\n",
        "ARG NODE=node:16\nFROM python:3.12-slim\nARG NODE\nONBUILD COPY --from=$NODE /a /b\n",
        # versions in places that are not image references
        "FROM python:3.12-slim\nENV PYTHON_VERSION=3.9\nLABEL base=python:2.7\n",
        "FROM python:3.12-slim\nRUN <<EOF\ncat > Dockerfile <<'X'\nFROM python:2.7\nX\nEOF\n",
        "FROM python:3.12-slim\nRUN --mount=type=cache,id=node18,target=/c true\n",
    ],
)
def test_no_finding(source: str) -> None:
    assert positions(source, CODE) == []


@pytest.mark.parametrize(
    ("source", "today", "expected"),
    [
        # Python 3.10 ends on 2026-10-31: reported only once that day is past
        ("FROM python:3.10-slim\n", BEFORE_PY310_EOL, []),
        ("FROM python:3.10-slim\n", _dt.date(2026, 10, 31), []),
        ("FROM python:3.10-slim\n", _dt.date(2026, 11, 1), [(1, 6)]),
        ("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.10\n", BEFORE_PY310_EOL, []),
        ("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.10\n", FIXED_TODAY, [(1, 6)]),
        # Node.js 20 ended on 2026-04-30, Debian 11 LTS on 2026-08-31
        ("FROM node:20\n", _dt.date(2026, 4, 30), []),
        ("FROM node:20\n", _dt.date(2026, 5, 1), [(1, 6)]),
        ("FROM debian:bullseye-slim\n", _dt.date(2026, 8, 31), []),
        ("FROM debian:bullseye-slim\n", _dt.date(2026, 9, 1), [(1, 6)]),
    ],
)
def test_date_aware(source: str, today: _dt.date, expected: list[tuple[int, int]]) -> None:
    assert positions(source, CODE, today=today) == expected


@pytest.mark.parametrize(
    ("source", "today", "message"),
    [
        (
            "FROM python:3.9.18-slim-bookworm\n",
            FIXED_TODAY,
            "`python:3.9.18-slim-bookworm`: Python 3.9 reached end of life on 2025-10-31: no security fixes;"
            " use `python:3.11-slim-bookworm`",
        ),
        # the suggestion is the oldest supported minor on the run's date
        (
            "FROM python:3.9-slim\n",
            BEFORE_PY310_EOL,
            "`python:3.9-slim`: Python 3.9 reached end of life on 2025-10-31: no security fixes;"
            " use `python:3.10-slim`",
        ),
        (
            "FROM node:20\n",
            FIXED_TODAY,
            "`node:20`: Node.js 20 reached end of life on 2026-04-30: no security fixes; use `node:22`",
        ),
        # every ended part of the tag, one replacement for all
        (
            "FROM python:3.9-slim-bullseye\n",
            FIXED_TODAY,
            "`python:3.9-slim-bullseye`: Python 3.9 reached end of life on 2025-10-31, Debian 11 (bullseye) variant"
            " of the python image on 2025-08-08: no security fixes; use `python:3.11-slim-bookworm`",
        ),
        # another image's tag scheme is unknown: say what the tag must contain
        (
            "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9\n",
            FIXED_TODAY,
            "`tiangolo/uvicorn-gunicorn-fastapi:python3.9`: Python 3.9 reached end of life on 2025-10-31: no security"
            " fixes; use a tag of this image with Python 3.11 or later",
        ),
        (
            "FROM nikolaik/python-nodejs:python3.9-nodejs18-bullseye\n",
            FIXED_TODAY,
            "`nikolaik/python-nodejs:python3.9-nodejs18-bullseye`: Python 3.9 reached end of life on 2025-10-31,"
            " Node.js 18 on 2025-04-30, Debian 11 (bullseye) on 2026-08-31: no security fixes; use a tag of this image"
            " with Python 3.11 or later and Node.js 22 or later and Debian 12 (bookworm) or later",
        ),
        # an ARG-built reference names what it came from
        (
            "ARG PYTHON_VERSION=3.8\nFROM python:${PYTHON_VERSION}-slim\n",
            FIXED_TODAY,
            "`python:3.8-slim` (from `python:${PYTHON_VERSION}-slim`): Python 3.8 reached end of life on 2024-10-07:"
            " no security fixes; use `python:3.11-slim`",
        ),
    ],
)
def test_messages(source: str, today: _dt.date, message: str) -> None:
    [finding] = lint(source, CODE, today=today)
    assert finding.message == message


def test_span_covers_the_image() -> None:
    [finding] = lint("FROM python:3.9-slim AS app\n", CODE)
    assert (finding.span.start_line, finding.span.start_column, finding.span.end_column) == (1, 6, 21)


def test_deprecated_and_eol_both_report() -> None:
    source = "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9\n"
    assert positions(source, "DF301") == [(1, 6)]
    assert positions(source, CODE) == [(1, 6)]


# --- the unsafe fix: the oldest supported minor, same variant, only where the official image builds it ---------------


@pytest.mark.parametrize(
    ("source", "fixed"),
    [
        ("FROM python:3.9\n", "FROM python:3.11\n"),
        ("FROM python:3.9-slim AS app\n", "FROM python:3.11-slim AS app\n"),
        ("from python:3.7-alpine as base\n", "from python:3.11-alpine as base\n"),
        ("FROM python:3.8-slim-bookworm\n", "FROM python:3.11-slim-bookworm\n"),
        ("FROM --platform=$BUILDPLATFORM python:3.10-slim\n", "FROM --platform=$BUILDPLATFORM python:3.11-slim\n"),
        ("FROM docker.io/library/python:3.6\n", "FROM docker.io/library/python:3.11\n"),
        ("FROM \\\n  python:3.9-slim \\\n  AS app\n", "FROM \\\n  python:3.11-slim \\\n  AS app\n"),
        # multi-stage: each stage's FROM, never a stage reference
        (
            "FROM python:3.9 AS build\nRUN true\nFROM build AS test\nFROM python:3.9-slim\n",
            "FROM python:3.11 AS build\nRUN true\nFROM build AS test\nFROM python:3.11-slim\n",
        ),
    ],
)
def test_fix(source: str, fixed: str) -> None:
    [finding, *_] = lint(source, CODE)
    assert finding.fix is not None and finding.fix.safe is False
    assert apply_fixes(source, CODE) == fixed


def test_fix_follows_the_date() -> None:
    assert apply_fixes("FROM python:3.9-slim\n", CODE, today=BEFORE_PY310_EOL) == "FROM python:3.10-slim\n"


@pytest.mark.parametrize(
    "source",
    [
        "FROM python:3.9.18-slim\n",  # a patch pin is the author's choice
        "FROM python:2.7\n",  # Python 2 to 3 is no bump
        "FROM python:3.9-slim-bullseye\n",  # the Debian release ended too
        "FROM python:3.9-alpine3.18\n",  # a retired Alpine release
        "FROM python:3.9-windowsservercore\n",
        f"FROM python:3.9-slim@{DIGEST}\n",
        "ARG PY=3.9\nFROM python:${PY}-slim\n",
        "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9\n",
        "FROM node:18\n",
        "FROM python:3.12-slim\nCOPY --from=python:3.9 /usr/local/bin/python3 /opt/\n",
        "FROM python:3.12-slim\nONBUILD COPY --from=python:3.9 /a /b\n",
    ],
)
def test_no_fix(source: str) -> None:
    findings = lint(source, CODE)
    assert findings, "still reported"
    assert all(finding.fix is None for finding in findings)
