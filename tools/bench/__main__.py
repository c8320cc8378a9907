"""Run the benchmark's command line: `python -m tools.bench [...]` from the project root."""

import sys

from .main import main

sys.exit(main())
