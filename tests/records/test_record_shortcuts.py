"""The shortcuts of validating and checking one record (issue 18) give what the plain way gives: a
text's words joined as `" ".join(text.casefold().split())` joins them; a text's sketch of rare
triples as sorting every triple ranks them; a record's file kept with it wherever it goes (copied,
pickled, compared); the alias scan anchored on a word the canonical names do not use, passing over
only texts that lack a word of every wrong spelling; an office's kind made without pydantic's warnings
about its field names; the placeholders of a file that types no `{` still checked when an escape or a
default makes one; the usual ranges of an office's kind read from its own declarations."""

from __future__ import annotations

import pickle
import warnings
from array import array

from hypothesis import given
from hypothesis import strategies as st

from bcngv.records import checks
from bcngv.records.aliases import AliasScanner
from bcngv.records.catalog import Catalog, Entry
from bcngv.records.declared import Kinds, builtin_kinds, load_kinds
from bcngv.records.placeholders import check_placeholders
from bcngv.records.plausible import check_usual
from bcngv.records.validate import validate_record
from bcngv.yamlpos import parse_yaml_text

from metrics_sample import make

# every white space str.split() knows, letters casefold changes (ß → ss, İ → i̇), and plain ones
SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
LETTERS = "aZđĐßİǅﬁΣς{}.,-"


@given(st.text(alphabet=SPACES + LETTERS, max_size=40))
def test_a_texts_words_are_its_casefolded_words_joined_by_single_spaces(text: str) -> None:
    assert checks._words(text) == " ".join(text.casefold().split())


def _rarest_by_sorting(values: array, counts: array, mask: int) -> list[int]:
    """The sketch as its definition says: every value ranked by its count, then by itself."""
    rarest = sorted(counts[value & mask] << 32 | value for value in values)[:16]
    return [ranked & 0xFFFF_FFFF for ranked in rarest if ranked >> 32 > 1]


@given(st.lists(st.integers(0, 2**32 - 1), unique=True, max_size=60), st.integers(1, 6),
       st.lists(st.integers(1, 5), min_size=64, max_size=64))
def test_a_sketch_holds_the_rarest_triples_another_text_has(values: list[int], bits: int, counted: list[int]) -> None:
    mask = (1 << bits) - 1
    counts = array("I", counted)  # a slot counted once is one text's own: texts have 16 of those or fewer
    assert checks._rarest(array("I", values), counts, mask) == _rarest_by_sorting(array("I", values), counts, mask)


def test_a_records_file_goes_with_it_when_copied_pickled_and_compared() -> None:
    record = make("records/2022/07/a.yaml", kind="su_kien", date="2022-07-12", field="khac", text="x")
    assert record.path == "records/2022/07/a.yaml"
    assert pickle.loads(pickle.dumps(record)).path == record.path == record.model_copy().path
    assert pickle.loads(pickle.dumps(record)) == record
    other = make("records/2022/07/b.yaml", kind="su_kien", date="2022-07-12", field="khac", text="x")
    assert other != record  # the same values in another file: another record
    unplaced = type(record).model_validate({"kind": "su_kien", "date": "2022-07-12", "field": "khac", "text": "x"})
    assert unplaced.path == ""  # validated but not yet given its file


def test_a_wrong_spelling_is_looked_for_by_a_word_no_canonical_name_has() -> None:
    catalog = Catalog({"km": Entry("km", "Khăm Muồn", "", ("Khăm Muộn",), "tinh", 1)})
    scanner = AliasScanner(catalog)
    assert scanner.anchors == frozenset({"Muộn"})  # not "Khăm": every "Khăm Muồn" would be scanned
    located, _ = parse_yaml_text("kind: su_kien\ntext: gặp Khăm Muộn và Khăm Muồn\n", "r.yaml")
    assert located is not None
    assert [(d.code, d.line, d.col) for d in scanner.scan(located, "r.yaml")] == [("partner-alias", 2, 11)]


ALIASED = {"Nỏng Bốc": ("Nông Bốc", "Nông Bộc"), "Khăm Muồn": ("Khăm Muộn", "Khammouane"), "Tula": ("Tu La",),
           "Luông Pha Bang": ("Luông - Pha - Bang",)}
