"""The thresholds of the duplicate-record check, each by its name, at its boundaries (issue 19):
short texts by difflib's ratio of letters (SAME_TEXT 0.9), long texts by the Dice coefficient of
word triples (SAME_TRIPLES 0.7) from SHORT_TEXT (1,500) characters on, reordered words, the length
window that skips comparisons which cannot reach the threshold, and large groups of one day."""

from __future__ import annotations

import difflib

import pytest

from bcngv.records.checks import Placed, check_duplicates

# the thresholds as the office relies on them, written out: a test reading the module's own constants
# would move with them and pin nothing
SAME_TEXT, SAME_TRIPLES, SHORT_TEXT, COMPARED = 0.9, 0.7, 1_500, 5

from metrics_sample import make

WORDS = [f"t{i:03d}x" for i in range(400)]  # distinct words: every run of three is a distinct triple


def placed(name: str, text: str, day: str = "2022-07-12", kind: str = "su_kien", line: int = 3) -> Placed:
    return Placed(make(f"records/2022/07/{name}.yaml", kind=kind, date=day, field="hop_tac_quoc_te", text=text),
                  line, 1)


def twins(*texts: str) -> list[tuple[str, str]]:
    """(later file, the earlier one it repeats) for each duplicate found among texts of one day."""
    found = check_duplicates([placed(f"r{i:02d}", text) for i, text in enumerate(texts)])
    return [(d.path.rsplit("/", 1)[1], dict(d.args)["other"].rsplit("/", 1)[1]) for d in found]


def short_pair(changed: int) -> tuple[str, str]:
    """A text of 100 letters and the same with `changed` letters replaced, all in its last word."""
    text = " ".join(WORDS[:12]) + " " + "abcdefghijklmnopqrstuvwxyzab"
    assert len(text) == 100
    letters = list(text)
    for n in range(changed):
        letters[73 + 2 * n] = "#"  # one letter in two: the matching blocks stay in place
    return text, "".join(letters)


# --- short texts: difflib's ratio of letters, from 0.9 -----------------------------------------------
@pytest.mark.parametrize(("changed", "same"), [(9, True), (10, True), (11, False)])
def test_short_texts_are_the_same_from_a_ratio_of_0_9(changed: int, same: bool) -> None:
    first, second = short_pair(changed)
    ratio = difflib.SequenceMatcher(None, second, first, autojunk=False).ratio()
    assert ratio == pytest.approx(1 - changed / 100) and (ratio >= SAME_TEXT) is same
    assert twins(first, second) == ([("r01.yaml", "r00.yaml:3")] if same else [])


def test_the_same_words_in_another_order_are_not_the_same_text() -> None:
    # every letter is shared (quick_ratio 1.0) but their order is not
    text = " ".join(WORDS[:15])
    assert twins(text, " ".join(reversed(WORDS[:15]))) == []


def test_texts_are_compared_casefolded_with_their_spaces_joined() -> None:
    text = " ".join(WORDS[:15])
    assert twins(text, "  " + text.upper().replace(" ", " \n ") + " ") == [("r01.yaml", "r00.yaml:3")]


def test_a_short_text_sharing_under_half_its_words_is_not_compared_letter_by_letter() -> None:
    assert twins("a b c d e f", "a b c g h i j") == []


# --- the length window: texts too different in length cannot reach 0.9 ---------------------------------
@pytest.mark.parametrize(("extra", "same"), [(20, True), (21, False)])
def test_a_text_and_the_same_with_more_words_at_the_length_window(extra: int, same: bool) -> None:
    text = " ".join(WORDS[:15]) + "a"
    longer = text + "z" * extra  # 90 and 110 letters: a ratio of exactly 2·90/200 = 0.9
    assert twins(text, longer) == ([("r01.yaml", "r00.yaml:3")] if same else [])


# --- long texts: Dice coefficient of word triples, from 0.7 ------------------------------------------------
def long_pair(replaced: int) -> tuple[str, str]:
    """302 distinct words (300 triples, over 1,500 letters) and the same with `replaced` words
    replaced nine words apart: each replaced word breaks three triples."""
    words = WORDS[:302]
    other = list(words)
    for n in range(replaced):
        other[4 + 9 * n] = f"y{n:03d}y"
    return " ".join(words), " ".join(other)


@pytest.mark.parametrize(("replaced", "same"), [(29, True), (30, True), (31, False)])
def test_long_texts_are_the_same_from_a_dice_coefficient_of_0_7(replaced: int, same: bool) -> None:
    first, second = long_pair(replaced)
    assert len(first) > SHORT_TEXT and ((300 - 3 * replaced) / 300 >= SAME_TRIPLES) is same
    assert twins(first, second) == ([("r01.yaml", "r00.yaml:3")] if same else [])


def texts_of_length(size: int) -> tuple[str, str]:
    """A text of `size` letters and the same with one letter changed in every eighth word: letters
    all but equal (ratio 0.98), three triples in eight broken (Dice 0.63, under 0.7)."""
    text = " ".join(WORDS)[: size - 1] + "y"  # never a trailing space, which the comparison drops
    words = text.split(" ")
    return text, " ".join(w if i % 8 else "#" + w[1:] for i, w in enumerate(words))


@pytest.mark.parametrize(("size", "same"), [(SHORT_TEXT - 1, True), (SHORT_TEXT, True), (SHORT_TEXT + 1, False)])
def test_texts_up_to_1500_letters_are_short(size: int, same: bool) -> None:
    first, second = texts_of_length(size)
    assert len(first) == len(second) == size
    assert twins(first, second) == ([("r01.yaml", "r00.yaml:3")] if same else [])


