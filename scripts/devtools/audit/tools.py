"""The audit's external tools, installed on first use at exact versions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from devtools import ROOT

CACHE = ROOT / ".cache" / "audit"
CHROMIUM = Path("/usr/bin/chromium")
NPM_TOOLS = {"lighthouse": "12.2.3", "vnu-jar": "26.9.27"}
LINKCHECKER = "linkchecker==10.6.0"


class AuditSetupError(Exception):
    """A tool is missing, cannot be installed or gave no usable answer (exit 2)."""


def npm_tool(name: str) -> Path:
    return CACHE / "node_modules" / name


def ensure_tools(need: set[str]) -> None:
    """Install what the chosen checks need, once: npm packages (exact versions) into .cache/audit,
    LinkChecker with pip into this environment."""
    missing = [
        f"{name}@{version}"
        for name, version in NPM_TOOLS.items()
        if not _npm_installed(name, version)
    ]
    if missing and ({"lighthouse", "vnu"} & need):
        if shutil.which("npm") is None:
            raise AuditSetupError(
                "npm is missing (Node.js 20 and npm are needed for Lighthouse and vnu-jar)"
            )
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing {' '.join(missing)} into {CACHE.relative_to(ROOT)}", flush=True)
        _install(
            ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error"]
            + ["--prefix", str(CACHE), *missing],
            "npm install",
        )
    if "links" in need and linkchecker() is None:
        print(f"installing {LINKCHECKER}", flush=True)
        _install(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            + [LINKCHECKER],
            f"pip install {LINKCHECKER}",
        )
    if "vnu" in need and shutil.which("java") is None:
        raise AuditSetupError("java is missing (the Nu HTML checker needs Java 11 or newer)")
    if "lighthouse" in need and not CHROMIUM.exists():
        raise AuditSetupError(f"{CHROMIUM} is missing (apt-get install chromium)")


def _install(args: list[str], what: str) -> None:
    run = subprocess.run(args, check=False, capture_output=True, text=True)
    if run.returncode != 0:
        raise AuditSetupError(f"{what} failed:\n{run.stderr}")


def _npm_installed(name: str, version: str) -> bool:
    manifest = npm_tool(name) / "package.json"
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")).get("version") == version)
    except (OSError, ValueError):
        return False


def linkchecker() -> Path | None:
    path = Path(sys.executable).parent / "linkchecker"
    return path if path.exists() else None
