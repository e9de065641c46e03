"""The rules of records/checks.py each by its name, at its boundaries (issue 19): a date and its
folder's month (NEAR_FOLDER 7 days a warning, further an error, day and month swapped suggested),
a stated total against its parts, `distinct: true`, what a duplicate's signature holds, the figures
a duplicate warning names, and what the duplicate check costs (comparisons counted)."""

from __future__ import annotations

from datetime import date

import pytest

from bcngv.diagnostics import Diagnostic
from bcngv.records import checks
from bcngv.records.checks import Placed, Signature, check_duplicates, check_record, warned_at
from bcngv.records.declared import builtin_kinds
from bcngv.yamlpos import Located, parse_yaml_bytes

from metrics_sample import make

NEAR_FOLDER = 7  # written out: a test reading the module's constant would move with it


def read(shown: str, text: str) -> tuple[Located, Diagnostic | None]:
    located, problems = parse_yaml_bytes(text.encode(), shown)
    assert located is not None and problems == []
    record = builtin_kinds()[located.value["kind"]].model_validate(located.value)
    record._path = shown
    found = check_record(record, located, shown)
    assert len(found) <= 1
    return located, (found[0] if found else None)


def dated(folder: str, day: str) -> Diagnostic | None:
    return read(f"records/{folder}/r.yaml", f"kind: su_kien\ndate: {day}\nfield: khac\ntext: x\n")[1]


# --- a date and the month of its folder --------------------------------------------------------------
@pytest.mark.parametrize(("folder", "day", "days"), [
    ("2022/08", "2022-07-25", 7), ("2022/08", "2022-07-24", 8),  # before the month
    ("2022/07", "2022-08-07", 7), ("2022/07", "2022-08-08", 8),  # after it
    ("2022/02", "2022-03-07", 7), ("2022/02", "2022-03-08", 8),  # after a month of 28 days
    ("2022/12", "2023-01-07", 7), ("2022/12", "2023-01-08", 8),  # into the next year
    ("2023/01", "2022-12-25", 7), ("2023/01", "2022-12-24", 8),  # from the year before
])
def test_a_date_up_to_7_days_outside_its_folders_month_is_a_warning_from_8_an_error(
        folder: str, day: str, days: int) -> None:
    found = dated(folder, day)
    assert found is not None and (found.line, found.col) == (2, 7)
    assert found.code == ("date-outside-folder" if days <= NEAR_FOLDER else "date-far-from-folder")
    assert found.is_error is (days > NEAR_FOLDER)
    assert dict(found.args)["date"] == day and dict(found.args)["folder"] == folder
    assert dict(found.args).get("days", days) == days


@pytest.mark.parametrize(("folder", "day"), [("2022/07", "2022-07-01"), ("2022/07", "2022-07-31"),
                                             ("2022/12", "2022-12-31"), ("2023/01", "2023-01-01")])
def test_a_date_inside_its_folders_month_is_fine(folder: str, day: str) -> None:
    assert dated(folder, day) is None


@pytest.mark.parametrize("shown", ["records/2022/13/r.yaml", "records/2022/00/r.yaml", "records/2022/7/r.yaml",
                                   "records/22/07/r.yaml", "cu-records/2022/07/r.yaml", "records/2022/07.yaml"])
def test_a_folder_that_is_no_month_is_not_checked(shown: str) -> None:
    assert read(shown, "kind: su_kien\ndate: 2021-01-01\nfield: khac\ntext: x\n")[1] is None


def test_a_folder_inside_another_folder_is_checked() -> None:
    found = read("cu/records/2022/07/r.yaml", "kind: su_kien\ndate: 2022-08-01\nfield: khac\ntext: x\n")[1]
    assert found is not None and found.code == "date-outside-folder"


def test_a_date_in_another_year_is_an_error_without_a_suggestion() -> None:
    found = dated("2022/07", "2021-07-12")
    assert found is not None and found.code == "date-far-from-folder"
    assert dict(found.args) == {"date": "2021-07-12", "folder": "2022/07", "days": 354, "close": ()}
    assert "Có phải" not in found.hint


@pytest.mark.parametrize(("day", "meant"), [("2022-12-07", "2022-07-12"), ("2022-01-07", "2022-07-01"),
                                            ("2022-10-07", "2022-07-10")])
def test_day_and_month_swapped_suggests_the_date_meant(day: str, meant: str) -> None:
    found = dated("2022/07", day)
    assert found is not None and dict(found.args)["close"] == (meant,)
    assert f"Có phải là '{meant}'?" in found.hint


