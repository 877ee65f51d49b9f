"""The service's endpoints under ``/v1``, and the health checks."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, Literal, TypeVar

import anyio.to_thread
from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from .. import __version__
from ..contract import SCHEMA_VERSION, explanation, verify_answer
from ..contract.encode import agreement_json
from ..errors import PlacementRulesError
from ..events import REGION_ID
from ..i18n import Lang, lang_of
from ..limits import COMMAND_DATE_MAX, COMMAND_DATE_MIN
from ..pipeline import evaluate_data, track_data
from .inputs import parse_json, parse_ndjson, read_body, too_many
from .openapi import ref
from .problems import FieldError, ProblemError, from_library_error
from .serialize import dumps
from .settings import ServiceSettings
from .state import Loaded

__all__ = ["router"]

JSON = "application/json"
NDJSON = "application/x-ndjson"
DIGEST_HEADER = "X-Rules-Digest"

T = TypeVar("T")


def _known_query(request: Request) -> None:
    """Refuse a query parameter the endpoint does not know (named as ``<unknown key>``)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    known = {p.alias for p in dependant.query_params} if dependant is not None else set()
    unknown = [key for key in request.query_params if key not in known]
    if unknown:
        takes = f"known: {', '.join(sorted(known))}" if known else "this path takes none"
        raise ProblemError(
            422,
            "invalid_input",
            f"{len(unknown)} unknown query parameter(s) ({takes})",
            [
                FieldError(
                    location="query.<unknown key>",
                    code="extra_forbidden",
                    message="unknown parameter",
                )
                for _ in unknown[:20]
            ],
        )


router = APIRouter()

RegionPath = Annotated[
    str, Path(pattern=f"^{REGION_ID.pattern}$", description="A region id (vastra_gotaland).")
]
RegionQuery = Annotated[
    str | None,
    Query(
        pattern=f"^{REGION_ID.pattern}$",
        description="The rule set to apply (default: the event's home_region).",
    ),
]
Detail = Annotated[
    Literal["compact", "full"],
    Query(description="full: every text; compact: codes, dates, parties, rule ids."),
]
Explain = Annotated[
    bool,
    Query(
        description="true: add the explanation: for each rule of the event's kind that did not "
        "apply, the reason as codes and a label; why the answer is empty (labels in the "
        "language of Accept-Language: Swedish by default, English on request)."
    ),
]
DateQuery = Annotated[str, Query(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description="YYYY-MM-DD")]


def _doc(
    ok: dict[str, Any] | None = None,
    *,
    body: dict[str, Any] | None = None,
    media: str = JSON,
    problems: tuple[int, ...] = (),
) -> dict[str, Any]:
    """The OpenAPI parts FastAPI cannot infer: the body the service reads itself, the answer's
    schema, and the problems it may answer (``application/problem+json``)."""
    extra: dict[str, Any] = {"responses": {}}
    if body is not None:
        extra["requestBody"] = {"required": True, "content": body}
    if ok is not None:
        extra["responses"]["200"] = {"description": "OK", "content": {media: {"schema": ok}}}
    for status in problems:
        extra["responses"][str(status)] = {"description": "A problem (RFC 9457)."}
    return extra


_EVALUATION = {
    "oneOf": [ref("EvaluationAnswer"), ref("CompactEvaluationAnswer")],
    "discriminator": {
        "propertyName": "detail",
        "mapping": {
            "full": "#/components/schemas/EvaluationAnswer",
            "compact": "#/components/schemas/CompactEvaluationAnswer",
        },
    },
}
_BODY_PROBLEMS = (400, 404, 413, 422)


def _loaded(request: Request) -> Loaded:
    loaded: Loaded = request.app.state.loaded
    return loaded


