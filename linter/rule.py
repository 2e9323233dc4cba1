"""What a rule is, what it reports, and what it may know about the run.

A rule is a module in ``rules/`` (or a third-party module exposed through the ``lintainer.rules`` entry-point group)
with these module attributes:

``CODE``      stable identifier, e.g. ``"DF202"``
``NAME``      kebab-case name, e.g. ``"pip-no-cache-dir"``
``SEVERITY``  default severity: ``"error"``, ``"warning"``, ``"info"`` or ``"style"``
``SUMMARY``   one line
``TWINS``     codes of the same check in other linters (``("DL3042",)``), possibly empty
``check``     ``check(dockerfile: Dockerfile, context: RuleContext) -> Iterable[Violation]``

optionally ``FIXABLE`` (True when it yields fixes) and ``ENABLED_BY_DEFAULT`` (False for a rule that runs only when a
selector names it exactly: its code, name or a twin code; see :func:`linter.registry.select_rules`), and a module
docstring that is the rule's documentation.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from linter.positions import Span
from linter.records import Record

if TYPE_CHECKING:
    from linter.model import Dockerfile


_Result = TypeVar("_Result")


_ANALYSES = itertools.count()


def per_file(analysis: Callable[[Dockerfile], _Result]) -> Callable[[Dockerfile], _Result]:
    """Memoise an analysis of a whole Dockerfile: computed the first time a rule asks, then shared by every rule, and
    forgotten with the model (a new model is a new key).

    The answer is kept in the model's own ``__dict__`` (where its cached properties live), under a name no attribute
    can have: rules ask some 70 times per file, and a weak-keyed dictionary cost a weak reference and a Python-level
    lookup each time. An answer that refers to the model makes a cycle, which the garbage collector frees with it.
    """
    key = f"per_file:{next(_ANALYSES)}:{analysis.__module__}.{analysis.__qualname__}"  # unique per analysis

    @functools.wraps(analysis)
    def cached(dockerfile: Dockerfile) -> _Result:
        kept = dockerfile.__dict__
        try:
            return kept[key]  # type: ignore[no-any-return]
        except KeyError:
            result = kept[key] = analysis(dockerfile)
            return result

    return cached


# Values of --failure-threshold / failure-threshold: a severity, or "none" (never fail).
THRESHOLDS = ("error", "warning", "info", "style", "none")


class Severity(enum.IntEnum):
    """Ordered so that a larger value is more severe."""

    STYLE = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in sorted(cls, reverse=True))
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None


class Edit(Record):
    """Replace the text of ``span`` in the original file with ``text`` (an empty span inserts)."""

    span: Span
    text: str


class Fix(Record):
    """A mechanical repair. ``safe`` fixes keep behaviour; unsafe ones need a reviewer's eye.

    ``changes_structure`` declares that the fix adds, removes or reorders instructions (or stages) by design; the
    fixer otherwise rolls back any fix after which the file no longer parses to the same stages and instructions.
    """

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    changes_structure: bool = False


class Violation(Record):
    """What a rule yields; the engine adds the rule's code, name, severity and the file's path.

    ``severity``, when set, replaces the rule's default severity for this finding (DF401 depends on the deployment);
    a severity the user configured for the rule still wins over both.
    """

    span: Span
    message: str
    fix: Fix | None = None
    severity: Severity | None = None


class Deployment(enum.Enum):
    """Where the image runs, as far as the user told us (DF401 depends on it)."""

    UNKNOWN = "unknown"
    CLUSTER = "cluster"
    SINGLE_HOST = "single-host"


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond the Dockerfile itself."""

    path: str = "Dockerfile"
    today: _dt.date = field(default_factory=_dt.date.today)
    deployment: Deployment = Deployment.UNKNOWN
    # Extra deprecated images from configuration: image repository -> replacement advice.
    deprecated_images: tuple[tuple[str, str], ...] = ()
    trusted_registries: tuple[str, ...] = ()
    # Reads a file of the build context (relative to the Dockerfile's directory); None when unavailable.
    read_context_file: Callable[[str], str | None] = field(default=lambda _name: None, repr=False)


@dataclass(frozen=True)
class Rule:
    """A rule as the engine runs it: its metadata, its documentation and its check function."""

    code: str
    name: str
    severity: Severity
    summary: str
    twins: tuple[str, ...]
    check: Callable[[Dockerfile, RuleContext], Iterable[Violation]]
    documentation: str
    fixable: bool = False
    origin: str = "lintainer"
    enabled_by_default: bool = True

    @classmethod
    def from_module(cls, module: ModuleType | Any, origin: str = "lintainer") -> Rule:
        """Build a Rule from a module (or any object) with the attributes listed in this module's docstring."""
        missing = [a for a in ("CODE", "NAME", "SEVERITY", "SUMMARY", "check") if not hasattr(module, a)]
        if missing:
            raise ValueError(f"rule {getattr(module, '__name__', module)!r} lacks {', '.join(missing)}")
        return cls(
            code=str(module.CODE),
            name=str(module.NAME),
            severity=Severity.parse(str(module.SEVERITY)),
            summary=str(module.SUMMARY),
            twins=tuple(getattr(module, "TWINS", ())),
            check=module.check,
            documentation=(getattr(module, "__doc__", None) or "").strip(),
            fixable=bool(getattr(module, "FIXABLE", False)),
            origin=origin,
            enabled_by_default=bool(getattr(module, "ENABLED_BY_DEFAULT", True)),
        )