PIECES = ["Nông", "Bốc", "Bộc", "nghiệp", "Khăm", "Muộn", "Muồn", "Tu", "La", "Lào", "Tula", "Luông", "-", "Pha",
          "Bang", ",", "(", ")", "Nông\n  Bốc"]


@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from([" ", ""]))
def test_the_alias_scan_passes_over_only_texts_that_cannot_hold_a_wrong_spelling(pieces: list[str], gap: str) -> None:
    catalog = Catalog({f"p{n}": Entry(f"p{n}", name, "", spellings, "tinh", 1)
                       for n, (name, spellings) in enumerate(ALIASED.items())})
    scanner = AliasScanner(catalog)
    located, _ = parse_yaml_text(f"kind: su_kien\ntext: x {gap.join(pieces)} x\n", "r.yaml")
    assert located is not None
    found = scanner.scan(located, "r.yaml")
    scanner._may_hold = lambda text: True  # type: ignore[method-assign]  # every text scanned
    assert found == scanner.scan(located, "r.yaml")


def test_an_office_field_named_like_a_pydantic_method_is_made_without_a_warning(tmp_path) -> None:
    (tmp_path / "kinds").mkdir()
    (tmp_path / "kinds" / "x.yaml").write_text("kind: x\nlabel: X\nfields:\n  model_dump_note:\n"
                                               "    type: text\n    label: ghi chú\n", encoding="utf-8")
    kinds, found = load_kinds(tmp_path)
    assert found == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warned of its "protected namespace" on stderr
        made = kinds["x"].model_validate({"kind": "x", "date": "2022-07-12", "model_dump_note": "a"})
    assert made.model_dump_note == "a"  # type: ignore[attr-defined]


def _told(kinds: Kinds, text: str) -> list[tuple[str, int, int]]:
    """What check_placeholders and check_usual say of a valid record of `text`."""
    located, _ = parse_yaml_text(text, "r.yaml")
    assert located is not None
    record, found = validate_record(located, "r.yaml", kinds)
    assert record is not None and found == []
    declared = kinds.fields[record.kind]  # type: ignore[attr-defined]
    found = check_placeholders(record, located, "r.yaml", declared) + check_usual(record, located, "r.yaml")
    return [(d.code, d.line, d.col) for d in found]


def test_a_placeholder_an_escape_makes_is_checked_though_the_file_types_no_brace() -> None:
    text = 'kind: su_kien\ndate: 2022-07-12\nfield: khac\ntext: "gặp \\u007Bpersons}"\n'
    assert "{" not in text
    assert _told(builtin_kinds(), text) == [("unknown-placeholder", 4, 7)]  # at the value: no `{` to point at


def _office(tmp_path, declaration: str) -> Kinds:
    (tmp_path / "kinds").mkdir()
    (tmp_path / "kinds" / "x.yaml").write_text(declaration, encoding="utf-8")
    kinds, found = load_kinds(tmp_path)
    assert found == []
    return kinds


def test_a_placeholder_a_default_holds_is_checked_in_a_file_that_types_no_brace(tmp_path) -> None:
    kinds = _office(tmp_path, 'kind: x\nlabel: X\nfields:\n  text:\n    default: "gặp {partners} và {khach}"\n')
    assert [code for code, _, _ in _told(kinds, "kind: x\ndate: 2022-07-12\n")] == [
        "empty-placeholder", "unknown-placeholder"]  # no partners to print; no field `khach`
    assert _told(kinds, "kind: x\ndate: 2022-07-12\ntext: gặp bạn\n") == []


def test_an_office_kinds_usual_range_is_its_own(tmp_path) -> None:
    kinds = _office(tmp_path, "kind: x\nlabel: X\nfields:\n  guests:\n    type: count\n    label: khách\n"
                              "    usual: [1, 10]\n  rooms:\n    type: count\n    label: phòng\n")
    assert _told(kinds, "kind: x\ndate: 2022-07-12\nguests: 11\nrooms: 11\n") == [("unusual-value", 3, 9)]
    assert _told(kinds, "kind: x\ndate: 2022-07-12\nguests: 10\n") == []
    assert _told(builtin_kinds(), "kind: doan_ra\ndate: 2022-07-12\npersons: 1200\nfunding: tu_tuc\ncountries: [lao]\n"
                 ) == [("unusual-value", 3, 10)]  # bcngv's own kinds: the same classes' ranges
