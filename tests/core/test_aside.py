"""Work done by a forked child beside the main process gives what the main process would compute,
and the main process computes it itself when the child cannot."""

from __future__ import annotations

import os

import pytest

from bcngv.aside import Aside

from conftest import bcngv


def test_the_value_is_computed_by_a_child_process() -> None:
    parent = os.getpid()
    assert Aside(lambda: (os.getpid() != parent, [1, "hai"])).value() == (True, [1, "hai"])


def test_work_that_fails_in_the_child_is_done_again_here() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            raise RuntimeError("the child's part went wrong")
        return "done here"

    assert Aside(work).value() == "done here"


def test_without_a_process_to_spare_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    parent = os.getpid()
    assert Aside(lambda: os.getpid() == parent).value() is True


@pytest.mark.parametrize("cores", [1, 2])
def test_a_check_without_cache_says_the_same_of_its_templates_beside_or_not(repo, monkeypatch, cores: int) -> None:
    repo.write("templates/thang.md.j2", "# Báo cáo\n\n{{ records | count }\n")
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    result = bcngv("check", "--no-cache", root=repo.root)
    assert result.exit_code == 1 and "templates/thang.md.j2:3:1: error template-syntax" in result.output
    assert len(forks) == (cores > 1)  # beside the listing only with a core to spare


def test_a_child_whose_value_is_not_wanted_is_ended_and_reaped() -> None:
    parent = os.getpid()
    aside = Aside(lambda: os.getpid())
    pid = aside._child[0] if aside._child else None
    aside.close()
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already: no zombie left
    assert aside.value() == parent  # asked for after all: computed here
