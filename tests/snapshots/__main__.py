"""``python -m tests.snapshots [--update]``: check or regenerate the golden snapshots."""

import sys

from . import main

sys.exit(main())
