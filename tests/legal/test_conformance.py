"""`placement-rules conformance LOCAL`: local routines may tighten or add, never loosen.

Each loosening is a crafted local file in tmp_path, extending a small regional file written there
too (so these tests do not depend on the bundled regional files being finished).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from placement_rules.cli import cli
from placement_rules.legal.conformance import ConformanceReport, anchor_days, check_file
from placement_rules.loading import bundled_rules_dir
from placement_rules.regions import load_all
from placement_rules.scenarios import check_scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "local" / "boras.yaml"

CITE = {"source": "testland_agreement_text", "section": "3.1", "quote": "exempel"}

REGIONAL: dict[str, Any] = {
    "format": 1,
    "kind": "regional",
    "region": "testland",
    "name": "Testland (test fixture)",
    "extends": "national",
    "sources": [{"id": "testland_agreement_text", "kind": "agreement", "title": "Testavtal"}],
    "agreements": [
        {
            "id": "testland_agreement",
            "title": "Testavtal",
            "source": "testland_agreement_text",
            "parties": [
                {"name": "Region Testland", "principal": "region"},
                {"name": "Testkommunerna", "principal": "kommun"},
            ],
            "validity": {"start": dt.date(2019, 1, 1), "citation": CITE},
        }
    ],
    "scope": {
        "age": {"min": 0, "below": 21},
        "legal_bases": ["SoL", "LVU", "LVM"],
        "placement_forms": ["familjehem", "jourhem", "hvb", "sis", "stodboende", "skyddat_boende"],
        "citation": CITE,
    },
    "rules": [
        {
            "id": "testland.health_examination.offer.four_weeks",
            "duty": "health_examination.offer",
            "relation": "tightens",
            "title": "Erbjuda hälsoundersökning inom fyra veckor",
            "action": "Regionen erbjuder hälsoundersökning inom fyra veckor.",
            "trigger": {
                "event": "health_examination_initiated",
                "when": [{"fact": "age", "op": "lt", "value": 21}],
            },
            "responsible": {"principal": "region", "locus": "placement_region"},
            "deadline": {"offset": {"weeks": 4}, "anchor": "event_date", "statutory": False},
            "cost_bearer": {"principal": "region", "locus": "home_region"},
            "source": CITE,
        }
    ],
}

NOTIFY = {
    "id": "testort.notify.three_days",
    "duty": "health_examination.notify_region",
    "relation": "tightens",
    "title": "Underrätta regionen inom tre dagar",
    "action": "Socialnämnden underrättar regionen inom tre dagar.",
    "trigger": {
        "event": "placement_started",
        "when": [
            {"fact": "age", "op": "lt", "value": 21},
            {"fact": "health_examination_unnecessary", "op": "eq", "value": False},
        ],
    },
    "responsible": {"principal": "kommun", "unit": "mottagningen", "locus": "home_municipality"},
    "deadline": {"offset": {"days": 3}, "anchor": "placement_start", "statutory": False},
    "source": {"source": "testort_routine", "section": "1"},
}
OFFER = {
    "id": "testort.offer.two_weeks",
    "duty": "health_examination.offer",
    "relation": "tightens",
    "title": "Hälsoundersökning inom två veckor",
    "action": "Hälsoundersökningen erbjuds inom två veckor.",
    "trigger": {
        "event": "health_examination_initiated",
        "when": [{"fact": "age", "op": "lt", "value": 21}],
    },
    "responsible": {"principal": "region", "locus": "placement_region"},
    "deadline": {"offset": {"weeks": 2}, "anchor": "event_date", "statutory": False},
    "cost_bearer": {"principal": "region", "locus": "home_region"},
    "source": {"source": "testort_routine", "section": "2"},
}
ADDED = {
    "id": "testort.school_health.inform",
    "duty": "testort.school_health.inform",
    "relation": "adds",
    "title": "Informera elevhälsan",
    "action": "Handläggaren informerar elevhälsan.",
    "trigger": {"event": "placement_started", "when": [{"fact": "age", "op": "lt", "value": 18}]},
    "responsible": {"principal": "kommun", "locus": "home_municipality"},
    "deadline": {"offset": {"weeks": 1}, "anchor": "event_date", "statutory": False},
    "source": {"source": "testort_routine", "section": "3"},
}


def local_file(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": 1,
        "kind": "local",
        "region": "testort",
        "name": "Testort (test fixture)",
        "extends": "testland",
        "sources": [{"id": "testort_routine", "kind": "decision", "title": "Lokal rutin"}],
        "rules": rules,
    }


def changed(rule: dict[str, Any], **fields: Any) -> dict[str, Any]:
    out = copy.deepcopy(rule)
    out.update(fields)
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "testland.yaml").write_text(
        yaml.safe_dump(REGIONAL, allow_unicode=True), encoding="utf-8"
    )
    return tmp_path


def write_local(folder: Path, rules: list[dict[str, Any]], name: str = "testort.yaml") -> Path:
    path = folder / name
    path.write_text(
        yaml.safe_dump(local_file(rules), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["conformance", "--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def kinds(report: ConformanceReport) -> set[str]:
    return {f.kind for f in report.findings}


# --- passing --------------------------------------------------------------------------------------


def test_tightening_and_adding_passes(folder: Path) -> None:
    path = write_local(folder, [NOTIFY, OFFER, ADDED])
    report = check_file(path)
    assert report.ok, [f.describe() for f in report.findings]
    assert report.compared_pairs >= 4  # notify vs 3 national rules, offer vs regional + national
    code, out, _ = run_cli(str(path))
    assert code == 0 and out.startswith("ok")


def test_names_unit_with_same_deadline_passes(folder: Path) -> None:
    rule = changed(
        OFFER,
        relation="names_unit",
        deadline=REGIONAL["rules"][0]["deadline"],
        responsible={"principal": "region", "unit": "vårdcentralen", "locus": "placement_region"},
    )
    assert check_file(write_local(folder, [rule])).ok


def test_equal_statutory_deadline_counted_without_roll_forward_passes(folder: Path) -> None:
    # 14 days from the report, not rolled forward: never after the statutory date (rolled forward).
    rule = {
        "id": "testort.decide.fourteen",
        "duty": "investigation.decide_whether_to_open",
        "relation": "restates",
        "title": "Beslut inom fjorton dagar",
        "action": "Beslut fattas.",
        "trigger": {
            "event": "report_of_concern",
            "when": [{"fact": "age", "op": "lt", "value": 21}],
        },
        "responsible": {
            "principal": "kommun",
            "unit": "socialnämnden",
            "locus": "home_municipality",
        },
        "deadline": {"offset": {"days": 14}, "anchor": "event_date", "statutory": True},
        "source": {"source": "testort_routine", "section": "4"},
    }
    assert check_file(write_local(folder, [rule])).ok


@pytest.mark.skipif(
    not (bundled_rules_dir() / "vastra_gotaland.yaml").exists(),
    reason="rules/vastra_gotaland.yaml (the example's base) is not written yet",
)
def test_shipped_example_conforms() -> None:
    report = check_file(EXAMPLE)
    assert report.ok, [f.describe() for f in report.findings]
    code, out, err = run_cli(str(EXAMPLE))
    assert code == 0, out + err


@pytest.mark.skipif(
    not (bundled_rules_dir() / "vastra_gotaland.yaml").exists(),
    reason="rules/vastra_gotaland.yaml (the example's base) is not written yet",
)
@pytest.mark.parametrize(
    "scenario", sorted((EXAMPLE.parent / "scenarios").glob("*.scenario.yaml")), ids=lambda p: p.name
)
def test_shipped_example_scenarios_pass(scenario: Path) -> None:
    loaded = load_scenario(scenario)
    rules = load_all(EXAMPLE.parent)[loaded.region]
    assert check_scenario(loaded, rules) == []


def test_shipped_example_conforms_to_the_national_baseline(tmp_path: Path) -> None:
    """The example's own rules, pointed at national.yaml: runs even before the regional file."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["extends"] = "national"
    path = tmp_path / "boras.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = check_file(path)
    assert report.ok, [f.describe() for f in report.findings]


