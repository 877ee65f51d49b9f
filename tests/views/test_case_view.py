"""The people view of track: Swedish statuses, open duties first with how long they are open."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.cli.tracking import track_file
from placement_rules.tracking.audit import RuleSets
from placement_rules.views.case_view import STATUS_ORDER, status_key, status_words

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "examples" / "case_vgr.json"
AS_OF = dt.date(2025, 10, 1)


def _run(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(
        cli,
        ["track", str(CASE), "--as-of", AS_OF.isoformat(), *args],
        env={"COLUMNS": str(columns)},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_statuses_are_swedish_and_open_vague_duties_come_first_with_their_age() -> None:
    report = track_file(CASE, AS_OF, "python", None, RuleSets(None))
    ordered = sorted(report.obligations, key=status_key)
    groups = [STATUS_ORDER.index(o.status) for o in ordered]
    assert groups == sorted(groups)
    first = ordered[0]
    assert first.status == "open" and first.obligation.vague_term == "genast"
    days = (AS_OF - first.incurred).days
    assert status_words(first, AS_OF) == f"genast (lagkrav): öppen sedan {days} dagar"
    out = _run()
    assert f"status  genast (lagkrav): öppen sedan {days} dagar" in out.splitlines()
    for word in ("i tid", "försenad 7 dagar", "väntar", "gjord", "Följs inte upp (20)"):
        assert word in out
    assert "met_on_time" not in out and "untracked" not in out


def test_track_in_english_and_for_one_party() -> None:
    out = _run("--lang", "en")
    assert "immediately (required by law): open for" in out and "on time" in out
    region = _run("--party", "region")
    assert "vem     kommunen" not in region and "vem     regionen" in region


def test_track_has_a_responsible_column_at_120_columns() -> None:
    out = _run(columns=120)
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.strip("┃").split("┃")] == [
        "status",
        "vad",
        "vem",
        "när",
        "källa",
    ]


def test_no_word_or_date_of_the_track_view_is_split() -> None:
    report = track_file(CASE, AS_OF, "python", None, RuleSets(None))
    for columns in (60, 80, 99, 100, 120, 160):
        out = _run(columns=columns)
        tokens = {t.strip("()") for t in re.split(r"[\s│┃]+", out)}
        for item in report.obligations:
            missing = [w for w in item.obligation.title.split() if w.strip("()") not in tokens]
            assert not missing, (columns, missing)
            assert item.incurred.isoformat() in tokens
        assert max(len(line) for line in out.splitlines()) <= columns


def test_a_case_warning_is_said_in_words(tmp_path: Path) -> None:
    """The library's English warning (field and region codes) becomes a Swedish sentence."""
    import json

    from click.testing import CliRunner

    from placement_rules.cli import cli

    case = json.loads(
        (Path(__file__).resolve().parents[2] / "examples" / "case_vgr.json").read_text()
    )
    for holder in (case.get("child", {}), *case["events"]):
        if "home_municipality" in holder:
            holder["home_municipality"] = "Kiruna"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    out = CliRunner().invoke(cli, ["track", str(path), "--as-of", "2025-10-01"]).stdout
    assert "Obs: Hemkommunen är inte en av de 49 kommunerna i Västra Götaland" in out
    assert "home_municipality" not in out and "vastra_gotaland" not in out
