"""`bcngv init DIR`: a new office repository on which `check` is clean and `build` works, with
bcngv's built-in office files (this repository's own, shipped without a copy: bcngv.builtin) and no
template of its own, since the template search path ends with the built-in ones."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from bcngv import builtin
from bcngv.scaffold import init_repository
from conftest import PROJECT, bcngv

# what init writes from bcngv's built-in files: this repository's own, byte for byte
BUILT_IN = sorted(
    [f"records/_catalog/{p.name}" for p in (PROJECT / "records/_catalog").glob("*.yaml")]
    + [".github/workflows/reports.yml", ".vscode/settings.json", "requirements.lock"]
    + [f"docs/{p.name}" for p in (PROJECT / "docs").iterdir()]  # the staff guide the README points to
)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "bao-cao"
    made = bcngv("init", str(target))
    assert made.exit_code == 0, made.output
    assert "Đã tạo kho hồ sơ" in made.stderr and "templates/" in made.stderr
    assert f"Đã tạo kho git trong {target}" in made.stderr
    return target


def test_init_makes_a_git_repository_on_the_branch_ci_builds(office: Path) -> None:
    branch = subprocess.run(["git", "-C", str(office), "symbolic-ref", "--short", "HEAD"], capture_output=True,
                            text=True, check=True)
    assert (office / ".git").is_dir() and branch.stdout.strip() == "main"


def test_init_inside_a_git_repository_makes_none_of_its_own(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    made = bcngv("init", str(tmp_path / "kho"))
    assert made.exit_code == 0, made.output
    assert not (tmp_path / "kho" / ".git").exists() and "nằm trong một kho git có sẵn" in made.stderr


def test_without_git_init_says_exactly_how_to_make_the_repository(tmp_path: Path) -> None:
    made = bcngv("init", str(tmp_path / "kho"), env={"PATH": str(tmp_path / "no-programs")})
    assert made.exit_code == 0, made.output
    assert not (tmp_path / "kho" / ".git").exists()
    assert "Máy chưa có git" in made.stderr and f"`git init {tmp_path / 'kho'}`" in made.stderr


def test_everything_the_new_readme_points_to_is_in_the_new_folder(office: Path) -> None:
    readme = (office / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    files = re.findall(r"`([\w./-]+\.(?:md|yaml|yml|txt|json|lock|png))`", readme)
    assert links and "docs/huong-dan.md" in links
    assert [f for f in {*links, *files} if not (office / f).is_file()] == []
    guide = (office / "docs/huong-dan.md").read_text(encoding="utf-8")
    assert [f for f in re.findall(r"\]\(([^):#]+)\)", guide) if not (office / "docs" / f).is_file()] == []


def test_init_makes_a_repository_on_which_check_is_clean_and_build_works(office: Path) -> None:
    for name in ("bcngv.yaml", "README.md", "requirements.txt", "requirements.lock", ".gitignore", ".vscode/settings.json",
                 ".github/workflows/reports.yml", "schema/record.json", "records/_catalog/doi_tac.yaml"):
        assert (office / name).is_file(), name
    assert list((office / "records/2024/06").glob("*.yaml")), "the example record"
    assert not (office / "templates").exists(), "the built-in templates are found, not copied"
    checked = bcngv("check", "--strict", "--root", str(office))
    assert checked.exit_code == 0 and "0 lỗi, 0 cảnh báo" in checked.stderr, checked.output
    for args in (["--period", "2024-06"], ["--period", "2024", "--as-of", "2024-11-07"],
                 ["--period", "2024-01..2024-06", "--report", "ktxh", "--as-of", "2024-06-28"]):
        built = bcngv("build", *args, "--root", str(office), "--out", str(office / "build"))
        assert built.exit_code == 0, built.output
        assert Path(built.stdout.strip()).is_file()


@pytest.mark.parametrize("name", BUILT_IN)
def test_init_writes_this_repository_s_own_files(office: Path, name: str) -> None:
    assert (office / name).read_bytes() == (PROJECT / name).read_bytes()


def test_the_built_in_templates_are_this_repository_s_own() -> None:
    shipped = sorted(p.name for p in builtin.templates().iterdir())
    assert shipped == sorted(p.name for p in (PROJECT / "templates").glob("*.j2"))
    assert all(builtin.template(name).read_bytes() == (PROJECT / "templates" / name).read_bytes() for name in shipped)
    assert builtin.template("nam.md.j2") is None


def test_the_package_holds_no_copy_of_a_file_of_this_repository() -> None:
    ours = {p.read_bytes() for folder in ("templates", "records/_catalog", ".github", ".vscode")
            for p in (PROJECT / folder).rglob("*") if p.is_file()} | {(PROJECT / "requirements.lock").read_bytes()}
    office = PROJECT / "src/bcngv/office"
    copies = [p.relative_to(office).as_posix() for p in office.rglob("*") if p.is_file() and p.read_bytes() in ours]
    assert copies == []


def test_the_package_list_names_every_package_and_every_mapped_folder_exists() -> None:
    settings = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapped = {name: folder for name, folder in settings["package-dir"].items() if name}
    code = {".".join(p.parent.relative_to(PROJECT / "src").parts) for p in (PROJECT / "src").rglob("__init__.py")}
    assert sorted(settings["packages"]) == sorted(code | set(mapped))
    for name, folder in mapped.items():
        patterns = settings["package-data"][name]
        assert any(f for pattern in patterns for f in (PROJECT / folder).glob(pattern)), (name, folder, patterns)


def _show(root: Path) -> str:
    shown = bcngv("show", "--period", "2024-06", "--root", str(root))
    assert shown.exit_code == 0, shown.output
    return shown.stdout


def test_an_office_template_overrides_the_built_in_one_of_its_name(tmp_path: Path) -> None:
    init_repository(tmp_path)
    assert "DẤU-CỦA-KHO" not in _show(tmp_path)
    thang = builtin.template("thang.md.j2").read_text(encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/thang.md.j2").write_text(thang + "\nDẤU-CỦA-KHO\n", encoding="utf-8")
    assert "DẤU-CỦA-KHO" in _show(tmp_path)


def test_a_built_in_template_includes_the_office_s_own_partial(tmp_path: Path) -> None:
    init_repository(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/_narratives.md.j2").write_text("- DẤU-CỦA-KHO\n", encoding="utf-8")
    assert '{% include "_narratives.md.j2"' in builtin.template("thang.md.j2").read_text(encoding="utf-8")
    assert "DẤU-CỦA-KHO" in _show(tmp_path)


def test_a_template_neither_in_the_office_nor_built_in_is_missing_at_its_line(tmp_path: Path) -> None:
    init_repository(tmp_path)
    config = (tmp_path / "bcngv.yaml").read_text(encoding="utf-8")
    (tmp_path / "bcngv.yaml").write_text(config.replace("template: thang.md.j2", "template: nam.md.j2"), encoding="utf-8")
    line = next(n for n, text in enumerate(config.splitlines(), 1) if "template: thang.md.j2" in text)
    col = config.splitlines()[line - 1].index("thang") + 1
    checked = bcngv("check", "--root", str(tmp_path))
    assert checked.exit_code == 2, checked.output
    assert re.search(rf"bcngv\.yaml:{line}:{col}: error template-missing\b", checked.stderr), checked.stderr


def test_the_staff_readme_is_vietnamese_and_names_the_commands(tmp_path: Path) -> None:
    init_repository(tmp_path / "kho")
    readme = (tmp_path / "kho" / "README.md").read_text(encoding="utf-8")
    assert "Bắt đầu" in readme and "bcngv check" in readme and "bcngv build --period" in readme
    assert "Sửa mẫu báo cáo" in readme and "templates/" in readme


def test_init_never_writes_into_a_folder_that_has_files(tmp_path: Path, only) -> None:
    (tmp_path / "records").mkdir()
    written, problems = init_repository(tmp_path)
    found = only(problems, "init-not-empty")
    assert written == [] and (found.path, found.line, found.col) == (str(tmp_path), 1, 1)
    result = bcngv("init", str(tmp_path))
    assert result.exit_code == 2 and "error init-not-empty" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "records"]


def test_init_into_an_empty_folder_is_fine(tmp_path: Path) -> None:
    written, problems = init_repository(tmp_path)
    assert problems == [] and (tmp_path / "bcngv.yaml") in written
