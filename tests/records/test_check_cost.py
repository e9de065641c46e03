"""The checks across records stay cheap whatever a pull request commits: the duplicate check and
the alias scan are near-linear in the size of the records, at real sizes (texts of ~900 KB, a day
of 200 long records, a catalog of 5,000 aliases), and still find what they found before."""

from __future__ import annotations

import random
import time

import pytest

from bcngv.records.checks import SAME_TRIPLES, SHORT_TEXT
from bcngv.records.loader import load_records

LIMIT = 10.0  # seconds: what CI may spend on one of these repositories

# syllables of the office's papers, so that texts look like Vietnamese to every measure
SYLLABLES = (
    "đoàn công tác tỉnh hợp tác quốc tế làm việc với các sở ngành huyện đối ngoại lào kinh tế "
    "thương mại đầu tư giáo dục y tế văn hóa du lịch biên giới an ninh hội nghị ký kết biên bản "
    "ghi nhớ triển khai kế hoạch năm tháng nội dung trao đổi thống nhất phối hợp thực hiện chương "
    "trình dự án viện trợ phi chính phủ nước ngoài tiếp đón lãnh đạo ủy ban nhân dân"
).split()


def words(count: int, seed: int) -> list[str]:
    pick = random.Random(seed).choice
    return [pick(SYLLABLES) for _ in range(count)]


def record(text: str, kind: str = "su_kien") -> str:
    # one line: a plain scalar of any length is read as it is written
    return f"kind: {kind}\ndate: 2022-07-20\nfield: khac\ntext: {text}\n"


def timed_load(repo) -> tuple[float, list]:
    """Seconds spent loading the records (no cache), and their diagnostics."""
    start = time.perf_counter()
    found = load_records(repo.root, cache=False).diagnostics
    return time.perf_counter() - start, found


def timed_duplicates(repo) -> tuple[float, list[tuple[str, int, int, str]]]:
    spent, found = timed_load(repo)
    return spent, [(d.path, d.line, d.col, d.message) for d in found if d.code == "duplicate-record"]


def timed_aliases(repo) -> tuple[float, list[tuple[int, int]]]:
    spent, found = timed_load(repo)
    return spent, [(d.line, d.col) for d in found if d.code == "partner-alias"]


# --- the duplicate check ---------------------------------------------------------------------------

def test_two_long_texts_nearly_the_same_are_a_duplicate_in_seconds(repo) -> None:
    text = words(150_000, seed=1)
    retyped = list(text)
    for index in range(0, len(retyped), 50):  # one word in fifty changed: the same paper, corrected
        retyped[index] = "sửa"
    repo.write("records/2022/07/a.yaml", record(" ".join(text)))
    repo.write("records/2022/07/b.yaml", record(" ".join(retyped)))
    assert 850_000 < (repo.root / "records/2022/07/b.yaml").stat().st_size < 1 << 20
    spent, found = timed_duplicates(repo)
    print(f"two ~900 KB texts, nearly the same: {spent:.2f} s")
    assert [(path, line, col) for path, line, col, _ in found] == [("records/2022/07/b.yaml", 4, 1)]
    assert "records/2022/07/a.yaml:4" in found[0][3]
    assert spent < LIMIT


def test_two_long_texts_of_the_same_words_in_other_orders_are_not(repo) -> None:
    repo.write("records/2022/07/a.yaml", record(" ".join(words(150_000, seed=1))))
    repo.write("records/2022/07/b.yaml", record(" ".join(words(150_000, seed=2))))
    spent, found = timed_duplicates(repo)
    print(f"two ~900 KB texts, same vocabulary, different: {spent:.2f} s")
    assert found == []
    assert spent < LIMIT


