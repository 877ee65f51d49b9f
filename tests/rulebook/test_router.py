"""The rulebook's FastAPI router: the same pages as the static site, by language."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from placement_rules.rulebook.router import router
from placement_rules.rulebook.site import build_site

from .conftest import ON, SHARED


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(router(on=ON, shared=SHARED))
    return TestClient(app)


def test_the_router_serves_the_static_sites_pages(client: TestClient) -> None:
    site = build_site(None, ON, "sv", SHARED)
    for name, html in site.items():
        response = client.get(f"/rulebook/{name}")
        assert response.status_code == 200, name
        assert response.text == html
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-language"] == "sv"
    index = client.get("/rulebook/")
    assert index.text == site["index.html"]


def test_language_by_query_or_header(client: TestClient) -> None:
    english = build_site(None, ON, "en", SHARED)["matrix.html"]
    by_header = client.get("/rulebook/matrix.html", headers={"Accept-Language": "en-GB,en"})
    assert by_header.text == english and by_header.headers["content-language"] == "en"
    assert "Accept-Language" in by_header.headers["vary"]
    by_query = client.get("/rulebook/matrix.html?lang=en", headers={"Accept-Language": "sv"})
    assert by_query.text == english
    swedish = client.get("/rulebook/matrix.html", headers={"Accept-Language": "de"})
    assert '<html lang="sv">' in swedish.text


def test_unknown_pages_and_the_bare_prefix(client: TestClient) -> None:
    assert client.get("/rulebook/nowhere.html").status_code == 404
    assert client.get("/rulebook/..%2Fsecret").status_code == 404
    assert client.get("/rulebook/" + "x" * 100).status_code == 422
    assert client.get("/rulebook/matrix.html?lang=de").status_code == 422
    moved = client.get("/rulebook", follow_redirects=False)
    assert moved.status_code == 308 and moved.headers["location"] == "/rulebook/"


def test_pages_are_rendered_once_at_creation() -> None:
    app = FastAPI()
    app.include_router(router(on=dt.date(2026, 3, 1), shared=SHARED))
    page = TestClient(app).get("/rulebook/vastra_gotaland.html").text
    assert "upphörde 2025-12-31" in page


def test_the_service_serves_the_rulebook() -> None:
    from placement_rules.service import create_app

    with TestClient(create_app()) as service:
        page = service.get("/rulebook/vastra_gotaland.html")
        assert page.status_code == 200 and '<html lang="sv">' in page.text
        assert "/rulebook/{page}" not in service.get("/openapi.json").json()["paths"]
