"""A full build, read back with python-docx; and the build's refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest


from conftest import DOAN_RA, PROJECT, bcngv
from docx_sample import seen

PLAN = """\
kind: nhiem_vu
date: 2022-07-25
target: 2022-08
text: Chuẩn bị Hội nghị cấp cao thường niên.
"""


def document_text(path: Path) -> tuple[list[str], list[str]]:
    """The paragraphs of the body and of the tables as a reader sees them (docx_sample.seen)."""
    document = docx.Document(str(path))
    cells = [seen(p.text) for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [seen(p.text) for p in document.paragraphs], cells


def test_build_writes_the_monthly_report(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    repo.write("records/2022/07/2022-07-25-plan.yaml", PLAN)
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 0, result.output
    out = repo.root / "build" / "thang-2022-07.docx"
    assert str(out) in result.output
    body, cells = document_text(out)
    assert "UBND TỈNH HÀ TĨNH" in cells and "SỞ NGOẠI VỤ" in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Số:       /BC-SNgV" in cells
    assert "Hà Tĩnh, ngày" + " " * 8 + "tháng 7 năm 2022" in cells  # the day left blank for the clerk
    assert body[:2] == ["BÁO CÁO", "Hoạt động đối ngoại tháng 7/2022, kế hoạch tháng 8/2022"]
    assert "I. KẾT QUẢ THỰC HIỆN" in body
    assert "1. Công tác quản lý đoàn ra, đoàn vào, lãnh sự và người Việt Nam ở nước ngoài" in body
    assert "- Đoàn ra: 01 đoàn với 12 lượt CBCCVC đi công tác nước ngoài, trong đó có 01 đoàn do lãnh đạo tỉnh chủ trì." in body
    assert "+ Đoàn sang làm việc với các tỉnh Bolikhămxay, Khăm Muồn." in body
    assert "II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI" in body
    assert "- Chuẩn bị Hội nghị cấp cao thường niên." in body
    assert "Nơi nhận:" in cells and "- Lưu: VT, VPTTr." in cells
    assert ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] == [c for c in cells if "GIÁM ĐỐC" in c]
    assert "Ngô Thị Hoài Nam" in cells


def test_build_with_as_of_dates_the_report(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    assert bcngv("build", "--period", "2022-07", "--as-of", "2022-07-29", "--number", "05", root=repo).exit_code == 0
    _, cells = document_text(repo.root / "build" / "thang-2022-07.docx")
    assert "Hà Tĩnh, ngày 29 tháng 7 năm 2022" in cells and "Số: 05/BC-SNgV" in cells


def test_a_record_with_a_mistake_stops_the_build_and_keeps_the_old_report(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    assert bcngv("build", "--period", "2022-07", root=repo).exit_code == 0
    out = repo.root / "build" / "thang-2022-07.docx"
    before = out.read_bytes()
    # a mistake in another month still stops the build: it might belong to this period
    repo.write("records/2021/03/bad.yaml", DOAN_RA.replace("persons: 12", "persons: mười hai"))
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 1
    assert "records/2021/03/bad.yaml:3:10: error invalid-value" in result.output
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["thang-2022-07.docx", "thang-2022-07.sources.json"]


def test_nothing_is_written_when_a_record_is_wrong(repo) -> None:
    repo.write("records/2022/07/bad.yaml", "kind: doan_ra\ndate: 2022-07-12\npersons: [\n")
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 1
    assert not (repo.root / "build").exists()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--period", "2022-13"], "invalid-period"),
        (["--period", "2022-07", "--report", "nam"], "unknown-report"),
    ],
)
def test_usage_problems_exit_2(repo, args: list[str], code: str) -> None:
    result = bcngv("build", *args, root=repo)
    assert result.exit_code == 2
    assert result.output.startswith(f"--{args[-2].lstrip('-')}: error {code}")  # an option: no line, no column


def test_no_default_report_for_the_period(repo) -> None:
    repo.write("bcngv.yaml", (repo.root / "bcngv.yaml").read_text().replace("default_for: [month]", "default_for: []"))
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 2 and "no-default-report" in result.output


def test_check_reports_every_problem_without_a_traceback(repo) -> None:
    repo.write("records/2022/07/a.yaml", b"kind: su_kien\ntext: H\xe0\n")
    repo.write("records/2022/07/b.yaml", "kind: doan_ra\ndate: 2022-07-12\ndate: 2022-07-13\n")
    process = subprocess.run([sys.executable, "-m", "bcngv", "check", "--root", str(repo.root)],
                             capture_output=True, text=True, cwd=PROJECT)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert "records/2022/07/a.yaml:2:8: error not-utf8" in process.stderr
    assert "records/2022/07/b.yaml:3:1: error duplicate-key" in process.stderr
    assert "gợi ý:" in process.stderr


def test_check_is_clean_on_good_records(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    result = bcngv("check", root=repo)
    assert result.exit_code == 0, result.output


def test_messages_in_english(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA + "perons: 3\n")
    result = bcngv("--lang", "en", "check", root=repo)
    assert "a 'doan_ra' record has no field 'perons'" in result.output
    assert "Did you mean 'persons'?" in result.output


def test_a_wrong_format_stops_before_any_work(repo) -> None:
    repo.write("records/2022/07/2022-07-12-doan.yaml", DOAN_RA)
    result = bcngv("build", "--period", "2022-07", "--format", "bogus", root=repo)
    assert result.exit_code == 2 and "bogus" in result.output
    assert not (repo.root / "build").exists()


# what a warm build must not import: the web server, rich (the output is plain), a locale library
# (render/vietnamese.py writes the numbers), ctypes (only a template that runs away needs it), the
# memo of a clean `check` (a build compiles only the templates it renders), PyYAML (bcngv.yaml and
# the catalog kept, no record read), markdown-it (the report's text unchanged: its parsed body kept)
NOT_IMPORTED = ("bcngv.serve", "uvicorn", "starlette", "rich", "babel", "ctypes", "bcngv.compiled_memo", "yaml",
                "bcngv.yamlpos", "markdown_it", "mdit_py_plugins")


def _warm_build(repo, preset: str = "") -> list[str]:
    """A build in its own process after one that filled the cache: what it imported of NOT_IMPORTED,
    and its PYDANTIC_DISABLE_PLUGINS."""
    code = (f"import os, sys; {preset}\nfrom bcngv import cli\n"
            f"sys.argv = ['bcngv', 'build', '--period', '2022-07', '--quiet', '--root', {str(repo.root)!r}]\n"
            "try: cli.main()\nexcept SystemExit: pass\n"
            f"print(sorted(m for m in sys.modules if m.startswith({NOT_IMPORTED!r})))\n"
            "print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (repo.root / "build" / "thang-2022-07.docx").is_file()
    return done.stdout.splitlines()[-2:]


def test_a_warm_build_imports_only_what_it_uses(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    imported, plugins = _warm_build(repo)
    assert imported == "[]"
    assert plugins == "__all__"  # pydantic looks for no plugins: bcngv's records need none


def test_a_person_may_still_ask_for_pydantic_plugins(repo) -> None:
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    assert _warm_build(repo, "os.environ['PYDANTIC_DISABLE_PLUGINS'] = ''")[1] == ""
