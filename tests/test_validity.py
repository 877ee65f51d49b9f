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
    repeats: bool = True,
) -> Agreement:
    validity: dict[str, object] = {"start": start, "end": end, "citation": CITE}
    if extension is not None and notice is not None:
        validity["renewal"] = {
            "extension": extension,
            "notice": notice,
            "notice_action": "termination",
            "repeats": repeats,
            "citation": CITE,
        }
    return Agreement.model_validate(
        {
            "id": "a",
            "title": "A",
            "source": "x",
            "parties": [{"name": "R", "principal": "region"}],
            "validity": validity,
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
        repeats=False,
    )
    assert agreement_status(a, D(2021, 12, 31)).term == 1
    late = agreement_status(a, D(2022, 1, 1))
    assert late.state == "expired" and late.warning


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
        (D(2024, 1, 1), "in_force_by_renewal", 1, D(2025, 12, 31), D(2025, 3, 31)),
        (D(2026, 11, 25), "in_force_by_renewal", 2, D(2027, 12, 31), D(2027, 3, 31)),
    ],
)
def test_vastra_gotaland_1_6(
    on: dt.date, state: str, term: int | None, term_end: dt.date | None, notice: dt.date | None
) -> None:
    # 1.6: 2021-01-01 - 2023-12-31, two years at a time, written notice nine months before the end
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
