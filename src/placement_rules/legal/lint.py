"""Lint rule files for what a lawyer would object to.

- a regional or local rule that contradicts the national rule of the same duty in force on some
  date: a longer statutory ``due`` deadline or a different statutory ``limit`` (the comparison the
  evaluator's conflict check makes), or another cost bearer principal;
- a rule whose citation has no quote, and a quote that does not occur in the cited source text
  (compared after collapsing whitespace, and also after joining hyphenated line breaks);
- a deadline with no anchor date (informational: vague terms such as *genast* count from the
  event by convention).

Source text files are looked up under the shared folder (``--shared``, ``PLACEMENT_RULES_SHARED``
or ``../shared`` next to the checkout, see :func:`default_shared_dir`); when it is absent the
quote check is skipped, and a finding says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple

from dateutil.relativedelta import relativedelta

from ..compiler import build_rule_set, citations
from ..evaluation import drops_vague_term, loosens
from ..events import Event
from ..i18n import DEFAULT_LANG, Lang, text
from ..limits import MAX_SOURCE_TEXT_BYTES
from ..loading import LoadedFile, bundled_rules_dir, iter_rule_files
from ..models import (
    SOURCE_FOLDERS,
    Citation,
    Condition,
    InForce,
    Source,
    is_source_file,
    source_text_path,
)
from ..regions import load_chain
from ..ruleset import CompiledRule, RuleSet
from ..safe_yaml import YamlProblem, decode, read_limited
from ..vocabulary import EVENT_KIND_LABELS
from .quote_terms import period_mismatch, vague_mismatch
from .wording import Shown, deadline_summary, party_text

Severity = Literal["error", "warning", "noted", "info"]
SEVERITY_ORDER: Final[dict[str, int]] = {"error": 0, "warning": 1, "noted": 2, "info": 3}
"""Worst first. ``noted``: a contradiction with the statute the file records on purpose
(``acknowledged:``), listed with the file's reason; it never fails lint, not even ``--strict``."""
SHARED_ENV: Final[str] = "PLACEMENT_RULES_SHARED"


@dataclass(frozen=True, slots=True)
class LintFinding:
    severity: Severity
    code: str
    rule_id: str | None
    file: str
    line: int | None
    message: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "rule_id": self.rule_id,
            "file": self.file,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class LintReport:
    files: tuple[str, ...]
    findings: tuple[LintFinding, ...]
    shared: str | None
    """The folder quotes were checked against; None when the check was skipped."""
    on: dt.date | None = field(default=None)
    hidden: int = 0
    """Findings left out by :meth:`at_least`."""
    lang: Lang = DEFAULT_LANG
    """The language of the messages (and of the report's rendering)."""
    digests: tuple[tuple[str, str], ...] = ()
    """(file, :func:`review_digest`) of each file linted: what a ``reviewed:`` entry signs."""

    def failed(self, *, strict: bool = False) -> bool:
        """Errors and warnings fail; info findings only with ``strict``; noted ones never."""
        failing = {"error", "warning", "info"} if strict else {"error", "warning"}
        return any(f.severity in failing for f in self.findings)

    def at_least(self, severity: Severity) -> LintReport:
        """The report with only the findings of ``severity`` or worse."""
        limit = SEVERITY_ORDER[severity]
        kept = tuple(f for f in self.findings if SEVERITY_ORDER[f.severity] <= limit)
        hidden = self.hidden + len(self.findings) - len(kept)
        return dataclasses.replace(self, findings=kept, hidden=hidden)

    def counts(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITY_ORDER}

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "shared": self.shared,
            "on": self.on.isoformat() if self.on else None,
            "counts": self.counts(),
            "digests": dict(self.digests),
            "hidden": self.hidden,
            "findings": [f.to_dict() for f in self.findings],
        }


def default_shared_dir() -> Path:
    """``$PLACEMENT_RULES_SHARED``, else the ``shared`` folder beside the checkout: the one the
    package runs from (``src/placement_rules`` in a clone, an editable install), or for an
    installed package the current folder (a clone run from its root)."""
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    if package.parent.name == "src" and (package.parents[1] / "pyproject.toml").is_file():
        return package.parents[2] / "shared"
    return Path.cwd().parent / "shared"


# --- quotes -------------------------------------------------------------------------------


def collapse(text: str) -> str:
    return " ".join(text.split())


