"""Two production builds of one commit are byte-identical: same files, same bytes, same dates."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from conftest import BIN, ROOT, Built


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    """Every output file: its SHA-256 and its modification time."""
    return {
        p.relative_to(site).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            int(p.stat().st_mtime),
        )
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def commit_time() -> int | None:
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    return (
        int(result.stdout) if result.returncode == 0 and result.stdout.strip().isdigit() else None
    )


def test_two_builds_are_byte_identical(built: Built, tmp_path: Path) -> None:
    """A published release can be rebuilt and verified: every file the same, byte for byte."""
    out = tmp_path / "elsewhere" / "deeper" / "site"  # another folder, another Python hash seed
    # Another second of the same day (in Vietnam): the files' times must follow SOURCE_DATE_EPOCH,
    # their bytes must not change (the festival calendar counts its three years from that day).
    first = int(os.environ.get("SOURCE_DATE_EPOCH") or commit_time() or 1_700_000_000)
    epoch = first + 1 if (first + 1 + 7 * 3600) % 86400 else first - 1
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="12345", SOURCE_DATE_EPOCH=str(epoch))
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--clean", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = snapshot(built.site), snapshot(out)
    assert sorted(first) == sorted(second)
    differ = [rel for rel in first if first[rel][0] != second[rel][0]]
    assert differ == [], differ[:10]
    # dates: SOURCE_DATE_EPOCH when given, else the last commit's, never the clock
    assert {mtime for _, mtime in second.values()} == {epoch}
    expected = os.environ.get("SOURCE_DATE_EPOCH") or commit_time()
    if expected is not None:
        assert {mtime for _, mtime in first.values()} == {int(expected)}


def test_ci_runs_the_maintainers_commands_and_keeps_the_site() -> None:
    """The editors' git host checks, tests and builds as a maintainer does; site/ is kept."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["site"]["steps"]
    runs = [str(step.get("run", "")).strip() for step in steps]
    order = [runs.index(command) for command in ("make check", "bash .ci/run", "make build")]
    assert order == sorted(order)
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # dates and freshness come from the history
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert "site/" in upload["with"]["path"].split()
    assert steps.index(upload) > order[-1]
