"""The pages: a month's records with their problems, filtered; a report with its headings numbered
as in the .docx and its figures linked to their records; the .docx to download; the words of every
page in the chosen language; each page's time once warm."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from starlette.testclient import TestClient

from bcngv import words
from bcngv.repository import Repository
from bcngv.serve.app import HERE, PAGE_WORDS
from bcngv.serve.timing import warm_timings
from bcngv.words import TEXTS
from serve_office import DELEGATION, client, office  # noqa: F401 - fixtures


def test_a_months_records_are_listed_with_their_problems_and_filtered(client: TestClient, office: Path) -> None:
    (office / "records/2022/07/2022-07-30-doan_ra.yaml").write_text(
        "kind: doan_ra\ndate: 2022-07-30\npersons: 3\nfunding: ngan_sach\npartners: [bolikamxay]\n", encoding="utf-8")
    page = client.get("/records?month=2022-07").text
    assert DELEGATION in page and "records/2021/" not in page
    assert 'class="problem error" data-code="unknown-partner">5: ' in page  # check's words, at its line
    only = client.get("/records", params={"month": "2022-07", "kind": "doan_ra", "words": "ĐẨY MẠNH hợp tác"}).text
    assert DELEGATION in only and "2022-07-30-doan_ra.yaml" not in only and "dich-thuat" not in only
    assert client.get("/records").text.count("<tr") == client.get("/records?month=2024-06").text.count("<tr")


def test_a_report_is_previewed_with_numbered_headings_and_figures_linked_to_their_records(client: TestClient) -> None:
    page = client.get("/report?period=2022-07").text
    assert "<h2>I. KẾT QUẢ THỰC HIỆN</h2>" in page and "<h3>1. Hoạt động hợp tác quốc tế</h3>" in page
    number = re.search(r"<li id=\"figure-([0-9]+)\"><strong>06</strong> <code>[^<]*kind\(&#39;doan_ra&#39;\)\.count\(\)</code>",
                       page).group(1)  # type: ignore[union-attr]
    assert f'Đoàn ra: <a class="figure" href="#figure-{number}" id="use-{number}">06</a> đoàn' in page
    figure = re.search(rf'<li id="figure-{number}">(.*?)</li>\s*</ul></li>', page, re.S).group(1)  # type: ignore[union-attr]
    assert f'href="/record?path={DELEGATION}"' in figure


def test_a_records_words_are_shown_as_typed_never_as_html(client: TestClient, office: Path) -> None:
    path = office / DELEGATION
    path.write_text(path.read_text(encoding="utf-8").replace("Tháng 7/2022,", "Tháng 7/2022 <script>alert(1)</script>,"),
                    encoding="utf-8")
    page = client.get("/report?period=2022-07").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_issued_document_is_previewed_and_no_other_file(client: TestClient) -> None:
    page = client.get("/report", params={"document": "van-ban/2022/752-ktxh.yaml"}).text
    assert 'id="report"' in page and 'id="download-docx"' in page
    refused = client.get("/report", params={"document": "bcngv.yaml"}).text
    assert 'id="report"' not in refused


def test_the_docx_is_built_to_download_and_opens(client: TestClient, office: Path) -> None:
    made = client.get("/report/file", params={"period": "2022-07", "report": "", "document": "", "format": "docx"})
    assert made.status_code == 200 and "thang-2022-07.docx" in made.headers["content-disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(made.content)).paragraphs)
    assert "Đoàn ra: 06 đoàn" in text
    assert not (office / "build").exists()  # built in a temporary folder, not in the repository


def test_a_report_that_cannot_be_made_says_why(client: TestClient) -> None:
    page = client.get("/report?period=2022-13")
    assert 'data-code="invalid-period"' in page.text
    assert client.get("/report/file?period=2022-13&format=docx").status_code == 422


def test_every_word_a_template_shows_is_declared_and_in_both_languages(client: TestClient) -> None:
    used = {key for template in (HERE / "templates").glob("*.j2")
            for key in re.findall(r"""\bt\(["']([a-z_.]+)["']""", template.read_text(encoding="utf-8"))}
    used |= {f"serve.saved_{s}" for s in ("committed", "written")} | {f"serve.severity_{s}" for s in ("error", "warning")}
    assert used - {"serve.saved_", "serve.severity_"} == set(PAGE_WORDS)
    assert set(PAGE_WORDS) <= set(TEXTS)


def test_the_pages_follow_the_language_setting(client: TestClient) -> None:
    words.set_language("en")
    try:
        page = client.get("/new?kind=doan_ra&date=2022-07-20").text
    finally:
        words.set_language("vi")
    assert '<html lang="en">' in page and ">Save</button>" in page


def test_each_page_is_timed_warm(office: Path) -> None:
    timings = warm_timings(Repository(office), rounds=1)
    assert set(timings) == {"/records?month=2022-07", "/new?kind=doan_ra&date=2022-07-20", "/report?period=2022-07"}
    assert all(0 < seconds < 10 for seconds in timings.values())
