"""What every command-line module shares: the rules-folder option, one error policy for every
command, interrupts, bounded dates and output files written whole or not at all."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import json
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn, TypeVar, cast

import click

from ..errors import PlacementRulesError
from ..events import ISO_DATE
from ..limits import COMMAND_DATE_MAX, COMMAND_DATE_MIN

if TYPE_CHECKING:
    from ..contract.problems import ProblemError
    from ..i18n import Lang

F = TypeVar("F", bound=Callable[..., Any])

RULES_DIR_OPTION = click.option(
    "--rules-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of rule files (default: the bundled rules).",
)

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    default="sv",
    show_default=True,
    help="Language of the text for people (sv: Swedish, en: English); JSON keeps its codes.",
)
PARTY_OPTION = click.option(
    "--party",
    type=click.Choice(
        ["kommun", "region", "skola", "kommunalforbund", "statlig_myndighet", "none"]
    ),
    default=None,
    help="Show one party's duties only (none: the requirements that name no one).",
)
VERBOSE_OPTION = click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also show rule ids, the full trail of reasons and the agreement's status in detail.",
)

EXIT_ERROR = 2
EXIT_SIGINT = 130
EXIT_SIGTERM = 143

_STDOUT_ERRNOS = frozenset(
    {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}
)


class Terminated(BaseException):
    """SIGTERM, raised where the process is (as SIGINT raises ``KeyboardInterrupt``), so that
    every ``finally`` runs: temporary outputs are removed, nothing half-written is left."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (main thread only; elsewhere the
    default stays)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def describe_os_error(exc: OSError) -> str:
    """An operating-system error in one line: the file the operator named and the reason, or
    that standard output cannot be written."""
    reason = (exc.strerror or type(exc).__name__).lower()
    if exc.filename is None and exc.errno in _STDOUT_ERRNOS:
        return f"cannot write to standard output: {reason}"
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    return reason


def fail(message: str, code: int = EXIT_ERROR, *, problem: ProblemError | None = None) -> NoReturn:
    """One line on standard error (when it can be written) and exit ``code``: the message, or,
    when the command writes JSON (``--format json``), ``problem`` as one JSON line (RFC 9457,
    the object the service answers with)."""
    line = f"error: {message}".splitlines()[0]
    with contextlib.suppress(Exception):
        if problem is not None and json_errors():
            line = problem_line(problem)
    with contextlib.suppress(Exception):
        click.echo(line, err=True)
    sys.exit(code)


def silence_stdout() -> None:
    """After standard output failed: point it at /dev/null, so nothing more is tried (and the
    interpreter's last flush prints no second error)."""
    with contextlib.suppress(Exception):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    with contextlib.suppress(Exception):
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


FORMAT_KEY: Final = "placement_rules.format"
LANG_KEY: Final = "placement_rules.lang"
"""Keys of the click context's ``meta`` (shared by a command's context and its group's):
the output format and language the command was given, set by :func:`format_option`."""


