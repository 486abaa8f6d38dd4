"""`python -m pipeline.cli …` runs the `conflict-events` command."""

import sys

from pipeline.cli import main

sys.exit(main())
