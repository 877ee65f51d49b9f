"""The basic commands: ``evaluate``, ``validate``, ``status``, ``schema`` and ``regions``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._common import (
    LANG_OPTION,
    PARTY_OPTION,
    RULES_DIR_OPTION,
    VERBOSE_OPTION,
    echo_answer,
    format_option,
    friendly_errors,
    input_name,
    parse_date,
    read_input,
)
from .pages import OUTPUT_OPTION, PAGE_FORMATS, check_output, emit_evaluation

if TYPE_CHECKING:
    from ..contract import Detail
    from ..events import Event
    from ..i18n import Lang
    from ..results import Evaluation
    from ..ruleset import RuleSet
    from ..tracking.audit import RuleSets


def _parse_date(value: str | None) -> dt.date:
    return dt.date.today() if value is None else parse_date(value, param_hint="--on")


@click.command()
@click.option(
    "--region",
    "-r",
    default=None,
    help="Region whose agreement applies (default: the event's home_region).",
)
@format_option("text", "json", *PAGE_FORMATS)
@OUTPUT_OPTION
@LANG_OPTION
@PARTY_OPTION
@VERBOSE_OPTION
@click.option(
    "--why-not",
    "why_not",
    is_flag=True,
    help="Also say, for each rule of the event's kind that does not apply, why not (JSON: "
    "the explanation, in --lang).",
)
@click.option(
    "--detail",
    type=click.Choice(["full", "compact"]),
    default=None,
    help="JSON only: full (every text, the default) or compact (codes, dates, parties, rule "
    "ids), the service's detail= profiles.",
)
@RULES_DIR_OPTION
@click.argument("event_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@friendly_errors
def evaluate(
    region: str | None,
    fmt: str,
    output: Path | None,
    lang: Lang,
    party: str | None,
    verbose: bool,
    why_not: bool,
    detail: Detail | None,
    rules_dir: Path | None,
    event_file: Path,
) -> None:
    """Evaluate EVENT_FILE (JSON or YAML; - reads standard input): the obligations it creates,
    most urgent first, for people (in Swedish; --lang en) or as JSON (--detail compact: the
    service's compact profile)."""
    from ..contract import AnswerEncoder, explanation
    from ..tracking.audit import RuleSets
    from ..views.evaluation_view import render_evaluation

    check_output(fmt, output, event_file)
    if detail is not None and fmt != "json":
        raise click.UsageError("--detail applies to --format json only")
    rules, event, result = evaluate_parts(event_file, region, RuleSets(rules_dir))
    if fmt == "json":
        explained = explanation(rules, event, result, lang) if why_not else None
        encoder = AnswerEncoder(rules)
        echo_answer(encoder.evaluation_bytes(event, result, detail or "full", explained))
    elif fmt in PAGE_FORMATS:
        emit_evaluation(
            fmt, rules, event, result, lang=lang, party=party, why_not=why_not, output=output
        )
    else:
        render_evaluation(
            result, rules, event, lang=lang, party=party, verbose=verbose, why_not=why_not
        )


def evaluate_file(event_file: Path, region: str | None, rule_sets: RuleSets) -> Evaluation:
    """What ``evaluate`` does with a file: read and parse the event, load the rule set of
    ``region`` (else the event's home region) from ``rule_sets``, check the placement region
    and evaluate (the fuzz suite runs its event documents through this)."""
    return evaluate_parts(event_file, region, rule_sets)[2]


def evaluate_parts(
    event_file: Path, region: str | None, rule_sets: RuleSets
) -> tuple[RuleSet, Event, Evaluation]:
    """:func:`evaluate_file`, also giving the rule set and the event (for the receipt)."""
    from ..pipeline import evaluate_data

    name = input_name(event_file)
    return evaluate_data(read_input(event_file), name, region, rule_sets, region_name="--region")


@click.command()
@RULES_DIR_OPTION
@click.argument("answer_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("event_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@friendly_errors
def verify(rules_dir: Path | None, answer_file: Path, event_file: Path) -> None:
    """Re-evaluate EVENT_FILE and check that today's rules give the stored ANSWER_FILE
    (from ``evaluate --json``); if not, what changed. Exit 1 when it differs."""
    from ..contract import verify_answer
    from ..errors import EventError
    from ..loading import read_yaml
    from ..tracking.audit import RuleSets

    stored = read_yaml(answer_file)
    if not isinstance(stored, dict) or not isinstance(stored.get("region"), str):
        raise EventError(f"{answer_file}: not an answer of evaluate --json")
    rules, event, result = evaluate_parts(event_file, stored["region"], RuleSets(rules_dir))
    changes = verify_answer(stored, rules, event, result)
    if not changes:
        click.echo("verified: today's rules give the same answer")
        return
    click.echo("not verified: today's rules give another answer")
    for change in changes:
        click.echo(f"  {change}")
    raise SystemExit(1)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@friendly_errors
def validate(paths: tuple[Path, ...]) -> None:
    """Validate rule files or folders (default: the bundled rules)."""
    from ..compiler import build_rule_set
    from ..loading import bundled_rules_dir, iter_rule_files
    from ..regions import load_chain

    targets: list[Path] = []
    for path in paths or (bundled_rules_dir(),):
        if path.is_dir():
            found = list(iter_rule_files(path))
            if not found:
                raise click.BadParameter(f"{path}: no rule files (*.yaml, *.yml) in the folder")
            targets.extend(found)
        elif path.exists():
            targets.append(path)
        else:
            raise click.BadParameter(f"{path}: no such file or folder")
    cache: dict[Path, Any] = {}
    for target in targets:
        chain = load_chain(target, cache=cache)
        rules = build_rule_set(chain)
        own = len(chain[-1].model.rules)
        click.echo(f"ok  {target}  ({own} rules, {len(rules.rules)} with its base files)")


@click.command()
@click.option("--region", "-r", required=True, help="Region id.")
@click.option("--on", "on", default=None, help="Date (YYYY-MM-DD); default today.")
@format_option("text", "json")
@RULES_DIR_OPTION
@friendly_errors
def status(region: str, on: str | None, fmt: str, rules_dir: Path | None) -> None:
    """Whether the region's agreements are in force on a date, under which term."""
    from ..regions import load_rule_set

    day = _parse_date(on)
    rules = load_rule_set(region, rules_dir, what="--region")
    found = rules.agreements_on(day)
    statuses = found.statuses
    if fmt == "json":
        click.echo(json.dumps([s.to_dict() for s in statuses], ensure_ascii=False, indent=2))
        return
    if not statuses:
        click.echo(f"{rules.region}: no agreement (national law only)")
    for s in statuses:
        click.echo(f"{s.agreement_id}: {s.describe()}")
        click.echo(f"  {s.title}")
        if s.assumption:
            click.echo(f"  note: {s.assumption}")
        if s.warning:
            click.echo(f"  warning: {s.warning}")
    own = {s.warning for s in statuses}
    for warning in found.warnings:
        if warning not in own:
            click.echo(f"warning: {warning}")


@click.command()
@friendly_errors
def schema() -> None:
    """Print the JSON Schema of the rule-file format."""
    from ..models import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@click.command()
@RULES_DIR_OPTION
@friendly_errors
def regions(rules_dir: Path | None) -> None:
    """List the rule files available, with their agreements' status today."""
    from ..regions import load_all

    today = dt.date.today()
    for region, rules in sorted(load_all(rules_dir).items()):
        states = ", ".join(f"{s.agreement_id}: {s.state}" for s in rules.agreement_statuses(today))
        click.echo(
            f"{region:18} {rules.top.model.kind:9} {len(rules.top.model.rules):3} rules  "
            f"{rules.name}" + (f"  [{states}]" if states else "")
        )


def register(group: click.Group) -> None:
    """Add the basic commands to the main command group."""
    for command in (evaluate, verify, validate, status, schema, regions):
        group.add_command(command)
