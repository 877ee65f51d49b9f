"""The quote against the encoded deadline: periods and vague words named in the quote."""

from __future__ import annotations

import shutil
from pathlib import Path

from placement_rules.legal.lint import lint_paths
from placement_rules.legal.quote_terms import period_mismatch, quoted_periods, vague_mismatch
from placement_rules.models import Deadline

ROOT = Path(__file__).resolve().parents[2]


def deadline(**fields: object) -> Deadline:
    return Deadline.model_validate({"statutory": False, **fields})


def test_quoted_periods_reads_digits_and_number_words() -> None:
    found = quoted_periods("inom 4 veckor och inom två månader, senast 1 år")
    assert [(p.days, p.months) for p in found] == [(28, 0), (0, 2), (0, 12)]


def test_period_mismatch_flags_a_period_the_quote_does_not_name() -> None:
    six_weeks = deadline(offset={"weeks": 6}, anchor="event_date")
    assert period_mismatch("ska ske inom 4 veckor", six_weeks) is not None
    assert period_mismatch("ska ske inom 6 veckor", six_weeks) is None
    assert period_mismatch("ska ske inom 42 dagar", six_weeks) is None
    assert period_mismatch("ska ske skyndsamt", six_weeks) is None


def test_vague_mismatch() -> None:
    genast = deadline(vague="genast")
    assert vague_mismatch("ska utan dröjsmål inleda utredning", genast) == (
        "utan dröjsmål",
        "genast",
    )
    assert vague_mismatch("ska genast inleda utredning", genast) is None
    assert vague_mismatch("ska inleda utredning", genast) is None


def test_lint_fails_on_a_copy_whose_period_no_longer_matches_its_quote(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    vgr = rules / "vastra_gotaland.yaml"
    text = vgr.read_text(encoding="utf-8")
    old = "deadline: {offset: {months: 2}, anchor: event_date, statutory: true, meaning: limit}"
    assert text.count(old) == 1
    vgr.write_text(text.replace(old, old.replace("months: 2", "months: 3")), encoding="utf-8")
    report = lint_paths([rules])
    mismatched = [f for f in report.findings if f.code == "quote-period-mismatch"]
    assert [f.rule_id for f in mismatched] == ["vgr.follow_up_after_placement.limit"]
    assert mismatched[0].severity == "error"
    assert "citatet anger “två månader”" in mismatched[0].message
    assert report.failed()
    english = lint_paths([rules], lang="en")
    assert any("the quote says" in f.message for f in english.findings)


def test_shipped_rules_pass_lint() -> None:
    report = lint_paths([ROOT / "rules"])
    assert report.counts()["error"] == 0
    assert not report.failed()
