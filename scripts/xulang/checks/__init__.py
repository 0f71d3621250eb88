"""Checks: small functions registered by name, each yielding Findings about a ContentTree."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from xulang import forks
from xulang.content import ContentTree
from xulang.findings import Finding

CheckFn = Callable[[ContentTree], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    codes: tuple[str, ...]
    fn: CheckFn

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()


REGISTRY: dict[str, Check] = {}

# Findings that inform and never block, in the checker as in the build (the `freshness` check,
# which the build logs without stopping): a translation behind its source (XL090) is published
# with a notice to readers ("revised on …") until it is brought up to date, and one whose
# `source_commit` is not in the history (XL091) is published as it is. `xulang check` lists them
# as warnings (exit 0). Everything else the checker reports, the build refuses.
ADVISORY_CODES = frozenset({"XL090", "XL091"})


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop the build (and make `xulang check` exit 1)."""
    return [f for f in findings if f.code not in ADVISORY_CODES]


def check(name: str, *codes: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = Check(name, codes, fn)
        return fn

    return register


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