@pytest.mark.parametrize("day", ["2022-12-08", "2021-12-07", "2022-09-15"])
def test_a_far_date_whose_day_is_not_the_folders_month_suggests_nothing(day: str) -> None:
    found = dated("2022/07", day)
    assert found is not None and found.code == "date-far-from-folder" and dict(found.args)["close"] == ()


# --- a stated total against its parts ------------------------------------------------------------------
def pages(*lines: str) -> Diagnostic | None:
    return read("records/2024/05/r.yaml", "kind: dich_thuat\ndate: 2024-05-01\n" + "".join(f"{x}\n" for x in lines))[1]


@pytest.mark.parametrize("lines", [
    ("pages: 545", "pages_tu_phap: 472", "pages_noi_dung: 73"),  # equal
    ("pages: 472", "pages_tu_phap: 472", "pages_hieu_dinh: 0"),  # a part stated as nothing
    ("pages: 545",),  # the total alone
    ("pages_tu_phap: 472", "pages_noi_dung: 73"),  # the parts alone: their sum is the total
    ("pages: 0", "pages_hieu_dinh: 0"),
])
def test_a_total_equal_to_its_parts_or_alone_or_parts_alone_are_fine(lines: tuple[str, ...]) -> None:
    assert pages(*lines) is None


@pytest.mark.parametrize("total", [546, 544])
def test_a_total_one_off_its_parts_is_an_error_naming_the_parts_stated(total: int) -> None:
    found = pages("pages_tu_phap: 472", f"pages: {total}", "pages_noi_dung: 73")
    assert found is not None and (found.code, found.line, found.col, found.is_error) == ("total-mismatch", 4, 8, True)
    assert dict(found.args) == {"key": "pages", "total": total, "sum": 545,
                                "parts": "pages_tu_phap 472 + pages_noi_dung 73"}


# --- the duplicate check: distinct, the signature, the figures named --------------------------------------
def tally(name: str, day: str = "2024-05-01", **fields) -> Placed:
    return Placed(make(f"records/2024/05/{name}.yaml", kind="dich_thuat", date=day, **fields), 2, 1)


def later_files(*placed: Placed) -> list[tuple[str, str]]:
    return [(d.path[-6:], dict(d.args)["other"][-8:]) for d in check_duplicates(list(placed))]


def test_distinct_on_either_side_exempts_a_copy_and_only_it() -> None:
    assert later_files(tally("a", pages_tu_phap=1, distinct=True), tally("b", pages_tu_phap=1)) == []
    assert later_files(tally("a", pages_tu_phap=1), tally("b", pages_tu_phap=1, distinct=True)) == []
    assert later_files(tally("a", pages_tu_phap=1, distinct=True), tally("b", pages_tu_phap=1),
                       tally("c", pages_tu_phap=1)) == [("c.yaml", "b.yaml:2")]


def test_the_signature_holds_kind_date_distinct_and_casefolded_words() -> None:
    record = make("records/2022/07/a.yaml", kind="su_kien", date="2022-07-12", field="khac",
                  text="  Đoàn  SANG\nLào ", distinct=True)
    signature = Signature.of(record)
    assert (signature.kind, signature.date, signature.distinct, signature.figures, signature.words) == (
        "su_kien", date(2022, 7, 12), True, None, "đoàn sang lào")
    assert Signature.of(make("records/2022/07/b.yaml", kind="su_kien", date="2022-07-12", field="khac",
                             text="x")).distinct is False


def test_figures_are_compared_by_value_in_field_order() -> None:
    one = Signature.of(tally("a", pages_tu_phap=472, pages_noi_dung=73).record)
    same = Signature.of(tally("b", pages_noi_dung=73, pages_tu_phap=472).record)
    swapped = Signature.of(tally("c", pages_tu_phap=73, pages_noi_dung=472).record)
    assert one.figures == same.figures != swapped.figures
    assert one.figures is not None and (472, 73) == tuple(v for v in one.figures if v in (472, 73))


def test_tallies_listing_the_same_partners_are_the_same_and_other_partners_are_not() -> None:
    assert later_files(tally("a", visa_countries=["lao"]), tally("b", visa_countries=["lao"]),
                       tally("c", visa_countries=["thai_lan"])) == [("b.yaml", "a.yaml:2")]


def test_tallies_of_another_day_are_not_the_same() -> None:
    assert later_files(tally("a", pages_tu_phap=1), tally("b", "2024-05-02", pages_tu_phap=1)) == []


def named(*placed: Placed) -> str:
    found = check_duplicates(list(placed))
    assert len(found) == 1
    return found[0].message


