"""The YAML layer: every trap is a diagnostic at the right line and column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bcngv.yamlpos import parse_yaml_bytes, parse_yaml_text, read_yaml


def codes_at(text: str) -> list[tuple[str, int, int]]:
    _, found = parse_yaml_text(text, "r.yaml")
    return [(d.code, d.line, d.col) for d in found]


def test_values_and_positions_are_kept() -> None:
    located, found = parse_yaml_text("kind: doan_ra\ndate: 2022-07-12\npartners:\n  - lao\n  - khammuon\n", "r.yaml")
    assert found == []
    assert located is not None
    assert located.value == {"kind": "doan_ra", "date": date(2022, 7, 12), "partners": ["lao", "khammuon"]}
    assert located.positions[("partners", 1)] == (5, 5)
    assert located.key_positions[("date",)] == (2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\nb: 3\n", ("yaml-syntax", 2, 2)),
        ("a: 1\n\tb: 2\n", ("tab-indent", 2, 1)),
        ("kind: doan_ra\npersons: 3\npersons: 4\n", ("duplicate-key", 3, 1)),
        ("kind: doan_ra\n---\nkind: doan_vao\n", ("several-documents", 2, 1)),
        ("- a\n- b\n", ("not-a-mapping", 1, 1)),
        ("a: &x [1]\nb: *x\n", ("yaml-alias", 2, 4)),
        ("kind: doan_ra\ncountries: [NO]\n", ("ambiguous-boolean", 2, 13)),
        ("kind: doan_ra\nled_by_provincial_leader: yes\n", ("ambiguous-boolean", 2, 27)),
        ("kind: ngo\ncommitted: 1.150\n", ("thousands-separator", 2, 12)),
        ("kind: doan_ra\ndate: 2022-02-30\n", ("impossible-date", 2, 7)),
        ("", ("empty-file", 1, 1)),
        ("# only a comment\n", ("empty-file", 1, 1)),
    ],
)
def test_trap_gives_code_line_and_column(text: str, expected: tuple[str, int, int]) -> None:
    assert codes_at(text) == [expected]


def test_duplicate_key_names_the_first_line() -> None:
    _, found = parse_yaml_text("kind: doan_ra\npersons: 3\npersons: 4\n", "r.yaml")
    assert "dòng 2" in found[0].message


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    located, found = parse_yaml_text("\n".join(lines) + "\n", "bomb.yaml")
    assert found and all(d.code == "yaml-alias" for d in found)
    assert len(found) < 200  # each alias is flagged once, never expanded


def test_not_utf8_points_at_the_byte(tmp_path) -> None:
    _, found = parse_yaml_bytes(b"kind: su_kien\ntext: H\xe0 T\xecnh\n", "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("not-utf8", 2, 8)]


def test_file_too_large_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("text: " + "x" * 2000 + "\n")
    _, found = read_yaml(path, "big.yaml", max_bytes=1000)
    assert [(d.code, d.line, d.col) for d in found] == [("file-too-large", 1, 1)]


def test_harmless_variants_are_accepted() -> None:
    nfd = "text: Ha\u0300 Ti\u0303nh\r\n"  # NFD, CRLF
    located, found = parse_yaml_bytes(b"\xef\xbb\xbf" + nfd.encode(), "r.yaml")
    assert found == []
    assert located is not None and located.value["text"] == "Hà Tĩnh"


def test_quoted_values_stay_text_and_numbers_are_exact() -> None:
    located, found = parse_yaml_text("a: 'NO'\nb: \"1.150\"\nc: 2.5\nd: 08\ne: true\n", "r.yaml")
    assert found == []
    assert located is not None
    assert located.value == {"a": "NO", "b": "1.150", "c": Decimal("2.5"), "d": 8, "e": True}
