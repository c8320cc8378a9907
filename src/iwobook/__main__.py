"""`python -m iwobook` runs the command line."""

import sys

from iwobook.cli import main

sys.exit(main())