def test_a_day_of_200_similar_long_records_is_bounded_and_finds_its_one_duplicate(repo) -> None:
    base = words(3_000, seed=3)  # ~17 KB each: one paper rewritten 200 times, each a third its own
    texts = []
    for number in range(200):
        pick = random.Random(100 + number)
        texts.append([pick.choice(SYLLABLES) if pick.random() < 0.35 else word for word in base])
    texts[150] = list(texts[57])
    texts[150][1000] = "sửa"
    for number, text in enumerate(texts):
        repo.write(f"records/2022/07/r{number:03d}.yaml", record(" ".join(text)))
    spent, found = timed_duplicates(repo)
    print(f"200 similar ~17 KB records on one day: {spent:.2f} s")
    assert [(path, line) for path, line, _, _ in found] == [("records/2022/07/r150.yaml", 4)]
    assert "records/2022/07/r057.yaml:4" in found[0][3]
    assert spent < LIMIT


def test_a_day_of_200_similar_short_records_is_bounded(repo) -> None:
    base = words(250, seed=4)  # just under the length compared character by character
    for number in range(200):
        pick = random.Random(500 + number)
        text = " ".join(pick.choice(SYLLABLES) if pick.random() < 0.2 else word for word in base)
        repo.write(f"records/2022/07/r{number:03d}.yaml", record(text[:SHORT_TEXT]))
    spent, found = timed_duplicates(repo)
    print(f"200 similar ~1,500-character records on one day: {spent:.2f} s")
    assert found == []
    assert spent < LIMIT


def sharing(shared: int, total: int = 400) -> tuple[str, str]:
    """Two long texts of `total` word triples each (every word distinct), `shared` of them in common."""
    first = [f"t{n:05d}" for n in range(total + 2)]
    second = first[: shared + 2] + [f"u{n:05d}" for n in range(total - shared)]
    return " ".join(first), " ".join(second)


@pytest.mark.parametrize(("shared", "same"), [(279, False), (280, True), (281, True)])
def test_long_texts_are_the_same_from_seven_tenths_of_their_word_triples(repo, shared: int, same: bool) -> None:
    first, second = sharing(shared)
    assert len(first) > SHORT_TEXT and 2 * shared / 800 in (0.6975, SAME_TRIPLES, 0.7025)
    repo.write("records/2022/07/a.yaml", record(first))
    repo.write("records/2022/07/b.yaml", record(second))
    _, found = timed_duplicates(repo)
    assert [(path, line, col) for path, line, col, _ in found] == ([("records/2022/07/b.yaml", 4, 1)] if same else [])


@pytest.mark.parametrize(("extra", "same"), [(0, True), (1, False)])
def test_up_to_the_short_length_texts_are_compared_letter_by_letter(repo, extra: int, same: bool) -> None:
    """A typo in every fifth word keeps 0.9 of the letters but not 0.7 of the word triples."""
    text = " ".join(words(400, seed=5))[: SHORT_TEXT - extra].rstrip() + "x" * extra
    text = text + "y" * (SHORT_TEXT + extra - len(text))
    typed = " ".join(word[:-1] + "q" if index % 5 == 0 else word for index, word in enumerate(text.split()))
    assert len(text) == len(typed) == SHORT_TEXT + extra
    repo.write("records/2022/07/a.yaml", record(text))
    repo.write("records/2022/07/b.yaml", record(typed))
    _, found = timed_duplicates(repo)
    assert [(path, line) for path, line, _, _ in found] == ([("records/2022/07/b.yaml", 4)] if same else [])


# --- the alias scan --------------------------------------------------------------------------------

