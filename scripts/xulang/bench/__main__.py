"""Run every benchmark module of this package, or those named on the command line."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import xulang.bench as package


def main(argv: list[str]) -> int:
    names = argv or sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")
    )
    for name in names:
        module = importlib.import_module(f"xulang.bench.{name}")
        if not hasattr(module, "run"):
            continue  # a helper of the others (synthetic trees)
        print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        module.run()
    return 0


sys.exit(main(sys.argv[1:]))
