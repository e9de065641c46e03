"""The YAML layer: every trap is a diagnostic at the right line and column."""

from __future__ import annotations

import shutil
import time
import tracemalloc
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bcngv.yamlpos import MAX_BYTES, MAX_DEPTH, MAX_VALUES, parse_yaml_bytes, parse_yaml_text, read_yaml

from conftest import PROJECT, bcngv


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
        ("a: [1, 2\nb: 3\n", ("list-written-wrongly", 1, 4)),  # at the slip, not where YAML stopped
        ("a: {b: 1\nc: 2\n", ("yaml-syntax", 2, 2)),
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
        ("---\n", ("empty-file", 1, 1)),
        ("kind: su_kien\ntext: Hà\x07Tĩnh\n", ("control-character", 2, 9)),
        ("kind: su_kien\ntext: a\u2028b\n", ("control-character", 2, 8)),  # a line break only YAML sees
        ("kind: su_kien\ntext: \u202etext\n", ("control-character", 2, 7)),  # reverses what the eye reads
        ("kind: su_kien\ntext: a\x00\n", ("control-character", 2, 8)),
        ("kind: su_kien\ntext: !!binary aGVsbG8=\n", ("yaml-tag", 2, 7)),
        ("kind: su_kien\npartners: !!set {lao}\n", ("yaml-tag", 2, 11)),
        ("kind: su_kien\ntext: !python/object x\n", ("yaml-tag", 2, 7)),
        ("kind: su_kien\n? [a, b]\n: c\n", ("not-a-mapping", 2, 3)),
        ("kind: doan_ra\ncountries: NO\n", ("ambiguous-boolean", 2, 12)),
        ("kind: doan_ra\nled_by_provincial_leader: on\n", ("ambiguous-boolean", 2, 27)),
        ("kind: ngo\ncommitted:\n  amount: 2.600\n  currency: LAK\n", ("thousands-separator", 3, 11)),
        ("kind: doan_ra\ndate: 2022-2-29\n", ("impossible-date", 2, 7)),
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


def test_not_utf8_after_a_bom_or_vietnamese_letters_points_at_the_byte_as_an_editor_counts() -> None:
    """The column counts characters, as an editor shows them (the BOM it does not show is not one),
    and the byte named is the one that is not UTF-8."""
    _, found = parse_yaml_bytes(b"\xef\xbb\xbfk: \xff\n", "r.yaml")
    assert [(d.line, d.col, dict(d.args)["byte"]) for d in found] == [(1, 4, "0xFF")]
    _, found = parse_yaml_bytes("kind: su_kien\ntext: Hà Tĩnh ".encode() + b"\xe0\n", "r.yaml")
    assert [(d.line, d.col, dict(d.args)["byte"]) for d in found] == [(2, 15, "0xE0")]


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


