"""The command line: typer declarations only. Each `*_command` reads its options, calls its module
in `bcngv.commands`, hands the outcome to `bcngv.presentation`, and leaves through `_finish`, the one
place that turns a run's problems into an exit code (diagnostics.exit_code: 0 ok, 1 data problems,
2 usage or configuration). Commands import what they need inside themselves, so that `bcngv --help`
starts fast."""

# no `from __future__ import annotations`: typer reads every command's annotations each run, and as
# text it compiles and evaluates each one (half of building the commands)
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, TypeVar

import typer

from bcngv import words
from bcngv.usage import Command, Group
from bcngv.words import text as _t

if TYPE_CHECKING:
    from bcngv.diagnostics import Diagnostic
    from bcngv.pipeline import Options
    from bcngv.presentation import Console
    from bcngv.repository import Repository

# typer reads the help texts below when it builds the commands, before --lang is parsed
words.set_language(words.startup_language(sys.argv[1:]))

app = typer.Typer(
    name="bcngv",
    cls=Group,  # the help and the mistakes of the command line in the reader's language (bcngv.usage)
    help=_t("app"),
    no_args_is_help=True,
    invoke_without_command=True,  # `bcngv --lang en` alone is a mistake said in words of ours
    add_completion=True,  # typer's options, worded by bcngv.usage
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich for it would double the start-up time
)
Number = TypeVar("Number", int, float)


def _command(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A command of bcngv: its help is the text of its name."""
    return app.command(name, cls=Command, help=_t(name))


def _valid_format(value: str) -> str:
    """--format is checked while the options are read, so a wrong one stops the command before
    any work (a build would otherwise write the report and then refuse)."""
    from bcngv.diagnostics_output import FORMATS

    if value not in FORMATS:
        raise typer.BadParameter(_t("bad-format", value=value, choices=", ".join(FORMATS)))
    return value


def _valid_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from bcngv.period import date_meant

        suggestion = words.did_you_mean(date_meant(value))  # `29/07/2022`, as in a record
        raise typer.BadParameter(_t("bad-date", value=value, suggestion=suggestion)) from None


def _at_least(minimum: Number, kind: Callable[[Any], Number]) -> Callable[[Any], Number]:
    """A number option's parser, whose refusal is worded like the rest (typer's is English)."""

    def parse(value: Any) -> Number:
        try:
            parsed = kind(value)
        except ValueError:
            parsed = None
        if parsed is None or not parsed >= minimum:  # `not >=`: NaN is refused too
            raise typer.BadParameter(_t("bad-number", value=value, minimum=words.number(minimum)))
        return parsed

    return parse


RootOption = Annotated[Optional[Path], typer.Option("--root", help=_t("opt.root"), metavar=_t("meta.folder"))]
FormatOption = Annotated[str, typer.Option("--format", help=_t("opt.format"), callback=_valid_format,
                                           metavar=_t("meta.format"))]
StrictOption = Annotated[bool, typer.Option("--strict", help=_t("opt.strict"))]
# before the command or after it; read by usage.Group before any other option, wherever it stands
LangOption = Annotated[Optional[str], typer.Option("--lang", help=_t("opt.lang"), metavar=_t("meta.lang"),
                                                   expose_value=False)]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=_t("opt.quiet"))]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help=_t("opt.verbose"))]
PeriodOption = Annotated[str, typer.Option("--period", help=_t("opt.period"), metavar=_t("meta.period"))]
ReportOption = Annotated[Optional[str], typer.Option("--report", help=_t("opt.report"), metavar=_t("meta.report"))]
AsOfOption = Annotated[Optional[date], typer.Option("--as-of", help=_t("opt.as_of"), parser=_valid_date,
                                                    metavar=_t("meta.date"))]
OutOption = Annotated[Path, typer.Option("--out", help=_t("opt.out"), metavar=_t("meta.folder"))]
# the cache of checked records (in the user's cache folder) only ever makes a run faster; this runs without it
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help=_t("opt.no_cache"))]


def _repository(given: Path | None) -> "Repository":
    from bcngv.repository import Repository

    return Repository.find(given)


def _finish(diagnostics: "Iterable[Diagnostic]", strict: bool = False) -> NoReturn:
    """Leave with the exit code the run's problems deserve."""
    from bcngv.diagnostics import exit_code

    raise typer.Exit(exit_code(diagnostics, strict))


