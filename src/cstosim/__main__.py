"""Allow ``python -m cstosim``."""

import sys

try:
    from cstosim.cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: stop quietly, as the CLI does
    sys.stderr.write("cstosim: interrupted\n")
    sys.exit(130)

sys.exit(main())
