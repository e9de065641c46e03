"""Slips of structure a person makes typing a record by hand: each is reported at the line where it
was made, in plain Vietnamese without YAML's or Python's words, with the line as it should be."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bcngv.words import hint, message
from bcngv.yamlpos import parse_yaml_text
from bcngv.yamlslips import shown_value

from conftest import DOAN_RA, bcngv

JARGON = ("mapping", "scalar", "sequence", "decimal", "none", "alphabetic", "yaml", "token", "stream")
HEAD = "kind: doan_ra\ndate: 2022-07-12\n"
TAIL = "funding: ngan_sach\npartners: [lao]\n"

# name: (the record, code, line, column, what the Vietnamese message or hint must say)
SLIPS = {
    "colon inside a sentence": (HEAD + "text: Đoàn công tác: thăm Lào\n" + TAIL,
                                "colon-in-text", 3, 20, 'text: "Đoàn công tác: thăm Lào"'),
    "sentence ending with a colon": (HEAD + "text: Đoàn gồm:\n" + TAIL,
                                     "colon-in-text", 3, 15, 'text: "Đoàn gồm:"'),
    "no space after the colon": (HEAD + "persons:12\n" + TAIL, "colon-without-space", 3, 9, "persons: 12"),
    "no space on the last line": (HEAD + "persons:12\n", "colon-without-space", 3, 9, "persons: 12"),
    "text on two lines without >": (HEAD + "text: Đoàn sang làm việc\nvới tỉnh bạn.\n",
                                    "continued-text", 4, 1, "'text: >'"),
    "text starting with a dash": (HEAD + "text: - Đoàn sang Lào\n" + TAIL,
                                  "text-starts-with-mark", 3, 7, 'text: "- Đoàn sang Lào"'),
    "text starting with a star": (HEAD + "text: * Đoàn sang Lào\n" + TAIL,
                                  "text-starts-with-mark", 3, 7, 'text: "* Đoàn sang Lào"'),
    "list after its key's dash": (HEAD + "partners: - lao - khammuon\n", "list-written-wrongly", 3, 11,
                                  "partners: [lao, khammuon]"),
    "first item beside the key": (HEAD + "partners: - lao\n  - khammuon\n", "list-written-wrongly", 3, 11,
                                  "partners: [lao, khammuon]"),
    "list without its ]": (HEAD + "partners: [lao, khammuon\nfunding: ngan_sach\n", "list-written-wrongly", 3, 11,
                           "partners: [lao, khammuon]"),
    "items indented 2 then 3": (HEAD + "partners:\n  - lao\n   - khammuon\nfunding: ngan_sach\n",
                                "misindented", 5, 4, "'  - khammuon'"),
    "items indented 3 then 2": (HEAD + "partners:\n   - lao\n  - khammuon\nfunding: ngan_sach\n",
                                "misindented", 5, 3, "'   - khammuon'"),
    "field indented by a space": (HEAD + " persons: 12\n" + TAIL, "misindented", 3, 2, "'persons: 12'"),
    "quote never closed": (HEAD + 'text: "Đoàn sang Lào\n' + TAIL, "unclosed-quote", 3, 7, 'text: "Đoàn sang Lào"'),
    "anything else": (HEAD + "text: `x`\n", "yaml-syntax", 3, 7, "dấu"),
}


@pytest.mark.parametrize(("text", "code", "line", "col", "corrected"), SLIPS.values(), ids=SLIPS.keys())
def test_a_slip_is_explained_at_its_line_with_the_corrected_line(text: str, code: str, line: int, col: int,
                                                                  corrected: str) -> None:
    _, found = parse_yaml_text(text, "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [(code, line, col)]
    args = dict(found[0].args)
    vietnamese = f"{message(code, args, 'vi')} {hint(code, args, 'vi')}"
    assert corrected in vietnamese
    assert [word for word in JARGON if word in vietnamese.lower()] == []
    assert hint(code, args, "en") != hint(code, args, "vi")  # English for --lang en


@pytest.mark.parametrize(("text", "code", "line", "col"), [s[:4] for s in SLIPS.values()], ids=SLIPS.keys())
def test_a_slip_stops_check_beside_good_records(repo, text: str, code: str, line: int, col: int) -> None:
    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    repo.write("records/2022/07/slip.yaml", text)
    result = bcngv("check", root=repo)
    assert result.exit_code == 1
    assert f"records/2022/07/slip.yaml:{line}:{col}: error {code}:" in result.output


def test_items_joined_silently_are_reported_and_never_read_as_one() -> None:
    located, found = parse_yaml_text(HEAD + "partners:\n  - lao\n  - khammuon\n   - bolikhamxay\n", "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("misindented", 6, 4)]
    assert located is not None and ("partners", 1) in located.flagged  # no second report of 'khammuon - …'


def test_a_text_over_several_indented_lines_is_no_slip() -> None:
    text = HEAD + "text: >\n  Đoàn công tác: thăm Lào\n  - và Campuchia\npartners:\n- lao\n- khammuon\n"
    located, found = parse_yaml_text(text, "r.yaml")
    assert found == []
    assert located is not None and located.value["partners"] == ["lao", "khammuon"]


@pytest.mark.parametrize(("value", "vi", "en"), [
    (Decimal("12.5"), "12,5", "12.5"),
    (date(2022, 7, 12), "2022-07-12", "2022-07-12"),
    ("Lào", "'Lào'", "'Lào'"),
    (None, "(để trống)", "(empty)"),
    ([True, 3], "[true, 3]", "[true, 3]"),
    ({"a": Decimal("2.5")}, "{a: 2,5}", "{a: 2.5}"),
])
def test_a_value_is_shown_as_a_person_typed_it(value: object, vi: str, en: str) -> None:
    assert (shown_value(value), shown_value(value, "en")) == (vi, en)