@app.callback()
def _main(ctx: typer.Context, lang: LangOption = None) -> None:
    if ctx.invoked_subcommand is None:
        ctx.fail(_t("cli.missing_command"))


def _build_once(repository: "Repository", options: "Options", fmt: str, console: "Console") -> "list[Diagnostic]":
    """One build with its progress, problems, summary and paths; its problems, for the exit code."""
    from bcngv import presentation
    from bcngv.commands.build import build

    done = build(repository, options, console.step)
    console.finish(done)
    presentation.problems(done.diagnostics, fmt, repository.root, console.quiet)
    if done.plan is not None:  # a wrong period or report is said above; no summary of nothing
        console.build_summary(done)  # before the paths, so that a script's last line is a path
    presentation.written(done)
    return done.diagnostics


@_command("build")
def build_command(
    document: Annotated[Optional[Path], typer.Argument(help=_t("build.document"), metavar=_t("meta.file"))] = None,
    period: Annotated[Optional[str], typer.Option("--period", help=_t("opt.period"), metavar=_t("meta.period"))] = None,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    signed: Annotated[Optional[date], typer.Option("--date", help=_t("opt.date"), parser=_valid_date,
                                                   metavar=_t("meta.date"))] = None,
    out: OutOption = Path("build"),
    number: Annotated[Optional[str], typer.Option("--number", help=_t("opt.number"), metavar=_t("meta.number"))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=_t("opt.pdf"))] = False,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    no_cache: NoCacheOption = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv.pipeline import Options
    from bcngv.presentation import Console

    from bcngv import presentation
    from bcngv.diagnostics import diag

    if (document is None) == (period is None):  # a document file, or a draft's period: one of them
        problems = [diag("report-or-document", "--period")]
        presentation.problems(problems, fmt)
        _finish(problems)
    options = Options(period, report, as_of, out, number, signed, document, strict=strict, cache=not no_cache, pdf=pdf)
    _finish(_build_once(_repository(root), options, fmt, Console(quiet, verbose)), strict)


@_command("check")
def check_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=_t("check.paths"), metavar=_t("meta.paths"))] = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.check import check

    repository = _repository(root)
    done = check(repository, paths or [], strict, not no_cache)
    presentation.problems(done.diagnostics, fmt, repository.root, quiet)
    if fmt == "text" and done.loaded is not None:
        presentation.Console(quiet).check_summary(done)
    _finish(done.diagnostics, strict)


@_command("schema")
def schema_command(root: RootOption = None, lang: LangOption = None) -> None:
    from bcngv import presentation
    from bcngv.commands.schema import schema

    presentation.out(schema(_repository(root)), end="")