def _settings(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings


def _json(data: Any, digest: str | None = None, status: int = 200) -> Response:
    headers = {DIGEST_HEADER: digest} if digest else None
    return Response(dumps(data), status_code=status, media_type=JSON, headers=headers)


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _day(value: str, name: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or not COMMAND_DATE_MIN <= day <= COMMAND_DATE_MAX:
        error = FieldError(
            location=f"query.{name}",
            code="date",
            message=f"a date (YYYY-MM-DD) between {COMMAND_DATE_MIN} and {COMMAND_DATE_MAX}",
        )
        raise ProblemError(422, "invalid_input", f"{name}: not a date in range", [error])
    return day


def _region(loaded: Loaded, region: str, status: int = 404) -> Any:
    rules = loaded.regions.get(region)
    if rules is None:
        raise ProblemError(
            status,
            "unknown_region",
            f"no rule file for this region (known: {', '.join(loaded.regions)})",
        )
    return rules


async def _in_thread(request: Request, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread under the request time limit (503 when over it)."""
    limit = _settings(request).request_timeout_seconds
    try:
        return await asyncio.wait_for(anyio.to_thread.run_sync(work), timeout=limit)
    except TimeoutError:
        raise ProblemError(503, "timeout", f"no answer within {limit:g} seconds") from None


# --- health and version ---------------------------------------------------------------------


@router.get(
    "/healthz", tags=["health"], summary="The process is alive.", openapi_extra=_doc(ref("Health"))
)
async def healthz(request: Request) -> Response:
    _known_query(request)
    return _json({"status": "ok"})


@router.get(
    "/readyz",
    tags=["health"],
    summary="The rules are loaded; requests are answered.",
    openapi_extra=_doc(ref("Ready")),
)
async def readyz(request: Request) -> Response:
    _known_query(request)
    loaded = _loaded(request)
    return _json(
        {"status": "ready", "regions": len(loaded.regions), "rules_digest": loaded.all_digest}
    )


@router.get(
    "/v1/version",
    tags=["meta"],
    summary="Package, contract and rules versions.",
    openapi_extra=_doc(ref("VersionInfo")),
)
async def version(request: Request) -> Response:
    _known_query(request)
    loaded = _loaded(request)
    return _json(
        {
            "package_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "rules_digest": loaded.all_digest,
            "loaded_at": loaded.loaded_at.isoformat(),
        }
    )


@router.get(
    "/v1/schemas",
    tags=["meta"],
    summary="The names of the contract's JSON Schemas.",
    openapi_extra=_doc(ref("SchemaList")),
)
async def schemas(request: Request) -> Response:
    _known_query(request)
    names = list(_loaded(request).schemas)
    return _json({"schema_version": SCHEMA_VERSION, "schemas": names})


@router.get(
    "/v1/schemas/{name}",
    tags=["meta"],
    summary="One JSON Schema of the contract (event, evaluation, tracking, error...).",
    openapi_extra=_doc({"type": "object"}, media="application/schema+json", problems=(404,)),
)
async def schema(
    request: Request, name: Annotated[str, Path(pattern="^[a-z-]{1,40}$")]
) -> Response:
    _known_query(request)
    found = _loaded(request).schemas.get(name)
    if found is None:
        raise ProblemError(404, "not_found", "no such schema (see /v1/schemas)")
    return Response(found, media_type="application/schema+json")


# --- regions ---------------------------------------------------------------------------------


@router.get(
    "/v1/regions",
    tags=["regions"],
    summary="The regions with rule files.",
    openapi_extra=_doc({"type": "array", "items": ref("RegionInfo")}),
)
async def regions(request: Request) -> Response:
    _known_query(request)
    loaded = _loaded(request)
    body = [
        {
            "region": region,
            "name": rules.name,
            "kind": rules.top.model.kind,
            "rules": len(rules.rules),
            "chain_digest": loaded.digests[region],
        }
        for region, rules in loaded.regions.items()
    ]
    return _json(body)


@router.get(
    "/v1/regions/{region}/status",
    tags=["regions"],
    summary="Whether the region's agreements are in force on a date, under which term.",
    openapi_extra=_doc(ref("RegionStatus"), problems=(404, 422)),
)
async def region_status(request: Request, region: RegionPath, on: DateQuery) -> Response:
    _known_query(request)
    loaded = _loaded(request)
    rules = _region(loaded, region)
    day = _day(on, "on")
    found = rules.agreements_on(day)
    agreements = ",".join(agreement_json(s) for s in found.statuses)
    text = (
        f'{{"region":"{region}","on":"{day.isoformat()}",'
        f'"law_in_force":{_text(rules.law_in_force(day))},"agreements":[{agreements}],'
        f'"warnings":{_text(list(found.warnings))}}}'
    )
    return Response(
        text.encode("utf-8"), media_type=JSON, headers={DIGEST_HEADER: loaded.digests[region]}
    )


@router.get(
    "/v1/regions/{region}/rules",
    tags=["regions"],
    summary="The region's chain of rule files as JSON, each with its digest.",
    openapi_extra=_doc(ref("RulesDocument"), problems=(404,)),
)
async def region_rules(request: Request, region: RegionPath) -> Response:
    _known_query(request)
    loaded = _loaded(request)
    _region(loaded, region)
    return Response(
        loaded.views[region].rules_document,
        media_type=JSON,
        headers={DIGEST_HEADER: loaded.digests[region]},
    )


# --- evaluate --------------------------------------------------------------------------------


@router.post(
    "/v1/evaluate",
    tags=["evaluate"],
    summary="The obligations one event creates, with a receipt.",
    openapi_extra=_doc(_EVALUATION, body={JSON: {"schema": ref("Event")}}, problems=_BODY_PROBLEMS),
)
async def evaluate_one(
    request: Request, region: RegionQuery = None, detail: Detail = "full", explain: Explain = False
) -> Response:
    _known_query(request)
    settings, loaded = _settings(request), _loaded(request)
    data = parse_json(await read_body(request, settings.max_body_bytes), settings.max_body_bytes)
    rules, event, result = evaluate_data(data, "body", region, loaded.rule_sets)
    explained = None
    if explain:
        lang = lang_of(request.headers.get("accept-language"))
        explained = explanation(rules, event, result, lang)
    body = loaded.views[rules.region].encoder.evaluation_bytes(event, result, detail, explained)
    return Response(body, media_type=JSON, headers={DIGEST_HEADER: loaded.digests[rules.region]})


@router.post(
    "/v1/evaluate/batch",
    tags=["evaluate"],
    summary="Many events (a JSON array, or JSON Lines): one answer a line, streamed.",
    openapi_extra=_doc(
        {"type": "string", "description": "One JSON object a line: an answer or a problem."},
        body={
            JSON: {
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "description": "An event (schema Event), validated one by one: an "
                        "invalid one gets a problem line, the others their answers.",
                    },
                }
            },
            NDJSON: {"schema": {"type": "string"}},
        },
        media=NDJSON,
        problems=_BODY_PROBLEMS,
    ),
)
async def evaluate_batch(
    request: Request, region: RegionQuery = None, detail: Detail = "full", explain: Explain = False
) -> StreamingResponse:
    _known_query(request)
    settings, loaded = _settings(request), _loaded(request)
    body = await read_body(request, settings.max_batch_bytes)
    limit = settings.max_batch_events
    media = request.headers.get("content-type", JSON).split(";")[0].strip().lower()
    if media in (NDJSON, "application/jsonl", "application/ndjson"):
        items = parse_ndjson(body, settings.max_body_bytes, limit)
    else:
        items = parse_json(body, settings.max_batch_bytes, nesting=1, items=limit)
        if not isinstance(items, list):
            raise ProblemError(
                422,
                "invalid_input",
                "a batch is a JSON array of events",
                [FieldError(location="body", code="type", message="a JSON array of events")],
            )
        if len(items) > limit:
            raise too_many(limit)
    if not all(isinstance(item, dict) for item in items):
        raise ProblemError(
            422,
            "invalid_input",
            "every item of a batch is an event: a JSON object",
            [FieldError(location="body", code="type", message="JSON objects only")],
        )
    if region is not None:
        _region(loaded, region, status=422)
    deadline = time.monotonic() + settings.request_timeout_seconds
    lang = lang_of(request.headers.get("accept-language"))

    async def lines() -> AsyncIterator[bytes]:
        chunk: list[bytes] = []
        for index, item in enumerate(items):
            if time.monotonic() > deadline:
                yield _batch_problem(index, ProblemError(503, "timeout", "batch cut short"), lang)
                return
            where = f"body[{index}]"
            try:
                rules, event, result = evaluate_data(item, where, region, loaded.rule_sets)
                explained = explanation(rules, event, result, lang) if explain else None
                answer = loaded.views[rules.region].encoder.evaluation_bytes(
                    event, result, detail, explained
                )
                chunk.append(b'{"index":%d,"answer":%s}\n' % (index, answer))
            except PlacementRulesError as exc:
                chunk.append(_batch_problem(index, from_library_error(exc, where), lang))
            if len(chunk) >= 64:
                yield b"".join(chunk)
                chunk = []
                await asyncio.sleep(0)
        if chunk:
            yield b"".join(chunk)

    return StreamingResponse(lines(), media_type=NDJSON)


def _batch_problem(index: int, problem: ProblemError, lang: Lang) -> bytes:
    body = problem.problem(lang, None).model_dump(mode="json")
    return dumps({"index": index, "problem": body}) + b"\n"


# --- track -----------------------------------------------------------------------------------


@router.post(
    "/v1/track",
    tags=["track"],
    summary="The status on a date of every obligation a case log incurred.",
    openapi_extra=_doc(
        ref("TrackAnswer"), body={JSON: {"schema": ref("CaseLog")}}, problems=(*_BODY_PROBLEMS, 503)
    ),
)
async def track_case(request: Request, as_of: DateQuery, region: RegionQuery = None) -> Response:
    _known_query(request)
    settings, loaded = _settings(request), _loaded(request)
    day = _day(as_of, "as_of")
    data = parse_json(await read_body(request, settings.max_body_bytes), settings.max_body_bytes)
    events = data.get("events") if isinstance(data, dict) else data
    if isinstance(events, list) and len(events) > settings.max_case_events:
        raise too_many(settings.max_case_events)

    def work() -> Any:
        return track_data(data, "body", day, "python", region, loaded.rule_sets, default_id="case")

    report = await _in_thread(request, work)
    return Response(
        loaded.views[report.region].encoder.track_bytes(report),
        media_type=JSON,
        headers={DIGEST_HEADER: loaded.digests[report.region]},
    )


# --- verify ----------------------------------------------------------------------------------


@router.post(
    "/v1/verify",
    tags=["evaluate"],
    summary="Whether today's rules give a stored answer for its event; if not, what changed.",
    openapi_extra=_doc(
        ref("VerifyAnswer"), body={JSON: {"schema": ref("VerifyRequest")}}, problems=_BODY_PROBLEMS
    ),
)
async def verify(request: Request) -> Response:
    _known_query(request)
    settings, loaded = _settings(request), _loaded(request)
    data = parse_json(
        await read_body(request, settings.max_body_bytes), settings.max_body_bytes, nesting=8
    )
    if not isinstance(data, dict) or set(data) != {"answer", "event"}:
        raise ProblemError(
            422,
            "invalid_input",
            "a verify request is an object with 'answer' and 'event'",
            [FieldError(location="body", code="shape", message="keys 'answer' and 'event'")],
        )
    stored = data["answer"]
    if not isinstance(stored, dict) or not isinstance(stored.get("region"), str):
        raise ProblemError(
            422,
            "invalid_input",
            "body.answer: not an answer of evaluate",
            [FieldError(location="body.answer", code="shape", message="an evaluate answer")],
        )
    rules, event, result = evaluate_data(
        data["event"], "body.event", stored["region"], loaded.rule_sets
    )
    encoder = loaded.views[rules.region].encoder
    changes = verify_answer(stored, rules, event, result, encoder=encoder)
    receipt = encoder.receipt(result.agreements, result.law_in_force)
    text = f'{{"verified":{_text(not changes)},"changes":{_text(changes)},"receipt":{receipt}}}'
    return Response(
        text.encode("utf-8"), media_type=JSON, headers={DIGEST_HEADER: loaded.digests[rules.region]}
    )


# --- admin -----------------------------------------------------------------------------------


@router.post(
    "/v1/admin/reload",
    tags=["admin"],
    summary="Reload the rules (only when the service was started with admin reload on).",
    openapi_extra=_doc(ref("Reloaded"), problems=(404,)),
)
async def admin_reload(request: Request) -> Response:
    _known_query(request)
    if not _settings(request).admin_reload:
        raise ProblemError(404, "not_found")
    from .app import reload_rules

    fresh = reload_rules(request.app)
    return _json({"reloaded": True, "rules_digest": fresh.all_digest})
