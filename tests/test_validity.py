"""Agreement status and renewal arithmetic, on crafted clauses and on every region's real file."""

from __future__ import annotations

import datetime as dt

import pytest

from placement_rules import load_rule_set
from placement_rules.models import Agreement, Period
from placement_rules.validity import AgreementStatus, agreement_status

D = dt.date
CITE = {"source": "x", "section": "1"}


def make(
    start: dt.date,
    end: dt.date | None,
    *,
    extension: Period | None = None,
    notice: Period | None = None,
    times: str = "each_time",
    decisions: list[dict[str, object]] | None = None,
    agreement_id: str = "a",
    continues: str | None = None,
) -> Agreement:
    validity: dict[str, object] = {"start": start, "end": end, "citation": CITE}
    if extension is not None and notice is not None:
        validity["renewal"] = {
            "extension": extension,
            "notice": notice,
            "notice_action": "termination",
            "times": times,
            "citation": CITE,
        }
    if decisions:
        validity["later_decisions"] = decisions
    return Agreement.model_validate(
        {
            "id": agreement_id,
            "title": "A",
            "source": "x",
            "parties": [{"name": "R", "principal": "region"}],
            "validity": validity,
            "continues": continues,
        }
    )


def test_stated_term_and_notice_day() -> None:
    a = make(D(2021, 1, 1), D(2023, 12, 31), extension=Period(years=2), notice=Period(months=9))
    s = agreement_status(a, D(2023, 12, 31))
    assert (s.state, s.term, s.term_end, s.last_notice_day) == (
        "in_force",
        0,
        D(2023, 12, 31),
        D(2023, 3, 31),
    )


def test_renewal_terms_count_from_the_stated_end() -> None:
    a = make(D(2021, 1, 1), D(2023, 12, 31), extension=Period(years=2), notice=Period(months=9))
    first = agreement_status(a, D(2024, 1, 1))
    assert (first.state, first.term, first.term_start, first.term_end) == (
        "in_force_by_renewal",
        1,
        D(2024, 1, 1),
        D(2025, 12, 31),
    )
    assert first.last_notice_day == D(2025, 3, 31)
    assert first.assumption and "no party gave notice" in first.assumption
    third = agreement_status(a, D(2028, 6, 1))
    assert (third.term, third.term_start, third.term_end) == (3, D(2028, 1, 1), D(2029, 12, 31))


def test_single_extension_then_expired() -> None:
    a = make(
        D(2020, 1, 1),
        D(2020, 12, 31),
        extension=Period(years=1),
        notice=Period(months=3),
        times="once",
    )
    during = agreement_status(a, D(2021, 12, 31))
    assert (during.state, during.term, during.last_notice_day) == ("in_force_by_renewal", 1, None)
    assert during.describe() == (
        "in force by its one extension (1): 2021-01-01 to 2021-12-31; "
        "the clause gives no further extension"
    )
    assert during.assumption == (
        "assumes no party gave notice of termination by 2020-09-30 (3 månader before 2020-12-31)"
    )
    late = agreement_status(a, D(2022, 1, 1))
    assert (late.state, late.term_end, late.extensions_used) == ("expired", D(2021, 12, 31), 1)
    assert late.describe() == (
        "ended 2021-12-31 after its one extension (stated term 2020-01-01 to 2020-12-31, "
        "extended once by 1 år under 1)"
    )
    assert late.warning and "ended 2021-12-31 after its one extension" in late.warning


EXTENSION = {
    "kind": "extension",
    "until": D(2023, 6, 30),
    "citation": {"source": "x", "section": "§ 1", "quote": "förlängs till 2023-06-30"},
}


def test_an_extension_decision_brings_the_agreement_back() -> None:
    a = make(
        D(2020, 1, 1),
        D(2020, 12, 31),
        extension=Period(years=1),
        notice=Period(months=3),
        times="once",
        decisions=[EXTENSION],
    )
    s = agreement_status(a, D(2022, 1, 1))
    assert (s.state, s.term_start, s.term_end, s.decision) == (
        "in_force_by_decision",
        D(2022, 1, 1),
        D(2023, 6, 30),
        "x § 1",
    )
    assert s.in_force and s.warning is None
    after = agreement_status(a, D(2023, 7, 1))
    assert after.state == "expired" and after.term_end == D(2023, 6, 30)
    assert "extension decided by the parties (x § 1)" in after.describe()


def test_a_successor_replaces_the_agreement_from_its_start() -> None:
    decision = {
        "kind": "successor",
        "successor": "b",
        "citation": {"source": "x", "section": "§ 2", "quote": "ersätts"},
    }
    old = make(D(2020, 1, 1), D(2020, 12, 31), decisions=[decision])
    new = make(D(2021, 3, 1), None, agreement_id="b")
    assert agreement_status(old, D(2021, 2, 1), [old, new]).state == "expired"
    s = agreement_status(old, D(2021, 3, 1), [old, new])
    assert (s.state, s.replaced_by, s.continued_by, s.term_end) == (
        "replaced",
        "b",
        None,
        D(2021, 2, 28),
    )
    assert s.warning and "replaced on 2021-03-01 by b" in s.warning
    keeps = make(D(2021, 3, 1), None, agreement_id="b", continues="a")
    kept = agreement_status(old, D(2021, 3, 1), [old, keeps])
    assert kept.continued_by == "b" and kept.warning is None


