"""`python -m devtools.audit`: see devtools.audit."""

from devtools.audit.cli import main

raise SystemExit(main())