# --- each kind of loosening fails -----------------------------------------------------------------


LOOSENINGS: dict[str, tuple[dict[str, Any], str]] = {
    "later than the agreement": (
        changed(
            OFFER, deadline={"offset": {"weeks": 6}, "anchor": "event_date", "statutory": False}
        ),
        "later_deadline",
    ),
    "29 days where the agreement says four weeks": (
        changed(
            OFFER, deadline={"offset": {"days": 29}, "anchor": "event_date", "statutory": False}
        ),
        "later_deadline",
    ),
    "vague where the agreement gives a date": (
        changed(OFFER, deadline={"vague": "skyndsamt", "statutory": False}),
        "vague_replaces_dated",
    ),
    "no deadline at all": ({k: v for k, v in OFFER.items() if k != "deadline"}, "deadline_dropped"),
    "another principal": (
        changed(NOTIFY, responsible={"principal": "region", "locus": "home_region"}),
        "other_principal",
    ),
    "another municipality (locus)": (
        changed(NOTIFY, responsible={"principal": "kommun", "locus": "placement_municipality"}),
        "other_principal",
    ),
    "another cost bearer": (
        changed(OFFER, cost_bearer={"principal": "kommun", "locus": "home_municipality"}),
        "other_cost_bearer",
    ),
    "narrower conditions drop the duty": (
        changed(
            NOTIFY,
            trigger={
                "event": "placement_started",
                "when": [
                    {"fact": "age", "op": "lt", "value": 18},
                    {"fact": "health_examination_unnecessary", "op": "eq", "value": False},
                ],
            },
        ),
        "dropped_duty",
    ),
    "another trigger drops the duty": (
        changed(NOTIFY, trigger={"event": "placement_changed"}),
        "dropped_duty",
    ),
    "restates but changes the deadline": (changed(OFFER, relation="restates"), "relation_misuse"),
    "adds a duty the base has": (changed(OFFER, relation="adds"), "relation_misuse"),
    "tightens a duty no base file has": (changed(ADDED, relation="tightens"), "relation_misuse"),
    "names_unit without a unit": (
        changed(OFFER, relation="names_unit", deadline=REGIONAL["rules"][0]["deadline"]),
        "relation_misuse",
    ),
    "a limit as a due date": (
        {
            **changed(
                OFFER,
                id="testort.follow_up",
                duty="follow_up_after_placement.limit",
                trigger={"event": "placement_ended"},
                responsible={"principal": "kommun", "locus": "home_municipality"},
                deadline={"offset": {"months": 1}, "anchor": "event_date", "statutory": False},
            )
        },
        "relation_misuse",
    ),
}


