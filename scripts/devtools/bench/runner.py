"""Run every benchmark module of this package (or those named), and judge the run as a whole."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Mapping

import devtools.bench as package
from devtools.bench import first_line


def available() -> dict[str, str]:
    """Benchmark modules (those with a `run()`), by name, with the first line of their docstring;
    the others are helpers (synthetic trees, this runner)."""
    found = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "runner":
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if callable(getattr(module, "run", None)):
            found[info.name] = (module.__doc__ or "").strip().splitlines()[0]
    return found


def main(argv: list[str]) -> int:
    known = available()
    names = argv or list(known)
    unknown = [name for name in names if name not in known]
    if unknown:
        print(
            f"bench: no benchmark named {', '.join(unknown)} (there are: {', '.join(known)})",
            file=sys.stderr,
        )
        return 2
    runs = {}
    for name in names:
        module = importlib.import_module(f"{package.__name__}.{name}")
        runs[name] = (known[name], module.run)
    return run_all(runs)


def run_all(benchmarks: Mapping[str, tuple[str, Callable[[], None]]]) -> int:
    """Each benchmark in turn; a failing one is named and the next one runs. Exit 1 with one line
    on stderr naming every measure that could not be taken, 130 when interrupted."""
    problems = []
    for name, (title, run) in benchmarks.items():
        print(f"== {name}: {title}", flush=True)
        try:
            run()
        except KeyboardInterrupt:
            print(f"bench: interrupted during {name}", file=sys.stderr)
            return 130
        except Exception as error:  # a benchmark's failure is reported, never a traceback
            problems.append(f"{name}: {first_line(error)}")
            print(f"  NOT MEASURED: {error}", flush=True)
    if problems:
        print(
            f"bench: {len(problems)} of {len(benchmarks)} benchmarks could not take every measure: "
            + "; ".join(problems),
            file=sys.stderr,
        )
        return 1
    return 0
