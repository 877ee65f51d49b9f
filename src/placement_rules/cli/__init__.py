"""Command-line interface: ``placement-rules evaluate|validate|status|diff|lint|track|...``.

One module per command group (:mod:`.core`, :mod:`.legal`, :mod:`.local`,
:mod:`.tracking`), each adding its commands to :func:`cli`. Errors in input (a rule file, an
event) print one line naming where and what, and exit with 2.
"""

from __future__ import annotations

import click

from . import core, legal, local, tracking


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="placement-rules")
def cli() -> None:
    """Executable rules for Swedish regional agreements on children placed outside the home."""


for _module in (core, local, legal, tracking):
    _module.register(cli)


def main() -> None:
    cli(prog_name="placement-rules")
