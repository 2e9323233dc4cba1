"""Reports a variable that an instruction expands although nothing in its stage declares it.

## What it does
Looks at the variables that BuildKit substitutes inside a stage: in ENV, LABEL, ARG defaults, WORKDIR, USER,
VOLUME, STOPSIGNAL, EXPOSE, COPY/ADD (paths, `--chown`, `--chmod`, `--checksum`, unquoted heredocs) and `RUN
--mount` options. A plain `$NAME` or `${NAME}` is reported when no `ARG` or `ENV` before it, in the stage or the
stages it is built from, declares `NAME`, and one of these holds:

* `NAME` is declared later in the stage (used before its declaration);
* `NAME` is a global ARG (declared before the first `FROM`) that the stage does not redeclare with `ARG NAME`;
* `NAME` is a platform argument (`TARGETARCH`, `BUILDPLATFORM`, ...) that the stage does not declare;
* `NAME` differs from a declared name only by letter case or a typo ("did you mean");
* the stage is built `FROM scratch`, so no image environment can provide it.

Otherwise the base image may set the variable (`PYTHON_VERSION` in `python` images, `JAVA_HOME`...): the file does
not show the image's environment, so the reference is not judged.

## Why it matters
An unset variable expands to an empty string without an error: `COPY app $APP_HOME/` copies to `/`, `WORKDIR
$APP_DIR` stays where it was. BuildKit's `UndefinedVar` check
(<https://docs.docker.com/reference/build-checks/undefined-var/>) reports it; the most common causes are a global
ARG used in a stage without `ARG NAME` ("An ARG declared before a FROM is outside of a build stage, so it can't be
used in any instruction after a FROM", Dockerfile reference), platform ARGs used without declaring them, and typos.

## Example
```dockerfile
ARG APP_VERSION=1.4.0
FROM python:3.12-slim
ENV APP_HOME=/app
LABEL org.opencontainers.image.version=$APP_VERSION
WORKDIR $APP_HOEM
```

Use instead:
```dockerfile
ARG APP_VERSION=1.4.0
FROM python:3.12-slim
ARG APP_VERSION
ENV APP_HOME=/app
LABEL org.opencontainers.image.version=$APP_VERSION
WORKDIR $APP_HOME
```

## Fix
None automatic: declare the variable (`ARG NAME` after the `FROM` for a global ARG), or correct its name.

## Differences from BuildKit
BuildKit reads the base image's configuration and knows its environment; a linter cannot, so a name that might come
from the image is left alone (see the list above). BuildKit also reports `${NAME:-default}` and the other forms that
say what happens when the variable is unset; they are deliberate and not reported here. `RUN`, `CMD` and
`ENTRYPOINT` shell text is expanded by the shell at run time and is not checked, as in BuildKit.

## Limits
Looking for a likely typo compares an unknown name with every declared one. In one file, the rule looks through at
most 100,000 declared names in all (`SUGGESTION_BUDGET`; a hand-written Dockerfile needs a few thousand at most);
past that, a name that is only a likely typo is no longer reported, so that a generated file with thousands of
declarations and unknown references is still linted in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterator, Set

from linter.expand import references
from linter.model import PLATFORM_ARGS, Dockerfile, Instruction, Stage
from linter.rule import RuleContext, Violation
from linter.variables import (
    BUILTIN_ARGS,
    COMMON_IMAGE_VARIABLES,
    WELL_KNOWN_VARIABLES,
    Piece,
    Scope,
    Suggester,
    expansion_pieces,
    may_expand_variables,
    raw_pairs,
    scopes,
)

CODE = "DF622"
NAME = "undefined-var"
SEVERITY = "warning"
SUMMARY = "Variable used but never declared in its stage"
TWINS: tuple[str, ...] = ("UndefinedVar",)
FIXABLE = False


def check(dockerfile: Dockerfile, context: RuleContext) -> Iterator[Violation]:
    scope_of: dict[int, Scope] | None = None  # computed at the first reference that may be reported: most have none
    global_args = set(dockerfile.meta_args) - set(PLATFORM_ARGS)
    suggester = Suggester()
    for stage in dockerfile.stages:
        later: dict[str, int] | None = None
        for instruction in stage.body:
            if instruction.is_trigger or instruction.keyword == "ONBUILD" or not may_expand_variables(instruction):
                continue  # nothing is expanded without a `$`
            scope: Scope | None = None
            reported: set[str] = set()
            for piece, own in _pieces_with_scope(instruction):
                for reference in references(piece.text, instruction.escape):
                    name = reference.name
                    if reference.nested or reference.has_fallback or name in reported or name in WELL_KNOWN_VARIABLES:
                        continue
                    if scope is None:
                        if scope_of is None:
                            scope_of = scopes(dockerfile)
                        scope = scope_of[instruction.index]
                    if name in scope.declared or name in own:
                        continue
                    if later is None:
                        later = _declarations(stage)
                    reason = _reason(name, instruction, scope, own, global_args, later, suggester)
                    if reason is None:
                        continue
                    reported.add(name)
                    yield Violation(
                        piece.span(reference.start, reference.end),
                        f"`${name}` is not declared in this stage, so {instruction.keyword} gets an empty string: "
                        f"{reason}",
                    )


def _pieces_with_scope(instruction: Instruction) -> Iterator[tuple[Piece, Set[str]]]:
    """Each expanded text with the names the instruction itself declared when BuildKit expands it (besides those of
    its scope). The set is read before the next piece: it is not copied for each (an ARG may have many pairs)."""
    if instruction.keyword == "ARG":
        # ARG sets its pairs one after the other: `ARG A=1 B=$A` works.
        declared: set[str] = set()
        pieces = iter(expansion_pieces(instruction))
        for pair in raw_pairs(instruction):
            if pair.value is not None:
                yield next(pieces), declared
            declared.add(pair.key)
        return
    if instruction.keyword == "ENV":
        # ENV substitutes every pair with the values from before the instruction; a name the instruction itself
        # sets is DF619's (env-self-reference).
        own = frozenset(pair.key for pair in raw_pairs(instruction))
        for piece in expansion_pieces(instruction):
            yield piece, own
        return
    for piece in expansion_pieces(instruction):
        yield piece, frozenset()


def _declarations(stage: Stage) -> dict[str, int]:
    """Names an ARG or ENV of the stage declares, with the line of the first declaration."""
    lines: dict[str, int] = {}
    for instruction in stage.body:
        if instruction.keyword in ("ARG", "ENV"):
            for pair in instruction.key_values:
                lines.setdefault(pair.key, instruction.line)
    return lines


def _reason(
    name: str,
    instruction: Instruction,
    scope: Scope,
    own: Set[str],
    global_args: set[str],
    later: dict[str, int],
    suggester: Suggester,
) -> str | None:
    """Why the reference is certainly (or most likely) unset, or None when the base image may define it."""
    if name in later and later[name] > instruction.line:
        return f"it is declared only later, on line {later[name]}; move the declaration before this line"
    if name in global_args:
        return (
            f"the global ARG `{name}` (before the first FROM) is not visible inside a stage; add `ARG {name}` "
            f"after this stage's FROM"
        )
    if name in BUILTIN_ARGS:
        return f"BuildKit's platform argument must be declared in the stage to be used: add `ARG {name}` after FROM"
    suggestion = suggester.suggest(name, scope.declared, own, global_args)
    if suggestion is not None and name not in COMMON_IMAGE_VARIABLES:
        return f"did you mean `${suggestion}`?"
    if scope.root_is_scratch:
        return f"the stage starts from scratch, so nothing defines it; declare it with `ARG {name}` or `ENV {name}=...`"
    return None
