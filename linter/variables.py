"""What the variable rules (DF619-DF623) share: where an instruction's expandable texts are, which names are
declared where, and "did you mean" suggestions.

BuildKit expands variables in the words of ENV, LABEL, ARG defaults, WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE,
COPY and ADD (sources, destination, ``--chown``, ``--chmod``, ``--checksum`` and unquoted heredocs), in ``RUN
--mount`` options, and in ``FROM`` (with the global ARGs only). The shell text of RUN, CMD, ENTRYPOINT and HEALTHCHECK
is left to the shell, and ONBUILD triggers are expanded in the build that uses the image, with its variables.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Set
from itertools import islice
from typing import TypeVar

from linter.model import PLATFORM_ARGS, Dockerfile, Instruction
from linter.positions import Span
from linter.records import Record
from linter.source import dequote, shell_words

# Builder-provided ARGs that FROM may use without declaring them (BuildKit's global defaults).
BUILTIN_ARGS = frozenset(PLATFORM_ARGS) | {"TARGETSTAGE"}

# Predefined ARGs Docker accepts without an ARG instruction, and variables every Linux image or builder provides.
# A reference to one of these is never reported as undefined.
WELL_KNOWN_VARIABLES = frozenset(
    {
        "PATH",
        "HOME",
        "HOSTNAME",
        "USER",
        "PWD",
        "SHELL",
        "TERM",
        "LANG",
        "LANGUAGE",
        "LC_ALL",
        "TZ",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "FTP_PROXY",
        "NO_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "ftp_proxy",
        "no_proxy",
        "all_proxy",
        "SOURCE_DATE_EPOCH",
    }
)

# Environment variables that popular official base images set (python, node, golang, openjdk/eclipse-temurin, ruby,
# php, nginx, httpd, postgres, mysql/mariadb, redis, mongo, tomcat, maven, gradle, rust, dotnet, conda/mamba...).
# A stage built on an image sees them although this file never declares them.
COMMON_IMAGE_VARIABLES = frozenset(
    {
        "PYTHON_VERSION",
        "PYTHON_SHA256",
        "PYTHON_PIP_VERSION",
        "PYTHON_SETUPTOOLS_VERSION",
        "PYTHON_GET_PIP_URL",
        "PYTHON_GET_PIP_SHA256",
        "GPG_KEY",
        "NODE_VERSION",
        "YARN_VERSION",
        "GOLANG_VERSION",
        "GOPATH",
        "GOTOOLCHAIN",
        "JAVA_HOME",
        "JAVA_VERSION",
        "JDK_VERSION",
        "JRE_VERSION",
        "RUBY_VERSION",
        "RUBY_MAJOR",
        "RUBY_DOWNLOAD_SHA256",
        "RUBY_DOWNLOAD_URL",
        "GEM_HOME",
        "BUNDLE_APP_CONFIG",
        "BUNDLE_SILENCE_ROOT_WARNING",
        "PHP_VERSION",
        "PHP_INI_DIR",
        "PHPIZE_DEPS",
        "PHP_URL",
        "PHP_ASC_URL",
        "PHP_SHA256",
        "PHP_CFLAGS",
        "PHP_CPPFLAGS",
        "PHP_LDFLAGS",
        "APACHE_CONFDIR",
        "APACHE_ENVVARS",
        "NGINX_VERSION",
        "NJS_VERSION",
        "NJS_RELEASE",
        "PKG_RELEASE",
        "DYNPKG_RELEASE",
        "HTTPD_PREFIX",
        "HTTPD_VERSION",
        "PG_MAJOR",
        "PG_VERSION",
        "PGDATA",
        "MYSQL_MAJOR",
        "MYSQL_VERSION",
        "MARIADB_VERSION",
        "REDIS_VERSION",
        "MONGO_VERSION",
        "MONGO_MAJOR",
        "TOMCAT_VERSION",
        "TOMCAT_MAJOR",
        "CATALINA_HOME",
        "MAVEN_HOME",
        "MAVEN_CONFIG",
        "GRADLE_HOME",
        "GRADLE_VERSION",
        "RUSTUP_HOME",
        "CARGO_HOME",
        "RUST_VERSION",
        "DOTNET_VERSION",
        "ASPNET_VERSION",
        "ASPNETCORE_URLS",
        "ASPNETCORE_HTTP_PORTS",
        "APP_UID",
        "DOTNET_RUNNING_IN_CONTAINER",
        "CONDA_DIR",
        "CONDA_PREFIX",
        "MAMBA_ROOT_PREFIX",
        "MAMBA_USER",
        "VIRTUAL_ENV",
        "DEBIAN_FRONTEND",
        "ERLANG_VERSION",
        "OTP_VERSION",
        "ELIXIR_VERSION",
        "PERL_VERSION",
        "LD_LIBRARY_PATH",
        "NVIDIA_VISIBLE_DEVICES",
        "NVIDIA_DRIVER_CAPABILITIES",
        "CUDA_VERSION",
        "NV_CUDA_CUDART_VERSION",
    }
)


class Piece(Record):
    """A text BuildKit expands, with offsets into ``instruction.text`` (or into a heredoc body)."""

    text: str
    start: int  # offset of ``text`` in its source (instruction text or heredoc body)
    span_of: Callable[[int, int], Span]  # offsets relative to ``text`` -> file span

    def span(self, start: int, end: int) -> Span:
        return self.span_of(start, end)


class RawPair(Record):
    """One pair of ENV, LABEL or ARG with the raw (still quoted, unexpanded) key and value and their offsets."""

    key: str
    key_start: int
    value: str | None  # None: ``ARG NAME`` without a default
    value_start: int
    legacy: bool  # ``ENV key value`` without ``=``


def raw_pairs(instruction: Instruction) -> list[RawPair]:
    """ENV/LABEL/ARG pairs as written; offsets are into ``instruction.text``."""
    base = instruction.arguments_offset
    words = shell_words(instruction.arguments)
    if not words:
        return []
    if instruction.keyword in ("ENV", "LABEL") and "=" not in words[0][2]:
        start, end, key = words[0]
        rest = instruction.arguments[end:]
        stripped = rest.lstrip(" \t")
        value_start = end + len(rest) - len(stripped)
        return [RawPair(key, base + start, stripped.rstrip(), base + value_start, legacy=True)]
    pairs = []
    for start, _end, word in words:
        key, has_value, value = word.partition("=")
        value_start = base + start + len(key) + 1
        pairs.append(RawPair(key, base + start, value if has_value else None, value_start, legacy=False))
    return pairs


def _text_piece(instruction: Instruction, start: int, end: int) -> Piece:
    return Piece(instruction.text[start:end], start, lambda a, b: instruction.span_of(start + a, start + b))


def flag_offsets(instruction: Instruction) -> list[tuple[str, int, int, int]]:
    """The flags before the arguments as (name, start, value_start, end) offsets into ``instruction.text``.

    ``value_start`` is where the value begins after ``=`` (equal to ``end`` for a bare flag).
    """
    keyword_end = len(instruction.keyword_text)
    head = instruction.text[keyword_end : instruction.arguments_offset]
    found = []
    for start, end, word in shell_words(head):
        if not word.startswith("--"):
            break
        name, has_value, _value = word[2:].partition("=")
        value_start = start + 2 + len(name) + 1 if has_value else end
        found.append((name.lower(), keyword_end + start, keyword_end + value_start, keyword_end + end))
    return found


# Instructions whose arguments BuildKit expands with the stage's variables, and the flags it expands.
_EXPANDED_ARGUMENTS = frozenset(
    {"ENV", "LABEL", "ARG", "WORKDIR", "USER", "VOLUME", "STOPSIGNAL", "EXPOSE", "COPY", "ADD"}
)
_EXPANDED_FLAGS = {"COPY": ("chown", "chmod"), "ADD": ("chown", "chmod", "checksum"), "RUN": ("mount",)}


def may_expand_variables(instruction: Instruction) -> bool:
    """Whether a text :func:`expansion_pieces` yields may reference a variable (has a `$`): a cheap test before
    splitting them. Most RUNs have a `$` only in their script, which BuildKit leaves to the shell."""
    keyword = instruction.keyword
    if keyword in _EXPANDED_ARGUMENTS:
        return "$" in instruction.text or any("$" in heredoc.body for heredoc in instruction.heredocs)
    return keyword in _EXPANDED_FLAGS and "$" in instruction.text[: instruction.arguments_offset]


def expansion_pieces(instruction: Instruction) -> Iterator[Piece]:
    """The texts of an instruction that BuildKit expands with the stage's variables (not FROM, not ONBUILD)."""
    keyword = instruction.keyword
    if keyword in ("ENV", "LABEL", "ARG"):
        for pair in raw_pairs(instruction):
            if keyword != "ARG":
                yield _text_piece(instruction, pair.key_start, pair.key_start + len(pair.key))
            if pair.value is not None:
                yield _text_piece(instruction, pair.value_start, pair.value_start + len(pair.value))
        return
    if keyword in ("WORKDIR", "USER", "VOLUME", "STOPSIGNAL", "EXPOSE", "COPY", "ADD"):
        text = instruction.arguments.rstrip()
        start = instruction.arguments_offset
        if instruction.heredocs and keyword in ("COPY", "ADD"):
            yield from _heredoc_pieces(instruction)
        yield _text_piece(instruction, start, start + len(text))
    expanded_flags = _EXPANDED_FLAGS.get(keyword)
    if expanded_flags is None:
        return
    for name, _start, value_start, end in flag_offsets(instruction):
        if name in expanded_flags and value_start < end:
            yield _text_piece(instruction, value_start, end)


