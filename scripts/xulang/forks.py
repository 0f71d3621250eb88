"""Work done in a forked child process, its result handed back to the parent through a pipe.

The machines that build this site have two cores. Forking shares everything already loaded
(content tree, parsed pages, jieba's dictionary) without pickling it; only the result travels.
Where `os.fork` does not exist, or XULANG_PARALLEL=0, callers do the work in their own process.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Any


def available() -> bool:
    return hasattr(os, "fork") and os.environ.get("XULANG_PARALLEL", "1") != "0"


class ForkError(Exception):
    """The child failed: its traceback, or how it ended."""


class Forked:
    """`work()` running in a child; `result()` waits for it and returns what it returned."""

    def __init__(self, work: Callable[[], Any]) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: work, report, leave without running the parent's cleanup
            os.close(read)
            code, value = 0, None
            try:
                value = ("ok", work())
            except BaseException:  # anything at all goes back to the parent as text
                code, value = 1, ("error", traceback.format_exc())
            try:
                with os.fdopen(write, "wb") as out:
                    pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.read = pid, read

    def result(self) -> Any:
        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        try:
            kind, value = pickle.loads(data)
        except Exception:
            raise ForkError(
                f"stopped (exit status {os.waitstatus_to_exitcode(status)}) without a result"
            ) from None
        if kind == "error":
            raise ForkError(value)
        return value

    def kill(self) -> None:
        os.close(self.read)
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def start_all(works: dict[str, Callable[[], Any]]) -> dict[str, Forked]:
    """Fork one child per work; what the parent holds is frozen first, so that the garbage
    collector's writes do not copy the shared memory into each child. (No full collection
    first: in the preview's long-lived process it took 0.1 s a rebuild, and what is frozen goes
    back to the collector when the children have started.)"""
    gc.freeze()
    try:
        return {name: Forked(work) for name, work in works.items()}
    finally:
        gc.unfreeze()
