"""Everything bcngv prints: problems, progress, summaries, tables, paths and the report's text.

On a terminal a rich progress bar appears once the work has taken more than a moment (a quick build
shows no flicker); when stderr is not a terminal, or NO_COLOR is set, everything is plain lines,
stable enough for CI logs and grep. `--quiet` keeps only errors; `--verbose` adds each stage's time.
People read stderr; stdout carries only what a script reads (the paths written, JSON, the report's
text). Nothing a record holds reaches a terminal unescaped (`printable`).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bcngv.words import number, seconds, text
from bcngv.diagnostics import Diagnostic, sorted_diagnostics
from bcngv.diagnostics_output import printable, render
from bcngv.pipeline import STAGES, Run, previous_report

if TYPE_CHECKING:
    from rich.progress import Progress

    from bcngv.issued import IssuedDocument
    from bcngv.metrics import FigureUse
    from bcngv.stats import Table

_DELAY = 0.4  # seconds of work before the progress bar is worth showing


def is_plain(stream: TextIO) -> bool:
    return not stream.isatty() or bool(os.environ.get("NO_COLOR"))


def out(words: str, end: str = "\n") -> None:
    """What a script reads: on stdout."""
    sys.stdout.write(words + end)
    sys.stdout.flush()


def problems(diagnostics: Iterable[Diagnostic], fmt: str = "text", root: Path | None = None,
             quiet: bool = False) -> None:
    """Problems on stderr for people (with the lines of files under `root` quoted), on stdout for
    tools; --quiet keeps the errors only."""
    shown = sorted_diagnostics(d for d in diagnostics if d.is_error or not quiet)
    if not shown:
        return
    words = render(shown, fmt, root, colour=fmt == "text" and not is_plain(sys.stderr))
    if fmt == "text":
        print(words, file=sys.stderr, flush=True)
    else:
        out(words)


class Console:
    """The progress of one run on stderr, and its closing lines."""

    def __init__(self, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.stream = stream or sys.stderr
        self.plain = is_plain(self.stream)
        self.started = time.perf_counter()
        self._step: str | None = None
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task = None
        self._timer: threading.Timer | None = None

    def line(self, words: str) -> None:
        if not self.quiet:
            print(printable(words), file=self.stream, flush=True)

    def step(self, name: str) -> None:
        """A stage of the pipeline begins (pipeline.run calls this with each name of STAGES)."""
        self._step = name
        if self.quiet or self.plain:
            return
        with self._lock:
            if self._progress is not None:
                self._progress.update(self._task, description=text(f"step.{name}"), completed=STAGES.index(name))
            elif self._timer is None:
                self._timer = threading.Timer(_DELAY, self._show_progress)
                self._timer.daemon = True
                self._timer.start()

    def _show_progress(self) -> None:
        from rich.console import Console as RichConsole
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._timer is None:  # finished meanwhile
                return
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                      TimeElapsedColumn(), console=RichConsole(file=self.stream), transient=True)
            done = STAGES.index(self._step) if self._step in STAGES else 0
            self._task = self._progress.add_task(text(f"step.{self._step}"), total=len(STAGES), completed=done)
            self._progress.start()

    def finish(self, done: Run | None = None) -> None:
        """The work is over: take the progress bar away (before problems are printed), and with
        --verbose say how long each stage took."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._progress is not None:
                self._progress.stop()
                self._progress = None
        if self.verbose and done is not None:
            for name, spent in done.timings:
                self.line(f"  {text(f'step.{name}')}: {seconds(spent)}")

    def elapsed(self) -> str:
        return seconds(time.perf_counter() - self.started)

    def build_summary(self, done: Run) -> None:
        """One closing line: the report written, or how many problems stopped it (counts written
        as the reader writes them: 20.000 hồ sơ)."""
        errors = sum(d.is_error for d in done.diagnostics)
        records = done.loaded.valid if done.loaded is not None else 0
        counts = {"records": number(records), "warnings": number(len(done.diagnostics) - errors),
                  "seconds": self.elapsed()}
        if done.written is None:
            self.line(text("summary.failed", errors=number(errors), **counts))
        else:
            figures = len(done.composed.figures) if done.composed is not None else 0
            self.line(text("summary.built", output=done.written.docx, figures=number(figures), **counts))
        self._which_files(done)

    def _which_files(self, done: Run) -> None:
        """Which report is in the folder: the previous one when this build failed; the changed
        files kept and the old PDF removed when it wrote."""
        if done.written is None:
            if (previous := previous_report(done)) is not None:
                built = datetime.fromtimestamp(previous.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
                self.line(text("summary.previous", output=previous, built=built))
            return
        for kept in done.written.kept:
            self.line(text("summary.kept", output=kept))
        if done.written.removed_pdf is not None:
            self.line(text("summary.pdf_removed", output=done.written.removed_pdf))

    def check_summary(self, done: Run) -> None:
        errors = sum(d.is_error for d in done.diagnostics)
        files, records = (done.loaded.files, done.loaded.valid) if done.loaded is not None else (0, 0)
        self.line(text("summary.checked", files=number(files), records=number(records), errors=number(errors),
                       warnings=number(len(done.diagnostics) - errors)))


def written(done: Run) -> None:
    """The files a build wrote, one a line on stdout, for scripts."""
    if done.written is None:
        return
    out(printable(str(done.written.docx)))
    if done.written.pdf is not None:
        out(printable(str(done.written.pdf)))


def figures_table(uses: list[FigureUse]) -> None:
    """explain's table: each figure, its value, its query and its records."""
    from rich.console import Console as RichConsole
    from rich.table import Table as RichTable
    from rich.text import Text

    from bcngv.provenance import json_number

    table = RichTable(show_lines=True)
    for heading in text("explain.headings").split("|"):
        table.add_column(heading, overflow="fold")
    for use in uses:  # as Text, escaped: a record's words are neither rich markup nor terminal codes
        cells = (use.text, str(json_number(use.figure.value)), use.figure.query)
        paths = "\n".join(printable(r.path) for r in use.figure.records)  # one a line
        table.add_row(*(Text(printable(cell)) for cell in cells), Text(paths))
    RichConsole().print(table)


def stats_table(counted: Table, title: str) -> None:
    from rich.console import Console as RichConsole
    from rich.table import Table as RichTable
    from rich.text import Text

    from bcngv.render.vietnamese import number

    first, total = text("stats.headings").split("|")
    table = RichTable(first, *counted.months, total, title=title)
    for row in counted.rows:
        table.add_row(Text(printable(row.label)), *(number(cell.value) for cell in row.cells))
    RichConsole().print(table)


def documents_table(documents: list[IssuedDocument]) -> None:
    """list's table: each issued document with its report, period, number and signing date."""
    from rich.console import Console as RichConsole
    from rich.table import Table as RichTable
    from rich.text import Text

    from bcngv.render.vietnamese import short_date

    table = RichTable(*text("list.headings").split("|"))
    for document in documents:
        fields = document.fields
        signed = short_date(document.signed_on) if document.signed_on else ""
        cells = (document.shown, fields.report, fields.period, fields.number or "", signed)
        table.add_row(*(Text(printable(cell)) for cell in cells))
    RichConsole().print(table)


def report_text(markdown: str) -> None:
    """The report as `show` prints it: the Markdown itself when piped (to read, grep or save),
    rendered on a terminal."""
    markdown = printable(markdown, lines=True)  # records were checked; this is defence in depth
    if is_plain(sys.stdout):
        out(markdown, end="")
        return
    from rich.console import Console as RichConsole
    from rich.markdown import Markdown

    RichConsole().print(Markdown(markdown))
