"""A new virtual environment with one requirement installed (for the slow install tests)."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path


def new_venv_with(folder: Path, requirement: str) -> Path:
    """Create a virtual environment in ``folder``, pip install ``requirement`` into it (the
    test fails with pip's output if that fails) and return its Python."""
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", requirement],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return python
