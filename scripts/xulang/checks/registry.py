"""The registry of checks: each check is a small function registered by name with its codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
