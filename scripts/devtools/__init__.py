"""Developer tools of this repository: the benchmarks and the audit, run from a checkout.

They are not part of the installed package: pyproject.toml installs `xulang*` only, `make bench`
and `make audit` run them with scripts/ on PYTHONPATH, and `xulang` never imports them (they import
`xulang`, never the reverse).
"""

from pathlib import Path

# The repository (scripts/devtools/__init__.py -> scripts/devtools -> scripts -> the checkout).
ROOT = Path(__file__).resolve().parents[2]
