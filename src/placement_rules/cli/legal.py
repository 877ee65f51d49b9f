"""Commands for legal staff: ``diff``, ``textconv``, ``git-diff``, ``compare``, ``lint`` and
``coverage``.

:func:`register` adds them to the main click group. Exit codes: 0 no differences or findings,
1 differences or findings, 2 error (one line on stderr, no traceback).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ..errors import PlacementRulesError
from ._common import (
    RULES_DIR_OPTION,
    atomic_output,
    check_stream_input,
    describe_os_error,
    format_option,
    friendly_errors,
    json_output,
    parse_date,
    same_file,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..i18n import Lang
    from ..legal.lint import Severity
    from ..legal.reports import Format, Result
    from ..loading import LoadedFile

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "json", "html"]),
    default="terminal",
    show_default=True,
    help="terminal (colour on a terminal, plain when piped), markdown, json or html (standalone).",
    callback=json_output,
)
OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file instead of standard output.",
)

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the report: Swedish (sv) or English (en).",
)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else parse_date(value, param_hint="--on")


def _console(wide: bool = False, file: Any = None) -> Console:
    """Colour on a terminal, plain text when piped. Lines are not wrapped (one finding or change
    per line, for grep) except in tables, which get 200 columns when piped (``wide``)."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=not wide, file=file)
    if wide and not console.is_terminal:
        console = Console(highlight=False, soft_wrap=False, file=file, width=200)
    return console


def emit(result: Result, fmt: str, output: Path | None, *, wide: bool = False) -> None:
    """Write a report in the chosen format to ``output`` or standard output."""
    from ..legal.reports import print_terminal, render

    if fmt == "terminal":
        if output is None:
            print_terminal(result, _console(wide))
            return
        with atomic_output(output) as handle:
            print_terminal(result, _console(wide, handle))
        return
    text = render(result, cast("Format", fmt))
    if output is None:
        click.echo(text, nl=False)
    else:
        with atomic_output(output) as handle:
            handle.write(text)


