"""``placement-rules serve``: the HTTP service on uvicorn (extra ``[service]``)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import click

from ._common import RULES_DIR_OPTION, Terminated, friendly_errors

_RULES_DIR_ENV = "PLACEMENT_RULES_SERVICE_RULES_DIR"
_SETTINGS_ENV = "PLACEMENT_RULES_SERVICE_SETTINGS"
_FACTORY = "placement_rules.cli.service:app_from_environment"


def app_from_environment() -> object:
    """The app for uvicorn's factory mode (several workers import it by name): the rules
    folder and settings from the environment ``serve`` sets."""
    from ..service import ServiceSettings, create_app

    folder = os.environ.get(_RULES_DIR_ENV)
    settings = ServiceSettings.model_validate_json(os.environ.get(_SETTINGS_ENV) or "{}")
    return create_app(Path(folder) if folder else None, settings=settings)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="An origin allowed by CORS (repeat for several; default: no CORS).",
)
@click.option(
    "--admin-reload/--no-admin-reload",
    default=False,
    show_default=True,
    help="Serve POST /v1/admin/reload (SIGHUP always reloads).",
)
@click.option(
    "--timeout", "timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1)
)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
@RULES_DIR_OPTION
@friendly_errors
def serve(
    host: str,
    port: int,
    workers: int,
    cors_origins: tuple[str, ...],
    admin_reload: bool,
    timeout: float,
    access_log: bool,
    rules_dir: Path | None,
) -> None:
    """Serve the rules over HTTP (FastAPI on uvicorn; see docs/service.md)."""
    try:
        import uvicorn
    except ImportError:
        raise click.UsageError(
            "the service needs the extra [service]: pip install 'placement-rules[service]'"
        ) from None
    from ..service import ServiceSettings

    settings = ServiceSettings(
        cors_origins=cors_origins, admin_reload=admin_reload, request_timeout_seconds=timeout
    )
    if rules_dir is not None:
        from ..regions import region_files

        region_files(rules_dir)  # an unreadable folder fails here, in one line
        os.environ[_RULES_DIR_ENV] = str(rules_dir.resolve())
    os.environ[_SETTINGS_ENV] = settings.model_dump_json()
    _check_address(host, port)
    # One worker: the app is built here, so a broken rule file fails before the port is bound.
    # Several: each worker process builds its own from the environment set above.
    target: object = app_from_environment() if workers == 1 else _FACTORY
    # uvicorn shuts down cleanly on SIGINT or SIGTERM, then re-raises it: a normal stop.
    with contextlib.suppress(KeyboardInterrupt, Terminated):
        uvicorn.run(
            target,  # type: ignore[arg-type]
            factory=workers > 1,
            host=host,
            port=port,
            workers=workers,
            access_log=False,
            log_config=_log_config(access_log),
            server_header=False,
        )


def _check_address(host: str, port: int) -> None:
    """An address that cannot be bound (in use, not this machine's) fails here in one line and
    exit 2, before uvicorn would print its own lines and exit 3."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise OSError(exc.errno, f"cannot listen there: {reason}", f"{host}:{port}") from None


def _log_config(access_log: bool) -> dict[str, object]:
    """uvicorn's own access log is off (it shows query strings); the service's logs method,
    path, status and time."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "placement_rules.service": {
                "handlers": ["stderr"],
                "level": "INFO",
                "propagate": False,
            },
            "placement_rules.service.access": {
                "handlers": ["stderr"] if access_log else [],
                "level": "INFO" if access_log else "WARNING",
                "propagate": False,
            },
        },
    }


def register(group: click.Group) -> None:
    """Add ``serve`` to the command group."""
    group.add_command(serve)
