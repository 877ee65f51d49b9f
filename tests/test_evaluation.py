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


# --- scope per part of the agreement ----------------------------------------------------------

PARTS = """  parts:
    - id: section_3_4
      source: test_agreement
      sections: ["3.4"]
      placement_forms: [familjehem, hvb]
      exclusions:
        - when: [{fact: acute, op: eq, value: true}]
          reason: acute placements are left to section 5
          citation: {source: test_agreement, section: "3.4"}
      citation: {source: test_agreement, section: "1.4"}
"""


@pytest.fixture(scope="module")
def parted(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    path = tmp_path_factory.mktemp("rules") / "testregion.yaml"
    path.write_text(VALID_REGIONAL.replace("rules:\n", PARTS + "rules:\n", 1), encoding="utf-8")
    return load_file_rule_set(path)


def test_a_rule_is_applied_only_inside_the_scope_part_of_its_section(parted: RuleSet) -> None:
    assert parted.rule("test.power_of_attorney").scope_part == "section_3_4"  # cites 3.4.7
    assert parted.rule("test.follow_up_two_months").scope_part is None  # cites 3.5.2
    inside = evaluate(parted, event())
    assert inside.in_scope and "test.power_of_attorney" in {o.rule_id for o in inside.obligations}
    outside = evaluate(parted, event(placement_form="jourhem"))
    assert outside.in_scope  # the agreement as a whole covers jourhem
    assert [(p.part_id, p.in_scope) for p in outside.scope_parts] == [("section_3_4", False)]
    assert outside.to_dict()["scope_parts"]["section_3_4"] == {
        "label": "section 3.4",
        "in_scope": False,
        "reasons": ["placement form jourhem is not covered"],
    }
    (reason,) = [n.reason for n in outside.not_applied if n.rule_id == "test.power_of_attorney"]
    assert reason == (
        "outside section 3.4 of the agreement (Test agreement 1.4): "
        "placement form jourhem is not covered"
    )


def test_a_scope_part_exclusion_is_part_of_the_decision(parted: RuleSet) -> None:
    planned = {o.rule_id for o in evaluate(parted, event()).obligations}
    acute = evaluate(parted, event(acute=True))
    assert "test.power_of_attorney" in planned
    assert "test.power_of_attorney" not in {o.rule_id for o in acute.obligations}
    assert (
        "acute placements are left to section 5 (Test agreement 3.4)"
        in acute.scope_parts[0].reasons
    )


def test_a_rule_naming_an_unknown_scope_part_is_refused(tmp_path: Path) -> None:
    from placement_rules.errors import RuleFileError

    text = VALID_REGIONAL.replace("rules:\n", PARTS + "rules:\n", 1).replace(
        '    source: {source: test_agreement, section: "3.4.7"}',
        '    source: {source: test_agreement, section: "3.4.7"}\n    scope_part: section_9',
    )
    path = tmp_path / "testregion.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match="unknown scope part 'section_9'") as info:
        load_file_rule_set(path)
    assert info.value.location.path.endswith("scope_part")


# --- a statutory vague term dropped by a replacing rule ---------------------------------------

WITHOUT_SKYNDSAMT = """  - id: test.investigation.complete
    duty: investigation.complete
    relation: restates
    title: The investigation is complete within four months
    action: The investigation is complete within four months of its start.
    trigger:
      event: investigation_opened
      when:
        - {fact: age, op: lt, value: 18}
    responsible: {principal: kommun, unit: socialnämnden, locus: home_municipality}
    deadline: {offset: {months: 4}, anchor: event_date, VAGUE statutory: true}
    source: {source: test_agreement, section: "3.3.1", quote: inom fyra månader}
"""


@pytest.mark.parametrize(
    ("vague", "conflict"),
    [
        ("", True),
        ("vague: skyndsamt,", False),
        ("vague: snarast_mojligt,", False),  # as urgent as skyndsamt (VAGUE_URGENCY)
        ("vague: omgaende,", False),  # more urgent
    ],
)
def test_dropping_the_statutes_vague_term_loosens_it(
    tmp_path: Path, vague: str, conflict: bool
) -> None:
    """SoL (2025:400) 20 kap. 3 §: 'skyndsamt och ... inom fyra månader'. A restatement with the
    same four months but without 'skyndsamt' loosens the statute: the statute's obligation is
    kept and a conflict reported, although the dates are equal."""
    rules_text = VALID_REGIONAL + WITHOUT_SKYNDSAMT.replace("VAGUE ", vague + " " if vague else "")
    path = tmp_path / "testregion.yaml"
    path.write_text(rules_text, encoding="utf-8")
    rules = load_file_rule_set(path)
    result = evaluate(rules, event(kind="investigation_opened", date="2025-09-30"))
    ids = {o.rule_id for o in result.obligations}
    assert "test.investigation.complete" in ids
    assert ("national.investigation.complete.sol2025" in ids) is conflict
    assert [c.rule_id for c in result.conflicts] == (
        ["test.investigation.complete"] if conflict else []
    )


def test_a_requirement_names_no_responsible_party() -> None:
    """VGR 3.4.7 'När det gäller frivilliga placeringar krävs vårdnadshavarens samtycke.'"""
    vgr = load_rule_set("vastra_gotaland")
    result = evaluate(
        vgr,
        event(
            date="2025-03-17",
            birth_date="2013-09-09",
            legal_basis="SoL",
            home_region="vastra_gotaland",
        ),
    )
    (consent,) = [
        o
        for o in result.obligations
        if o.rule_id == "vgr.power_of_attorney.guardian_consent_voluntary"
    ]
    assert consent.form == "requirement" and consent.responsible is None
    assert consent.responsible_text == "not named by the text"
    data = consent.to_dict()
    assert (data["form"], data["responsible"]) == ("requirement", None)


# --- dated legal basis ------------------------------------------------------------------------


def test_the_legal_basis_shown_is_the_one_in_force_on_the_event_date() -> None:
    vgr = load_rule_set("vastra_gotaland")

    def care_plan(day: str) -> Any:
        result = evaluate(vgr, event(date=day, legal_basis="SoL", home_region="vastra_gotaland"))
        (o,) = [
            o for o in result.obligations if o.rule_id == "vgr.care_plan.include_other_principals"
        ]
        return o

    assert care_plan("2025-06-30").legal_basis == ("SoL (2001:453) 11 kap. 3 §",)
    later = care_plan("2025-07-01")
    assert later.legal_basis == ("SoL (2025:400) 9 kap. 12 §",)
    data = later.to_dict()
    assert data["legal_basis"] == ["SoL (2025:400) 9 kap. 12 §"]
    assert data["legal_basis_all"] == [
        {
            "label": "SoL (2001:453) 11 kap. 3 §",
            "start": "2002-01-01",
            "end": "2025-06-30",
            "note": None,
            "in_force_on_event_date": False,
        },
        {
            "label": "SoL (2025:400) 9 kap. 12 §",
            "start": "2025-07-01",
            "end": None,
            "note": None,
            "in_force_on_event_date": True,
        },
    ]


def test_a_conflict_names_the_provision_in_force() -> None:
    vgr = load_rule_set("vastra_gotaland")
    result = evaluate(
        vgr,
        event(kind="report_of_concern", date="2025-09-01", home_region="vastra_gotaland"),
    )
    (conflict,) = result.conflicts
    assert "SoL (2025:400) 14 kap. 2 § in force on the event date says genast" in conflict.message
    # 3.3.1 "utan dröjsmål" is recorded on purpose: still a conflict, the statute still prevails
    assert conflict.message.endswith("the rule file records this contradiction on purpose")
    data = conflict.to_dict()
    assert data["acknowledged"] is True and "14 kap. 2 §" in data["reason"]
    assert "national.investigation.open.sol2025" in {o.rule_id for o in result.obligations}
