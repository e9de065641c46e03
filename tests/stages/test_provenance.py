"""Every printed figure can be traced: sources.json beside the .docx, `explain`, `stats`, and the
commit of the records in the document's properties."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
import yaml

from bcngv.pipeline import Options, configure
from bcngv.repository import Repository
from bcngv.metrics import evaluate
from bcngv.records.loader import load_records

from conftest import CONFIG, PROJECT, bcngv
from docx_sample import seen

NAM = """\
  nam:
    template: nam.md.j2
    number: BC-SNgV
    summary: "Kiểm điểm công tác chỉ đạo, điều hành {{ period.label }}"
    recipients: ["Lưu: VT."]
    signer: pgd
    default_for: [year]
"""
TEMPLATE = """\
# Kết quả

- {% if as_of %}Tính đến ngày {{ as_of | dmy }}, có{% else %}Có{% endif %} {{ records.kind('doan_ra') | count }} đoàn với {{ records.kind('doan_ra') | sum('persons') }} lượt CBCCVC, trong đó {% for funding, group in records.kind('doan_ra').group('funding') %}{{ group | count }} đoàn {{ funding.label }}{{ '; ' if not loop.last }}{% endfor %}.
- Thực hiện {{ records.kind('doan_ra').where(plan='trong_ke_hoach') | count | ty_le(records.kind('ke_hoach_doan_ra') | sum('delegations')) }} các đoàn ra theo kế hoạch.
- Tổ chức {{ records.kind('hoi_thao') | count | so(pad=false) }} hội thảo quốc tế ({{ records.kind('hoi_thao') | count | so_sanh(last_year.kind('hoi_thao') | count, 'hội thảo', 'năm ' ~ (period.year - 1)) }}); cam kết {{ records.kind('ngo') | sum('committed') | uoc }}; {{ records.kind('hai_cot') | count }} hài cốt.

# Nhiệm vụ {{ period.next.label }}