def test_the_duplicate_warning_names_the_figures_counted_twice_leaving_out_nothing_and_zero() -> None:
    message = named(tally("a", pages_tu_phap=472, legalisations=1), tally("b", pages_tu_phap=472, legalisations=1))
    assert message.endswith("tính hai lần 1 hồ sơ dich_thuat, pages 472, legalisations 1")
    assert dict(check_duplicates([tally("a"), tally("b")])[0].args)["figures"] == ""


def test_the_duplicate_warning_names_money_and_goods_by_amount_and_unit() -> None:
    def aid(name: str) -> Placed:
        return Placed(make(f"records/2022/07/{name}.yaml", kind="vien_tro", date="2022-07-13",
                           amounts=["2600000000 LAK", "20000 USD"],
                           goods=[{"name": "máy vi tính", "quantity": 20, "unit": "bộ"}]), 2, 1)

    assert named(aid("a"), aid("b")).endswith(
        "1 hồ sơ vien_tro, amounts 2600000000 LAK + 20000 USD, goods 20 bộ máy vi tính")


def test_a_warning_points_at_the_text_key_or_else_at_the_date_key() -> None:
    text, _ = read("records/2022/07/r.yaml", "kind: su_kien\nfield: khac\ndate: 2022-07-02\ntext:   x\n")
    tallied, _ = read("records/2024/05/r.yaml", "kind: dich_thuat\npages: 1\ndate:   2024-05-01\n")
    assert warned_at(text) == (4, 1)
    assert warned_at(tallied) == (3, 1)


# --- what the duplicate check costs: comparisons counted -----------------------------------------------------
WORDS = [f"w{i:04d}" for i in range(3000)]


def comparisons(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> list[int]:
    """How many earlier texts of one day each text is compared with."""
    made: list[str] = []
    compare = checks._Reading.same_as

    def counted(self: checks._Reading, other: checks._Reading) -> bool:
        made.append(self.words)
        return compare(self, other)

    monkeypatch.setattr(checks._Reading, "same_as", counted)
    assert check_duplicates([Placed(make(f"records/2022/07/r{i:03d}.yaml", kind="su_kien", date="2022-07-12",
                                         field="khac", text=text), 3, 1) for i, text in enumerate(texts)]) == []
    return [made.count(text) for text in texts]


def unrelated(count: int, start: int = 0) -> list[str]:
    return [" ".join(WORDS[start + 20 * i: start + 20 * i + 20]) for i in range(count)]


@pytest.mark.parametrize(("size", "compared"), [(11, list(range(11))), (12, [0, 1, 2, 3, 4, 5] + [0] * 6)])
def test_up_to_11_texts_are_compared_pair_by_pair_then_the_first_6_with_all_before(
        monkeypatch: pytest.MonkeyPatch, size: int, compared: list[int]) -> None:
    # from 12 on, texts after the sixth are compared only with earlier ones sharing rare triples: none here
    assert comparisons(monkeypatch, unrelated(size)) == compared


def test_in_a_large_day_a_text_is_compared_with_at_most_5_earlier_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    # every text shares a third of its words with every other: not the same, but each a candidate
    shared = " ".join(WORDS[2900:2905])
    texts = [f"{shared} {' '.join(WORDS[10 * i: 10 * i + 10])}" for i in range(14)]
    assert comparisons(monkeypatch, texts) == [0, 1, 2, 3, 4] + [5] * 9


def test_a_text_is_indexed_by_its_16_rarest_triples(monkeypatch: pytest.MonkeyPatch) -> None:
    # the last text's one triple in common with an earlier text of its length is the commonest of the day
    common = [f"p q r f{i}" for i in range(10)]
    earlier = "p q r " + " ".join(WORDS[2900:2915])  # 16 triples
    for own, compared in ((16, 0), (15, 1)):  # 17 triples: the common one is the 17th rarest; 16: all
        later = "p q r " + " ".join(WORDS[2000:2000 + own])
        assert comparisons(monkeypatch, [*common, earlier, later])[-1] == compared


def test_an_index_entry_keeps_the_first_64_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    # 65 texts share a triple; the last, of the length of the 65th only, would find it only if it were kept
    short = [f"p q r {' '.join(WORDS[13 * i: 13 * i + 13])}" for i in range(64)]
    long = [f"p q r " + " ".join(w * 9 for w in WORDS[1000 + 13 * i: 1013 + 13 * i]) for i in range(2)]
    assert comparisons(monkeypatch, [*short, *long])[-1] == 0