@_command("new")
def new_command(
    kind: Annotated[str, typer.Argument(help=_t("new.kind"), metavar=_t("arg.KIND"))],
    on: Annotated[Optional[date], typer.Option("--date", help=_t("new.date"), parser=_valid_date,
                                               metavar=_t("meta.date"))] = None,
    like: Annotated[Optional[Path], typer.Option("--like", help=_t("new.like"), metavar=_t("meta.file"))] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.new import new

    repository = _repository(root)
    made = new(repository, kind, on or date.today(), like)
    presentation.problems(made.diagnostics, "text", repository.root)
    if made.path is not None:
        presentation.out(repository.shown(made.path))
    _finish(made.diagnostics)


@_command("explain")
def explain_command(
    period: PeriodOption,
    text: Annotated[Optional[str], typer.Argument(help=_t("explain.text"), metavar=_t("arg.TEXT"))] = None,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.explain import explain
    from bcngv.diagnostics import has_errors
    from bcngv.pipeline import Options

    repository = _repository(root)
    done, uses = explain(repository, Options(period, report, as_of, strict=strict), text)
    presentation.problems(done.diagnostics, fmt, repository.root)
    if not has_errors(done.diagnostics, strict):
        presentation.figures_table(uses)
    _finish(done.diagnostics, strict)


@_command("stats")
def stats_command(
    period: PeriodOption,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.stats import stats
    from bcngv.pipeline import Options

    repository = _repository(root)
    done, counted = stats(repository, Options(period, as_of=as_of, strict=strict, needs_report=False))
    presentation.problems(done.diagnostics, fmt, repository.root)
    if counted is not None and done.plan is not None and done.plan.period is not None:
        presentation.stats_table(counted, done.plan.period.label)
    _finish(done.diagnostics, strict)


@_command("show")
def show_command(
    period: PeriodOption,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.show import show
    from bcngv.diagnostics import has_errors
    from bcngv.pipeline import Options

    repository = _repository(root)
    console = presentation.Console(quiet)
    done, markdown = show(repository, Options(period, report, as_of, strict=strict), console.step)
    console.finish(done)
    presentation.problems(done.diagnostics, "text", repository.root, quiet)
    if markdown is not None and not has_errors(done.diagnostics, strict):
        presentation.report_text(markdown)
    _finish(done.diagnostics, strict)


@_command("watch")
def watch_command(
    period: PeriodOption,
    report: ReportOption = None,
    as_of: AsOfOption = None,
    out: OutOption = Path("build"),
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    interval: Annotated[float, typer.Option("--interval", help=_t("watch.interval"), metavar=_t("meta.seconds"),
                                            parser=_at_least(0.05, float))] = 1.0,
    rebuilds: Annotated[Optional[int], typer.Option("--rebuilds", help=_t("watch.rebuilds"), metavar=_t("meta.times"),
                                                    parser=_at_least(0, int))] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from datetime import datetime

    from bcngv import presentation
    from bcngv.commands.watch import watch
    from bcngv.pipeline import Options, configure

    repository = _repository(root)
    options = Options(period, report, as_of, out, strict=strict)
    plan, problems = configure(repository, options)
    if plan is None:  # a wrong period or report never fixes itself: say so once and stop
        presentation.problems(problems, fmt)
        _finish(problems)
    console = presentation.Console(quiet)

    def rebuild() -> None:
        _build_once(repository, options, fmt, presentation.Console(quiet, verbose))
        console.line(_t("watch.waiting"))

    def changed() -> None:
        console.line(_t("watch.changed", time=datetime.now().strftime("%H:%M:%S")))

    try:
        watch(repository, rebuild, interval, rebuilds, changed)
    except KeyboardInterrupt:  # Ctrl-C is how a person stops watching: not a failure
        pass
    _finish([])


@_command("list")
def list_command(fmt: FormatOption = "text", root: RootOption = None, lang: LangOption = None) -> None:
    from bcngv import presentation
    from bcngv.commands.documents import list_documents

    repository = _repository(root)
    documents, problems = list_documents(repository)
    presentation.problems(problems, fmt, repository.root)
    presentation.documents_table(documents)
    _finish(problems)


@_command("serve")
def serve_command(
    port: Annotated[int, typer.Option("--port", help=_t("serve.port"), parser=_at_least(0, int),
                                      metavar=_t("meta.number"), show_default="8765")] = 8765,
    host: Annotated[str, typer.Option("--host", help=_t("serve.host"), metavar=_t("meta.host"))] = "127.0.0.1",
    password: Annotated[Optional[str], typer.Option("--password", help=_t("serve.password_option"),
                                                    envvar="BCNGV_PASSWORD", show_envvar=False,
                                                    metavar=_t("meta.password"))] = None,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.serve import serve

    repository = _repository(root)
    console = presentation.Console()
    problems = serve(repository, host, port, password, lambda url: console.line(_t("serve.started", url=url)))
    presentation.problems(problems, "text", repository.root)
    _finish(problems)


@_command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(help=_t("init.dir"), metavar=_t("meta.folder"))],
    lang: LangOption = None,
) -> None:
    from bcngv import presentation
    from bcngv.commands.init import init

    done = init(folder)
    presentation.problems(done.problems)
    if not done.problems:
        console = presentation.Console()
        console.line(_t("init.done", folder=folder, files=words.number(len(done.written))))
        console.line({"made": _t("init.git_made", folder=folder), "inside": _t("init.git_inside", folder=folder),
                      "missing": _t("init.git_missing", folder=folder),
                      "failed": _t("init.git_failed", folder=folder)}[done.git])
    _finish(done.problems)


def main() -> None:
    # pydantic plugins are other packages' hooks into validation: bcngv's records need none, and
    # looking for them reads every installed package's metadata (one that wants them sets it empty)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
