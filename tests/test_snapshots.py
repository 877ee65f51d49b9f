"""The command line's answers for every example match the golden snapshots (tests/snapshots)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .snapshots import EXAMPLES, HERE, Snapshot, run, snapshots


def test_every_example_has_a_snapshot() -> None:
    examples = {p.name for pattern in ("*.json", "*.csv") for p in EXAMPLES.glob(pattern)}
    examples |= {p.name for p in (EXAMPLES / "local").glob("*.yaml")}
    covered = {
        Path(s.args[-1] if s.args[0] == "conformance" else s.args[1]).name for s in snapshots()
    }
    assert examples == covered


@pytest.mark.parametrize("snapshot", snapshots(), ids=lambda s: s.name)
def test_output_matches_the_snapshot(snapshot: Snapshot, tmp_path: Path) -> None:
    for name, text in run(snapshot, tmp_path).items():
        path = HERE / name
        assert path.exists(), f"no snapshot {name}: run python -m tests.snapshots --update"
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from its snapshot; if the change is meant, run "
            "python -m tests.snapshots --update and review the diff"
        )
