"""The built site: Swedish by default, every page linked, autoescaped, readable without JS."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from placement_rules.i18n import catalogue
from placement_rules.loading import bundled_rules_dir
from placement_rules.rulebook.site import PAGE_NAMES, build_site, stylesheet
from placement_rules.ruleset import RuleSet

from ._html import Page
from .conftest import ON


def test_every_page_is_swedish_with_headings_and_no_english_labels(
    pages_sv: dict[str, str],
) -> None:
    regions = ["jonkoping", "ostergotland", "stockholm", "vastra_gotaland"]
    assert set(pages_sv) == set(PAGE_NAMES) | {f"{r}.html" for r in regions}
    files = " ".join(
        " ".join(p.read_text(encoding="utf-8").split()) for p in bundled_rules_dir().glob("*.yaml")
    )
    english_only = {
        en for sv, en in catalogue().values() if sv != en and len(en) > 12 and en not in files
    }
    assert len(english_only) > 100
    for name, html in pages_sv.items():
        page = Page(html)
        assert page.lang == "sv", name
        assert page.headings.count("h1") == 1, name
    for phrase in ("national baseline", "no rule", " is yes", "when acute", "deadline:"):
        assert phrase not in pages_sv["matrix.html"] + pages_sv["index.html"], phrase
    for name, html in pages_sv.items():
        shown = re.sub(r'data-text="[^"]*"', "", html)  # the search's lower-cased copy
        leaked = [en for en in english_only if en in shown]
        assert not leaked, (name, leaked[:3])
        for link in re.findall(r'href="([^"#]+)', html):
            assert link in pages_sv, (name, link)


def test_english_on_request(pages_en: dict[str, str]) -> None:
    for name, html in pages_en.items():
        assert Page(html).lang == "en", name
    assert "Duties by region" in pages_en["matrix.html"]
    assert "national law applies" in pages_en["matrix.html"]


def test_the_matrix_page_has_headers_for_screen_readers(pages_sv: dict[str, str]) -> None:
    page = Page(pages_sv["matrix.html"])
    assert page.th_scopes.count("col") == 6  # duty + national + four regions
    assert page.th_scopes.count("row") > 20
    assert "Västra Götaland" in pages_sv["matrix.html"]


def test_search_lists_everything_without_script(
    pages_sv: dict[str, str], rule_sets: dict[str, RuleSet]
) -> None:
    html = pages_sv["search.html"]
    before_script = html.split("<script>")[0]
    assert before_script.count("<li data-text=") > 150
    for rule in rule_sets["vastra_gotaland"].top.model.rules:
        assert f'href="vastra_gotaland.html#{rule.id}"' in before_script
    for rule in rule_sets["national"].top.model.rules:
        assert f'href="national.html#{rule.id}"' in before_script
    assert '<form role="search" class="search" hidden>' in html  # shown by the script only
    for name, other in pages_sv.items():
        if name != "search.html":
            assert "<script" not in other, name


def test_values_from_rule_files_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), folder)
    path = folder / "stockholm.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = "<script>alert(1)</script> & Co"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pages = build_site(folder, ON, "sv", tmp_path / "no-shared")
    html = pages["stockholm.html"]
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "finns inte i den delade mappen" in html


def test_the_stylesheet_never_cuts_a_column() -> None:
    css = stylesheet()
    assert "table-layout:fixed" in css and "overflow-wrap:anywhere" in css


def test_write_site_replaces_pages_whole(tmp_path: Path, pages_sv: dict[str, str]) -> None:
    from placement_rules.rulebook.site import write_site

    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    written = write_site(pages_sv, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(pages_sv)
    assert [p.read_text(encoding="utf-8") for p in written] == [pages_sv[p.name] for p in written]


def test_swedish_text_is_marked_swedish_on_the_english_pages(pages_en: dict[str, str]) -> None:
    html = pages_en["vastra_gotaland.html"]
    assert '<h4 lang="sv">Skolan kallar till SIP-möte inom 3 veckor</h4>' in html
    assert '<q lang="sv">SIP-möte ska hållas inom 3 veckor' in html