def json_output(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """The callback of a command's own ``--format`` or ``--json`` option (the legal tools'):
    when it asks for JSON, the command's errors are problem objects too."""
    if value == "json" or value is True:
        ctx.meta[FORMAT_KEY] = "json"
    return value


def json_errors() -> bool:
    """Whether the running command writes JSON, so its errors are problem objects."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.meta.get(FORMAT_KEY) == "json"


def echo_answer(answer: bytes) -> None:
    """Write a contract answer (compact UTF-8 JSON, as the encoder gives it) on standard output
    as the commands write JSON: indented by two, UTF-8, a newline after; bytes in, bytes out
    (orjson when installed, else the standard library: the same bytes)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - the extra is not installed
        text = json.dumps(json.loads(answer), ensure_ascii=False, indent=2).encode("utf-8")
    else:
        text = orjson.dumps(orjson.loads(answer), option=orjson.OPT_INDENT_2)
    click.echo(text)


def problem_line(problem: ProblemError) -> str:
    """``problem`` as one line of compact JSON (title in the command's ``--lang``)."""
    ctx = click.get_current_context(silent=True)
    asked = None if ctx is None else ctx.meta.get(LANG_KEY) or ctx.params.get("lang")
    lang: Lang = "en" if asked == "en" else "sv"
    body = problem.problem(lang, None).model_dump(mode="json")
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def problem_of(exc: BaseException) -> ProblemError | None:
    """The problem object of an error the policy handles (``None``: not one of them)."""
    from ..contract.models import FieldError
    from ..contract.problems import ProblemError, from_library_error
    from ..errors import RuleFileError

    if isinstance(exc, RuleFileError):  # the input or a rule file: unreadable or malformed
        error = FieldError(location=str(exc.location), code="invalid_file", message=exc.message)
        return ProblemError(400, "invalid_file", str(exc).splitlines()[0], [error])
    if isinstance(exc, PlacementRulesError):
        return from_library_error(exc, "input")
    if isinstance(exc, OSError):
        message = describe_os_error(exc)
        if exc.filename is not None:
            return ProblemError(400, "file", message)
        return ProblemError(500, "output", message)
    if isinstance(exc, KeyboardInterrupt):
        return ProblemError(503, "interrupted", "interrupted (SIGINT)")
    if isinstance(exc, Terminated):
        return ProblemError(503, "interrupted", "terminated (SIGTERM)")
    if isinstance(exc, click.BadParameter) and exc.param_hint:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
        error = FieldError(location=f"option.{hint}", code="usage", message=exc.message)
        return ProblemError(400, "usage", exc.format_message(), [error])
    if isinstance(exc, click.UsageError):
        return ProblemError(400, "usage", exc.format_message())
    return None


def _number_message(kind: click.ParamType[Any]) -> str | None:
    """What a number option takes, for click's number types (``None``: not one)."""
    if isinstance(kind, click.IntRange | click.FloatRange):
        low, high = kind.min, kind.max
        noun = "a whole number" if isinstance(kind, click.IntRange) else "a number"
        if low is not None and high is not None and not (kind.min_open or kind.max_open):
            return f"{noun} from {low} to {high}"
        bounds = [
            f"{'above' if kind.min_open else 'at least'} {low}" if low is not None else "",
            f"{'below' if kind.max_open else 'at most'} {high}" if high is not None else "",
        ]
        return " ".join([noun, " and ".join(b for b in bounds if b)]).strip()
    if isinstance(kind, click.types.IntParamType):
        return "a whole number"
    if isinstance(kind, click.types.FloatParamType):
        return "a number"
    if isinstance(kind, click.types.BoolParamType):
        return "true or false"
    return None


def _value_message(exc: click.BadParameter) -> str | None:
    """The message of a value click refused for its own types, without the value."""
    kind = exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        return "not one of " + ", ".join(str(choice) for choice in kind.choices)
    if kind is not None and (takes := _number_message(kind)):
        return f"not {takes}"
    return None


_EXTRA_ARGUMENTS: Final = "Got unexpected extra argument"
_NO_COMMAND: Final = "No such command"


def without_values(exc: click.UsageError) -> click.UsageError:
    """A usage error click found while parsing, reworded so that it does not repeat what was
    typed: a value (click's "'x' is not one of ...", "'x' is not a valid integer"), an unknown
    option's or command's name, extra arguments. It names the known choices instead, as the
    library's messages do. Paths (a location, not a value) and the library's own date option
    messages (which never repeat the value) pass unchanged."""
    ctx = exc.ctx
    if isinstance(exc, click.NoSuchOption):
        known = f"; did you mean {' or '.join(exc.possibilities)}?" if exc.possibilities else ""
        return click.UsageError(f"no such option{known} (see --help)", ctx)
    if isinstance(exc, click.BadParameter):
        message = _value_message(exc)
        if message is None:
            return exc
        return click.BadParameter(message, ctx, exc.param, exc.param_hint)
    if exc.message.startswith(_NO_COMMAND):
        group = ctx.command if ctx is not None else None
        commands = sorted(group.commands) if isinstance(group, click.Group) else []
        named = f" (commands: {', '.join(commands)})" if commands else ""
        return click.UsageError(f"no such command{named}", ctx)
    if exc.message.startswith(_EXTRA_ARGUMENTS):
        return click.UsageError("unexpected extra argument(s) (see --help)", ctx)
    return exc


def handle(exc: BaseException) -> NoReturn:
    """The one error policy of every command: the library's errors and the system's in one
    line and exit 2, interrupts in one line and 130 (SIGINT) or 143 (SIGTERM). A command
    writing JSON writes the line as a problem object (RFC 9457), with the same exit codes; so
    does a usage error it raises itself (one click finds while parsing stays click's text,
    reworded by :func:`without_values` so that it repeats nothing typed)."""
    if isinstance(exc, click.UsageError):
        exc = without_values(exc)
    problem = problem_of(exc) if json_errors() else None
    if isinstance(exc, PlacementRulesError):
        fail(str(exc), problem=problem)
    if isinstance(exc, OSError):
        message = describe_os_error(exc)
        if message.startswith("cannot write to standard output"):
            silence_stdout()
        fail(message, problem=problem)
    if isinstance(exc, KeyboardInterrupt):
        fail("interrupted (SIGINT)", EXIT_SIGINT, problem=problem)
    if isinstance(exc, Terminated):
        fail("terminated (SIGTERM)", EXIT_SIGTERM, problem=problem)
    if isinstance(exc, click.UsageError) and json_errors():
        fail(exc.format_message(), exc.exit_code, problem=problem)
    raise exc


HANDLED = (PlacementRulesError, OSError, KeyboardInterrupt, Terminated)


def friendly_errors(func: F) -> F:
    """The library's errors (and unreadable or unwritable files) as one line on stderr and
    exit code 2, never a traceback (the command group applies the same policy to every
    command; this keeps a command safe when it is invoked on its own)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (*HANDLED, click.UsageError) as exc:
            handle(exc)

    return wrapper  # type: ignore[return-value]


STDIN = Path("-")
STDIN_NAME = "<stdin>"


def input_name(path: Path) -> str:
    """How errors name an input: its path, or ``<stdin>`` for ``-``."""
    return STDIN_NAME if path == STDIN else str(path)


def read_input(path: Path) -> Any:
    """An event or case document from ``path``, or from standard input when it is ``-``
    (JSON or YAML, under the same limits as a file)."""
    from ..loading import read_data_stream, read_yaml

    if path == STDIN:
        return read_data_stream(sys.stdin.buffer, STDIN_NAME)
    return read_yaml(path)


def format_option(*formats: str, default: str = "text") -> Callable[[F], F]:
    """The one output convention of the commands: ``--format`` with ``formats`` (``text`` for
    people, ``json`` for machines, ...) and ``--json`` kept as the alias of ``--format json``.
    The command receives ``fmt``; its errors follow it (:func:`json_errors`)."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, as_json: bool, fmt: str, **kwargs: Any) -> Any:
            chosen = "json" if as_json else fmt
            meta = click.get_current_context().meta
            meta[FORMAT_KEY] = chosen
            meta[LANG_KEY] = kwargs.get("lang")
            return func(*args, fmt=chosen, **kwargs)

        with_format = click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            help="Output format.",
        )(wrapper)
        with_alias = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
        return cast(F, with_alias(with_format))

    return decorate


