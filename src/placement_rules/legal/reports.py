"""Rendering of diffs, comparison matrices and lint reports: terminal, Markdown, JSON and HTML.

The terminal form uses rich (colour on a terminal, plain text when piped). The HTML form is one
standalone page with inline CSS and no external resources.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Literal

from ..i18n import DEFAULT_LANG, Lang, text
from ..rulebook.words import (
    conditions_sentences,
    deadline_sentence,
    join,
    party_sentence,
    region_name,
)
from .aspects import FieldChange
from .compare import NATIONAL, Cell, CellEntry, Matrix
from .diff import FileDiff, RuleChange, RuleRef
from .impact import ImpactSummary
from .lint import LintFinding, LintReport
from .review import Review, RuleReview

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

Format = Literal["terminal", "markdown", "json", "html"]
FORMATS: tuple[str, ...] = ("terminal", "markdown", "json", "html")
Result = FileDiff | Matrix | LintReport | Review

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "noted": "cyan", "info": "dim"}
STATE_KEYS = {
    "own": "rulebook.matrix.own",
    "inherited": "rulebook.matrix.inherited",
    "national": "rulebook.matrix.national_cell",
    "gap": "rulebook.matrix.adds_nothing",
}


def render(result: Result, fmt: Format) -> str:
    """The report as text in one of the file formats (not ``terminal``)."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return "\n".join(_markdown(result)) + "\n"
    if fmt == "html":
        if isinstance(result, Review):
            return review_html(result)
        title, body = _html(result)
        if isinstance(result, Matrix):
            return page(title, body, result.lang, CSS + MATRIX_CSS)
        return page(title, body, result.lang if isinstance(result, LintReport) else "en")
    raise ValueError(f"no text rendering for format {fmt!r}")


def print_terminal(result: Result, out: Console) -> None:
    for item in _terminal(result):
        out.print(item)


def _markdown(result: Result) -> list[str]:
    if isinstance(result, Review):
        return review_markdown(result)
    if isinstance(result, FileDiff):
        return diff_markdown(result)
    if isinstance(result, Matrix):
        return matrix_markdown(result)
    return lint_markdown(result)


def _html(result: FileDiff | Matrix | LintReport) -> tuple[str, str]:
    if isinstance(result, FileDiff):
        return f"Rule diff: {result.old_name} → {result.new_name}", diff_html(result)
    if isinstance(result, Matrix):
        return matrix_title(result), matrix_html(result)
    return text("lint.title", result.lang), lint_html(result)


def _terminal(result: Result) -> list[RenderableType]:
    if isinstance(result, Review):
        return review_terminal(result)
    if isinstance(result, FileDiff):
        return diff_terminal(result)
    if isinstance(result, Matrix):
        return matrix_terminal(result)
    return lint_terminal(result)


# --- shared pieces --------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _ref_text(ref: RuleRef) -> str:
    line = f", line {ref.line}" if ref.line else ""
    return f"{ref.id} ({ref.duty}{line}): {ref.title}"


def _entry_facts(entry: CellEntry, lang: Lang) -> list[tuple[str, str]]:
    """(label key, text) of an entry: deadline, responsible, convener, cost bearer, in ``lang``
    (from the rule itself; the English summaries when the entry has no rule). A deadline or cost
    bearer the rule does not give is left out."""
    rule = entry.compiled.rule if entry.compiled is not None else None
    if rule is None:
        found = [
            ("rulebook.matrix.deadline", entry.deadline),
            ("rulebook.matrix.responsible", entry.responsible),
            ("rulebook.matrix.convener", entry.convener),
            ("rulebook.matrix.cost_bearer", entry.cost_bearer),
        ]
    else:
        found = [
            ("rulebook.matrix.deadline", deadline_sentence(rule.deadline, lang)),
            (
                "rulebook.matrix.responsible",
                party_sentence(rule.responsible, lang) or text("rulebook.rule.not_named", lang),
            ),
            ("rulebook.matrix.convener", party_sentence(rule.convener, lang)),
            ("rulebook.matrix.cost_bearer", party_sentence(rule.cost_bearer, lang)),
        ]
    return [(key, value) for key, value in found if value]