@pytest.mark.parametrize("case", sorted(LOOSENINGS))
def test_loosening_fails(folder: Path, case: str) -> None:
    rule, expected = LOOSENINGS[case]
    path = write_local(folder, [ADDED, rule])
    report = check_file(path)
    assert expected in kinds(report), [f.describe() for f in report.findings]
    code, out, err = run_cli(str(path))
    assert code == 1, out + err
    assert out.startswith("FAIL") and f"  - {expected}:" in out


def test_later_only_under_the_old_law_is_caught(folder: Path) -> None:
    """Follow-up limited to four months: later than SoL (2001:453)'s two, within 2025:400's six."""
    rule = changed(
        OFFER,
        id="testort.follow_up.four_months",
        duty="follow_up_after_placement.limit",
        trigger={
            "event": "placement_ended",
            "when": [
                {"fact": "age", "op": "lt", "value": 18},
                {"fact": "legal_basis", "op": "eq", "value": "SoL"},
                {
                    "fact": "placement_form",
                    "op": "in",
                    "value": ["familjehem", "hvb", "skyddat_boende"],
                },
            ],
        },
        responsible={"principal": "kommun", "unit": "socialnämnden", "locus": "home_municipality"},
        deadline={
            "offset": {"months": 4},
            "anchor": "event_date",
            "statutory": False,
            "meaning": "limit",
        },
    )
    del rule["cost_bearer"]
    report = check_file(write_local(folder, [rule]))
    later = [f for f in report.findings if f.kind == "later_deadline"]
    # the old SoL's two months, for familjehem/HVB and (from 2024-04-01, Lag 2024:85) skyddat boende
    assert [f.base_rule_id for f in later] == [
        "national.follow_up_after_placement.sol2001",
        "national.follow_up_after_placement.sol2001.skyddat_boende",
    ]
    assert report.findings == tuple(later)
    # Checked only on old-law days: the same file against new-law days passes.
    new_law = [d for d in anchor_days() if d >= dt.date(2025, 7, 1)]
    assert check_file(folder / "testort.yaml", days=new_law).ok


