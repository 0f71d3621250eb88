"""Benchmarks that print their numbers: `python -m devtools.bench [NAME…]` (make bench).

A benchmark never ends in a traceback: a measure that cannot be taken (a build that fails, a page
that never shows the edit, a browser that dies on a loaded machine) is retried a bounded number of
times, then named as a `Problem`; the other measures go on, and the run exits 1 with one line
naming what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
# Tries of one measure: a loaded machine may lose one (a reload in the middle of a wait, a build
# killed for memory); a measure failing three times in a row is a problem to name, not noise.
TRIES = 3


class Problem(Exception):
    """A measure could not be taken; the message's first line names it."""


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    name = "" if isinstance(error, Problem) else f"{type(error).__name__}: "
    return name + (text.splitlines()[0] if text else "(no message)")


def attempt(what: str, action: Callable[[], T], tries: int = TRIES) -> T:
    """`action()`, tried up to `tries` times; any failure is printed and retried, the last one
    becomes a Problem that names `what`."""
    for n in range(1, tries + 1):
        try:
            return action()
        except Exception as error:  # whatever broke the measure: named, retried, never a traceback
            if n == tries:
                raise Problem(f"{what}: {first_line(error)} ({tries} tries)") from error
            print(f"  {what}: try {n} of {tries} failed ({first_line(error)}); again", flush=True)
    raise AssertionError("unreachable")  # the loop returns or raises
