"""The opt-in compiled build (hatch_build.py) audits exactly as the pure-Python package does.

Slow (PLACEMENT_RULES_SLOW=1): builds the wheel with mypyc (about a minute; needs a C compiler
and the package registry), installs it with the tracking extra into a new virtual environment,
and audits the same events there and here, with both engines: the per-case rows and the
summary must be the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .venvs import new_venv_with

ROOT = Path(__file__).resolve().parents[1]
COMPILED_MODULES = (
    "evaluation",
    "results",
    "tracking.audit",
    "tracking.durable",
    "tracking.oracle",
    "tracking.tracker",
)


def audit_outputs(cli: list[str], events: Path, out: Path, engine: str) -> tuple[str, str]:
    cases, summary = out / f"cases_{engine}.csv", out / f"summary_{engine}.json"
    done = subprocess.run(
        [
            *cli,
            "audit",
            str(events),
            "--as-of",
            "2026-06-01",
            "--engine",
            engine,
            "--format",
            "json",
            "--out-cases",
            str(cases),
            "--out-summary",
            str(summary),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return cases.read_text(encoding="utf-8"), summary.read_text(encoding="utf-8")


@pytest.mark.slow
def test_compiled_wheel_audits_as_the_sources_do(tmp_path: Path) -> None:
    pytest.importorskip("durable.engine", reason="compares durable-rules too: needs [tracking]")
    env = {**os.environ, "HATCH_BUILD_HOOK_ENABLE_CUSTOM": "true"}
    wheel_dir = tmp_path / "wheel"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheel_dir.glob("placement_rules-*.whl")
    assert "none-any" not in wheel.name, "a compiled wheel is tagged for its platform"
    assert not list((ROOT / "src").rglob("*.so")), "the build wrote into the source tree"

    env_dir = tmp_path / "venv"
    python = new_venv_with(env_dir, f"{wheel}[tracking]")
    files = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib; print('\\n'.join("
            f"importlib.import_module('placement_rules.' + m).__file__ "
            f"for m in {COMPILED_MODULES!r}))",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert files.returncode == 0, files.stderr
    assert all(line.endswith(".so") for line in files.stdout.split()), files.stdout

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_audit import write_input
    finally:
        sys.path.remove(str(ROOT / "bench"))
    events = tmp_path / "events.csv"
    write_input(events, 400, seed=11)
    here = [str(Path(sys.executable).parent / "placement-rules")]
    there = [str(env_dir / "bin" / "placement-rules")]
    for folder in ("pure", "compiled"):
        (tmp_path / folder).mkdir()
    for engine in ("durable", "python"):
        expected = audit_outputs(here, events, tmp_path / "pure", engine)
        got = audit_outputs(there, events, tmp_path / "compiled", engine)
        assert got == expected, f"{engine}: the compiled build audits differently"
