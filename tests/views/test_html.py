"""The printable page: lang, headings, the duties in the urgency order grouped by party, each
with when, what, who, why and source; escaping; the party filter; the tracked case; PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from placement_rules import PrintError, evaluate, load_rule_set, parse_event
from placement_rules.cli.core import evaluate_parts
from placement_rules.cli.tracking import read_case
from placement_rules.results import Evaluation
from placement_rules.tracking import track
from placement_rules.tracking.audit import RuleSets
from placement_rules.views.html import case_html, evaluation_html, html_to_pdf
from placement_rules.views.page_model import when_text
from placement_rules.views.sentences import party_heading
from placement_rules.views.urgency import group_by_party, next_steps

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Outline(HTMLParser):
    """The page's language, headings by level, and the text of every ``dd`` in order."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[tuple[str, str]] = []
        self.terms: list[str] = []
        self.scripts = 0
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "script":
            self.scripts += 1
        if tag in ("h1", "h2", "h3", "dt"):
            self._open, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            words = " ".join("".join(self._text).split())
            if tag == "dt":
                self.terms.append(words)
            else:
                self.headings.append((tag, words))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def _words(page: str) -> str:
    """The text people read: no tags, no style sheet."""
    return re.sub(r"<[^>]*>", "", re.sub(r"<style>.*?</style>", "", page, flags=re.S))


def _example(name: str) -> Evaluation:
    return evaluate_parts(EXAMPLES / name, None, RuleSets(None))[2]


@pytest.mark.parametrize(
    "name", ["report_of_concern.json", "placement_started_lvu_familjehem.json"]
)
def test_the_duties_in_urgency_order_grouped_by_party(name: str) -> None:
    result = _example(name)
    page = outline(evaluation_html(result))
    assert page.lang == "sv" and page.scripts == 0
    (h1,) = [text for level, text in page.headings if level == "h1"]
    assert h1.startswith("Skyldigheter när ")
    groups = group_by_party(result.obligations)
    expected: list[tuple[str, str]] = []
    for party, members in groups:
        expected.append(("h2", f"{party_heading(party)} ({len(members)} st.)"))
        expected += [("h3", " ".join(o.title.split())) for o in members]
    shown = [h for h in page.headings if h[0] != "h1" and h[1] != "Nästa steg"]
    assert shown == expected
    per_duty = ["När", "Vad", "Vem", "Lag och källa"]
    assert page.terms.count("När") == len(result.obligations)
    for term in per_duty:
        assert page.terms.count(term) == len(result.obligations), term


def test_next_steps_come_first() -> None:
    result = _example("report_of_concern.json")
    page = evaluation_html(result)
    first = next_steps(result.obligations)
    assert first
    section = page[page.index("Nästa steg") : page.index("</ol>")]
    for o in first:
        assert f"<strong>{when_text(o, 'sv', short=True)}</strong>: {o.title}" in section
    assert page.index("Nästa steg") < page.index('<article class="duty"')


def test_no_codes_for_people() -> None:
    result = _example("placement_started_lvu_familjehem.json")
    page = evaluation_html(result)
    for o in result.obligations:
        assert o.rule_id not in page
    for code in ("regional", "statutory", "agreement_region", "home_municipality", "_"):
        assert code not in _words(page), code


def test_english_on_request() -> None:
    result = _example("report_of_concern.json")
    page = outline(evaluation_html(result, lang="en"))
    assert page.lang == "en"
    assert page.headings[0][1].startswith("Duties when ")
    assert {"When", "What", "Who", "Law and source"} <= set(page.terms)


def test_one_partys_duties_only() -> None:
    result = _example("placement_started_lvu_familjehem.json")
    page = outline(evaluation_html(result, party="region"))
    parties = [text for level, text in page.headings if level == "h2" and "(" in text]
    assert len(parties) == 1 and parties[0].startswith("Regionen")
    region = [
        o for o in result.obligations if o.responsible and o.responsible.principal == "region"
    ]
    assert len([h for h in page.headings if h[0] == "h3"]) == len(region)


def test_text_from_an_event_is_escaped() -> None:
    event = parse_event(
        {
            "kind": "report_of_concern",
            "date": "2025-09-01",
            "birth_date": "2012-05-14",
            "home_municipality": "<script>alert(1)</script>",
            "home_region": "ostergotland",
        }
    )
    page = evaluation_html(evaluate(load_rule_set("ostergotland"), event))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_no_duties_says_why() -> None:
    event = parse_event(
        {
            "kind": "inpatient_discharge",
            "date": "2025-09-01",
            "birth_date": "2012-05-14",
            "home_municipality": "Solna",
            "home_region": "stockholm",
        }
    )
    result = evaluate(load_rule_set("stockholm"), event)
    assert not result.obligations
    page = evaluation_html(result)
    body = outline(page)
    assert ("h2", "Inga skyldigheter") in body.headings
    assert "Ingen regel" in _words(page)


def test_a_tracked_case_shows_each_status() -> None:
    case_id, region, events = read_case(EXAMPLES / "case_vgr.json")
    report = track(
        load_rule_set(region or "vastra_gotaland"),
        events,
        dt.date(2025, 10, 1),
        engine="python",
        case_id=case_id,
    )
    page = case_html(report)
    assert case_id not in page
    assert outline(page).terms.count("Läge") == len(report.obligations)
    assert page.count('class="status status-') == len(report.obligations)
    assert "följs inte upp" in page and "Ärendets skyldigheter den 2025-10-01" in page


def test_pdf_without_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLACEMENT_RULES_CHROMIUM", "no-such-browser-here")
    with pytest.raises(PrintError, match="PDF needs headless Chromium"):
        html_to_pdf("<p>x</p>")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no headless Chromium")
def test_pdf_is_printed_by_chromium() -> None:
    data = html_to_pdf(evaluation_html(_example("report_of_concern.json")))
    assert data.startswith(b"%PDF-") and b"/Type /Page" in data
