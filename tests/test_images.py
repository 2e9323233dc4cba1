"""Parsing of image references (``linter.images``)."""

from __future__ import annotations

import time

import pytest

from linter.images import ImageRef, parse_image

DIGEST = "sha256:" + "a" * 64


@pytest.mark.parametrize(
    ("text", "registry", "repository", "tag", "digest"),
    [
        # Docker Hub, official images and every spelling of them
        ("python", None, "python", None, None),
        ("python:3.12-slim", None, "python", "3.12-slim", None),
        ("library/python:3.12", None, "python", "3.12", None),
        ("docker.io/python:3.12", None, "python", "3.12", None),
        ("docker.io/library/python:3.12", None, "python", "3.12", None),
        ("index.docker.io/library/python", None, "python", None, None),
        ("registry-1.docker.io/library/python:3", None, "python", "3", None),
        # Docker Hub namespaces are kept
        ("tiangolo/uvicorn-gunicorn-fastapi:python3.11", None, "tiangolo/uvicorn-gunicorn-fastapi", "python3.11", None),
        ("docker.io/tiangolo/uvicorn-gunicorn-fastapi", None, "tiangolo/uvicorn-gunicorn-fastapi", None, None),
        # Other registries: a first component with '.', ':' or "localhost"
        ("ghcr.io/astral-sh/uv:0.12.5", "ghcr.io", "astral-sh/uv", "0.12.5", None),
        ("registry.example.com:5000/team/app:1.0", "registry.example.com:5000", "team/app", "1.0", None),
        ("localhost:5000/x", "localhost:5000", "x", None, None),
        ("localhost:5000/x:dev", "localhost:5000", "x", "dev", None),
        ("localhost/x", "localhost", "x", None, None),
        ("mcr.microsoft.com/dotnet/sdk:8.0", "mcr.microsoft.com", "dotnet/sdk", "8.0", None),
        # ghcr.io keeps a "library/" namespace: only Docker Hub has the implicit one
        ("ghcr.io/library/python:3", "ghcr.io", "library/python", "3", None),
        # Digests, alone and with a tag
        (f"python@{DIGEST}", None, "python", None, DIGEST),
        (f"python:3.12-slim@{DIGEST}", None, "python", "3.12-slim", DIGEST),
        (f"localhost:5000/x:1@{DIGEST}", "localhost:5000", "x", "1", DIGEST),
        # Upper case is invalid for Docker but parsed (repository lower-cased, tag kept)
        ("Python:3.12-SLIM", None, "python", "3.12-SLIM", None),
        ("GHCR.IO/Org/App:v1", "ghcr.io", "org/app", "v1", None),
        # Surrounding whitespace
        ("  python:3.12\n", None, "python", "3.12", None),
        ("python:3.12\t ", None, "python", "3.12", None),
        # Separators allowed inside path components
        ("my_org/my.app__x:1", None, "my_org/my.app__x", "1", None),
    ],
)
def test_parse_image(text: str, registry: str | None, repository: str, tag: str | None, digest: str | None) -> None:
    ref = parse_image(text)
    assert ref is not None
    assert (ref.registry, ref.repository, ref.tag, ref.digest) == (registry, repository, tag, digest)
    assert ref.raw == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        # unresolved build arguments: the real image is unknown
        "$BASE",
        "${BASE}",
        "${BASE:-python:3.12}",
        "python:${PY_VERSION}-slim",
        "$REGISTRY:8099/img",
        "ghcr.io/$ORG/app",
        "python@${DIGEST}",
        # malformed
        "python:",
        "python@",
        "python@sha256:xyz",
        ":3.12",
        "/python",
        "python/",
        "a//b",
        "python 3.12",
        "python:3.12:-3.11}-slim",  # dockerfile-parse mangling of ${PYVER:-3.11} (parsing.md)
        "python:-slim",
        "-python",
        "python:" + "x" * 200,
    ],
)
def test_parse_image_rejects(text: str) -> None:
    assert parse_image(text) is None


def test_scratch_is_parsed_and_flagged() -> None:
    ref = parse_image("scratch")
    assert ref is not None
    assert ref.is_scratch
    assert ref.is_official
    assert ref.tag is None


@pytest.mark.parametrize("text", ["python", "busybox:1.36", "myscratch", "ghcr.io/x/scratch", "scratchy/scratch"])
def test_not_scratch(text: str) -> None:
    ref = parse_image(text)
    assert ref is not None
    assert not ref.is_scratch


@pytest.mark.parametrize(
    ("text", "name", "docker_hub", "official"),
    [
        ("python:3.12", "python", True, True),
        ("docker.io/library/python", "python", True, True),
        ("tiangolo/uvicorn-gunicorn-fastapi", "tiangolo/uvicorn-gunicorn-fastapi", True, False),
        ("ghcr.io/foo/openjdk:17", "ghcr.io/foo/openjdk", False, False),
        ("localhost:5000/x", "localhost:5000/x", False, False),
        ("quay.io/python", "quay.io/python", False, False),
    ],
)
def test_name_and_hub_properties(text: str, name: str, docker_hub: bool, official: bool) -> None:
    ref = parse_image(text)
    assert ref is not None
    assert (ref.name, ref.is_docker_hub, ref.is_official) == (name, docker_hub, official)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("python", "latest"), (f"python@{DIGEST}", "latest"), ("python:3.12", "3.12")],
)
def test_tag_or_latest(text: str, expected: str) -> None:
    ref = parse_image(text)
    assert ref is not None
    assert ref.tag_or_latest == expected


def test_image_ref_is_hashable_and_immutable() -> None:
    ref = parse_image("python:3.12")
    assert ref is not None
    assert hash(ref) == hash(parse_image("python:3.12"))
    assert ref == ImageRef(raw="python:3.12", registry=None, repository="python", tag="3.12", digest=None)
    with pytest.raises(AttributeError):
        ref.tag = "3.13"  # type: ignore[misc]


def test_pathological_input_is_fast() -> None:
    # Inputs shaped to make a backtracking regex explode must still be rejected promptly.
    start = time.perf_counter()
    for text in ("a" + "-" * 5000 + "!", "a." * 5000 + "!", "a" + "_a" * 5000 + "_", "x/" * 3000 + "!"):
        assert parse_image(text) is None
    assert time.perf_counter() - start < 0.5
