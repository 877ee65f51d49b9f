"""The web page for people: a form to enter an event in Swedish, and the answer page.

``GET /`` shows the form. Its fields are derived from the event model
(:class:`~placement_rules.events.Event`) and the vocabulary, not kept by hand: a choice of one
of several words is a list spelled out in Swedish, a date a date field, a yes-or-no fact a
checkbox labelled with its sentence (only the facts some loaded rule asks about), a fact that
may be unjudged three radio buttons, a region a list of the loaded regions.

``POST /`` shows the answer: the printable page (:mod:`placement_rules.views.html`) with
buttons to show one party's duties, download the calendar file (``POST /kalender.ics``) and
open the print view (``POST /utskrift``). The event travels in hidden fields of those forms,
never in a URL (which would reach browser history and logs). No JavaScript; labels, fieldsets,
headings and ``lang`` for screen readers and the keyboard; one column on a phone.

An input error is shown beside its field in Swedish (English with ``?lang=en`` or an
``Accept-Language`` that prefers it), and never repeats the value; the wrong field is left
empty. The body is bounded (:data:`MAX_FORM_BYTES`) and read as
``application/x-www-form-urlencoded`` by the standard library. Needs the ``[service]`` extra
(FastAPI).
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, Union, get_args, get_origin
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from ..events import Event
from ..i18n import LANGS, Lang, has, lang_of, text
from ..limits import BIRTH_DATE_MIN, EVENT_DATE_MAX, EVENT_DATE_MIN
from ..vocabulary import EVENT_KINDS

if TYPE_CHECKING:
    from ..results import Evaluation
    from ..ruleset import RuleSet

MAX_FORM_BYTES: Final = 16_384
"""The largest form body read (the form's fields take well under 2 KB)."""
MAX_FORM_FIELDS: Final = 100

Widget = Literal["select", "date", "text", "checkbox", "tristate"]

_GROUPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("event", ("kind", "date")),
    ("child", ("birth_date",)),
    ("place", ("home_municipality", "home_region", "placement_municipality", "placement_region")),
    ("care", ("legal_basis", "placement_form", "placement_start")),
)
"""The fieldsets of the first fields (in this order); the parties' fields and the yes-or-no
facts follow in fieldsets of their own, in the model's order."""

_TRISTATE: Final = ("", "true", "false")


class Field(NamedTuple):
    """One field of the form."""

    name: str
    widget: Widget
    label: str
    choices: tuple[tuple[str, str], ...]
    """(value, words) of a list or radio buttons; the first is the empty choice when the
    field may be left out."""
    required: bool
    hint: str | None
    value: str
    """What the field shows (the value entered, or empty)."""
    error: str | None


class Fieldset(NamedTuple):
    legend: str
    fields: tuple[Field, ...]


class Site:
    """What the form serves from: the rule sets loaded once (immutable, shared by every
    request), the event kinds that trigger a rule, the regions, the facts the rules ask."""

    def __init__(self, rule_sets: Mapping[str, RuleSet]) -> None:
        self.rule_sets = dict(rule_sets)
        triggers = {kind for rules in rule_sets.values() for kind in rules.by_event}
        self.kinds: tuple[str, ...] = tuple(k for k in EVENT_KINDS if k in triggers)
        self.regions: tuple[str, ...] = tuple(
            sorted(r for r, rules in rule_sets.items() if rules.top.model.kind != "national")
        )
        self.facts: frozenset[str] = frozenset(
            c.fact
            for rules in rule_sets.values()
            for compiled in rules.rules
            for c in compiled.conditions
        )


