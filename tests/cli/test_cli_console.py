"""The console as a person sees it: help and summaries in Vietnamese or English, plain lines when
the output is not a terminal, --quiet, --verbose, annotations for GitHub, and shell completion."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest

from bcngv import presentation as console_module
from bcngv.pipeline import Options, Run
from bcngv.repository import Repository
from bcngv.words import startup_language
from bcngv.presentation import Console
from conftest import DOAN_RA, PROJECT, bcngv, installed

ANSI = re.compile(r"\x1b\[")


def test_no_user_facing_words_are_left_in_cli_py() -> None:
    # every word a person reads comes from bcngv.words, so that --lang switches it (tests/test_words.py
    # holds the same rule for the whole package, with its exceptions)
    tree = ast.parse((PROJECT / "src" / "bcngv" / "cli.py").read_text(encoding="utf-8"))
    words = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and not n.value.isascii()]
    assert words == []


@pytest.mark.parametrize(("argv", "expected"), [
    (["--lang", "en", "build"], "en"), (["--lang=en", "--help"], "en"), (["build", "--lang"], None), ([], None),
])
def test_the_language_is_read_from_argv_at_start_up(argv: list[str], expected: str | None, monkeypatch) -> None:
    monkeypatch.delenv("BCNGV_LANG", raising=False)
    assert startup_language(argv) == expected


def test_help_is_vietnamese_by_default_and_english_on_request() -> None:
    vi = installed("build", "--help")
    assert vi.returncode == 0 and "Lập một báo cáo .docx" in vi.stdout and "Kỳ báo cáo" in vi.stdout
    en = installed("--lang", "en", "build", "--help")
    assert "Build one .docx report" in en.stdout and "The report's period" in en.stdout
    assert "Lập một báo cáo" not in en.stdout
    by_env = installed("--help", env={"BCNGV_LANG": "en"})
    assert "Check every record" in by_env.stdout and "init" in by_env.stdout


def test_shell_completion_comes_with_typer() -> None:
    # typer otherwise guesses the shell from the parent process, which is `sh` under make in CI
    shown = installed("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert shown.returncode == 0 and "_BCNGV_COMPLETE" in shown.stdout


def test_a_build_on_a_non_terminal_prints_the_path_and_one_plain_summary(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan-ra.yaml", DOAN_RA)
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(repo.root / "build" / "thang-2022-07.docx")
    summary = result.stderr.strip().splitlines()
    assert len(summary) == 1 and not ANSI.search(result.stderr)
    assert re.fullmatch(r"Đã lập .*thang-2022-07\.docx: 1 hồ sơ, \d+ số liệu, 0 cảnh báo \(\d+,\d giây\)\.", summary[0])


def test_the_summary_follows_the_language(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan-ra.yaml", DOAN_RA)
    result = bcngv("--lang", "en", "build", "--period", "2022-07", root=repo)
    assert re.search(r"^Wrote .*: 1 records, \d+ figures, 0 warnings \(\d+\.\d s\)\.$", result.stderr, re.M)


def test_a_failed_build_says_how_many_problems_and_what_to_do(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("persons: 12", "persons: 1.150"))
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 1 and result.stdout == ""
    assert "records/2022/07/r.yaml:3:10: error" in result.stderr
    assert re.search(r"^Chưa lập được báo cáo: 1 lỗi, 0 cảnh báo trong 0 hồ sơ \(.*\)\. Sửa các lỗi", result.stderr, re.M)


def test_quiet_keeps_errors_only_and_verbose_times_each_step(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("{partners}.", "{partners} và Bolykhamxay."))
    quiet = bcngv("build", "--period", "2022-07", "--quiet", root=repo)
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout.strip().endswith("thang-2022-07.docx")
    loud = bcngv("build", "--period", "2022-07", "--verbose", root=repo)
    assert "warning partner-alias" in loud.stderr
    steps = [line.split(":")[0].strip() for line in loud.stderr.splitlines() if line.startswith("  ") and "giây" in line]
    assert steps == ["Đọc cấu hình", "Đọc và kiểm tra hồ sơ", "Dịch mẫu báo cáo", "Soạn báo cáo", "Dàn trang", "Ghi tệp"]
    check = bcngv("check", "--quiet", root=repo)
    assert check.exit_code == 0 and check.stderr == ""


def test_check_with_format_github_annotates_the_offending_line(repo) -> None:
    repo.write("records/2022/07/r.yaml", DOAN_RA.replace("persons: 12", "persons: 1.150"))
    result = bcngv("check", "--format", "github", root=repo)
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if line.startswith("::error"))
    assert line.startswith("::error file=records/2022/07/r.yaml,line=3,col=10,title=")
    assert "1150" in line and "\n" not in line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_progress_bar_appears_only_when_the_work_lasts(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(console_module, "_DELAY", 0.0)
    shown = Console(stream=Terminal())
    assert not shown.plain
    shown.step("load")
    shown._timer.join()  # the delay is over: the bar is up
    assert shown._progress is not None
    shown.step("compose")
    shown.finish()
    assert shown._progress is None
    quick = Console(stream=Terminal())
    monkeypatch.setattr(console_module, "_DELAY", 60.0)
    quick.step("load")
    quick.finish()  # done before the delay: no bar ever appeared
    assert quick._progress is None and quick._timer is None


def test_no_color_gives_plain_lines_even_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    plain = Console(verbose=True, stream=stream)
    assert plain.plain
    plain.step("load")
    plain.finish(Run(Repository(Path(".")), Options(), timings=[("load", 0.31)]))
    assert stream.getvalue() == "  Đọc và kiểm tra hồ sơ: 0,3 giây\n"


def test_the_command_collects_garbage_every_50000_new_objects_not_every_700(monkeypatch) -> None:
    """Start-up makes objects it never frees: collecting them every 700 cost 12-17 ms of every run."""
    import gc

    import bcngv.__main__ as entry
    import bcngv.cli

    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()
    monkeypatch.setattr(bcngv.cli, "main", lambda: seen.append(gc.get_threshold()))
    try:
        entry.run()
    finally:
        gc.set_threshold(*before)
    assert seen == [(50_000, *before[1:])]
