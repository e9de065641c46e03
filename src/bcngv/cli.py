"""The command line. Each command imports the stages it needs inside itself, so that
`bcngv --help` starts fast. Exit codes: 0 ok, 1 data problems, 2 usage or configuration."""

from __future__ import annotations

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


def _print_diagnostics(diagnostics: list, fmt: str) -> None:
    from bcngv.diagnostics_output import FORMATS, render

    if fmt not in FORMATS:
        typer.echo(f"--format: '{fmt}' không hợp lệ; chọn một trong {', '.join(FORMATS)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    if diagnostics:
        typer.echo(render(diagnostics, fmt), err=fmt == "text")


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
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    """Lập một báo cáo .docx cho một kỳ."""
    from bcngv.build import BuildRequest
    from bcngv.build import build as run_build
    from bcngv.diagnostics import has_errors

    request = BuildRequest(_root(root), period, report, _parse_date(as_of, "--as-of"), out, number, strict)
    result = run_build(request)
    _print_diagnostics(result.diagnostics, fmt)
    if result.usage_error:
        raise typer.Exit(EXIT_USAGE)
    if result.output is None or has_errors(result.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)
    typer.echo(str(result.output))


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Tệp hoặc thư mục cần kiểm tra (mặc định: records/).")] = None,
    fmt: FormatOption = "text",
    strict: StrictOption = False,
    root: RootOption = None,
) -> None:
    """Kiểm tra mọi hồ sơ và in tất cả lỗi kèm tệp:dòng:cột."""
    from bcngv.config import load_config
    from bcngv.diagnostics import has_errors
    from bcngv.records.loader import load_records

    base = _root(root)
    config, config_problems = load_config(base)
    loaded = load_records(base, [p.resolve() for p in paths or []])
    _print_diagnostics(config_problems + loaded.diagnostics, fmt)
    if config is None:
        raise typer.Exit(EXIT_USAGE)
    if has_errors(loaded.diagnostics, strict):
        raise typer.Exit(EXIT_DATA)
    if fmt == "text":
        typer.echo(f"{loaded.files} tệp, {len(loaded.records)} hồ sơ hợp lệ.", err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
