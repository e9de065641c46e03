"""The pipeline every command runs: configuration and records in, one official report out.

    configure  bcngv.yaml; --period, --report, --as-of       → Plan
    load       records/ and records/_catalog/                → Loaded records, catalog
    compile    the templates on the search path, summaries   → Templates (a sandboxed renderer)
    compose    the report's template over its period         → Composed: Markdown, its blocks, summary, figures
    lay_out    Decree 30 layout, the office's styles         → the .docx's bytes
    write      .docx, sources.json (and PDF) as one set      → Written

Each stage is a plain function that returns its value and its diagnostics. `run` calls them in
order up to the stage a command needs (`check` stops after compile, `show` and `explain` after
compose, `build` writes), times each as beancount's loader times its stages, and goes no further
than its inputs allow: nothing is composed while any record has an error (a record that cannot be
read might belong to the period), and nothing is written unless every stage succeeded.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from bcngv.config import Config, ReportKind, load_config
from bcngv.diagnostics import Diagnostic, diag, has_errors
from bcngv.output import OutputError
from bcngv.period import FORMS, Period, PeriodError, parse_period
from bcngv.repository import CONFIG_FILE, Repository

# each stage imports what it needs when it runs: `check` never pays for the renderer's imports
if TYPE_CHECKING:
    from bcngv.aside import Aside
    from bcngv.issued import IssuedDocument
    from bcngv.metrics import FigureUse
    from bcngv.provenance import GitState, GitStatus
    from bcngv.records.loader import LoadResult
    from bcngv.render.blocks import Body
    from bcngv.render.templating import Renderer

STAGES = ("configure", "load", "compile", "compose", "lay_out", "write")
StepHook = Callable[[str], None]  # told the name of each stage as it begins, for a progress display


# the run's values are NamedTuples: a quarter of a frozen dataclass's cost to define, paid by every run
class Options(NamedTuple):
    """What the person asked for. Without a period there is no report: the run checks only."""

    period: str | None = None
    report: str | None = None
    as_of: date | None = None  # the figures' cut-off
    out: Path = Path("build")
    number: str | None = None  # the document number, when the clerk has given one
    signed_on: date | None = None  # the signing date, when not the cut-off (--date)
    document: Path | None = None  # an issued-document file (issued.py): its fields replace the above
    strict: bool = False
    cache: bool = True  # read and write the cache of checked records (records/cache.py)
    pdf: bool = False
    paths: tuple[Path, ...] = ()  # the record files or folders to read (default: all of records/)
    needs_report: bool = True  # False: the period alone (stats), no report kind chosen

    @property
    def makes_report(self) -> bool:
        return self.period is not None or self.document is not None


class Plan(NamedTuple):
    """What the run will do, settled before any record is read: the report kind is None when the
    run makes no report, and so is the period when none was asked for."""

    config: Config
    period: Period | None = None
    report_id: str | None = None
    kind: ReportKind | None = None
    as_of: date | None = None  # the figures' cut-off
    signed_on: date | None = None  # the date line; None leaves the day blank for the clerk
    number: str | None = None
    signer: str | None = None  # its id in bcngv.yaml
    issued: IssuedDocument | None = None  # the issued-document file the report rebuilds

    @property
    def name(self) -> str:
        """The report's file name without extension: the issued document's own, or report-period."""
        assert self.period is not None
        return self.issued.name if self.issued is not None else f"{self.report_id}-{self.period.code}"


class Composed(NamedTuple):
    markdown: str
    body: Body  # the Markdown parsed, its headings not numbered yet
    summary: str
    figures: list[FigureUse]  # every figure printed, in order, with the records behind it


class Written(NamedTuple):
    docx: Path
    sources: Path
    pdf: Path | None
    pdf_problems: list[Diagnostic]  # the machine's, not the data's: the set is written all the same
    kept: list[Path]  # files a person changed, kept beside the new ones
    removed_pdf: Path | None  # a PDF of the previous report, which would be older than this one


@dataclass(slots=True)
class Run:
    """What a run gave, stage by stage; a stage not reached leaves its value None."""

    repository: Repository
    options: Options
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    plan: Plan | None = None
    loaded: LoadResult | None = None
    templates: Renderer | None = None
    composed: Composed | None = None
    document: bytes | None = None
    git: GitState | None = None
    written: Written | None = None


def run(repository: Repository, options: Options, until: str = "write", step: StepHook | None = None) -> Run:
    """Run the stages in order up to `until`, each timed; the whole build, readable in one place."""
    done = Run(repository, options)
    last = STAGES.index(until)

    def stage(name: str, work: Callable[[], tuple[Any, list[Diagnostic]]]) -> Any:
        if step is not None:
            step(name)
        started = time.perf_counter()
        value, found = work()
        done.timings.append((name, time.perf_counter() - started))
        done.diagnostics += found
        return value

    # git's view of the inputs, for the report's provenance: asked for now, read at the layout
    git = git_status(repository) if options.makes_report and last >= STAGES.index("lay_out") else None
    aside: Aside[list[Diagnostic]] | None = None
    try:
        done.plan = stage("configure", lambda: configure(repository, options))
        # a report needs its configuration; a check reads the records all the same, to say everything at once
        if (done.plan is None and options.makes_report) or last < STAGES.index("load"):
            return done
        # a check's templates are parsed beside the listing of its records, which leaves a core idle
        aside = checked_aside(repository, done.plan, options) if last == STAGES.index("compile") else None
        done.loaded = stage("load", lambda: load(repository, options, done.plan))
        if done.plan is None:
            return done
        if aside is not None:
            done.templates = stage("compile", lambda: (None, aside.value()))
        elif last >= STAGES.index("compile"):
            done.templates = stage("compile", lambda: compile_templates(repository, done.plan, done.loaded, options))
        report = done.plan.kind is not None and done.templates is not None
        if not report or last < STAGES.index("compose") or has_errors(done.diagnostics, options.strict):
            return done
        done.composed = stage("compose", lambda: compose(repository, done.plan, done.loaded, done.templates, options))
        if done.composed is None or last < STAGES.index("lay_out"):
            return done
        done.git = git.state() if git is not None else None
        done.document = stage("lay_out", lambda: lay_out(repository, done.plan, done.composed, options, done.git))
        if done.document is None or last < STAGES.index("write"):
            return done
        done.written = stage("write", lambda: write(repository, done.plan, done.composed, done.document, options, done.git))
        return done
    finally:
        if git is not None:
            git.close()
        if aside is not None:
            aside.close()


# --- configure ----------------------------------------------------------------------------------
def configure(repository: Repository, options: Options) -> tuple[Plan | None, list[Diagnostic]]:
    """bcngv.yaml, then the report asked for: an issued-document file, or the period, report kind
    and dates of the command line (a draft). Problems of usage: exit 2."""
    from bcngv.records.cache import keeping  # where a configuration read clean is kept for the next run

    config, found = load_config(repository.root, keeping(repository.root) if options.cache else None)
    if config is None:
        return None, found
    if options.document is not None:
        return issued_plan(repository, config, options.document)
    if options.period is None:
        return Plan(config), []
    period, found = read_period(options.period, options.as_of)
    if period is None:
        return None, found
    if not options.needs_report:
        return Plan(config, period, as_of=options.as_of), []
    report_id = options.report or config.default_report(period.kind)
    choices = ", ".join(config.reports)
    if report_id is None:
        return None, [diag("no-default-report", "--report", period=options.period, choices=choices)]
    if report_id not in config.reports:
        return None, [diag("unknown-report", "--report", value=report_id, choices=choices)]
    kind = config.reports[report_id]
    period = period.with_windows(kind.windows)  # the report kind may count by Decree 09 windows
    found = _as_of_problem(period, options.as_of)
    plan = Plan(config, period, report_id, kind, options.as_of, options.signed_on or options.as_of, options.number, kind.signer)
    return (None, found) if found else (plan, [])


def issued_plan(repository: Repository, config: Config, path: Path) -> tuple[Plan | None, list[Diagnostic]]:
    """The plan an issued-document file settles; each mistake at its line in that file."""
    from bcngv.issued import read_issued

    issued, found = read_issued(repository, path)
    if issued is None:
        return None, found
    fields, shown = issued.fields, issued.shown
    if fields.report not in config.reports:
        return None, [diag("unknown-report", shown, *issued.position("report"), value=fields.report,
                           choices=", ".join(config.reports))]
    kind = config.reports[fields.report]
    try:
        period = parse_period(fields.period, kind.windows)
    except PeriodError:
        return None, [diag("invalid-period", shown, *issued.position("period"), value=fields.period, forms=FORMS)]
    signer = fields.signer or kind.signer
    if signer not in config.signers:
        return None, [diag("unknown-signer", shown, *issued.position("signer"), value=signer,
                           choices=", ".join(config.signers))]
    if fields.as_of is not None and fields.as_of < period.start:
        return None, [diag("as-of-before-period", shown, *issued.position("as_of"), value=fields.as_of.isoformat(),
                           period=period.label)]
    return Plan(config, period, fields.report, kind, fields.as_of, issued.signed_on, fields.number, signer, issued), []


def read_period(text: str, as_of: date | None = None) -> tuple[Period | None, list[Diagnostic]]:
    """The period of --period, or the usage problem with it: a text in no accepted form, or an
    --as-of date before the period (which would leave every record out)."""
    try:
        period = parse_period(text)
    except PeriodError:
        return None, [diag("invalid-period", "--period", value=text, forms=FORMS)]
    found = _as_of_problem(period, as_of)
    return (None, found) if found else (period, [])


def _as_of_problem(period: Period, as_of: date | None) -> list[Diagnostic]:
    if as_of is not None and as_of < period.start:
        return [diag("as-of-before-period", "--as-of", value=as_of.isoformat(), period=period.label)]
    return []


# --- load ---------------------------------------------------------------------------------------
def load(repository: Repository, options: Options, plan: Plan | None = None) -> tuple[LoadResult, list[Diagnostic]]:
    """The records (all of records/, or the paths asked for) and the catalog, each file checked on
    its own and then across files (records/loader.py); fields and topics against the office's, when
    bcngv.yaml could be read (else not at all: its problem is reported already)."""
    from bcngv.records.loader import load_records

    sections = plan.config.sections if plan is not None else None
    loaded = load_records(repository.root, options.paths, cache=options.cache, sections=sections,
                          records=options.makes_report)
    if plan is None:
        return loaded, loaded.diagnostics
    from bcngv.records.scope import unknown_reports  # a record kept to (or out of) a report kind not declared

    return loaded, loaded.diagnostics + unknown_reports(loaded.named_reports(), plan.config.reports)


# --- compile ------------------------------------------------------------------------------------
def compile_templates(repository: Repository, plan: Plan, loaded: LoadResult,
                      options: Options) -> tuple[Renderer | None, list[Diagnostic]]:
    """The templates, compiled. Without a report (`check`) every template on the search path and
    every report kind's summary line, so that a syntax error anywhere is found at its file and line
    before any report is asked for (and sources that compiled clean before are not compiled again:
    compiled_memo.py); for a report, its own template and summary (and what they include, as they
    are rendered)."""
    memo = None
    if plan.kind is None and options.cache:  # a check's: a build compiles only what it renders
        from bcngv.compiled_memo import memo_of

        memo = memo_of(repository, [kind.summary for kind in plan.config.reports.values()])
    if memo is not None and memo.clean():
        return None, []
    from bcngv.cachedir import cache_folder
    from bcngv.render.compiled import CompiledTemplates
    from bcngv.render.templating import Renderer

    # compiled code is kept in memory (a rebuild inside watch) and, unless --no-cache, in the user's cache
    compiled = CompiledTemplates(cache_folder(repository.root) if options.cache else None)
    renderer = Renderer(repository.templates, loaded.catalog, plan.kind.pad_counts if plan.kind else True,
                        summaries=plan.kind is not None and plan.kind.depth == "summary", sections=plan.config.sections,
                        compiled=compiled)
    kinds = {plan.report_id: plan.kind} if plan.report_id and plan.kind else plan.config.reports
    names = [kind.template for kind in kinds.values()] if plan.kind else None
    summaries = [(kind.summary, plan.config.summary_line(rid)) for rid, kind in kinds.items()]
    found = renderer.compile_all(names, summaries, CONFIG_FILE)
    if memo is not None and not found:
        memo.remember()
    return (None, found) if has_errors(found) else (renderer, found)


def checked_aside(repository: Repository, plan: Plan | None, options: Options) -> Aside[list[Diagnostic]] | None:
    """A check's templates parsed by a forked process of their own, when there is a core to spare
    and no cache to remember that they compiled clean (compiled_memo.py): their diagnostics, as
    `compile_templates` finds them (a check's compiling reads no record nor the catalog)."""
    if plan is None or plan.kind is not None or options.cache or (os.cpu_count() or 1) < 2:
        return None
    from bcngv.aside import Aside
    from bcngv.records.loader import LoadResult

    return Aside(lambda: compile_templates(repository, plan, LoadResult(), options)[1])


# --- compose ------------------------------------------------------------------------------------
def compose(repository: Repository, plan: Plan, loaded: LoadResult, templates: Renderer,
            options: Options) -> tuple[Composed | None, list[Diagnostic]]:
    """The report's body (Markdown), its summary line and every figure they print."""
    assert plan.kind is not None and plan.report_id is not None
    context = template_context(plan, loaded)
    markdown, found = templates.render(plan.kind.template, context)
    summary, found_summary = templates.render_string(plan.kind.summary, context, CONFIG_FILE,
                                                     plan.config.summary_line(plan.report_id))
    if markdown is None or summary is None:
        return None, found + found_summary
    from bcngv.records.cache import keeping
    from bcngv.render.markdown import parse_kept

    body = parse_kept(markdown, keeping(repository.root) if options.cache else None)
    typed = _typed_numbers(repository, plan.kind, templates, body)  # `show` refuses as `build` does
    if typed:
        return None, found + found_summary + typed
    untold = [] if plan.kind.selective else _untold(context["records"], templates.told_files(), plan)
    return Composed(markdown, body, summary.strip(), list(templates.ledger.uses)), found + found_summary + untold


def _untold(records: Any, told: set[str], plan: Plan) -> list[Diagnostic]:
    """A record of the period no part of the report tells (a kind its template does not name):
    said, so that a person sees it is missing; a warning, as a record may well have nothing to add.
    A report kind that says it is `selective` (a digest) picks what it tells: nothing is listed."""
    assert plan.period is not None
    return [diag("record-not-told", r.path, report=plan.report_id, period=plan.period.label)
            for r in records if r.path not in told]


def _typed_numbers(repository: Repository, kind: ReportKind, templates: Renderer, body: Body) -> list[Diagnostic]:
    """A heading typed with its own number ("2.1. Hội nhập") would be numbered twice: each is
    `heading-numbered` at the template line that wrote it. The Markdown no longer knows its lines,
    so the line is found by the heading's text in the report's template, then in the others on the
    search path (what it may include); failing that, the report's template itself."""
    from bcngv.render.blocks import plain_text
    from bcngv.render.outline import heading_line, typed_numbers

    typed = typed_numbers(body, kind.outline)
    if not typed:
        return []
    loader = templates.env.loader
    assert loader is not None
    names = [kind.template]
    try:
        names += [n for n in loader.list_templates() if n.endswith(".j2") and n != kind.template]
    except Exception:  # noqa: BLE001 - the report's own template is enough to look in
        pass
    sources: list[tuple[str, str]] = []
    for name in names:
        try:
            source, filename, _ = loader.get_source(templates.env, name)
        except Exception:  # noqa: BLE001 - a template that cannot be read now was reported where it is used
            continue
        sources.append((repository.shown(filename or name), source))
    found = []
    for heading, number in typed:
        where = heading_line(sources, heading, number) or (sources[0][0] if sources else f"templates/{kind.template}", 1)
        found.append(diag("heading-numbered", *where, heading=plain_text(heading.runs).strip(), number=number))
    return found


def template_context(plan: Plan, loaded: LoadResult) -> dict[str, Any]:
    """What templates see (the API is documented in render/templating.py)."""
    from bcngv.metrics import Selection, select_compared, select_period
    from bcngv.records.scope import told_in

    assert plan.period is not None
    period, as_of = plan.period, plan.as_of
    cut_off = period.counted_until(as_of)
    # the records this report tells, for every selection at once: `reports:`, `not_in:`, `until:`
    records = [r for r in loaded.records if told_in(r, plan.report_id or "", cut_off)]
    sections = plan.config.sections  # what .field(), .topic() and group() know of the office's headings
    ordered = Selection.of(records, sections)  # sorted once, for every window below
    everything = ordered.dates(None, as_of) if as_of is not None else ordered
    return {
        "period": period,
        "as_of": as_of,
        "document": plan.issued.fields if plan.issued is not None else None,
        "office": plan.config.office,
        "report": plan.kind,
        "records": select_period(ordered, period, as_of, sections),
        "previous": select_compared(ordered, period, period.previous, as_of, sections),
        "last_year": select_compared(ordered, period, period.same_period_last_year, as_of, sections),
        # the latest plan made by the cut-off: one made after it must not replace the one the report knew
        "tasks": (everything if as_of == cut_off else everything.dates(None, cut_off)).planned_for(period.next.code),
        "all_records": everything,
    }


def preview(done: Run) -> str | None:
    """The composed report as Markdown with its headings numbered, as the .docx will say it (what
    `show` prints); None when the run composed nothing."""
    if done.composed is None or done.plan is None or done.plan.kind is None:
        return None
    from bcngv.render.outline import number_headings
    from bcngv.render.preview import as_markdown

    kind = done.plan.kind
    heading = kind.title if kind.shape == "bao_cao" else "V/v"
    return as_markdown(number_headings(done.composed.body, kind.outline), heading, done.composed.summary)


# --- lay out ------------------------------------------------------------------------------------
def git_status(repository: Repository) -> GitStatus:
    from bcngv.provenance import GitStatus

    return GitStatus(repository)


def lay_out(repository: Repository, plan: Plan, composed: Composed, options: Options,
            git: GitState | None) -> tuple[bytes | None, list[Diagnostic]]:
    """The .docx, laid out as Decree 30 prescribes, in the office's styles when it has its own."""
    from bcngv.render.docx_writer import Letterhead, write_docx
    from bcngv.render.outline import number_headings
    from bcngv.render.reference import read_reference
    from bcngv.render.vietnamese import long_date

    assert plan.kind is not None and plan.period is not None
    reference, found = read_reference(repository.root)  # the office's own styles, if any
    if reference is None:
        return None, found
    kind, office = plan.kind, plan.config.office
    written_on = plan.signed_on or plan.period.last
    signer = plan.config.signers[plan.signer or kind.signer]
    # without --as-of the day is left blank for the clerk, as the office does before signing
    place_date = f"{office.place}, {long_date(written_on, blank_day=plan.signed_on is None)}"
    head = Letterhead(
        parent_body=office.parent_body,
        agency=office.agency,
        number_line=f"Số: {plan.number or ' ' * 6}/{kind.number}",
        place_date=place_date,
        shape=kind.shape,
        title=kind.title,
        summary=composed.summary,
        addressee=kind.addressee,
        recipients=tuple(kind.recipients),
        signer_lines=tuple(signer.lines),
        signer_name=signer.name,
        created=datetime.combine(written_on, datetime.min.time(), timezone.utc),
        keywords=" ".join(filter(None, (plan.issued.shown if plan.issued else "", git.keywords if git else ""))),
    )
    return write_docx(number_headings(composed.body, kind.outline), head, reference), found


# --- write --------------------------------------------------------------------------------------
def write(repository: Repository, plan: Plan, composed: Composed, document: bytes, options: Options,
          git: GitState | None) -> tuple[Written | None, list[Diagnostic]]:
    """The .docx, its sources.json and (with --pdf) its PDF, replaced as one set or not at all. A
    file that cannot be written is the machine's problem (exit 2), not the data's. A PDF made
    for an earlier report goes (without --pdf, or without LibreOffice): it would be older than the
    .docx. A .docx or PDF a person changed since it was written is kept beside it (output.py)."""
    from bcngv.output import digest, write_set
    from bcngv.provenance import recorded_files, sources, sources_json, sources_path

    assert plan.report_id is not None and plan.period is not None
    try:
        output = output_path(repository, plan, options.out)
        pdf, record = output.with_suffix(".pdf"), sources_path(output)
        # the .docx first: the file Word may hold open fails before any other is replaced
        files: dict[Path, bytes | None] = {output: document}
        pdf_problems = _add_pdf(files, output, document) if options.pdf else []
        if options.pdf and any(d.code == "pdf-failed" for d in pdf_problems):
            return None, pdf_problems
        files.setdefault(pdf, None)
        stale = pdf if files[pdf] is None and pdf.is_file() else None
        written = {path.name: digest(data) for path, data in files.items() if data is not None}
        files[record] = sources_json(sources(plan.report_id, plan.period, plan.as_of, composed.figures, git,
                                             plan.issued.shown if plan.issued else None, written))
        kept = write_set(files, lambda: recorded_files(record, (output.name, pdf.name)))
    except OutputError as err:  # a folder where the file should be, a full disk, Word holding it
        return None, [err.diagnostic()]
    return Written(output, record, pdf if files[pdf] else None, pdf_problems, kept, stale), pdf_problems


def previous_report(done: Run) -> Path | None:
    """The report a failed build leaves in its folder, made by an earlier build; None if none is."""
    if done.plan is None or done.plan.period is None or done.plan.report_id is None:
        return None
    try:
        path = output_path(done.repository, done.plan, done.options.out)
    except OutputError:
        return None
    return path if path.is_file() else None


def output_path(repository: Repository, plan: Plan, out: Path) -> Path:
    """The report's file, directly inside --out. Report ids and document file names are plain
    names (config.py, issued.py), so this always holds; checked again here because a name that led
    elsewhere would write there. Raises OutputError (a diagnostic, exit 2) rather than write
    anywhere else."""
    folder = (out if out.is_absolute() else repository.root / out).resolve()
    path = folder / f"{plan.name}.docx"
    if path.parent != folder or path.name in ("", ".", ".."):
        raise OutputError(path, f"not directly inside {folder}")
    return path


def _add_pdf(files: dict[Path, bytes | None], output: Path, document: bytes) -> list[Diagnostic]:
    """Put the report's PDF into the set; a failed conversion (`pdf-failed`) means nothing is to be
    written. Without LibreOffice the set removes an old PDF, which would be older than its report."""
    from bcngv.pdf import find_soffice, render_pdf

    target, soffice = output.with_suffix(".pdf"), find_soffice()
    if soffice is None:
        files[target] = None
        return [diag("libreoffice-missing", "--pdf")]
    files[target], problems = render_pdf(output, document, soffice)
    return problems
