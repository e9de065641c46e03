"""The command line. Each command imports the stages it needs inside itself, so that
`bcngv --help` starts fast. Exit codes: 0 ok, 1 data problems, 2 usage or configuration."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from bcngv import messages
from bcngv.cli_text import startup_language
from bcngv.cli_text import text as _t

if TYPE_CHECKING:
    from bcngv.build import BuildRequest
    from bcngv.console import Console

# typer reads the help texts below when it builds the commands, before --lang is parsed
messages.set_language(startup_language(sys.argv[1:]))

app = typer.Typer(
    name="bcngv",
    help=_t("app"),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it would double the start-up time
)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _valid_format(value: str) -> str:
    """--format is checked while the options are read, so a wrong one stops the command before
    any work (a build would otherwise write the report and then refuse)."""
    from bcngv.diagnostics_output import FORMATS

    if value not in FORMATS:
        typer.echo(_t("bad-format", value=value, choices=", ".join(FORMATS)), err=True)
        raise typer.Exit(EXIT_USAGE)
    return value


RootOption = Annotated[Optional[Path], typer.Option("--root", help=_t("opt.root"))]
FormatOption = Annotated[str, typer.Option("--format", help=_t("opt.format"), callback=_valid_format)]
StrictOption = Annotated[bool, typer.Option("--strict", help=_t("opt.strict"))]
LangOption = Annotated[Optional[str], typer.Option("--lang", help=_t("opt.lang"))]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=_t("opt.quiet"))]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help=_t("opt.verbose"))]
PeriodOption = Annotated[str, typer.Option("--period", help=_t("opt.period"))]
ReportOption = Annotated[Optional[str], typer.Option("--report", help=_t("opt.report"))]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help=_t("opt.as_of"))]
OutOption = Annotated[Path, typer.Option("--out", help=_t("opt.out"))]
# the cache of checked records (in the user's cache folder) only ever makes a run faster; this runs without it
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help=_t("opt.no_cache"))]


def _root(given: Path | None) -> Path:
    """The repository: the given folder, or the nearest folder upwards that has bcngv.yaml."""
    if given is not None:
        return given.resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "bcngv.yaml").is_file():
            return folder
    return here


def _parse_date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(_t("bad-date", option=option, value=text), err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _print_diagnostics(diagnostics: list, fmt: str, root: Path | None = None) -> None:
    """Problems on stderr for people (with the lines of files under `root` quoted), on stdout for tools."""
    from bcngv.console import is_plain
    from bcngv.diagnostics_output import render

    colour = fmt == "text" and not is_plain(sys.stderr)
    if diagnostics:
        typer.echo(render(diagnostics, fmt, root, colour), err=fmt == "text")


def _shown(diagnostics: list, quiet: bool) -> list:
    """--quiet keeps the errors only."""
    return [d for d in diagnostics if d.is_error] if quiet else diagnostics


@app.callback()
def _main(lang: LangOption = None) -> None:
    messages.set_language(lang)


def _build_once(request: BuildRequest, fmt: str, pdf: bool, console: Console) -> int:
    """One build with its progress, problems and summary; returns the exit code it deserves.
    A file that cannot be written, or no LibreOffice for --pdf, is the machine's problem: 2."""
    from bcngv.build import build as run_build
    from bcngv.diagnostics import has_errors
    from bcngv.diagnostics_output import printable
    from bcngv.output import OutputError

    try:
        result = run_build(request, console.step, pdf)
    except OutputError as err:  # a folder, a file open in Word: not the data's fault
        console.finish()
        _print_diagnostics([err.diagnostic()], fmt)
        return EXIT_USAGE
    console.finish()
    _print_diagnostics(_shown(result.diagnostics, console.quiet), fmt, request.root)
    if result.usage_error:
        return EXIT_USAGE
    console.build_summary(result)  # before the paths, so that a script's last line is a path
    _print_diagnostics(result.pdf_problems, fmt)  # no LibreOffice, or a conversion that failed
    machine = EXIT_USAGE if result.pdf_problems else EXIT_OK
    if result.output is None or has_errors(result.diagnostics, request.strict):
        return machine or EXIT_DATA
    typer.echo(printable(str(result.output)))
    if result.pdf is not None:
        typer.echo(printable(str(result.pdf)))
    return machine


