"""From configuration (and command-line overrides) to the :class:`~linter.engine.LintOptions` of a run.

The CLI and the language server both build their options here, so an editor sees exactly the findings that
``lintainer check`` reports for the same configuration.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from linter.config import Settings, severity_overrides
from linter.engine import LintOptions
from linter.registry import select_rules
from linter.rule import Deployment, Rule


def lint_options(
    settings: Settings,
    known_rules: Sequence[Rule],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    deployment: Deployment | None = None,
    today: _dt.date | None = None,
    report_unused_ignores: bool = False,
) -> LintOptions:
    """The options for ``settings``, with command-line selections on top.

    A command-line ``select`` replaces the configuration's; ``ignore`` and ``extend_select`` add to it. Raises
    :class:`~linter.registry.SelectionError` when a selector names no rule.
    """
    rules = select_rules(
        known_rules,
        list(select) or list(settings.select),
        [*settings.ignore, *ignore],
        [*settings.extend_select, *extend_select],
    )
    return LintOptions(
        rules=rules,
        severity_overrides=severity_overrides(settings, known_rules),
        deployment=deployment or settings.deployment,
        today=today or _dt.date.today(),
        deprecated_images=settings.deprecated_images,
        trusted_registries=settings.trusted_registries,
        report_unused_ignores=report_unused_ignores,
        ignores_for=settings.ignores_for if settings.per_file_ignores else None,
    )
