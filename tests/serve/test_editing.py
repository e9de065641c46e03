"""Saving from the form: checked with `bcngv check`'s own checks, each problem at its field; written
where and as `bcngv new` writes, an edited file keeping its comments; committed under the person's
name; never over a file changed since the form was opened; never outside records/."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bcngv.repository import Repository
from bcngv.serve.app import create_app
from conftest import bcngv
from serve_office import DELEGATION, client, form_of, git, office  # noqa: F401 - fixtures

NEW = "/new?kind=doan_ra&date=2022-07-20"
WRITTEN = "records/2022/07/2022-07-20-doan_ra.yaml"


def _new_delegation(persons: str, author: str = "Nguyễn Thị Lan") -> dict[str, str]:
    return {"_kind": "doan_ra", "_path": "", "_author": author, "f.date": "2022-07-20", "f.persons": persons,
            "f.funding": "ngan_sach", "f.partners": "bolikhamxay", "f.text": "Đoàn sang làm việc với tỉnh {partners}."}


def test_a_new_record_is_written_as_new_writes_it_checks_clean_and_is_committed(client: TestClient, office: Path) -> None:
    sent = form_of(client, NEW) | _new_delegation("5")
    saved = client.post("/save", data=sent, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith(f"/record?path={WRITTEN.replace('/', '%2F')}")
    text = (office / WRITTEN).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/record.json\n# Đoàn ra")
    assert "\npersons: 5\n" in text and "\npartners: [bolikhamxay]\n" in text and "\nend:\n" in text
    assert bcngv("check", str(office / WRITTEN), root=office).exit_code == 0
    assert git(office, "log", "-1", "--format=%an|%s") == f"Nguyễn Thị Lan|Thêm hồ sơ doan_ra 2022-07-20 ({WRITTEN})\n"
    assert git(office, "status", "--porcelain") == ""
    page = client.get(saved.headers["location"]).text
    assert 'id="saved"' in page and "Nguyễn Thị Lan" in page  # the history, and the name remembered
    assert 'name="_author" id="author" value="Nguyễn Thị Lan"' in client.get(NEW).text


def test_a_second_record_of_the_day_takes_the_next_name(client: TestClient, office: Path) -> None:
    for persons in ("5", "6"):
        client.post("/save", data=form_of(client, NEW) | _new_delegation(persons), follow_redirects=False)
    assert "persons: 6" in (office / WRITTEN.replace(".yaml", "-2.yaml")).read_text(encoding="utf-8")


def test_a_mistake_is_shown_at_its_field_in_checks_words_and_nothing_is_written(client: TestClient, office: Path) -> None:
    page = client.post("/save", data=form_of(client, NEW) | _new_delegation("mười hai"))
    assert page.status_code == 422
    field = page.text[page.text.index('id="row-persons"'):page.text.index('id="row-led_by_provincial_leader"')]
    assert 'data-code="invalid-value"' in field and "một số nguyên" in field  # check's hint, in Vietnamese
    line = int(re.search(r'data-code="invalid-value" data-line="([0-9]+)"', field).group(1))  # type: ignore[union-attr]
    assert 'value="mười hai"' in field  # what was typed stays, to be fixed
    assert not (office / WRITTEN).exists()
    # the line is that of persons in the text the form would have written
    sent = form_of(client, NEW) | _new_delegation("7")
    client.post("/save", data=sent)
    assert (office / WRITTEN).read_text(encoding="utf-8").split("\n")[line - 1] == "persons: 7"


def test_a_date_that_is_no_date_is_shown_at_the_date_as_typed_and_nothing_is_written(client: TestClient,
                                                                                      office: Path) -> None:
    before = sorted((office / "records").rglob("*.yaml"))
    page = client.post("/save", data=form_of(client, NEW) | _new_delegation("5") | {"f.date": "31/07/2022"})
    assert page.status_code == 422
    field = page.text[page.text.index('id="row-date"'):page.text.index('id="row-end"')]
    assert "data-code=" in field and 'value="31/07/2022"' in field  # check's words at the date, what was typed kept
    assert sorted((office / "records").rglob("*.yaml")) == before


def test_an_edit_rewrites_only_the_changed_fields_and_keeps_the_comments(client: TestClient, office: Path) -> None:
    before = (office / DELEGATION).read_text(encoding="utf-8")
    url = f"/record?path={DELEGATION}"
    page = client.get(url).text
    fields = dict(re.findall(r'name="(f\.[a-z_]+)" value="([^"]*)"', page))
    sent = form_of(client, url) | fields | {"_kind": "doan_ra", "_path": DELEGATION, "_author": "Trần Văn Bình",
                                            "f.persons": "14", "f.funding": "ngan_sach", "f.plan": "trong_ke_hoach",
                                            "f.approved_by": "trung_uong", "f.led_by_provincial_leader": "true",
                                            "f.illustrative": "true", "f.field": "hop_tac_quoc_te", "f.topic": "lao",
                                            "f.partners": ["khammuon", "bolikhamxay"], "f.countries": "lao",
                                            "f.text": re.search(r'id="field-text"[^>]*>([^<]*)<', page).group(1)}  # type: ignore[union-attr]
    saved = client.post("/save", data=sent, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    after = (office / DELEGATION).read_text(encoding="utf-8")
    assert after == before.replace("persons: 12\n", "persons: 14\n")  # the comments, the order, the folding kept
    assert git(office, "log", "-1", "--format=%an|%s") == f"Trần Văn Bình|Sửa persons: 12 → 14 trong {DELEGATION}\n"


def test_a_changed_value_keeps_the_comment_after_it(client: TestClient, office: Path) -> None:
    url = f"/record?path={DELEGATION}"
    client.post("/save", data=form_of(client, url) | {"_kind": "doan_ra", "_path": DELEGATION, "_author": "B",
                                                      **_unchanged(client, url), "f.illustrative": "false"})
    assert "\nillustrative: false  # the seeds give no head count or dates for this trip\n" in \
        (office / DELEGATION).read_text(encoding="utf-8")


def _unchanged(client: TestClient, url: str) -> dict[str, object]:
    """Every field of the record's form as the page shows it (what a browser sends untouched)."""
    page = client.get(url).text
    sent: dict[str, object] = dict(re.findall(r'<input type="(?:text|number|date)"[^>]* name="(f\.[a-z_]+)" value="([^"]*)"', page))
    for name, options in re.findall(r'<select id="field-[a-z_]+" name="(f\.[a-z_]+)"[^>]*>(.*?)</select>', page, re.S):
        sent[name] = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
    for name, text in re.findall(r'<textarea id="field-[a-z_]+" name="(f\.[a-z_]+)"[^>]*>([^<]*)</textarea>', page):
        sent[name] = text
    return sent


