"""`make csp`: the Content-Security-Policy a build needs, printed or written into the nginx config.

    python -m devtools.csp SITE [--write CONF | --check CONF]

The same as `xulang csp SITE …` (xulang.csp), which `make csp` runs: a maintainer's step after an
upgrade of the theme (its inline scripts are hashed into the policy).
"""

import sys

from xulang.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["csp", *sys.argv[1:]]))