def test_a_catalog_of_5000_aliases_against_a_long_text(repo) -> None:
    catalog = ["vientiane:\n  name: Thủ đô Viêng Chăn\n  aliases: [Viêng Chăn]\n"]
    catalog += [f"p{n}:\n  name: Tỉnh Số {n}\n  aliases: [Tinh So {n}, Tỉnh số {n}, Xứ {n} Cũ, Vùng{n}]\n"
                for n in range(1250)]
    repo.write("records/_catalog/doi_tac.yaml", "".join(catalog))
    body = " ".join(words(150_000, seed=6))
    text = f"Đoàn sang Thủ đô Viêng Chăn, Tinh So 7 và {body} rồi Viêng Chăn, Vùng1249 và Tỉnh Số 3 nữa."
    repo.write("records/2022/07/r.yaml", record(text))
    spent, found = timed_load(repo)
    print(f"5,000 aliases against a ~900 KB text: {spent:.2f} s")
    column = len("text: ") + 1
    assert [(d.code, d.line, d.col, d.message) for d in found] == [
        ("partner-alias", 4, column + 29, "'Tinh So 7' là cách viết khác của 'Tỉnh Số 7'"),
        ("partner-alias", 4, column + text.index("Viêng Chăn, Vùng"),
         "'Viêng Chăn' là cách viết khác của 'Thủ đô Viêng Chăn'"),
        ("partner-alias", 4, column + text.index("Vùng1249"), "'Vùng1249' là cách viết khác của 'Tỉnh Số 1249'"),
    ]
    assert spent < LIMIT


def test_building_the_scanner_for_10000_aliases_is_fast() -> None:
    from bcngv.records.aliases import AliasScanner
    from bcngv.records.catalog import Catalog, Entry

    entries = {f"p{n}": Entry(f"p{n}", f"Tỉnh Số {n}", "", tuple(f"Tên {n} Kiểu {k}" for k in range(10)), "c", 1)
               for n in range(1000)}
    start = time.perf_counter()
    scanner = AliasScanner(Catalog(entries))
    spent = time.perf_counter() - start
    print(f"scanner for 10,000 aliases built in {spent:.3f} s")
    assert len(scanner.wrong) == 10_000
    assert spent < 0.5


def test_many_repeats_of_one_alias_are_placed_in_order(repo) -> None:
    repeated = " và ".join(["Bolykhamxay"] * 20_000)  # each found again in the line, in order
    repo.write("records/2022/07/r.yaml", record(repeated))
    spent, found = timed_aliases(repo)
    print(f"20,000 repeats of one alias placed: {spent:.2f} s")
    assert found == [(4, 7 + 15 * n) for n in range(20_000)]
    assert spent < LIMIT


def test_many_values_on_one_line_are_each_placed_once(repo) -> None:
    repeated = ", ".join(["Bolykhamxay"] * 10_000)  # a flow list: every value starts on the same line
    repo.write("records/2022/07/r.yaml", f"{record('x')}notes: [{repeated}]\n")
    spent, found = timed_aliases(repo)
    print(f"10,000 values on one line placed: {spent:.2f} s")
    assert found == [(5, 9 + 13 * n) for n in range(10_000)]
    assert spent < LIMIT


def test_the_scan_finds_what_one_longest_first_pattern_found() -> None:
    """Against the single regex the scanner replaces (whole words, case kept, longest first), on
    random spellings and texts with spaces, punctuation and spellings inside spellings."""
    import re

    from bcngv.records.aliases import AliasScanner
    from bcngv.records.catalog import Catalog, Entry

    pick = random.Random(7)
    pieces = ["Lào", "lào", "Viêng", "Chăn", "Xa", "ab", "a1", " ", " ", "  ", "(", ")", ".", ",", "-", "_"]
    for _ in range(300):
        spellings = {"".join(pick.choices(pieces, k=pick.randint(1, 4))) for _ in range(6)} - {""}
        entries = {f"e{n}": Entry(f"e{n}", s, "", (), "c", 1) for n, s in enumerate(sorted(spellings))}
        scanner = AliasScanner(Catalog(entries))
        body = "|".join(map(re.escape, sorted(spellings, key=len, reverse=True)))
        pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        text = "".join(pick.choices(pieces, k=40))
        start = pick.choice([0, pick.randint(0, len(text))])
        expected = [(m.start(), m.group()) for m in pattern.finditer(text, start)]
        assert list(scanner.spellings(text, start)) == expected, (spellings, text, start)
