"""Forty-odd slips a member of staff makes typing a record by hand, each as an extra file beside
four real records of July 2022: each stops the build or is said, at its file and line, in plain
Vietnamese with a hint; and none is accepted with a figure of the report changed."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import docx

from conftest import PROJECT, Repo, bcngv
from docx_sample import seen

REAL = ("2022-07-01-thu-tuc-ho-chieu.yaml", "2022-07-05-tong-lanh-su-lao-chao-xa-giao.yaml",
        "2022-07-06-doan-hoi-lien-hiep-phu-nu.yaml", "2022-07-12-doan-chu-tich-sang-bolikhamxay-khammuon.yaml")
JARGON = re.compile(r"\b(mapping|scalar|sequence|decimal|none|block|token|stream|alphabetic|null)\b"
                    r"|(?<![./'])\byaml\b", re.IGNORECASE)
VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)

GOOD = """\
kind: doan_ra
date: 2022-07-20
persons: 5
funding: ngan_sach
partners: [lao]
text: Đoàn Sở Công Thương sang làm việc với {partners} về thương mại.
"""
TRIP = (PROJECT / "records/2022/07" / REAL[3]).read_text(encoding="utf-8")


def slipped(old: str, new: str, base: str = GOOD) -> str:
    assert old in base
    return base.replace(old, new)


@dataclass(frozen=True)
class Slip:
    text: str | bytes
    code: str
    line: int
    exit: int = 1
    name: str = "2022-07-20-doan.yaml"
    told: tuple[str, ...] = ()  # when accepted: the report's only new words, the record's own content
    at: str | None = None  # the file the diagnostic is on, when not the slip's (the earlier of two copies)


SLIPS = {
    # slips of structure
    "colon in a sentence": Slip(slipped("text: Đoàn", "text: Đoàn công tác: Đoàn"), "colon-in-text", 6),
    "sentence ending with a colon": Slip(slipped("thương mại.", "thương mại gồm:"), "colon-in-text", 6),
    "no space after a colon": Slip(slipped("persons: 5", "persons:5"), "colon-without-space", 3),
    "text on two lines without >": Slip(slipped("với {partners}", "với\n{partners}"), "continued-text", 7),
    "text starting with a dash": Slip(slipped("text: Đoàn", "text: - Đoàn"), "text-starts-with-mark", 6),
    "text starting with a star": Slip(slipped("text: Đoàn", "text: * Đoàn"), "text-starts-with-mark", 6),
    "list after its key's dash": Slip(slipped("[lao]", "- lao - khammuon"), "list-written-wrongly", 5),
    "list without its ]": Slip(slipped("[lao]", "[lao, khammuon"), "list-written-wrongly", 5),
    "items indented 2 then 3": Slip(slipped("[lao]", "\n  - lao\n   - khammuon"), "misindented", 7),
    "field indented by a space": Slip(slipped("persons: 5", " persons: 5"), "misindented", 3),
    "quote never closed": Slip(slipped("text: Đoàn", 'text: "Đoàn'), "unclosed-quote", 6),
    "a tab before a field": Slip(slipped("persons: 5", "\tpersons: 5"), "tab-indent", 3),
    # slips of value
    "date written 20/7/2022": Slip(slipped("2022-07-20", "20/7/2022"), "invalid-value", 2),
    "date written with dots": Slip(slipped("2022-07-20", "20.07.2022"), "invalid-value", 2),
    "a day that does not exist": Slip(slipped("2022-07-20", "2022-07-32"), "impossible-date", 2),
    "thousands with a dot": Slip(slipped("persons: 5", "persons: 1.150"), "thousands-separator", 3),
    "half a person": Slip(slipped("persons: 5", "persons: 12.5"), "invalid-value", 3),
    "a count in words": Slip(slipped("persons: 5", "persons: năm"), "invalid-value", 3),
    "a negative count": Slip(slipped("persons: 5", "persons: -3"), "negative-number", 3),
    "a count left empty": Slip(slipped("persons: 5", "persons:"), "empty-value", 3),
    "a misspelt choice": Slip(slipped("ngan_sach", "ngansach"), "invalid-choice", 4),
    "a required field left out": Slip(slipped("funding: ngan_sach\n", ""), "missing-field", 1),
    "an unknown partner": Slip(slipped("[lao]", "[laos]"), "unknown-partner", 5),
    "a misspelt kind": Slip(slipped("doan_ra", "doan_raa"), "unknown-kind", 1),
    "no kind": Slip(slipped("kind: doan_ra\n", ""), "missing-kind", 1),
    "a misspelt field": Slip(slipped("persons: 5", "persons: 5\nfundng: tu_tuc"), "unknown-field", 4),
    "an end before its start": Slip(GOOD + "end: 2022-07-18\n", "end-before-start", 7),
    "a yes in Vietnamese": Slip(GOOD + "led_by_provincial_leader: có\n", "invalid-value", 7),
    "a field the office does not have": Slip(GOOD + "field: doi_ngoai\n", "invalid-choice", 7),
    "an empty file": Slip("", "empty-file", 1),
    "saved in another encoding": Slip(GOOD.encode("cp1258", "replace"), "not-utf8", 6),
    "a total that is not its parts' sum": Slip(
        "kind: dich_thuat\ndate: 2022-07-01\npages: 10\npages_tu_phap: 3\n", "total-mismatch", 3),
    # what used to reach the report silently
    "{partner} for {partners}": Slip(slipped("{partners}", "{partner}"), "unknown-placeholder", 6),
    "{persons} of a kind without persons": Slip(
        "kind: doan_vao\ndate: 2022-07-20\nvisitors: 5\ntext: Đón {persons} khách.\n", "unknown-placeholder", 4),
    "{partners} with no partner": Slip(slipped("[lao]", "[]"), "empty-placeholder", 6),
    "{partners} without partners": Slip(slipped("partners: [lao]\n", ""), "empty-placeholder", 5),
    "saved as .yml": Slip(GOOD, "not-a-record-file", 1, name="2022-07-20-doan.yml"),
    "saved as .yaml.txt by Notepad": Slip(GOOD, "not-a-record-file", 1, name="2022-07-20-doan.yaml.txt"),
    "saved as .YAML": Slip(GOOD, "not-a-record-file", 1, name="2022-07-20-doan.YAML"),
    "a space after .yaml": Slip(GOOD, "not-a-record-file", 1, name="2022-07-20-doan.yaml "),
    "a copy of a record": Slip(TRIP, "duplicate-record", 15, name=REAL[3].replace(".yaml", " - Copy.yaml"), at=REAL[3]),
    "a copy with a word changed": Slip(TRIP.replace("đẩy mạnh", "tăng cường"), "duplicate-record", 15, name="copy.yaml"),
    "day and month swapped": Slip(slipped("2022-07-20", "2022-12-07"), "date-far-from-folder", 2),
    "another year": Slip(slipped("2022-07-20", "2021-07-20"), "date-far-from-folder", 2),
    # said, and the report keeps its figures (or gains only the record's own content)
    "a delegation of 1200": Slip(slipped("persons: 5", "persons: 1200"), "unusual-value", 3, exit=0,
                                 told=("Đoàn ra: 02 đoàn với 1.212 lượt", "Đoàn Sở Công Thương sang làm việc với Lào")),
    "a delegation of nobody": Slip(slipped("persons: 5", "persons: 0"), "unusual-value", 3, exit=0,
                                   told=("Đoàn ra: 02 đoàn với 12 lượt", "Đoàn Sở Công Thương sang làm việc với Lào")),
    "a few days after the month": Slip(slipped("2022-07-20", "2022-08-03"), "date-outside-folder", 2, exit=0),
    "a kind no part of the report tells": Slip(
        "kind: hoc_bong\ndate: 2022-07-20\nschool_year: 2022-2023\nstudents: 30\n", "record-not-told", 1, exit=0),
}


def report_text(root: Path) -> list[str]:
    """The paragraphs of the July report in build/, as a reader sees them."""
    document = docx.Document(str(root / "build" / "thang-2022-07.docx"))
    return [seen(p.text) for p in document.paragraphs]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The office with its four real records, and its report's text without any slip."""
    root = tmp_path_factory.mktemp("office")
    for name in ("bcngv.yaml", "templates", "records/_catalog"):
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        copy(PROJECT / name, root / name)
    for name in REAL:
        Repo(root).write(f"records/2022/07/{name}", (PROJECT / "records/2022/07" / name).read_bytes())
    result = bcngv("build", "--period", "2022-07", root=root)
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    return root, report_text(root)


