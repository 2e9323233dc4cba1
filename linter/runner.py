"""Linting many files: cached results first, then a pool of worker processes (or this process) for the rest.

Results come back in discovery order whatever ran them, without the parsed model (see
:meth:`~linter.engine.FileResult.detached`): ``--jobs 4`` prints exactly what ``--jobs 1`` prints.

``--jobs N`` lints with N processes: this one and N - 1 workers, which take chunks of files from the front of the
list while this process takes them from the back. Workers are forked on Linux, so they start in milliseconds with the
rules already imported; elsewhere they are spawned and rebuild the rule selection by code from the installed rules
(never from the scanned tree). Below :data:`MIN_FILES_FOR_POOL` files (more when spawning), starting workers costs
more than it saves and the files are linted in this process alone.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from linter.discover import Discovered
from linter.engine import (
    CONTEXT_READS,
    FileResult,
    LintOptions,
    _describe_os_error,
    finding_lines,
    lint_bytes,
    read_file,
    with_path,
)
from linter.records import Record

if TYPE_CHECKING:  # the pool's modules (multiprocessing, 8 ms) are imported when workers start
    from concurrent.futures import Future, ProcessPoolExecutor

# Below this many files, forked workers cost more than they save (break-even near 30: benchmarks/README.md).
MIN_FILES_FOR_POOL = 48
MIN_FILES_FOR_SPAWNED_POOL = 400  # spawned workers import everything again (~0.3 s each)

Progress = Callable[[int], Any]  # a context manager factory: progress(total) -> advance()


def default_jobs() -> int:
    """The CPUs this process may run on."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return max(1, counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class _Task(Record):
    position: int  # in the list of files (its result goes there)
    path: str
    ignored: tuple[str, ...]  # per-file ignores, resolved here because the option is a callable


class _Outcome(Record):
    result: FileResult
    digest: str | None  # SHA-256 of the content linted (None when it could not be read)
    context_reads: tuple[tuple[str, str | None], ...]


def _ignored_for(options: LintOptions, path: str) -> tuple[str, ...]:
    return tuple(options.ignores_for(path)) if options.ignores_for is not None else ()


def _lint_task(task: _Task, options: LintOptions, hashing: bool) -> _Outcome:
    """Read and lint one file; what a worker does, and what this process does without workers."""
    try:
        data = read_file(task.path)
    except OSError as error:
        return _Outcome(FileResult(task.path, error=_describe_os_error(error)), None, ())
    if options.ignores_for is not None:
        ignored = task.ignored
        options = replace(options, ignores_for=lambda _path: ignored)
    reads: list[tuple[str, str | None]] = []
    token = CONTEXT_READS.set(reads)
    try:
        result = lint_bytes(data, task.path, options).detached()
    finally:
        CONTEXT_READS.reset(token)
    digest = None
    if hashing:
        from linter.cache import content_hash

        digest = content_hash(data)
    return _Outcome(result, digest, tuple(reads))


# -- worker processes ----------------------------------------------------------------------------------------------

_worker_options: LintOptions | None = None
_worker_hashing = False


def _start_worker(recipe: LintOptions, codes: tuple[str, ...], hashing: bool) -> None:
    global _worker_options, _worker_hashing
    import signal

    # Ctrl-C reaches the whole process group: the parent stops the pool; workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from linter.registry import all_rules

    by_code = {rule.code: rule for rule in all_rules()}
    _worker_options = replace(recipe, rules=tuple(by_code[code] for code in codes if code in by_code))
    _worker_hashing = hashing


def _worker_lint(chunk: list[_Task]) -> list[_Outcome]:
    assert _worker_options is not None
    return [_lint_task(task, _worker_options, _worker_hashing) for task in chunk]


def _pool(options: LintOptions, jobs: int, hashing: bool, files: int) -> tuple[ProcessPoolExecutor | None, int]:
    """A started pool and the number of processes linting (this one included), or (None, 1) when the files are too
    few to pay for workers."""
    if jobs <= 1 or files < min(MIN_FILES_FOR_POOL, MIN_FILES_FOR_SPAWNED_POOL):
        return None, 1  # before importing multiprocessing: a run on a few files never needs it
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    forking = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or files < (MIN_FILES_FOR_POOL if forking else MIN_FILES_FOR_SPAWNED_POOL):
        return None, 1
    processes = min(jobs, files)
    context = multiprocessing.get_context("fork" if forking else "spawn")
    # Callables cannot cross a spawn; per-file ignores travel with each task instead.
    recipe = replace(options, rules=(), ignores_for=None)
    codes = tuple(rule.code for rule in options.rules)
    if forking:
        # Move everything imported so far out of the collector's reach: its passes would otherwise write to every
        # object's header and copy the pages the workers share with this process (measured: 8 MB less per worker).
        gc.freeze()
    # This process lints too: one worker fewer to start and to keep in memory for the same parallelism.
    executor = ProcessPoolExecutor(
        max_workers=processes - 1, mp_context=context, initializer=_start_worker, initargs=(recipe, codes, hashing)
    )
    # Start the workers now, before a progress bar starts a thread in this process: forking with threads is unsafe.
    executor.submit(os.getpid).result()
    return executor, processes