def _heredoc_pieces(instruction: Instruction) -> Iterator[Piece]:
    for heredoc in instruction.heredocs:
        body_map = heredoc.body_map
        if heredoc.expand and body_map is not None and heredoc.body:
            yield Piece(heredoc.body, 0, body_map.span)


class PortSpec(Record):
    """One port of an EXPOSE, split as BuildKit splits ``[ip:][host_port:]port[/protocol]``."""

    instruction: Instruction
    written: str  # the word as written (quotes included)
    value: str  # after variable substitution and quote removal
    start: int  # offsets of the written word in ``instruction.text``
    end: int
    literal: bool  # written without variables: offsets inside ``value`` map to the file
    ip: str
    host_port: str
    port: str
    protocol: str  # as written; "" when absent (BuildKit then uses tcp)

    @property
    def span(self) -> Span:
        return self.instruction.span_of(self.start, self.end)

    @property
    def shown(self) -> str:
        """How to quote the port in a message: "`EXPOSE 80/TCP`" or "`EXPOSE $PORT` (= `80/TCP`)"."""
        if self.literal:
            return f"`EXPOSE {self.written}`"
        return f"`EXPOSE {self.written}` (= `{self.value}`)"

    @property
    def protocol_offset(self) -> int | None:
        """Offset of the protocol in ``instruction.text`` when the word is literal and unquoted."""
        if not self.literal or not self.protocol or self.written != self.value:
            return None
        return self.end - len(self.protocol)


