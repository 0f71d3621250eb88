"""The Nu HTML checker over every HTML file of a built site."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from devtools.audit.tools import AuditSetupError, npm_tool

# Messages of the Nu HTML checker about markup the stock theme writes where no block reaches,
# each with the reason it is left as it is. Anything else fails the audit.
FILTERED = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        'Material 9.8.2\'s base.html writes autocomplete="off" on its two hidden checkboxes '
        "(__drawer, __search) so that Firefox does not restore them open; base.html has no block "
        "around them, and overriding the whole file would fork the theme."
    ),
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden "
    "form control.": (
        "Material 9.8.2's partials/toc.html labels the table of contents for the __toc checkbox, "
        "which partials/nav-item.html writes only on pages that are not a section's index; the "
        "label toggles nothing there and is hidden on wide screens."
    ),
}


@dataclass
class VnuResult:
    errors: list[str] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)  # message start -> count
    files: int = 0


def vnu(site_dir: Path) -> VnuResult:
    jar = npm_tool("vnu-jar") / "build" / "dist" / "vnu.jar"
    run = subprocess.run(
        ["java", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json"]
        + [str(site_dir)],
        check=False,
        capture_output=True,
        text=True,
    )
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except ValueError:
        raise AuditSetupError(f"vnu.jar printed no JSON:\n{run.stderr[-2000:]}") from None
    result = VnuResult(files=sum(1 for _ in site_dir.rglob("*.html")))
    for message in messages:
        if message.get("type") != "error":
            continue
        text = str(message.get("message", ""))
        known = next((start for start in FILTERED if text.startswith(start)), None)
        if known is not None:
            result.filtered[known] = result.filtered.get(known, 0) + 1
            continue
        where = str(message.get("url", "")).removeprefix("file:").removeprefix(str(site_dir) + "/")
        result.errors.append(f"{where}:{message.get('lastLine', '?')}: {text}")
    return result
