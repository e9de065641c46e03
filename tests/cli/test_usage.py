"""The command line speaks the reader's language throughout (bcngv.usage): help pages, the usage
line and its mistakes carry no English word by default; `--lang` works before or after the command;
a date given to an option gets the suggestion a date in a record gets; a problem of the command line
is printed without a made-up file:line:col; console counts are written the Vietnamese way."""

from __future__ import annotations

import io
import json
import re
from types import SimpleNamespace

import pytest

from bcngv import words
from bcngv.diagnostics import diag
from bcngv.diagnostics_output import as_github, as_json, as_text
from bcngv.presentation import Console
from conftest import DOAN_RA, bcngv, installed

COMMANDS = ("build", "check", "schema", "new", "explain", "stats", "show", "watch", "list", "init")
# English that typer, click or pydantic would print: prose (any case) and type names (as written)
PROSE = re.compile(r"\b(usage|options?|show|message|exit|required|default|error|missing|no such|commands?|try|"
                   r"help|invalid|value|arguments?|list|float|range|integer|str|path|date|got|unexpected|"
                   r"extra|did you mean|possible|requires|takes?|input|should|valid|number|parse|aborted)\b",
                   re.IGNORECASE)
TYPES = re.compile(r"\b(TEXT|PATH|INTEGER|FLOAT|FILE|DATE|KIND|FOLDER|OPTIONS|COMMAND|ARGS)\b|<[a-z]")
# names, not words: options, the commands, the program
NAMES = re.compile(rf"(?<![\w-])--?[a-z][\w-]*|\b(bcngv|{'|'.join(COMMANDS)})\b")


def english(output: str) -> list[str]:
    left = NAMES.sub(" ", output)
    return [m.group() for m in PROSE.finditer(left)] + [m.group() for m in TYPES.finditer(left)]


@pytest.mark.parametrize("argv", [["--help"], *([c, "--help"] for c in COMMANDS)], ids=" ".join)
def test_every_help_page_is_vietnamese(argv: list[str]) -> None:
    shown = bcngv(*argv)
    assert shown.exit_code == 0, shown.output
    assert english(shown.stdout) == [], shown.stdout
    assert "Cách dùng: bcngv" in shown.stdout and "Tùy chọn:" in shown.stdout


MISTAKES = {
    "missing option": (["explain"], "thiếu tùy chọn --period"),
    "missing argument": (["new"], "thiếu tham số LOẠI"),
    "unknown command": (["chek"], "không có lệnh 'chek'. Có phải là 'check'"),
    "unknown option": (["check", "--formt", "json"], "không có tùy chọn --formt. Có phải là '--format'"),
    "bad number": (["watch", "--period", "2022-07", "--interval", "abc"], "giá trị của --interval không dùng được"),
    "bad count": (["watch", "--period", "2022-07", "--rebuilds", "-1"], "giá trị của --rebuilds không dùng được"),
    "flag given a value": (["build", "--pdf=1"], "tùy chọn --pdf không nhận giá trị"),
    "option without its value": (["build", "--period"], "tùy chọn --period cần một giá trị"),
    "extra argument": (["schema", "thua"], "thừa tham số: thua"),
    "no command": (["--lang", "vi"], "cần cho biết lệnh nào"),
}


@pytest.mark.parametrize(("argv", "said"), MISTAKES.values(), ids=MISTAKES)
def test_every_mistake_of_the_command_line_is_said_in_vietnamese(argv: list[str], said: str) -> None:
    result = bcngv(*argv)
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "Lỗi: " in result.stderr, result.stderr
    assert english(result.stderr) == [], result.stderr


def test_a_mistake_shows_the_usage_line_of_its_command_and_where_to_read_more() -> None:
    result = bcngv("explain")
    assert result.stderr.splitlines()[:2] == ["Cách dùng: bcngv explain [TÙY_CHỌN] [SỐ_LIỆU]",
                                              "Xem 'bcngv explain --help' để biết cách dùng."]