@click.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--rev", default=None, help="Read OLD at this git revision (e.g. HEAD~1, main).")
@click.option(
    "--scenarios",
    "scenario_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folders of scenario files (*.scenario.yaml) to run under both versions "
    "(default: tests/scenarios and examples of the working folder).",
)
@LANG_OPTION
@RULES_DIR_OPTION
@FORMAT_OPTION
@OUTPUT_OPTION
@friendly_errors
def diff_command(
    old: str,
    new: str | None,
    rev: str | None,
    scenario_dirs: tuple[Path, ...],
    lang: str,
    rules_dir: Path | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Review a change of a rule file: what changed in meaning, rule by rule, whether it
    tightens or loosens, and which scenario tests change outcome.

    OLD and NEW are paths, or PATH@REV for a git revision. With --rev and no NEW, OLD at REV is
    compared with OLD as it is now.
    """
    from ..legal.review import default_scenario_dirs, review
    from ..legal.revisions import load_side, revision_of, split_revision, working_copy

    if new is None:
        if rev is None and split_revision(old)[1] is None:
            raise click.UsageError("give NEW, or --rev REV (or OLD as PATH@REV) to compare with")
        new = working_copy(split_revision(old)[0])
    result = review(
        load_side(old, rev),
        load_side(new),
        scenario_dirs=list(scenario_dirs) or default_scenario_dirs(),
        rules_dir=rules_dir,
        old_revision=revision_of(old, rev),
        new_revision=revision_of(new),
        lang=cast("Lang", lang),
    )
    emit(result, fmt, output)
    sys.exit(0 if result.same else 1)


@click.command("textconv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly_errors
def textconv_command(file: Path) -> None:
    """Print FILE as sorted, canonical text (git textconv: makes `git diff` semantic).

    A file that is not a valid rule file is printed as it is, after a note saying why.
    """
    from ..legal.textconv import canonical_text
    from ..limits import MAX_TEXTCONV_BYTES
    from ..loading import read_bytes, read_rule_file

    raw = read_bytes(file, str(file), MAX_TEXTCONV_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # git runs textconv for every diff of the file: an exit code other than 0 breaks
        # `git diff`, so a binary file is shown as it is, with a note on stderr
        click.echo(f"note: {file}: not UTF-8 text; shown as written", err=True)
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    try:
        loaded = read_rule_file(file, text=text)
    except PlacementRulesError as exc:
        click.echo(f"# not a valid rule file ({exc}); shown as written\n{text}", nl=False)
        return
    click.echo(canonical_text(loaded.model), nl=False)


@click.command("git-diff")
@click.argument("args", nargs=-1)
def git_diff_command(args: tuple[str, ...]) -> None:
    """External diff for git (diff.placement-rules.command): PATH OLD HEX MODE NEW HEX MODE.

    Always exits 0, as git expects; a file that does not load is reported in one line.
    """
    if len(args) < 7:
        raise click.UsageError(
            "git passes 7 arguments: path old-file old-hex old-mode new-file new-hex new-mode"
        )
    try:
        _git_diff(args[0], args[1], args[4])
    except (PlacementRulesError, OSError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        click.echo(f"placement-rules: cannot compare {args[0]} by meaning: {reason}")


def _git_diff(path: str, old_file: str, new_file: str) -> None:
    from ..legal.reports import print_terminal
    from ..legal.review import review
    from ..legal.textconv import canonical_text
    from ..loading import read_rule_file

    if "/dev/null" in (old_file, new_file):
        present = new_file if old_file == "/dev/null" else old_file
        word = "new file" if old_file == "/dev/null" else "deleted file"
        text = canonical_text(read_rule_file(present, name=path).model)
        click.echo(f"{word} {path}\n{text}", nl=False)
        return
    old = read_rule_file(old_file, name=f"a/{path}")
    new = read_rule_file(new_file, name=f"b/{path}")
    print_terminal(review(old, new), _console())


@click.command("compare")
@click.argument("regions", nargs=-1)
@click.option(
    "--on",
    "on",
    default=None,
    help="Law and agreements in force on this date (YYYY-MM-DD; default today).",
)
@RULES_DIR_OPTION
@FORMAT_OPTION
@OUTPUT_OPTION
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the matrix (JSON keeps its English keys).",
)
@friendly_errors
def compare_command(
    regions: tuple[str, ...],
    on: str | None,
    rules_dir: Path | None,
    fmt: str,
    output: Path | None,
    lang: str,
) -> None:
    """Matrix of duties × regions: deadline, responsible, convener and cost bearer per cell.

    Cells without the region's own rule show the national baseline, marked as such. Exit code 1
    when the regions differ on some duty.
    """
    from ..legal.compare import compare_regions

    day = _date(on) or dt.date.today()
    matrix = compare_regions(list(regions), day, rules_dir, cast("Lang", lang))
    emit(matrix, fmt, output, wide=True)
    sys.exit(1 if any(matrix.row_differs(d) for d in matrix.duties) else 0)


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of source texts that quotes are checked against "
    "(default: $PLACEMENT_RULES_SHARED, else ../shared beside the checkout).",
)
@click.option(
    "--on", "on", default=None, help="Check contradictions on this date only (default: every date)."
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on info findings too.")
@LANG_OPTION
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "noted", "info"]),
    default="info",
    show_default=True,
    help="Show only findings of this severity or worse.",
)
@FORMAT_OPTION
@OUTPUT_OPTION
@friendly_errors
def lint_command(
    paths: tuple[Path, ...],
    shared: Path | None,
    on: str | None,
    strict: bool,
    lang: str,
    min_severity: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Lint rule files or folders (default: the bundled rules).

    Flags rules contradicting the national rule in force (noted, not an error, when the file
    acknowledges it), citations without a quote, quotes not found under the cited section of the
    source text, quotes against the encoded deadline, unreviewed edits and deadlines without an
    anchor (info). Exit 1 on errors or warnings (with --strict, on info findings too).
    """
    from ..legal.lint import lint_paths

    for path in paths:
        if not path.exists():
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATHS")
    report = lint_paths(list(paths), shared=shared, on=_date(on), lang=cast("Lang", lang))
    emit(report.at_least(cast("Severity", min_severity)), fmt, output)
    sys.exit(1 if report.failed(strict=strict) else 0)


_ORIGIN_KEYS = {
    "regional": "coverage.origin.regional",
    "national (inherited)": "coverage.origin.national",
    "local": "coverage.origin.local",
}


@click.command("coverage")
@click.option("--region", "-r", required=True, help="Region id.")
@format_option("text", "json")
@LANG_OPTION
@RULES_DIR_OPTION
@friendly_errors
def coverage_command(region: str, fmt: str, lang: str, rules_dir: Path | None) -> None:
    """Per source section, the rules that encode it; sections without a rule are gaps (exit 1)."""
    from ..i18n import text
    from ..legal.coverage import coverage as run
    from ..regions import load_rule_set

    report = run(load_rule_set(region, rules_dir, what="--region"))
    language = cast("Lang", lang)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for section in report.sections:
            mark = text("coverage.gap" if section.is_gap else "coverage.ok", language)
            click.echo(f"{mark:4}{section.source} {section.section}: {section.summary}")
            for rule_id in section.rules:
                click.echo(f"      {rule_id}")
            if section.no_rule_reason:
                reason = " ".join(section.no_rule_reason.split())
                click.echo(f"      {text('coverage.no_rule', language, reason=reason)}")
            for part in section.unencoded:
                said = text(
                    "coverage.not_encoded",
                    language,
                    summary=part.summary,
                    reason=" ".join(part.reason.split()),
                )
                click.echo(f"      {said}")
        click.echo("")
        click.echo(text("coverage.rules_heading", language))
        for origin in report.rules:
            where = text(_ORIGIN_KEYS.get(origin.origin, "coverage.origin.regional"), language)
            click.echo(f"  {origin.rule_id:60} {where:22} {origin.citation}")
        summary = text(
            "coverage.summary", language, sections=len(report.sections), gaps=len(report.gaps)
        )
        click.echo(f"\n{summary}")
    if report.gaps:
        sys.exit(1)


@click.command("impact")
@click.argument("old")
@click.argument("new")
@click.argument("cases", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as-of", "as_of", required=True, help="Track the cases as they stand on this day.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the per-case CSV (one row per duty that differs in an affected case).",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the summary as a standalone HTML page.",
)
@format_option("text", "json")
@LANG_OPTION
@RULES_DIR_OPTION
@friendly_errors
def impact_command(
    old: str,
    new: str,
    cases: Path,
    as_of: str,
    output: Path | None,
    html_file: Path | None,
    fmt: str,
    lang: str,
    rules_dir: Path | None,
) -> None:
    """Which open cases get other duties, parties or due dates if NEW replaces OLD.

    OLD and NEW are versions of one rule file (paths, or PATH@REV for a git revision); CASES is
    the audit's input (CSV or JSON Lines, rows grouped by case). Exit 0 when no case is
    affected, 1 when some are, 2 on an error (bad rows are reported on stderr by line and
    skipped, and then the exit code is 2 too).
    """
    from ..i18n import text
    from ..legal.impact import IMPACT_COLUMNS, ImpactSummary, SideRules, csv_rows, impact
    from ..legal.reports import impact_html, impact_lines
    from ..legal.revisions import load_side, split_revision
    from ..tracking.audit_rows import Problem, reader_for

    day = parse_date(as_of, param_hint="--as-of")
    language = cast("Lang", lang)
    reader = reader_for(cases)
    check_stream_input(cases)
    read = [Path(split_revision(side)[0]) for side in (old, new)]
    for target, option in ((output, "--output"), (html_file, "--html")):
        if target is not None and same_file(target, cases):
            raise click.UsageError(f"{option} names the cases file; write it elsewhere")
        if target is not None and any(same_file(target, path) for path in read):
            raise click.UsageError(f"{option} names a rule file it reads; write it elsewhere")
    if output is not None and html_file is not None and same_file(output, html_file):
        raise click.UsageError("--html names the --output file; write them to two files")
    old_side, new_side = load_side(old), load_side(new)
    if old_side.model.region != new_side.model.region:
        raise click.UsageError(
            f"OLD is a rule file of {old_side.model.region}, NEW of {new_side.model.region}: "
            "impact compares two versions of one region's file"
        )
    cache: dict[Path, LoadedFile] = {}
    summary = ImpactSummary(day, _side_name(old_side), _side_name(new_side))

    def on_problem(problem: Problem) -> None:
        summary.problems += 1
        click.echo(f"{cases}: {problem.describe()}", err=True)

    before = SideRules(old_side, rules_dir, cache)
    after = SideRules(new_side, rules_dir, cache)
    with contextlib.ExitStack() as stack:
        writer = None
        if output is not None:
            handle = stack.enter_context(atomic_output(output, newline=""))
            writer = csv.writer(handle)
            writer.writerow(IMPACT_COLUMNS)
        stream = stack.enter_context(
            cases.open(encoding="utf-8-sig", newline="", errors="surrogateescape")
        )
        for case in impact(reader(stream, str(cases)), day, before, after, on_problem):
            summary.add(case)
            if writer is not None:
                writer.writerows(csv_rows(case))
    if html_file is not None:
        with atomic_output(html_file) as handle:
            handle.write(impact_html(summary, language))
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in impact_lines(summary, language):
            click.echo(line)
    if summary.problems:
        click.echo(text("impact.skipped", language, n=summary.problems), err=True)
        sys.exit(2)
    sys.exit(1 if summary.affected else 0)


def _side_name(side: LoadedFile) -> str:
    return side.name or str(side.path)


def register(group: click.Group) -> None:
    """Add the legal-staff commands to ``group``."""
    for command in (
        diff_command,
        textconv_command,
        git_diff_command,
        compare_command,
        lint_command,
        coverage_command,
        impact_command,
    ):
        group.add_command(command)
