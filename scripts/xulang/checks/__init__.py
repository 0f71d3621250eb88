"""Checks: small functions registered by name, each yielding Findings about a ContentTree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from xulang import forks

# registered in xulang.checks.registry, which every check module imports (no import cycle)
from xulang.checks.registry import (
    ADVISORY_CODES,
    REGISTRY,
    Check,
    CheckFn,
    blocking,
    check,
)
from xulang.content import ContentTree
from xulang.findings import Finding

__all__ = [
    "ADVISORY_CODES",
    "REGISTRY",
    "Check",
    "CheckFn",
    "blocking",
    "check",
    "run",
    "run_split",
]


def run(tree: ContentTree, names: Iterable[str] | None = None) -> Iterator[Finding]:
    for name in names or REGISTRY:
        yield from REGISTRY[name].fn(tree)


# Seconds per 1,000 pages on this machine (`make bench`): what splits the checks in two halves.
WEIGHTS = {"figures": 0.25, "language": 0.16, "safe-html": 0.15, "terms": 0.08}


def run_split(tree: ContentTree, names: Iterable[str] | None = None) -> list[Finding]:
    """The same findings as `run`, in the same order, with the checks shared between this
    process and a forked one (two cores: about half the time for a large tree)."""
    wanted = list(names or REGISTRY)
    if not forks.available() or len(wanted) < 2:
        return list(run(tree, wanted))
    for page in tree.all_pages():  # parsed once here, shared by both processes
        if page.readable:
            tree.body(page)
    tree.data  # noqa: B018  (loaded once, shared)
    halves: tuple[list[str], list[str]] = ([], [])
    load = [0.0, 0.0]
    for name in sorted(wanted, key=lambda n: -WEIGHTS.get(n, 0.01)):
        side = 0 if load[0] <= load[1] else 1
        halves[side].append(name)
        load[side] += WEIGHTS.get(name, 0.01)

    def findings_of(part: list[str]) -> dict[str, list[Finding]]:
        return {name: list(REGISTRY[name].fn(tree)) for name in part}

    other = forks.start_all({"checks": lambda: findings_of(halves[1])})["checks"]
    try:
        found = findings_of(halves[0])
    except BaseException:
        other.kill()
        raise
    found.update(other.result())
    return [finding for name in wanted for finding in found[name]]


# Registration happens on import; keep these last.
from xulang.checks import (  # noqa: E402,F401
    coverage,
    figures,
    files,
    freshness,
    frontmatter,
    hygiene,
    language,
    media,
    navigation,
    news,
    notices,
    publication,
    rendering,
    safety,
    structure,
    targets,
    terms,
    unwritten,
    writing,
)
