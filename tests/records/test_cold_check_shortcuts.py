"""The shortcuts of a cold check (issue 18) find what the long way finds: a record of the plain
shape, read without PyYAML's events, has the values and positions the full reading gives it, and
anything else is read the full way; a plain scalar read once reads the same everywhere and keeps
every diagnostic; the alias scan passes over a record holding no anchor word of a wrong spelling,
and only such a record; the duplicate check's sketches leave out only triples no other text has;
workers of a run that asks for no record send none back."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bcngv import yamlpos
from bcngv.records import loader
from bcngv.records.aliases import AliasScanner
from bcngv.records.catalog import Catalog, Entry
from bcngv.records.checks import Signature, Signed, find_duplicates
from bcngv.records.loader import load_records
from bcngv.yamlpos import Located, normalise_source, parse_yaml_text

from conftest import DOAN_RA, bcngv

KEYS = ["kind", "date", "text", "no", "y", "a_b", "K9"]
PLAIN = ["doan_ra", "2022-03-30", "1.5", "true", "Sở Y tế", "a:b", "a#b", "{partners} đã", "a  b", "Ha\u0300",
         "x\u00a0", "a - b", "a, b", "Tổ chức (WB)", "a]"]  # and values YAML reads its own way:
VALUES = [*PLAIN * 3, "2022-7-5", "2022-02-30", "08", "1.150", "yes", "~", "-3", "báo cáo: x", "a #b", "x:", "[x]",
          "'q'", '"q"', "<<", "?x", "&a x", "*a", "|", ">", "1:30", "a\t", "a\t#c"]
TAILS = ["", "", " ", " # c", "  #c", "#c"]
# pieces of a text in single quotes, on its lines (a quote ends it early: what follows is YAML's to judge)
QUOTED = ["a", "Sở Y tế", "it''s", "''", "a: b", "a #b", "# c", "- x", "k: v", " a  b ", "", "  ", "x'", "1.5",
          "---"]
more_line = st.builds(lambda indent, value, tail: f"{indent}{value}{tail}", st.sampled_from([" ", "  ", "    "]),
                      st.sampled_from(VALUES), st.sampled_from(["", " ", " # c"]))
item_line = st.builds(lambda indent, gap, value, tail: f"{indent}-{gap}{value}{tail}", st.sampled_from(["", "  "]),
                      st.sampled_from([" ", "  "]), st.sampled_from(VALUES), st.sampled_from(["", " # c"]))
entry = st.one_of(
    st.builds(lambda key, gap, value, tail, more: [f"{key}:{gap}{value}{tail}", *more],  # a text, perhaps running on
              st.sampled_from(KEYS), st.sampled_from([" ", " ", "  "]), st.sampled_from(VALUES), st.sampled_from(TAILS),
              st.lists(more_line, max_size=2)),
    st.builds(lambda key, tail, items: [f"{key}:{tail}", *items],  # a list
              st.sampled_from(KEYS), st.sampled_from(["", " ", "  # c"]), st.lists(item_line, max_size=3)),
    st.builds(lambda key, gap, first, more, tail: _quoted(f"{key}:{gap}'{first}", more, tail),  # in single quotes
              st.sampled_from(KEYS), st.sampled_from([" ", "  "]), st.sampled_from(QUOTED),
              st.lists(st.tuples(st.sampled_from(["", " ", "  ", "    "]), st.sampled_from(QUOTED)), max_size=3),
              st.sampled_from(["", " ", " # c", "#c", "x", " x"])),
    st.sampled_from([[""], ["# c"], ["  # c"], ["  "], ["---"], ["- x"], ["  y"], ["k:v"]]),
)


def _quoted(first: str, more: list[tuple[str, str]], tail: str) -> list[str]:
    """A single-quoted text's lines: the first, each further one indented (or not), the last closing the quote."""
    lines = [first, *(f"{indent}{piece}" for indent, piece in more)]
    lines[-1] += f"'{tail}"
    return lines


def _shape(located: Located) -> tuple[Any, ...]:
    """All a reading gives, with each value's type and each table's order."""
    def typed(value: Any) -> Any:
        if isinstance(value, dict):
            return [(key, typed(item)) for key, item in value.items()]
        return [typed(item) for item in value] if isinstance(value, list) else (type(value), value)

    return (typed(located.value), list(located.positions.items()), list(located.key_positions.items()),
            located.flagged, list(located.ends.items()), located.source)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=7), st.sampled_from(["\n", "", "\n\n"]))