def join_hyphenated(text: str) -> str:
    """Join words split by a hyphen at a line break (``ut-\\nredning`` → ``utredning``)."""
    return re.sub(r"(\w)-[ \t]*\r?\n\s*(\w)", r"\1\2", text)


def _contains(raw: str, quote: str) -> bool:
    """Whether ``quote`` stands in ``raw``, after collapsing whitespace and joining words
    hyphenated at a line break on either side."""
    joined = collapse(join_hyphenated(raw))
    wanted = collapse(quote)
    return wanted in collapse(raw) or wanted in joined or collapse(join_hyphenated(quote)) in joined


_MARKDOWN_HEADING: Final = re.compile(r"(#{1,6})\s+")
_NUMBERED_HEADING: Final = re.compile(r"(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)\s+[A-ZÅÄÖ]")
_PARAGRAPH: Final = re.compile(r"(?<!\S)(\d{1,3}(?: [a-z])? §)\s+(?=[A-ZÅÄÖ])")
_CHAPTER: Final = re.compile(r"(\d{1,3}(?: [a-z])? kap\.) (\d{1,3}(?: [a-z])? §)")


def _heading(line: str) -> tuple[int, str]:
    """(Markdown heading level, or 0; the line's text without the ``#`` marks)."""
    stripped = line.strip()
    match = _MARKDOWN_HEADING.match(stripped)
    return (len(match.group(1)), stripped[match.end() :]) if match else (0, stripped)


def _starts_with(text: str, words: str) -> bool:
    """Whether ``text`` begins with ``words`` as whole words ("Innan placering" does not begin
    "Innan placeringen")."""
    rest = text[len(words) : len(words) + 2]
    sub_section = rest[:1] == "." and rest[1:].isdigit()  # "3.4.1" does not begin "3.4"
    return text.startswith(words) and not rest[:1].isalnum() and not sub_section


def _number(text: str) -> str | None:
    """The number of a numbered heading ("3.4.1 Överföring" → "3.4.1", "8. Samverkan" → "8")."""
    match = _NUMBERED_HEADING.match(text)
    return match.group(1).rstrip(".") if match else None


def _heading_starts(heads: Sequence[tuple[int, str]], section: str) -> list[int]:
    """The lines where the section's heading stands (a table of contents gives several). A
    section "A – B" whose heading is not written so is heading A, then B below it (or just A,
    when B is a topic rather than a heading)."""
    whole = [i for i, (_, t) in enumerate(heads) if _starts_with(t, section)]
    if whole or " – " not in section:
        return whole
    first, *rest = (part.strip() for part in section.split(" – "))
    starts = []
    for at in (i for i, (_, t) in enumerate(heads) if _starts_with(t, first)):
        for part in rest:
            below = (j for j in range(at + 1, len(heads)) if _starts_with(heads[j][1], part))
            at = next(below, at)
        starts.append(at)
    return starts


def _section_end(heads: Sequence[tuple[int, str]], start: int) -> int:
    """The line after the section that starts at ``start``: the next Markdown heading of the same
    or a higher level, or the next numbered heading that is not a sub-section (a section named
    in words runs to the end of the text: its end cannot be told)."""
    level, text = heads[start]
    number = None if level else _number(text)
    for j in range(start + 1, len(heads)):
        other_level, other = heads[j]
        if level and other_level and other_level <= level:
            return j
        if number is not None:
            found = _number(other)
            if found is not None and found != number and not found.startswith(number + "."):
                return j
    return len(heads)


def _inline_paragraph(lines: Sequence[str], section: str) -> list[str]:
    """A statute paragraph run into the one before it by the machine-parsed copy ("... Lag
    (2012:776). 4 c § Vid en uppföljning ..."): its text, from its number to the next
    paragraph's, searched in its chapter."""
    match = _CHAPTER.fullmatch(" ".join(section.split()))
    if match is None:
        return []
    chapter, paragraph = match.groups()
    heads = [_heading(line) for line in lines]
    parts = [
        "\n".join(lines[i : _section_end(heads, i)])
        for i, (level, head) in enumerate(heads)
        if level and _starts_with(head, chapter)
    ]
    body = "\n".join(parts) or _inline_chapter(lines, chapter)
    found = []
    for hit in _PARAGRAPH.finditer(body):
        if hit.group(1) != paragraph:
            continue
        after = _PARAGRAPH.search(body, hit.end())
        stop = body.find("\n#", hit.end())
        ends = [e for e in (after.start() if after else -1, stop) if e >= 0]
        found.append(body[hit.start() : min(ends) if ends else len(body)])
    return found


