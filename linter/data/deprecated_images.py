"""Docker Hub images whose maintainers deprecated them, with the replacement each notice points to.

Sources are the ``deprecated.md`` notices of ``docker-library/docs`` (current ones at ``c4a9ba4``, 2026-08-21;
removed images at the last commit that carried the notice) and the tiangolo image READMEs. Where a notice names no
successor, the advice says so rather than guessing one (a wrong "replacement" such as ``almalinux:7`` is worse than
none). Only Docker Hub repositories are matched: ``ghcr.io/foo/openjdk`` is somebody else's image.

NOT deprecated, despite notices on their pages: ``elasticsearch``, ``kibana``, ``logstash``, ``rethinkdb`` (docs kept),
``rockylinux`` (updates are published under ``rockylinux/rockylinux`` for now), ``nextcloud`` (support disclaimer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from linter.images import ImageRef, parse_image
from linter.records import Record
from linter.regex import lazy_compile

NO_SUCCESSOR = "no maintained replacement image; see the notice"


class Deprecation(Record):
    repository: str  # normalised Docker Hub repository ("openjdk", "tiangolo/uvicorn-gunicorn-fastapi")
    replacement: str  # advice, not necessarily a single image name
    reason: str
    source: str  # "repo@commit path" of the notice, plus related issues or PRs
    since: str = ""  # date (or month) the notice gives for the deprecation or the last update; "" if it gives none
    tags: str = "all tags"  # which tags the notice covers, for messages
    tag_pattern: str | None = None  # regex (fullmatch) on the tag, "latest" when untagged; None = every tag


_TIANGOLO_README = "tiangolo/uvicorn-gunicorn-fastapi-docker/README.md@072ed47"
_FASTAPI_DOCKER_DOCS = "fastapi/fastapi/docs/en/docs/deployment/docker.md@0d23229"
_CURRENT_DOCS = "docker-library/docs@c4a9ba4"

DEPRECATED_IMAGES: tuple[Deprecation, ...] = (
    # --- Python / FastAPI (domain.md §2.3): deprecated 2024-08-25, the same day, by their author.
    Deprecation(
        repository="tiangolo/uvicorn-gunicorn-fastapi",
        replacement="the official `python` image (a `-slim` tag) running `fastapi run` or `uvicorn`"
        " (add `--workers N` only when the container is not replicated by an orchestrator)",
        reason="deprecated by its author: there is no need for it, Uvicorn manages workers itself (`--workers`);"
        " tags for Python 3.9 and older are no longer built",
        source=f"{_TIANGOLO_README}; tiangolo/uvicorn-gunicorn-fastapi-docker#303; {_FASTAPI_DOCKER_DOCS}",
        since="2024-08-25",
    ),
    Deprecation(
        repository="tiangolo/uvicorn-gunicorn",
        replacement="the official `python` image (a `-slim` tag) running `uvicorn` (with `--workers N` if needed)",
        reason="deprecated by its author together with uvicorn-gunicorn-fastapi: Uvicorn manages workers itself",
        source=f"tiangolo/uvicorn-gunicorn-docker#225; {_TIANGOLO_README}",
        since="2024-08-25",
    ),
    Deprecation(
        repository="tiangolo/uvicorn-gunicorn-starlette",
        replacement="the official `python` image (a `-slim` tag) running `uvicorn` (with `--workers N` if needed)",
        reason="deprecated by its author together with uvicorn-gunicorn-fastapi: Uvicorn manages workers itself",
        source=f"tiangolo/uvicorn-gunicorn-starlette-docker#183; {_TIANGOLO_README}",
        since="2024-08-25",
    ),
    # --- Official images with a current deprecation notice.
    Deprecation(
        repository="openjdk",
        replacement="a maintained JDK image such as `eclipse-temurin`, `amazoncorretto`, `ibm-semeru-runtimes`"
        " or `sapmachine`",
        reason="officially deprecated; users should move to a replacement ASAP (only early-access tags are"
        " updated after July 2022)",
        source=f"{_CURRENT_DOCS} openjdk/deprecated.md; docker-library/openjdk#505",
        since="2022-07",
        tags="all tags except early-access and release-candidate builds",
        # Early-access ("26-ea-jdk-slim") and release-candidate ("27-rc-windowsservercore-ltsc2022", tagged since
        # docker-library/openjdk#511) builds keep receiving updates and have no equivalent elsewhere.
        tag_pattern=r"(?!\d+-(?:ea|rc)(?:-|$)).*",
    ),
    Deprecation(
        repository="amazonlinux",
        replacement="`amazonlinux:2023`",
        reason="Amazon Linux 1 (2018.03) reached end of life on 2023-12-31",
        source=f"{_CURRENT_DOCS} amazonlinux (notice on tags 1 and 2018.03)",
        since="2023-12-31",
        tags="tags 1 and 2018.03",
        tag_pattern=r"(?:1|2018\.03)(?:[.-].*)?",
    ),
    Deprecation(
        repository="clefos",
        replacement=NO_SUCCESSOR,
        reason="CentOS 7, which it is built from, reached end of life on 2024-06-30",
        source=f"{_CURRENT_DOCS} clefos/deprecated.md; docker-library/official-images#7964",
        since="2024-06-30",
    ),
    Deprecation(
        repository="clearlinux",
        replacement=f"{NO_SUCCESSOR} (migrate to another maintained distribution)",
        reason="Intel stopped all maintenance and security patches for Clear Linux OS on 2025-07-18",
        source=f"{_CURRENT_DOCS} clearlinux/deprecated.md",
        since="2025-07-18",
    ),
    Deprecation(
        repository="unit",
        replacement=NO_SUCCESSOR,
        reason="NGINX Unit is archived and unmaintained since October 2025: no release or security updates",
        source=f"{_CURRENT_DOCS} unit/deprecated.md",
        since="2025-10",
    ),
    Deprecation(
        repository="mongo-express",
        replacement=NO_SUCCESSOR,
        reason="deprecated due to maintainer inactivity (last updated April 2024)",
        source=f"{_CURRENT_DOCS} mongo-express/deprecated.md; docker-library/official-images#16597",
    ),
    Deprecation(
        repository="php-zendserver",
        replacement=NO_SUCCESSOR,
        reason="not actively maintained for years; users should seek alternatives",
        source=f"{_CURRENT_DOCS} php-zendserver/deprecated.md",
    ),
    Deprecation(
        repository="emqx",
        replacement="`emqx/emqx` (EMQX 5.9.0+, Business Source License 1.1) or `emqx/emqx-enterprise`",
        reason="EMQX stopped publishing the official image; 5.9.0 and later ship only under the `emqx/` namespace",
        source=f"{_CURRENT_DOCS} emqx/deprecated.md",
    ),
    Deprecation(
        repository="liquibase",
        replacement="`liquibase/liquibase` (or `liquibase/liquibase-secure` with a licence key);"
        " database drivers must now be added explicitly",
        reason="deprecated with the release of Liquibase 5.0; only patch updates follow",
        source=f"{_CURRENT_DOCS} liquibase/deprecated.md",
    ),
    Deprecation(
        repository="notary",
        replacement=NO_SUCCESSOR,
        reason="the upstream Notary project was archived on 2025-07-30",
        source=f"{_CURRENT_DOCS} notary/deprecated.md; notaryproject/.github#70",
        since="2025-07-30",
    ),
    Deprecation(
        repository="plone",
        replacement="Plone 6 images `plone/plone-backend` and `plone/plone-frontend`",
        reason="Plone 4.x is no longer supported and Plone 5.x left security support on 2024-10-31",
        source=f"{_CURRENT_DOCS} plone/deprecated.md",
        since="2024-10-31",
        tags="Plone 4.x and 5.x tags",
        # The official repository only ever carried 4.x and 5.x, so named tags ("latest", "python38") are 4/5 too.
        tag_pattern=r"[45](?:[.-].*)?|[^0-9].*",
    ),
    # --- Official images deprecated and later removed from the library (notice at its last commit).
    Deprecation(
        repository="centos",
        replacement="a maintained EL-compatible image such as `almalinux` or `rockylinux/rockylinux`"
        " (there is no CentOS 7 drop-in)",
        reason="all tags are end of life (2024-06-30); removed from the official images on 2024-07-29",
        source="docker-library/docs@1815caa centos/deprecated.md; docker-library/official-images#17094",
        since="2024-06-30",
    ),
    Deprecation(
        repository="java",
        replacement="a maintained JDK image such as `eclipse-temurin` or `amazoncorretto`"
        " (its successor `openjdk` is deprecated too)",
        reason="deprecated in favour of `openjdk`; no updates after 2016-12-31",
        source="docker-library/docs@f0529fd java/deprecated.md",
        since="2016-12-31",
    ),
    Deprecation(
        repository="django",
        replacement="the official `python` image, installing Django from your requirements",
        reason="deprecated in favour of `python`; no updates after 2016-12-31",
        source="docker-library/docs@ad766d6 django/deprecated.md",
        since="2016-12-31",
    ),
    Deprecation(
        repository="celery",
        replacement="the official `python` image, installing Celery with the application",
        reason="deprecated in favour of `python`; no updates after 2017-06-01",
        source="docker-library/docs@64f07ea celery/deprecated.md; docker-library/celery#1",
        since="2017-06-01",
    ),
    Deprecation(
        repository="rails",
        replacement="the official `ruby` image, installing Rails from your Gemfile",
        reason="deprecated in favour of `ruby`; no updates after 2016-12-31",
        source="docker-library/docs@855c896 rails/deprecated.md",
        since="2016-12-31",
    ),
    Deprecation(
        repository="sentry",
        replacement="self-hosted Sentry (https://develop.sentry.dev/self-hosted/), which runs `getsentry/sentry`",
        reason="deprecated in favour of the full self-hosted installation (last updated July 2019)",
        source="docker-library/docs@535c207 sentry/deprecated.md; getsentry/docker-sentry#189",
        since="2019-07",
    ),
    Deprecation(
        repository="iojs",
        replacement="the official `node` image",
        reason="io.js merged back into Node.js (v4 and later); there are no further io.js releases",
        source="docker-library/docs@d23afbb iojs/deprecated.md",
    ),
    Deprecation(
        repository="adoptopenjdk",
        replacement="`eclipse-temurin`",
        reason="deprecated in favour of `eclipse-temurin`; no updates after 2021-08-01",
        source="docker-library/docs@4baab4b adoptopenjdk/deprecated.md",
        since="2021-08-01",
    ),
    Deprecation(
        repository="consul",
        replacement="`hashicorp/consul`",
        reason="HashiCorp stopped publishing the official image with Consul 1.16; only its Verified Publisher"
        " image is updated",
        source="docker-library/docs@9a63f72 consul/deprecated.md",
    ),
    Deprecation(
        repository="vault",
        replacement="`hashicorp/vault`",
        reason="HashiCorp stopped publishing the official image with Vault 1.14; only its Verified Publisher"
        " image is updated",
        source="docker-library/docs@7bf1c07 vault/deprecated.md",
    ),
    Deprecation(
        repository="jenkins",
        replacement="`jenkins/jenkins` (e.g. `jenkins/jenkins:lts`)",
        reason="deprecated in favour of the Jenkins project's own image; no updates after LTS 2.60.x",
        source="docker-library/docs@6f3f009 jenkins/deprecated.md",
    ),
    Deprecation(
        repository="owncloud",
        replacement="`owncloud/server`",
        reason="deprecated in favour of ownCloud's own image; no updates after 2018-12-31",
        source="docker-library/docs@40ad075 owncloud/deprecated.md",
        since="2018-12-31",
    ),
    Deprecation(
        repository="piwik",
        replacement="the official `matomo` image (Piwik was renamed Matomo)",
        reason="deprecated in favour of `matomo`; no updates after 2018-09-30",
        source="docker-library/docs@8a60bb0 piwik/deprecated.md",
        since="2018-09-30",
    ),
    Deprecation(
        repository="glassfish",
        replacement="`glassfish/server`, which the notice points to (check that it is still maintained)",
        reason="abandoned by its maintainer and deprecated",
        source="docker-library/docs@1d338bb glassfish/deprecated.md",
    ),
    Deprecation(
        repository="mono",
        replacement=NO_SUCCESSOR,
        reason="deprecated due to maintainer inactivity (last updated June 2022)",
        source="docker-library/docs@0047507 mono/deprecated.md; docker-library/official-images#12682",
    ),
    Deprecation(
        repository="fsharp",
        replacement="Microsoft's .NET SDK image `mcr.microsoft.com/dotnet/sdk`",
        reason="removed in favour of the official .NET SDK image",
        source="docker-library/docs@0caff00 fsharp/deprecated.md",
    ),
    Deprecation(
        repository="swarm",
        replacement="Swarm mode built into Docker Engine (`docker swarm init`) or another orchestrator; no image",
        reason="Classic Swarm is archived and no longer developed",
        source="docker-library/docs@8e82c95 swarm/deprecated.md",
    ),
    Deprecation(
        repository="ubuntu-upstart",
        replacement="the official `ubuntu` image",
        reason="deprecated (Upstart is no longer Ubuntu's init system); no further updates",
        source="docker-library/docs@f93fa9e ubuntu-upstart/deprecated.md",
    ),
    Deprecation(
        repository="ubuntu-debootstrap",
        replacement="the official `ubuntu` image",
        reason="deprecated in favour of `ubuntu`; no further updates",
        source="docker-library/docs@f3b3a7c ubuntu-debootstrap/deprecated.md",
    ),
    Deprecation(
        repository="nats-streaming",
        replacement="the official `nats` image with JetStream enabled (`-js`)",
        reason="NATS Streaming Server is deprecated (fixes ended June 2023); JetStream provides persistence",
        source="docker-library/docs@d204a2f nats-streaming/deprecated.md",
        since="2023-06",
    ),
    Deprecation(
        repository="express-gateway",
        replacement=NO_SUCCESSOR,
        reason="the Express Gateway project is no longer maintained",
        source="docker-library/docs@9a94ae1 express-gateway/deprecated.md; ExpressGateway/express-gateway#1011",
    ),
)

_BY_REPOSITORY: dict[str, Deprecation] = {entry.repository: entry for entry in DEPRECATED_IMAGES}
_TAG_PATTERNS: dict[str, re.Pattern[str]] = {
    entry.repository: lazy_compile(entry.tag_pattern) for entry in DEPRECATED_IMAGES if entry.tag_pattern is not None
}

_CONFIGURED_REASON = "listed as deprecated in the lintainer configuration"


@lru_cache(maxsize=256)
def _configured_image(key: str) -> ImageRef | None:
    # Configuration keys are parsed like FROM lines so "library/foo", "docker.io/foo" and "foo" agree.
    return parse_image(key)


def _find_configured(ref: ImageRef, extra: Iterable[tuple[str, str]]) -> Deprecation | None:
    for key, replacement in extra:
        configured = _configured_image(key)
        if configured is None or configured.name != ref.name:
            continue
        # A key with a tag ("myorg/base:1") deprecates only that tag.
        if configured.tag is not None and configured.tag != ref.tag:
            continue
        return Deprecation(
            repository=configured.name,
            replacement=replacement,
            reason=_CONFIGURED_REASON,
            source="configuration",
            tags="all tags" if configured.tag is None else f"tag {configured.tag}",
        )
    return None


def find_deprecation(ref: ImageRef, extra: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> Deprecation | None:
    """The deprecation notice covering ``ref``, if any.

    ``extra`` comes from the user's configuration (image -> replacement advice, as a mapping or as pairs) and
    takes precedence over the built-in table, so a project can reword or extend it.
    """
    pairs = extra.items() if isinstance(extra, Mapping) else extra
    configured = _find_configured(ref, pairs)
    if configured is not None:
        return configured
    if not ref.is_docker_hub:
        return None
    entry = _BY_REPOSITORY.get(ref.repository)
    if entry is None:
        return None
    pattern = _TAG_PATTERNS.get(entry.repository)
    if pattern is not None and not pattern.fullmatch(ref.tag_or_latest):
        return None
    return entry
