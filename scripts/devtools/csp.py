"""`make csp`: the Content-Security-Policy a build needs, printed or written into the nginx config.

    python -m devtools.csp SITE [--write CONF | --check CONF]

A maintainer's step after an upgrade of the theme (its inline scripts are hashed into the policy).
The policy itself is computed by the product (xulang.plugin.publish), so the build, its tests and
this command agree.
"""

import sys

from xulang.plugin.publish import main

if __name__ == "__main__":
    raise SystemExit(main(["csp", *sys.argv[1:]]))