def _base(annotation: Any) -> tuple[Any, bool]:
    """The type under ``X | None`` and whether None is allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), True
    return annotation, False


def _widget(name: str, annotation: Any) -> tuple[Widget, tuple[str, ...]]:
    base, optional = _base(annotation)
    if get_origin(base) is not None and get_origin(base) is not Literal:
        base = get_args(base)[0]  # Annotated[str, ...]
    if base is bool:
        return ("tristate", _TRISTATE) if optional else ("checkbox", ())
    if get_origin(base) is Literal:
        return "select", tuple(str(v) for v in get_args(base))
    if base is dt.date:
        return "date", ()
    if name.endswith("_region"):
        return "select", ()
    return "text", ()


def _choice_words(name: str, value: str, lang: Lang) -> str:
    if name == "kind":
        return text(f"people.kind.{value}", lang)
    if name.endswith("_region"):
        return (
            text(f"people.value.region.{value}", lang)
            if has(f"people.value.region.{value}")
            else value
        )
    if name in ("noticed_by", "consulted", "summoned"):
        return text(f"people.party.{value}", lang)
    for key in (f"pages.form.value.{name}.{value}", f"people.value.{name}.{value}"):
        if has(key):
            return text(key, lang)
    return value


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def fields(
    site: Site,
    lang: Lang,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> tuple[Fieldset, ...]:
    """The form's fieldsets, each field with the value to show and its error."""
    values, errors = values or {}, errors or {}
    built: dict[str, Field] = {}
    for name, info in Event.model_fields.items():
        widget, words = _widget(name, info.annotation)
        if widget == "checkbox" and name not in site.facts:
            continue
        if name == "kind":
            words = site.kinds
        elif name.endswith("_region") and widget == "select":
            words = site.regions
        required = info.is_required()
        choices: tuple[tuple[str, str], ...] = ()
        if widget == "select":
            empty = () if required else (("", text(f"pages.form.empty.{name}", lang)),)
            choices = empty + tuple((v, _choice_words(name, v, lang)) for v in words)
        elif widget == "tristate":
            choices = tuple(
                (v, _capital(text(f"people.fact.{name}.{v or 'unset'}", lang))) for v in words
            )
        label = (
            _capital(text(f"people.fact.{name}.true", lang))
            if widget == "checkbox"
            else text(f"pages.form.field.{name}", lang)
        )
        hint_key = f"pages.form.hint.{name}"
        hint = text(hint_key, lang) if has(hint_key) else None
        if widget == "date" and hint is None:
            hint = text("pages.form.hint.date", lang)
        built[name] = Field(
            name, widget, label, choices, required, hint, values.get(name, ""), errors.get(name)
        )
    groups: list[Fieldset] = []
    placed: set[str] = set()
    for group, names in _GROUPS:
        members = tuple(built[n] for n in names if n in built)
        placed.update(names)
        groups.append(Fieldset(text(f"pages.form.legend.{group}", lang), members))
    rest = [f for n, f in built.items() if n not in placed]
    for group, test in (
        ("parties", lambda f: f.widget == "select"),
        ("facts", lambda f: f.widget in ("checkbox", "tristate")),
        ("other", lambda f: f.widget in ("date", "text")),
    ):
        members = tuple(f for f in rest if test(f))
        if members:
            groups.append(Fieldset(text(f"pages.form.legend.{group}", lang), members))
    return tuple(groups)


class Answer(NamedTuple):
    rules: RuleSet
    event: Event
    evaluation: Evaluation


class FormInput(NamedTuple):
    """What a form body gives: the event's fields as text, and the page's own fields."""

    values: dict[str, str]
    party: str | None
    edit: bool


def read_body(body: bytes) -> FormInput | None:
    """A form body (``application/x-www-form-urlencoded``) as its fields, or None when it has
    more than :data:`MAX_FORM_FIELDS`. Unknown names are dropped; a field given twice keeps
    its first value."""
    try:
        pairs = parse_qsl(
            body.decode("utf-8", errors="replace"),
            keep_blank_values=True,
            max_num_fields=MAX_FORM_FIELDS,
        )
    except ValueError:  # too many fields
        return None
    values: dict[str, str] = {}
    party: str | None = None
    edit = False
    for name, value in pairs:
        if name in Event.model_fields:
            values.setdefault(name, value.strip())
        elif name == "party" and value:
            party = value
        elif name == "edit":
            edit = True
    return FormInput(values, party, edit)


def to_event_data(values: Mapping[str, str], site: Site) -> dict[str, Any]:
    """The form's text as event data: empty fields left out, a checkbox ticked is true, a
    radio button ``true``/``false``."""
    data: dict[str, Any] = {}
    for name, info in Event.model_fields.items():
        raw = values.get(name, "")
        widget, _ = _widget(name, info.annotation)
        if widget == "checkbox":
            if raw:
                data[name] = True
        elif raw:
            data[name] = (
                {"true": True, "false": False}.get(raw, raw) if widget == "tristate" else raw
            )
    return data


