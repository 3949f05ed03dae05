"""Allow ``python -m cstosim``."""

import sys

from cstosim.cli import main

sys.exit(main())
