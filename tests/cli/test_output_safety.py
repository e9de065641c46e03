"""No repository text can act on the terminal or forge a CI log line: record values, file names and
templates are printed escaped, and control characters written as YAML escapes are errors."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest

from bcngv.diagnostics_output import printable
from bcngv.words import CATALOGUE
from bcngv.yamlpos import CONTROL_CHARACTERS, parse_yaml_text

from conftest import DOAN_RA, Repo, bcngv

FORGED = "::error file=records/x.yaml,line=1::forged"
# what a terminal or the runner obeys: C0/C1 controls (ESC, CSI), bidirectional overrides, CR
CONTROL = re.compile(f"[\r{CONTROL_CHARACTERS}]")
# bcngv's own annotation: a known code as title and a file property without `:` (escaped as %3A)
ANNOTATION = re.compile(r"::(?:error|warning) file=[^:,]*,line=\d+,col=\d+,title=(?P<title>[a-z-]+)::")

# a partner id nobody has, so that `check` quotes it back in its message
ESCAPED = DOAN_RA.replace("partners: [bolikhamxay, khammuon]",
                          f'partners: [bolikhamxay, "khammuon\\n{FORGED} ##[error]forged"]')
FOLDED = DOAN_RA.replace("partners: [bolikhamxay, khammuon]", f"""\
partners:
  - bolikhamxay
  - >-
    khammuon

    {FORGED}
