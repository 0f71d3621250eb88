"""`python -m devtools.bench [NAME…]`: see devtools.bench."""

import sys

from devtools.bench.runner import main

raise SystemExit(main(sys.argv[1:]))
