import sys

from xulang.cli import main

sys.exit(main())
