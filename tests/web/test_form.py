"""The web form on a bare FastAPI app: fields derived from the event model, labels and
fieldsets, the answer in the urgency order with the party filter, the calendar download and the
print view, errors beside the field in Swedish without the value, bounded bodies."""

from __future__ import annotations

import re
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from placement_rules import evaluate, load_rule_set, parse_event
from placement_rules.contract import obligation_id
from placement_rules.events import Event
from placement_rules.regions import load_all
from placement_rules.views.terminal import when_lines
from placement_rules.views.urgency import group_by_party, party_of
from placement_rules.web.form import MAX_FORM_BYTES, Site, router

EVENT = {
    "kind": "report_of_concern",
    "date": "2025-12-17",
    "birth_date": "2012-05-14",
    "home_municipality": "Linköping",
    "home_region": "ostergotland",
}
PLACEMENT = {
    "kind": "placement_started",
    "date": "2025-09-01",
    "birth_date": "2012-05-14",
    "legal_basis": "LVU",
    "placement_form": "familjehem",
    "home_municipality": "Borås",
    "home_region": "vastra_gotaland",
    "needs_both_principals": "on",
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(router())
    return TestClient(app)


class Form(HTMLParser):
    """Controls (name, type, id), labels (for -> text), legends, headings, options."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.controls: list[dict[str, str | None]] = []
        self.labels: dict[str, str] = {}
        self.legends: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.forms: list[dict[str, str | None]] = []
        self.scripts = 0
        self._tag: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._text: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "script":
            self.scripts += 1
        elif tag == "form":
            self.forms.append(a)
        elif tag in ("input", "select"):
            self.controls.append({"tag": tag, **a})
            if tag == "select":
                self._select = a.get("name")
                self.options[str(self._select)] = []
        if tag in ("label", "legend", "h1", "h2", "h3", "option"):
            self._tag, self._attrs, self._text = tag, a, []

    def handle_endtag(self, tag: str) -> None:
        if tag != self._tag:
            return
        words = " ".join("".join(self._text).split())
        if tag == "label":
            self.labels[str(self._attrs.get("for"))] = words
        elif tag == "legend":
            self.legends.append(words)
        elif tag == "option" and self._select:
            self.options[self._select].append((str(self._attrs.get("value")), words))
        elif tag.startswith("h"):
            self.headings.append((tag, words))
        self._tag = None

    def handle_data(self, data: str) -> None:
        if self._tag:
            self._text.append(data)


def parse(page: str) -> Form:
    form = Form()
    form.feed(page)
    return form


def _visible(form: Form) -> list[dict[str, str | None]]:
    return [c for c in form.controls if c.get("type") != "hidden"]


def test_the_form_is_derived_from_the_event_model(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    form = parse(response.text)
    assert form.lang == "sv" and form.scripts == 0
    site = Site(load_all())
    names = {str(c["name"]) for c in _visible(form)}
    unused = {n for n, f in Event.model_fields.items() if f.annotation is bool} - site.facts
    assert names == set(Event.model_fields) - unused
    assert {"acute", "needs_both_principals"} <= names  # facts the rules ask about
    kinds = [value for value, _ in form.options["kind"]]
    assert kinds == list(site.kinds) and "placement_started" in kinds
    assert "health_examination_held" not in kinds  # a fulfilment event triggers no rule
    words = dict(form.options["kind"])
    assert words["placement_started"] == "placering inleds"
    assert dict(form.options["home_region"])["vastra_gotaland"] == "Västra Götaland"
    assert "national" not in dict(form.options["home_region"])


def test_every_control_has_a_label_inside_a_fieldset(client: TestClient) -> None:
    page = client.get("/").text
    form = parse(page)
    for control in _visible(form):
        assert control["id"] and control["id"] in form.labels, control["name"]
        assert form.labels[str(control["id"])].strip()
    assert form.legends[:4] == [
        "Händelsen",
        "Barnet",
        "Kommun och region",
        "Vården och placeringen",
    ]
    assert page.count("<fieldset") >= 5
    assert ("h1", "Vilka skyldigheter ger händelsen?") in form.headings


def test_the_answer_in_urgency_order_by_party(client: TestClient) -> None:
    response = client.post("/", data=PLACEMENT)
    assert response.status_code == 200
    page = parse(response.text)
    event = parse_event({**PLACEMENT, "needs_both_principals": True})
    result = evaluate(load_rule_set("vastra_gotaland"), event)
    groups = group_by_party(result.obligations)
    titles = [text for level, text in page.headings if level == "h3"]
    assert titles == [" ".join(o.title.split()) for _, members in groups for o in members]
    assert response.text.count('<article class="duty"') == len(result.obligations)


def test_the_first_duty_and_its_date(client: TestClient) -> None:
    response = client.post("/", data=EVENT)
    result = evaluate(load_rule_set("ostergotland"), parse_event(EVENT))
    first = group_by_party(result.obligations)[0][1][0]
    dated = next(o for _, members in group_by_party(result.obligations) for o in members if o.due)
    page = response.text
    assert page.index(first.title) < page.index(dated.title)
    assert escape(when_lines(dated)[0]) in page and dated.due is not None
    assert dated.due.isoformat() in page


def test_one_partys_duties(client: TestClient) -> None:
    everything = client.post("/", data=PLACEMENT).text
    only = client.post("/", data={**PLACEMENT, "party": "region"}).text
    event = parse_event({**PLACEMENT, "needs_both_principals": True})
    result = evaluate(load_rule_set("vastra_gotaland"), event)
    region = [o for o in result.obligations if party_of(o) == "region"]
    assert 0 < len(region) < len(result.obligations)
    assert only.count('<article class="duty"') == len(region)
    assert everything.count('<article class="duty"') == len(result.obligations)
    assert 'value="region" aria-pressed="true"' in only


def test_the_event_travels_in_hidden_fields_never_in_a_url(client: TestClient) -> None:
    page = client.post("/", data=EVENT).text
    form = parse(page)
    actions = {str(f.get("action")) for f in form.forms}
    assert actions == {"/", "/kalender.ics", "/utskrift"}
    hidden = {(c["name"], c["value"]) for c in form.controls if c.get("type") == "hidden"}
    assert ("birth_date", "2012-05-14") in hidden


def test_the_calendar_download(client: TestClient) -> None:
    response = client.post("/kalender.ics", data=EVENT)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    calendar = Calendar.from_ical(response.content)
    uids = {str(c["uid"]).split("@")[0] for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}
    event = parse_event(EVENT)
    result = evaluate(load_rule_set("ostergotland"), event)
    assert uids == {obligation_id(o, event) for o in result.obligations}


def test_the_print_view_has_no_buttons(client: TestClient) -> None:
    response = client.post("/utskrift", data=EVENT)
    assert response.status_code == 200
    assert "<form" not in response.text and '<article class="duty"' in response.text


def test_edit_keeps_the_values(client: TestClient) -> None:
    page = client.post("/", data={**EVENT, "edit": "1"}).text
    assert 'value="2012-05-14"' in page and 'value="Linköping"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "15/11/2025", "Skriv ett datum som ÅÅÅÅ-MM-DD"),
        ("date", "20251115", "Skriv ett datum som ÅÅÅÅ-MM-DD"),
        ("birth_date", "2030-01-01", "Födelsedatumet är efter händelsens datum."),
        ("kind", "placement_startd", "Välj ett av alternativen i listan."),
        ("home_region", "skane_xyz", "Välj ett av alternativen i listan."),
        ("home_municipality", "Bor\x07ås-secret", "Skriv högst 200 tecken"),
        ("home_municipality", "", "Fyll i uppgiften."),
    ],
)
def test_errors_beside_the_field_without_the_value(
    client: TestClient, field: str, value: str, message: str
) -> None:
    response = client.post("/", data={**EVENT, field: value})
    assert response.status_code == 422
    page = response.text
    error = re.search(rf'<p class="error" id="e-{field}">([^<]*)</p>', page)
    assert error and error.group(1).startswith(message)
    if value:
        assert value not in page and value.replace("\x07", "") not in page
    control = re.search(rf'<(?:input|select)[^>]*id="f-{field}"[^>]*>', page)
    assert control and 'aria-invalid="true"' in control.group(0)
    assert f'href="#f-{field}"' in page  # the summary links to the field


def test_english_on_request(client: TestClient) -> None:
    by_header = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    by_query = client.get("/?lang=en").text
    for page in (by_header, by_query):
        assert parse(page).lang == "en" and "What duties does the event create?" in page
    assert 'href="/?lang=sv" hreflang="sv" lang="sv">På svenska</a>' in by_query
    assert 'href="/?lang=en" hreflang="en" lang="en">In English</a>' in client.get("/").text
    answer = client.post("/?lang=en", data=EVENT).text
    assert "Next steps" in answer and 'action="/kalender.ics?lang=en"' in answer


def test_a_body_too_large_is_refused(client: TestClient) -> None:
    data: dict[str, Any] = {**EVENT, "home_municipality": "x" * (MAX_FORM_BYTES + 1)}
    response = client.post("/", data=data)
    assert response.status_code == 413
    assert "x" * 100 not in response.text


def test_the_router_under_a_prefix() -> None:
    app = FastAPI()
    app.include_router(router(), prefix="/personal")
    page = TestClient(app).post("/personal/", data=EVENT).text
    assert 'action="/personal/kalender.ics"' in page


def test_the_service_serves_the_form_outside_its_api() -> None:
    from placement_rules.service.app import create_app

    service = TestClient(create_app())
    page = service.get("/")
    assert page.status_code == 200 and '<html lang="sv">' in page.text
    assert service.post("/", data=EVENT).status_code == 200
    assert service.get("/", headers={"Accept-Language": "en"}).text.count('lang="en"') == 1
    assert '<html lang="en">' in service.get("/?lang=en").text
    paths = service.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/kalender.ics" not in paths


def test_too_many_fields_are_refused(client: TestClient) -> None:
    body = "&".join(f"x{i}=1" for i in range(200))
    response = client.post(
        "/", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413


def test_hidden_fields_carry_the_events_values_not_the_text_sent(client: TestClient) -> None:
    page = client.post("/", data={**PLACEMENT, "needs_both_principals": "<b>ja</b>"}).text
    hidden = {(c["name"], c["value"]) for c in parse(page).controls if c.get("type") == "hidden"}
    assert ("needs_both_principals", "on") in hidden
    assert "&lt;b&gt;" not in page and "<b>ja" not in page


_NAMES = sorted(Event.model_fields)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(_NAMES),
        st.text(
            alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
            min_size=6,
            max_size=40,
        ),
        max_size=8,
    )
)
def test_any_input_gives_a_page_and_never_repeats_a_wrong_value(
    client: TestClient, garbage: dict[str, str]
) -> None:
    response = client.post("/", data={**EVENT, **garbage})
    assert response.status_code in (200, 422)
    page = response.text
    plain = client.post("/", data=EVENT).text  # words the page has anyway (".status" in its CSS)
    others = list(garbage.values())
    for name, value in garbage.items():
        wrong = value.strip()
        distinct = others.count(value) == 1 and len(wrong) >= 6  # not another field's own
        distinct = distinct and wrong not in plain and escape(wrong) not in plain
        if f'id="e-{name}"' in page and distinct:
            assert escape(wrong) not in page and wrong not in page, name


def test_in_the_service_the_form_reads_the_rules_the_service_has_loaded(tmp_path: Path) -> None:
    from placement_rules.loading import bundled_rules_dir
    from placement_rules.service.app import create_app
    from placement_rules.service.state import load

    service = create_app()
    client = TestClient(service)
    regions = dict(parse(client.get("/").text).options["home_region"])
    assert "ostergotland" in regions and "jonkoping" in regions
    for name in ("national.yaml", "ostergotland.yaml"):  # a reload with one region only
        shutil.copy(bundled_rules_dir() / name, tmp_path / name)
    service.state.loaded = load(tmp_path)
    regions = dict(parse(client.get("/").text).options["home_region"])
    assert list(regions) == ["ostergotland"]
    assert client.post("/", data=EVENT).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/", None),
        ("post", "/", EVENT),
        ("post", "/kalender.ics", EVENT),
        ("post", "/utskrift", EVENT),
        ("post", "/", {**EVENT, "date": "x"}),
    ],
)
def test_no_cache_no_script_no_referrer(
    client: TestClient, method: str, path: str, data: dict[str, str] | None
) -> None:
    response = client.request(method, path, data=data)
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "form-action 'self'" in policy