{% for task in tasks %}
- {{ task | tell }}
{% endfor %}
"""


def write_year(repo) -> None:
    repo.write("bcngv.yaml", CONFIG + NAM)
    repo.write("templates/nam.md.j2", TEMPLATE)
    for n, (day, funding, plan) in enumerate([("2022-03-02", "ngan_sach", "trong_ke_hoach"),
                                              ("2022-05-10", "doi_tac", "trong_ke_hoach"),
                                              ("2022-07-12", "ngan_sach", "ngoai_ke_hoach"),
                                              ("2022-12-01", "tu_tuc", "trong_ke_hoach")]):
        repo.write(f"records/2022/doan-ra-{n}.yaml",
                   f"kind: doan_ra\ndate: {day}\npersons: {n + 3}\nfunding: {funding}\nplan: {plan}\n")
    repo.write("records/2022/ke-hoach.yaml", "kind: ke_hoach_doan_ra\ndate: 2022-01-05\nyear: 2022\ndelegations: 3\n")
    for year, count in ((2021, 2), (2022, 5)):
        for n in range(count):
            repo.write(f"records/{year}/hoi-thao-{n}.yaml",
                       f"kind: hoi_thao\ndate: {year}-0{n + 2}-01\norganiser: Sở Y tế\ncategory: tap_huan\n")
    repo.write("records/_catalog/to_chuc.yaml", "path:\n  name: PATH\n  type: ngo\n")
    repo.write("records/2022/ngo.yaml",
               "kind: ngo\ndate: 2022-06-01\naction: du_an\norganisation: path\ncommitted: 1580000 USD\n")
    repo.write("records/2022/nhiem-vu.yaml", "kind: nhiem_vu\ndate: 2022-10-01\ntarget: 2023-06\ntext: Đón đoàn Lào.\n")


def sources_of(path: Path) -> dict:
    return json.loads(path.with_name(f"{path.stem}.sources.json").read_text(encoding="utf-8"))


def check_sources(root: Path, document: dict) -> None:
    """The issue's check: each figure's records exist, and its query over exactly them gives its value."""
    records = {r.path: r for r in load_records(root).records}
    assert document["figures"]
    for figure in document["figures"]:
        assert figure["records"] or figure["value"] == 0, figure
        assert all((root / path).is_file() for path in figure["records"]), figure
        again = evaluate(figure["query"], [records[path] for path in figure["records"]])
        assert again.value == Decimal(str(figure["value"])), figure


def test_build_writes_sources_beside_the_report(repo) -> None:
    write_year(repo)
    result = bcngv("build", "--period", "2022", "--as-of", "2022-11-07", root=repo)
    assert result.exit_code == 0, result.output
    out = repo.root / "build" / "nam-2022.docx"
    document = sources_of(out)
    assert {k: document[k] for k in ("report", "period", "as_of", "commit", "dirty")} == {
        "report": "nam",
        "period": {"code": "2022", "label": "năm 2022", "from": "2022-01-01", "to": "2022-11-07"},
        "as_of": "2022-11-07",
        "commit": None,  # not a git checkout
        "dirty": None,
    }
    printed = [(f["text"], f["value"]) for f in document["figures"]]
    assert printed == [("03", 3), ("12", 12), ("02", 2), ("01", 1),  # the delegation of 01/12 is after 07/11
                       ("02/03 (tỷ lệ 67%)", 66.67), ("5", 5), ("tăng 03 hội thảo so với năm 2021", 3),
                       ("gần 1,6 triệu USD", 1580000), ("00", 0)]
    ratio = document["figures"][4]
    assert ratio["records"] == ["records/2022/ke-hoach.yaml", "records/2022/doan-ra-0.yaml", "records/2022/doan-ra-1.yaml"]
    assert ratio["query"].startswith("ratio(records.dates('2022-01-01', '2022-11-07').kind('doan_ra')")
    assert document["figures"][-1]["records"] == []  # a figure of 0 has no record behind it
    check_sources(repo.root, document)
    body = [seen(p.text) for p in docx.Document(str(out)).paragraphs]
    assert "Nhiệm vụ năm 2023" in " ".join(body).replace("NHIỆM VỤ NĂM 2023", "Nhiệm vụ năm 2023")
    assert any("Đón đoàn Lào." in line for line in body)


def test_the_same_inputs_give_the_same_sources(repo) -> None:
    write_year(repo)
    assert bcngv("build", "--period", "2022", root=repo).exit_code == 0
    path = repo.root / "build" / "nam-2022.sources.json"
    first = path.read_bytes()
    assert bcngv("build", "--period", "2022", root=repo).exit_code == 0
    assert path.read_bytes() == first


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_in_a_git_checkout_the_commit_goes_into_sources_and_the_document(repo) -> None:
    write_year(repo)

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo.root), *args], check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "records")
    commit = git("rev-parse", "HEAD").strip()
    assert bcngv("build", "--period", "2022", root=repo).exit_code == 0
    out = repo.root / "build" / "nam-2022.docx"
    assert (sources_of(out)["commit"], sources_of(out)["dirty"]) == (commit, False)  # build/ is not an input
    assert docx.Document(str(out)).core_properties.keywords == commit
    repo.write("records/2022/hai-cot.yaml", "kind: hai_cot\ndate: 2022-04-01\nsets: 11\n")
    assert bcngv("build", "--period", "2022", root=repo).exit_code == 0
    assert sources_of(out)["dirty"] is True
    assert docx.Document(str(out)).core_properties.keywords == f"{commit}-dirty"


def test_decree_09_windows_are_chosen_by_the_report_kind(repo) -> None:
    write_year(repo)
    repo.write("bcngv.yaml", CONFIG + NAM + "    windows: nghi_dinh_09\n")
    assert bcngv("build", "--period", "2022", root=repo).exit_code == 0
    document = sources_of(repo.root / "build" / "nam-2022.docx")
    assert (document["period"]["from"], document["period"]["to"]) == ("2021-12-15", "2022-12-14")
    assert document["figures"][0]["text"] == "04"  # 01/12 is inside the window that ends on 14/12


def test_an_unknown_windows_setting_names_the_key(repo, only) -> None:
    repo.write("bcngv.yaml", CONFIG + "    windows: tuan\n")
    result = bcngv("build", "--period", "2022-07", root=repo)
    assert result.exit_code == 2
    assert "bcngv.yaml:18:14: error config-invalid" in result.output and "'reports.thang.windows'" in result.output


def test_an_as_of_date_before_the_period_is_a_usage_error(repo, only) -> None:
    result = bcngv("build", "--period", "2022-07", "--as-of", "2022-06-30", root=repo)
    assert result.exit_code == 2 and not (repo.root / "build").exists()
    problem = only(configure(Repository(repo.root), Options("2022-07", as_of=date(2022, 6, 30)))[1], "as-of-before-period")
    assert (problem.path, problem.line, problem.col) == ("--as-of", 1, 1)
    assert f"{problem.path}: error {problem.code}: {problem.message}" in result.output
    assert problem.message == "ngày chốt số liệu 2022-06-30 ở trước tháng 7/2022"


@pytest.mark.parametrize("command", ["build", "explain", "stats"])
def test_a_malformed_period_shows_the_accepted_forms(repo, command: str) -> None:
    result = bcngv(command, "--period", "2022-7-1", root=repo)
    assert result.exit_code == 2
    assert "--period: error invalid-period" in result.output
    assert "2022-Q3, 2022-H1, 2022-H2, 2022-9M, 2022, 2022-01..2022-07" in result.output


def test_explain_shows_every_figure_with_its_records(repo) -> None:
    write_year(repo)
    result = bcngv("explain", "--period", "2022", "--as-of", "2022-11-07", root=repo)
    assert result.exit_code == 0, result.output
    assert "Cách tính" in result.output and "gần 1,6 triệu USD" in result.output
    assert "records/2022/ngo.yaml" in result.output
    assert not (repo.root / "build").exists()  # explain writes nothing


def test_explain_one_figure_by_its_printed_text(repo) -> None:
    write_year(repo)
    result = bcngv("explain", "--period", "2022", "tăng 03 hội thảo so với năm 2021", root=repo)
    assert result.exit_code == 0, result.output
    assert "difference(" in result.output
    assert "records/2021/hoi-thao-1.yaml" in result.output and "records/2022/hoi-thao-4.yaml" in result.output
    assert "records/2022/ngo.yaml" not in result.output


def test_explain_a_text_the_report_does_not_print(repo) -> None:
    write_year(repo)
    result = bcngv("--lang", "en", "explain", "--period", "2022", "99 đoàn", root=repo)
    code = "no-such-figure"
    assert result.exit_code == 2
    assert f"TEXT: error {code}: the report for 2022 prints no figure as '99 đoàn'" in result.output


def test_stats_counts_and_sums_by_kind_and_month(repo) -> None:
    write_year(repo)
    result = bcngv("stats", "--period", "2022-H1", root=repo)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.replace("│", " ").replace("┃", " ").split()) for line in result.output.splitlines()]
    assert "Loại hồ sơ 01/2022 02/2022 3/2022 4/2022 5/2022 6/2022 Cộng" in lines
    assert "doan_ra 0 0 1 0 1 0 2" in lines
    assert "doan_ra · persons 0 0 3 0 4 0 7" in lines
    assert "hoi_thao 0 1 1 1 1 1 5" in lines
    assert "ngo · committed (USD) 0 0 0 0 0 1.580.000 1.580.000" in lines


def test_stats_with_as_of_stops_at_that_day(repo) -> None:
    write_year(repo)
    result = bcngv("stats", "--period", "2022", "--as-of", "2022-03-15", root=repo)
    lines = [" ".join(line.replace("│", " ").replace("┃", " ").split()) for line in result.output.splitlines()]
    assert "Loại hồ sơ 01/2022 02/2022 3/2022 Cộng" in lines
    assert "doan_ra 0 0 1 1" in lines


def _project_reports() -> list[tuple[str, str]]:
    """Each report kind of the project's own bcngv.yaml, with a period of the kind it is made for."""
    sample = {"month": "2022-07", "quarter": "2022-Q3", "half": "2022-H1", "months": "2022-01..2022-07",
              "year": "2022", "rest": "2022-08..2022-12", "span": "2021-01..2022-08"}
    reports = yaml.safe_load((PROJECT / "bcngv.yaml").read_text(encoding="utf-8"))["reports"]
    return [(rid, sample[kind.get("default_for", ["month"])[0]]) for rid, kind in reports.items()]


