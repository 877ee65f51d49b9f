"""The rulebook in headless Chromium: Swedish, no horizontal overflow at 1280 and 800 px, every
matrix column visible, table headers for screen readers, the search with and without script.

Skips when Chromium is not at /usr/bin/chromium (or Playwright is missing). The screenshots
under docs/screenshots/ are written only on request:

    PLACEMENT_RULES_SCREENSHOTS=1 python -m pytest tests/rulebook/test_browser.py
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import HAS_SOURCES

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
WIDTHS = (1280, 800)
PAGES = ("index", "matrix", "vastra_gotaland", "jonkoping", "national", "search")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


def _open(browser: Any, site_dir: Path, name: str, width: int, **context: Any) -> Any:
    page = browser.new_context(viewport={"width": width, "height": 900}, **context).new_page()
    page.goto((site_dir / f"{name}.html").as_uri())
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_swedish_and_no_horizontal_overflow(
    browser: Any, site_dir: Path, name: str, width: int
) -> None:
    page = _open(browser, site_dir, name, width)
    assert page.evaluate("document.documentElement.lang") == "sv"
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{name} at {width} px: {scroll} > {client}"
    assert page.locator("h1").count() == 1
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_matrix_column_is_visible_with_headers(
    browser: Any, site_dir: Path, width: int
) -> None:
    page = _open(browser, site_dir, "matrix", width)
    columns = page.locator("table.matrix thead th[scope=col]")
    assert columns.count() == 6
    assert page.locator("table.matrix tbody th[scope=row]").count() > 20
    assert page.locator("table.matrix caption").count() == 1
    for i in range(columns.count()):
        box = columns.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    cells = page.locator("table.matrix td")
    assert cells.count() == page.locator("table.matrix td[data-label]").count()
    # a region column whose cells all fit: nothing is cut off inside the table either
    overflowing = page.evaluate(
        "Array.from(document.querySelectorAll('table.matrix td, table.matrix th'))"
        ".filter(c => c.scrollWidth > c.clientWidth + 1).length"
    )
    assert overflowing == 0
    page.context.close()


def test_the_search_filters_with_script_and_lists_all_without(browser: Any, site_dir: Path) -> None:
    page = _open(browser, site_dir, "search", 1280)
    items = page.locator("#results li")
    total = items.count()
    assert total > 150 and page.locator("form.search").is_visible()
    page.fill("#q", "fast vårdkontakt")
    visible = page.locator("#results li:not([hidden])").count()
    assert 0 < visible < total
    assert page.locator("#count").inner_text().startswith(str(visible))
    page.context.close()
    plain = _open(browser, site_dir, "search", 1280, java_script_enabled=False)
    assert plain.locator("#results li:visible").count() == total
    assert not plain.locator("form.search").is_visible()
    plain.context.close()


@pytest.mark.skipif(not HAS_SOURCES, reason="shared source texts not present")
def test_the_source_text_stands_beside_the_rules_at_1280(browser: Any, site_dir: Path) -> None:
    page = _open(browser, site_dir, "vastra_gotaland", 1280)
    section = page.locator("#s-3-4-3-1")
    source = section.locator(".source").bounding_box()
    rules = section.locator(".rules").bounding_box()
    assert source is not None and rules is not None
    assert source["x"] + source["width"] <= rules["x"]  # side by side
    assert section.locator(".source .text p").count() > 3
    page.context.close()


@pytest.mark.skipif(
    os.environ.get("PLACEMENT_RULES_SCREENSHOTS") != "1",
    reason="screenshots on request: PLACEMENT_RULES_SCREENSHOTS=1",
)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(browser: Any, site_dir: Path, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, anchor in (("matrix", ""), ("vastra_gotaland", "#s-3-4-3-1")):
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        page.goto((site_dir / f"{name}.html").as_uri() + anchor)
        shot = SCREENSHOTS / f"rulebook-{'region' if anchor else name}-{width}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        page.context.close()
