"""The ``lintainer`` command.

``lintainer [PATH...]`` lints; ``lintainer rules`` lists the rules; ``lintainer rule CODE`` shows one rule's
documentation. A first argument that is not a subcommand is a path (``lintainer ./rules`` lints a folder that happens
to be called ``rules``).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from linter import __version__
from linter.formats import FORMAT_NAMES
from linter.rule import THRESHOLDS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEPLOYMENTS = ("cluster", "single-host")


class _DefaultToCheck(click.Group):
    """A group whose default command is ``check``: ``lintainer PATH`` means ``lintainer check PATH``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split_list(values: Sequence[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _use_color(no_color: bool, stream: Any) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintainer")
def main() -> None:
    """Lint Dockerfiles: best practices, Python web servers, and what BuildKit rejects."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "-f",
    "output_formats",
    type=click.Choice(FORMAT_NAMES),
    multiple=True,
    help="Report format (default: text); repeat with --output-file for several reports from one run.",
)
@click.option(
    "--output-file",
    "-o",
    "output_files",
    multiple=True,
    help="Write the report to this file instead of stdout; the n-th --output-file takes the n-th --format.",
)
@click.option("--select", multiple=True, help="Only these rules (codes, names, code prefixes or twin codes).")
@click.option("--extend-select", multiple=True, help="Add rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, names, code prefixes or twin codes).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--no-color", is_flag=True, help="No colour (also when NO_COLOR is set).")
@click.option("--stdin-filename", help="The name to report for a Dockerfile read from stdin (`-`).")
@click.option(
    "--deployment",
    type=click.Choice(DEPLOYMENTS),
    help="Where the image runs: `cluster` (one process per container) or `single-host`.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule after the report.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read settings from this file (a .lintainer.toml or a pyproject.toml) instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--failure-threshold",
    type=click.Choice(THRESHOLDS, case_sensitive=False),
    help="Fail (exit 1) only for findings at or above this severity; `none` never fails. Default: style.",
)
@click.option("--report-unused-ignores", is_flag=True, help="Report suppression comments that silence nothing (DF002).")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge end-of-life dates as of this day (YYYY-MM-DD) instead of today.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes, write the files, report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing (exit 1 if any).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply fixes that change behaviour.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for large trees (default: one per CPU; 1 lints in this process).",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache (.lintainer_cache/).")
def check(
    paths: tuple[str, ...],
    output_formats: tuple[str, ...],
    output_files: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exit_zero: bool,
    no_color: bool,
    stdin_filename: str | None,
    deployment: str | None,
    statistics: bool,
    config_file: Path | None,
    isolated: bool,
    failure_threshold: str | None,
    report_unused_ignores: bool,
    today: _dt.datetime | None,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Lint the Dockerfiles in PATHS (default: the current directory; `-` reads stdin)."""
    from linter.config import ConfigError, load_settings
    from linter.discover import discover
    from linter.engine import FileResult, lint_bytes, lint_file, with_path
    from linter.formats import Report
    from linter.formats.locations import repository_root
    from linter.options import lint_options
    from linter.registry import SelectionError, all_rules
    from linter.rule import Deployment

    outputs = _pair_outputs(output_formats, output_files)  # a usage error before any work

    known_rules = all_rules()
    try:
        settings = load_settings(known_rules, config_file, isolated)
    except ConfigError as error:
        click.echo(f"lintainer: {error}", err=True)
        sys.exit(EXIT_ERROR)
    if settings.migrated_from is not None:
        click.echo(
            f"lintainer: no lintainer configuration found; using {settings.migrated_from.name} "
            "(ignored, override, failure-threshold, trustedRegistries) through the twin rules",
            err=True,
        )
    try:
        options = lint_options(
            settings,
            known_rules,
            select=_split_list(select),
            ignore=_split_list(ignore),
            extend_select=_split_list(extend_select),
            deployment=Deployment(deployment) if deployment else None,
            today=today.date() if today else None,
            report_unused_ignores=report_unused_ignores,
        )
    except SelectionError as error:
        raise click.UsageError(str(error)) from None
    rules = options.rules
    threshold = (failure_threshold or settings.failure_threshold).lower()
    targets = list(paths) or ["."]
    results: list[FileResult] = []
    fixing = _fix_session(options, fix, diff, unsafe_fixes)
    found = list(discover(targets, exclude=settings.exclude))
    if not fixing:  # a plain lint: cached results, then worker processes for the rest
        from linter.runner import default_jobs, lint_all

        results = lint_all(
            found,
            options,
            jobs=jobs or default_jobs(),
            use_cache=not no_cache,
            stdin_filename=stdin_filename,
            progress=_progress,
        )
    to_fix = found if fixing else []
    with _progress(len(to_fix)) as advance:
        for item in to_fix:
            if item.error is not None:
                results.append(FileResult(item.path, error=item.error))
            elif item.path == "-":
                name = stdin_filename or "-"
                data = sys.stdin.buffer.read()
                result = fixing.fix_stdin(data, name) if fixing else lint_bytes(data, name, options)
                results.append(with_path(result, name))
            else:
                results.append(fixing.fix_path(item.path) if fixing else lint_file(item.path, options))
            advance()
    if not found:
        click.echo("lintainer: no Dockerfiles found under " + ", ".join(targets), err=True)
    if fixing:
        fixing.summarise(results)
        if fixing.diff:
            # The diff is the report: exit 1 when there is something to fix, as `git diff --exit-code` does.
            failed = any(result.error for result in results)
            sys.exit(EXIT_ERROR if failed else EXIT_FINDINGS if fixing.would_change and not exit_zero else EXIT_CLEAN)

    report = Report(
        results=results,
        tool_version=__version__,
        statistics=statistics,
        rules=_rule_infos(rules),
        root=repository_root(),
    )
    # With `--fix -`, stdout holds the fixed Dockerfile: the report goes to stderr.
    with contextlib.redirect_stdout(sys.stderr) if fixing and fixing.stdout_taken else contextlib.nullcontext():
        _write_reports(report, outputs, no_color)
    if any(result.error for result in results):
        sys.exit(EXIT_ERROR)
    if not exit_zero and _fails(results, threshold):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _fix_session(options: Any, fix: bool, diff: bool, unsafe_fixes: bool) -> Any:
    """The fixer's side of the run (see linter.cli_fix), or None for a plain lint."""
    if not (fix or diff):
        if unsafe_fixes:
            raise click.UsageError("--unsafe-fixes only applies with --fix or --diff")
        return None
    from linter.cli_fix import FixSession

    return FixSession(options, unsafe=unsafe_fixes, diff=diff)


def _pair_outputs(formats: Sequence[str], files: Sequence[str]) -> list[tuple[str, str | None]]:
    """Pair formats and output files in order (like hadolint): the n-th file takes the n-th format; formats without
    a file go to stdout (`-` as a file also means stdout)."""
    formats = list(formats) or ["text"]
    if len(files) > len(formats):
        raise click.UsageError(
            f"{len(files)} --output-file for {len(formats)} --format: give a --format for each --output-file"
        )
    outputs = [
        (name, files[index] if index < len(files) and files[index] != "-" else None)
        for index, name in enumerate(formats)
    ]
    on_stdout = [name for name, file in outputs if file is None]
    if len(on_stdout) > 1:
        raise click.UsageError(
            f"only one report can go to stdout, but {', '.join(on_stdout)} would: give the others an --output-file"
        )
    return outputs


def _rule_infos(rules: Sequence[Any]) -> tuple[Any, ...]:
    from linter import RULE_DOCS_URL
    from linter.formats import RuleInfo

    return tuple(
        RuleInfo(
            rule.code,
            rule.name,
            rule.severity,
            rule.summary,
            rule.documentation,
            RULE_DOCS_URL.format(code=rule.code.lower()),
        )
        for rule in rules
    )


def _write_reports(report: Any, outputs: Sequence[tuple[str, str | None]], no_color: bool) -> None:
    """Render every requested report from the one lint; files are replaced atomically."""

    from linter.formats import get_formatter

    for name, file in outputs:
        formatter = get_formatter(name)
        if file is None:
            formatter(report._replace(color=_use_color(no_color, sys.stdout)), sys.stdout)
            sys.stdout.flush()
            continue
        try:
            _write_atomically(file, lambda stream, formatter=formatter: formatter(report, stream))
        except OSError as error:
            click.echo(f"lintainer: cannot write {file}: {error.strerror or error}", err=True)
            sys.exit(EXIT_ERROR)
    if report.statistics and "text" not in [name for name, _ in outputs]:
        # Other formats have no place for them: the counts go to stderr, where they do not spoil the report.
        _print_statistics(report)


def _write_atomically(path: str, render: Any) -> None:
    """Write through a temporary file in the same directory, then rename: readers never see half a report."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(prefix=".lintainer-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            render(stream)
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _print_statistics(report: Any) -> None:
    from collections import Counter

    counts = Counter((finding.code, finding.name) for result in report.results for finding in result.findings)
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"{count:>6}  {code}  {name}", err=True)


def _fails(results: Sequence[Any], threshold: str) -> bool:
    """Whether any finding is at or above the failure threshold (`none`: never)."""
    if threshold == "none":
        return False
    from linter.rule import Severity

    minimum = Severity.parse(threshold)
    return any(finding.severity >= minimum for result in results for finding in result.findings)


class _progress:
    """A progress bar on stderr while linting many files, only when stderr is a terminal."""

    THRESHOLD = 200

    def __init__(self, total: int) -> None:
        self.total = total
        self._progress: Any = None

    def __enter__(self) -> Any:
        if self.total < self.THRESHOLD or not sys.stderr.isatty() or os.environ.get("CI"):
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self._progress = Progress(console=Console(file=sys.stderr), transient=True)
        self._progress.start()
        task = self._progress.add_task("Linting", total=self.total)
        return lambda: self._progress.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the catalogue with every rule's documentation, as in docs/rules.md.",
)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, default severity, fixability, whether it is off by default, and summary."""
    from linter.registry import all_rules

    rules = all_rules()
    if output_format in ("json", "markdown"):
        from linter.catalogue import catalogue_json, render_markdown

        if output_format == "json":
            import json

            click.echo(json.dumps(catalogue_json(rules), indent=2))
        else:
            click.echo(render_markdown(rules), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, box=None, pad_edge=False)
    for column in ("Code", "Name", "Severity", "Fix", "Default", "Twins", "Summary"):
        table.add_column(column)
    for rule in rules:
        table.add_row(
            rule.code,
            rule.name,
            rule.severity.label,
            "yes" if rule.fixable else "",
            "" if rule.enabled_by_default else "off",  # runs only when selected by code, name or twin
            ", ".join(rule.twins),
            rule.summary,
        )
    Console(soft_wrap=False).print(table)


@main.command("server")
@click.option(
    "--stdio", is_flag=True, help="Speak LSP over stdin/stdout (the only transport; accepted because editors pass it)."
)
def language_server(stdio: bool) -> None:
    """Start the language server (LSP over stdin/stdout) that gives editors live findings, fixes and rule docs."""
    from linter.server import serve

    serve()


@main.command("rule")
@click.argument("key")
def show_rule(key: str) -> None:
    """Show the documentation of one rule (by code, name or twin code)."""
    from linter.registry import all_rules, find_rule

    rule = find_rule(key, all_rules())
    if rule is None:
        raise click.UsageError(f"no rule named {key!r}; `lintainer rules` lists them")
    header = f"{rule.code} {rule.name} ({rule.severity.label})"
    twins = f"\nTwins: {', '.join(rule.twins)}" if rule.twins else ""
    if not rule.enabled_by_default:
        twins += f"\nOff by default: runs only when selected by code, name or twin (`--extend-select {rule.code}`)"
    click.echo(f"{header}\n{'=' * len(header)}\n{rule.summary}{twins}\n\n{rule.documentation}")
