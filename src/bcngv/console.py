"""What a person sees while bcngv works: the steps (load, check, render, write), then one summary.

On a terminal a rich progress bar appears once the work has taken more than a moment (a quick
build shows no flicker); when stderr is not a terminal, or NO_COLOR is set, everything is plain
lines, stable enough for CI logs and grep. `--quiet` keeps only errors; `--verbose` adds each
step's time. Everything goes to stderr: stdout carries only what a script reads (the paths written).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO

from bcngv.cli_text import seconds, text
from bcngv.diagnostics_output import printable

if TYPE_CHECKING:
    from rich.progress import Progress

    from bcngv.build import BuildResult

STEPS = ("load", "check", "render", "write")
_DELAY = 0.4  # seconds of work before the progress bar is worth showing


def is_plain(stream: TextIO) -> bool:
    return not stream.isatty() or bool(os.environ.get("NO_COLOR"))


class Console:
    def __init__(self, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.stream = stream or sys.stderr
        self.plain = is_plain(self.stream)
        self.started = time.perf_counter()
        self._step: str | None = None
        self._step_started = self.started
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task = None
        self._timer: threading.Timer | None = None

    def line(self, words: str) -> None:
        """One line of the log; the paths it names come from the repository, so it is escaped."""
        if not self.quiet:
            print(printable(words), file=self.stream, flush=True)

    def step(self, name: str) -> None:
        """A step of the pipeline begins (the build calls this with each name of STEPS)."""
        self._end_step()
        self._step, self._step_started = name, time.perf_counter()
        if self.quiet or self.plain:
            return
        with self._lock:
            if self._progress is not None:
                self._progress.update(self._task, description=text(f"step.{name}"), completed=STEPS.index(name))
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
            done = STEPS.index(self._step) if self._step in STEPS else 0
            self._task = self._progress.add_task(text(f"step.{self._step}"), total=len(STEPS), completed=done)
            self._progress.start()

    def _end_step(self) -> None:
        if self._step is not None and self.verbose:
            self.line(f"  {text(f'step.{self._step}')}: {seconds(time.perf_counter() - self._step_started)}")
        self._step = None

    def finish(self) -> None:
        """The work is over: take the progress bar away (before diagnostics are printed)."""
        self._end_step()
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

    def elapsed(self) -> str:
        return seconds(time.perf_counter() - self.started)

    def build_summary(self, result: BuildResult) -> None:
        errors = sum(d.is_error for d in result.diagnostics)
        counts = {"records": result.records, "warnings": len(result.diagnostics) - errors, "seconds": self.elapsed()}
        if result.output is None:
            self.line(text("summary.failed", errors=errors, **counts))
        else:
            self.line(text("summary.built", output=result.output, figures=len(result.ledger.uses), **counts))