def test_later_decisions_say_what_they_are() -> None:
    with pytest.raises(ValueError, match="until"):
        make(D(2020, 1, 1), D(2020, 12, 31), decisions=[{**EXTENSION, "until": None}])
    with pytest.raises(ValueError, match="successor"):
        make(D(2020, 1, 1), D(2020, 12, 31), decisions=[{**EXTENSION, "kind": "successor"}])


def test_month_end_notice_day() -> None:
    a = make(D(2020, 3, 1), D(2024, 2, 29), extension=Period(years=1), notice=Period(months=12))
    assert agreement_status(a, D(2023, 5, 1)).last_notice_day == D(2023, 2, 28)


def test_before_start_and_without_end() -> None:
    a = make(D(2022, 4, 1), None)
    assert agreement_status(a, D(2022, 3, 31)).state == "not_yet_in_force"
    assert agreement_status(a, D(2022, 3, 31)).warning
    s = agreement_status(a, D(2022, 4, 1))
    assert s.state == "open_ended" and s.in_force and s.warning is None


def test_expired_without_renewal() -> None:
    a = make(D(2020, 6, 1), D(2022, 12, 31))
    assert agreement_status(a, D(2022, 12, 31)).state == "in_force"
    assert agreement_status(a, D(2023, 1, 1)).state == "expired"


# --- the real files: figures worked out by hand from the texts ------------------------------


def status_by_start(region: str, start: dt.date, on: dt.date) -> AgreementStatus:
    rules = load_rule_set(region)
    (agreement,) = [a for a in rules.agreements if a.validity.start == start]
    return agreement_status(agreement, on)


@pytest.mark.parametrize(
    ("on", "state", "term", "term_end", "notice"),
    [
        (D(2020, 12, 31), "not_yet_in_force", None, None, None),
        (D(2022, 5, 2), "in_force", 0, D(2023, 12, 31), D(2023, 3, 31)),
        (D(2024, 1, 1), "in_force_by_renewal", 1, D(2025, 12, 31), None),
        (D(2025, 12, 31), "in_force_by_renewal", 1, D(2025, 12, 31), None),
        (D(2026, 1, 1), "expired", None, D(2025, 12, 31), None),
        (D(2026, 11, 25), "expired", None, D(2025, 12, 31), None),
    ],
)
def test_vastra_gotaland_1_6(
    on: dt.date, state: str, term: int | None, term_end: dt.date | None, notice: dt.date | None
) -> None:
    # 1.6: 2021-01-01 - 2023-12-31, "förlängs överenskommelsen med ytterligare två år" unless
    # terminated in writing nine months before the end: one extension, to 2025-12-31
    s = status_by_start("vastra_gotaland", D(2021, 1, 1), on)
    assert s.state == state and s.term == term
    if term_end is not None:
        assert (s.term_end, s.last_notice_day) == (term_end, notice)


def test_ostergotland_general_agreement_section_11() -> None:
    # 2020-04-01 - 2023-12-31; negotiation called 12 months before expiry, else two years at a time
    s = status_by_start("ostergotland", D(2020, 4, 1), D(2026, 11, 25))
    assert (s.state, s.term, s.term_start, s.term_end) == (
        "in_force_by_renewal",
        2,
        D(2026, 1, 1),
        D(2027, 12, 31),
    )
    assert s.last_notice_day == D(2026, 12, 31) and s.notice_action == "negotiation"
    assert status_by_start("ostergotland", D(2020, 4, 1), D(2023, 6, 1)).last_notice_day == D(
        2022, 12, 31
    )


def test_ostergotland_placement_agreement_has_ended() -> None:
    # memo 000: in force 2020-06-01 to 2022-12-31, no renewal clause stated
    assert status_by_start("ostergotland", D(2020, 6, 1), D(2021, 3, 1)).state == "in_force"
    assert status_by_start("ostergotland", D(2020, 6, 1), D(2026, 11, 25)).state == "expired"


def test_jonkoping_open_ended_from_2015_11_30() -> None:
    assert (
        status_by_start("jonkoping", D(2015, 11, 30), D(2015, 11, 29)).state == "not_yet_in_force"
    )
    assert status_by_start("jonkoping", D(2015, 11, 30), D(2026, 11, 25)).state == "open_ended"


def test_stockholm_from_2022_04_01() -> None:
    assert status_by_start("stockholm", D(2022, 4, 1), D(2022, 3, 31)).state == "not_yet_in_force"
    assert status_by_start("stockholm", D(2022, 4, 1), D(2022, 4, 1)).state == "open_ended"
