"""Readable terminal rendering of results (rich: colour on a terminal, plain text when piped)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..results import Evaluation, Obligation

if TYPE_CHECKING:
    from rich.console import Console


def console() -> Console:
    from rich.console import Console

    out = Console(highlight=False, soft_wrap=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out = Console(highlight=False, soft_wrap=False, width=140)
    return out


def deadline_cell(o: Obligation) -> str:
    parts = []
    if o.due is not None:
        text = o.due.isoformat()
        if o.deadline_meaning == "limit":
            text = "ends by " + text
        if o.rolled_forward_from is not None:
            text += f" (rolled from {o.rolled_forward_from})"
        if o.due_on_non_working_day:
            text += " (non-working day)"
        parts.append(text)
    if o.vague:
        parts.append(o.vague.split(" (")[0])
    if not parts:
        return "-"
    if o.statutory is not None:
        parts.append("statutory" if o.statutory else "agreement")
    return "\n".join(parts)


def _reasons(o: Obligation) -> list[str]:
    """Why it applies, less what the header already says (the event, the agreement's term)."""
    return [b for b in o.because[1:] if not b.startswith("agreement ")]


def render_evaluation(result: Evaluation, out: Console | None = None) -> None:
    from rich.table import Table

    out = out or console()
    out.print(
        f"[bold]{result.region}[/bold] · {result.event_kind} on {result.event_date} · "
        f"law in force: {result.law_in_force}"
    )
    for status in result.agreements:
        out.print(f"  agreement {status.agreement_id}: {status.describe()}")
    if not result.in_scope:
        out.print("[yellow]outside the regional agreement's scope:[/yellow]")
        for reason in result.scope_reasons:
            out.print(f"  - {reason}")
    for part in result.scope_parts:
        if not part.in_scope:
            out.print(f"[yellow]outside {part.label} of the agreement:[/yellow]")
            for reason in part.reasons:
                out.print(f"  - {reason}")
    for warning in result.warnings:
        out.print(f"[yellow]warning:[/yellow] {warning}")
    table = Table(show_lines=True, expand=False)
    for column in ("due", "duty", "responsible", "cost bearer", "basis and source"):
        table.add_column(column, overflow="fold")
    for o in result.obligations:
        who = o.responsible_text
        if o.convener is not None:
            who += f"\nconvenes: {o.convener.describe()}"
        cost = o.cost_bearer.describe() if o.cost_bearer else "-"
        if o.cost_note:
            cost += f"\n{o.cost_note}"
        basis = "; ".join(o.legal_basis)
        source = f"{o.source_name} {o.source.section}"
        if o.source.quote:
            source += f': "{o.source.quote}"'
        table.add_row(
            deadline_cell(o),
            "\n".join(
                [
                    f"[bold]{o.title}[/bold]",
                    f"[dim]{o.rule_id} ({o.origin})[/dim]",
                    *(f"· {b}" for b in _reasons(o)),
                ]
            ),
            who,
            cost,
            f"{basis}\n{source}" if basis else source,
        )
    if result.obligations:
        out.print(table)
    else:
        out.print("no obligations")
    for na in result.not_applied:
        out.print(f"[dim]not applied: {na.rule_id}: {na.reason}[/dim]")