def _run(
    tasks: Sequence[_Task], options: LintOptions, executor: ProcessPoolExecutor | None, processes: int, hashing: bool
) -> Iterator[tuple[_Task, _Outcome]]:
    """Each task with its outcome, in the order they complete.

    With workers, tasks go out in chunks from the front of the list while this process lints chunks from the back.
    A chunk's outcomes count only once the whole chunk is back; if a worker dies (a crash in native code), the pool
    breaks and this process lints what it had not returned.
    """
    if executor is None:
        for task in tasks:
            yield task, _lint_task(task, options, hashing)
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    # Chunks amortise the round trips; small enough that every process gets several and none idles at the end.
    size = max(1, min(32, len(tasks) // (processes * 8)))
    chunks = deque(list(tasks[start : start + size]) for start in range(0, len(tasks), size))
    in_flight: dict[Future[list[_Outcome]], list[_Task]] = {}
    broken = False
    while chunks or in_flight:
        while not broken and chunks and len(in_flight) < 2 * (processes - 1):
            chunk = chunks.popleft()
            try:
                in_flight[executor.submit(_worker_lint, chunk)] = chunk
            except Exception:  # the pool is already broken
                broken = True
                chunks.appendleft(chunk)
        if chunks:
            for task in chunks.pop():
                yield task, _lint_task(task, options, hashing)
        if not in_flight:
            continue
        done, _ = wait(in_flight, timeout=0 if chunks else None, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = in_flight.pop(future)
            try:
                outcomes = future.result()
            except Exception:  # BrokenProcessPool: lint the chunk here
                broken = True
                chunks.append(chunk)
                continue
            yield from zip(chunk, outcomes, strict=True)


def lint_all(
    found: Sequence[Discovered],
    options: LintOptions,
    *,
    jobs: int = 1,
    use_cache: bool = True,
    stdin_filename: str | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Lint what discovery found; results in the same order, each detached from its model."""
    results: list[FileResult | None] = [None] * len(found)
    cache = _open_cache(options) if use_cache else None
    tasks: list[_Task] = []
    for index, item in enumerate(found):
        if item.error is not None:
            results[index] = FileResult(item.path, error=item.error)
        elif item.path == "-":
            name = stdin_filename or "-"
            data = sys.stdin.buffer.read()
            results[index] = with_path(lint_bytes(data, name, options), name).detached()
        else:
            task = _Task(index, item.path, _ignored_for(options, item.path))
            hit = cache.lookup(task.path, task.ignored) if cache is not None else None
            if hit is not None:
                results[index] = hit
            else:
                tasks.append(task)

    hashing = cache is not None
    executor, processes = _pool(options, jobs, hashing, len(tasks))
    try:
        with (progress or _no_progress)(len(tasks)) as advance:
            for task, outcome in _run(tasks, options, executor, processes, hashing):
                results[task.position] = outcome.result
                if cache is not None and outcome.digest is not None:
                    cache.store(task.path, outcome.digest, task.ignored, outcome.result, outcome.context_reads)
                advance()
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    if cache is not None:
        cache.save()
    return [result for result in results if result is not None]


@contextlib.contextmanager
def _no_progress(_total: int) -> Iterator[Callable[[], None]]:
    yield lambda: None


class _RunCache:
    """The result cache as the runner uses it: looks files up by reading and hashing them."""

    def __init__(self, cache: Any) -> None:
        self._cache = cache

    def lookup(self, path: str, ignored: tuple[str, ...]) -> FileResult | None:
        from linter.cache import content_hash
        from linter.source import decode, split_lines

        try:
            data = read_file(path)
        except OSError:
            return None  # the task reports it
        hit = self._cache.get(path, content_hash(data), ignored)
        if hit is None or not hit.findings:
            return hit
        lines, _ = split_lines(decode(data)[0])
        return replace(hit, source_lines=finding_lines(lines, hit.findings))

    def store(
        self,
        path: str,
        digest: str,
        ignored: tuple[str, ...],
        result: FileResult,
        context_reads: Sequence[tuple[str, str | None]],
    ) -> None:
        self._cache.put(path, digest, ignored, result, context_reads)

    def save(self) -> None:
        self._cache.save()


def _open_cache(options: LintOptions) -> _RunCache | None:
    from linter.cache import ResultCache

    try:
        cache = ResultCache.for_run(options)
    except (OSError, ValueError):  # no current directory, unreadable tree: lint without a cache
        return None
    return _RunCache(cache) if cache is not None else None
