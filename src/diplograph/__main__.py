"""`python -m diplograph` runs the command line."""

import sys

from diplograph.cli import main

sys.exit(main())
