"""The source texts (``shared/seeds``, ``shared/law``): numbered headings, a section's lines, and
where a quote stands, so that the rulebook shows sections in the text's own order.

The texts are PDF extractions: headings are lines that begin with a section number ("3.4.3.1
Rutin för", "1. Utgångspunkter"). A number counts as a heading the first time it begins a line
followed by a capital letter (later lines with the same number are numbered lists in the body).
A section runs from its heading to the next heading that is not inside it, or that the rule
file lists on its own (``stops``). Files are read once, bounded (16 MiB) and as UTF-8.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..limits import MAX_SOURCE_TEXT_BYTES
from ..safe_yaml import YamlProblem, decode, read_limited

_HEADING = re.compile(
    r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})*)(?:\.\s+|\s+)(?=[A-ZÅÄÖ])(?P<title>.*)$"
)


def _collapse(text: str) -> str:
    return " ".join(text.split())


_SPLIT_WORD = re.compile(r"\w\w-$")
_SHARED_ENDING = re.compile(r"(och|eller|samt|respektive|till|som)\b")
_TITLE_PARTS = re.compile(r"\s+[–-]\s+")
_BREAK = re.compile(r"(?<=\w)- (?=\w)")


def _unhyphenate(text: str) -> str:
    """A word split at a line break (``ut-`` + ``redning``) joined."""
    return _BREAK.sub("", text)


@dataclass(frozen=True, slots=True)
class Heading:
    number: str
    title: str
    line: int
    """0-based line index."""


@dataclass(frozen=True, slots=True)
class SectionText:
    first: int
    """1-based first line (the heading)."""
    last: int
    """1-based last line."""
    text: str

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text reflowed: lines joined, a word split at a line break ("ut-" + "redning")
        rejoined (not "barn-" + "och ungdom", a shared ending), a new paragraph after a line
        ending a sentence, and heading lines on their own."""
        out: list[str] = []
        current = ""
        for line in self.text.splitlines():
            piece = _collapse(line)
            if not piece:
                continue
            if _HEADING.match(line) and current:  # a sub-heading begins a paragraph
                out.append(current)
                current = ""
            if not current:
                current = piece
            elif _SPLIT_WORD.search(current) and not _SHARED_ENDING.match(piece):
                current = current[:-1] + piece
            else:
                current += " " + piece
            if piece.endswith((".", ":", "?")) or not out or _HEADING.match(line):
                out.append(current)
                current = ""
        if current:
            out.append(current)
        return tuple(out)


def inside(number: str, parent: str) -> bool:
    return number.startswith(parent + ".")


class SourceText:
    """One source text file: its lines, headings and a whitespace-collapsed copy for quotes."""

    def __init__(self, raw: str) -> None:
        self.lines = raw.splitlines()
        headings: list[Heading] = []
        seen: set[str] = set()
        for i, line in enumerate(self.lines):
            match = _HEADING.match(line)
            if match is None:
                continue
            number = match["number"]
            # a number without a dot ("3 veckor") is a heading only as "3." (matched above)
            if "." not in number and not line.strip().startswith(number + "."):
                continue
            if number in seen:
                continue
            seen.add(number)
            headings.append(Heading(number, _collapse(match["title"]), i))
        self.headings = tuple(headings)
        offsets, pieces, at = [], [], 0
        for line in self.lines:
            offsets.append(at)
            piece = _collapse(line)
            if piece:
                pieces.append(piece)
                at += len(piece) + 1
        self._offsets = offsets
        self._flat = " ".join(pieces)
        self._flat_joined = _unhyphenate(self._flat)
        self._joins = [m.start() - 2 * k for k, m in enumerate(_BREAK.finditer(self._flat))]
        """Where each joined break stands in the joined text."""

    @classmethod
    def read(cls, path: Path) -> SourceText | None:
        """The text of ``path``, or None when it is missing, too large or not UTF-8."""
        try:
            return cls(decode(read_limited(path, MAX_SOURCE_TEXT_BYTES)))
        except YamlProblem:
            return None

    def heading(self, number: str) -> Heading | None:
        return next((h for h in self.headings if h.number == number), None)

    def section(self, number: str, stops: Collection[str] = ()) -> SectionText | None:
        """The lines of section ``number``, up to the next heading outside it or in ``stops``."""
        start = self.heading(number)
        if start is None:
            return None
        end = len(self.lines)
        for h in self.headings:
            if h.line <= start.line:
                continue
            if not inside(h.number, number) or h.number in stops:
                end = h.line
                break
        while end > start.line + 1 and not self.lines[end - 1].strip():
            end -= 1
        body = "\n".join(self.lines[start.line : end])
        return SectionText(start.line + 1, end, body)

    def title_line(self, name: str) -> int | None:
        """The 0-based line of a section named by words: a line that reads the name, else
        ("Gemensamt ansvar – Innan placering") a line that reads "Gemensamt ansvar", then one
        after it that reads "Innan placering"."""
        at = 0
        found = None
        whole = _collapse(name).casefold()
        for i, line in enumerate(self.lines):
            if _collapse(line).casefold() == whole:
                return i
        for part in _TITLE_PARTS.split(name.strip()):
            wanted = _collapse(part).casefold()
            found = next(
                (
                    i
                    for i in range(at, len(self.lines))
                    if _collapse(self.lines[i]).casefold() == wanted
                ),
                None,
            )
            if found is None:
                return None
            at = found + 1
        return found

    def titled(self, name: str, others: Collection[str]) -> SectionText | None:
        """The lines of a section named by words: from its heading to the next heading of the
        ``others`` named sections (its own sub-sections too, unless that leaves it no text)."""
        start = self.title_line(name)
        if start is None:
            return None
        starts = {o: self.title_line(o) for o in others if o != name}
        later = sorted((line, o) for o, line in starts.items() if line is not None and line > start)
        numbered = [h.line for h in self.headings if h.line > start]
        limit = min(numbered, default=len(self.lines))
        end = min((line for line, _ in later), default=limit)
        if not any(self.lines[i].strip() for i in range(start + 1, min(end, limit))):
            outside = [line for line, o in later if not o.startswith(name + " ")]
            end = min(outside, default=limit)
        end = min(end, limit)
        while end > start + 1 and not self.lines[end - 1].strip():
            end -= 1
        return SectionText(start + 1, end, "\n".join(self.lines[start:end]))

    def line_of(self, quote: str) -> int | None:
        """The 0-based line where ``quote`` begins (whitespace and line-break hyphens aside)."""
        wanted = _collapse(quote)
        if not wanted:
            return None
        at = self._flat.find(wanted)
        if at < 0:
            joined = self._flat_joined.find(_unhyphenate(wanted))
            if joined < 0:
                return None
            at = joined + 2 * bisect_right(self._joins, joined)
        return bisect_right(self._offsets, at) - 1