@app.command(help=_t("build"))
def build(
    period: PeriodOption,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    out: OutOption = Path("build"),
    number: Annotated[Optional[str], typer.Option("--number", help=_t("opt.number"))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=_t("opt.pdf"))] = False,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    no_cache: NoCacheOption = False,
    root: RootOption = None,
) -> None:
    from bcngv.build import BuildRequest
    from bcngv.console import Console

    request = BuildRequest(_root(root), period, report, _parse_date(as_of, "--as-of"), out, number, strict,
                           cache=not no_cache)
    code = _build_once(request, fmt, pdf, Console(quiet, verbose))
    if code != EXIT_OK:
        raise typer.Exit(code)


@app.command(help=_t("check"))
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_t("check.paths"))] = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
    root: RootOption = None,
) -> None:
    from bcngv.config import load_config
    from bcngv.diagnostics import diag, has_errors
    from bcngv.diagnostics_output import summary
    from bcngv.records.loader import load_records

    base = _root(root)
    missing = [diag("no-such-path", str(p), value=str(p)) for p in paths or [] if not p.exists()]
    if missing:
        _print_diagnostics(missing, fmt)
        raise typer.Exit(EXIT_USAGE)
    config, config_problems = load_config(base)
    loaded = load_records(base, [p.resolve() for p in paths or []], cache=not no_cache)
    problems = config_problems + loaded.diagnostics
    _print_diagnostics(_shown(problems, quiet), fmt, base)
    if fmt == "text" and not quiet:
        typer.echo(summary(problems, loaded.files, loaded.valid), err=True)
    if config is None:
        raise typer.Exit(EXIT_USAGE)
    if has_errors(loaded.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)


@app.command(help=_t("schema"))
def schema() -> None:
    from bcngv.schema import record_schema_text

    typer.echo(record_schema_text(), nl=False)


@app.command(help=_t("new"))
def new(
    kind: Annotated[str, typer.Argument(help=_t("new.kind"))],
    on: Annotated[Optional[str], typer.Option("--date", help=_t("new.date"))] = None,
    like: Annotated[Optional[Path], typer.Option("--like", help=_t("new.like"))] = None,
    root: RootOption = None,
) -> None:
    from bcngv.skeleton import new_record

    base = _root(root)
    made = new_record(base, kind, _parse_date(on, "--date") or date.today(), like.resolve() if like else None)
    _print_diagnostics(made.diagnostics, "text", base)
    if made.path is None:
        raise typer.Exit(EXIT_USAGE if made.usage_error else EXIT_DATA)
    typer.echo(made.path.relative_to(base).as_posix())


def _headings(command: str) -> list[str]:
    """A table's headings, in the language of the messages."""
    return _t(f"{command}.headings").split("|")


