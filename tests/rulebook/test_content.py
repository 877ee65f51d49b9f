"""What the rulebook shows: every section of the sources in order, with its rules or a reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from placement_rules.legal.coverage import coverage
from placement_rules.rulebook.content import Texts, national_book, region_book
from placement_rules.rulebook.site import build_pages
from placement_rules.rulebook.sources import SourceText
from placement_rules.ruleset import RuleSet

from ._html import Page, Section
from .conftest import ON, SHARED, VGR_SEED, needs_sources


def _vgr_sections(html: str) -> dict[str, Section]:
    return {s.attrs["data-section"]: s for s in Page(html).sections}


@pytest.mark.parametrize("shared", [SHARED, None], ids=["with-sources", "without-sources"])
def test_every_vgr_duty_section_appears_with_rules_or_a_reason(
    rule_sets: dict[str, RuleSet], shared: Path | None
) -> None:
    pages = build_pages(rule_sets, ON, "sv", shared or Path("no-shared-folder"))
    shown = _vgr_sections(pages["vastra_gotaland.html"])
    declared = coverage(rule_sets["vastra_gotaland"]).sections
    assert len(declared) > 20
    for cov in declared:
        section = shown[cov.section]
        assert section.attrs["data-declared"] == "yes"
        has_rules = int(section.attrs["data-rules"]) == len(cov.rules) > 0
        has_reason = "reason" in section.classes or "unencoded" in section.classes
        assert has_rules or has_reason, cov.section
        assert "gap" not in section.attrs["class"].split(), cov.section
        assert len(section.rule_ids) <= len(cov.rules)


@needs_sources
def test_every_heading_of_the_vgr_source_appears_in_the_rulebook(
    rule_sets: dict[str, RuleSet], pages_sv: dict[str, str]
) -> None:
    seed = SourceText.read(SHARED / VGR_SEED)
    assert seed is not None
    shown = _vgr_sections(pages_sv["vastra_gotaland.html"])
    declared = {s.section for s in coverage(rule_sets["vastra_gotaland"]).sections}
    for heading in seed.headings:
        inside_declared = any(heading.number.startswith(d + ".") for d in declared)
        assert heading.number in shown or inside_declared, heading.number
    for number, section in shown.items():
        if number not in declared:
            assert section.attrs["data-declared"] == "no"
            assert "regelfilen inte listar" in "".join(section.text)
        else:
            assert section.attrs["data-declared"] == "yes"


@needs_sources
def test_vgr_sections_follow_the_source_order(rule_sets: dict[str, RuleSet]) -> None:
    seed = SourceText.read(SHARED / VGR_SEED)
    assert seed is not None
    book = region_book(rule_sets["vastra_gotaland"], ON, "sv", Texts(SHARED))
    lines = []
    for section in book.sections:
        heading = seed.heading(section.number)
        assert heading is not None, section.number
        lines.append(heading.line)
    assert lines == sorted(lines)
    by_number = {s.number: s for s in book.sections}
    assert by_number["2.2"].text is not None and "2.2.1" not in by_number["2.2"].text.text
    # the misnumbered heading "3.5 I samband med placering" stands before 3.4.1, as printed
    numbers = [s.number for s in book.sections]
    assert numbers.index("3.5") < numbers.index("3.4.1") < numbers.index("3.5.1")


def test_every_own_rule_of_every_region_is_on_its_page_once(
    rule_sets: dict[str, RuleSet], pages_sv: dict[str, str]
) -> None:
    for region, rules in rule_sets.items():
        if region == "national":
            continue
        page = Page(pages_sv[f"{region}.html"])
        own = [r.id for r in rules.top.model.rules]
        assert sorted(page.rule_ids) == sorted(own), region


def test_sections_without_the_source_texts_keep_rules_and_reasons(
    rule_sets: dict[str, RuleSet], tmp_path: object
) -> None:
    rules = rule_sets["vastra_gotaland"]
    book = region_book(rules, ON, "sv", Texts(None))
    declared = coverage(rules).sections
    assert [s.number for s in book.sections] == [
        s.section for s in sorted(declared, key=lambda s: book_order(s.section))
    ]
    assert all(s.text is None for s in book.sections)
    shown = [r.id for s in book.sections for r in s.rules]
    assert sorted(shown) == sorted(r.id for r in rules.top.model.rules)
    for section, cov in zip(
        book.sections, sorted(declared, key=lambda s: book_order(s.section)), strict=True
    ):
        assert section.encoded_by == len(cov.rules)


def book_order(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


def test_a_rule_view_names_the_national_rule_it_takes_the_place_of(
    rule_sets: dict[str, RuleSet],
) -> None:
    rules = rule_sets["vastra_gotaland"]
    book = region_book(rules, ON, "sv", Texts(None))
    views = {r.id: r for s in book.sections for r in s.rules}
    sip = views["vgr.sip.convene.kommun"]
    assert sip.relation == "Skärper den nationella regeln för samma skyldighet."
    assert any(
        n.startswith("Upprätta samordnad individuell plan") or "SIP" in n for n in sip.national
    )
    assert any("SoL (2025:400) 10 kap. 8 §" in s for s in sip.statutes)
    assert sip.deadline == "inom 3 veckor från händelsedagen – frist enligt överenskommelsen"
    assert sip.conditions == ("behovet uppmärksammades av kommunen",)
    assert sip.in_force == "när överenskommelsen gäller"


def test_the_national_baseline_dates_every_provision(rule_sets: dict[str, RuleSet]) -> None:
    book = national_book(rule_sets["national"], "sv")
    statutes = {s.id: s.in_force for s in book.statutes}
    assert statutes["sol_2001_453"] == "2002-01-01 till och med 2025-06-30"
    assert statutes["sol_2025_400"] == "från och med 2025-07-01"
    rules = [r for _, views in book.duties for r in views]
    assert len(rules) == len(rule_sets["national"].top.model.rules)
    dated = {r.id: r.in_force for r in rules}
    assert dated["national.sip.draw_up.sol2001"] == "till och med 2025-06-30"
    assert dated["national.sip.draw_up.sol2025"] == "från och med 2025-07-01"


def test_agreement_terms_change_with_the_date(rule_sets: dict[str, RuleSet]) -> None:
    rules = rule_sets["vastra_gotaland"]
    before = region_book(rules, dt.date(2022, 1, 1), "sv", Texts(None)).agreements[0]
    after = region_book(rules, dt.date(2026, 1, 1), "sv", Texts(None)).agreements[0]
    assert "under den angivna giltighetstiden" in before.status
    assert "upphörde 2025-12-31" in after.status
    assert before.terms == after.terms
    assert any(
        "förlängs överenskommelsen med ytterligare två år" in q for q in before.clause_quotes
    )
