"""Command line for case tracking: ``placement-rules track`` and ``placement-rules audit``.

``track CASE.json --as-of DATE``: the status of every obligation of one case.
``audit EVENTS.csv|.jsonl --as-of DATE``: many cases, streamed; per-case statuses and a summary
per region, municipality and duty. See docs/tracking.md.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import wait
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final

import click

from ..errors import PlacementRulesError
from ..limits import AUDIT_MAX_LINE_CHARS
from ._common import (
    EXIT_ERROR,
    EXIT_SIGINT,
    EXIT_SIGTERM,
    LANG_OPTION,
    PARTY_OPTION,
    RULES_DIR_OPTION,
    VERBOSE_OPTION,
    Terminated,
    check_stream_input,
    create_temporary,
    echo_answer,
    fail,
    flush_stdout,
    format_option,
    friendly_errors,
    input_name,
    parse_date,
    read_input,
    same_file,
    sigterm_raises,
)
from .pages import OUTPUT_OPTION, PAGE_FORMATS, check_output, emit_case

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from ..i18n import Lang
    from ..tracking.audit import RuleSets
    from ..tracking.tracker import CaseReport

ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(["auto", "durable", "python"]),
    default="auto",
    show_default=True,
    help="Correlation engine: durable-rules (extra [tracking]), the plain-Python reference, or "
    "auto: durable-rules when installed, else python. Both give the same statuses.",
)


def read_case(path: Path) -> tuple[str, str | None, list[Any]]:
    """A case file: ``{"case_id", "region"?, "child"?: {facts shared by every event},
    "events": [...]}``, or a bare list of events. Returns (case id, region, events)."""
    from ..pipeline import parse_case

    return parse_case(read_input(path), input_name(path), default_id=Path(input_name(path)).stem)


def track_file(
    case_file: Path, as_of: dt.date, engine: str, region: str | None, rule_sets: RuleSets
) -> CaseReport:
    """What ``track`` does with a file: read the case, load the rule set of ``region`` (else the
    file's, else the first event's home region), check every event's placement region and
    track (the fuzz suite runs its case documents through this)."""
    from ..pipeline import track_data

    return track_data(
        read_input(case_file),
        input_name(case_file),
        as_of,
        engine,
        region,
        rule_sets,
        default_id=Path(input_name(case_file)).stem,
        region_name="--region",
    )


class _Feedback:
    """Where progress and skipped-row messages go: plain stderr, or around a live bar."""

    def update(self, cases: int) -> None:
        """Show how far the audit has come."""

    def echo(self, message: str) -> None:
        click.echo(message, err=True)


@contextmanager
def _progress(stream: IO[str], path: Path) -> Iterator[_Feedback]:
    """A progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield _Feedback()
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    total = path.stat().st_size
    columns = (
        TextColumn("auditing"),
        BarColumn(),
        TextColumn("{task.fields[cases]} cases"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("audit", total=total, cases=0)

        class Live(_Feedback):
            def update(self, cases: int) -> None:
                position = stream.buffer.tell()  # type: ignore[attr-defined]
                bar.update(task, completed=position, cases=cases)

            def echo(self, message: str) -> None:
                bar.console.print(message, markup=False, highlight=False)

        yield Live()


class _CasesWriter:
    """Writes per-case statuses as they are judged: CSV rows or JSON lines."""

    def __init__(self, stream: IO[str] | None, fmt: str, folder: Path | None = None) -> None:
        from ..tracking.audit import CaseCsv

        self.folder = folder
        """The output's folder (``None`` without an output)."""
        self._stream = stream
        self._json = fmt == "json"
        self._csv = CaseCsv()
        if stream is not None and not self._json:
            stream.write(self._csv.header())

    @property
    def writes(self) -> bool:
        return self._stream is not None

    def copy_from(self, path: str) -> None:
        """Append the case rows in the file ``path`` (UTF-8) as they are, and remove it: in the
        kernel where it can (``os.copy_file_range``), else through a buffer."""
        if self._stream is None:
            os.unlink(path)
            return
        self._stream.flush()
        target = self._stream.buffer  # type: ignore[attr-defined]
        with open(path, "rb") as source:
            left = os.fstat(source.fileno()).st_size
            try:
                while left > 0:
                    copied = os.copy_file_range(source.fileno(), target.fileno(), left)
                    if copied == 0:
                        break
                    left -= copied
            except (AttributeError, OSError):  # no such call here, or not between these files
                pass
            if left > 0:
                shutil.copyfileobj(source, target)
                target.flush()
        os.unlink(path)

    def write(self, report: Any) -> None:
        if self._stream is None:
            return
        if self._json:
            self._stream.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        else:
            self._stream.write(self._csv.rows(report))


def _write_summary(summary: Any, fmt: str, stream: IO[str]) -> None:
    from ..tracking.audit import SUMMARY_COLUMNS

    if fmt == "json":
        stream.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=[*SUMMARY_COLUMNS, "count"])
        writer.writeheader()
        for name, value in summary.totals().items():
            writer.writerow({"dimension": "total", "key": name, "count": value})
        writer.writerows(summary.rows())
        return
    _summary_table(summary, stream)


def _summary_table(summary: Any, stream: IO[str]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..tracking.tracker import TRACKED_STATUSES

    out = Console(file=stream, highlight=False, width=160)
    totals = summary.totals()
    out.print(
        "Audit as of {as_of}: {cases} cases, {events} events ({events_after_as_of} after "
        "the date left out); {bad_rows_skipped} bad rows skipped, {cases_skipped} cases "
        "skipped; {unmatched_fulfilments} fulfilment events matched nothing open".format(**totals)
    )
    for dimension in ("region", "municipality", "duty"):
        table = Table(title=f"per {dimension}", title_justify="left")
        table.add_column(dimension)
        table.add_column("cases", justify="right")
        table.add_column("tracked", justify="right")
        for status in TRACKED_STATUSES:
            table.add_column(status, justify="right")
        table.add_column("untracked", justify="right")
        for row in summary.rows():
            if row["dimension"] != dimension:
                continue
            cells = [f"{row[s]} ({_pct(row['share_' + s])})" for s in TRACKED_STATUSES]
            table.add_row(
                escape(row["key"]),
                str(row["cases"]),
                str(row["tracked"]),
                *cells,
                str(row["untracked"]),
            )
        out.print(table)


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"


def register(group: click.Group) -> None:
    """Add ``track`` and ``audit`` to the command group."""

    @group.command()
    @click.argument("case_file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
    @click.option("--as-of", "as_of", required=True, help="Business date to judge on (YYYY-MM-DD).")
    @ENGINE_OPTION
    @click.option(
        "--region",
        "-r",
        default=None,
        help="Rule set (default: the file's region, else the first home_region).",
    )
    @format_option("text", "json", *PAGE_FORMATS)
    @OUTPUT_OPTION
    @LANG_OPTION
    @PARTY_OPTION
    @VERBOSE_OPTION
    @RULES_DIR_OPTION
    @friendly_errors
    def track(
        case_file: Path,
        as_of: str,
        engine: str,
        region: str | None,
        fmt: str,
        output: Path | None,
        lang: Lang,
        party: str | None,
        verbose: bool,
        rules_dir: Path | None,
    ) -> None:
        """Status on a date of every obligation a case log (JSON or YAML; - reads standard
        input) incurred."""
        from ..contract import AnswerEncoder
        from ..tracking.audit import RuleSets

        day = parse_date(as_of, param_hint="--as-of")
        check_output(fmt, output, case_file)
        rule_sets = RuleSets(rules_dir)
        report = track_file(case_file, day, engine, region, rule_sets)
        if fmt == "json":
            echo_answer(AnswerEncoder(rule_sets.get(report.region)).track_bytes(report))
        elif fmt in PAGE_FORMATS:
            emit_case(fmt, report, lang=lang, party=party, output=output)
        else:
            from ..views.case_view import render_case

            render_case(report, lang=lang, party=party, verbose=verbose)

    @group.command()
    @click.argument("events_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
    @click.option("--as-of", "as_of", required=True, help="Business date to judge on (YYYY-MM-DD).")
    @click.option(
        "--out-cases",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write per-case statuses here (CSV rows, or JSON lines with --format json).",
    )
    @click.option(
        "--out-summary",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the summary here instead of standard output.",
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["csv", "json", "table"]),
        default="table",
        show_default=True,
        help="Output format.",
    )
    @click.option(
        "--jobs",
        type=click.IntRange(min=1, max=256),
        default=1,
        show_default=True,
        help="Processes auditing blocks of cases side by side (the output is the same).",
    )
    @ENGINE_OPTION
    @RULES_DIR_OPTION
    @friendly_errors
    def audit(
        events_file: Path,
        as_of: str,
        out_cases: Path | None,
        out_summary: Path | None,
        fmt: str,
        jobs: int,
        engine: str,
        rules_dir: Path | None,
    ) -> None:
        """Audit many cases from a CSV or JSON Lines file of events, grouped by case_id."""
        day = parse_date(as_of, param_hint="--as-of")
        run_audit(events_file, day, out_cases, out_summary, fmt, engine, rules_dir, jobs)


@contextmanager
def _worker_pool(jobs: int, rules_dir: Path | None) -> Iterator[Executor]:
    """``jobs`` worker processes, started now (before a progress bar's thread): forked where
    the platform can, after the rule sets are loaded, so that workers inherit them loaded;
    elsewhere each worker loads them on first use."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ..tracking.audit import preload_rule_sets

    context = None
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        preload_rule_sets(rules_dir)
    pool = ProcessPoolExecutor(jobs, mp_context=context)
    try:
        pool.submit(int).result()  # start the workers
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _audit_in_blocks(
    pool: Executor,
    counted: _Counted,
    job: tuple[Path, dt.date, str, str, Path | None, int],
    summary: Any,
    writer: _CasesWriter,
    on_problem: Callable[[Any], None],
    feedback: _Feedback,
) -> bool:
    """Audit the input in blocks of cases on the pool's processes, each reading its own byte
    range of the input and writing its case rows to a file of its own, and take the blocks in
    input order: their files copied into the output as bytes, their summaries merged, their
    problems reported. ``False`` (with partial results written) when the input cannot be cut
    so that the result equals one process's: then the caller audits it again in one."""
    import tempfile

    from ..tracking.audit import Block, BlockResult, audit_block_into, block_bytes, spans
    from ..tracking.audit_rows import SeenDigests

    events_file, as_of, fmt, engine, rules_dir, jobs = job
    binary = counted.buffer
    if binary is None:
        return False
    header = ""
    if events_file.suffix.lower() == ".csv":
        raw_header = binary.readline(_HEADER_BYTES)
        header = raw_header.decode("utf-8-sig", "surrogateescape")
        if not raw_header.endswith(b"\n") or "\r" in header[:-2] or len(header) > _HEADER_CHARS:
            return False  # a header the audit reads otherwise: the one-process audit says how
    first_line = 2 if header else 1
    size = block_bytes(os.fstat(binary.fileno()).st_size, jobs)
    rows_fmt = fmt if writer.writes else ""

    seen = SeenDigests()
    pending: list[tuple[Future[BlockResult], str, int]] = []

    def take(result: BlockResult, path: str, last_line: int) -> bool:
        if result.long_lines or seen.any_of(result.digests):
            return False
        seen.add_new(result.digests)
        for problem in result.problems:
            on_problem(problem)
        writer.copy_from(path)
        summary.merge(result.summary)
        counted.lines = last_line
        feedback.update(summary.cases)
        return True

    # the block files hold case rows: beside the output, where the audit writes them anyway
    where = writer.folder or Path(tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix=".audit-blocks-", dir=where) as folder:
        try:
            for number, (start, end, line, last) in enumerate(
                spans(binary, header, first_line, size)
            ):
                block = Block(
                    str(events_file), header, line, "", as_of, engine, rules_dir, rows_fmt,
                    (start, end),
                )  # fmt: skip
                path = os.path.join(folder, f"{number}.part")
                pending.append((pool.submit(audit_block_into, block, path), path, last))
                while len(pending) > 2 * jobs or (pending and pending[0][0].done()):
                    future, path, last = pending.pop(0)
                    if not take(future.result(), path, last):
                        return False
            while pending:
                future, path, last = pending.pop(0)
                if not take(future.result(), path, last):
                    return False
        except (ValueError, PlacementRulesError):
            return False
        finally:
            for future, _, _ in pending:
                future.cancel()
            wait([future for future, _, _ in pending])  # no worker writes into the folder after
    return True


_HEADER_CHARS: Final[int] = AUDIT_MAX_LINE_CHARS
_HEADER_BYTES: Final[int] = 4 * _HEADER_CHARS + 4


class _Counted:
    """The audit's input stream, counting the lines read (to say how far an interrupted audit
    got)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.lines = 0
        self.buffer = getattr(stream, "buffer", None)

    def readline(self, size: int = -1) -> str:
        text = self._stream.readline(size)
        if text[-1:] in ("\n", "\r"):
            self.lines += 1
        return text


def _plan_outputs(
    events_file: Path, out_cases: Path | None, out_summary: Path | None
) -> list[tuple[Path, int, str]]:
    """Check the output paths and create each one's temporary file beside it, before the input
    is read: an output naming the input or the other output, or an unwritable folder, stops
    the audit here with nothing read and nothing changed."""
    named = [(o, p) for o, p in (("--out-cases", out_cases), ("--out-summary", out_summary)) if p]
    for option, target in named:
        if same_file(target, events_file):
            raise click.UsageError(f"{option} names the input file; write it elsewhere")
    if out_cases and out_summary and same_file(out_cases, out_summary):
        raise click.UsageError("--out-cases and --out-summary name the same file")
    planned: list[tuple[Path, int, str]] = []
    try:
        for _, target in named:
            fd, temp = create_temporary(target)
            planned.append((target, fd, temp))
    except BaseException:
        _discard(planned)
        raise
    return planned


def _discard(planned: list[tuple[Path, int, str]]) -> None:
    for _, fd, temp in planned:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)


def run_audit(
    events_file: Path,
    as_of: dt.date,
    out_cases: Path | None,
    out_summary: Path | None,
    fmt: str,
    engine: str,
    rules_dir: Path | None,
    jobs: int = 1,
) -> None:
    """The ``audit`` command: outputs are written to temporary files beside their targets and
    renamed only when the whole input was audited; rows and cases that cannot be judged are
    reported and skipped, and then the command exits 2 (the outputs complete for the rest);
    an interrupt leaves no output in place of a target and says how far the audit got.

    ``jobs`` > 1 audits blocks of cases in that many processes
    (:func:`~placement_rules.tracking.audit.audit_block`) and writes their results in input
    order; an input that cannot be cut exactly (a case id in two blocks, an error in a block, a
    line too long) is audited again in one process, so the output is always the one ``jobs=1``
    gives."""
    from ..tracking.audit import Problem, Summary, audit, reader_for

    reader = reader_for(events_file)
    check_stream_input(events_file)
    planned = _plan_outputs(events_file, out_cases, out_summary)
    temps = {target: (fd, temp) for target, fd, temp in planned}
    unwrapped = {fd for _, fd, _ in planned}  # temporary files' descriptors not yet in a stream
    streams: list[IO[str]] = []

    def open_temp(target: Path) -> IO[str]:
        fd = temps[target][0]
        stream = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115
        unwrapped.discard(fd)
        streams.append(stream)
        return stream

    summary = Summary(as_of)
    counted: _Counted | None = None
    echoed = [0]
    """Problems already written to stderr by an audit in blocks that ended in one process."""
    try:
        with sigterm_raises(), contextlib.ExitStack() as workers:
            pool = (
                workers.enter_context(_worker_pool(jobs, rules_dir))
                if jobs > 1 and events_file.is_file()
                else None
            )
            cases_stream = open_temp(out_cases) if out_cases is not None else None
            folder = out_cases.resolve().parent if out_cases is not None else None
            writer = _CasesWriter(cases_stream, fmt, folder)
            with (
                events_file.open(encoding="utf-8-sig", newline="", errors="surrogateescape") as raw,
                _progress(raw, events_file) as feedback,
            ):
                counted = _Counted(raw)

                def on_problem(problem: Problem) -> None:
                    summary.problem(problem)
                    if echoed[0] > 0:  # said once already, by the audit in blocks
                        echoed[0] -= 1
                        return
                    feedback.echo(f"{events_file}: {problem.describe()}")

                if pool is not None and raw.seekable():
                    job = (events_file, as_of, fmt, engine, rules_dir, jobs)
                    if _audit_in_blocks(pool, counted, job, summary, writer, on_problem, feedback):
                        reports: Any = ()
                    else:  # once more in one process, from the start
                        echoed[0] = summary.bad_rows + summary.skipped_cases
                        summary = Summary(as_of)
                        raw.seek(0)
                        counted = _Counted(raw)
                        if cases_stream is not None:
                            cases_stream.seek(0)
                            cases_stream.truncate()
                        writer = _CasesWriter(cases_stream, fmt, folder)
                        jobs = 1
                else:
                    jobs = 1
                if jobs == 1:
                    reports = audit(
                        counted,  # type: ignore[arg-type]
                        str(events_file),
                        as_of,
                        reader=reader,
                        rules_dir=rules_dir,
                        engine=engine,
                        on_problem=on_problem,
                    )
                for report in reports:
                    summary.add(report)
                    writer.write(report)
                    if summary.cases % 200 == 0:
                        feedback.update(summary.cases)
            if out_summary is not None:
                _write_summary(summary, fmt, open_temp(out_summary))
            for stream in streams:
                stream.close()
            for target, (_, temp) in temps.items():  # complete: every output takes its place
                os.replace(temp, target)
            temps.clear()
    except (KeyboardInterrupt, Terminated) as exc:
        _close_and_discard(streams, unwrapped, temps)
        sigint = isinstance(exc, KeyboardInterrupt)
        signal_name, code = ("SIGINT", EXIT_SIGINT) if sigint else ("SIGTERM", EXIT_SIGTERM)
        line = counted.lines if counted is not None else 0
        fail(
            f"interrupted by {signal_name} after {summary.cases:,} cases (input read to line "
            f"{line:,}); no output written",
            code,
        )
    except BaseException:
        _close_and_discard(streams, unwrapped, temps)
        raise
    if out_summary is None:
        _write_summary(summary, fmt, sys.stdout)
    totals = summary.totals()
    skipped = totals["bad_rows_skipped"] + totals["cases_skipped"]
    duplicates = (
        f" ({totals['duplicate_rows']} of them repeating an earlier row, counted once)"
        if totals["duplicate_rows"]
        else ""
    )
    click.echo(
        f"audited {totals['cases']} cases ({totals['events']} events); "
        f"{totals['bad_rows_skipped']} bad rows{duplicates} and {totals['cases_skipped']} cases "
        "skipped",
        err=True,
    )
    if skipped:
        flush_stdout()
        sys.exit(EXIT_ERROR)


def _close_and_discard(
    streams: list[IO[str]], unwrapped: set[int], temps: dict[Path, tuple[int, str]]
) -> None:
    """Close what is open and remove every temporary output (the targets stay as they were)."""
    for stream in streams:
        with contextlib.suppress(Exception):
            stream.close()
    for fd in unwrapped:
        with contextlib.suppress(OSError):
            os.close(fd)
    unwrapped.clear()
    for _, temp in temps.values():
        with contextlib.suppress(OSError):
            os.unlink(temp)
    temps.clear()