def test_later_only_at_month_ends_is_caught(folder: Path) -> None:
    """One month vs 30 days is later only from anchors in 31-day months; 28 days never is."""
    month = changed(
        OFFER, deadline={"offset": {"months": 1}, "anchor": "event_date", "statutory": False}
    )
    regional = copy.deepcopy(REGIONAL)
    regional["rules"][0]["deadline"] = {
        "offset": {"days": 30},
        "anchor": "event_date",
        "statutory": False,
    }
    (folder / "testland.yaml").write_text(
        yaml.safe_dump(regional, allow_unicode=True), encoding="utf-8"
    )
    assert "later_deadline" in kinds(check_file(write_local(folder, [month])))
    february_only = [dt.date(2027, 1, 29), dt.date(2027, 1, 30), dt.date(2027, 1, 31)]
    assert check_file(folder / "testort.yaml", days=february_only).ok


def test_dated_deadline_for_genast_is_caught(folder: Path) -> None:
    rule = {
        "id": "testort.protection.one_day",
        "duty": "investigation.protection_assessment",
        "relation": "tightens",
        "title": "Skyddsbedömning inom en dag",
        "action": "Bedömning.",
        "trigger": {
            "event": "report_of_concern",
            "when": [{"fact": "age", "op": "lt", "value": 21}],
        },
        "responsible": {"principal": "kommun", "locus": "home_municipality"},
        "deadline": {"offset": {"days": 1}, "anchor": "event_date", "statutory": False},
        "source": {"source": "testort_routine", "section": "5"},
    }
    assert "immediate_replaced" in kinds(check_file(write_local(folder, [rule])))


def test_findings_name_the_line(folder: Path) -> None:
    path = write_local(folder, [ADDED, changed(OFFER, relation="restates")])
    finding = next(f for f in check_file(path).findings if f.kind == "relation_misuse")
    text = path.read_text(encoding="utf-8").splitlines()
    assert finding.line is not None and "id: testort.offer.two_weeks" in text[finding.line - 1]


def test_json_output(folder: Path) -> None:
    import json

    code, out, _ = run_cli("--json", str(write_local(folder, [changed(OFFER, relation="adds")])))
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and data["findings"][0]["kind"] == "relation_misuse"


# --- library errors: exit 2, one line -------------------------------------------------------------


def test_regional_file_is_a_usage_error(folder: Path) -> None:
    code, out, err = run_cli(str(folder / "testland.yaml"))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "local" in err


def test_missing_file_and_broken_yaml_exit_2(folder: Path) -> None:
    assert run_cli(str(folder / "nope.yaml"))[0] == 2
    broken = folder / "broken.yaml"
    broken.write_text("format: 1\nkind: local\nrules: [\n", encoding="utf-8")
    code, _, err = run_cli(str(broken))
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_unknown_base_exits_2(tmp_path: Path) -> None:
    data = local_file([NOTIFY])
    data["extends"] = "atlantis"
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    code, _, err = run_cli(str(path))
    assert code == 2 and "atlantis" in err


def test_messages_are_swedish_by_default_and_english_on_request(folder: Path) -> None:
    rule, _ = LOOSENINGS["later than the agreement"]
    path = write_local(folder, [rule])
    swedish = check_file(path)
    (later,) = [f for f in swedish.findings if f.kind == "later_deadline"]
    assert "förfaller den" in later.message and "basregeln" in later.message
    assert swedish.summary().startswith("FEL") and "lättar" in swedish.summary()
    assert "(rad " in later.describe()
    english = check_file(path, lang="en")
    (later,) = [f for f in english.findings if f.kind == "later_deadline"]
    assert "it is due" in later.message and english.summary().startswith("FAIL")
    code, out, _ = run_cli(str(path))
    assert code == 1 and "the base rule" in out
    swedish_cli = CliRunner().invoke(cli, ["conformance", str(path)])
    assert swedish_cli.exit_code == 1 and swedish_cli.stdout.startswith("FEL")