def _inline_chapter(lines: Sequence[str], chapter: str) -> str:
    """A chapter without a heading of its own, run into the text before it ("... Lag
    (2019:909). 2 a kap. Om ansvarsfördelningen ..."): the text after each place its number
    stands before a capital (a reference such as "finns i 2 a kap. I fråga om" is one too; the
    paragraph is then looked for in each), each up to the next heading."""
    raw = "\n".join(lines)
    bodies = []
    for start in re.finditer(r"(?<!\S)" + re.escape(chapter) + r"\s+(?=[A-ZÅÄÖ])", raw):
        end = raw.find("\n#", start.end())
        bodies.append(raw[start.end() : end if end >= 0 else len(raw)])
    return "\n#\n".join(bodies)


def section_texts(raw: str, section: str) -> list[str]:
    """The text under each place the cited ``section`` stands in a source text (several when a
    table of contents repeats the heading); empty when its heading cannot be found.

    Headings are Markdown headings (the statutes: ``## 10 kap. 8 §``), numbered lines ("3.4.1
    Överföring av information", "8. Samverkan") or lines in words ("Gemensamt ansvar"); a
    statute paragraph the copy ran into the one before is found by its number."""
    lines = raw.splitlines()
    heads = [_heading(line) for line in lines]
    wanted = " ".join(section.split())
    starts = _heading_starts(heads, wanted)
    if not starts:
        return _inline_paragraph(lines, wanted)
    return ["\n".join(lines[start : _section_end(heads, start)]) for start in starts]


class QuoteProblem(NamedTuple):
    code: str
    severity: Severity
    message: str


class QuoteChecker:
    """Finds quotes in source text files under one folder, under the cited section; reads each
    file once."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self._texts: dict[str, str | None] = {}

    def _text(self, file: str) -> str | None:
        if file not in self._texts:
            path = source_text_path(self.shared, file)  # None: outside seeds/ or law/
            try:  # a regular file of at most 16 MiB, UTF-8 (never /dev/zero, never unbounded)
                content = (
                    None if path is None else decode(read_limited(path, MAX_SOURCE_TEXT_BYTES))
                )
            except YamlProblem:
                content = None
            self._texts[file] = content
        return self._texts[file]

    def problem(
        self,
        source: Source | None,
        quote: str,
        section: str | None = None,
        lang: Lang = DEFAULT_LANG,
    ) -> QuoteProblem | None:
        """Why ``quote`` could not be confirmed under ``section`` of the source text (not in the
        text at all: an error; elsewhere in it: an error; the section's heading not found: a
        note), or None when it was found there."""
        if source is None or source.file is None:
            return None
        raw = self._text(source.file)
        if raw is None:
            message = text("lint.source_text_missing", lang, file=source.file, shared=self.shared)
            return QuoteProblem("quote-not-found", "error", message)
        short = _short(collapse(quote))
        if not _contains(raw, quote):
            message = text("lint.quote_not_found", lang, file=source.file, quote=short)
            return QuoteProblem("quote-not-found", "error", message)
        if section is None:
            return None
        regions = section_texts(raw, section)
        cited = f"{_source_name(source)} {' '.join(section.split())}"
        if not regions:
            message = text("lint.section_not_located", lang, cited=cited, file=source.file)
            return QuoteProblem("section-not-located", "info", message)
        if any(_contains(region, quote) for region in regions):
            return None
        message = text("lint.quote_outside_section", lang, cited=cited, quote=short)
        return QuoteProblem("quote-outside-section", "error", message)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- contradictions -------------------------------------------------------------------------


def _overlap(a: InForce | None, b: InForce | None) -> tuple[dt.date | None, dt.date | None] | None:
    """The days both periods cover, as (start, end) with None for an open end; None if none."""
    starts = [p.start for p in (a, b) if p is not None and p.start is not None]
    ends = [p.end for p in (a, b) if p is not None and p.end is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start is not None and end is not None and start > end:
        return None
    return start, end


def _values(cond: Condition) -> set[object] | None:
    if cond.op == "eq":
        return {cond.value}
    if cond.op == "in" and isinstance(cond.value, tuple):
        return set(cond.value)
    return None


def _excludes(a: Condition, b: Condition) -> bool:
    """Whether no fact value satisfies both conditions (checked for eq, in, ne, not_in)."""
    va, vb = _values(a), _values(b)
    if va is not None and vb is not None:
        return not va & vb
    for one, other in ((a, b), (b, a)):
        values = _values(one)
        if values is None:
            continue
        if other.op == "ne" and values == {other.value}:
            return True
        if other.op == "not_in" and isinstance(other.value, tuple) and values <= set(other.value):
            return True
    return False


def may_fire_together(a: CompiledRule, b: CompiledRule) -> bool:
    """Whether one event could trigger both rules (same event, conditions not exclusive)."""
    if a.rule.trigger.event != b.rule.trigger.event:
        return False
    return not any(
        _excludes(x, y)
        for x in a.rule.trigger.when
        for y in b.rule.trigger.when
        if x.fact == y.fact
    )


def _probe(kind: str, day: dt.date, region: str) -> Event:
    return Event.model_validate(
        {
            "kind": kind,
            "date": day,
            "birth_date": day - relativedelta(years=10),
            "home_municipality": "-",
            "home_region": region,
            "placement_start": day,
        }
    )


def _span(start: dt.date | None, end: dt.date | None, lang: Lang = DEFAULT_LANG) -> str:
    if start and end:
        return text("lint.span.between", lang, start=start, end=end)
    if start:
        return text("lint.span.from", lang, start=start)
    return text("lint.span.until", lang, end=end) if end else text("lint.span.always", lang)


def _sample_day(start: dt.date | None, end: dt.date | None, on: dt.date | None) -> dt.date | None:
    if on is not None:
        inside = (start is None or start <= on) and (end is None or on <= end)
        return on if inside else None
    return start or end or dt.date.today()


_SFS: Final = re.compile(r"\(\d{4}:\d{1,4}\)")


def _source_name(source: Source) -> str:
    """A source as a reader knows it: its title; a long statute title up to its SFS number
    ("Lag (2017:209)", never "Lag"), another long title by its short name."""
    title = collapse(source.title)
    if len(title) <= 60:
        return title
    number = _SFS.search(title)
    if number is not None:
        return title[: number.end()]
    return collapse(source.short) if source.short else _short(title.split(" (")[0], 60)


def _cited(citation: Citation, sources: Mapping[str, Source]) -> str:
    """A citation as a reader knows it: the source's name and the section."""
    source = sources.get(citation.source)
    name = _source_name(source) if source else citation.source
    return f"{name} {' '.join(citation.section.split())}"


