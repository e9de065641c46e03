"""`bcngv stats`: a period's records counted and summed by kind and month, no report made."""

from __future__ import annotations

from bcngv.pipeline import Options, Run, run
from bcngv.repository import Repository
from bcngv.stats import Table, tabulate


def stats(repository: Repository, options: Options) -> tuple[Run, Table | None]:
    done = run(repository, options, until="load")
    if done.plan is None or done.plan.period is None or done.loaded is None:
        return done, None
    return done, tabulate(done.loaded.records, done.plan.period, done.plan.as_of, done.plan.config.sections)
