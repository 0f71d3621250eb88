"""Lighthouse's mobile preset on one page: each category's score in each run."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from devtools.audit.tools import CHROMIUM, AuditSetupError, npm_tool

BUDGET = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 100}
RUN_TIMEOUT = 300


def lighthouse(url: str, runs: int) -> dict[str, list[int]]:
    """Each category's score (0-100) in each of `runs` runs of Lighthouse's mobile preset."""
    scores: dict[str, list[int]] = {category: [] for category in BUDGET}
    binary = npm_tool(".bin") / "lighthouse"
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            try:
                run = subprocess.run(
                    [
                        str(binary),
                        url,
                        "--quiet",
                        "--output=json",
                        f"--output-path={report}",
                        f"--only-categories={','.join(BUDGET)}",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    ],
                    env=env,
                    check=False,
                    capture_output=True,
                    text=True,
                    timeout=RUN_TIMEOUT,
                )
            except subprocess.TimeoutExpired:
                raise AuditSetupError(f"lighthouse {url}: no report in {RUN_TIMEOUT} s") from None
            if run.returncode != 0 or not report.exists():
                raise AuditSetupError(f"lighthouse {url} failed:\n{run.stderr[-2000:]}")
            data = json.loads(report.read_text(encoding="utf-8"))
        for category in BUDGET:
            score = data["categories"][category]["score"]
            scores[category].append(round((score or 0) * 100))
        failed = [
            f"{audit['id']} ({audit.get('score')})"
            for category in BUDGET
            for ref in data["categories"][category]["auditRefs"]
            if ref.get("weight")
            and (audit := data["audits"][ref["id"]]).get("score") is not None
            and audit["score"] < 1
            and category != "performance"
        ]
        if failed:
            print(f"      not passed: {', '.join(sorted(set(failed)))}", flush=True)
    return scores
