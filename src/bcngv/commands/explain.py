"""`bcngv explain`: each figure of a report, its query and the records behind it."""

from __future__ import annotations

from bcngv.diagnostics import diag
from bcngv.metrics import FigureUse
from bcngv.pipeline import Options, Run, run
from bcngv.repository import Repository


def explain(repository: Repository, options: Options, text: str | None = None) -> tuple[Run, list[FigureUse]]:
    """Every figure the report prints, or those printed as `text` (exactly so, else holding it)."""
    done = run(repository, options, until="compose")
    if done.composed is None:
        return done, []
    uses = done.composed.figures
    if text is None:
        return done, uses
    wanted = text.strip()
    chosen = [u for u in uses if u.text == wanted] or [u for u in uses if wanted in u.text]
    if not chosen:
        done.diagnostics.append(diag("no-such-figure", "TEXT", value=wanted, period=options.period))
    return done, chosen
