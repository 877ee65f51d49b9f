"""The web form in a real browser: headless Chromium (the system's, driven by Playwright)
against a real uvicorn server on 127.0.0.1. Fill the form, submit it from the keyboard, check
the first duty and its date, the party filter and the calendar download.

Skipped when Chromium (``/usr/bin/chromium``, or ``chromium`` on the PATH) or Playwright is
absent; ``playwright install`` is never needed. The screenshots under ``docs/screenshots/``
(``people-*.png``, 390 and 1280 pixels wide) are rewritten only when asked::

    PLACEMENT_RULES_SCREENSHOTS=1 .venv/bin/python -m pytest tests/web/test_browser.py
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from placement_rules import evaluate, load_rule_set, parse_event
from placement_rules.views.terminal import when_lines
from placement_rules.views.urgency import group_by_party, party_of

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = (390, 1280)

EVENT = {
    "kind": "placement_ended",
    "date": "2025-10-15",
    "birth_date": "2010-02-01",
    "legal_basis": "LVU",
    "placement_form": "hvb",
    "home_municipality": "Jönköping",
    "home_region": "jonkoping",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The form on a real uvicorn server in a thread; its base URL."""
    from fastapi import FastAPI

    from placement_rules.web.form import router

    app = FastAPI()
    app.include_router(router())
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM)
        try:
            yield launched
        finally:
            launched.close()


def _page(browser: Any, width: int = 1280) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="sv-SE", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _fill(page: Any) -> None:
    """Fill the form as a person would, finding each field by its label."""
    choose = {
        "Vad har hänt?": "kind",
        "Hemregion": "home_region",
        "Lag som vården ges enligt": "legal_basis",
        "Placeringsform": "placement_form",
    }
    for label, name in choose.items():
        page.get_by_role("combobox", name=label).select_option(EVENT[name])
    page.get_by_label("Händelsens datum").fill(EVENT["date"])
    page.get_by_label("Barnets födelsedatum").fill(EVENT["birth_date"])
    page.get_by_role("textbox", name="Hemkommun").fill(EVENT["home_municipality"])


def _expected() -> Any:
    result = evaluate(load_rule_set(EVENT["home_region"]), parse_event(EVENT))
    return result, group_by_party(result.obligations)


def _shoot(page: Any, name: str, width: int, tmp_path: Path) -> None:
    """A full-page screenshot: into docs/screenshots when asked, else into the test's folder
    (taken all the same, so the pages render at both widths on every run)."""
    folder = SCREENSHOTS if os.environ.get("PLACEMENT_RULES_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"people-{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_fill_submit_and_read_the_first_duty(server: str, browser: Any) -> None:
    page = _page(browser)
    page.goto(server)
    assert page.locator("html").get_attribute("lang") == "sv"
    _fill(page)
    page.get_by_role("button", name="Visa skyldigheterna").click()
    page.wait_for_selector("article.duty")
    result, groups = _expected()
    first = groups[0][1][0]
    assert first.due is not None, "the example's most urgent duty has a date"
    article = page.locator("article.duty").first
    assert article.locator("h3").inner_text() == first.title
    when = article.locator("dd.when").inner_text()
    assert first.due.isoformat() in when and when.startswith(when_lines(first)[0])
    assert page.locator("article.duty").count() == len(result.obligations)
    assert page.locator("h1").inner_text().startswith("Skyldigheter när ")


def _tab_until(page: Any, target: str, limit: int = 200) -> list[str]:
    """Press Tab until the element ``target`` (an id or a button's text) has the focus; the
    ids (or texts) focused on the way."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement; return e.id || e.textContent.trim(); }"
            )
        )
        if seen[-1] == target:
            return seen
    raise AssertionError(f"Tab never reached {target}: {seen[-5:]}")


def test_the_keyboard_reaches_every_field_and_submits(server: str, browser: Any) -> None:
    page = _page(browser)
    page.goto(server)
    controls = page.locator("form.event-form").locator("input, select")
    ids = controls.evaluate_all("els => els.map(e => e.id)")
    radios = [i for i in ids if i.startswith("f-treatment")]
    tabbed = _tab_until(page, "Visa skyldigheterna")
    # a date field takes one Tab per part (day, month, year): count each field once
    seen = [i for n, i in enumerate(tabbed) if n == 0 or tabbed[n - 1] != i]
    assert seen[0] == "Hoppa till innehållet"  # the skip link comes first
    # every field in the page's order; a radio group is one stop (its checked button)
    assert [i for i in seen[1:-1] if i not in radios] == [i for i in ids if i not in radios]
    assert len([i for i in seen if i in radios]) == 1
    _fill(page)
    page.get_by_role("textbox", name="Hemkommun").focus()
    _tab_until(page, "Visa skyldigheterna")
    page.keyboard.press("Enter")
    page.wait_for_selector("article.duty")
    assert page.locator("article.duty").count() == len(_expected()[0].obligations)


def test_party_filter_and_calendar_download(server: str, browser: Any, tmp_path: Path) -> None:
    page = _page(browser)
    page.goto(server)
    _fill(page)
    page.get_by_role("button", name="Visa skyldigheterna").click()
    result, groups = _expected()
    party, members = groups[0]
    button = page.locator(f'form.parties button[value="{party}"]')
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f'form.parties button[value="{party}"][aria-pressed="true"]')
    assert (
        page.locator("article.duty").count()
        == len([o for o in result.obligations if party_of(o) == party])
        == len(members)
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Ladda ner kalenderfil (.ics)").click()
    download = info.value
    assert download.suggested_filename == "skyldigheter.ics"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR") and data.count(b"BEGIN:V") - 1 == len(
        result.obligations
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_and_no_sideways_scrolling(
    server: str, browser: Any, width: int, tmp_path: Path
) -> None:
    page = _page(browser, width)
    page.goto(server)
    _fill(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shoot(page, "form", width, tmp_path)
    page.get_by_role("button", name="Visa skyldigheterna").click()
    page.wait_for_selector("article.duty")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shoot(page, "answer", width, tmp_path)