def _entry_lines(entry: CellEntry, show_when: bool, lang: Lang) -> list[str]:
    title = [entry.compiled.rule.title] if show_when and entry.compiled is not None else []
    lines = title + [text(key, lang, value=value) for key, value in _entry_facts(entry, lang)]
    if show_when and entry.compiled is not None and entry.compiled.conditions:
        when = join(conditions_sentences(entry.compiled.conditions, lang), lang)
        lines.append(text("rulebook.matrix.when", lang, value=when))
    elif show_when and entry.conditions:
        lines.append(text("rulebook.matrix.when", lang, value=" and ".join(entry.conditions)))
    if entry.section:
        lines.append(text("rulebook.matrix.section", lang, value=entry.section))
    return lines


def cell_heading(cell: Cell, lang: Lang = DEFAULT_LANG) -> str:
    """What a cell is, in words: own rule, national law applies, the statute's rule, ..."""
    if cell.state == "gap":
        key = "rulebook.matrix.gap" if cell.region == NATIONAL else "rulebook.matrix.adds_nothing"
        return text(key, lang)
    return text(STATE_KEYS[cell.state], lang)


def cell_lines(cell: Cell, lang: Lang = DEFAULT_LANG) -> list[str]:
    """The text of a matrix cell, one line per fact, entries separated by a blank line."""
    lines: list[str] = [f"({cell_heading(cell, lang)})"] if cell.state != "own" else []
    for i, entry in enumerate(cell.entries):
        if i:
            lines.append("")
        lines += _entry_lines(entry, len(cell.entries) > 1, lang)
    if cell.differs:
        lines.append("≠ " + text("rulebook.matrix.differs", lang))
    if cell.note:
        lines.append(text("rulebook.matrix.idle", lang))
    return lines


# --- diff -----------------------------------------------------------------------------------


def diff_markdown(d: FileDiff) -> list[str]:
    out = [f"# Rule diff: `{d.old_name}` → `{d.new_name}`", ""]
    if d.same:
        return out + [f"No differences in meaning ({d.unchanged} rules compared)."]
    out.append(
        f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed, "
        f"{d.unchanged} unchanged rules; {len(d.file_changes)} file-level changes."
    )
    if d.file_changes:
        out += ["", "## File", ""] + [f"- {_md(c.text)}" for c in d.file_changes]
    if d.added:
        out += ["", "## Added rules", ""] + [f"- {_md(_ref_text(r))}" for r in d.added]
    if d.removed:
        out += ["", "## Removed rules", ""] + [f"- {_md(_ref_text(r))}" for r in d.removed]
    if d.changed:
        out += ["", "## Changed rules"]
        for change in d.changed:
            out += ["", f"### {change.label} ({change.new.duty})", ""]
            out += [f"- {_md(c.text)}" for c in change.changes]
    return out


def _changes_html(changes: Iterable[FieldChange]) -> str:
    items = "".join(f'<li data-field="{escape(c.field)}">{escape(c.text)}</li>' for c in changes)
    return f"<ul>{items}</ul>"


def _rule_change_html(change: RuleChange) -> str:
    return (
        f'<section class="rule" data-old="{escape(change.old.id)}" '
        f'data-new="{escape(change.new.id)}"><h3>{escape(change.label)} '
        f"<small>{escape(change.new.duty)}</small></h3>{_changes_html(change.changes)}</section>"
    )