def test_a_record_of_the_plain_shape_reads_as_the_full_reading_reads_it(entries: list[list[str]], end: str) -> None:
    text = normalise_source("\n".join(line for lines in entries for line in lines) + end)  # as parsing sees it
    with mock.patch.object(yamlpos, "_plain_record", return_value=None):  # the full reading (it learns the typed texts)
        full, found = parse_yaml_text(text, "r.yaml")
    plain = yamlpos._plain_record(text)
    if plain is not None:
        assert full is not None and found == [] and _shape(plain) == _shape(full)


def test_records_not_of_the_plain_shape_are_read_the_full_way(monkeypatch) -> None:
    monkeypatch.setattr(yamlpos, "_PLAIN_READ", {})  # no typed text read yet: 12345 is not known
    monkeypatch.setattr(yamlpos, "_ROWS", {})  # nor a line holding it kept
    for text in ["kind: a\nkind: b\n", "kind: a\nend:\n", "kind: a\nc:\n- x\n  y\n", "kind: a\ntext: x\n\n  y\n",
                 "kind: a\nc: [x]\n", "kind: a\nn: 12345\n", "---\nkind: a\n", "kind: a\r\n",
                 "kind: a\t#c\n", f"kind: a\n{'k' * 1025}: x\n",  # a key longer than YAML's longest
                 "kind: 'a\n\n  b'\n", "kind: 'a\nb'\n", "kind: 'a' b\n"]:  # a blank line, one unindented
        assert yamlpos._plain_record(text) is None, text
    assert yamlpos._plain_record("kind: a # c\nc:\n  - x\ntext: x\n  y  z\n") is not None
    quoted = yamlpos._plain_record("kind: a\ntext: 'x: y\n    it''s  '  # c\n")
    assert quoted is not None and quoted.value == {"kind": "a", "text": "x: y it's  "}


def test_a_text_running_on_over_lines_a_value_could_not_start_with_is_read_line_by_line() -> None:
    text = "kind: a\ntext: Hỗ trợ tỉnh\n  {partners} (Nga) và\n  - 18/7/2022) 'x' [y]\nb: c\n"
    plain = yamlpos._plain_record(text)
    assert plain is not None and plain.value["text"] == "Hỗ trợ tỉnh {partners} (Nga) và - 18/7/2022) 'x' [y]"
    with mock.patch.object(yamlpos, "_plain_record", return_value=None):
        full, found = parse_yaml_text(text, "r.yaml")
    assert full is not None and found == [] and _shape(plain) == _shape(full)
    assert yamlpos._plain_record("kind: a\nc:\n- x\n  - y\n") is None  # an item more indented: YAML's to judge


def test_a_plain_scalar_reads_the_same_in_every_file_and_each_keeps_its_diagnostics() -> None:
    text = "kind: doan_ra\nn: 08\nm: 1.5\nd: 2022-7-5\nb: yes\nx: 2022-02-30\nt: 1.150\nq: '08'\n"
    for _ in range(3):  # the first read of each value and the later ones
        located, found = parse_yaml_text(text, "r.yaml")
        assert located is not None
        assert located.value == {"kind": "doan_ra", "n": 8, "m": Decimal("1.5"), "d": date(2022, 7, 5),
                                 "b": "yes", "x": None, "t": None, "q": "08"}
        assert [(d.code, d.line, d.col) for d in found] == [
            ("ambiguous-boolean", 5, 4), ("impossible-date", 6, 4), ("thousands-separator", 7, 4)]
    located, found = parse_yaml_text("kind: doan_ra\nlist: [yes, 08, '08']\n", "r.yaml")  # in a list, quoted
    assert located is not None and located.value["list"] == ["yes", 8, "08"]
    assert [(d.code, d.line, d.col) for d in found] == [("ambiguous-boolean", 2, 8)]


def _scan(scanner: AliasScanner, text: str) -> list[tuple[str, int, int]]:
    located, _ = parse_yaml_text(f"kind: doan_ra\ntext: {text}\nnotes:\n- a: {text}\n", "r.yaml")
    assert located is not None
    return [(d.message, d.line, d.col) for d in scanner.scan(located, "r.yaml")]


