"""Command-line interface: ``placement-rules evaluate|validate|status|diff|lint|track|...``.

One module per command group (:mod:`.core`, :mod:`.legal`, :mod:`.local`,
:mod:`.tracking`, :mod:`.service`, :mod:`.rulebook`), each adding its commands to :func:`cli`.
One error policy
covers every command (:class:`_Commands`): errors in input (a rule file, an event) and
unreadable or unwritable files print one line naming where and what and exit with 2, an
interrupt prints one line and exits 130 (SIGINT) or 143 (SIGTERM), never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from . import core, legal, local, rulebook, service, tracking
from ._common import (
    HANDLED,
    flush_stdout,
    guard_stdout,
    handle,
    sigterm_raises,
    without_values,
)


class _Commands(click.Group):
    """The command group: every subcommand runs under :func:`._common.handle`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # the group's own options: reworded, as in handle
            raise without_values(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (*HANDLED, click.UsageError) as exc:
            handle(exc)  # a usage error stays click's, unless the command writes JSON


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="placement-rules")
def cli() -> None:
    """Executable rules for Swedish regional agreements on children placed outside the home."""


for _module in (core, local, legal, tracking, service, rulebook):
    _module.register(cli)


def main() -> None:
    guard_stdout()
    with sigterm_raises():
        try:
            cli(prog_name="placement-rules")
        except SystemExit:
            flush_stdout()
            raise
        except HANDLED as exc:  # raised outside a command (while parsing arguments)
            handle(exc)