def diff_html(d: FileDiff) -> str:
    parts = [
        f"<h1>Rule diff</h1><p><code>{escape(d.old_name)}</code> → "
        f"<code>{escape(d.new_name)}</code></p>"
    ]
    if d.same:
        parts.append(
            f'<p class="same">No differences in meaning ({d.unchanged} rules compared).</p>'
        )
        return "".join(parts)
    parts.append(
        f"<p>{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed, "
        f"{d.unchanged} unchanged rules.</p>"
    )
    if d.file_changes:
        parts.append(f"<h2>File</h2>{_changes_html(d.file_changes)}")
    for title, refs, css in (
        ("Added rules", d.added, "added"),
        ("Removed rules", d.removed, "removed"),
    ):
        if refs:
            items = "".join(f'<li class="{css}">{escape(_ref_text(r))}</li>' for r in refs)
            parts.append(f"<h2>{title}</h2><ul>{items}</ul>")
    if d.changed:
        parts.append("<h2>Changed rules</h2>" + "".join(_rule_change_html(c) for c in d.changed))
    return "".join(parts)


def diff_terminal(d: FileDiff) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = [Text.assemble(("diff ", "bold"), d.old_name, " → ", d.new_name)]
    if d.same:
        return out + [Text(f"no differences in meaning ({d.unchanged} rules compared)", "green")]
    if d.file_changes:
        out.append(Text("file", "bold"))
        out += [Text(f"  ~ {c.text}", "cyan") for c in d.file_changes]
    for title, refs, sign, style in (
        ("added rules", d.added, "+", "green"),
        ("removed rules", d.removed, "-", "red"),
    ):
        if refs:
            out.append(Text(title, "bold"))
            out += [Text(f"  {sign} {_ref_text(r)}", style) for r in refs]
    if d.changed:
        out.append(Text("changed rules", "bold"))
        for change in d.changed:
            out.append(Text(f"  ~ {change.label} ({change.new.duty})", "yellow"))
            out += [Text(f"      {c.text}") for c in change.changes]
    out.append(
        Text(
            f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed, "
            f"{d.unchanged} unchanged",
            "dim",
        )
    )
    return out


# --- compare --------------------------------------------------------------------------------


def region_label(region: str, lang: Lang = DEFAULT_LANG) -> str:
    """A column's heading: "Nationell lag", "Västra Götaland"."""
    if region == NATIONAL:
        return text("rulebook.matrix.national", lang)
    return region_name(region, lang)


def matrix_title(m: Matrix, lang: Lang | None = None) -> str:
    lang = lang or m.lang
    return text("rulebook.matrix.title", lang, on=m.on)


def matrix_intro(m: Matrix, lang: Lang | None = None) -> str:
    lang = lang or m.lang
    if m.lead is None:
        return text("rulebook.matrix.intro.national", lang)
    return text("rulebook.matrix.intro", lang, lead=region_label(m.lead, lang))


def matrix_markdown(m: Matrix, lang: Lang | None = None) -> list[str]:
    lang = lang or m.lang
    out = [f"# {matrix_title(m, lang)}", "", matrix_intro(m, lang), ""]
    duty = text("rulebook.matrix.duty", lang)
    out.append(f"| {duty} | " + " | ".join(region_label(r, lang) for r in m.regions) + " |")
    out.append("|---" * (len(m.regions) + 1) + "|")
    for d in m.duties:
        mark = " **≠**" if m.row_differs(d) else ""
        cells = [_md("\n".join(cell_lines(m.cell(d, r), lang))) for r in m.regions]
        out.append(f"| {_md(m.title(d))} (`{d}`){mark} | " + " | ".join(cells) + " |")
    return out


def _cell_html(cell: Cell, lang: Lang) -> str:
    classes = [cell.state] + (["differs"] if cell.differs else [])
    label = escape(region_label(cell.region, lang))
    lines = cell_lines(cell, lang)
    if cell.state != "own":
        lines = lines[1:]
    kind = f'<span class="kind">{escape(cell_heading(cell, lang))}</span>'
    body = "<br>".join(escape(line) if line else "<hr>" for line in lines)
    return (
        f'<td class="{" ".join(classes)}" data-duty="{escape(cell.duty)}" '
        f'data-region="{escape(cell.region)}" data-state="{cell.state}" '
        f'data-label="{label}">{kind}{"<br>" if body else ""}{body}</td>'
    )


