"""What legal staff read matches the golden snapshots (tests/rulebook/snapshots)."""

from __future__ import annotations

import pytest

from .snapshots import HERE, SNAPSHOTS


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_output_matches_the_snapshot(name: str) -> None:
    path = HERE / name
    assert path.exists(), f"no snapshot {name}: run python -m tests.rulebook.snapshots --update"
    assert SNAPSHOTS[name]() == path.read_text(encoding="utf-8"), (
        f"{name} differs from its snapshot; if the change is meant, run "
        "python -m tests.rulebook.snapshots --update and review the diff"
    )
