"""The done-when path in a real Chromium (headless, through the system chromedriver: nothing is
downloaded): a person adds a July 2022 delegation with a mistake, sees it at its field, fixes it,
saves, previews the July report with one delegation more, and downloads the .docx. Skipped only
where Chromium is not installed, never in CI."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bcngv.commands.serve import listen
from bcngv.repository import Repository
from bcngv.serve.app import create_app
from conftest import bcngv
from serve_office import git, office  # noqa: F401 - fixtures

CHROMIUM, DRIVER = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
if (CHROMIUM is None or DRIVER is None) and os.environ.get("CI") != "true":
    pytest.skip("chromium and chromium-driver are not installed (.ci/run installs them)", allow_module_level=True)

from selenium import webdriver  # noqa: E402 - only where a browser can run
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.expected_conditions import staleness_of  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT = 30  # seconds for a page: a report is composed from every record


@pytest.fixture
def server(office: Path) -> Iterator[str]:
    import uvicorn

    listening, problems = listen("127.0.0.1", 0, None)
    assert listening is not None, problems
    running = uvicorn.Server(uvicorn.Config(create_app(Repository(office)), log_level="warning"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    assert CHROMIUM is not None and DRIVER is not None, "CI=true: chromium and chromium-driver must be installed"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,2000"):
        options.add_argument(argument)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads  # type: ignore[attr-defined]
    yield driver
    driver.quit()


def _click_to_next_page(browser: webdriver.Chrome, button: str) -> None:
    """Click, and wait for the next page (not an element of this one still there)."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, button).click()
    WebDriverWait(browser, WAIT).until(staleness_of(page))


def _delegations(browser: webdriver.Chrome, server: str) -> int:
    """The count of July's delegations abroad as the report preview prints it."""
    browser.get(f"{server}/report?period=2022-07")
    figures = WebDriverWait(browser, WAIT).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#figures > li"))
    counted = [f for f in figures if f.find_element(By.TAG_NAME, "code").text.endswith("kind('doan_ra').count()")]
    number = int(counted[0].find_element(By.TAG_NAME, "strong").text)
    linked = browser.find_element(By.ID, f"use-{counted[0].get_attribute('id').removeprefix('figure-')}")
    assert linked.text == counted[0].find_element(By.TAG_NAME, "strong").text  # the figure in the text, linked
    return number


def test_a_person_adds_a_delegation_fixes_a_mistake_previews_and_downloads(
        browser: webdriver.Chrome, server: str, office: Path) -> None:
    before = _delegations(browser, server)

    browser.get(f"{server}/records?month=2022-07")
    Select(browser.find_element(By.ID, "new-kind")).select_by_value("doan_ra")
    browser.execute_script("document.getElementById('new-date').value = '2022-07-20'")
    _click_to_next_page(browser, "new-open")
    # the mistake: a partner typed by hand that the catalog does not know, and no head count
    browser.execute_script("const s = document.getElementById('field-partners');"
                           "s.add(new Option('Bolykhamxay', 'bolykhamxay_typo', true, true));")
    Select(browser.find_element(By.ID, "field-funding")).select_by_value("ngan_sach")
    browser.find_element(By.ID, "field-text").send_keys("Đoàn Sở Ngoại vụ sang làm việc với tỉnh {partners}.")
    browser.find_element(By.ID, "author").send_keys("Nguyễn Thị Lan")
    _click_to_next_page(browser, "save")

    row = browser.find_element(By.ID, "row-persons")
    assert row.find_elements(By.CSS_SELECTOR, ".problem.error"), row.text  # said at its own field
    assert browser.find_element(By.ID, "row-partners").find_elements(By.CSS_SELECTOR, '[data-code="unknown-partner"]')
    assert not list((office / "records/2022/07").glob("2022-07-20-doan_ra*.yaml"))  # nothing written yet

    # the fix: the partner found by another spelling through the search box, the head count given
    partners = Select(browser.find_element(By.ID, "field-partners"))
    partners.deselect_all()
    browser.find_element(By.ID, "search-partners").send_keys("bolykham")
    shown = browser.execute_script("return [...document.getElementById('field-partners').options]"
                                   ".filter(o => !o.hidden).map(o => o.value)")
    assert shown == ["bolikhamxay"]
    partners.select_by_value("bolikhamxay")
    browser.find_element(By.ID, "field-persons").send_keys("5")
    _click_to_next_page(browser, "save")
    assert browser.find_element(By.ID, "saved").is_displayed()

    written = office / "records/2022/07/2022-07-20-doan_ra.yaml"
    assert bcngv("check", str(written), root=office).exit_code == 0
    assert "persons: 5" in written.read_text(encoding="utf-8")
    assert git(office, "log", "-1", "--format=%an|%s") == "Nguyễn Thị Lan|Thêm hồ sơ doan_ra 2022-07-20 (records/2022/07/2022-07-20-doan_ra.yaml)\n"
    assert "Nguyễn Thị Lan" in browser.find_element(By.ID, "history").text

    assert _delegations(browser, server) == before + 1
    browser.find_element(By.ID, "download-docx").click()
    docx = browser.downloads / "thang-2022-07.docx"  # type: ignore[attr-defined]
    WebDriverWait(browser, WAIT).until(lambda _: docx.is_file())
    import docx as python_docx

    paragraphs = "\n".join(p.text for p in python_docx.Document(str(docx)).paragraphs)
    assert f"Đoàn ra: {before + 1:02d} đoàn" in paragraphs


def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten(
        browser: webdriver.Chrome, server: str, office: Path) -> None:
    record = office / "records/2022/07/2022-07-12-doan-chu-tich-sang-bolikhamxay-khammuon.yaml"
    browser.get(f"{server}/record?path=records/2022/07/{record.name}")
    theirs = record.read_text(encoding="utf-8").replace("persons: 12", "persons: 13")
    record.write_text(theirs, encoding="utf-8")  # another person saves first
    persons = browser.find_element(By.ID, "field-persons")
    persons.clear()
    persons.send_keys("14")
    browser.find_element(By.ID, "author").send_keys("Lê Văn Cường")
    _click_to_next_page(browser, "save")
    assert "persons: 13" in browser.find_element(By.ID, "version-disk").text
    assert "persons: 14" in browser.find_element(By.ID, "version-yours").text
    assert record.read_text(encoding="utf-8") == theirs
