"""The rulebook as a static site: one page per region, the national baseline, the duty x region
matrix and a search page, rendered with Jinja2 (autoescaped) in Swedish or English.

:func:`build_pages` returns the pages as ``{file name: HTML}`` (the router serves them from
memory); :func:`write_site` writes them to a folder. The pages link to each other by relative
file names, so the folder works opened from disk and served under any prefix (``/rulebook/``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..i18n import DEFAULT_LANG, Lang, text
from ..legal.compare import NATIONAL, build_matrix
from ..legal.lint import default_shared_dir
from ..legal.reports import MATRIX_CSS, matrix_html
from ..regions import load_all
from ..ruleset import RuleSet
from .content import RegionBook, Texts, national_book, region_book
from .words import region_name

PAGE_NAMES = ("index.html", "national.html", "matrix.html", "search.html")
"""The pages besides one per region (``<region>.html``)."""


@dataclass(frozen=True, slots=True)
class RegionLink:
    region: str
    label: str
    book: RegionBook
    declared: int


@dataclass(frozen=True, slots=True)
class SearchItem:
    kind: str
    title: str
    where: str
    detail: str
    href: str

    @property
    def haystack(self) -> str:
        return " ".join((self.title, self.where, self.detail, self.href)).lower()


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("placement_rules.rulebook", "templates"),
        autoescape=select_autoescape(("html",), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def stylesheet() -> str:
    """The site's CSS: its own, then the matrix's (shared with ``compare --format html``)."""
    own = resources.files("placement_rules.rulebook").joinpath("static/rulebook.css")
    return own.read_text(encoding="utf-8") + MATRIX_CSS


def _search_items(links: list[RegionLink], national: RuleSet, lang: Lang) -> list[SearchItem]:
    items: list[SearchItem] = []
    rule_word = text("rulebook.search.kind.rule", lang)
    section_word = text("rulebook.search.kind.section", lang)
    for link in links:
        for s in link.book.sections:
            if not s.declared:
                continue
            where = f"{link.label} · {s.source} {s.number}"
            items.append(
                SearchItem(
                    section_word,
                    f"{text('rulebook.section', lang, section=s.number)}: {s.summary or ''}",
                    where,
                    s.reason or "",
                    f"{link.region}.html#{s.anchor}",
                )
            )
            for r in s.rules:
                detail = " ".join(
                    x for x in (r.action, r.quote or "", r.responsible or "", r.deadline or "") if x
                )
                items.append(
                    SearchItem(rule_word, r.title, where, detail, f"{link.region}.html#{r.id}")
                )
    national_label = text("rulebook.national.title", lang)
    for compiled in national.rules:
        rule = compiled.rule
        items.append(
            SearchItem(
                rule_word,
                rule.title,
                f"{national_label} · {compiled.source_name} {rule.source.section}",
                " ".join(rule.action.split()),
                f"national.html#{rule.id}",
            )
        )
    return items


def build_pages(
    rule_sets: Mapping[str, RuleSet],
    on: dt.date,
    lang: Lang = DEFAULT_LANG,
    shared: Path | None = None,
) -> dict[str, str]:
    """Every page of the rulebook: file name -> HTML. ``on`` dates the agreements' status and
    the matrix; ``shared`` is the folder of the source texts (missing: quotes only)."""
    env = _environment()
    folder = shared if shared is not None else default_shared_dir()
    texts = Texts(folder if folder.is_dir() else None)
    missing = None if folder.is_dir() else str(folder)
    regions = [r for r in sorted(rule_sets) if r != NATIONAL]
    links = []
    for region in regions:
        book = region_book(rule_sets[region], on, lang, texts)
        declared = sum(1 for s in book.sections if s.declared)
        links.append(RegionLink(region, region_name(region, lang), book, declared))

    def t(key: str, **fields: Any) -> str:
        return text(key, lang, **fields)

    common: dict[str, Any] = {
        "lang": lang,
        "t": t,
        "css": Markup(stylesheet()),  # the package's own stylesheet
        "regions": links,
        "on": on,
    }

    def render(name: str, title: str, current: str, **fields: Any) -> str:
        return env.get_template(name).render(**common, title=title, current=current, **fields)

    pages = {"index.html": render("index.html", t("rulebook.title"), "index")}
    for link in links:
        pages[f"{link.region}.html"] = render(
            "region.html", link.label, link.region, book=link.book, missing=missing
        )
    national = rule_sets.get(NATIONAL)
    if national is not None:
        pages["national.html"] = render(
            "national.html",
            t("rulebook.national.title"),
            "national",
            book=national_book(national, lang),
        )
        pages["search.html"] = render(
            "search.html",
            t("rulebook.search.title"),
            "search",
            items=_search_items(links, national, lang),
            count_template=t("rulebook.search.count", count="{count}"),
        )
    matrix = build_matrix(rule_sets, on)
    pages["matrix.html"] = render(
        "matrix.html",
        t("rulebook.nav.matrix"),
        "matrix",
        matrix=Markup(matrix_html(matrix, lang)),  # escaped by matrix_html
    )
    return pages


def build_site(
    rules_dir: Path | str | None = None,
    on: dt.date | None = None,
    lang: Lang = DEFAULT_LANG,
    shared: Path | None = None,
) -> dict[str, str]:
    """The pages of the rule files in ``rules_dir`` (default: the bundled ones)."""
    return build_pages(load_all(rules_dir), on or dt.date.today(), lang, shared)


def write_site(pages: Mapping[str, str], out: Path) -> list[Path]:
    """Write the pages into ``out`` (created if missing); the paths written. Each page is
    written to a temporary file and renamed into place, so an interrupted build leaves whole
    pages (old or new), never a half-written one."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in sorted(pages.items()):
        path = out / name
        partial = out / f".{name}.partial"
        try:
            partial.write_text(html, encoding="utf-8")
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        written.append(path)
    return written
