"""Finding: one problem at one place, printed as `path:line: CODE message (hint)`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from xulang import messages


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the finding is about the whole file
    code: str
    args: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @classmethod
    def at(cls, path: str, line: int, code: str, /, **args: Any) -> Finding:
        if code not in messages.CATALOGUE:
            raise KeyError(f"unknown finding code {code}")
        return cls(path, line, code, tuple(sorted(args.items())))

    def message(self, lang: str = "vi") -> str:
        return messages.render(self.code, lang, dict(self.args))

    def hint(self, lang: str = "vi") -> str:
        return messages.hint(self.code, lang, dict(self.args))

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self, lang: str = "vi") -> str:
        hint = self.hint(lang)
        return f"{self.location}: {self.code} {self.message(lang)}" + (f" ({hint})" if hint else "")

    def __str__(self) -> str:
        return self.format("vi")

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        data = asdict(self)
        data["args"] = dict(self.args)
        data["message"] = self.message(lang)
        data["hint"] = self.hint(lang)
        return data


def to_text(findings: Iterable[Finding], lang: str = "vi") -> str:
    return "\n".join(f.format(lang) for f in sorted(findings))


def to_json(findings: Iterable[Finding], lang: str = "vi") -> str:
    return json.dumps([f.as_dict(lang) for f in sorted(findings)], ensure_ascii=False, indent=2)
