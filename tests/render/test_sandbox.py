"""Templates and `summary:` lines come from pull requests: each attack ends quickly, in bounded memory,
as a diagnostic at its template line (exit 1), with nothing written (render/sandbox.py)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time

import pytest

from bcngv.render import sandbox
from bcngv.repository import plain_template_name
from conftest import CONFIG, Repo, bcngv

TEMPLATE = "templates/thang.md.j2"
SUMMARY_LINE = 14  # the `summary:` line of tests/conftest.py's bcngv.yaml
ADDRESS_SPACE = 2 << 30  # a regression fails with MemoryError instead of swapping the machine
PEAK = 1 << 30


def attack(repo: Repo, line: str) -> None:
    """The report template, with the attack on line 3."""
    repo.write(TEMPLATE, "# Báo cáo\n\n" + line + "\n")


def run_bounded(repo: Repo) -> tuple[int, str, float, int]:
    """Build in a child process capped at 2 GiB of address space: exit code, output, seconds, peak bytes."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "bcngv", "build", "--period", "2022-07", "--root", str(repo.root), "--out", str(repo.root / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=cap,
    )
    killer = threading.Timer(60, child.kill)  # a regression fails the test instead of hanging it
    killer.start()
    output = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)  # the child's own peak memory, not the largest child's so far
    killer.cancel()
    return os.waitstatus_to_exitcode(status), output, time.monotonic() - started, usage.ru_maxrss * 1024


def assert_refused(repo: Repo, code: str, where: str, seconds: float, output: str, exit_code: int) -> None:
    assert exit_code == 1, output
    assert f"{where}:" in output and f"error {code}:" in output, output
    assert seconds < 10, seconds
    assert not (repo.root / "out").exists()


SIZE_ATTACKS = {
    "power": "{{ 10**(10**10) }}",
    "text-times": "{{ 'a'*10**10 }}",
    "list-times": "{{ [1]*10**10 }}",
    "format-width": "{{ '{:>1500000000}'.format(1) }}",
    "format-map-width": "{{ '{x:>1500000000}'.format_map({'x': 1}) }}",
    "percent-width": "{{ '%1500000000d' % 1 }}",
    "percent-star": "{{ '%*d' % (1500000000, 1) }}",
    "ljust": "{{ 'x'.ljust(10**10) }}",
    "rjust": "{{ 'x'.rjust(10**10) }}",
    "center-method": "{{ 'x'.center(10**10) }}",
    "zfill": "{{ 'x'.zfill(10**10) }}",
    "expandtabs": "{{ ('\\t' * 1000).expandtabs(10**7) }}",
    "center-filter": "{{ 'x'|center(10**10) }}",
    "indent-filter": "{{ ('x\\n' * 1000)|indent(10**7) }}",
    "format-filter": "{{ '%1500000000d'|format(1) }}",
    "wordwrap-filter": "{{ ('x ' * 1000000)|wordwrap(1, wrapstring='-' * 1000) }}",
    "replace-growth": "{% set ns = namespace(s='x' * 1000) %}{% for i in range(100) %}{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}",
    "replace-filter-growth": "{% set ns = namespace(s='x' * 1000) %}{% for i in range(100) %}{% set ns.s = ns.s|replace('x', 'xx') %}{% endfor %}",
    "join-growth": "{% set ns = namespace(l=['x' * 1000]) %}{% for i in range(100) %}{% set ns.l = [ns.l|join, ns.l|join] %}{% endfor %}",
    "join-method-growth": "{% set ns = namespace(l=['x' * 1000]) %}{% for i in range(100) %}{% set ns.l = [''.join(ns.l)] * 2 %}{% endfor %}",
    "concat-growth": "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "plus-growth": "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "extend-growth": "{% set l = ['x'] %}{% for i in range(100) %}{% if l.extend(l) %}{% endif %}{% endfor %}",
    "list-of-one-text-printed": "{% set s = 'x' * 1000000 %}{% set l = [] %}{% for i in range(3000) %}{% if l.append(s) %}{% endif %}{% endfor %}{{ l|string }}",
    "set-block-growth": "{% set a = 'x' * 1000000 %}{% set b %}{{ a }}{{ a }}{{ a }}{% endset %}{% set c %}{{ b }}{{ b }}{% endset %}",
}


@pytest.mark.parametrize("line", SIZE_ATTACKS.values(), ids=SIZE_ATTACKS.keys())
def test_a_huge_value_is_refused_before_it_is_made(repo: Repo, line: str) -> None:
    attack(repo, line)
    exit_code, output, seconds, peak = run_bounded(repo)
    assert_refused(repo, "template-value-limit", f"{TEMPLATE}:3", seconds, output, exit_code)
    assert peak < PEAK, peak


def test_huge_output_stops_at_the_output_limit(repo: Repo) -> None:
    attack(repo, "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    exit_code, output, seconds, peak = run_bounded(repo)
    assert_refused(repo, "template-output-limit", f"{TEMPLATE}:3", seconds, output, exit_code)
    assert peak < PEAK, peak


def test_many_distinct_values_stop_at_the_memory_limit(repo: Repo) -> None:
    attack(repo, "{% set l = [] %}{% for i in range(100000) %}{% if l.append('x' * 1000000 ~ i) %}{% endif %}{% endfor %}")
    exit_code, output, seconds, peak = run_bounded(repo)
    assert_refused(repo, "template-memory-limit", f"{TEMPLATE}:3", seconds, output, exit_code)
    assert peak < PEAK, peak


# --- in the test's own process: time, depth, loading -------------------------------------------
def build(repo: Repo) -> tuple[int, str, float]:
    started = time.monotonic()
    result = bcngv("build", "--period", "2022-07", "--out", str(repo.root / "out"), root=repo)
    return result.exit_code, result.output, time.monotonic() - started


def refused(repo: Repo, line: str, code: str, where: str = f"{TEMPLATE}:3") -> tuple[str, float]:
    """`line` as the attack on the template, built in this process and refused with `code` at
    `where`: the output and the seconds spent."""
    attack(repo, line)
    exit_code, output, seconds = build(repo)
    assert_refused(repo, code, where, seconds, output, exit_code)
    return output, seconds


@pytest.fixture
def one_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 1.0)


