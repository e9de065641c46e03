"""`bcngv init DIR`: a new office repository on which `check` is clean and `build` works, made from
package data whose templates, catalog, CI workflow and editor settings equal this repository's."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bcngv.cli import app
from bcngv.scaffold import OFFICE, init_repository
from conftest import PROJECT

# package data (bcngv/office/…) that is a copy of this repository's own file (the source)
COPIES = sorted(
    [(f"templates/{p.name}", f"templates/{p.name}") for p in (PROJECT / "templates").glob("*.j2")]
    + [(f"records/_catalog/{p.name}", f"records/_catalog/{p.name}") for p in (PROJECT / "records/_catalog").glob("*.yaml")]
    + [("github/workflows/reports.yml", ".github/workflows/reports.yml"), ("vscode/settings.json", ".vscode/settings.json"),
       ("requirements.lock", "requirements.lock")]
)


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(("packaged", "source"), COPIES)
def test_the_package_data_equals_the_repository_files(packaged: str, source: str) -> None:
    assert (OFFICE / packaged).read_bytes() == (PROJECT / source).read_bytes(), (
        f"copy the source again: cp {source} src/bcngv/office/{packaged}")


def test_init_makes_a_repository_on_which_check_is_clean_and_build_works(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao"
    made = cli("init", str(target))
    assert made.exit_code == 0, made.output
    assert "Đã tạo kho hồ sơ" in made.stderr
    for name in ("bcngv.yaml", "README.md", "requirements.txt", "requirements.lock", ".gitignore", ".vscode/settings.json",
                 ".github/workflows/reports.yml", "schema/record.json", "templates/thang.md.j2",
                 "templates/ktxh.md.j2", "templates/kiem-diem.md.j2", "records/_catalog/doi_tac.yaml"):
        assert (target / name).is_file(), name
    assert list((target / "records/2024/06").glob("*.yaml")), "the example record"
    checked = cli("check", "--strict", "--root", str(target))
    assert checked.exit_code == 0 and "0 lỗi, 0 cảnh báo" in checked.stderr, checked.output
    for args in (["--period", "2024-06"], ["--period", "2024", "--as-of", "2024-11-07"],
                 ["--period", "2024-01..2024-06", "--report", "ktxh", "--as-of", "2024-06-28"]):
        built = cli("build", *args, "--root", str(target))
        assert built.exit_code == 0, built.output
        assert Path(built.stdout.strip()).is_file()


def test_the_staff_readme_is_vietnamese_and_names_the_commands(tmp_path: Path) -> None:
    init_repository(tmp_path / "kho")
    readme = (tmp_path / "kho" / "README.md").read_text(encoding="utf-8")
    assert "Bắt đầu" in readme and "bcngv check" in readme and "bcngv build --period" in readme


def test_init_never_writes_into_a_folder_that_has_files(tmp_path: Path, only) -> None:
    (tmp_path / "records").mkdir()
    written, problems = init_repository(tmp_path)
    found = only(problems, "init-not-empty")
    assert written == [] and (found.path, found.line, found.col) == (str(tmp_path), 1, 1)
    result = cli("init", str(tmp_path))
    assert result.exit_code == 2 and "error init-not-empty" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "records"]


def test_init_into_an_empty_folder_is_fine(tmp_path: Path) -> None:
    written, problems = init_repository(tmp_path)
    assert problems == [] and (tmp_path / "bcngv.yaml") in written
