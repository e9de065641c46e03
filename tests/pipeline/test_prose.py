"""Prose a reader expects, in every report the bundled records make: no clause counting nothing
("trong đó có 00 đoàn …"), no figure without its unit ("hiệu đính: 68"), counts padded one way
("tăng 06 hội thảo" beside "05 năm"), no heading numbered twice.

Every report kind of the bundled bcngv.yaml is built in-process up to compose: the monthly kinds for
every month that has records and the months around them that have none, the others for the periods
of the issued documents (van-ban/) and for each year of the records."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from bcngv.pipeline import Options, Run, preview, run
from bcngv.repository import Repository

from conftest import PROJECT

# --- the rules, on text ---------------------------------------------------------------------------
# a number as the office writes it: "5", "05", "1.150.000", "2,5"
NUMBER = r"\d{1,3}(?:\.\d{3})*(?:,\d+)?"
# a count of nothing: "0" or "00" standing alone (not the end of "10", "2.000", "1/0", nor "0,5"),
# followed by the words it counts: "00 đoàn", "0 hồ sơ", "00/00"
ZERO_COUNT = re.compile(r"(?<![\w.,/])0{1,2}(?![\w.,])(?: \w|/0)")
# a figure that stops where its unit should be: after a colon ("hiệu đính: 68." / "68;"), or after
# the amount of a comparison ("tăng 11 so với năm 2021", "(giảm 3)"); "%", a noun or a currency
# after the number is its unit
BARE_AFTER_COLON = re.compile(rf": ({NUMBER})(?=[;,)]|\.(?!\d)|$)", re.M)
BARE_CHANGE = re.compile(rf"\b(?:tăng|giảm) ({NUMBER})(?= so với|[;,)]|\.(?!\d)|$)", re.M)
# a comparison's count left unpadded in a report that pads its counts: "tăng 6 hội thảo"
UNPADDED_CHANGE = re.compile(r"\b(?:tăng|giảm) ([1-9])(?![\d.,%])")
# a heading's own number: "I.", "2.", "2.1.", "a)" (Markdown may escape its dot or bracket)
LABEL = r"(?:[IVXLC]+\\?\.|\d+(?:\\?\.\d+)*\\?\.|\d+(?:\\?\.\d+)+|[a-zđ]\\?\))(?=\s)"
HEADING = re.compile(r"^#{1,6} +(.*)$", re.M)
LABELLED = re.compile(rf"^{LABEL}")


def zero_counts(text: str) -> list[str]:
    return [_around(text, m.start()) for m in ZERO_COUNT.finditer(text)]


def bare_figures(text: str) -> list[str]:
    return [_around(text, m.start()) for pattern in (BARE_AFTER_COLON, BARE_CHANGE) for m in pattern.finditer(text)]


def unpadded_changes(text: str) -> list[str]:
    return [_around(text, m.start()) for m in UNPADDED_CHANGE.finditer(text)]


def typed_heading_numbers(markdown: str, numbered: str) -> list[str]:
    """Headings whose text starts with a number: in the template's Markdown (before bcngv numbers
    them), or, once numbered, a second number after bcngv's own."""
    typed = [h for h in HEADING.findall(markdown) if LABELLED.match(h)]
    twice = [h for h in HEADING.findall(numbered) if LABELLED.match(LABELLED.sub("", h, count=1).lstrip())]
    return typed + twice


def _around(text: str, at: int) -> str:
    return text[max(0, at - 50):at + 30].replace("\n", " ")


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("trong đó có 00 đoàn do lãnh đạo tỉnh chủ trì.", zero_counts, 1),
        ("xử lý 0 hồ sơ; thực hiện 00/00 các đoàn ra", zero_counts, 2),
        ("20.000 bộ kít, 10 đoàn, ngày 20/10/2022, 1.000.000 USD, 100 trang, 0,5%, số 05/2020", zero_counts, 0),
        ("hiệu đính: 68. Sao bản dịch: 187 bản; Sao y bản chính: 38;", bare_figures, 2),
        ("(tăng 11 so với năm 2021), giảm 3)", bare_figures, 2),
        ("hiệu đính: 68 trang. trị giá: 20.000 bộ; tăng 06 hội thảo so với năm 2021; giảm 30% so với cùng kỳ; "
         "giảm 29%; lúc 14:30; Nghị định số 50/2020/NĐ-CP", bare_figures, 0),
        ("tăng 6 hội thảo, giảm 7 dự án", unpadded_changes, 2),
        ("tăng 06 hội thảo, tăng 11 thỏa thuận, giảm 30%, tăng 2,5 lần, tăng 1.200 USD", unpadded_changes, 0),
    ],
)
def test_each_rule_finds_what_it_should_and_no_real_number(text: str, rule, found: int) -> None:
    assert len(rule(text)) == found, rule(text)