def matrix_table(m: Matrix, lang: Lang | None = None) -> str:
    """The matrix as an HTML table: column and row headers with ``scope``, a caption, each cell
    labelled with its region (shown when the table is stacked on a narrow screen)."""
    lang = lang or m.lang
    head = "".join(f'<th scope="col">{escape(region_label(r, lang))}</th>' for r in m.regions)
    rows = []
    for duty in m.duties:
        css = ' class="differs"' if m.row_differs(duty) else ""
        cells = "".join(_cell_html(m.cell(duty, r), lang) for r in m.regions)
        section = m.row_section(duty)
        where = f'<br><span class="where">{escape(section)}</span>' if section else ""
        rows.append(
            f'<tr{css}><th scope="row">{escape(m.title(duty))}<br>'
            f"<code>{escape(duty)}</code>{where}</th>{cells}</tr>"
        )
    return (
        f'<table class="matrix"><caption class="visually-hidden">'
        f"{escape(matrix_title(m, lang))}</caption>"
        f'<thead><tr><th scope="col">{escape(text("rulebook.matrix.duty", lang))}</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def matrix_legend(lang: Lang = DEFAULT_LANG) -> str:
    items = "".join(
        f'<li><span class="swatch {k}"></span>{escape(text(v, lang))}</li>'
        for k, v in (
            ("own", "rulebook.matrix.own"),
            ("inherited", "rulebook.matrix.inherited"),
            ("gap", "rulebook.matrix.adds_nothing"),
            ("differs", "rulebook.matrix.differs"),
        )
    )
    label = escape(text("rulebook.matrix.legend", lang))
    return f'<ul class="legend" aria-label="{label}">{items}</ul>'


def matrix_html(m: Matrix, lang: Lang | None = None) -> str:
    lang = lang or m.lang
    return (
        f"<h1>{escape(matrix_title(m, lang))}</h1><p>{escape(matrix_intro(m, lang))}</p>"
        f"{matrix_legend(lang)}{matrix_table(m, lang)}"
    )


def matrix_terminal(m: Matrix, lang: Lang | None = None) -> list[RenderableType]:
    lang = lang or m.lang
    from rich.table import Table
    from rich.text import Text

    table = Table(title=matrix_title(m, lang), show_lines=True)
    table.add_column(text("rulebook.matrix.duty", lang), overflow="fold")
    for region in m.regions:
        table.add_column(region_label(region, lang), overflow="fold")
    for duty in m.duties:
        style = "bold yellow" if m.row_differs(duty) else "bold"
        row: list[RenderableType] = [Text(f"{m.title(duty)}\n{duty}", style)]
        for region in m.regions:
            cell = m.cell(duty, region)
            style = {"gap": "dim", "inherited": "dim"}.get(
                cell.state, "yellow" if cell.differs else ""
            )
            row.append(Text("\n".join(cell_lines(cell, lang)), style))
        table.add_row(*row)
    return [table, Text(matrix_intro(m, lang), "dim")]


# --- lint -----------------------------------------------------------------------------------


def _severity(severity: str, lang: Lang) -> str:
    return text(f"lint.severity.{severity}", lang)


def _summary(report: LintReport) -> str:
    counts = report.counts()
    n = len(report.files)
    files = text("lint.files.one" if n == 1 else "lint.files.many", report.lang, n=n)
    line = text(
        "lint.summary",
        report.lang,
        files=files,
        errors=counts["error"],
        warnings=counts["warning"],
        noted=counts["noted"],
        infos=counts["info"],
    )
    if report.hidden:
        line += " " + text("lint.hidden", report.lang, hidden=report.hidden)
    return line


def _lint_columns(lang: Lang) -> list[str]:
    return [text(f"lint.col.{c}", lang) for c in ("severity", "rule", "where", "message")]


def lint_markdown(report: LintReport) -> list[str]:
    lang = report.lang
    out = [f"# {text('lint.title', lang)}", "", _summary(report) + ".", ""]
    if not report.findings:
        return out + [text("lint.no_findings", lang)]
    out += ["| " + " | ".join(_lint_columns(lang)) + " |", "|---|---|---|---|"]
    for f in report.findings:
        out.append(
            f"| {_severity(f.severity, lang)} | {_md(f.rule_id or '')} | {_md(f.where)} "
            f"| {_md(f.message)} |"
        )
    return out


def _finding_html(f: LintFinding, lang: Lang) -> str:
    return (
        f'<tr class="{f.severity}" data-code="{escape(f.code)}">'
        f"<td>{escape(_severity(f.severity, lang))}</td>"
        f"<td>{escape(f.rule_id or '')}</td><td><code>{escape(f.where)}</code></td>"
        f"<td>{escape(f.message)}</td></tr>"
    )


def lint_html(report: LintReport) -> str:
    lang = report.lang
    head = f"<h1>{escape(text('lint.title', lang))}</h1><p>{escape(_summary(report))}.</p>"
    if not report.findings:
        return head + f'<p class="same">{escape(text("lint.no_findings", lang))}</p>'
    rows = "".join(_finding_html(f, lang) for f in report.findings)
    columns = "".join(f'<th scope="col">{escape(c)}</th>' for c in _lint_columns(lang))
    return (
        head + f'<table class="lint"><thead><tr>{columns}</tr></thead><tbody>{rows}</tbody></table>'
    )


def lint_terminal(report: LintReport) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = []
    for f in report.findings:
        rule = f" {f.rule_id}" if f.rule_id else ""
        out.append(
            Text.assemble(
                (f"{_severity(f.severity, report.lang):8}", SEVERITY_STYLE[f.severity]),
                f" {f.where}",
                (rule, "bold"),
                f": {f.message}",
            )
        )
    out.append(Text(_summary(report), "bold" if report.failed() else "green"))
    return out


# --- page -----------------------------------------------------------------------------------

CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em;color:#1d1d1f}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}h3{font-size:1.05em;margin-bottom:.2em}
code{font:13px ui-monospace,Menlo,Consolas,monospace}small{color:#666;font-weight:normal}
table{border-collapse:collapse;margin-top:1em}th,td{border:1px solid #ccc;padding:.4em .6em;
vertical-align:top;text-align:left}thead th{background:#f2f2f2;position:sticky;top:0}
td.inherited{color:#666;background:#fafafa}td.gap{color:#a00;background:#fff0f0}
td.own{background:#fff}td.differs,span.differs{background:#fff6d6}tr.differs>th{color:#8a5a00}
td hr{border:0;border-top:1px dashed #ccc;margin:.3em 0}.legend span{padding:0 .4em;
border:1px solid #ddd}span.inherited{color:#666}span.gap{color:#a00}
li.added{color:#065f12}li.removed{color:#a00}.same{color:#065f12}
tr.error td:first-child{color:#a00;font-weight:bold}tr.warning td:first-child{color:#8a5a00}
tr.info td:first-child{color:#666}tr.noted td:first-child{color:#0b5f75}
@media print{thead th{position:static}}
"""


MATRIX_CSS = """
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
table.matrix{width:100%;table-layout:fixed;border-collapse:collapse}
table.matrix caption{text-align:left;font-weight:bold;padding:.3em 0;caption-side:top}
table.matrix th,table.matrix td{overflow-wrap:anywhere;hyphens:auto;font-size:13px}
table.matrix thead th{background:#eef1f5;position:sticky;top:0;z-index:1}
table.matrix tbody th{background:#f8f9fb;font-weight:600}
table.matrix tbody th code{font-size:11px;color:#555;font-weight:normal}
table.matrix .where{font-size:11px;color:#555;font-weight:normal}
table.matrix td .kind{font-size:11px;text-transform:uppercase;letter-spacing:.03em;color:#555}
table.matrix td.own{background:#fff}table.matrix td.own .kind{color:#1a4f8b}
table.matrix td.inherited,table.matrix td.national{background:#f4f6f8;color:#333}
table.matrix td.gap{background:#fafafa;color:#555}
table.matrix td.differs{background:#fff6d6}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.2em;font-size:13px}
ul.legend .swatch{display:inline-block;width:1em;height:1em;border:1px solid #bbb;
vertical-align:-2px;margin-right:.35em}
.swatch.own{background:#fff}.swatch.inherited{background:#f4f6f8}.swatch.gap{background:#fafafa}
.swatch.differs{background:#fff6d6}
@media (max-width:700px){table.matrix,table.matrix tbody,table.matrix tr,table.matrix th,
table.matrix td{display:block;width:auto}table.matrix thead{position:absolute;width:1px;
height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.matrix tr{margin:0 0 1em;border:1px solid #ccc}
table.matrix td::before{content:attr(data-label);display:block;font-weight:bold}}
@media print{table.matrix thead th{position:static}}
"""
"""The matrix's styles (also the rulebook's): columns share the width (``table-layout: fixed``)
and long words wrap, so no column is ever cut; below 700 px each row stacks into a card whose
cells name their region."""


def page(title: str, body: str, lang: str = "en", css: str = CSS) -> str:
    """A standalone HTML page: inline CSS, no scripts, no external resources."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{css}</style></head>"
        f"<body>{body}</body></html>\n"
    )


# --- templates (review page, impact summary) ------------------------------------------------------


def template_page(name: str, lang: Lang, **context: object) -> str:
    """A standalone page from a Jinja2 template of ``legal/templates`` (autoescaped; ``t`` gives
    the catalogue's labels in ``lang``)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("placement_rules.legal", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def label(key: str, **fields: object) -> str:
        return text(key, lang, **fields)

    return env.get_template(name).render(lang=lang, t=label, **context)


# --- impact ---------------------------------------------------------------------------------------


def impact_lines(summary: ImpactSummary, lang: Lang) -> list[str]:
    """The impact summary as plain text lines."""
    out = [
        text(
            "impact.versions",
            lang,
            old=summary.old_name,
            new=summary.new_name,
            as_of=summary.as_of,
        ),
        text(
            "impact.counts",
            lang,
            cases=summary.cases,
            affected=summary.affected,
            not_reached=summary.not_reached,
            problems=summary.problems,
        ),
    ]
    data = summary.to_dict()
    if not summary.affected:
        return out + [text("impact.none", lang)]
    out.append(text("impact.per_duty", lang) + ":")
    for row in data["per_duty"]:
        detail = text(
            "impact.duty_detail",
            lang,
            added=row["added"],
            removed=row["removed"],
            changed=row["changed"],
        )
        out.append(f"  {row['duty']:50} {row['cases']:>6}  {detail}")
    out.append(text("impact.per_municipality", lang) + ":")
    out += [f"  {row['municipality']:50} {row['cases']:>6}" for row in data["per_municipality"]]
    return out


def impact_html(summary: ImpactSummary, lang: Lang) -> str:
    return template_page(
        "impact.html.j2",
        lang,
        title=text("impact.title", lang),
        summary=summary,
        data=summary.to_dict(),
    )


# --- review of a change ---------------------------------------------------------------------------


def _aspects_text(aspects: tuple[tuple[str, int | None], ...], lang: Lang) -> str:
    effect = {-1: "diff.effect.tightens", 1: "diff.effect.loosens", None: "diff.effect.other"}
    said = [
        f"{text(f'diff.aspect.{name}', lang)}: {text(effect[e], lang)}"
        for name, e in aspects
        if e != 0
    ]
    return f" ({', '.join(said)})" if said else ""


def _verdict_lines(rule: RuleReview, lang: Lang) -> list[str]:
    verdict = text(f"diff.verdict.{rule.verdict}", lang) + _aspects_text(rule.aspects, lang)
    key = "diff.against_old" if rule.kind == "changed" else "diff.against_instead"
    lines = [text(key, lang, verdict=verdict)]
    for base in rule.baseline:
        said = text(f"diff.verdict.{base.verdict}", lang) + _aspects_text(base.aspects, lang)
        if base.statute_rule:
            lines.append(text("diff.against_baseline", lang, rule=base.statute_rule, verdict=said))
        else:
            lines.append(text("diff.against_baseline_none", lang, verdict=said))
    return lines


def _quoted(words: str, lang: Lang) -> str:
    return f"”{words}”" if lang == "sv" else f"“{words}”"


def _quote_lines(rule: RuleReview, lang: Lang) -> list[str]:
    if rule.quote_old == rule.quote_new:
        if not rule.quote_new:
            return []
        return [f"{text('diff.quote', lang)}: {_quoted(rule.quote_new, lang)}"]
    lines = []
    if rule.quote_old:
        lines.append(f"{text('diff.quote_old', lang)}: {_quoted(rule.quote_old, lang)}")
    if rule.quote_new:
        lines.append(f"{text('diff.quote_new', lang)}: {_quoted(rule.quote_new, lang)}")
    return lines


def _field_changes(rule: RuleReview) -> list[FieldChange]:
    """The rule's changed fields but its quote (shown old and new in full) and its conditions
    (shown as sentences, :func:`_change_lines`)."""
    return [c for c in rule.changes if c.field not in ("quote", "conditions")]


def _change_lines(rule: RuleReview, lang: Lang) -> list[str]:
    """The rule's changes in words: the conditions as sentences, then the other fields."""
    parts = []
    if rule.conditions_added:
        items = "; ".join(_quoted(c, lang) for c in rule.conditions_added)
        parts.append(text("diff.set_added", lang, items=items))
    if rule.conditions_removed:
        items = "; ".join(_quoted(c, lang) for c in rule.conditions_removed)
        parts.append(text("diff.set_removed", lang, items=items))
    lines = [f"{text('diff.aspect.conditions', lang)}: {', '.join(parts)}"] if parts else []
    return lines + [c.say(lang) for c in _field_changes(rule)]


def _rule_heading(rule: RuleReview, lang: Lang) -> str:
    return f"{text(f'diff.kind.{rule.kind}', lang)} {rule.rule_id} ({rule.duty}): {rule.title}"


def _revision_lines(r: Review) -> list[str]:
    """Where each side comes from in git (nothing when neither side is a git revision)."""
    if r.old_revision is None and r.new_revision is None:
        return []
    out = []
    for side, revision in (("old", r.old_revision), ("new", r.new_revision)):
        name = text(f"diff.side.{side}", r.lang)
        if revision is None:
            out.append(text("diff.working_copy", r.lang, side=name))
        else:
            out.append(
                text(
                    "diff.revision",
                    r.lang,
                    side=name,
                    commit=revision.commit[:12],
                    author=revision.author,
                    date=revision.date,
                )
            )
    return out


def _review_summary(r: Review) -> str:
    d = r.diff
    if d.same:
        return text("diff.same", r.lang, n=d.unchanged)
    return text(
        "diff.summary",
        r.lang,
        added=len(d.added),
        removed=len(d.removed),
        changed=len(d.changed),
        unchanged=d.unchanged,
        file=len(d.file_changes),
    )


def _scenario_lines(r: Review) -> list[str]:
    lang = r.lang
    if not r.scenarios_checked and not r.scenarios_unreadable:
        return []
    out = [text("diff.scenarios", lang, n=len(r.scenarios), checked=r.scenarios_checked)]
    for s in r.scenarios:
        out.append(
            text(
                "diff.scenario",
                lang,
                title=s.title,
                path=s.path,
                before=text("diff.pass" if s.passed_before else "diff.fail", lang),
                after=text("diff.pass" if s.passes_after else "diff.fail", lang),
                duties=", ".join(s.duties) or "–",
            )
        )
    if r.scenarios_unreadable:
        out.append(text("diff.scenarios_unreadable", lang, n=r.scenarios_unreadable))
    return out


def review_terminal(r: Review) -> list[RenderableType]:
    from rich.text import Text

    lang = r.lang
    d = r.diff
    out: list[RenderableType] = [
        Text.assemble((text("diff.title", lang) + ": ", "bold"), d.old_name, " → ", d.new_name)
    ]
    out += [Text(line, "dim") for line in _revision_lines(r)]
    if "no-baseline" in r.notes:
        out.append(Text(text("diff.no_baseline", lang), "yellow"))
    if d.file_changes:
        out.append(Text(text("diff.file", lang), "bold"))
        out += [Text(f"  ~ {c.say(lang)}", "cyan") for c in d.file_changes]
    style = {"added": "green", "removed": "red", "changed": "yellow"}
    for rule in r.rules:
        out.append(Text(f"  {_rule_heading(rule, lang)}", style[rule.kind]))
        out += [Text(f"      {line}") for line in _verdict_lines(rule, lang)]
        out += [Text(f"      {line}") for line in _quote_lines(rule, lang)]
        out += [Text(f"      {line}", "dim") for line in _change_lines(rule, lang)]
    out += [Text(line, "bold" if i == 0 else "") for i, line in enumerate(_scenario_lines(r))]
    out.append(Text(_review_summary(r), "green" if d.same else "dim"))
    return out


def review_markdown(r: Review) -> list[str]:
    lang = r.lang
    d = r.diff
    out = [f"# {text('diff.title', lang)}: `{d.old_name}` → `{d.new_name}`", ""]
    revisions = [f"- {_md(line)}" for line in _revision_lines(r)]
    out += [*revisions, ""] if revisions else []
    out.append(_review_summary(r))
    if d.file_changes:
        out += ["", f"## {text('diff.file', lang)}", ""]
        out += [f"- {_md(c.say(lang))}" for c in d.file_changes]
    if r.rules:
        out += ["", f"## {text('diff.rules', lang)}"]
    for rule in r.rules:
        out += ["", f"### {_md(_rule_heading(rule, lang))}", ""]
        out += [f"- **{_md(line)}**" for line in _verdict_lines(rule, lang)]
        out += [f"- {_md(line)}" for line in _quote_lines(rule, lang)]
        out += [f"- {_md(line)}" for line in _change_lines(rule, lang)]
    scenarios = _scenario_lines(r)
    if scenarios:
        out += ["", f"## {_md(scenarios[0])}", ""] + [f"- {_md(s)}" for s in scenarios[1:]]
    return out


def review_html(r: Review) -> str:
    lang = r.lang
    rules = [
        {
            "rule": rule,
            "heading": _rule_heading(rule, lang),
            "verdicts": _verdict_lines(rule, lang),
            "changes": _change_lines(rule, lang),
        }
        for rule in r.rules
    ]
    scenarios = _scenario_lines(r)
    return template_page(
        "review.html.j2",
        lang,
        title=f"{text('diff.title', lang)}: {r.diff.old_name} → {r.diff.new_name}",
        review=r,
        diff=r.diff,
        revisions=_revision_lines(r),
        summary=_review_summary(r),
        files=[c.say(lang) for c in r.diff.file_changes],
        rules=rules,
        scenario_heading=scenarios[0] if scenarios else None,
        scenario_lines=scenarios[1:],
        no_baseline="no-baseline" in r.notes,
    )