class Contradiction(NamedTuple):
    code: str
    severity: Severity
    message: str
    statute_rule: str
    """The national rule it contradicts."""


def contradictions(
    rule: CompiledRule,
    national: Iterable[CompiledRule],
    region: str,
    sources: Mapping[str, Source],
    on: dt.date | None = None,
    lang: Lang = DEFAULT_LANG,
) -> list[Contradiction]:
    """Each way ``rule`` contradicts a national rule of its duty in force at the same time: the
    evaluator's deadline comparison, then the cost bearer. A deadline contradiction the rule
    acknowledges (``acknowledged:``) is ``noted`` (``acknowledged-contradiction``) with the
    file's reason and the statute's provision instead of an error."""
    acknowledged = {a.statute_rule: a for a in rule.rule.acknowledged}
    found: list[Contradiction] = []
    for base in national:
        if base.rule.duty != rule.rule.duty or not may_fire_together(rule, base):
            continue
        both = _overlap(rule.rule.in_force, base.rule.in_force)
        day = _sample_day(*both, on) if both is not None else None
        if both is None or day is None:
            continue
        event = EVENT_KIND_LABELS[rule.rule.trigger.event]
        said = {
            "when": text("lint.when", lang, event=event, span=_span(*both, lang=lang)),
            "mine": _cited(rule.rule.source, sources),
            "theirs": _cited(base.rule.source, sources),
            "statute_rule": base.id,
        }
        if loosens(rule, base, _probe(rule.rule.trigger.event, day, region)):
            message = text(
                "lint.contradicts_statute",
                lang,
                kind=_contradiction_kind(rule, base, lang),
                ours=_words(deadline_summary(rule.rule.deadline, lang), lang),
                statute=_words(deadline_summary(base.rule.deadline, lang), lang),
                **said,
            )
            ack = acknowledged.get(base.id)
            if ack is not None:
                noted = text(
                    "lint.acknowledged",
                    lang,
                    message=message,
                    reason=collapse(ack.reason),
                    cited=_cited(ack.citation, sources),
                )
                found.append(Contradiction("acknowledged-contradiction", "noted", noted, base.id))
            else:
                found.append(Contradiction("contradicts-statute", "error", message, base.id))
        payer, statute_payer = rule.rule.cost_bearer, base.rule.cost_bearer
        if (
            payer is not None
            and statute_payer is not None
            and payer.principal != statute_payer.principal
        ):
            message = text(
                "lint.cost_bearer_differs",
                lang,
                ours=_words(party_text(payer), lang),
                statute=_words(party_text(statute_payer), lang),
                **said,
            )
            found.append(Contradiction("cost-bearer-differs", "warning", message, base.id))
    return found


