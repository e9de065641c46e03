"""The command line. Each command imports the stages it needs inside itself, so that
`bcngv --help` starts fast. Exit codes: 0 ok, 1 data problems, 2 usage or configuration."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="bcngv",
    help="bcngv (báo cáo ngoại vụ): kiểm tra hồ sơ YAML và lập báo cáo .docx theo Nghị định 30/2020.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

RootOption = Annotated[
    Optional[Path], typer.Option("--root", help="Thư mục kho hồ sơ (mặc định: thư mục có bcngv.yaml).")
]
FormatOption = Annotated[str, typer.Option("--format", help="Dạng in lỗi: text, json hoặc github.")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi.")]
LangOption = Annotated[Optional[str], typer.Option("--lang", help="Ngôn ngữ thông báo: vi (mặc định) hoặc en.")]


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
        typer.echo(f"{option}: '{text}' không phải ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2022-07-29)", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _print_diagnostics(diagnostics: list, fmt: str, root: Path | None = None) -> None:
    """Problems on stderr for people (with the lines of files under `root` quoted), on stdout for tools."""
    from bcngv.diagnostics_output import FORMATS, render

    if fmt not in FORMATS:
        typer.echo(f"--format: '{fmt}' không hợp lệ; chọn một trong {', '.join(FORMATS)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    colour = fmt == "text" and sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    if diagnostics:
        typer.echo(render(diagnostics, fmt, root, colour), err=fmt == "text")


@app.callback()
def _main(lang: LangOption = None) -> None:
    from bcngv import messages

    messages.set_language(lang)


@app.command()
def build(
    period: Annotated[str, typer.Option("--period", help="Kỳ báo cáo, ví dụ 2022-07.")],
    report: Annotated[Optional[str], typer.Option("--report", help="Loại báo cáo trong bcngv.yaml.")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Ngày chốt số liệu và ngày ký báo cáo.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi báo cáo.")] = Path("build"),
    number: Annotated[Optional[str], typer.Option("--number", help="Số văn bản (để trống cho văn thư).")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Ghi thêm tệp PDF bằng LibreOffice.")] = False,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    """Lập một báo cáo .docx cho một kỳ (và tệp PDF với --pdf).

    Không ghi được tệp, hoặc thiếu LibreOffice cho --pdf (tệp .docx vẫn được ghi): mã thoát 2."""
    from bcngv.build import BuildRequest
    from bcngv.build import build as run_build
    from bcngv.diagnostics import has_errors
    from bcngv.output import OutputError

    request = BuildRequest(_root(root), period, report, _parse_date(as_of, "--as-of"), out, number, strict)
    try:
        result = run_build(request)
    except OutputError as err:  # the machine's problem (a folder, a file open in Word), not the data's
        _print_diagnostics([err.diagnostic()], fmt)
        raise typer.Exit(EXIT_USAGE) from None
    _print_diagnostics(result.diagnostics, fmt, request.root)
    if result.usage_error:
        raise typer.Exit(EXIT_USAGE)
    if result.output is None or has_errors(result.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)
    typer.echo(str(result.output))
    if pdf:
        from bcngv.pdf import convert_to_pdf

        written, problems = convert_to_pdf(result.output)
        _print_diagnostics(problems, fmt)
        if written is None:
            raise typer.Exit(EXIT_USAGE)
        typer.echo(str(written))


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Tệp hoặc thư mục cần kiểm tra (mặc định: records/).")] = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    """Kiểm tra mọi hồ sơ và in tất cả lỗi kèm tệp:dòng:cột."""
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
    loaded = load_records(base, [p.resolve() for p in paths or []])
    problems = config_problems + loaded.diagnostics
    _print_diagnostics(problems, fmt, base)
    if fmt == "text":
        typer.echo(summary(problems, loaded.files, len(loaded.records)), err=True)
    if config is None:
        raise typer.Exit(EXIT_USAGE)
    if has_errors(loaded.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)


@app.command()
def schema() -> None:
    """In lược đồ JSON (JSON Schema 2020-12) của một hồ sơ, để trình soạn thảo gợi ý trường và giá trị."""
    from bcngv.schema import record_schema_text

    typer.echo(record_schema_text(), nl=False)


@app.command()
def new(
    kind: Annotated[str, typer.Argument(help="Loại hồ sơ, ví dụ doan_ra, tham_muu, dich_thuat.")],
    on: Annotated[Optional[str], typer.Option("--date", help="Ngày của hoạt động (mặc định: hôm nay).")] = None,
    like: Annotated[Optional[Path], typer.Option("--like", help="Lấy các giá trị của một hồ sơ có sẵn.")] = None,
    root: RootOption = None,
) -> None:
    """Tạo một hồ sơ mẫu trong records/NĂM/THÁNG/ với mọi trường và các giá trị được phép."""
    from bcngv.skeleton import new_record

    base = _root(root)
    made = new_record(base, kind, _parse_date(on, "--date") or date.today(), like.resolve() if like else None)
    _print_diagnostics(made.diagnostics, "text", base)
    if made.path is None:
        raise typer.Exit(EXIT_USAGE if made.usage_error else EXIT_DATA)
    typer.echo(made.path.relative_to(base).as_posix())


PeriodOption = Annotated[str, typer.Option("--period", help="Kỳ báo cáo, ví dụ 2022-07, 2022-Q3, 2022-9M, 2022.")]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help="Ngày chốt số liệu (bỏ qua hồ sơ sau ngày này).")]

# table headings, in the language of the messages
_HEADINGS = {
    "explain": {"vi": ("Số liệu", "Giá trị", "Cách tính", "Hồ sơ"), "en": ("Figure", "Value", "Query", "Records")},
    "stats": {"vi": ("Loại hồ sơ", "Cộng"), "en": ("Record kind", "Total")},
}


def _headings(command: str) -> tuple[str, ...]:
    from bcngv import messages

    return _HEADINGS[command][messages.language()]


@app.command()
def explain(
    period: PeriodOption,
    text: Annotated[Optional[str], typer.Argument(help="Số liệu như in trong báo cáo, ví dụ '05/08 (tỷ lệ 63%)'.")] = None,
    report: Annotated[Optional[str], typer.Option("--report", help="Loại báo cáo trong bcngv.yaml.")] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    """Cho biết mỗi số liệu của báo cáo được tính thế nào, từ những hồ sơ nào."""
    from rich.console import Console
    from rich.table import Table

    from bcngv.build import BuildRequest
    from bcngv.build import explain as run_explain
    from bcngv.diagnostics import diag, has_errors
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
    for use in uses:
        table.add_row(use.text, str(json_number(use.figure.value)), use.figure.query,
                      "\n".join(r.path for r in use.figure.records))
    Console().print(table)


@app.command()
def stats(
    period: PeriodOption,
    as_of: AsOfOption = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    """Đếm và cộng hồ sơ theo loại và theo tháng của một kỳ, không lập báo cáo."""
    from rich.console import Console
    from rich.table import Table

    from bcngv.build import read_period
    from bcngv.diagnostics import has_errors
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
        table.add_row(row.label, *(number(cell.value) for cell in row.cells))
    Console().print(table)
    if has_errors(loaded.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
