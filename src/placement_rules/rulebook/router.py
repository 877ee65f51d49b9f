"""The rulebook in the service: ``/rulebook/`` and ``/rulebook/<page>.html``.

:func:`router` renders every page once, in both languages, from the same builder as the static
site (:func:`placement_rules.rulebook.site.build_pages`), and serves them from memory. The
language is ``?lang=sv|en`` or else the ``Accept-Language`` header (Swedish by default). The
routes are pages for people, not part of the API: they are left out of the OpenAPI document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from ..i18n import LANGS, Lang, lang_of
from ..regions import load_all
from .site import build_pages

PREFIX = "/rulebook"


def router(
    rules_dir: Path | None = None,
    *,
    on: dt.date | None = None,
    shared: Path | None = None,
) -> APIRouter:
    """The rulebook's routes under ``/rulebook``, its pages rendered now (``on``: the date of
    the agreements' status and the matrix, default today)."""
    rule_sets = load_all(rules_dir)
    day = on or dt.date.today()
    pages: Mapping[Lang, Mapping[str, str]] = {
        lang: build_pages(rule_sets, day, lang, shared) for lang in LANGS
    }
    routes = APIRouter(prefix=PREFIX, tags=["rulebook"])

    def respond(name: str, lang: str | None, accept_language: str | None) -> HTMLResponse:
        chosen = lang_of(lang or accept_language)
        html = pages[chosen].get(name)
        if html is None:
            raise HTTPException(status_code=404, detail="no such page in the rulebook")
        return HTMLResponse(html, headers={"Content-Language": chosen, "Vary": "Accept-Language"})

    @routes.get("", include_in_schema=False)
    def rulebook_root() -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/", status_code=308)

    @routes.get("/", response_class=HTMLResponse, include_in_schema=False)
    def rulebook_index(
        lang: Annotated[str | None, Query(pattern="^(sv|en)$")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> HTMLResponse:
        return respond("index.html", lang, accept_language)

    @routes.get("/{page}", response_class=HTMLResponse, include_in_schema=False)
    def rulebook_page(
        page: Annotated[str, PathParam(max_length=64)],
        lang: Annotated[str | None, Query(pattern="^(sv|en)$")] = None,
        accept_language: Annotated[str | None, Header()] = None,
    ) -> HTMLResponse:
        return respond(page, lang, accept_language)

    return routes
