"""What every command-line module shares: the rules-folder option and one-line errors."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import PlacementRulesError

F = TypeVar("F", bound=Callable[..., Any])

RULES_DIR_OPTION = click.option(
    "--rules-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of rule files (default: the bundled rules).",
)


def friendly_errors(func: F) -> F:
    """The library's errors (and unreadable or unwritable files) as one line on stderr and
    exit code 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (PlacementRulesError, OSError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def parse_date(value: str, param_hint: str | None = None) -> dt.date:
    """A command-line date (YYYY-MM-DD), or a usage error naming the value."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a date (YYYY-MM-DD)", param_hint=param_hint
        ) from None
