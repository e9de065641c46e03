"""`bcngv show`: the report as Markdown with its headings numbered, written nowhere."""

from __future__ import annotations

from bcngv.pipeline import Options, Run, StepHook, preview, run
from bcngv.repository import Repository


def show(repository: Repository, options: Options, step: StepHook | None = None) -> tuple[Run, str | None]:
    """The run, and the report's text (None when a stage failed)."""
    done = run(repository, options, until="compose", step=step)
    return done, preview(done)
