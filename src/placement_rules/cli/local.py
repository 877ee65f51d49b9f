"""``placement-rules conformance LOCAL``: check that a local routine only tightens or adds.

Exit codes: 0 when the routine conforms, 1 when it loosens its base (the findings are listed),
2 with one line on stderr when a file cannot be loaded or is not a local routine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from ._common import HANDLED, format_option, handle

if TYPE_CHECKING:
    from ..i18n import Lang


@click.command("conformance")
@format_option("text", "json")
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the messages: Swedish (sv) or English (en).",
)
@click.argument("local_file", type=click.Path(dir_okay=False, path_type=Path))
def conformance(fmt: str, lang: str, local_file: Path) -> None:
    """Check LOCAL_FILE (kind: local) against the files it extends: it may tighten or add,
    never loosen (later deadline, vague for dated, another principal, a dropped duty...)."""
    from ..legal.conformance import check_file

    try:
        report = check_file(local_file, lang=cast("Lang", lang))
    except HANDLED as exc:
        handle(exc)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.summary())
        for finding in report.findings:
            click.echo(f"  - {finding.describe(report.lang)}")
    sys.exit(0 if report.ok else 1)


def register(group: click.Group) -> None:
    """Add the ``conformance`` command to the main command group."""
    group.add_command(conformance)
