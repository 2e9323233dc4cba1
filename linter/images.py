"""Image references as written after ``FROM`` (and ``COPY --from=``), parsed into registry, repository, tag, digest.

Follows the grammar of ``distribution/reference``: ``[registry/]path[:tag][@digest]``, where the first path
component is a registry only if it contains ``.`` or ``:`` or is ``localhost``. Docker Hub spellings
(``docker.io/library/python``, ``index.docker.io/python``, ``library/python``) normalise to ``python`` so that
rules compare one name. Repositories are lower-cased (Docker rejects upper case; we still parse it so a rule can
say what is wrong with the line instead of skipping it).
"""

from __future__ import annotations

from functools import lru_cache

from linter.records import Record
from linter.regex import lazy_compile

# Aliases under which Docker Hub is reachable; all normalise to ``registry=None``.
DOCKER_HUB_HOSTS = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})

# Hub's namespace for official images, dropped when it is the only namespace ("library/python" -> "python").
_OFFICIAL_NAMESPACE = "library/"

# A path component after lower-casing: alphanumerics joined by '.', '_', '__' or runs of '-'. The separators
# cannot match alphanumerics, so the nested repetition cannot backtrack catastrophically.
_PATH_COMPONENT = lazy_compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
# Hostname (upper case tolerated, lower-cased later) with optional port; IPv6 literals in brackets.
_REGISTRY = lazy_compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?"
)
_TAG = lazy_compile(r"[\w][\w.-]{0,127}")
_DIGEST = lazy_compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")


class ImageRef(Record):
    """A parsed image reference. ``registry`` is None for Docker Hub; ``repository`` is normalised."""

    raw: str
    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        """Registry and repository without tag or digest: ``ghcr.io/astral-sh/uv``, ``python``."""
        return f"{self.registry}/{self.repository}" if self.registry else self.repository

    @property
    def is_docker_hub(self) -> bool:
        return self.registry is None

    @property
    def is_official(self) -> bool:
        """A Docker Official Image: on Docker Hub, without a namespace (``python``, not ``tiangolo/…``)."""
        return self.registry is None and "/" not in self.repository

    @property
    def is_scratch(self) -> bool:
        """``FROM scratch``: the empty image, not pulled from anywhere."""
        return self.registry is None and self.repository == "scratch"

    @property
    def tag_or_latest(self) -> str:
        """The tag Docker pulls: an untagged, undigested reference means ``latest``."""
        return self.tag if self.tag is not None else "latest"


@lru_cache(maxsize=1024)  # a dozen rules parse the same few images, again at every edit of a file
def parse_image(text: str) -> ImageRef | None:
    """Parse an image reference, or return None if it is empty, unresolved (``$VAR``) or malformed."""
    reference = text.strip()
    # '$' means an ARG/ENV the caller did not substitute: the real image is unknown, so claim nothing about it.
    if not reference or "$" in reference or len(reference.split(None, 1)) > 1:  # whitespace inside
        return None

    name_and_tag, _, digest = reference.partition("@")
    if digest and not _DIGEST.fullmatch(digest):
        return None
    if "@" in reference and not digest:
        return None

    # A tag can only follow the last '/', which keeps "localhost:5000/app" from reading "5000/app" as a tag.
    last_slash = name_and_tag.rfind("/")
    colon = name_and_tag.find(":", last_slash + 1)
    if colon >= 0:
        path, tag = name_and_tag[:colon], name_and_tag[colon + 1 :]
        if not _TAG.fullmatch(tag):
            return None
    else:
        path, tag = name_and_tag, None

    registry: str | None = None
    first, slash, rest = path.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        if not _REGISTRY.fullmatch(first):
            return None
        registry = first.lower()
        path = rest

    repository = path.lower()
    if not repository or not all(_PATH_COMPONENT.fullmatch(component) for component in repository.split("/")):
        return None

    if registry in DOCKER_HUB_HOSTS:
        registry = None
    if registry is None and repository.startswith(_OFFICIAL_NAMESPACE) and repository.count("/") == 1:
        repository = repository[len(_OFFICIAL_NAMESPACE) :]
    return ImageRef(raw=reference, registry=registry, repository=repository, tag=tag, digest=digest or None)
