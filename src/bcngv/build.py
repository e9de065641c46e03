"""The pipeline, end to end: configuration and records in, one official report out.

    bcngv.yaml ─config─┐
    records/ ─load─────┼─▶ period selection ─▶ Jinja (sandboxed) ─▶ Markdown ─▶ blocks ─▶ .docx
    --period, --as-of ─┘

Nothing is written unless every stage succeeded; the .docx and its sources.json (every printed
figure with the records behind it) are written atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bcngv.config import CONFIG_FILE, Config, ReportKind, load_config
from bcngv.diagnostics import Diagnostic, diag, has_errors
from bcngv.metrics import Ledger, Selection, select_compared, select_period
from bcngv.period import FORMS, Period, PeriodError, parse_period
from bcngv.records.loader import LoadResult, load_records

if TYPE_CHECKING:
    from bcngv.provenance import GitState

# told the name of each step as it begins ("load", "check", "render", "write"), for a progress display
StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    pass


@dataclass(frozen=True, slots=True)
class BuildRequest:
    root: Path
    period: str
    report: str | None = None
    as_of: date | None = None
    out: Path = Path("build")
    number: str | None = None  # the document number, when the clerk has given one
    strict: bool = False
    cache: bool = True  # read and write the cache of checked records (records/cache.py)


@dataclass(slots=True)
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    usage_error: bool = False  # configuration or command-line problem (exit 2), not data (exit 1)
    output: Path | None = None
    sources: Path | None = None
    pdf: Path | None = None
    pdf_problems: list[Diagnostic] = field(default_factory=list)  # the machine's, not the data's (exit 2)
    records: int = 0
    ledger: Ledger = field(default_factory=Ledger)
    git: GitState | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """What one build will do, settled before any record is read."""

    config: Config
    period: Period
    report_id: str
    kind: ReportKind


def plan(request: BuildRequest) -> tuple[Plan | None, list[Diagnostic]]:
    config, found = load_config(request.root)
    if config is None:
        return None, found
    period, found = read_period(request.period)
    if period is None:
        return None, found
    report_id = request.report or config.default_report(period.kind)
    choices = ", ".join(config.reports)
    if report_id is None:
        return None, [diag("no-default-report", "--report", period=request.period, choices=choices)]
    if report_id not in config.reports:
        return None, [diag("unknown-report", "--report", value=report_id, choices=choices)]
    kind = config.reports[report_id]
    period = period.with_windows(kind.windows)  # the report kind may count by Decree 09 windows
    found = _as_of_problem(period, request.as_of)
    return (None, found) if found else (Plan(config, period, report_id, kind), [])


def read_period(text: str, as_of: date | None = None, windows: str = "calendar") -> tuple[Period | None, list[Diagnostic]]:
    """The period of --period, or the usage problem with it: a text in no accepted form, or an
    --as-of date before the period (which would leave every record out)."""
    try:
        period = parse_period(text, windows)
    except PeriodError:
        return None, [diag("invalid-period", "--period", value=text, forms=FORMS)]
    found = _as_of_problem(period, as_of)
    return (None, found) if found else (period, [])


def _as_of_problem(period: Period, as_of: date | None) -> list[Diagnostic]:
    if as_of is not None and as_of < period.start:
        return [diag("as-of-before-period", "--as-of", value=as_of.isoformat(), period=period.label)]
    return []


def output_path(request: BuildRequest, chosen: Plan) -> Path:
    """The report's file, directly inside --out. Report ids are plain names (config.py), so this
    always holds; checked again here because a name that led elsewhere would write there.
    Raises OutputError (a diagnostic, exit 2) rather than write anywhere else."""
    out = (request.out if request.out.is_absolute() else request.root / request.out).resolve()
    path = out / f"{chosen.report_id}-{chosen.period.code}.docx"
    if path.parent != out or path.name in ("", ".", ".."):
        from bcngv.output import OutputError

        raise OutputError(path, f"not directly inside {out}")
    return path


def _prepare(request: BuildRequest, step: StepHook = _no_hook) -> tuple[Plan | None, LoadResult | None, BuildResult]:
    """Plan the build and read the records; (plan, records) are None after a stage that failed."""
    result = BuildResult()
    step("load")
    chosen, result.diagnostics = plan(request)
    if chosen is None:
        result.usage_error = True
        return None, None, result
    loaded = load_records(request.root, cache=request.cache)
    step("check")
    result.diagnostics += loaded.diagnostics
    result.records = loaded.valid
    # a record that cannot be read might belong to the period: refuse to build on any error
    if has_errors(result.diagnostics, request.strict):
        return chosen, None, result
    return chosen, loaded, result


def explain(request: BuildRequest) -> BuildResult:
    """Render the report's text without writing anything: the ledger holds every printed figure."""
    chosen, loaded, result = _prepare(request)
    if chosen is not None and loaded is not None:
        _text(request, chosen, loaded, result)
    return result


def preview(request: BuildRequest, step: StepHook = _no_hook) -> tuple[BuildResult, str | None]:
    """The report as Markdown with its headings numbered, for reading in a terminal: nothing is
    written, and the text is None when a stage failed."""
    chosen, loaded, result = _prepare(request, step)
    if chosen is None or loaded is None:
        return result, None
    step("render")
    text = _text(request, chosen, loaded, result)
    if text is None:
        return result, None
    from bcngv.render.markdown import parse
    from bcngv.render.outline import number_headings
    from bcngv.render.preview import as_markdown

    markdown, summary = text
    heading = chosen.kind.title if chosen.kind.shape == "bao_cao" else "V/v"
    return result, as_markdown(number_headings(parse(markdown)), heading, summary.strip())


