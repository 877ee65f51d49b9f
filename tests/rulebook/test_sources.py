"""The source texts: numbered headings, a section's lines, where a quote stands."""

from __future__ import annotations

from pathlib import Path

from placement_rules.rulebook.sources import SourceText
from placement_rules.ruleset import RuleSet

from .conftest import SHARED, VGR_SEED, needs_sources

TEXT = """1. Utgångspunkter

1.1 Bakgrund
Text om 3 veckor
3 veckor är ingen rubrik.
1.2 Syfte
Barnet ska ut-
redas skyndsamt.
1.2.1 Detalj
Mer text om barn-
och ungdomspsykiatri.
2. Ansvar
1. Säkrare vägar (en numrerad lista, inte en rubrik)
"""


def test_headings_are_numbered_lines_once_each() -> None:
    doc = SourceText(TEXT)
    assert [h.number for h in doc.headings] == ["1", "1.1", "1.2", "1.2.1", "2"]
    assert doc.heading("1.2") is not None and doc.heading("1.2").title == "Syfte"  # type: ignore[union-attr]


def test_a_section_runs_to_the_next_heading_outside_it_or_listed() -> None:
    doc = SourceText(TEXT)
    whole = doc.section("1.2")
    assert whole is not None and (whole.first, whole.last) == (6, 11)
    assert whole.paragraphs[-1] == "Mer text om barn- och ungdomspsykiatri."
    alone = doc.section("1.2", stops={"1.2.1"})
    assert alone is not None and alone.last == 8 and "Mer text" not in alone.text
    assert alone.paragraphs == ("1.2 Syfte", "Barnet ska utredas skyndsamt.")
    assert doc.section("9") is None


def test_quotes_are_found_across_line_breaks_and_hyphens() -> None:
    doc = SourceText(TEXT)
    assert doc.line_of("Barnet ska ut- redas") == 6
    assert doc.line_of("Barnet ska utredas skyndsamt.") == 6
    assert doc.line_of("Mer   text om") == 9
    assert doc.line_of("finns inte") is None


def test_an_unreadable_file_is_none(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    assert SourceText.read(bad) is None
    assert SourceText.read(tmp_path / "absent.txt") is None


@needs_sources
def test_the_vgr_seed_keeps_its_printed_numbering() -> None:
    doc = SourceText.read(SHARED / VGR_SEED)
    assert doc is not None
    numbers = [h.number for h in doc.headings]
    for number in ("1.4", "1.6", "2.2.2", "3.4.3.1", "3.5.2", "4.4"):
        assert number in numbers
    # the extraction's misnumbering: "3.5 I samband med placering" heads 3.4.1-3.4.8
    assert numbers.index("3.5") < numbers.index("3.4.1") < numbers.index("3.5.1")
    section = doc.section("3.4.3", stops={"3.4.3.1"})
    assert section is not None and section.text.startswith("3.4.3 Hälsoundersökning")
    assert "Rutin för" not in section.text


WORDS = """Samverkansdokument
Text om dokumentet.
Gemensamt ansvar
Innan placering
Före placeringen gör man så.
Under placering
Under placeringen gör man så.
Placering i annat län
Text om annat län.
"""

NAMES = (
    "Samverkansdokument",
    "Gemensamt ansvar",
    "Gemensamt ansvar – Innan placering",
    "Gemensamt ansvar – Under placering",
    "Placering i annat län",
)


def test_sections_named_by_words_run_to_the_next_named_heading() -> None:
    doc = SourceText(WORDS)
    before = doc.titled("Gemensamt ansvar – Innan placering", NAMES)
    assert before is not None and (before.first, before.last) == (4, 5)
    assert before.paragraphs == ("Innan placering", "Före placeringen gör man så.")
    # a section whose own text is only its sub-sections' runs over them, to the next one
    whole = doc.titled("Gemensamt ansvar", NAMES)
    assert whole is not None and (whole.first, whole.last) == (3, 7)
    last = doc.titled("Placering i annat län", NAMES)
    assert last is not None and last.text.endswith("Text om annat län.")
    assert doc.titled("Efter placering", NAMES) is None


@needs_sources
def test_every_jonkoping_section_is_cut_out_of_its_source(rule_sets: dict[str, RuleSet]) -> None:
    import datetime as dt

    from placement_rules.rulebook.content import Texts, region_book

    book = region_book(rule_sets["jonkoping"], dt.date(2025, 9, 1), "sv", Texts(SHARED))
    firsts = [s.text.first for s in book.sections if s.text is not None]
    assert len(firsts) == len(book.sections) > 10
    assert firsts == sorted(firsts)
