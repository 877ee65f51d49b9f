"""The printable page: lang, headings, the duties in the urgency order grouped by party, each
with when, what, who, why and source; escaping; the party filter; the tracked case; PDF."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from functools import cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement_rules import PrintError, evaluate, load_rule_set, parse_event
from placement_rules.cli.core import evaluate_parts
from placement_rules.cli.tracking import read_case
from placement_rules.events import Event
from placement_rules.explain import explain
from placement_rules.results import Evaluation
from placement_rules.ruleset import RuleSet
from placement_rules.testing import events
from placement_rules.tracking import track
from placement_rules.tracking.audit import RuleSets
from placement_rules.views.case_view import status_key, status_words
from placement_rules.views.evaluation_view import NEXT_STEPS
from placement_rules.views.html import case_html, evaluation_html, html_to_pdf
from placement_rules.views.sentences import party_heading, why_not_sentence
from placement_rules.views.terminal import when_short
from placement_rules.views.urgency import group_by_party, next_steps, party_of

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


def _example(name: str) -> tuple[RuleSet, Event, Evaluation]:
    return evaluate_parts(EXAMPLES / name, None, RuleSets(None))


def _page(name: str, **options: Any) -> tuple[str, Evaluation]:
    rules, event, result = _example(name)
    return evaluation_html(result, rules, event, **options), result


@pytest.mark.parametrize(
    "name", ["report_of_concern.json", "placement_started_lvu_familjehem.json"]
)
def test_the_duties_in_urgency_order_grouped_by_party(name: str) -> None:
    text, result = _page(name)
    page = outline(text)
    assert page.lang == "sv" and page.scripts == 0
    (h1,) = [words for level, words in page.headings if level == "h1"]
    assert h1.startswith("Skyldigheter när ")
    expected: list[tuple[str, str]] = []
    for party, members in group_by_party(result.obligations):
        expected.append(("h2", f"{party_heading(party)} ({len(members)} st.)"))
        expected += [("h3", " ".join(o.title.split())) for o in members]
    shown = [h for h in page.headings if h[0] != "h1" and h[1] != "Nästa steg"]
    assert shown == expected
    for term in ("När", "Vad", "Vem", "Lag och källa"):
        assert page.terms.count(term) == len(result.obligations), term


def test_next_steps_come_first() -> None:
    page, result = _page("report_of_concern.json")
    first = next_steps(result.obligations, NEXT_STEPS)
    assert first
    section = page[page.index("Nästa steg") : page.index("</ol>")]
    for o in first:
        assert f"<strong>{escape(when_short(o))}</strong>: {escape(o.title)}" in section
    assert page.index("Nästa steg") < page.index('<article class="duty"')


def test_no_codes_for_people() -> None:
    page, result = _page("placement_started_lvu_familjehem.json")
    for o in result.obligations:
        assert o.rule_id not in page
    for code in ("regional", "statutory", "agreement_region", "home_municipality", "_"):
        assert code not in _words(page), code


def test_english_on_request() -> None:
    page = outline(_page("report_of_concern.json", lang="en")[0])
    assert page.lang == "en"
    assert page.headings[0][1].startswith("Duties when ")
    assert {"When", "What", "Who", "Law and source"} <= set(page.terms)


def test_one_partys_duties_only() -> None:
    text, result = _page("placement_started_lvu_familjehem.json", party="region")
    page = outline(text)
    parties = [words for level, words in page.headings if level == "h2" and "(" in words]
    assert len(parties) == 1 and parties[0].startswith("Regionen")
    region = [o for o in result.obligations if party_of(o) == "region"]
    assert len([h for h in page.headings if h[0] == "h3"]) == len(region) > 0


def _evaluated(data: dict[str, Any]) -> tuple[str, Evaluation]:
    event = parse_event(data)
    rules = load_rule_set(event.home_region)
    result = evaluate(rules, event)
    return evaluation_html(result, rules, event), result


BASE = {"date": "2025-09-01", "birth_date": "2012-05-14"}


def test_text_from_an_event_is_escaped() -> None:
    page, _ = _evaluated(
        {
            **BASE,
            "kind": "report_of_concern",
            "home_municipality": "<script>alert(1)</script>",
            "home_region": "ostergotland",
        }
    )
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_no_duties_says_why() -> None:
    page, result = _evaluated(
        {
            **BASE,
            "kind": "inpatient_discharge",
            "home_municipality": "Solna",
            "home_region": "stockholm",
        }
    )
    assert not result.obligations
    words = _words(page)
    assert ("h2", "Inga skyldigheter") in outline(page).headings or "Inga" in words
    assert "bara lagens skyldigheter gäller" in words  # Stockholm: no regional rules


def test_an_empty_answer_says_which_condition_failed() -> None:
    data = {
        **BASE,
        "kind": "inpatient_discharge",
        "home_municipality": "Borås",
        "home_region": "vastra_gotaland",
    }
    page, result = _evaluated(data)
    assert not result.obligations
    assert ("h2", "Regler som inte gäller här") in outline(page).headings
    event = parse_event(data)
    rules = load_rule_set("vastra_gotaland")
    for w in explain(rules, event, result).why_not:
        if w.reason != "rule_not_in_force":
            assert escape(f"{w.rule.rule.title}: {why_not_sentence(w)}") in page


def test_a_fact_that_removes_a_duty_says_so() -> None:
    page, _ = _evaluated(
        {
            **BASE,
            "kind": "placement_started",
            "legal_basis": "LVU",
            "placement_form": "familjehem",
            "home_municipality": "Borås",
            "home_region": "vastra_gotaland",
            "health_examination_unnecessary": True,
        }
    )
    assert "Gäller inte eftersom socialtjänsten har bedömt hälsoundersökningen som obehövlig" in (
        _words(page)
    )


def test_a_tracked_case_shows_each_status_open_first() -> None:
    case_id, region, events = read_case(EXAMPLES / "case_vgr.json")
    as_of = dt.date(2025, 10, 1)
    report = track(
        load_rule_set(region or "vastra_gotaland"), events, as_of, engine="python", case_id=case_id
    )
    page = case_html(report)
    assert outline(page).terms.count("Läge") == len(report.obligations)
    statuses = re.findall(r'class="status status-([a-z_]+)"', page)
    assert len(statuses) == len(report.obligations)
    for party, _ in group_by_party(s.obligation for s in report.obligations):
        shown = [
            s for s in sorted(report.obligations, key=status_key) if party_of(s.obligation) == party
        ]
        assert [s.status for s in shown] == statuses[: len(shown)]
        statuses = statuses[len(shown) :]
    first_open = min((s for s in report.obligations if s.status == "open"), key=status_key)
    assert escape(status_words(first_open, as_of)) in page
    assert "Ärendets skyldigheter den 2025-10-01" in page


def test_pdf_without_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLACEMENT_RULES_CHROMIUM", "no-such-browser-here")
    with pytest.raises(PrintError, match="PDF needs headless Chromium"):
        html_to_pdf("<p>x</p>")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no headless Chromium")
def test_pdf_is_printed_by_chromium() -> None:
    data = html_to_pdf(_page("report_of_concern.json")[0])
    assert data.startswith(b"%PDF-") and b"/Type /Page" in data


@cache
def _rules(region: str) -> RuleSet:
    return load_rule_set(region)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(), st.sampled_from(["sv", "en"]))
def test_every_evaluation_renders_each_duty_once(event: Event, lang: str) -> None:
    rules = _rules(event.home_region)
    result = evaluate(rules, event)
    page = evaluation_html(result, rules, event, lang="en" if lang == "en" else "sv")
    body = outline(page)
    assert body.lang == lang and body.scripts == 0
    assert page.count('<article class="duty"') == len(result.obligations)
    assert body.terms.count("När" if lang == "sv" else "When") == len(result.obligations)
    if not result.obligations:
        assert any(level == "h2" for level, _ in body.headings)  # says that there are none


def _fake_browser(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-chromium"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_pdf_a_browser_that_hangs_or_fails_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PrintError, match=r"did not print the page within 0\.5 s"):
        html_to_pdf("<p>x</p>", chromium=_fake_browser(tmp_path, "sleep 5"), timeout=0.5)
    with pytest.raises(PrintError, match=r"did not print the page \(exit code 3\)"):
        html_to_pdf("<p>x</p>", chromium=_fake_browser(tmp_path, "exit 3"))
    with pytest.raises(PrintError, match=r"exit code 0"):  # exits 0 but writes no PDF
        html_to_pdf("<p>x</p>", chromium=_fake_browser(tmp_path, "exit 0"))


def test_a_tracked_case_page_says_its_warnings_in_the_page_language(tmp_path: Path) -> None:
    import json

    case = json.loads((EXAMPLES / "case_vgr.json").read_text(encoding="utf-8"))
    case["child"]["home_municipality"] = "Kiruna"  # not a municipality of Västra Götaland
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    _, _, case_events = read_case(path)
    report = track(load_rule_set("vastra_gotaland"), case_events, dt.date(2025, 10, 1))
    assert report.warnings, "the case is warned of"
    swedish = _words(case_html(report))
    assert "Hemkommunen är inte en av de 49 kommunerna i Västra Götaland" in swedish
    assert "home_municipality" not in swedish and "vastra_gotaland" not in swedish


def test_a_page_for_duties_without_a_named_party_says_so_in_words() -> None:
    text, result = _page("report_of_concern.json", party="none")
    assert not [o for o in result.obligations if party_of(o) == "none"]
    assert "Inga skyldigheter utan namngiven ansvarig." in _words(text)
    assert "för ingen namngiven" not in _words(text)
