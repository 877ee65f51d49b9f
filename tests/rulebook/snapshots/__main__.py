"""``python -m tests.rulebook.snapshots [--update]``: check or regenerate the snapshots."""

import sys

from . import main

sys.exit(main())
