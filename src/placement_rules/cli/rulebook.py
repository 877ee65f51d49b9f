"""``placement-rules rulebook -o DIR``: build the rulebook, a static site (Swedish by default).

Exit codes: 0 when the site was written, 2 with one line on stderr when a rule file cannot be
loaded or the folder cannot be written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import click

from ._common import RULES_DIR_OPTION, friendly_errors, parse_date


@click.command("rulebook")
@click.option(
    "--output",
    "-o",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site to (created if missing; its pages are overwritten).",
)
@click.option(
    "--on",
    default=None,
    help="Date of the agreements' status and the matrix (YYYY-MM-DD; default: today).",
)
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the pages.",
)
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the source texts shown beside the rules "
    "(default: $PLACEMENT_RULES_SHARED, else ../shared beside the checkout).",
)
@RULES_DIR_OPTION
@friendly_errors
def rulebook(
    out: Path, on: str | None, lang: str, shared: Path | None, rules_dir: Path | None
) -> None:
    """Build the rulebook into OUT: per region the agreement's sections in source order with
    the source text beside the rules, the dated national baseline, the duty x region matrix
    and a search page."""
    from ..i18n import Lang
    from ..rulebook.site import build_site, write_site

    day = parse_date(on, param_hint="--on") if on else dt.date.today()
    pages = build_site(rules_dir, day, cast("Lang", lang), shared)
    written = write_site(pages, out)
    click.echo(f"{len(written)} pages written to {out}")


def register(group: click.Group) -> None:
    """Add the ``rulebook`` command to the main command group."""
    group.add_command(rulebook)