def field_errors(exc: ValidationError, lang: Lang) -> dict[str, str]:
    """Pydantic's errors as a message beside each field (never a value)."""
    errors: dict[str, str] = {}
    for err in exc.errors():
        loc = err["loc"]
        kind = err["type"]
        if not loc:  # the model's own check: dates out of order
            message = str(err.get("msg", ""))
            name = "birth_date" if "birth_date" in message else "placement_start"
            errors.setdefault(name, text(f"pages.form.error.after_{name}", lang))
            continue
        name = str(loc[0])
        if kind == "missing":
            key = "pages.form.error.missing"
        elif kind.startswith("date_"):
            key = "pages.form.error.date"
        elif kind in ("literal_error", "region_id"):
            key = "pages.form.error.choice"
        elif kind in ("text_form", "string_too_short"):
            key = "pages.form.error.text"
        else:
            key = "pages.form.error.other"
        errors.setdefault(name, text(key, lang, low=_low(name), high=EVENT_DATE_MAX.isoformat()))
    return errors


def _low(name: str) -> str:
    return (BIRTH_DATE_MIN if name == "birth_date" else EVENT_DATE_MIN).isoformat()


def check(values: Mapping[str, str], site: Site, lang: Lang) -> Event | dict[str, str]:
    """The event the form describes, or the errors beside its fields."""
    try:
        event = Event.model_validate(to_event_data(values, site))
    except ValidationError as exc:
        return field_errors(exc, lang)
    errors = {}
    for name in ("home_region", "placement_region"):
        region = getattr(event, name)
        if region is not None and region not in site.regions:
            errors[name] = text("pages.form.error.choice", lang, low="", high="")
    return errors or event


def form_values(event: Event) -> dict[str, str]:
    """A validated event as the form's fields (what the answer page's hidden fields carry:
    the event's own values, written as the form writes them, never the text as it came)."""
    values: dict[str, str] = {}
    for name, info in Event.model_fields.items():
        value = getattr(event, name)
        if value is None or (value is False and info.annotation is bool):
            continue
        if isinstance(value, bool):
            widget, _ = _widget(name, info.annotation)
            values[name] = "on" if widget == "checkbox" else str(value).lower()
        elif isinstance(value, dt.date):
            values[name] = value.isoformat()
        else:
            values[name] = str(value)
    return values


def hidden_fields(event: Event) -> tuple[tuple[str, str], ...]:
    """The event's fields as hidden inputs of the answer page's buttons."""
    return tuple(form_values(event).items())


def page_lang(request: Request) -> Lang:
    """``?lang=en`` or ``sv``, else the ``Accept-Language`` header's choice (Swedish by
    default)."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked  # type: ignore[return-value]
    return lang_of(request.headers.get("accept-language"))


async def read_limited(request: Request) -> bytes | None:
    """The request body, or None when it is larger than :data:`MAX_FORM_BYTES`."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_FORM_BYTES):
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def party_buttons(
    site: Site, obligations: Iterable[Any], chosen: str | None, lang: Lang
) -> tuple[tuple[str, str, bool], ...]:
    """(value, words, pressed) of the party filter: every party with duties, then all."""
    from ..views.sentences import party_heading
    from ..views.urgency import PARTIES, party_of

    counts: dict[str, int] = {}
    total = 0
    for o in obligations:
        counts[party_of(o)] = counts.get(party_of(o), 0) + 1
        total += 1
    buttons = [
        (
            p,
            text("pages.form.party_button", lang, party=party_heading(p, lang), n=counts[p]),
            chosen == p,
        )
        for p in PARTIES
        if p in counts
    ]
    buttons.append(("", text("pages.form.all_parties", lang, n=total), chosen is None))
    return tuple(buttons)