@pytest.mark.parametrize("argv", [["check", "--lang", "en"], ["--lang", "en", "check"], ["check", "--lang=en"]])
def test_lang_is_read_before_or_after_the_command(repo, argv: list[str]) -> None:
    repo.write("records/2022/07/2022-07-12-doan-ra.yaml", DOAN_RA)
    result = bcngv(*argv, root=repo)
    assert result.exit_code == 0, result.output
    assert "1 files, 1 valid records; 0 errors, 0 warnings." in result.stderr


def test_help_and_mistakes_follow_lang_after_the_command() -> None:
    # the help texts are settled when the program starts (installed), the words around them when printed
    shown = installed("build", "--help", "--lang", "en")
    assert "Usage: bcngv build [OPTIONS] [FILE]" in shown.stdout and "Show this message and exit." in shown.stdout
    assert "--period PERIOD  The report's period" in shown.stdout and "Kỳ báo cáo" not in shown.stdout
    wrong = bcngv("check", "--lang", "en", "--formt", "json")
    assert "Error: there is no option --formt. Did you mean '--format'" in wrong.stderr


@pytest.mark.parametrize(("argv", "meant"), [
    (["build", "--period", "2022-07", "--as-of", "29/07/2022"], "'2022-07-29'"),
    (["build", "--period", "2022-07", "--date", "1/8/2022"], "'2022-08-01'"),
    (["new", "doan_ra", "--date", "12/7/2022"], "'2022-07-12'"),
])
def test_a_date_given_to_an_option_as_the_office_writes_it_gets_the_same_suggestion_as_in_a_record(
        repo, argv: list[str], meant: str) -> None:
    result = bcngv(*argv, root=repo)
    assert result.exit_code == 2
    assert f"Có phải là {meant}?" in result.stderr, result.stderr
    assert not (repo.root / "records/2022/07").exists()


def test_a_problem_of_the_command_line_has_no_made_up_line_and_column() -> None:
    code = "report-or-document"
    result = bcngv("build")  # neither a document nor --period
    assert result.exit_code == 2
    assert result.stderr.startswith(f"--period: error {code}: "), result.stderr
    assert ":1:1" not in result.stderr
    [found] = json.loads(bcngv("build", "--format", "json").stdout)
    assert (found["code"], found["option"], found["path"], found["line"], found["col"]) == (code, "--period", None, None, None)
    assert bcngv("build", "--format", "github").stdout.startswith(f"::error title={code}::")


def test_an_argument_is_named_as_help_names_it_and_a_file_keeps_its_line() -> None:
    argument = diag("unknown-kind", "KIND", value="doan_rra", kinds="doan_ra")
    in_file = diag("unknown-kind", "records/2022/07/x.yaml", 3, 7, value="doan_rra", kinds="doan_ra")
    assert as_text([argument]).startswith("LOẠI: error unknown-kind: ")
    assert as_text([in_file]).startswith("records/2022/07/x.yaml:3:7: error unknown-kind: ")
    assert as_github([in_file]).startswith("::error file=records/2022/07/x.yaml,line=3,col=7,title=unknown-kind::")
    assert json.loads(as_json([in_file]))[0]["line"] == 3


@pytest.mark.parametrize(("lang", "said"), [("vi", "20.000 tệp, 19.998 hồ sơ hợp lệ; 1.200 lỗi"),
                                             ("en", "20,000 files, 19,998 valid records; 1,200 errors")])
def test_console_counts_are_written_as_the_reader_writes_numbers(lang: str, said: str) -> None:
    words.set_language(lang)
    try:
        stream = io.StringIO()
        problems = [diag("empty-file", f"records/{n}.yaml") for n in range(1200)]
        done = SimpleNamespace(diagnostics=problems, loaded=SimpleNamespace(files=20000, valid=19998))
        Console(stream=stream).check_summary(done)  # type: ignore[arg-type]
        decimal = words.number(0.05)
    finally:
        words.set_language(None)
    assert said in stream.getvalue()
    assert decimal == ("0,05" if lang == "vi" else "0.05")