@pytest.mark.parametrize("nest", [("[", "]"), ("{a: ", "}")], ids=["sequences", "mappings"])
def test_nesting_as_deep_as_a_file_can_hold_is_refused_quickly(nest: tuple[str, str]) -> None:
    # whichever stops first, libyaml's own depth limit (1000 in recent versions, none in older ones) or
    # ours, the file is refused at a line, fast, with little more memory than its size: never accepted
    opener, closer = nest
    levels = (MAX_BYTES - 10) // len(opener + closer)
    deep = "a: " + opener * levels + closer * levels + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    try:
        located, found = parse_yaml_text(deep, "r.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2.0  # 5 ms with libyaml, under a second with the pure-Python parser
    assert peak < 4 * len(deep)  # the text itself and little more: no tree, no recursion
    assert located is None
    assert [(d.code, d.line) for d in found] in ([("too-deep", 1)], [("yaml-syntax", 1)])


def test_nesting_just_past_the_limit_is_too_deep_where_it_goes_past() -> None:
    # far below libyaml's own limit, so bcngv's is the one that speaks, whatever PyYAML is installed
    flow = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert codes_at(flow) == [("too-deep", 1, 4 + MAX_DEPTH - 1)]
    block = "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5))
    assert codes_at(block) == [("too-deep", MAX_DEPTH + 1, MAX_DEPTH + 1)]
    at_the_limit = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert codes_at(at_the_limit) == []


def test_a_deeply_nested_record_fails_check_without_a_traceback(repo) -> None:
    repo.write("records/2022/07/deep.yaml", "kind: su_kien\ntext: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = bcngv("check", root=repo)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a diagnostic, not a crash
    assert "records/2022/07/deep.yaml:2:" in result.output
    assert "Traceback" not in result.output


def test_the_number_of_values_is_bounded() -> None:
    many = "a:\n" + "- 1\n" * (MAX_VALUES + 10)
    located, found = parse_yaml_text(many, "r.yaml")
    assert located is None
    # the mapping, its key and the list count too: the first item over the limit is number MAX_VALUES - 2
    assert [(d.code, d.line, d.col) for d in found] == [("too-many-values", MAX_VALUES - 1, 3)]


def test_a_file_over_the_default_limit_is_refused(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"text: " + b"x" * MAX_BYTES + b"\n")
    located, found = read_yaml(path, "big.yaml")
    assert located is None
    assert [(d.code, d.line, d.col) for d in found] == [("file-too-large", 1, 1)]
    assert str(MAX_BYTES) in found[0].message


def test_a_file_that_cannot_be_read_is_a_diagnostic(tmp_path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    _, found = read_yaml(folder, "folder.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("unreadable-file", 1, 1)]


def test_aliases_do_not_hide_the_other_problems() -> None:
    located, found = parse_yaml_text("a: &x 1\nb: *x\nc: yes\n", "r.yaml")
    assert [(d.code, d.line, d.col) for d in found] == [("yaml-alias", 2, 4), ("ambiguous-boolean", 3, 4)]
    assert located is not None and located.value["b"] is None and ("b",) in located.flagged


def test_an_alias_in_ordinary_text_is_not_an_alias() -> None:
    located, found = parse_yaml_text("text: '**quan trọng** và *ghi chú*'\n", "r.yaml")
    assert found == [] and located is not None


def test_short_dates_and_huge_numbers() -> None:
    located, found = parse_yaml_text("date: 2022-7-5\npersons: " + "9" * 5000 + "\nend: '2022-7-6'\n", "r.yaml")
    assert found == []
    assert located is not None
    assert located.value["date"] == date(2022, 7, 5)
    assert located.value["persons"] == "9" * 5000  # text, so validation says it is not a count
    assert located.value["end"] == "2022-7-6"  # quoted: the user asked for text


def test_scalars_remember_where_they_end() -> None:
    located, _ = parse_yaml_text("kind: su_kien\ntext: >-\n  một\n  hai\nfield: khac\n", "r.yaml")
    assert located is not None
    assert located.positions[("text",)] == (2, 7) and located.ends[("text",)][0] in (4, 5)
    assert located.source.startswith("kind: su_kien")


# --- each trap added to a copy of the bundled repository -----------------------------------------

GOOD = "kind: doan_ra\ndate: 2022-07-30\npersons: 3\nfunding: tu_tuc\ncountries: [lao]\ntext: Hà Tĩnh tiếp nhận.\n"
TRAPS = {
    "syntax": (GOOD.replace("[lao]", "[lao"), "list-written-wrongly", 5),
    "duplicate key": (GOOD + "persons: 4\n", "duplicate-key", 7),
    "tab": (GOOD.replace("funding", "\tfunding"), "tab-indent", 4),
    "not a mapping": ("- kind: doan_ra\n- date: 2022-07-30\n", "not-a-mapping", 1),
    "several documents": (GOOD + "---\n" + GOOD, "several-documents", 7),
    "not UTF-8": (GOOD.replace("Hà Tĩnh", "H\udce0 T\udcecnh"), "not-utf8", 6),
    "NO as a country": (GOOD.replace("[lao]", "[NO]"), "ambiguous-boolean", 5),
    "yes as text": (GOOD.replace("Hà Tĩnh tiếp nhận.", "yes"), "ambiguous-boolean", 6),
    "1.150 as a count": (GOOD.replace("persons: 3", "persons: 1.150"), "thousands-separator", 3),
    "impossible date": (GOOD.replace("2022-07-30", "2022-07-32"), "impossible-date", 2),
    "negative count": (GOOD.replace("persons: 3", "persons: -3"), "negative-number", 3),
    "alias bomb": ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n" + GOOD, "yaml-alias", 2),
    "very large file": (GOOD + "footnote: " + "x" * MAX_BYTES + "\n", "file-too-large", 1),
    "control character": (GOOD.replace("tiếp nhận", "tiếp\x0cnhận"), "control-character", 6),
    "deep nesting": ("a: " + "[" * 100 + "]" * 100 + "\n", "too-deep", 1),
}
HARMLESS = {
    "BOM": b"\xef\xbb\xbf" + GOOD.encode(),
    "CRLF": GOOD.replace("\n", "\r\n").encode(),
    "NFD": unicodedata.normalize("NFD", GOOD).encode(),
}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    """A fresh copy of the repository with its report already built into out/."""
    root = tmp_path_factory.mktemp("bundled")
    for name in ("records", "templates"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "bcngv.yaml", root / "bcngv.yaml")
    result = bcngv("build", "--period", "2022-07", "--out", "out", root=root)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def copy(bundled, tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(bundled, root)
    return root


@pytest.mark.parametrize(("text", "code", "line"), TRAPS.values(), ids=TRAPS.keys())
def test_a_trap_in_the_bundled_repository_stops_check_and_build(copy: Path, text: str, code: str, line: int) -> None:
    out = copy / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "thang-2022-07.docx" in before
    (copy / "records" / "2022" / "07" / "trap.yaml").write_bytes(text.encode("utf-8", errors="surrogateescape"))
    checked = bcngv("check", root=copy)
    assert checked.exit_code == 1
    assert f"records/2022/07/trap.yaml:{line}:" in checked.output and f"error {code}" in checked.output
    built = bcngv("build", "--period", "2022-07", "--out", "out", root=copy)
    assert built.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the previous report, untouched


@pytest.mark.parametrize("data", HARMLESS.values(), ids=HARMLESS.keys())
def test_the_harmless_variants_build(copy: Path, data: bytes) -> None:
    (copy / "records" / "2022" / "07" / "variant.yaml").write_bytes(data)
    assert bcngv("check", "--strict", root=copy).exit_code == 0
    built = bcngv("build", "--period", "2022-07", "--out", "out", root=copy)
    assert built.exit_code == 0, built.output