def _stale_acknowledgements(
    loaded: LoadedFile,
    path: tuple[str | int, ...],
    compiled: CompiledRule,
    found: Sequence[Contradiction],
    lang: Lang = DEFAULT_LANG,
) -> list[LintFinding]:
    """Acknowledged contradictions that no longer arise on any date (the text or the statute
    changed): the acknowledgement should go."""
    noted = {c.statute_rule for c in found if c.code == "acknowledged-contradiction"}
    return [
        _finding(
            loaded,
            "warning",
            "stale-acknowledgement",
            compiled.id,
            path + ("acknowledged", j),
            text("lint.stale_acknowledgement", lang, statute_rule=ack.statute_rule),
        )
        for j, ack in enumerate(compiled.rule.acknowledged)
        if ack.statute_rule not in noted
    ]


def _contradiction_kind(rule: CompiledRule, base: CompiledRule, lang: Lang) -> str:
    mine, theirs = rule.rule.deadline, base.rule.deadline
    if mine is not None and theirs is not None and drops_vague_term(mine, theirs):
        return text("lint.kind.vague", lang)
    if theirs is not None and theirs.meaning == "limit":
        return text("lint.kind.limit", lang)
    return text("lint.kind.later", lang)


def _words(shown: Shown | None, lang: Lang = DEFAULT_LANG) -> str:
    return shown.text if shown is not None else text("lint.none", lang)


# --- one file -------------------------------------------------------------------------------


def _finding(
    loaded: LoadedFile,
    severity: Severity,
    code: str,
    rule_id: str | None,
    path: tuple[str | int, ...],
    message: str,
) -> LintFinding:
    where = loaded.locate(path)
    return LintFinding(severity, code, rule_id, where.file, where.line, message)


def _quote_term_findings(
    rules: RuleSet, loaded: LoadedFile, compiled: CompiledRule, lang: Lang
) -> list[LintFinding]:
    """The rule's quote against its encoded deadline: a period the quote names that is not the
    encoded offset ("inom 4 veckor" against 6 weeks) is an error; a vague word of the quote that
    is not the encoded vague term a warning."""
    rule = compiled.rule
    quote = rule.source.quote
    if quote is None or rule.deadline is None:
        return []
    index = [r.id for r in loaded.model.rules].index(rule.id)
    path: tuple[str | int, ...] = ("rules", index, "deadline")
    cited = _cited(rule.source, rules.sources)
    out: list[LintFinding] = []
    named = period_mismatch(quote, rule.deadline)
    if named is not None and rule.deadline.offset is not None:
        quoted = f" {text('lint.or', lang)} ".join(f"“{p.text}”" for p in named)
        message = text(
            "lint.quote_period_mismatch",
            lang,
            quoted=quoted,
            encoded=rule.deadline.offset.words(),
            cited=cited,
        )
        out.append(_finding(loaded, "error", "quote-period-mismatch", rule.id, path, message))
    vague = vague_mismatch(quote, rule.deadline)
    if vague is not None:
        message = text(
            "lint.quote_vague_mismatch", lang, quoted=vague[0], encoded=vague[1], cited=cited
        )
        out.append(_finding(loaded, "warning", "quote-vague-mismatch", rule.id, path, message))
    return out