def test_the_heading_rule_finds_a_number_typed_and_a_number_given_twice() -> None:
    assert typed_heading_numbers("## 2.1. Hội nhập\n### a) Lào\n## Kết quả", "") == ["2.1. Hội nhập", "a) Lào"]
    assert typed_heading_numbers("", "### a) 2\\.1. Hội nhập\n## I. KẾT QUẢ\n# V/v\n### 1. Việc 2022") == ["a) 2\\.1. Hội nhập"]


# --- the reports of the bundled records -----------------------------------------------------------
def _months_with_records() -> list[str]:
    return sorted(f"{m.parent.name}-{m.name}" for m in (PROJECT / "records").glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]")
                  if m.is_dir() and any(m.rglob("*.yaml")))


def _around_month(month: str, step: int) -> str:
    year, number = map(int, month.split("-"))
    year, number = divmod(year * 12 + number - 1 + step, 12)
    return f"{year}-{number + 1:02d}"


def _demo_periods() -> list[tuple[str, date | None]]:
    """The periods of more than a month of the issued documents (van-ban/), with their cut-off."""
    found = []
    for path in sorted((PROJECT / "van-ban").rglob("*.yaml")):
        fields = yaml.safe_load(path.read_text(encoding="utf-8"))
        period = str(fields["period"])
        if not re.fullmatch(r"\d{4}-\d{2}", period):  # months: every one is built already
            found.append((period, fields.get("as_of")))
    return found


def _cases() -> list[tuple[str, str, date | None]]:
    reports = yaml.safe_load((PROJECT / "bcngv.yaml").read_text(encoding="utf-8"))["reports"]
    months = _months_with_records()
    around = {_around_month(m, step) for m in months for step in (-1, 1)} - set(months)
    years = sorted({m[:4] for m in months})
    cases = []
    for report, kind in reports.items():
        if "month" in kind.get("default_for", []):
            cases += [(report, month, None) for month in sorted(set(months) | around)]
        else:
            cases += [(report, period, as_of) for period, as_of in _demo_periods() + [(y, None) for y in years]]
    return cases


CASES = _cases()
_BUILT: dict[tuple[str, str, date | None], Run] = {}


def composed(report: str, period: str, as_of: date | None) -> tuple[str, str, bool]:
    """The report's Markdown as the template wrote it, the same with its headings numbered, and
    whether the report kind pads its counts; each case built once (in-process, up to compose)."""
    key = (report, period, as_of)
    if key not in _BUILT:
        _BUILT[key] = run(Repository(PROJECT), Options(period, report, as_of), until="compose")
    done = _BUILT[key]
    assert done.composed is not None, [str(d) for d in done.diagnostics]
    return done.composed.markdown, preview(done) or "", done.plan.kind.pad_counts


def _id(case: tuple[str, str, date | None]) -> str:
    report, period, as_of = case
    return f"{report}-{period}" + (f"-as-of-{as_of}" if as_of else "")


def test_the_cases_cover_every_month_and_kind() -> None:
    kinds = {report for report, _, _ in CASES}
    assert kinds == set(yaml.safe_load((PROJECT / "bcngv.yaml").read_text(encoding="utf-8"))["reports"])
    assert {"2024-04", "2024-05", "2024-06"} <= {period for _, period, _ in CASES}
    assert ("ktxh", "2022-01..2022-07", date(2022, 7, 29)) in CASES
    assert ("kiem-diem", "2022", date(2022, 11, 7)) in CASES


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_no_clause_counts_nothing(case) -> None:
    markdown, numbered, _ = composed(*case)
    assert zero_counts(numbered) == []
    done = _BUILT[case]
    assert [use.text for use in done.composed.figures if re.fullmatch(r"0+(?:/0+)?", use.text)] == []


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_figure_has_its_unit(case) -> None:
    _, numbered, _ = composed(*case)
    assert bare_figures(numbered) == []


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_counts_are_padded_one_way(case) -> None:
    _, numbered, pads = composed(*case)
    assert not pads or unpadded_changes(numbered) == []


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_no_heading_is_numbered_twice(case) -> None:
    markdown, numbered, _ = composed(*case)
    assert typed_heading_numbers(markdown, numbered) == []
