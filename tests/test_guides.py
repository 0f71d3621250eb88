"""The editors' guides stay true to the tools: the command reference is the commands' own help."""

from __future__ import annotations

import contextlib
import io

from conftest import ROOT
from xulang.cli import main


def test_command_reference_matches_the_commands() -> None:
    """docs/lenh.md shows exactly what `xulang COMMAND --help` prints; a changed option without
    `xulang commands > docs/lenh.md` would leave editors reading a stale reference."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["commands"]) == 0
    committed = (ROOT / "docs/lenh.md").read_text(encoding="utf-8")
    assert committed == out.getvalue(), "run: .venv/bin/xulang commands > docs/lenh.md"
    for command in ("check", "fix", "stamp", "status", "report", "new"):
        assert f"## `xulang {command}`" in committed


def test_guides_link_the_reference_and_name_each_task() -> None:
    """Both guides lead to the command reference and describe fixing, committing and reporting."""
    vi = (ROOT / "docs/huong-dan.md").read_text(encoding="utf-8")
    en = (ROOT / "docs/guide.en.md").read_text(encoding="utf-8")
    for guide in (vi, en):
        assert "lenh.md" in guide
        for command in ("xulang fix", "xulang stamp --commit", "xulang status", "xulang report"):
            assert command in guide, command
