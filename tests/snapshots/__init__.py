"""Golden snapshots: what the command line answers for every file in ``examples/``.

Each example is run through the CLI (in-process) and its output compared with the file of the
same name here; ``tests/test_snapshots.py`` fails on any difference, so a change of output shows
in review. The people views of ``evaluate`` and ``track`` are kept in Swedish and English at 80
and 120 columns (``evaluate_<example>.sv80.txt``...; the list layout and the table). After a
deliberate change, regenerate them and read the diff::

    .venv/bin/python -m tests.snapshots --update
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"
AS_OF = "2025-10-01"
"""The business date of the tracking examples (README's)."""


PAGE_SNAPSHOTS = (
    (
        "evaluate_report_of_concern.html",
        ("evaluate", "examples/report_of_concern.json", "--format", "html"),
    ),
    (
        "track_case_vgr.en.html",
        (
            "track",
            "examples/case_vgr.json",
            "--as-of",
            AS_OF,
            "--engine",
            "python",
            "--format",
            "html",
            "--lang",
            "en",
        ),
    ),
)
"""The printable pages people see (docs/people-pages.md), one in each language."""


@dataclass(frozen=True)
class Snapshot:
    """One command on one example, and the file its output is kept in."""

    name: str
    args: tuple[str, ...]
    out_file: str | None = None
    """An output file the command writes (``--out-cases``), kept as a second snapshot."""
    exit_codes: tuple[int, ...] = (0, 1)
    """The exit codes of a complete run (``audit`` exits 2 when it skipped rows, as the
    example's two planted bad rows make it)."""
    columns: int | None = None
    """The terminal's width for a people view (``COLUMNS``)."""

    @property
    def path(self) -> Path:
        return HERE / self.name


def snapshots() -> list[Snapshot]:
    """One snapshot per example file (and one for the per-case output of the audit)."""
    found: list[Snapshot] = []
    for path in sorted(EXAMPLES.glob("*.json")):
        example = str(path.relative_to(ROOT))
        if path.name.startswith("case_"):
            args = ("track", example, "--as-of", AS_OF, "--engine", "python")
            found.append(Snapshot(f"track_{path.stem}.json", (*args, "--json")))
            found.extend(_people(f"track_{path.stem}", args))
        else:
            found.append(Snapshot(f"evaluate_{path.stem}.json", ("evaluate", example, "--json")))
            found.extend(_people(f"evaluate_{path.stem}", ("evaluate", example)))
            if path.stem == "placement_started_lvu_familjehem":
                why = ("evaluate", example, "--why-not", "--party", "region")
                found.append(Snapshot(f"evaluate_{path.stem}.why_not.sv80.txt", why, columns=80))
    for path in sorted(EXAMPLES.glob("*.csv")):
        example = str(path.relative_to(ROOT))
        args = ("audit", example, "--as-of", AS_OF, "--engine", "python", "--format", "json")
        cases = f"audit_{path.stem}.cases.jsonl"
        found.append(Snapshot(f"audit_{path.stem}.json", args, out_file=cases, exit_codes=(2,)))
    for name, args in PAGE_SNAPSHOTS:
        found.append(Snapshot(name, args))
    for path in sorted((EXAMPLES / "local").glob("*.yaml")):
        example = str(path.relative_to(ROOT))
        found.append(Snapshot(f"conformance_{path.stem}.json", ("conformance", "--json", example)))
        found.append(Snapshot(f"conformance_{path.stem}.sv.txt", ("conformance", example)))
        proposed = EXAMPLES / "review" / f"{path.stem}_proposed.yaml"
        if proposed.is_file():  # the review of a change, as legal staff read it
            review = ("diff", example, str(proposed.relative_to(ROOT)), "--format", "markdown")
            for lang in ("sv", "en"):
                found.append(Snapshot(f"review_{path.stem}.{lang}.md", (*review, "--lang", lang)))
    return found


def _people(stem: str, args: tuple[str, ...]) -> list[Snapshot]:
    """The people view of a command, in both languages at 80 and 120 columns."""
    return [
        Snapshot(f"{stem}.{lang}{columns}.txt", (*args, "--lang", lang), columns=columns)
        for lang in ("sv", "en")
        for columns in (80, 120)
    ]


def run(snapshot: Snapshot, work: Path) -> dict[str, str]:
    """The outputs of one snapshot's command, by snapshot file name (run from the repository
    root, as README's examples are)."""
    import os

    from placement_rules.cli import cli

    args = list(snapshot.args)
    out_path = work / snapshot.out_file if snapshot.out_file else None
    if out_path is not None:
        args += ["--out-cases", str(out_path)]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        env = {"COLUMNS": str(snapshot.columns)} if snapshot.columns else None
        result = CliRunner().invoke(cli, args, catch_exceptions=False, env=env)
    finally:
        os.chdir(cwd)
    if result.exit_code not in snapshot.exit_codes:
        raise AssertionError(f"{' '.join(args)} exited {result.exit_code}: {result.output}")
    outputs = {snapshot.name: result.stdout}
    if out_path is not None and snapshot.out_file is not None:
        outputs[snapshot.out_file] = out_path.read_text(encoding="utf-8")
    return outputs


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import sys
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tests.snapshots", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot files")
    options = parser.parse_args(argv)
    stale = []
    with tempfile.TemporaryDirectory() as work:
        for snapshot in snapshots():
            for name, text in run(snapshot, Path(work)).items():
                path = HERE / name
                if path.exists() and path.read_text(encoding="utf-8") == text:
                    continue
                stale.append(name)
                if options.update:
                    path.write_text(text, encoding="utf-8")
    verb = "updated" if options.update else "differ (run with --update)"
    for name in stale:
        sys.stderr.write(f"{name}: {verb}\n")
    return 0 if options.update or not stale else 1
