"""LinkChecker over HTTP: every link and anchor reachable from each language's home page."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from devtools.audit.tools import AuditSetupError

RUN_TIMEOUT = 900


@dataclass
class LinkResult:
    checked: int = 0
    broken: list[str] = field(default_factory=list)


# LinkChecker run as root switches to `nobody`, who cannot read a Python installed under /root (it
# then fails on its first lazy import). It only reads our own server on 127.0.0.1 here: it runs as
# the user who started the audit.
LINKCHECKER_AS_IS = (
    "import sys, linkcheck.command.linkchecker as lc; lc.drop_privileges = lambda: None; "
    "sys.argv[0] = 'linkchecker'; lc.linkchecker()"
)
# Outbound links (official sites, share and map services), mailto: and tel: are listed but never
# fetched or looked up: the audit runs offline, and a reader's page load never fetches them either
# (tests/test_contacts.py keeps each a well-formed https address).
CONFIG = (
    "[checking]\nthreads=4\nmaxrequestspersecond=100\n\n[AnchorCheck]\n\n"
    "[filtering]\nignore=\n  ^mailto:\n  ^tel:\n  ^https?://(?!127\\.0\\.0\\.1[:/])\n"
)


def linkcheck(homes: list[str]) -> LinkResult:
    """Every link and anchor reachable from the given home pages, over HTTP (anchors are only
    checked over HTTP). Links to other sites are listed by LinkChecker but not fetched."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(CONFIG, encoding="utf-8")
        try:
            run = subprocess.run(
                [sys.executable, "-c", LINKCHECKER_AS_IS, "--config", str(config)]
                + ["--no-status", "--output=csv", "--verbose", *homes],
                check=False,
                capture_output=True,
                text=True,
                timeout=RUN_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise AuditSetupError(f"linkchecker did not finish in {RUN_TIMEOUT} s") from None
    rows = [line for line in run.stdout.splitlines() if line and not line.startswith("#")]
    result = LinkResult()
    if rows:
        reader = csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";")
        for row in reader:
            result.checked += 1
            if row.get("valid") == "True" and not row.get("warningstring"):
                continue
            problem = row.get("warningstring") or row.get("result") or "invalid"
            result.broken.append(f"{row.get('urlname')} (on {row.get('parentname')}): {problem}")
    if run.returncode not in (0, 1):
        raise AuditSetupError(f"linkchecker failed ({run.returncode}):\n{run.stderr[-2000:]}")
    if run.returncode == 1 and not result.broken:
        result.broken.append(f"linkchecker reported problems:\n{run.stderr[-2000:]}")
    return result