@app.command(help=_t("explain"))
def explain(
    period: PeriodOption,
    text: Annotated[Optional[str], typer.Argument(help=_t("explain.text"))] = None,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from bcngv.build import BuildRequest
    from bcngv.build import explain as run_explain
    from bcngv.diagnostics import diag, has_errors
    from bcngv.diagnostics_output import printable
    from bcngv.provenance import json_number

    request = BuildRequest(_root(root), period, report, _parse_date(as_of, "--as-of"), strict=strict)
    result = run_explain(request)
    _print_diagnostics(result.diagnostics, fmt)
    if result.usage_error:
        raise typer.Exit(EXIT_USAGE)
    if has_errors(result.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)
    uses = result.ledger.uses
    if text is not None:  # the figure printed exactly so, else every figure whose text holds it
        wanted = text.strip()
        uses = [u for u in uses if u.text == wanted] or [u for u in uses if wanted in u.text]
        if not uses:
            _print_diagnostics([diag("no-such-figure", "TEXT", value=wanted, period=period)], fmt)
            raise typer.Exit(EXIT_USAGE)
    table = Table(show_lines=True)
    for heading in _headings("explain"):
        table.add_column(heading, overflow="fold")
    for use in uses:  # as Text, escaped: a record's words are neither rich markup nor terminal codes
        cells = (use.text, str(json_number(use.figure.value)), use.figure.query)
        paths = "\n".join(printable(r.path) for r in use.figure.records)  # one a line
        table.add_row(*(Text(printable(cell)) for cell in cells), Text(paths))
    Console().print(table)


@app.command(help=_t("stats"))
def stats(
    period: PeriodOption,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from bcngv.build import read_period
    from bcngv.diagnostics import has_errors
    from bcngv.diagnostics_output import printable
    from bcngv.records.loader import load_records
    from bcngv.render.vietnamese import number
    from bcngv.stats import tabulate

    until = _parse_date(as_of, "--as-of")
    chosen, found = read_period(period, until)
    if chosen is None:
        _print_diagnostics(found, fmt)
        raise typer.Exit(EXIT_USAGE)
    loaded = load_records(_root(root))
    _print_diagnostics(loaded.diagnostics, fmt)
    counted = tabulate(loaded.records, chosen, until)
    first, total = _headings("stats")
    table = Table(first, *counted.months, total, title=chosen.label)
    for row in counted.rows:
        table.add_row(Text(printable(row.label)), *(number(cell.value) for cell in row.cells))
    Console().print(table)
    if has_errors(loaded.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)


@app.command(help=_t("show"))
def show(
    period: PeriodOption,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    root: RootOption = None,
) -> None:
    from bcngv.build import BuildRequest, preview
    from bcngv.console import Console, is_plain
    from bcngv.diagnostics import has_errors
    from bcngv.diagnostics_output import printable

    request = BuildRequest(_root(root), period, report, _parse_date(as_of, "--as-of"), strict=strict)
    console = Console(quiet)
    result, markdown = preview(request, console.step)
    console.finish()
    _print_diagnostics(_shown(result.diagnostics, quiet), "text", request.root)
    if result.usage_error:
        raise typer.Exit(EXIT_USAGE)
    if markdown is None or has_errors(result.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)
    markdown = printable(markdown, lines=True)  # records were checked; this is defence in depth
    if is_plain(sys.stdout):  # piped or NO_COLOR: the Markdown itself, to read, grep or save
        typer.echo(markdown, nl=False)
        return
    from rich.console import Console as RichConsole
    from rich.markdown import Markdown

    RichConsole().print(Markdown(markdown))


@app.command(help=_t("watch"))
def watch(
    period: PeriodOption,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    out: OutOption = Path("build"),
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    interval: Annotated[float, typer.Option("--interval", min=0.05, help=_t("watch.interval"))] = 1.0,
    rebuilds: Annotated[Optional[int], typer.Option("--rebuilds", min=0, help=_t("watch.rebuilds"))] = None,
    root: RootOption = None,
) -> None:
    from datetime import datetime

    from bcngv.build import BuildRequest, plan
    from bcngv.console import Console
    from bcngv.watch import watch as run_watch

    request = BuildRequest(_root(root), period, report, _parse_date(as_of, "--as-of"), out, None, strict)
    chosen, problems = plan(request)
    if chosen is None:  # a wrong period or report never fixes itself: say so once and stop
        _print_diagnostics(problems, fmt)
        raise typer.Exit(EXIT_USAGE)

    def rebuild() -> None:
        _build_once(request, fmt, False, Console(quiet, verbose))
        if not quiet:
            typer.echo(_t("watch.waiting"), err=True)

    def changed() -> None:
        typer.echo(_t("watch.changed", time=datetime.now().strftime("%H:%M:%S")), err=True)

    try:
        run_watch(request.root, rebuild, interval, rebuilds, changed)
    except KeyboardInterrupt:  # Ctrl-C is how a person stops watching: not a failure
        return


@app.command(help=_t("init"))
def init(folder: Annotated[Path, typer.Argument(help=_t("init.dir"))]) -> None:
    from bcngv.scaffold import init_repository

    written, problems = init_repository(folder)
    _print_diagnostics(problems, "text")
    if problems:
        raise typer.Exit(EXIT_USAGE)
    typer.echo(_t("init.done", folder=folder, files=len(written)), err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