NESTED_LOOPS = {
    "ranges": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "lists": "{% set l = range(100000)|list %}{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("line", NESTED_LOOPS.values(), ids=NESTED_LOOPS.keys())
def test_nested_loops_stop_at_the_time_limit(repo: Repo, one_second: None, line: str) -> None:
    output, seconds = refused(repo, line, "template-time-limit")
    assert seconds < 3


def test_a_summary_line_is_bounded_in_time_too(repo: Repo, one_second: None) -> None:
    loops = NESTED_LOOPS["ranges"]
    repo.write("bcngv.yaml", CONFIG.replace('"Hoạt động đối ngoại {{ period.label }}, kế hoạch {{ period.next.label }}"', f"'{loops}'"))
    exit_code, output, seconds = build(repo)
    assert_refused(repo, "template-time-limit", f"bcngv.yaml:{SUMMARY_LINE}", seconds, output, exit_code)


@pytest.mark.parametrize(("summary", "code"), [("{{ 1/0 }}", "template-error"), ("{{ 10**(10**10) }}", "template-value-limit"),
                                               ("{{ [].pop() }}", "template-error")])
def test_a_failing_summary_is_a_diagnostic_at_its_line(repo: Repo, summary: str, code: str) -> None:
    repo.write("bcngv.yaml", CONFIG.replace('"Hoạt động đối ngoại {{ period.label }}, kế hoạch {{ period.next.label }}"', f'"{summary}"'))
    exit_code, output, seconds = build(repo)
    assert_refused(repo, code, f"bcngv.yaml:{SUMMARY_LINE}", seconds, output, exit_code)
    assert "Traceback" not in output


RECURSION = {
    "macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "include-itself": "{% include 'thang.md.j2' %}",
}


@pytest.mark.parametrize("line", RECURSION.values(), ids=RECURSION.keys())
def test_recursion_stops_at_the_depth_limit(repo: Repo, line: str) -> None:
    refused(repo, line, "template-depth-limit")


def test_any_other_exception_is_a_template_error(repo: Repo) -> None:
    refused(repo, "{{ [].pop() }}", "template-error")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "x" * 300, "a\\b"], ids=["dotdot", "absolute", "300-bytes", "backslash"])
def test_an_include_name_that_is_not_plain_is_not_read(repo: Repo, name: str) -> None:
    output, _ = refused(repo, "{% include '" + name + "' %}", "include-missing")
    assert "root:" not in output


def test_an_included_link_out_of_the_repository_is_not_read(repo: Repo, tmp_path_factory: pytest.TempPathFactory) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.md.j2"
    secret.write_text("SECRET-MARKER\n", encoding="utf-8")
    (repo.root / "templates" / "_leak.md.j2").symlink_to(secret)
    output, _ = refused(repo, "{% include '_leak.md.j2' %}", "link-outside")
    assert "SECRET-MARKER" not in output


def test_an_included_fifo_is_not_opened(repo: Repo) -> None:
    os.mkfifo(repo.root / "templates" / "_fifo.md.j2")
    refused(repo, "{% include '_fifo.md.j2' %}", "special-file")


# --- the watchdog --------------------------------------------------------------------------------
def test_the_watchdog_never_fires_after_the_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.05)
    assert sandbox.run(lambda: iter(["a", "b"])) == "ab"
    deadline = time.monotonic() + 0.3
    while time.monotonic() < deadline:  # Python code the watchdog could interrupt if it were still armed
        pass


def test_the_watchdog_stops_a_render_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.2)
    caught: list[BaseException] = []

    def forever() -> object:
        while True:
            yield ""

    def render() -> None:
        try:
            sandbox.run(forever)
        except sandbox.LimitReached as err:
            caught.append(err)

    worker = threading.Thread(target=render)
    worker.start()
    worker.join(5)
    assert not worker.is_alive()
    assert [type(e) for e in caught] == [sandbox.TimeLimit]


def test_a_good_template_renders_as_before(repo: Repo) -> None:
    exit_code, output, _ = build(repo)
    assert exit_code == 0, output
    assert list((repo.root / "out").glob("*.docx"))


def test_a_template_path_is_checked_against_the_pattern() -> None:
    assert plain_template_name("thang.md.j2") and plain_template_name("sub/_part.md.j2")
    assert not any(plain_template_name(n) for n in ("../x", "a/../b", "/abs", ".hidden", "a//b", "x" * 256, ""))


def test_a_control_character_in_a_template_is_refused_at_its_place(repo: Repo) -> None:
    """A right-to-left override typed into the template's own text would reach the report."""
    refused(repo, "Đoàn ra \u202etrong tháng.", "control-character", f"{TEMPLATE}:3:9")


def test_a_control_character_a_template_prints_is_refused_at_its_line(repo: Repo) -> None:
    """Jinja decodes escapes in its string literals: the override is made by the template itself."""
    output, _ = refused(repo, '{{ "Đoàn ra \\u202e trong tháng." }}', "control-character")
    assert "U+202E" in output