def _rule_findings(
    rules: RuleSet,
    index: int,
    compiled: CompiledRule,
    on: dt.date | None,
    lang: Lang = DEFAULT_LANG,
) -> list[LintFinding]:
    loaded, rule = rules.top, compiled.rule
    path: tuple[str | int, ...] = ("rules", index)
    out: list[LintFinding] = []
    if compiled.level > 0:
        national = [c for c in rules.rules if c.level == 0]
        found = contradictions(compiled, national, rules.region, rules.sources, on, lang)
        for code, severity, message, _ in found:
            field_path = path + (
                ("cost_bearer",) if code == "cost-bearer-differs" else ("deadline",)
            )
            out.append(_finding(loaded, severity, code, rule.id, field_path, message))
        if on is None:  # on one date only, an acknowledgement may simply not apply then
            out += _stale_acknowledgements(loaded, path, compiled, found, lang)
    out += _quote_term_findings(rules, loaded, compiled, lang)
    if rule.source.quote is None:
        out.append(_missing_quote(rules, loaded, rule.id, path + ("source",), rule.source, lang))
    gap = legal_basis_gap(compiled)
    if gap is not None:
        first, last = gap
        out.append(
            _finding(
                loaded,
                "info",
                "legal-basis-not-in-force",
                rule.id,
                path + ("legal_basis",),
                text("lint.legal_basis_gap", lang, span=_span(first, last, lang)),
            )
        )
    deadline = rule.deadline
    if deadline is not None and deadline.anchor is None:
        out.append(
            _finding(
                loaded,
                "info",
                "deadline-without-anchor",
                rule.id,
                path + ("deadline",),
                text(
                    "lint.deadline_without_anchor",
                    lang,
                    deadline=_words(deadline_summary(deadline, lang), lang),
                ),
            )
        )
    return out


def _missing_quote(
    rules: RuleSet,
    loaded: LoadedFile,
    rule_id: str,
    path: tuple[str | int, ...],
    cite: Citation,
    lang: Lang = DEFAULT_LANG,
) -> LintFinding:
    """A rule's citation without a quote: a warning, or a note when the citation says why and
    the document's text is not among the sources (nothing to quote from)."""
    source = rules.sources.get(cite.source)
    where = text("lint.missing_quote", lang, cited=_cited(cite, rules.sources))
    if cite.no_quote_reason is not None and (source is None or source.file is None):
        message = f"{where}: {collapse(cite.no_quote_reason)}"
        return _finding(loaded, "info", "missing-quote", rule_id, path, message)
    return _finding(loaded, "warning", "missing-quote", rule_id, path, where)


def _source_file_findings(loaded: LoadedFile, lang: Lang = DEFAULT_LANG) -> list[LintFinding]:
    """A source whose text file is not a source text (not under seeds/ or law/)."""
    folders = f" {text('lint.or', lang)} ".join(f + "/" for f in SOURCE_FOLDERS)
    return [
        _finding(
            loaded,
            "error",
            "source-file-not-a-source",
            None,
            ("sources", i, "file"),
            text(
                "lint.source_file_not_a_source",
                lang,
                source=source.id,
                file=source.file,
                folders=folders,
            ),
        )
        for i, source in enumerate(loaded.model.sources)
        if source.file is not None and not is_source_file(source.file)
    ]


def legal_basis_gap(compiled: CompiledRule) -> tuple[dt.date, dt.date | None] | None:
    """The first days (first, last; None: open) on which the rule is in force but none of its
    legal-basis entries is, counted from the rule's first day (or its agreement's start; for a
    rule in force from any day, from the first entry's start); None when there is no gap or no
    legal basis."""
    entries = compiled.legal_basis
    if not entries or any(e.start is None and e.end is None for e in entries):
        return None
    first = compiled.first_day
    if compiled.agreement is not None:
        first = max(first, compiled.agreement.validity.start)
    if first == dt.date.min:
        starts = [e.start for e in entries]
        if any(s is None for s in starts):
            first = min(e.end for e in entries if e.end is not None) + dt.timedelta(days=1)
        else:
            first = min(s for s in starts if s is not None)
    candidates = [first] + [e.end + dt.timedelta(days=1) for e in entries if e.end is not None]
    for day in sorted(candidates):
        if day < first or day > compiled.last_day or any(e.covers(day) for e in entries):
            continue
        later = [e.start for e in entries if e.start is not None and e.start > day]
        end = min(later) - dt.timedelta(days=1) if later else None
        if end is not None and end > compiled.last_day:
            end = compiled.last_day
        if end is None and compiled.last_day != dt.date.max:
            end = compiled.last_day
        return day, end
    return None