def build(request: BuildRequest, step: StepHook = _no_hook, pdf: bool = False) -> BuildResult:
    """Build the report; the .docx, its sources.json and (with `pdf`) its PDF are replaced as one
    set, or not at all."""
    chosen, loaded, result = _prepare(request, step)
    if chosen is None or loaded is None:
        return result
    from bcngv.output import write_set
    from bcngv.provenance import git_state, sources, sources_json, sources_path

    step("render")
    result.git = git_state(request.root)
    data = _render(request, chosen, loaded, result)
    if data is None:
        return result
    step("write")
    output = output_path(request, chosen)
    document = sources(chosen.report_id, chosen.period, request.as_of, result.ledger.uses, result.git)
    # the .docx first: the file Word may hold open fails before any other is replaced
    files: dict[Path, bytes | None] = {output: data, sources_path(output): sources_json(document)}
    if pdf and not _add_pdf(files, output, data, result):
        return result
    write_set(files)
    result.output, result.sources = output, sources_path(output)
    result.pdf = output.with_suffix(".pdf") if files.get(output.with_suffix(".pdf")) else None
    return result


def _add_pdf(files: dict[Path, bytes | None], output: Path, data: bytes, result: BuildResult) -> bool:
    """Put the report's PDF into the set; False when the conversion failed, and nothing is to be
    written. Without LibreOffice the set removes an old PDF, which would be older than its report."""
    from bcngv.pdf import find_soffice, render_pdf

    target, soffice = output.with_suffix(".pdf"), find_soffice()
    if soffice is None:
        files[target], result.pdf_problems = None, [diag("libreoffice-missing", "--pdf")]
        return True
    files[target], result.pdf_problems = render_pdf(output, data, soffice)
    return files[target] is not None


def _context(request: BuildRequest, chosen: Plan, loaded: LoadResult) -> dict[str, Any]:
    """What templates see (the API is documented in render/templating.py)."""
    period, as_of, records = chosen.period, request.as_of, loaded.records
    everything = Selection.of(records)
    if as_of is not None:
        everything = everything.dates(None, as_of)
    return {
        "period": period,
        "as_of": as_of,
        "office": chosen.config.office,
        "report": chosen.kind,
        "records": select_period(records, period, as_of),
        "previous": select_compared(records, period, period.previous, as_of),
        "last_year": select_compared(records, period, period.same_period_last_year, as_of),
        "tasks": everything.planned_for(period.next.code),
        "all_records": everything,
    }


def _text(request: BuildRequest, chosen: Plan, loaded: LoadResult, result: BuildResult) -> tuple[str, str] | None:
    """The report's body (Markdown) and its summary line, from the templates."""
    from bcngv.render.templating import Renderer

    renderer = Renderer(request.root / "templates", loaded.catalog, chosen.kind.pad_counts, result.ledger)
    context = _context(request, chosen, loaded)
    markdown, found = renderer.render(chosen.kind.template, context)
    summary, found_summary = renderer.render_string(chosen.kind.summary, context, CONFIG_FILE, _summary_line(request.root, chosen.report_id))
    result.diagnostics += found + found_summary
    if markdown is None or summary is None:
        return None
    return markdown, summary


def _summary_line(root: Path, report_id: str) -> int:
    """The line of bcngv.yaml where this report's `summary:` starts, for its diagnostics."""
    from bcngv.confined_yaml import read_yaml_inside

    located, _ = read_yaml_inside(root, root / CONFIG_FILE, CONFIG_FILE)
    return located.position(("reports", report_id, "summary"))[0] if located is not None else 1


def _render(request: BuildRequest, chosen: Plan, loaded: LoadResult, result: BuildResult) -> bytes | None:
    from bcngv.output import stable_zip
    from bcngv.render.docx_writer import Letterhead, write_docx
    from bcngv.render.markdown import parse
    from bcngv.render.outline import number_headings
    from bcngv.render.reference import read_reference
    from bcngv.render.vietnamese import long_date

    period, kind, office = chosen.period, chosen.kind, chosen.config.office
    written_on = request.as_of or period.last
    reference, found_reference = read_reference(request.root)  # the office's own styles, if any
    result.diagnostics += found_reference
    text = _text(request, chosen, loaded, result)
    if text is None or reference is None:
        return None
    markdown, summary = text
    signer = chosen.config.signers[kind.signer]
    # without --as-of the day is left blank for the clerk, as the office does before signing
    place_date = f"{office.place}, {long_date(written_on, blank_day=request.as_of is None)}"
    number = request.number or " " * 6
    head = Letterhead(
        parent_body=office.parent_body,
        agency=office.agency,
        number_line=f"Số: {number}/{kind.number}",
        place_date=place_date,
        shape=kind.shape,
        title=kind.title,
        summary=summary.strip(),
        addressee=kind.addressee,
        recipients=tuple(kind.recipients),
        signer_lines=tuple(signer.lines),
        signer_name=signer.name,
        created=datetime.combine(written_on, datetime.min.time(), timezone.utc),
        keywords=result.git.keywords if result.git else "",
    )
    return stable_zip(write_docx(number_headings(parse(markdown)), head, reference))