def expose_ports(instruction: Instruction) -> list[PortSpec]:
    """The port specs of an EXPOSE (or ONBUILD EXPOSE trigger) whose value is known.

    Words with variables are substituted with the stage's ARG/ENV values and skipped when a value is unknown (always
    in ONBUILD triggers, which expand in the build that uses the image).
    """
    if instruction.keyword != "EXPOSE":
        return []
    specs = []
    for start, end, written in instruction.words:
        literal = "$" not in written
        if literal:
            value = written
        elif instruction.is_trigger:
            continue
        else:
            value, known = instruction.expand(written)
            if not known:
                continue
        for part in value.split():
            part = dequote(part)
            parts = part.split(":")
            if len(parts) == 1:
                ip, host, container = "", "", parts[0]
            else:
                ip, host, container = ":".join(parts[:-2]), parts[-2], parts[-1]
            port, _, protocol = container.partition("/")
            specs.append(PortSpec(instruction, written, part, start, end, literal, ip, host, port, protocol))
    return specs


_Name = TypeVar("_Name")


class DeclaredNames(Set[str]):
    """The names declared (ARG or ENV) before one instruction: a prefix of its stage chain's declarations.

    Every instruction of a chain shares one table of the names in the order they were first declared, so that the
    scopes of a file take linear time to build (a copy of the names per instruction made 3,000 ENVs take 0.4 s).
    """

    __slots__ = ("_count", "_first", "_size")

    def __init__(self, first: dict[str, int], count: int, size: int) -> None:
        self._first = first  # name -> how many declarations came before its first one, in declaration order
        self._count = count  # the declarations before this instruction
        self._size = size  # how many distinct names they declare: the first ``size`` entries of ``first``

    def __contains__(self, name: object) -> bool:
        position = self._first.get(name)  # type: ignore[call-overload]
        return position is not None and position < self._count

    def __iter__(self) -> Iterator[str]:
        return islice(self._first, self._size)

    def __len__(self) -> int:
        return self._size

    @classmethod
    def _from_iterable(cls, names: Iterable[_Name]) -> frozenset[_Name]:  # what `|`, `&` and `-` return
        return frozenset(names)

    def __repr__(self) -> str:
        return f"DeclaredNames({sorted(self)!r})"


