"""The evaluator on the national baseline and on a small crafted regional file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from placement_rules import evaluate, load_file_rule_set, load_rule_set, parse_event
from placement_rules.errors import EventError
from placement_rules.ruleset import RuleSet

from .rulefile_texts import VALID_REGIONAL


@pytest.fixture(scope="module")
def national() -> RuleSet:
    return load_rule_set("national")


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    path = tmp_path_factory.mktemp("rules") / "testregion.yaml"
    path.write_text(VALID_REGIONAL, encoding="utf-8")
    return load_file_rule_set(path)


def event(**overrides: Any) -> Any:
    data: dict[str, Any] = {
        "kind": "placement_started",
        "date": "2024-03-04",
        "birth_date": "2012-05-14",
        "legal_basis": "LVU",
        "placement_form": "familjehem",
        "home_municipality": "Testby",
        "home_region": "testregion",
    }
    data.update(overrides)
    return parse_event(data)


def rule_ids(rules: RuleSet, **overrides: Any) -> set[str]:
    return {o.rule_id for o in evaluate(rules, event(**overrides)).obligations}


def test_old_and_new_law_by_event_date(national: RuleSet) -> None:
    before = rule_ids(national, date="2025-06-30", needs_both_principals=True)
    after = rule_ids(national, date="2025-07-01", needs_both_principals=True)
    assert "national.sip.draw_up.sol2001" in before and "national.sip.draw_up.sol2025" not in before
    assert "national.sip.draw_up.sol2025" in after and "national.sip.draw_up.sol2001" not in after
    assert evaluate(national, event(date="2025-06-30")).law_in_force == "Socialtjänstlag (2001:453)"
    assert evaluate(national, event(date="2025-07-01")).law_in_force == "Socialtjänstlag (2025:400)"


def test_follow_up_limit_changes_from_two_to_six_months(national: RuleSet) -> None:
    def due(day: str) -> dt.date | None:
        result = evaluate(
            national,
            event(kind="placement_ended", date=day, legal_basis="SoL", placement_form="hvb"),
        )
        (obligation,) = [
            o for o in result.obligations if o.duty == "follow_up_after_placement.limit"
        ]
        return obligation.due

    # a maximum duration is not moved under Lag (1930:173) 2 §, even onto a Saturday or holiday
    assert due("2025-06-30") == dt.date(2025, 8, 30)
    assert due("2025-07-01") == dt.date(2026, 1, 1)


def test_skyddat_boende_notice_only_from_2024_04_01(national: RuleSet) -> None:
    assert not {
        i
        for i in rule_ids(national, date="2024-03-29", placement_form="skyddat_boende")
        if "notify_region" in i
    }
    assert "national.health_examination.notify_region.sol2001.skyddat_boende" in rule_ids(
        national, date="2024-04-01", placement_form="skyddat_boende"
    )


def test_health_examination_notice_age_boundary(national: RuleSet) -> None:
    # born 2004-03-04: 20 years old the day before the 21st birthday, 21 on it
    assert "national.health_examination.notify_region.sol2025" in rule_ids(
        national, date="2025-09-01", birth_date="2004-09-02"
    )
    assert "national.health_examination.notify_region.sol2025" not in rule_ids(
        national, date="2025-09-01", birth_date="2004-09-01"
    )


def test_unnecessary_health_examination_gives_no_notice(national: RuleSet) -> None:
    assert not {
        i for i in rule_ids(national, health_examination_unnecessary=True) if "notify_region" in i
    }


def test_regional_rule_takes_the_place_of_the_national(region: RuleSet) -> None:
    result = evaluate(region, event(kind="health_examination_initiated"))
    ids = {o.rule_id for o in result.obligations}
    assert "test.offer_within_four_weeks" in ids
    assert "national.health_examination.offer" not in ids
    (offer,) = result.obligations
    assert offer.supersedes == ("national.health_examination.offer",)
    assert offer.due == dt.date(2024, 4, 1)  # annandag påsk: agreement deadline not rolled
    assert offer.due_on_non_working_day
    assert offer.responsible.resolved == "testregion"


def test_conflict_with_the_statute_in_force(region: RuleSet) -> None:
    kw = {"kind": "placement_ended", "legal_basis": "SoL", "placement_form": "hvb"}
    before = evaluate(region, event(date="2025-06-30", **kw))
    assert before.conflicts == ()
    assert {o.rule_id for o in before.obligations} == {"test.follow_up_two_months"}
    after = evaluate(region, event(date="2025-07-01", **kw))
    assert [c.rule_id for c in after.conflicts] == ["test.follow_up_two_months"]
    assert after.conflicts[0].statute_rule_id == "national.follow_up_after_placement.sol2025"
    assert "23 kap. 5 §" in after.conflicts[0].message
    assert {o.rule_id for o in after.obligations} == {
        "test.follow_up_two_months",
        "national.follow_up_after_placement.sol2025",
    }
    assert any("statute prevails" in w for w in after.warnings)


def test_scope_exclusion_says_why(region: RuleSet) -> None:
    result = evaluate(region, event(placement_form="sis"))
    assert not result.in_scope
    assert any("SiS placements are not covered" in r for r in result.scope_reasons)
    assert all(o.origin == "national" for o in result.obligations)
    assert "test.power_of_attorney" in {n.rule_id for n in result.not_applied}


def test_scope_age_boundary_on_the_birthday(region: RuleSet) -> None:
    assert evaluate(region, event(birth_date="2003-03-05")).in_scope  # 20 the day before
    outside = evaluate(region, event(birth_date="2003-03-04"))  # 21st birthday
    assert not outside.in_scope
    assert "age 21" in outside.scope_reasons[0]


def test_legal_basis_outside_scope(region: RuleSet) -> None:
    result = evaluate(region, event(legal_basis="LVM"))
    assert not result.in_scope and "LVM" in result.scope_reasons[0]


def test_expired_or_future_agreement_does_not_apply(region: RuleSet) -> None:
    early = evaluate(region, event(date="2020-12-31"))
    assert early.agreements[0].state == "not_yet_in_force"
    assert "test.power_of_attorney" in {n.rule_id for n in early.not_applied}
    assert early.warnings
    renewed = evaluate(region, event(date="2026-03-02"))
    assert renewed.agreements[0].state == "in_force_by_renewal"
    assert renewed.agreements[0].term == 2
    assert "test.power_of_attorney" in {o.rule_id for o in renewed.obligations}


def test_power_of_attorney_age_boundary(region: RuleSet) -> None:
    assert "test.power_of_attorney" in rule_ids(region, birth_date="2006-03-05")  # 17
    assert "test.power_of_attorney" not in rule_ids(region, birth_date="2006-03-04")  # 18


def test_every_obligation_explains_itself(region: RuleSet) -> None:
    result = evaluate(region, event())
    for o in result.obligations:
        assert o.because[0].startswith("event: ")
        assert o.source.source and o.source.section
    poa = next(o for o in result.obligations if o.rule_id == "test.power_of_attorney")
    assert "legal_basis is LVU" in poa.because
    assert "age is below 18" in poa.because


def test_result_is_json_ready(region: RuleSet) -> None:
    import json

    data = evaluate(region, event()).to_dict()
    assert json.loads(json.dumps(data))["event"]["kind"] == "placement_started"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"kind": "moved"}, "kind"),
        ({"date": "2024-13-01"}, "date"),
        ({"birth_date": "2030-01-01"}, "birth_date is after the event date"),
        ({"personnummer": "20120514-1234"}, "<unknown key>: unknown field"),
        ({"legal_basis": "LSS"}, "legal_basis"),
    ],
)
def test_bad_events_raise_event_error_without_echoing_values(
    data: dict[str, Any], needle: str
) -> None:
    with pytest.raises(EventError) as info:
        event(**data)
    assert needle in str(info.value)
    assert "20120514-1234" not in str(info.value) and "personnummer" not in str(info.value)


def test_deterministic_and_thread_safe(region: RuleSet) -> None:
    from concurrent.futures import ThreadPoolExecutor

    events = [
        event(date=f"2025-0{m}-1{d}", acute=bool(d % 2)) for m in range(1, 10) for d in range(9)
    ]
    expected = [evaluate(region, e) for e in events]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(5):
            assert list(pool.map(lambda e: evaluate(region, e), events)) == expected


def test_a_rule_naming_only_the_unit_keeps_the_statutory_deadline(tmp_path: Path) -> None:
    text = VALID_REGIONAL.replace(
        """  - id: test.power_of_attorney""",
        """  - id: test.decide_unit
    duty: investigation.decide_whether_to_open
    relation: names_unit
    title: Mottagningsgruppen gör förhandsbedömningen
    action: Mottagningsgruppen fattar beslutet.
    trigger: {event: report_of_concern}
    responsible: {principal: kommun, unit: mottagningsgruppen, locus: home_municipality}
    source: {source: test_agreement, section: "3.3"}
  - id: test.power_of_attorney""",
    )
    path = tmp_path / "testregion.yaml"
    path.write_text(text, encoding="utf-8")
    rules = load_file_rule_set(path)
    result = evaluate(rules, event(kind="report_of_concern", date="2025-12-17"))
    decide = next(o for o in result.obligations if o.rule_id == "test.decide_unit")
    assert decide.supersedes == ("national.investigation.decide_whether_to_open.sol2025",)
    assert decide.responsible.unit == "mottagningsgruppen"
    # the statute's fourteen days, rolled past nyårsafton and nyårsdagen
    assert decide.due == dt.date(2026, 1, 2) and decide.statutory
    assert any(
        "deadline from national.investigation.decide_whether_to_open.sol2025" in b
        for b in decide.because
    )
    assert result.conflicts == ()


def test_citations_name_the_source_document_not_its_file(
    national: RuleSet, region: RuleSet
) -> None:
    """A citation uses the source's short name, else its title; the file stays in the JSON."""
    lvu = evaluate(national, event(kind="compulsory_care_application", legal_basis="LVU"))
    (exam,) = [o for o in lvu.obligations if o.duty == "compulsory_care.medical_certificate"]
    assert exam.source_name == "LVU (1990:52)"
    assert exam.source_title == "Lag (1990:52) med särskilda bestämmelser om vård av unga"
    assert exam.to_dict()["source"] == {
        "document": "lvu_1990_52",
        "name": "LVU (1990:52)",
        "title": exam.source_title,
        "file": "law/lvu-1990-52.md",
        "section": "32 §",
        "quote": exam.source.quote,
    }
    regional = [o for o in evaluate(region, event()).obligations if o.origin == "regional"]
    assert regional
    for o in regional:  # the test file's source has no short name: its title is used
        assert o.source_name == o.source_title == o.source_document.title
        assert not o.source_name.startswith("seeds/")
