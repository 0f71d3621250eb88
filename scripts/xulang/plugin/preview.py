"""The preview server: a save is noticed when it happens, not at the next look.

MkDocs' live-reload server looks for changed files every half second (watchdog's polling
observer, which also lists every watched file each time). On Linux the kernel can say at once
that a file changed (inotify): the preview then starts rebuilding as soon as an editor saves.
Where inotify is not available (or XULANG_POLLING=1, for folders shared from another machine,
which inotify does not see), the server keeps polling.
"""

from __future__ import annotations

import os
from typing import Any


def notice_saves_at_once(server: Any) -> None:
    if os.environ.get("XULANG_POLLING") == "1":
        return
    try:
        from watchdog import events
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return

    class SavesOnly(InotifyObserver):
        """Only what changes a file counts: a file written and closed, created, moved or
        deleted. (The build itself opens and reads every page: with every event counted,
        each build would start the next one; a file still being written is not taken either.)"""

        def schedule(self, handler: Any, path: Any, **options: Any) -> Any:
            options["event_filter"] = [events.FileClosedEvent, events.FileCreatedEvent,
                                       events.FileMovedEvent, events.FileDeletedEvent]
            return super().schedule(handler, path, **options)

    paths = dict(getattr(server, "_watched_paths", {}))
    observer = server.observer
    if observer.is_alive() or not paths:
        return  # already running, or a server this code does not know
    try:
        inotify = SavesOnly()
        probe = inotify.schedule(_Nothing(), next(iter(paths)), recursive=True)
        inotify.unschedule(probe)
    except OSError:  # no inotify here (or no watches left): keep polling
        return
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = inotify
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


class _Nothing:
    def dispatch(self, event: Any) -> None:
        pass