""")
RAW = DOAN_RA.replace("làm việc", "làm \x1b[2J\x1b]8;;http://e.invalid\x07việc \u202egnol\x9b31m")
# a file name can hold a line break: git and every Linux file system allow it
NAMED = "2022-07-12-x\n::error::forged ##[warning]forged \x1b[2J\u202e.yaml"


def assert_nothing_forged(output: str) -> None:
    for line in output.split("\n"):
        if line.lstrip().startswith("::"):
            own = ANNOTATION.match(line)
            assert own and own["title"] in CATALOGUE, line
    assert "##[" not in output
    assert not CONTROL.search(output), repr(CONTROL.search(output))


COMMANDS = {
    "check": ["check"],
    "check-github": ["check", "--format", "github"],
    "check-json": ["check", "--format", "json"],
    "build": ["build", "--period", "2022-07", "--out", "out"],
    "build-github": ["build", "--period", "2022-07", "--out", "out", "--format", "github"],
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize("record", [ESCAPED, FOLDED, RAW], ids=["escaped", "folded", "raw"])
def test_a_value_cannot_forge_a_ci_line_or_reach_the_terminal(repo: Repo, record: str, args: list[str]) -> None:
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", record)
    result = bcngv(*args, root=repo)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "2022-07-12-doan_ra.yaml" in result.output  # the problem is reported, escaped
    assert_nothing_forged(result.output)
    assert not (repo.root / "out").exists()


def test_the_json_output_is_escaped_and_still_says_the_same(repo: Repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", ESCAPED)
    result = bcngv("check", "--format", "json", root=repo)
    assert "##[" not in result.stdout
    [problem] = json.loads(result.stdout)
    assert problem["code"] == "unknown-partner"
    assert f"khammuon\n{FORGED} ##[error]forged" in problem["message"]


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_file_name_cannot_forge_a_ci_line(repo: Repo, args: list[str]) -> None:
    # the same activity twice: an error about the oddly named file
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", DOAN_RA)
    repo.write(f"records/2022/07/{NAMED}", DOAN_RA)
    result = bcngv(*args, root=repo)
    assert result.exit_code == 1, result.output
    assert "duplicate-record" in result.output
    assert_nothing_forged(result.output)


def test_the_quoted_line_keeps_its_caret_under_the_column(repo: Repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", "kind: su_kien\ntext: a\x1bb\x07c\n")
    result = bcngv("check", root=repo)
    quoted, caret = [line for line in result.output.split("\n") if "|" in line][2:4]
    assert quoted == "    2 | text: a\\u001bb\\u0007c"
    assert caret.index("^") == quoted.index("\\u0007")  # the second problem, past an escape


@pytest.mark.parametrize(
    ("value", "line", "col"),
    [
        ('"\\u202etext"', 2, 8),  # right-to-left override: the report would read backwards
        ('"a\\0"', 2, 9),
        ('"Hà \\e[2J"', 2, 11),
        ('"Hà\\x07Tĩnh"', 2, 10),
        ('"a\\x85b"', 2, 9),  # NEL: a line break that only some readers see
        ('"a\\rb"', 2, 9),  # returns the cursor: the rest of the line overwrites the start
        ('"a\\u200fb"', 2, 9),  # right-to-left mark
        ('"a\\u061cb"', 2, 9),  # Arabic letter mark
        ('"a\\Pb"', 2, 9),
        ('"a\\\\e \\\\x07 and then\n  \\e"', 3, 3),  # escaped backslashes are text; the next line's \e is not
        ('["lao", "b\\u2066"]', 2, 17),
    ],
)
def test_a_control_character_written_as_an_escape_is_refused_where_it_is(value: str, line: int, col: int) -> None:
    located, found = parse_yaml_text(f"kind: su_kien\ntext: {value}\n", "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("control-character", line, col)]


def test_many_escaped_control_characters_in_a_large_file_cost_little() -> None:
    # each is found in its own lines, the file is split into lines once: never a scan per value
    text = "a:\n" + '- "\\e"\n' * 19_000 + 'b: "' + "x" * 800_000 + '"\n'
    started = time.perf_counter()
    _, found = parse_yaml_text(text, "r.yaml")
    assert time.perf_counter() - started < 2.0  # 0.2 s; 27 s when each value split the file again
    assert len(found) == 19_000 and found[-1].line == 19_001


def test_an_escaped_control_character_in_a_key_is_refused() -> None:
    _, found = parse_yaml_text('kind: su_kien\n"te\\ext": x\n', "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("control-character", 2, 4)]
    assert "U+001B" in found[0].message


def test_an_escape_behind_a_lone_cr_is_reported_at_its_scalar() -> None:
    # a lone CR ends a line for YAML but not for the quoted lines: the escape is not searched in vain
    _, found = parse_yaml_text('kind: su_kien\r\rtext: "a\\eb"\n', "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("control-character", 3, 7)]


def test_harmless_escapes_and_a_raw_tab_are_text() -> None:
    located, found = parse_yaml_text('kind: su_kien\ntext: "à\\tb\\nc \\"d\\" \\\\e \\u00e0 \\u200b"\nnote: "a\tb"\n', "r.yaml")
    assert found == []
    assert located is not None
    assert located.value["text"] == 'à\tb\nc "d" \\e à \u200b'


def test_build_names_the_place_of_an_escaped_override_and_writes_nothing(repo: Repo) -> None:
    text = "Đoàn sang làm việc với các tỉnh {partners}."
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", DOAN_RA.replace(f"text: {text}", f'text: "\\u202e{text}"'))
    result = bcngv("build", "--period", "2022-07", "--out", "out", root=repo)
    assert result.exit_code == 1
    assert "records/2022/07/2022-07-12-doan_ra.yaml:7:8: error control-character" in result.output
    assert not (repo.root / "out").exists()  # the override never reaches a report


def test_the_report_of_clean_records_holds_no_control_character(repo: Repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", DOAN_RA)
    result = bcngv("build", "--period", "2022-07", "--out", "out", root=repo)
    assert result.exit_code == 0, result.output
    [report] = (repo.root / "out").glob("*.docx")
    with zipfile.ZipFile(report) as docx:
        parts = [name for name in docx.namelist() if name.endswith((".xml", ".rels"))]
        assert "word/document.xml" in parts
        for name in parts:
            assert not CONTROL.search(docx.read(name).decode("utf-8")), name


def test_explain_prints_file_names_as_text_not_markup_or_escape_sequences(repo: Repo) -> None:
    repo.write("records/2022/07/[red]x [link=http:e.invalid]y \x1b[2J\u202e.yaml", DOAN_RA)
    result = bcngv("explain", "--period", "2022-07", root=repo)
    assert result.exit_code == 0, result.output
    assert "[red]x [link=http:e.invalid]y" in result.output  # not swallowed as markup
    assert_nothing_forged(result.output)


def test_show_escapes_what_a_template_writes(repo: Repo) -> None:
    """A forged line in a template's own text is printed escaped; a control character there is an
    error at its place, quoted escaped."""
    template = repo.root / "templates" / "thang.md.j2"
    original = template.read_text(encoding="utf-8")
    repo.write("records/2022/07/2022-07-12-doan_ra.yaml", DOAN_RA)
    template.write_text(f"{FORGED}\n" + original, encoding="utf-8")
    result = bcngv("show", "--period", "2022-07", root=repo)
    assert result.exit_code == 0, result.output
    assert "forged" in result.output
    assert_nothing_forged(result.output)
    template.write_text(f"{FORGED}\n\x1b[2J\u202e\n" + original, encoding="utf-8")
    result = bcngv("show", "--period", "2022-07", root=repo)
    assert result.exit_code == 1, result.output
    assert "templates/thang.md.j2:2:1: error control-character" in result.output
    assert_nothing_forged(result.output)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\nb\r\x1b[2J", "a\\nb\\r\\u001b[2J"),
        ("\u202ecba\u2066", "\\u202ecba\\u2066"),
        ("\x85\x9b\x7f\ud800", "\\u0085\\u009b\\u007f\\ud800"),
        ("::error::x", "\\u003a:error::x"),
        (" \u00a0::warning::x", " \u00a0\\u003a:warning::x"),  # the runner trims the start of a line
        ("a ::error::x", "a ::error::x"),  # only the start of a line is a command
        ("x ##[error]y ###[z]", "x #\\u0023[error]y ##\\u0023[z]"),  # the runner's old form, anywhere
        ("Hà Tĩnh\ttab", "Hà Tĩnh\ttab"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # nothing left to escape: printing twice changes nothing
    assert json.loads(f'"{printable(text)}"', strict=False) == text  # valid JSON escapes


def test_printable_by_lines_keeps_the_lines() -> None:
    assert printable("a\n::error::x\n\x1b", lines=True) == "a\n\\u003a:error::x\n\\u001b"