def _catalog(aliases: dict[str, tuple[str, ...]]) -> Catalog:
    return Catalog({f"p{n}": Entry(f"p{n}", name, "", spellings, "c", 1)
                    for n, (name, spellings) in enumerate(aliases.items())})


def test_the_alias_scan_finds_a_wrong_spelling_among_few_or_many_and_one_without_a_word() -> None:
    few = AliasScanner(_catalog({"Khăm Muồn": ("Khăm Muộn",), "Quê": ("(+)",)}))
    assert [line for _, line, _ in _scan(few, "gặp Khăm Muộn (+) nay")] == [2, 2, 4, 4]
    assert _scan(few, "Muộn, Khăm và Khăm Muồn") == []  # its words apart, or the name: no wrong spelling
    worded = AliasScanner(_catalog({"Khăm Muồn": ("Khăm Muộn",)}))  # every spelling with a word
    assert [line for _, line, _ in _scan(worded, '"gặp Kh\\u0103m Mu\\u1ed9n"')] == [2, 4]  # written with escapes
    many = AliasScanner(_catalog({f"Tỉnh {n}": (f"Tên{n} Kiểu", f"Vùng{n}") for n in range(100)}))
    assert len(many.anchors) > 64  # searched for as words, not as one pattern
    region, name = "'Vùng7' là cách viết khác của 'Tỉnh 7'", "'Tên99 Kiểu' là cách viết khác của 'Tỉnh 99'"
    assert _scan(many, "đến Vùng7, Tên99 Kiểu") == [(region, 2, 11), (name, 2, 18), (region, 4, 10), (name, 4, 17)]
    assert _scan(many, "Vùng7x, Tên99") == []


def _signed(path: str, words: str) -> Signed:
    return Signed(path, 3, 1, Signature("tham_muu", date(2022, 7, 1), False, None, words, ""))


def test_a_large_group_still_finds_the_twin_that_shares_rare_triples() -> None:
    pick = random.Random(1)
    common = "báo cáo tình hình hợp tác quốc tế của tỉnh"  # triples every text has: left out of the sketches
    texts = [" ".join([common, *(f"từ{pick.randrange(500)}" for _ in range(30))]) for _ in range(30)]
    twin = texts[4].replace(" từ", " chữ", 1)  # one word changed: most of its triples shared
    group = [_signed(f"records/2022/07/{n:02d}.yaml", t) for n, t in enumerate(texts)]
    group.append(_signed("records/2022/07/99.yaml", twin))
    found = find_duplicates(group)
    assert [(d.code, d.path, dict(d.args)["other"]) for d in found] == [
        ("duplicate-record", "records/2022/07/99.yaml", "records/2022/07/04.yaml:3")]


def test_workers_of_a_run_asking_for_no_record_send_none_and_one_asked_for_is_read_again(repo, monkeypatch) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    repo.write("records/2022/07/b.yaml", DOAN_RA)  # a duplicate: compared by the signatures sent
    alone = load_records(repo.root, cache=False)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(loader, "CHUNK", 1)
    read_here: list[str] = []  # files read in this process (the workers are forked: theirs are not listed)
    real = loader._read_one

    def reading(reader: Any, shown: str, *rest: Any) -> Any:
        read_here.append(shown)
        return real(reader, shown, *rest)

    monkeypatch.setattr(loader, "_read_one", reading)
    pooled = load_records(repo.root, cache=False, records=False)
    assert read_here == []  # the workers read both, and sent neither record
    assert pooled.diagnostics == alone.diagnostics
    assert ("duplicate-record", "records/2022/07/b.yaml") in [(d.code, d.path) for d in pooled.diagnostics]
    assert [(r.path, r.model_dump()) for r in pooled.records] == [(r.path, r.model_dump()) for r in alone.records]
    assert read_here == ["records/2022/07/a.yaml", "records/2022/07/b.yaml"]  # each asked for: read again


def test_a_check_asks_for_no_record_and_a_report_does(repo, monkeypatch) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    asked: list[bool] = []

    def loading(*args: Any, records: bool = True, **kwargs: Any) -> Any:
        asked.append(records)
        return load_records(*args, records=records, **kwargs)

    monkeypatch.setattr(loader, "load_records", loading)
    assert bcngv("check", "--no-cache", root=repo.root).exit_code == 0
    assert bcngv("build", "--period", "2022-07", "--no-cache", root=repo.root).exit_code == 0
    assert asked == [False, True]
