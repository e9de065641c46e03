"""The benchmark's command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(name="bench", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


@app.command()
def generate(
    folder: Annotated[Path, typer.Argument(help="Where to write the office.")],
    records: Annotated[int, typer.Option("--records", help="How many record files.")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same bytes.")] = 1,
) -> None:
    """Write a synthetic office: bcngv.yaml, the catalog, the templates and N records over 2021–2022."""
    from bench.generate import generate as write_office

    typer.echo(f"{write_office(folder, records, seed)} records in {folder}")


@app.command()
def run(
    folder: Annotated[Path, typer.Option("--folder", help="Where the offices are kept between runs.")] = Path(".bench"),
    runs: Annotated[int, typer.Option("--runs", help="Runs of each measure and of its baseline.")] = 5,
) -> None:
    """Time bcngv against its baselines and print medians and ratios; exit 1 when a target is missed."""
    from bench.suite import run_suite

    if not run_suite(folder, runs):
        raise typer.Exit(1)
