"""`bcngv check [PATH…]`: every problem of the records, the catalog, bcngv.yaml and the templates."""

from __future__ import annotations

from pathlib import Path

from bcngv.diagnostics import diag
from bcngv.issued import issued_files
from bcngv.pipeline import Options, Run, issued_plan, run
from bcngv.repository import Repository


def check(repository: Repository, paths: list[Path], strict: bool = False, cache: bool = True) -> Run:
    """The pipeline up to the compiled templates, with no report, and every issued-document file
    settled as its build would settle it: everything a build would refuse."""
    options = Options(strict=strict, cache=cache, paths=tuple(p.resolve() for p in paths))
    missing = [diag("no-such-path", str(p), value=str(p)) for p in paths if not p.exists()]
    if missing:
        return Run(repository, options, diagnostics=missing)
    done = run(repository, options, until="compile")
    if done.plan is not None and not paths:  # bcngv.yaml can be read: each document checks against it
        for document in issued_files(repository):
            done.diagnostics += issued_plan(repository, done.plan.config, document)[1]
    return done