@pytest.mark.parametrize(("report", "period"), _project_reports())
def test_every_report_of_the_project_is_traceable(tmp_path: Path, report: str, period: str) -> None:
    result = bcngv("build", "--period", period, "--report", report, "--out", str(tmp_path), root=PROJECT)
    assert result.exit_code == 0, result.output
    [built] = tmp_path.glob("*.docx")
    document = sources_of(built)
    assert document["commit"] and document["report"] == report
    check_sources(PROJECT, document)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_git_state_is_the_commit_and_whether_an_input_changed(repo) -> None:
    from bcngv.provenance import GitState, GitStatus

    def git_state(repository: Repository) -> GitState | None:
        status = GitStatus(repository)
        try:
            return status.state()
        finally:
            status.close()

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo.root), "-c", "user.name=t", "-c", "user.email=t@example.org",
                               *args], check=True, capture_output=True, text=True).stdout

    write_year(repo)
    repository = Repository(repo.root)
    assert git_state(repository) is None  # not a checkout
    git("init", "-q")
    assert git_state(repository) is None  # a checkout without a commit yet
    git("add", "-A")
    git("commit", "-q", "-m", "records")
    commit = git("rev-parse", "HEAD").strip()
    assert git_state(repository) == GitState(commit, False)
    repo.write("notes.txt", "not an input\n")
    assert git_state(repository) == GitState(commit, False)
    repo.write("records/2022/ke-hoach.yaml", (repo.root / "records/2022/ke-hoach.yaml").read_text() + "\n")
    assert git_state(repository) == GitState(commit, True)  # a tracked input changed
    git("checkout", "-q", "--", "records")
    repo.write("templates/new.md.j2", "x\n")
    assert git_state(repository) == GitState(commit, True)  # an untracked input


def test_a_git_that_does_not_answer_in_time_gives_no_git_state_and_is_stopped(repo, tmp_path, monkeypatch) -> None:
    from bcngv import provenance

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\nexec sleep 30\n")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    monkeypatch.setattr(provenance, "GIT_SECONDS", 0.2)
    status = provenance.GitStatus(Repository(repo.root))
    assert status.state() is None
    assert status._process is not None and status._process.returncode is not None  # killed, not left running
    left = provenance.GitStatus(Repository(repo.root))  # a run that ends before it reads the state
    left.close()
    assert left._process is not None and left._process.returncode is not None


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_status_stopped_part_way_leaves_no_lock_on_the_index(repo) -> None:
    """The status runs beside the build, and is stopped when the build ends first: it takes none of
    the index's optional locks, which a stopped git would leave for the person's next commit."""
    from bcngv.provenance import GitStatus

    subprocess.run(["git", "-C", str(repo.root), "init", "-q"], check=True)
    status = GitStatus(Repository(repo.root))
    assert status._process is not None and "--no-optional-locks" in status._process.args
    status.close()
    assert not (repo.root / ".git" / "index.lock").exists()