def _rule_id_of(loaded: LoadedFile, path: tuple[str | int, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        return loaded.model.rules[path[1]].id
    return None


def _quote_findings(
    rules: RuleSet, checker: QuoteChecker, lang: Lang = DEFAULT_LANG
) -> list[LintFinding]:
    loaded = rules.top
    out = []
    found: list[tuple[Citation, tuple[str | int, ...]]] = citations(loaded)
    for citation, path in found:
        if citation.quote is None:
            continue
        source = rules.sources.get(citation.source)
        if source is not None and source.file is not None and not is_source_file(source.file):
            out.append(
                _finding(
                    loaded,
                    "error",
                    "quote-from-non-source",
                    _rule_id_of(loaded, path),
                    path + ("quote",),
                    text("lint.quote_from_non_source", lang, file=source.file),
                )
            )
            continue
        problem = checker.problem(source, citation.quote, citation.section, lang)
        if problem is not None:
            code, severity, message = problem
            rule_id = _rule_id_of(loaded, path)
            out.append(_finding(loaded, severity, code, rule_id, path + ("quote",), message))
    return out


def lint_rule_set(
    rules: RuleSet,
    checker: QuoteChecker | None,
    on: dt.date | None = None,
    lang: Lang = DEFAULT_LANG,
) -> list[LintFinding]:
    """Findings for the top file of ``rules`` (its base files are linted on their own)."""
    own_ids = {r.id for r in rules.top.model.rules}
    own = [c for c in rules.rules if c.id in own_ids]
    findings: list[LintFinding] = []
    for index, compiled in enumerate(own):
        findings += _rule_findings(rules, index, compiled, on, lang)
    findings += _source_file_findings(rules.top, lang)
    findings += review_findings(rules.top, lang)
    if checker is not None:
        findings += _quote_findings(rules, checker, lang)
    return findings


def review_digest(loaded: LoadedFile) -> str:
    """The digest a ``reviewed:`` entry signs: of the file's canonical content (its validated
    model, so comments, layout and key order do not count) without its ``reviewed`` entries."""
    from ..contract import file_digest

    return file_digest(loaded)


def review_findings(loaded: LoadedFile, lang: Lang = DEFAULT_LANG) -> list[LintFinding]:
    """The file's sign-offs against its content: a review of the current content is noted
    (info, ``reviewed``); when none is, the latest review shows the file as edited since
    (warning, ``unreviewed-edit``, with the digest to sign)."""
    reviews = loaded.model.reviewed
    if not reviews:
        return []
    current = review_digest(loaded)
    signed = [i for i, r in enumerate(reviews) if r.digest == current]
    if signed:
        return [
            _finding(
                loaded,
                "info",
                "reviewed",
                None,
                ("reviewed", i),
                text("lint.reviewed", lang, role=reviews[i].role, date=reviews[i].date),
            )
            for i in signed
        ]
    latest = max(range(len(reviews)), key=lambda i: reviews[i].date)
    review = reviews[latest]
    message = text("lint.unreviewed_edit", lang, role=review.role, date=review.date, digest=current)
    return [_finding(loaded, "warning", "unreviewed-edit", None, ("reviewed", latest), message)]


def _targets(paths: Sequence[Path]) -> list[Path]:
    targets: list[Path] = []
    for path in paths or (bundled_rules_dir(),):
        targets.extend(iter_rule_files(path) if path.is_dir() else [path])
    return targets


def lint_paths(
    paths: Sequence[Path],
    *,
    shared: Path | None = None,
    on: dt.date | None = None,
    lang: Lang = DEFAULT_LANG,
) -> LintReport:
    """Lint rule files and folders (default: the bundled rules)."""
    folder = shared if shared is not None else default_shared_dir()
    checker = QuoteChecker(folder) if folder.is_dir() else None
    cache: dict[Path, LoadedFile] = {}
    findings: list[LintFinding] = []
    files: list[str] = []
    digests: list[tuple[str, str]] = []
    for target in _targets(paths):
        rules = build_rule_set(load_chain(target, cache=cache))
        files.append(rules.top.name or str(rules.top.path))
        digests.append((files[-1], review_digest(rules.top)))
        findings += lint_rule_set(rules, checker, on, lang)
    if checker is None:
        findings.append(
            LintFinding(
                "info",
                "quote-check-skipped",
                None,
                str(folder),
                None,
                text("lint.quote_check_skipped", lang, folder=folder, env=SHARED_ENV),
            )
        )
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.file, f.line or 0, f.code))
    shared_used = str(folder) if checker else None
    return LintReport(tuple(files), tuple(findings), shared_used, on, 0, lang, tuple(digests))