class Scope(Record):
    """Names declared (ARG or ENV) before an instruction, in its stage and the stages it is built from."""

    declared: Set[str]
    root_is_scratch: bool  # the stage chain starts FROM scratch: no environment comes from an image


def scopes(dockerfile: Dockerfile) -> dict[int, Scope]:
    """The scope before each instruction inside a stage, by ``Instruction.index`` (ONBUILD triggers excluded)."""
    result: dict[int, Scope] = {}
    at_end: dict[int, tuple[dict[str, int], int, bool]] = {}  # stage index -> (first declarations, count, scratch)
    for stage in dockerfile.stages:
        if stage.base_stage_index is not None and stage.base_stage_index in at_end:
            inherited, count, scratch = at_end[stage.base_stage_index]
        else:
            inherited, count, scratch = {}, 0, (stage.base_image or "").lower() == "scratch"
        # Shared with the base stage until this stage declares a name of its own (then copied once).
        first, owned = inherited, False
        for instruction in stage.body:
            result[instruction.index] = Scope(DeclaredNames(first, count, len(first)), scratch)
            if instruction.keyword in ("ARG", "ENV"):
                for pair in instruction.key_values:
                    if pair.key not in first:
                        if not owned:
                            first, owned = dict(first), True
                        first[pair.key] = count
                count += 1  # one more declaration: the names declared so far stay visible after it
        at_end[stage.index] = (first, count, scratch)
    return result


def edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it is certainly above ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


# Names that "did you mean" may look through for one rule in one file. A hand-written Dockerfile needs a few
# thousand at most (50 unknown references among 100 declared names: 5,000); a generated one with thousands of both
# would otherwise compare every reference with every name (3,000 of each: 20 s).
SUGGESTION_BUDGET = 100_000


class Suggester:
    """:func:`suggest` for one rule over one file, within :data:`SUGGESTION_BUDGET`: once the names it has looked
    through reach the budget, it suggests nothing more (deterministically: in the order the rule asks)."""

    def __init__(self, budget: int = SUGGESTION_BUDGET) -> None:
        self.remaining = budget

    def suggest(self, name: str, *vocabularies: Collection[str]) -> str | None:
        size = sum(len(vocabulary) for vocabulary in vocabularies)
        if size > self.remaining:
            self.remaining = 0
            return None
        self.remaining -= size
        return suggest(name, (option for vocabulary in vocabularies for option in vocabulary))


def suggest(name: str, options: Iterable[str]) -> str | None:
    """The declared name ``name`` is most likely a typo of: the same name in other letter case, or one at most one
    edit away (two for names of 8 characters or more). None when nothing is that close."""
    candidates = sorted(set(options) - {name})
    for option in candidates:
        if option.lower() == name.lower():
            return option
    if len(name) < 4:
        return None
    limit = 2 if len(name) >= 8 else 1
    best: tuple[int, str] | None = None
    for option in candidates:
        distance = edit_distance(name.upper(), option.upper(), limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, option)
    return best[1] if best else None