def parse_date(value: str, param_hint: str | None = None) -> dt.date:
    """A command-line date (YYYY-MM-DD, 2002-01-01 to 2100-12-31), or a usage error (exit 2)
    naming the format (``20251115`` and ``15/11/2025`` are refused)."""
    from ..events import DATE_FORMAT

    try:
        day = dt.date.fromisoformat(value) if ISO_DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None or not COMMAND_DATE_MIN <= day <= COMMAND_DATE_MAX:
        raise click.BadParameter(
            f"not a date: write it as {DATE_FORMAT}, between {COMMAND_DATE_MIN} and "
            f"{COMMAND_DATE_MAX}",
            param_hint=param_hint,
        )
    return day


class _Closed(io.RawIOBase):
    """Standard output when file descriptor 1 was closed: every write fails (EBADF), so a
    command that prints reports it instead of exiting 0 with its output lost."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def guard_stdout() -> None:
    """Install :class:`_Closed` when the process started without a standard output."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_Closed()), encoding="utf-8")


def flush_stdout() -> None:
    """Flush standard output, reporting a failure (a full disk, a closed pipe) as one line and
    exit 2."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        silence_stdout()
        fail(describe_os_error(exc))
    except ValueError:  # closed by the command
        pass


@contextlib.contextmanager
def atomic_output(target: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text stream for ``target``: a temporary file beside it, renamed to ``target`` only
    when the block completes; on any error or interrupt it is removed and ``target`` is left
    as it was."""
    handle_, temp = create_temporary(target)
    stream = open(handle_, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
    try:
        yield stream
        stream.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(Exception):
            stream.close()
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (a link or another spelling of the path included)."""
    with contextlib.suppress(OSError, RuntimeError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    return False


def check_stream_input(path: Path) -> None:
    """A many-case input (audit, impact) is a regular file or a pipe (``<(zcat big.csv.gz)``),
    never a device."""
    from ..errors import AuditInputError

    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise AuditInputError(f"{path}: not a regular file or a pipe")


def create_temporary(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target`` (so the rename is atomic): its descriptor and
    path. An unwritable folder fails here, before any work."""
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None  # a new file
    if mode is not None and not stat.S_ISREG(mode):  # the rename would replace a device or pipe
        raise OSError(errno.EINVAL, "not a regular file (a device, pipe or folder)", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would create it, not mkstemp's 0600
    return fd, temp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
