"""Case tracking with the reference (plain Python) engine: hand-written case logs per region."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from placement_rules import RuleFileError, load_file_rule_set, load_rule_set, parse_event
from placement_rules.errors import TrackingError
from placement_rules.events import Event
from placement_rules.ruleset import RuleSet
from placement_rules.tracking import CaseReport, ObligationStatus, track, track_many
from placement_rules.tracking.oracle import FulfilmentFact, ObligationFact, correlate
from placement_rules.tracking.tracker import tracked_duties

from ..rulefile_texts import VALID_REGIONAL

D = dt.date
RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


def child(
    region: str = "stockholm", municipality: str = "Solna", born: str = "2012-05-14"
) -> dict[str, Any]:
    return {"birth_date": born, "home_municipality": municipality, "home_region": region}


def ev(kind: str, date: str, base: dict[str, Any] | None = None, **facts: Any) -> Event:
    return parse_event({"kind": kind, "date": date, **(base or child()), **facts})


def only(report: CaseReport, duty: str) -> ObligationStatus:
    found = [o for o in report.obligations if o.duty == duty]
    assert len(found) == 1, [(o.rule_id, o.status) for o in found]
    return found[0]


@pytest.fixture(scope="module")
def national() -> RuleSet:
    return load_rule_set("stockholm", RULES_DIR)  # no regional rules: the national baseline


# --- the national baseline ------------------------------------------------------------------


def test_late_fulfilment(national: RuleSet) -> None:
    # 2025-09-01 (Mon) + 14 days = 2025-09-15 (Mon), a working day.
    report = track(
        national,
        [ev("report_of_concern", "2025-09-01"), ev("investigation_decision_made", "2025-09-18")],
        D(2025, 10, 1),
    )
    decide = only(report, "investigation.decide_whether_to_open")
    assert decide.due == D(2025, 9, 15)
    assert (decide.status, decide.days_late, decide.met_on) == ("met_late", 3, D(2025, 9, 18))
    assert decide.met_by == "investigation_decision_made"
    assert "20 kap. 2 §" in decide.citation


def test_fulfilment_on_the_due_date_is_on_time(national: RuleSet) -> None:
    report = track(
        national,
        [ev("report_of_concern", "2025-09-01"), ev("investigation_opened", "2025-09-15")],
        D(2025, 10, 1),
    )
    decide = only(report, "investigation.decide_whether_to_open")
    assert (decide.status, decide.days_late) == ("met_on_time", None)


def test_roll_forward_due_date() -> None:
    rules = load_rule_set("stockholm", RULES_DIR)
    # 2025-12-10 + 14 days = 2025-12-24 (julafton); 25, 26 holidays, 27-28 weekend -> 12-29.
    concern = ev("report_of_concern", "2025-12-10")
    pending = only(track(rules, [concern], D(2025, 12, 27)), "investigation.decide_whether_to_open")
    assert (pending.status, pending.due) == ("pending", D(2025, 12, 29))
    assert pending.obligation.rolled_forward_from == D(2025, 12, 24)
    on_time = track(
        rules, [concern, ev("investigation_decision_made", "2025-12-29")], D(2026, 1, 10)
    )
    assert only(on_time, "investigation.decide_whether_to_open").status == "met_on_time"
    late = track(rules, [concern, ev("investigation_decision_made", "2025-12-30")], D(2026, 1, 10))
    assert only(late, "investigation.decide_whether_to_open").days_late == 1
    overdue = only(track(rules, [concern], D(2025, 12, 30)), "investigation.decide_whether_to_open")
    assert (overdue.status, overdue.days_overdue) == ("overdue", 1)


def test_pending_on_the_due_date_overdue_the_day_after(national: RuleSet) -> None:
    log = [ev("report_of_concern", "2025-09-01")]
    assert (
        only(track(national, log, D(2025, 9, 15)), "investigation.decide_whether_to_open").status
        == "pending"
    )
    assert (
        only(
            track(national, log, D(2025, 9, 16)), "investigation.decide_whether_to_open"
        ).days_overdue
        == 1
    )


def test_vague_deadline_is_open_then_met(national: RuleSet) -> None:
    log = [ev("report_of_concern", "2025-09-01")]
    assessment = only(track(national, log, D(2026, 9, 1)), "investigation.protection_assessment")
    assert (assessment.status, assessment.due) == ("open", None)
    assert assessment.obligation.vague is not None and "genast" in assessment.obligation.vague
    log.append(ev("protection_assessment_made", "2025-09-01"))
    assert (
        only(track(national, log, D(2025, 9, 2)), "investigation.protection_assessment").status
        == "met"
    )


def test_due_date_and_vague_term_judged_by_the_date(national: RuleSet) -> None:
    # investigation.complete: skyndsamt and at most four months (2025-09-01 -> 2026-01-01,
    # nyårsdagen -> 2026-01-02).
    log = [ev("investigation_opened", "2025-09-01"), ev("investigation_completed", "2026-01-02")]
    complete = only(track(national, log, D(2026, 2, 1)), "investigation.complete")
    assert (complete.status, complete.due) == ("met_on_time", D(2026, 1, 2))


def test_standing_duties_are_untracked(national: RuleSet) -> None:
    report = track(
        national,
        [ev("placement_started", "2025-09-01", legal_basis="SoL", placement_form="familjehem")],
        D(2025, 10, 1),
    )
    assert only(report, "cost.health_care").status == "untracked"
    assert "cost.health_care" not in tracked_duties(national)
    assert only(report, "health_examination.notify_region").status == "open"


def test_events_after_as_of_are_left_out(national: RuleSet) -> None:
    log = [ev("report_of_concern", "2025-09-01"), ev("investigation_decision_made", "2025-09-10")]
    report = track(national, log, D(2025, 9, 5))
    assert (report.events_considered, report.events_after_as_of) == (1, 1)
    assert only(report, "investigation.decide_whether_to_open").status == "pending"


def test_earliest_open_obligation_is_fulfilled_first(national: RuleSet) -> None:
    log = [
        ev("report_of_concern", "2025-09-01"),
        ev("report_of_concern", "2025-09-08"),
        ev("investigation_decision_made", "2025-09-20"),
        ev("investigation_decision_made", "2025-09-21"),
    ]
    report = track(national, log, D(2025, 10, 1))
    decisions = [o for o in report.obligations if o.duty == "investigation.decide_whether_to_open"]
    assert [(o.incurred, o.met_on, o.status) for o in decisions] == [
        (D(2025, 9, 1), D(2025, 9, 20), "met_late"),
        (D(2025, 9, 8), D(2025, 9, 21), "met_on_time"),
    ]


def test_fulfilment_before_the_obligation_is_an_unmatched_note(national: RuleSet) -> None:
    log = [ev("investigation_decision_made", "2025-08-30"), ev("report_of_concern", "2025-09-01")]
    report = track(national, log, D(2025, 9, 5))
    assert only(report, "investigation.decide_whether_to_open").status == "pending"
    assert [(u.kind, u.duty) for u in report.unmatched] == [
        ("investigation_decision_made", "investigation.decide_whether_to_open")
    ]


def test_same_day_order_in_the_log_does_not_matter(national: RuleSet) -> None:
    log = [ev("investigation_decision_made", "2025-09-01"), ev("report_of_concern", "2025-09-01")]
    report = track(national, log, D(2025, 9, 5))
    assert only(report, "investigation.decide_whether_to_open").status == "met_on_time"


def test_case_crossing_the_change_of_law(national: RuleSet) -> None:
    sol = {"legal_basis": "SoL", "placement_form": "familjehem"}
    log = [
        ev("report_of_concern", "2025-06-25"),  # old SoL 11 kap. 1 a §
        ev("investigation_decision_made", "2025-07-08"),  # due 2025-07-09
        ev("placement_ended", "2025-06-18", **sol),  # old law: follow-up ends within 2 months
        ev("placement_ended", "2025-07-15", **sol),  # new law: within 6 months
        ev("follow_up_ended", "2025-09-01"),
    ]
    report = track(national, log, D(2025, 12, 1))
    decide = only(report, "investigation.decide_whether_to_open")
    assert decide.rule_id.endswith(".sol2001") and decide.status == "met_on_time"
    limits = [o for o in report.obligations if o.duty == "follow_up_after_placement.limit"]
    assert [(o.rule_id.rsplit(".", 1)[1], o.due, o.status, o.days_late) for o in limits] == [
        ("sol2001", D(2025, 8, 18), "met_late", 14),
        ("sol2025", D(2026, 1, 15), "open", None),  # a limit stays open until its date
    ]
    later = track(national, log, D(2026, 1, 20))
    assert [o.status for o in later.obligations if o.duty == "follow_up_after_placement.limit"] == [
        "met_late",
        "overdue",
    ]


def test_limit_met_on_or_before_its_date(national: RuleSet) -> None:
    log = [
        ev("placement_ended", "2025-08-03", legal_basis="SoL", placement_form="hvb"),
        ev("follow_up_ended", "2026-02-03"),
    ]
    limit = only(track(national, log, D(2026, 6, 1)), "follow_up_after_placement.limit")
    assert (limit.status, limit.due) == ("met_on_time", D(2026, 2, 3))
    late = track(national, log[:1] + [ev("follow_up_ended", "2026-02-04")], D(2026, 6, 1))
    assert only(late, "follow_up_after_placement.limit").days_late == 1


def test_events_of_two_children_are_refused(national: RuleSet) -> None:
    log = [
        ev("report_of_concern", "2025-09-01"),
        ev("investigation_opened", "2025-09-02", child(born="2013-01-01")),
    ]
    with pytest.raises(TrackingError, match="birth dates"):
        track(national, log, D(2025, 10, 1))
    with pytest.raises(TrackingError, match="no events"):
        track(national, [], D(2025, 10, 1))


def test_unknown_engine(national: RuleSet) -> None:
    with pytest.raises(TrackingError, match="unknown tracking engine"):
        track(national, [ev("report_of_concern", "2025-09-01")], D(2025, 10, 1), engine="x")


def test_report_to_dict(national: RuleSet) -> None:
    report = track(national, [ev("report_of_concern", "2025-09-01")], D(2025, 10, 1), case_id="c-1")
    data = report.to_dict()
    assert data["case_id"] == "c-1" and data["counts"]["overdue"] == 1
    first = data["obligations"][0]
    assert {"status", "due", "citation", "source", "met_on", "days_overdue"} <= set(first)


# --- regional rule sets ---------------------------------------------------------------------


def vgr_child() -> dict[str, Any]:
    return child("vastra_gotaland", "Borås", "2011-03-10")


@pytest.mark.skipif(not (RULES_DIR / "vastra_gotaland.yaml").exists(), reason="no VGR file")
def test_vgr_acute_placement() -> None:
    rules = load_rule_set("vastra_gotaland", RULES_DIR)
    base = vgr_child()
    log = [
        ev(
            "placement_started",
            "2025-09-05",
            base,
            legal_basis="LVU",
            placement_form="jourhem",
            acute=True,
            needs_both_principals=True,
        ),
        ev("sip_held", "2025-09-12", base),
    ]
    report = track(rules, log, D(2025, 10, 1))
    sips = [o for o in report.obligations if o.duty == "sip.draw_up"]
    acute = [o for o in sips if o.rule_id == "vgr.sip.after_acute_placement"]
    assert acute and acute[0].obligation.due is None  # snarast möjligt: no date
    # VGR 3.1's "snarast möjligt" loosens the statute's "genast": the statute's obligation is
    # kept beside VGR's (a conflict). Both are the one act of holding the SIP meeting, judged
    # against both deadlines, so the one meeting meets both.
    assert {o.rule_id for o in sips} == {
        "national.sip.draw_up.sol2025",
        "vgr.sip.after_acute_placement",
    }
    assert all(o.status == "met" and o.met_on == D(2025, 9, 12) for o in sips)
    assert report.unmatched == ()
    log.append(ev("sip_held", "2025-09-19", base))
    again = track(rules, log, D(2025, 10, 1))
    assert [o.met_on for o in again.obligations if o.duty == "sip.draw_up"] == [
        D(2025, 9, 12),
        D(2025, 9, 12),
    ]
    # the region's own SIP duty (HSL 16 kap. 4 §) was met by the first meeting too
    assert [(u.date, u.duty) for u in again.unmatched] == [
        (D(2025, 9, 19), "sip.draw_up"),
        (D(2025, 9, 19), "sip.draw_up.region"),
    ]
    # 3.4.4: the examination after the placement is the agreement's own duty (untracked: no
    # fulfilment event marks it); the statute's notice to the region stays, and is open
    acute_exam = [
        o for o in report.obligations if o.rule_id == "vgr.health_examination.initiate.acute"
    ]
    assert acute_exam and acute_exam[0].status == "untracked"
    notify = [o for o in report.obligations if o.duty == "health_examination.notify_region"]
    assert [(o.rule_id, o.status) for o in notify] == [
        ("national.health_examination.notify_region.sol2025", "open")
    ]


@pytest.mark.skipif(not (RULES_DIR / "vastra_gotaland.yaml").exists(), reason="no VGR file")
def test_vgr_sip_three_weeks_agreement_deadline_not_rolled() -> None:
    rules = load_rule_set("vastra_gotaland", RULES_DIR)
    base = vgr_child()
    noticed = ev(
        "coordination_need_noticed",
        "2025-06-10",
        base,
        noticed_by="kommun",
        needs_both_principals=True,
    )
    report = track(rules, [noticed, ev("sip_held", "2025-07-08", base)], D(2025, 8, 1))
    sip = only(report, "sip.draw_up")
    assert (sip.due, sip.status, sip.days_late) == (D(2025, 7, 1), "met_late", 7)
    assert sip.obligation.statutory is False


@pytest.mark.skipif(not (RULES_DIR / "vastra_gotaland.yaml").exists(), reason="no VGR file")
def test_vgr_regional_duties_have_fulfilment_events() -> None:
    rules = load_rule_set("vastra_gotaland", RULES_DIR)
    if "power_of_attorney.issue" not in tracked_duties(rules):
        pytest.skip("the VGR file has no fulfilment entry for the power of attorney")
    base = vgr_child()
    log = [
        ev("placement_started", "2025-09-05", base, legal_basis="LVU", placement_form="familjehem"),
        ev("power_of_attorney_issued", "2025-09-08", base),
        ev("care_contact_appointed", "2025-10-01", base),
    ]
    report = track(rules, log, D(2025, 10, 15))
    assert only(report, "power_of_attorney.issue").status == "met"
    assert only(report, "care_contact.appoint").met_on == D(2025, 10, 1)


def test_vgr_region_passes_the_placement_on_and_dental_care_requests_records() -> None:
    """VGR 3.4.1: after social services' notice, VGR's care notifies the care units in the new
    locality, and the dental care provider taking the child over requests the records from the
    previous listing clinic; both skyndsamt, at every placement and move."""
    rules = load_rule_set("vastra_gotaland", RULES_DIR)
    base = vgr_child()
    placed = {"legal_basis": "LVU", "placement_form": "familjehem", "placement_start": "2025-09-05"}
    log = [
        ev("placement_started", "2025-09-05", base, legal_basis="LVU", placement_form="familjehem"),
        ev("care_units_notified", "2025-09-09", base),
        ev("dental_records_requested", "2025-09-12", base),
        ev("placement_changed", "2025-10-06", base, **placed),
    ]
    report = track(rules, log, D(2025, 10, 15))
    passes_on = [o for o in report.obligations if o.duty == "information_transfer.region_passes_on"]
    assert [(o.trigger, o.status, o.met_by) for o in passes_on] == [
        ("placement_started", "met", "care_units_notified"),
        ("placement_changed", "open", None),  # the move's notice is not logged yet
    ]
    dental = [o for o in report.obligations if o.duty == "information_transfer.dental_records"]
    assert [(o.trigger, o.status, o.met_on) for o in dental] == [
        ("placement_started", "met", D(2025, 9, 12)),
        ("placement_changed", "open", None),
    ]
    assert passes_on[0].citation.startswith("VGR-överenskommelsen barn och unga 3.4.1")
    assert report.unmatched == ()


@pytest.mark.skipif(not (RULES_DIR / "jonkoping.yaml").exists(), reason="no Jönköping file")
def test_jonkoping_placement_moves_to_another_region() -> None:
    rules = load_rule_set("jonkoping", RULES_DIR)
    base = child("jonkoping", "Jönköping", "2010-02-02")
    placed = {"legal_basis": "LVU", "placement_form": "familjehem", "placement_start": "2025-09-01"}
    log = [
        ev("placement_started", "2025-09-01", base, legal_basis="LVU", placement_form="familjehem"),
        ev("health_examination_initiated", "2025-09-03", base, **placed),
        ev("placement_changed", "2025-10-01", base, placement_region="ostergotland", **placed),
        ev("care_need_arises", "2025-10-15", base, placement_region="ostergotland", **placed),
        ev("health_examination_offered", "2025-09-20", base),
    ]
    report = track(rules, log, D(2025, 11, 1), case_id="jkp-move")
    assert report.region == "jonkoping"
    assert only(report, "health_examination.offer").status == "met"
    cross = [o for o in report.obligations if o.trigger == "care_need_arises"]
    assert cross, "a care need in the new region incurs the other-region duties"
    assert all(o.incurred == D(2025, 10, 15) for o in cross)
    in_other = [o for o in cross if o.duty == "care_in_other_region.need_arises"]
    assert in_other and in_other[0].obligation.responsible.resolved == "ostergotland"


@pytest.mark.skipif(not (RULES_DIR / "jonkoping.yaml").exists(), reason="no Jönköping file")
def test_jonkoping_acute_placement() -> None:
    rules = load_rule_set("jonkoping", RULES_DIR)
    base = child("jonkoping", "Jönköping", "2010-02-02")
    log = [
        ev(
            "placement_started",
            "2025-09-01",
            base,
            legal_basis="LVU",
            placement_form="hvb",
            acute=True,
            great_need_of_protection=True,
            needs_both_principals=True,
        ),
        ev("sip_held", "2025-09-02", base),
    ]
    report = track(rules, log, D(2025, 9, 30))
    assert any(o.duty == "acute_protection.collaborate" for o in report.obligations)
    assert only(report, "sip.draw_up").status == "met"


@pytest.mark.skipif(not (RULES_DIR / "ostergotland.yaml").exists(), reason="no Östergötland file")
def test_ostergotland_regional_rules_keep_the_national_mapping() -> None:
    rules = load_rule_set("ostergotland", RULES_DIR)
    base = child("ostergotland", "Linköping", "2012-03-10")
    placed = {"legal_basis": "SoL", "placement_form": "hvb"}
    log = [
        ev("placement_started", "2025-03-03", base, needs_both_principals=True, **placed),
        ev("sip_held", "2025-03-04", base),
        ev(
            "health_examination_initiated",
            "2025-03-05",
            base,
            placement_start="2025-03-03",
            **placed,
        ),
        ev("health_examination_offered", "2025-03-20", base),
    ]
    report = track(rules, log, D(2025, 4, 1))
    by_duty = {o.duty: o for o in report.obligations}
    # Regional rules that replace national ones keep the duty key, so the national
    # fulfilment entries meet them.
    assert by_duty["health_examination.offer"].obligation.origin == "regional"
    assert by_duty["health_examination.offer"].met_on == D(2025, 3, 20)
    assert by_duty["sip.draw_up"].obligation.origin == "regional"
    assert by_duty["sip.draw_up"].status == "met"
    assert by_duty["health_examination.notify_region"].met_by == "health_examination_initiated"


def test_track_many_in_batches(national: RuleSet) -> None:
    cases = [(f"c{i}", national, [ev("report_of_concern", "2025-09-01")]) for i in range(7)]
    reports = list(track_many(cases, D(2025, 10, 1), batch_size=3))
    assert [r.case_id for r in reports] == [f"c{i}" for i in range(7)]
    assert all(r.counts()["overdue"] == 1 for r in reports)


# --- the oracle on facts --------------------------------------------------------------------


def test_oracle_meets_an_act_with_two_deadlines_at_once() -> None:
    """Ranks 0 and 2 are one act (a statute kept beside a looser regional rule); rank 1 is
    another obligation of the same duty from the same event (a second act)."""
    obligations = [
        ObligationFact(0, "a", 10, 0),
        ObligationFact(1, "a", 10),
        ObligationFact(2, "a", 10, 0),
    ]
    assert correlate(obligations, [FulfilmentFact(0, "a", 11)]) == {0: 0, 2: 0}
    assert correlate(obligations, [FulfilmentFact(0, "a", 11), FulfilmentFact(1, "a", 12)]) == {
        0: 0,
        2: 0,
        1: 1,
    }


def test_oracle_consumes_in_log_order() -> None:
    obligations = [ObligationFact(0, "a", 10), ObligationFact(1, "a", 12)]
    # f0 (day 11) can only take rank 0; f1 (day 13) then takes rank 1.
    assert correlate(obligations, [FulfilmentFact(0, "a", 11), FulfilmentFact(1, "a", 13)]) == {
        0: 0,
        1: 1,
    }
    assert correlate(obligations, [FulfilmentFact(0, "b", 30)]) == {}


# --- the fulfilment section of rule files ---------------------------------------------------


def test_bundled_fulfilments_name_existing_duties() -> None:
    rules = load_rule_set("stockholm", RULES_DIR)
    assert {
        "health_examination.notify_region",
        "investigation.decide_whether_to_open",
        "follow_up_after_placement.limit",
    } <= tracked_duties(rules)
    assert "health_examination_initiated" in rules.fulfilments


def _regional(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "national.yaml").write_text(
        (RULES_DIR / "national.yaml").read_text("utf-8"), "utf-8"
    )
    path = tmp_path / "testregion.yaml"
    path.write_text(VALID_REGIONAL + extra, "utf-8")
    return path


def test_fulfilment_of_unknown_duty_is_located(tmp_path: Path) -> None:
    path = _regional(
        tmp_path, "fulfilment:\n  - event: sip_held\n    fulfils: [sip.draw_up, no.such.duty]\n"
    )
    with pytest.raises(RuleFileError) as err:
        load_file_rule_set(path)
    assert "no.such.duty" in err.value.message
    assert err.value.location.path == "fulfilment[0].fulfils[1]"
    assert err.value.location.line == VALID_REGIONAL.count("\n") + 3


def test_fulfilment_condition_is_compiled_and_applied(tmp_path: Path) -> None:
    bad = _regional(
        tmp_path,
        "fulfilment:\n  - event: power_of_attorney_issued\n"
        "    fulfils: [power_of_attorney]\n"
        "    when: [{fact: no_such_fact, op: eq, value: 1}]\n",
    )
    with pytest.raises(RuleFileError, match="unknown fact"):
        load_file_rule_set(bad)
    good = _regional(
        tmp_path,
        "fulfilment:\n  - event: power_of_attorney_issued\n"
        "    fulfils: [power_of_attorney]\n"
        "    when: [{fact: legal_basis, op: eq, value: LVU}]\n",
    )
    rules = load_file_rule_set(good)
    base = child("testregion", "Testby", "2012-01-01")
    start = ev(
        "placement_started", "2022-03-01", base, legal_basis="LVU", placement_form="familjehem"
    )
    no_basis = track(
        rules, [start, ev("power_of_attorney_issued", "2022-03-02", base)], D(2022, 4, 1)
    )
    assert only(no_basis, "power_of_attorney").status == "open"
    with_basis = track(
        rules,
        [start, ev("power_of_attorney_issued", "2022-03-02", base, legal_basis="LVU")],
        D(2022, 4, 1),
    )
    assert only(with_basis, "power_of_attorney").status == "met"


def test_fulfilment_citation_source_is_checked(tmp_path: Path) -> None:
    path = _regional(
        tmp_path,
        "fulfilment:\n  - event: sip_held\n    fulfils: [sip.draw_up]\n"
        "    citation: {source: nowhere, section: '1'}\n",
    )
    with pytest.raises(RuleFileError, match="nowhere"):
        load_file_rule_set(path)


# --- invariants on generated case logs ------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LOG_KINDS = [
    "report_of_concern",
    "investigation_opened",
    "investigation_decision_made",
    "investigation_completed",
    "protection_assessment_made",
    "placement_started",
    "health_examination_initiated",
    "health_examination_offered",
    "sip_held",
    "coordination_need_noticed",
    "placement_ended",
    "follow_up_ended",
    "compulsory_care_application",
    "medical_certificate_issued",
]


@st.composite
def logs(draw: st.DrawFn) -> tuple[str, list[Event], dt.date]:
    region = draw(st.sampled_from(["stockholm", "jonkoping", "vastra_gotaland", "ostergotland"]))
    born = D(2006, 1, 1) + dt.timedelta(days=draw(st.integers(0, 4000)))
    start = D(2024, 10, 1) + dt.timedelta(days=draw(st.integers(0, 500)))
    events = [
        parse_event(
            {
                "kind": draw(st.sampled_from(LOG_KINDS)),
                "date": (start + dt.timedelta(days=draw(st.integers(0, 150)))).isoformat(),
                "birth_date": born.isoformat(),
                "home_municipality": "Kommunen",
                "home_region": region,
                "legal_basis": draw(st.sampled_from([None, "SoL", "LVU"])),
                "placement_form": draw(st.sampled_from([None, "familjehem", "hvb"])),
                "acute": draw(st.booleans()),
                "needs_both_principals": draw(st.booleans()),
            }
        )
        for _ in range(draw(st.integers(1, 10)))
    ]
    return region, events, start + dt.timedelta(days=draw(st.integers(0, 300)))


@settings(max_examples=80, derandomize=True, deadline=None, database=None)
@given(case=logs())
def test_status_invariants(case: tuple[str, list[Event], dt.date]) -> None:
    region, events, as_of = case
    if not (RULES_DIR / f"{region}.yaml").exists():
        return
    rules = load_rule_set(region, RULES_DIR)
    report = track(rules, events, as_of)
    tracked = tracked_duties(rules)
    met = 0
    for o in report.obligations:
        due = o.obligation.due
        assert (o.status == "untracked") == (o.duty not in tracked)
        if o.status.startswith("met"):
            met += 1
            assert o.met_on is not None and o.incurred <= o.met_on <= as_of
        else:
            assert o.met_on is None
        if o.status == "met_late":
            assert due is not None and o.days_late == (o.met_on - due).days > 0
        if o.status == "met_on_time":
            assert due is not None and o.met_on <= due
        if o.status == "overdue":
            assert due is not None and o.days_overdue == (as_of - due).days > 0
        if o.status == "pending":
            assert due is not None and as_of <= due
        if o.status == "open":
            assert due is None or (o.obligation.deadline_meaning == "limit" and as_of <= due)
    claims = sum(1 for e in events if e.date <= as_of for _ in _claims(rules, e))
    assert met + len(report.unmatched) == claims


def _claims(rules: RuleSet, event: Event) -> list[str]:
    from placement_rules.tracking.tracker import _claimed_duties

    return _claimed_duties(rules, event)
