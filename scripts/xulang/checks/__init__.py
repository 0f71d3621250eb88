"""Checks: small functions registered by name, each yielding Findings about a ContentTree."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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


def check(name: str, *codes: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = Check(name, codes, fn)
        return fn

    return register


def run(tree: ContentTree, names: Iterable[str] | None = None) -> Iterator[Finding]:
    for name in names or REGISTRY:
        yield from REGISTRY[name].fn(tree)


# Registration happens on import; keep these last.
from xulang.checks import (  # noqa: E402,F401
    coverage,
    figures,
    files,
    freshness,
    frontmatter,
    hygiene,
    language,
    safety,
    structure,
    terms,
)
