"""A small HTML reader for the rulebook's tests: sections, rule articles, headers, lang."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Section:
    attrs: dict[str, str]
    rule_ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    """The classes of every element inside."""
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.sections: list[Section] = []
        self.rule_ids: list[str] = []
        self.th_scopes: list[str] = []
        self.headings: list[str] = []
        self.scripts = 0
        self._open: list[Section | None] = []
        self.feed(html)

    @property
    def current(self) -> Section | None:
        return next((s for s in reversed(self._open) if s is not None), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "section":
            section = Section(found) if "data-section" in found else None
            if section is not None:
                self.sections.append(section)
            self._open.append(section)
        if tag == "article" and "rule" in found.get("class", "").split():
            self.rule_ids.append(found["id"])
            if self.current is not None:
                self.current.rule_ids.append(found["id"])
        if tag == "th":
            self.th_scopes.append(found.get("scope", ""))
        if tag in ("h1", "h2", "h3"):
            self.headings.append(tag)
        if tag == "script":
            self.scripts += 1
        if self.current is not None:
            self.current.classes += found.get("class", "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.text.append(data)
