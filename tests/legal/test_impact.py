"""Impact of a change on open cases: a planted change (a deadline of 4 weeks made 6 in a copy of
the VGR file) finds exactly the cases whose obligations differ, worked out here on their own by
evaluating each case's events under both rule sets."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.compiler import build_rule_set
from placement_rules.evaluation import evaluate
from placement_rules.legal.impact import ImpactSummary, SideRules, impact
from placement_rules.loading import read_rule_file
from placement_rules.regions import load_chain, load_rule_set
from placement_rules.ruleset import RuleSet
from placement_rules.tracking.audit_rows import Row, read_csv

ROOT = Path(__file__).resolve().parents[2]
VGR = ROOT / "rules" / "vastra_gotaland.yaml"
EXAMPLE = ROOT / "examples" / "audit_small.csv"
AS_OF = dt.date(2025, 12, 1)
FOUR_WEEKS = (
    "deadline: {offset: {weeks: 4}, anchor: event_date, vague: skyndsamt, statutory: false}"
)
COLUMNS = (
    "case_id,kind,date,birth_date,home_municipality,home_region,legal_basis,placement_form,"
    "placement_region"
)


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A copy of the VGR file whose health examination offer is due in 6 weeks, not 4."""
    text = VGR.read_text(encoding="utf-8")
    assert text.count(FOUR_WEEKS) == 1
    path = tmp_path / "proposed" / "vastra_gotaland.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(FOUR_WEEKS, FOUR_WEEKS.replace("weeks: 4", "weeks: 6")), "utf-8")
    return path


def keys(rules: RuleSet, row: Row) -> Counter[tuple[str, str, str]]:
    """The obligations of one event, evaluated directly: (duty, due or vague term, party)."""
    found = evaluate(rules, row.event).obligations
    return Counter(
        (o.duty, o.due.isoformat() if o.due else str(o.vague), o.responsible_text) for o in found
    )


def expected_affected(path: Path, planted: Path) -> set[str]:
    """The cases of a region-VGR input some event of which (on or before the day) gets other
    obligations under the planted file, evaluated event by event without the tracker."""
    old = load_rule_set("vastra_gotaland")
    new = build_rule_set(load_chain(planted))
    affected = set()
    with path.open(encoding="utf-8", newline="") as stream:
        for row in read_csv(stream, str(path)):
            if not isinstance(row, Row) or row.event.home_region != "vastra_gotaland":
                continue
            if row.event.date <= AS_OF and keys(old, row) != keys(new, row):
                affected.add(row.case_id)
    return affected


def run_impact(cases: Path, planted: Path) -> tuple[set[str], ImpactSummary]:
    summary = ImpactSummary(AS_OF, "old", "new")
    old, new = SideRules(read_rule_file(VGR)), SideRules(read_rule_file(planted))
    with cases.open(encoding="utf-8", newline="") as stream:
        for case in impact(read_csv(stream, str(cases)), AS_OF, old, new):
            summary.add(case)
    with cases.open(encoding="utf-8", newline="") as stream:
        found = {
            c.case_id for c in impact(read_csv(stream, str(cases)), AS_OF, old, new) if c.affected
        }
    return found, summary


def test_the_bundled_audit_example_finds_exactly_the_affected_case(planted: Path) -> None:
    expected = expected_affected(EXAMPLE, planted)
    assert expected == {"A-1"}  # its health examination was initiated in VGR on 2025-08-20
    found, summary = run_impact(EXAMPLE, planted)
    assert found == expected
    assert summary.cases == 4 and summary.affected == 1
    assert summary.not_reached == 3  # Jönköping, Östergötland, Stockholm: not in their chains
    assert summary.per_duty == Counter({"health_examination.offer": 1})
    assert summary.per_municipality == Counter({"Borås": 1})


def generated_cases(path: Path, n: int = 120, seed: int = 19) -> Path:
    """Cases of VGR children, each a placement and the health examination's initiation, with
    ages from 5 to 22, placed in VGR or elsewhere, before and after the day (some not
    affected: 21 and over, placed in another region, initiated after the day)."""
    rng = random.Random(seed)
    lines = [COLUMNS]
    for i in range(n):
        placed = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(760))
        born = placed - dt.timedelta(days=365 * rng.randrange(5, 23) + rng.randrange(300))
        region = rng.choice(["vastra_gotaland", "vastra_gotaland", "stockholm"])
        basis = rng.choice(["LVU", "SoL"])
        initiated = placed + dt.timedelta(days=rng.randrange(10))
        town = rng.choice(["Borås", "Göteborg", "Mölndal"])
        for kind, day in (
            ("placement_started", placed),
            ("health_examination_initiated", initiated),
        ):
            lines.append(
                f"G-{i},{kind},{day},{born},{town},vastra_gotaland,{basis},familjehem,{region}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_generated_cases_find_every_affected_case_and_no_other(
    planted: Path, tmp_path: Path
) -> None:
    cases = generated_cases(tmp_path / "cases.csv")
    expected = expected_affected(cases, planted)
    assert 20 < len(expected) < 110  # the input holds affected and unaffected cases
    found, summary = run_impact(cases, planted)
    assert found == expected
    assert summary.affected == len(expected) and summary.cases == 120
    assert sum(summary.per_municipality.values()) == len(expected)


