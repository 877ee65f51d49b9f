"""The HTTP service: FastAPI, versioned paths under ``/v1``, answers in the result contract.

``create_app`` loads every region's rules once; nothing is loaded or cached on a request, so any
number of workers or replicas can serve behind a load balancer. The rules are reloaded only on
an explicit signal: SIGHUP (in a single process; with ``--workers`` uvicorn's supervisor
answers SIGHUP by restarting its workers, which load them afresh), or ``POST /v1/admin/reload``
when :attr:`ServiceSettings.admin_reload` is on (off by default).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import PlacementRulesError
from ..i18n import lang_of
from ..rulebook.router import router as rulebook_router
from ..ruleset import RuleSet
from ..web.form import router as people_router
from .openapi import openapi_document
from .problems import PROBLEM_JSON, FieldError, ProblemError, from_library_error, problem_bytes
from .routes import router
from .settings import ServiceSettings
from .state import Loaded, load

__all__ = ["create_app"]

ACCESS_LOG = logging.getLogger("placement_rules.service.access")
"""One line a request: method, path (never the query), status, milliseconds."""
VERSION_HEADER = "X-Placement-Rules-Version"
DIGEST_HEADER = "X-Rules-Digest"

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 406: "not_acceptable"}


def create_app(
    rules_dir: Path | None = None, *, settings: ServiceSettings | None = None
) -> FastAPI:
    """The service over the rules of ``rules_dir`` (default: the bundled rules)."""
    settings = settings or ServiceSettings()
    loaded = load(rules_dir)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with _reload_on_sighup(app), _long_lived_heap():
            yield

    app = FastAPI(
        title="placement-rules",
        version=__version__,
        summary="Duties that placements of children outside the home create, by region.",
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.loaded = loaded
    app.include_router(router)
    app.include_router(people_router(rules=_loaded_regions))  # the web page for people
    app.include_router(rulebook_router(rules_dir))
    app.openapi = functools.partial(openapi_document, app)  # type: ignore[method-assign]
    _add_error_handlers(app)
    app.add_middleware(_HeadersAndAccessLog)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept-Language"],
            expose_headers=[VERSION_HEADER, DIGEST_HEADER],
        )
    return app


def _loaded_regions(request: Request) -> Mapping[str, RuleSet]:
    """The rule sets the service answers from now (the web form reads them per request)."""
    loaded: Loaded = request.app.state.loaded
    return loaded.regions


def reload_rules(app: FastAPI) -> Loaded:
    """Load the rules afresh and swap them in whole (a failed load keeps the old rules)."""
    rules_dir = app.state.loaded.rules_dir  # no reference to the rules in use is kept here
    frozen = gc.get_freeze_count() > 0
    if frozen:
        gc.unfreeze()  # the rules in use become collectable once the fresh ones replace them
    try:
        fresh = load(rules_dir)
        app.state.loaded = fresh
    finally:
        if frozen:
            gc.collect()
            gc.freeze()
    return fresh


@contextlib.contextmanager
def _long_lived_heap() -> Iterator[None]:
    """While the app serves: what is alive at start (the loaded rules, their encoders and
    memos, the imported modules) is moved out of the collector's generations (``gc.freeze``),
    so that its collections of each request's garbage do not walk the rules again and again
    (measured: 10% of the in-process rate, bench/bench_service.py). Undone on shutdown."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _reload_on_sighup(app: FastAPI) -> Any:
    """While the app runs in a process's main thread: SIGHUP reloads the rules."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGHUP"):
        yield
        return

    def on_hup(signum: int, frame: object) -> None:
        try:
            reload_rules(app)
            logging.getLogger("placement_rules.service").info("rules reloaded (SIGHUP)")
        except PlacementRulesError:
            logging.getLogger("placement_rules.service").error(
                "reload failed (SIGHUP): the rules in use are kept"
            )

    previous = signal.signal(signal.SIGHUP, on_hup)
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)


def route_path(scope: Scope) -> str | None:
    """The template of the route the request matched (``/v1/regions/{region}/status``), or None
    when none did. Logs and problems name it, never the path as sent: a path segment is input
    (a region, a page name) and may hold anything."""
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else None


class _HeadersAndAccessLog:
    """Pure ASGI middleware: the version and rules-digest headers on every answer, and one
    access-log line a request (method, path, status, milliseconds; never the query or body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers[VERSION_HEADER] = __version__
                if DIGEST_HEADER not in headers:
                    loaded: Loaded = scope["app"].state.loaded
                    headers[DIGEST_HEADER] = loaded.all_digest
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            if ACCESS_LOG.isEnabledFor(logging.INFO):
                ACCESS_LOG.info(
                    "%s %s %d %.1fms",
                    scope["method"],
                    route_path(scope) or "(no route)",
                    status,
                    (time.perf_counter() - start) * 1000,
                )


def _respond(request: Request, problem: ProblemError) -> Response:
    lang = lang_of(request.headers.get("accept-language"))
    template = route_path(request.scope)  # a path with parameters is left out (it is input)
    instance = template if template is not None and "{" not in template else None
    body = problem_bytes(problem.problem(lang, instance))
    return Response(
        body,
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers={"Content-Language": lang, **problem.headers},
    )


def _add_error_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProblemError)
        return _respond(request, exc)

    async def on_library(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PlacementRulesError)
        return _respond(request, from_library_error(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, "invalid_input")
        headers = dict(exc.headers or {})
        return _respond(request, ProblemError(exc.status_code, code, None, (), headers))

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [
            FieldError(
                location=".".join(str(p) for p in err["loc"][:2]),
                code=str(err["type"]),
                message=str(err["msg"]),
            )
            for err in exc.errors()
        ]
        return _respond(request, ProblemError(422, "invalid_input", "invalid parameters", errors))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        logging.getLogger("placement_rules.service").error(
            "internal error (%s) on %s %s",
            type(exc).__name__,
            request.method,
            route_path(request.scope) or "(no route)",
        )
        return _respond(request, ProblemError(500, "internal"))

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(PlacementRulesError, on_library)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