def test_a_record_changed_on_disk_since_the_form_was_opened_is_not_overwritten(client: TestClient, office: Path) -> None:
    url = f"/record?path={DELEGATION}"
    opened = form_of(client, url) | {"_kind": "doan_ra", "_path": DELEGATION, "_author": "B", **_unchanged(client, url)}
    theirs = (office / DELEGATION).read_text(encoding="utf-8").replace("persons: 12", "persons: 13")
    (office / DELEGATION).write_text(theirs, encoding="utf-8")  # another person, meanwhile
    page = client.post("/save", data=opened | {"f.persons": "14"})
    assert page.status_code == 409
    assert (office / DELEGATION).read_text(encoding="utf-8") == theirs
    disk = re.search(r'<pre id="version-disk">(.*?)</pre>', page.text, re.S).group(1)  # type: ignore[union-attr]
    yours = re.search(r'<pre id="version-yours">(.*?)</pre>', page.text, re.S).group(1)  # type: ignore[union-attr]
    assert "persons: 13" in disk and "persons: 14" in yours
    # seen both: saving again writes the person's version
    again = dict(opened) | {"f.persons": "14", "_version": re.search(r'name="_version" value="([0-9a-f]+)"', page.text).group(1)}  # type: ignore[union-attr]
    assert client.post("/save", data=again, follow_redirects=False).status_code == 303
    assert "persons: 14" in (office / DELEGATION).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["../bcngv.yaml", "records/../bcngv.yaml", "/etc/passwd", "bcngv.yaml",
                                  "records/_catalog/doi_tac.yaml", "records/2022/07/link.yaml",
                                  "records/linked/2022-07-01-x.yaml", "records\\..\\bcngv.yaml", "templates/thang.md.j2"])
def test_no_file_outside_records_is_read_or_written_whatever_the_browser_sends(
        client: TestClient, office: Path, tmp_path: Path, path: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("kind: doan_ra\n", encoding="utf-8")
    os.symlink(outside / "x.yaml", office / "records/2022/07/link.yaml")
    os.symlink(outside, office / "records/linked")
    before = {p: p.read_bytes() for p in [*office.rglob("*.yaml"), outside / "x.yaml", office / "bcngv.yaml"] if p.is_file()}
    assert client.get("/record", params={"path": path}).status_code == 403
    sent = form_of(client, NEW) | _new_delegation("5") | {"_path": path, "_version": ""}
    refused = client.post("/save", data=sent)
    assert refused.status_code == 403 and 'id="refused"' in refused.text
    assert {p: p.read_bytes() for p in before} == before
    assert not list(outside.glob("2022-*"))


def test_without_git_saving_works_and_the_page_says_history_is_off(office: Path) -> None:
    shutil.rmtree(office / ".git")
    with TestClient(create_app(Repository(office)), base_url="http://127.0.0.1") as plain:
        assert 'id="history-off"' in plain.get(NEW).text
        saved = plain.post("/save", data=form_of(plain, NEW) | _new_delegation("5", author=""), follow_redirects=False)
        assert saved.status_code == 303 and saved.headers["location"].endswith("saved=written")
    assert (office / WRITTEN).is_file()


def test_with_git_a_save_asks_for_the_persons_name_once(client: TestClient, office: Path) -> None:
    page = client.post("/save", data=form_of(client, NEW) | _new_delegation("5", author="  "))
    assert page.status_code == 422 and 'id="needs-name"' in page.text
    assert not (office / WRITTEN).exists()


def test_a_file_no_form_fits_is_shown_with_its_problems(client: TestClient, office: Path) -> None:
    (office / "records/2022/07/hong.yaml").write_text("kind: doan_ra\npersons: [12\n", encoding="utf-8")
    page = client.get("/record?path=records/2022/07/hong.yaml")
    assert page.status_code == 200 and 'class="file"' in page.text and "data-code=" in page.text
    assert 'id="record-form"' not in page.text