def test_there_are_forty_slips() -> None:
    assert len(SLIPS) >= 40


@pytest.mark.parametrize("slip", SLIPS.values(), ids=SLIPS.keys())
def test_a_slip_is_said_at_its_line_and_never_changes_a_figure(office: tuple[Path, list[str]], slip: Slip) -> None:
    root, clean = office
    report = root / "build" / "thang-2022-07.docx"
    before = report.read_bytes()
    path = Repo(root).write(f"records/2022/07/{slip.name}", slip.text)
    try:
        result = bcngv("build", "--period", "2022-07", root=root)
        text = report_text(root)
    finally:
        path.unlink()
        report.write_bytes(before)  # the next slip starts from the report without any
    assert result.exit_code == slip.exit, result.output
    severity = "warning" if slip.exit == 0 else "error"
    place = f"records/2022/07/{slip.at or slip.name}:{slip.line}:"
    said = [line for line in result.output.splitlines() if line.startswith(place) and f" {severity} {slip.code}:" in line]
    assert said, result.output
    message = said[0].split(f" {slip.code}: ", 1)[1]
    hint = result.output.split(said[0], 1)[1].split("gợi ý: ", 1)[1].split("\n", 1)[0]
    for words in (message, hint):
        assert VIETNAMESE.search(words) and not JARGON.search(words), words
    # a failed build leaves the report as it was; an accepted slip changes only what the record itself says
    added, removed = [p for p in text if p not in clean], [p for p in clean if p not in text]
    assert len(removed) <= len(added)  # a paragraph the record changes, none it drops
    assert all(any(words in p for words in slip.told) for p in added), added
    assert all(any(words in p for p in added) for words in slip.told), added