def router(rules_dir: Path | None = None) -> APIRouter:
    """The form's routes: ``GET /`` (the form), ``POST /`` (the answer, or the form with its
    errors), ``POST /kalender.ics`` and ``POST /utskrift``. The rule sets of ``rules_dir``
    (default: the bundled rules) are loaded here, once."""
    from fastapi import APIRouter
    from fastapi.responses import HTMLResponse, Response

    from ..evaluation import evaluate
    from ..regions import load_all
    from ..views.html import evaluation_context, evaluation_html, render
    from ..views.ics import evaluation_calendar
    from ..views.urgency import PARTIES

    site = Site(load_all(rules_dir))
    routes = APIRouter(tags=["people"], include_in_schema=False)  # pages for people, not API

    def form_page(
        request: Request,
        lang: Lang,
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        errors = errors or {}
        shown = {k: v for k, v in (values or {}).items() if k not in errors}
        body = render(
            "form.html",
            lang,
            title=text("pages.form.title", lang),
            fieldsets=fields(site, lang, shown, errors),
            errors=[(name, message) for name, message in errors.items()],
            labels={f.name: f.label for fs in fields(site, lang) for f in fs.fields},
            query=_lang_query(lang),
            base=_base_path(request),
        )
        return HTMLResponse(body, status_code=status)

    def too_large(request: Request, lang: Lang) -> HTMLResponse:
        message = text("pages.form.too_large", lang)
        page = render(
            "message.html",
            lang,
            title=message,
            message=message,
            query=_lang_query(lang),
            base=_base_path(request),
        )
        return HTMLResponse(page, status_code=413)

    async def posted(request: Request) -> tuple[Lang, FormInput | None]:
        lang = page_lang(request)
        body = await read_limited(request)
        return lang, (read_body(body) if body is not None else None)

    def evaluated(form: FormInput, lang: Lang) -> Answer | dict[str, str]:
        checked = check(form.values, site, lang)
        if isinstance(checked, dict):
            return checked
        rules = site.rule_sets[checked.home_region]
        return Answer(rules, checked, evaluate(rules, checked))

    @routes.get("/", response_class=HTMLResponse, summary="The event form (people)")
    def show_form(request: Request) -> HTMLResponse:
        return form_page(request, page_lang(request))

    @routes.post("/", response_class=HTMLResponse, summary="The answer page (people)")
    async def answer(request: Request) -> HTMLResponse:
        lang, form = await posted(request)
        if form is None:
            return too_large(request, lang)
        if form.edit:
            return form_page(request, lang, form.values)
        found = evaluated(form, lang)
        if isinstance(found, dict):
            return form_page(request, lang, form.values, found, status=422)
        rules, event, result = found
        party = form.party if form.party in PARTIES else None
        context = evaluation_context(result, rules, event, lang, party)
        body = render(
            "answer.html",
            lang,
            **context,
            hidden=hidden_fields(event),
            party=party or "",
            parties=party_buttons(site, result.obligations, party, lang),
            query=_lang_query(lang),
            base=_base_path(request),
        )
        return HTMLResponse(body)

    @routes.post("/kalender.ics", summary="The answer as a calendar file (people)")
    async def calendar(request: Request) -> Response:
        lang, form = await posted(request)
        if form is None:
            return too_large(request, lang)
        found = evaluated(form, lang)
        if isinstance(found, dict):
            return form_page(request, lang, form.values, found, status=422)
        _, event, result = found
        return Response(
            evaluation_calendar(result, event, lang=lang),
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="skyldigheter.ics"'},
        )

    @routes.post("/utskrift", response_class=HTMLResponse, summary="The print view (people)")
    async def printable(request: Request) -> HTMLResponse:
        lang, form = await posted(request)
        if form is None:
            return too_large(request, lang)
        found = evaluated(form, lang)
        if isinstance(found, dict):
            return form_page(request, lang, form.values, found, status=422)
        party = form.party if form.party in PARTIES else None
        return HTMLResponse(
            evaluation_html(found.evaluation, found.rules, found.event, lang=lang, party=party)
        )

    return routes


def _base_path(request: Request) -> str:
    """The path of the form (``/``, or the prefix the service mounts the router under, with
    a closing slash): the answer page's buttons post to paths under it."""
    path = request.url_for("show_form").path
    return path if path.endswith("/") else path + "/"


def _lang_query(lang: Lang) -> str:
    """The query string that keeps the page's language on the next request."""
    return "?lang=en" if lang == "en" else ""


def field_names(fieldsets: Sequence[Fieldset]) -> list[str]:
    """The names of every field shown, in order."""
    return [f.name for fs in fieldsets for f in fs.fields]
