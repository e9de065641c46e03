"""`bcngv build`: the report's .docx, its sources.json and (with --pdf) its PDF, as one set."""

from __future__ import annotations

from bcngv.pipeline import Options, Run, StepHook, run
from bcngv.repository import Repository


def build(repository: Repository, options: Options, step: StepHook | None = None) -> Run:
    return run(repository, options, until="write", step=step)
