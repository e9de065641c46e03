"""The pipeline, end to end: configuration and records in, one official report out.

    bcngv.yaml ─config─┐
    records/ ─load─────┼─▶ period selection ─▶ Jinja (sandboxed) ─▶ Markdown ─▶ blocks ─▶ .docx
    --period, --as-of ─┘

Nothing is written unless every stage succeeded; the .docx is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bcngv.config import Config, ReportKind, load_config
from bcngv.diagnostics import Diagnostic, diag, has_errors
from bcngv.metrics import Selection, select_period
from bcngv.period import FORMS, Period, PeriodError, parse_period
from bcngv.records.loader import LoadResult, load_records
from bcngv.render.templating import Ledger


@dataclass(frozen=True, slots=True)
class BuildRequest:
    root: Path
    period: str
    report: str | None = None
    as_of: date | None = None
    out: Path = Path("build")
    number: str | None = None  # the document number, when the clerk has given one
    strict: bool = False


@dataclass(slots=True)
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    usage_error: bool = False  # configuration or command-line problem (exit 2), not data (exit 1)
    output: Path | None = None
    records: int = 0
    ledger: Ledger = field(default_factory=Ledger)


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
    try:
        period = parse_period(request.period)
    except PeriodError:
        return None, [diag("invalid-period", "--period", value=request.period, forms=FORMS)]
    report_id = request.report or config.default_report(period.kind)
    choices = ", ".join(config.reports)
    if report_id is None:
        return None, [diag("no-default-report", "--report", period=request.period, choices=choices)]
    if report_id not in config.reports:
        return None, [diag("unknown-report", "--report", value=report_id, choices=choices)]
    return Plan(config, period, report_id, config.reports[report_id]), []


def output_path(request: BuildRequest, chosen: Plan) -> Path:
    out = request.out if request.out.is_absolute() else request.root / request.out
    return out / f"{chosen.report_id}-{chosen.period.code}.docx"


def build(request: BuildRequest) -> BuildResult:
    result = BuildResult()
    chosen, result.diagnostics = plan(request)
    if chosen is None:
        result.usage_error = True
        return result
    loaded = load_records(request.root)
    result.diagnostics += loaded.diagnostics
    result.records = len(loaded.records)
    # a record that cannot be read might belong to the period: refuse to build on any error
    if has_errors(result.diagnostics, request.strict):
        return result
    data = _render(request, chosen, loaded, result)
    if data is None:
        return result
    from bcngv.output import write_atomic

    result.output = output_path(request, chosen)
    write_atomic(result.output, data)
    return result


def _render(request: BuildRequest, chosen: Plan, loaded: LoadResult, result: BuildResult) -> bytes | None:
    from bcngv.output import stable_zip
    from bcngv.render.docx_writer import Letterhead, write_docx
    from bcngv.render.markdown import parse
    from bcngv.render.outline import number_headings
    from bcngv.render.templating import Renderer
    from bcngv.render.vietnamese import long_date

    period, kind, office = chosen.period, chosen.kind, chosen.config.office
    renderer = Renderer(request.root / "templates", loaded.catalog, kind.pad_counts, result.ledger)
    written_on = request.as_of or (period.end - timedelta(days=1))
    everything = Selection(sorted(loaded.records, key=lambda r: (r.date, r.path)), "all_records")
    context = {
        "period": period,
        "as_of": request.as_of,
        "office": office,
        "report": kind,
        "records": select_period(loaded.records, period),
        "tasks": everything.kind("nhiem_vu").where(target=period.next.code),
        "all_records": everything,
    }
    markdown, found = renderer.render(kind.template, context)
    summary, found_summary = renderer.render_string(kind.summary, context, "bcngv.yaml")
    result.diagnostics += found + found_summary
    if markdown is None or summary is None:
        return None
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
    )
    return stable_zip(write_docx(number_headings(parse(markdown)), head))
