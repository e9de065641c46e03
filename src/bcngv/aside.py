"""Work done beside the main process: a forked child computes a value while the parent goes on, and
the parent takes the value when it needs it (a check parses its templates while it lists its
records, which uses one core of two).

The child runs the same code on what the parent holds at the fork, and sends its value back
pickled through a pipe. Whatever goes wrong in the child (an exception, a crash, no fork on this
system) leaves the value to the parent to compute itself: the result is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from contextlib import suppress
from typing import Generic, NoReturn, TypeVar

_T = TypeVar("_T")


class Aside(Generic[_T]):
    """`work()` computed by a forked child; `value()` waits for it, or computes it here; `close()`
    ends a child whose value is not wanted (a run that stopped before it)."""

    def __init__(self, work: Callable[[], _T]) -> None:
        self._work = work
        self._child: tuple[int, int] | None = None  # its pid and the end of the pipe it writes to
        if not hasattr(os, "fork"):  # Windows: the work is done when its value is asked for
            return
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare
            os.close(reading)
            os.close(writing)
            return
        if pid == 0:  # the child: never returns into the parent's code
            os.close(reading)
            _send(writing, work)
        os.close(writing)
        self._child = (pid, reading)

    def value(self) -> _T:
        """The value, once: the child's, else (no child, or it failed) computed here."""
        if self._child is None:
            return self._work()
        pid, reading = self._child
        self._child = None
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            return pickle.loads(data)  # noqa: S301 - written by this process's own fork, just now
        except Exception:  # noqa: BLE001 - the child failed: the work is done here
            return self._work()

    def close(self) -> None:
        if self._child is not None:
            pid, reading = self._child
            self._child = None
            os.close(reading)
            with suppress(ProcessLookupError):  # ended already
                os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)


def _send(writing: int, work: Callable[[], object]) -> NoReturn:
    try:
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - nothing sent: the parent does the work
        data = b""
    try:
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)  # no clean-up of the parent's: its files, its exit handlers are the parent's