def test_a_text_of_fewer_than_three_words_is_one_triple() -> None:
    assert twins("a" * 1600, "a" * 1600) == [("r01.yaml", "r00.yaml:3")]
    assert twins("a " + "b" * 1600, "a " + "b" * 1600) == [("r01.yaml", "r00.yaml:3")]


# --- what a duplicate is reported on ----------------------------------------------------------------------
def test_reported_once_on_the_later_file_naming_the_first_of_the_earlier_ones() -> None:
    text = " ".join(WORDS[:15])
    assert twins(text, text, text) == [("r01.yaml", "r00.yaml:3"), ("r02.yaml", "r00.yaml:3")]
    found = check_duplicates([placed("b", text, line=7), placed("a", text, line=4)])
    assert [(d.code, d.path, d.line, d.col, dict(d.args)["other"]) for d in found] == [
        ("duplicate-record", "records/2022/07/b.yaml", 7, 1, "records/2022/07/a.yaml:4")]


def test_another_day_or_another_kind_is_another_activity() -> None:
    text = " ".join(WORDS[:15])
    assert check_duplicates([placed("a", text), placed("b", text, day="2022-07-13"),
                             placed("c", text, kind="tham_muu")]) == []


def test_duplicates_are_listed_by_file_then_line() -> None:
    one, two = " ".join(WORDS[:15]), " ".join(WORDS[20:35])
    found = check_duplicates([placed("a", one), placed("d", one, day="2022-07-13"), placed("c", one, line=9),
                              placed("b", two, day="2022-07-13"), placed("e", two, day="2022-07-13", line=2)])
    assert [(d.path[-6:], d.line) for d in found] == [("c.yaml", 9), ("e.yaml", 2)]


# --- a large group: each text compared with at most COMPARED earlier ones, those sharing rare triples ------------
def day_of(count: int) -> list[str]:
    return [" ".join(WORDS[15 * i: 15 * i + 15]) for i in range(count)]


@pytest.mark.parametrize("size", [10, 11, 12, 13, 20])
def test_a_text_repeating_the_first_of_a_large_day_is_found(size: int) -> None:
    texts = day_of(size - 1)
    assert twins(*texts, texts[0]) == [(f"r{size - 1:02d}.yaml", "r00.yaml:3")]


def test_in_a_large_day_a_text_repeating_a_recent_one_is_found_among_the_first_compared() -> None:
    texts = day_of(2 * COMPARED + 4)
    assert twins(*texts, texts[COMPARED], texts[-1]) == [
        (f"r{len(texts):02d}.yaml", f"r{COMPARED:02d}.yaml:3"),
        (f"r{len(texts) + 1:02d}.yaml", f"r{len(texts) - 1:02d}.yaml:3")]


def test_half_the_words_shared_is_enough_to_compare_letters() -> None:
    # two long words shared, two one-letter words not: half the words, 0.97 of the letters
    shared = "hộinghịxúctiếnđầutưthươngmại dulịchtỉnhhàtĩnhtạithủđôviêngchăn"
    assert twins(f"{shared} a b", f"{shared} c d") == [("r01.yaml", "r00.yaml:3")]
    assert twins(f"{shared} a b e", f"{shared} c d f") == []  # under half: not compared at all


def tally(name: str, **more) -> Placed:
    return Placed(make(f"records/2024/05/{name}.yaml", kind="dich_thuat", date="2024-05-01", pages_tu_phap=472,
                       **more), 2, 1)


@pytest.mark.parametrize("words", [{"footnote": "b"}, {"short": "b"}, {"illustrative": True}])
def test_tallies_with_the_same_figures_are_the_same_whatever_their_words(words: dict) -> None:
    found = check_duplicates([tally("a", footnote="a"), tally("b", **words)])
    assert [d.path for d in found] == ["records/2024/05/b.yaml"]


def test_tallies_with_other_figures_are_not() -> None:
    assert check_duplicates([tally("a"), tally("b", pages_noi_dung=1)]) == []


def test_a_long_text_whose_triples_all_recur_in_a_longer_one_at_exactly_0_7() -> None:
    # 7 triples all among the other's 13: Dice 2·7/20 = 0.7, right at the size bound 2·min/(a+b)
    words = [f"{i:03d}" + "đoànvàolàmviệc" * 12 for i in range(15)]
    shorter, longer = " ".join(words[:9]), " ".join(words)
    assert len(shorter) > SHORT_TEXT
    assert twins(shorter, longer) == [("r01.yaml", "r00.yaml:3")]
    assert twins(shorter, " ".join(words + ["thêm"])) == []  # 2·7/21: under 0.7


def test_in_a_large_day_the_earlier_texts_sharing_the_most_rare_triples_are_compared() -> None:
    # six texts share 11 of its 18 triples, its twin all 18: the twin must be among the five compared
    twin = " ".join(WORDS[:20])
    alike = [" ".join(WORDS[:13] + [chr(0x1EA1 + 2 * (7 * i + n)) * 5 for n in range(7)]) for i in range(6)]
    others = [" ".join(WORDS[200 + 15 * i: 215 + 15 * i]) for i in range(6)]
    assert twins(twin, *alike, *others, twin) == [("r13.yaml", "r00.yaml:3")]