def test_impact_command_writes_the_csv_and_the_swedish_summary(
    planted: Path, tmp_path: Path
) -> None:
    cases = generated_cases(tmp_path / "cases.csv", n=40)
    expected = expected_affected(cases, planted)
    out, page = tmp_path / "impact.csv", tmp_path / "impact.html"
    args = [str(VGR), str(planted), str(cases), "--as-of", str(AS_OF), "-o", str(out)]
    result = CliRunner().invoke(cli, ["impact", *args, "--html", str(page)])
    assert result.exit_code == (1 if expected else 0), result.output
    assert f"Får andra plikter, parter eller förfallodagar: {len(expected)};" in result.stdout
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {r["case_id"] for r in rows} == expected
    assert {r["duty"] for r in rows} == {"health_examination.offer"}
    assert all(r["old_due"] != r["new_due"] for r in rows)
    html = page.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html and "Påverkade ärenden per plikt" in html
    assert '<th scope="col">' in html
    english = CliRunner().invoke(cli, ["impact", *args[:5], "--json", "--lang", "en"])
    data = json.loads(english.stdout)
    assert data["affected"] == len(expected) and data["cases"] == 40


def test_the_bundled_example_reports_its_bad_rows_by_line_and_exits_2(planted: Path) -> None:
    result = CliRunner().invoke(
        cli, ["impact", str(VGR), str(planted), str(EXAMPLE), "--as-of", str(AS_OF)]
    )
    assert result.exit_code == 2
    assert "line 12: skipped" in result.stderr and "line 17: skipped" in result.stderr
    assert "B-2" not in result.stderr and "D-4" not in result.stderr  # no case id in messages
    assert "Får andra plikter, parter eller förfallodagar: 1;" in result.stdout


def test_hostile_input_is_refused_row_by_row(planted: Path, tmp_path: Path) -> None:
    cases = tmp_path / "hostile.csv"
    long_line = "X-1,placement_started," + "9" * 100_000
    cases.write_text(f"{COLUMNS}\n{long_line}\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["impact", str(VGR), str(planted), str(cases), "--as-of", str(AS_OF)]
    )
    assert result.exit_code == 2 and "line 2" in result.stderr
    assert "9999" not in result.output
    device = CliRunner().invoke(
        cli, ["impact", str(VGR), str(planted), "/dev/zero", "--as-of", str(AS_OF)]
    )
    assert device.exit_code == 2


def test_a_change_of_the_national_file_reaches_every_region(tmp_path: Path) -> None:
    national = ROOT / "rules" / "national.yaml"
    summary = ImpactSummary(AS_OF, "old", "new")
    same = SideRules(read_rule_file(national)), SideRules(read_rule_file(national))
    with EXAMPLE.open(encoding="utf-8", newline="") as stream:
        for case in impact(read_csv(stream, str(EXAMPLE)), AS_OF, *same):
            summary.add(case)
    assert summary.cases == 4 and summary.not_reached == 0 and summary.affected == 0


def test_json_lines_cases_give_the_same_answer_as_csv(planted: Path, tmp_path: Path) -> None:
    cases = generated_cases(tmp_path / "cases.csv", n=30)
    with cases.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    jsonl = tmp_path / "cases.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    args = ["impact", str(VGR), str(planted), "--as-of", str(AS_OF), "--json"]
    from_csv = CliRunner().invoke(cli, [*args[:3], str(cases), *args[3:]])
    from_jsonl = CliRunner().invoke(cli, [*args[:3], str(jsonl), *args[3:]])
    assert from_csv.exit_code == from_jsonl.exit_code == 1
    assert json.loads(from_csv.stdout)["per_duty"] == json.loads(from_jsonl.stdout)["per_duty"]
    assert json.loads(from_jsonl.stdout)["affected"] == len(expected_affected(cases, planted))


def test_git_revisions_of_one_file(tmp_path: Path) -> None:
    from .test_diff import REGIONAL, _git, git_repo, write_yaml

    repo = git_repo(tmp_path)
    path = repo / "rules" / "alpha.yaml"
    sooner = copy.deepcopy(REGIONAL)
    sooner["rules"][0]["deadline"]["offset"] = {"weeks": 3}
    write_yaml(path, sooner)
    _git(repo, "commit", "-q", "-am", "three weeks")
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "case_id,kind,date,birth_date,home_municipality,home_region,placement_form\n"
        "K-1,health_examination_initiated,2025-03-03,2015-01-01,Alfa,alpha,familjehem\n"
        "K-2,health_examination_initiated,2025-03-03,2002-01-01,Alfa,alpha,familjehem\n"
        "K-3,report_of_concern,2025-03-03,2015-01-01,Alfa,alpha,\n",
        encoding="utf-8",
    )
    out = tmp_path / "impact.csv"
    args = [f"{path}@HEAD~1", f"{path}@HEAD", str(cases), "--as-of", "2025-06-01", "-o", str(out)]
    result = CliRunner().invoke(cli, ["impact", *args])
    assert result.exit_code == 1, result.output
    with out.open(encoding="utf-8", newline="") as stream:
        (row,) = csv.DictReader(stream)
    assert row["case_id"] == "K-1" and row["change"] == "changed"
    assert (row["old_due"], row["new_due"]) == ("2025-03-31", "2025-03-24")


def test_the_swedish_counts_hold_for_one() -> None:
    """ "1 rader", "1 ärenden lästa": the counts are said as "label: n", right for any n."""
    from placement_rules.i18n import text

    counts = text("impact.counts", "sv", cases=1, affected=1, not_reached=1, problems=1)
    skipped = text("impact.skipped", "sv", n=1)
    for said in (counts, skipped):
        assert not re.search(r"\b1 (rader|ärenden)\b", said), said


def test_old_and_new_of_two_regions_are_refused(planted: Path) -> None:
    other = VGR.parent / "ostergotland.yaml"
    result = CliRunner().invoke(
        cli, ["impact", str(other), str(planted), str(EXAMPLE), "--as-of", str(AS_OF)]
    )
    assert result.exit_code == 2
    assert "two versions of one region's file" in result.output
