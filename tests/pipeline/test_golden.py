"""Golden checks: the office's own reports (seeds 000, 001, 003) rebuilt from the bundled records,
with every figure that ../shared/seeds/README.md lists found in the text, written as the office
writes it."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest


from conftest import PROJECT, bcngv

# each seed from its issued-document file (van-ban/), as the office rebuilds it; July 2022 as a draft
COMMANDS = {
    "003": ["van-ban/2024/thang-2024-05.yaml"],
    "000": ["van-ban/2022/752-ktxh.yaml"],
    "001": ["van-ban/2022/kiem-diem-2022.yaml"],
    "thang-2022-07": ["--period", "2022-07"],
}


def _text(xml: str) -> list[str]:
    """The paragraphs of a WordprocessingML part, as plain text."""
    xml = xml.replace("\u2060", "")  # the word joiner holding a document number's hyphen is not seen
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("\u00a0", " ") for p in paragraphs]  # a no-break space (titles, headings) reads " "


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Each report built once from a copy of the repository: {seed: {part: paragraphs}}."""
    root = tmp_path_factory.mktemp("office")
    for name in ("bcngv.yaml", "records", "templates", "van-ban"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    result: dict[str, dict[str, list[str]]] = {}
    for seed, args in COMMANDS.items():
        args = [str(root / arg) if arg.startswith("van-ban/") else arg for arg in args]
        run = bcngv("build", *args, "--out", str(root / "out"), root=root)
        assert run.exit_code == 0, run.output
        docx = Path(run.output.strip().splitlines()[-1])
        with zipfile.ZipFile(docx) as package:
            names = package.namelist()
            result[seed] = {part: _text(package.read(f"word/{part}.xml").decode()) for part in ("document", "footnotes") if f"word/{part}.xml" in names}
    return result


def body(built: dict, seed: str) -> str:
    return "\n".join(built[seed]["document"])


FIGURES = {
    "000": [
        "đoàn ra có 20 đoàn với 166 lượt", "trong đó có 04 đoàn do lãnh đạo tỉnh chủ trì",
        "đoàn vào có 17 đoàn với 257 lượt", "04 đoàn do lãnh đạo tỉnh chủ trì đón tiếp",
        "08 hội thảo quốc tế", "03 thỏa thuận quốc tế nhân danh cấp tỉnh",
        "cho 04 tổ chức phi chính phủ nước ngoài", "06 chương trình, dự án", "trên 1.150.000 USD",
        "xử lý 06 vụ việc", "tiếp nhận 11 hài cốt", "21 hồ sơ cấp mới HCCV, HCNG", "25 hồ sơ Chứng nhận lãnh sự",
        "gần 5.000 trang biên dịch", "50 hồ sơ Chứng nhận lãnh sự", "02 hồ sơ xin visa", "18 hồ sơ đề nghị cấp phiếu lý lịch tư pháp",
    ],
    "001": [
        "21 hội thảo quốc tế (tăng 06 hội thảo so với năm 2021)", "Tổ chức ký kết 13 thỏa thuận quốc tế",
        "trong đó có 03 thỏa thuận nhân danh cấp tỉnh và 10 thỏa thuận", "cho 10 tổ chức phi chính phủ",
        "09 chương trình, dự án", "tăng 07 dự án so với năm 2021", "gần 1,6 triệu USD", "trên 900.000 USD",
        "Tính đến ngày 07/11/2022, có 49 đoàn với 275 lượt", "19 đoàn sử dụng ngân sách Nhà nước",
        "10 đoàn tự túc kinh phí", "07 đoàn do Trung ương đài thọ", "13 đoàn do đối tác đài thọ",
        "44 đoàn thuộc thẩm quyền tỉnh phê duyệt", "05 đoàn thuộc thẩm quyền Trung ương phê duyệt",
        "Thực hiện 05/08 (tỷ lệ 63%)", "02 đoàn phát sinh ngoài kế hoạch",
        "Đoàn vào có 28 đoàn với 479 lượt", "09 đoàn do lãnh đạo tỉnh đón tiếp", "Tiếp 22 đoàn với 30 lượt",
        "06 vụ việc có liên quan đến yếu tố nước ngoài", "bảo hộ công dân cho 08 trường hợp", "11 hài cốt",
        "99 hồ sơ thủ tục hành chính", "25 hồ sơ Cấp hộ chiếu", "62 hồ sơ Chứng nhận lãnh sự", "12 hồ sơ Cho phép tổ chức hội nghị",
        "131 học sinh", "177 chỉ tiêu",
    ],
    "003": [
        "Thực hiện 886 trang biên dịch", "472 trang biên dịch có chứng thực tư pháp", "273 trang biên dịch chứng nhận tại Trung tâm",
        "73 trang biên dịch nội dung", "hiệu đính: 68", "187 bản", "173 bản", "Sao y bản chính: 38 trang",
        "01 hồ sơ Chứng nhận lãnh sự", "04 tờ khai visa đi Đức", "xử lý 02 hồ sơ Chứng nhận lãnh sự",
    ],
}

SHAPE = {
    "000": ["Số: 752/SNgV-VPTTr", "V/v báo cáo đánh giá tình hình KTXH năm 2022; kế hoạch phát triển KTXH năm 2023",
            "Hà Tĩnh, ngày 29 tháng 7 năm 2022", "Kính gửi: Sở Kế hoạch và Đầu tư",
            "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2022", "1. Công tác hợp tác quốc tế",
            "4. Công tác cải cách hành chính và hoạt động dịch thuật, dịch vụ đối ngoại",
            "II. KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2023", "Nơi nhận:", "- Như trên;", "GIÁM ĐỐC", "Thái Phúc Sơn"],
    "001": ["BÁO CÁO", "Hà Tĩnh, ngày 28 tháng 11 năm 2022", "I. KẾT QUẢ TRIỂN KHAI CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH",
            "II. ĐÁNH GIÁ CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "1. Đánh giá việc thực hiện công tác chỉ đạo điều hành của UBND tỉnh",
            "2. Đánh giá công tác chỉ đạo, điều hành của Lãnh đạo UBND tỉnh", "3. Đánh giá công tác chỉ đạo điều hành của Chính phủ",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ CHỦ YẾU NĂM 2023", "Kính gửi: Sở Kế hoạch và Đầu tư", "- UBND tỉnh (để b/c);",
            "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    "003": ["BÁO CÁO", "Hoạt động đối ngoại tháng 5/2024, kế hoạch tháng 6/2024", "Số:       /BC-SNgV",
            "I. KẾT QUẢ THỰC HIỆN", "1. Hoạt động hợp tác quốc tế",
            "4. Công tác dịch thuật, dịch vụ đối ngoại và thủ tục hành chính", "a) Dịch vụ thường xuyên tại Trung tâm:",
            "b) Dịch vụ công tại Trung tâm phục vụ hành chính công tỉnh:", "II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
            "- Ban Tuyên giáo Tỉnh ủy (b/c);", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Ngô Thị Hoài Nam"],
}


@pytest.mark.parametrize(("seed", "figure"), [(s, f) for s, figures in FIGURES.items() for f in figures])
def test_every_seed_figure_is_in_the_built_report(built, seed: str, figure: str) -> None:
    assert figure in body(built, seed)


@pytest.mark.parametrize(("seed", "text"), [(s, t) for s, texts in SHAPE.items() for t in texts])
def test_headings_addressee_recipients_and_signer(built, seed: str, text: str) -> None:
    paragraphs = built[seed]["document"]
    assert text in paragraphs or any(p.startswith(text) for p in paragraphs), text


def test_the_gifts_of_000_are_a_real_footnote(built) -> None:
    notes = [n for n in built["000"].get("footnotes", []) if n.strip()]
    assert any("Tặng tỉnh Bolikhămxay: 2 tỷ 600 triệu kíp Lào, 20 bộ máy vi tính, 9.000 lít dầu" in n for n in notes), notes
    assert any("1 tỷ 100 triệu kíp Lào, 20 bộ máy vi tính, 49.000 lít dầu" in n for n in notes), notes


@pytest.mark.parametrize("seed", list(COMMANDS))
def test_no_paragraph_appears_twice(built, seed: str) -> None:
    long_ones = Counter(p for p in built[seed]["document"] if len(p) > 60)
    assert [p for p, n in long_ones.items() if n > 1] == []


ALIASES = ["Bolykhamxay", "Bolykhămxay", "Bolikhamxay", "Bolikhamsay", "Khăm Muộn", "Khăm Muôn", "Savanakhet", "Nông Bộc"]


@pytest.mark.parametrize("seed", list(COMMANDS))
def test_no_partner_is_spelled_two_ways(built, seed: str) -> None:
    text = body(built, seed) + "\n".join(built[seed].get("footnotes", []))
    assert [a for a in ALIASES if re.search(rf"\b{a}\b", text)] == []


def test_a_narrative_told_by_000_and_001_comes_from_one_record(built) -> None:
    trip = "Tháng 7/2022, đoàn lãnh đạo cấp cao của tỉnh do đồng chí Chủ tịch UBND tỉnh làm Trưởng đoàn"
    assert trip in body(built, "000") and trip in body(built, "001")
    tellers = [p for p in (PROJECT / "records").rglob("*.yaml") if "đồng chí Chủ tịch UBND tỉnh làm Trưởng đoàn" in p.read_text(encoding="utf-8")]
    assert len(tellers) == 1


def test_each_issued_document_cites_what_it_answers_and_is_signed_on_its_date(built) -> None:
    """000 answers two documents of late July; 001 counts up to 07/11/2022 but answers a request of
    23/11/2022, so it is signed after it."""
    assert ("Thực hiện văn bản số 4006/UBND-TH ngày 25/7/2022 của UBND tỉnh và văn bản số 2008/SKHĐT-TH "
            "ngày 26/7/2022 của Sở Kế hoạch và Đầu tư về việc") in body(built, "000")
    assert "Số: 752/SNgV-VPTTr" in body(built, "000") and "ngày 29 tháng 7 năm 2022" in body(built, "000")
    assert "Thực hiện Công văn số 6719/UBND-TH ngày 23/11/2022 của Ủy ban nhân dân tỉnh về việc" in body(built, "001")
    assert "ngày 28 tháng 11 năm 2022" in body(built, "001") and "07/11/2022" in body(built, "001")
