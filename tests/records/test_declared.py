"""Record kinds declared as data (records/declared.py): bcngv's own file is valid as an office's
would be, an office adds or extends kinds in kinds/*.yaml, and each mistake in a declaration is a
diagnostic at its line (exit 2, as for bcngv.yaml)."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from bcngv.config import load_config
from bcngv.records.declared import BUILTIN, FieldDeclaration, KindDeclaration, builtin_kinds, load_kinds
from bcngv.records.loader import load_records
from conftest import bcngv

INVESTMENT = """\
kind: du_an_dau_tu
label: Dự án đầu tư của người Hà Tĩnh ở nước ngoài
fields:
  investor:
    type: text
    required: true
    label: nhà đầu tư
  country:
    type: partner
    required: true
    label: mã quốc gia trong danh mục
  sector:
    type: choice
    required: true
    label: lĩnh vực đầu tư
    choices:
      cong_nghiep: công nghiệp
      du_lich: du lịch, dịch vụ
  amount:
    type: money
    required: true
    measure: true
    label: tổng vốn đầu tư, ví dụ 120000000000 VND
"""


def test_bcngvs_own_kinds_are_valid_as_an_offices_declarations_are() -> None:
    """The built-in file is read without validation at start-up (it is trusted): here it is validated
    document by document as an office's file is, and every kind is made."""
    common, *kinds = yaml.safe_load_all(BUILTIN.read_text(encoding="utf-8"))
    assert all(FieldDeclaration.model_validate(field).label for field in common["common"].values())
    declared = [KindDeclaration.model_validate(k) for k in kinds]
    assert [k.kind for k in declared] == list(builtin_kinds())
    assert len(declared) == 18 and all(k.label for k in declared)


def test_an_office_kind_is_checked_like_a_built_in_one(repo, only) -> None:
    repo.write("kinds/du_an_dau_tu.yaml", INVESTMENT)
    repo.write("records/2022/07/du-an.yaml", """\
        kind: du_an_dau_tu
        date: 2022-07-05
        investor: Công ty TNHH Thành Đạt
        country: lao
        sector: du_lichh
        amount: 120000000000 VND
        """)
    result = bcngv("check", "--format", "json", root=repo)
    assert result.exit_code == 1
    found = [(d["code"], d["line"], d["col"]) for d in json.loads(result.stdout)]
    assert found == [("invalid-choice", 5, 9)]
    text = bcngv("check", root=repo).output
    assert "records/2022/07/du-an.yaml:5:9: error invalid-choice" in text
    assert "Có phải là 'du_lich'?" in text and "du_lich (du lịch, dịch vụ)" in text


def test_an_office_extends_a_built_in_kind(repo) -> None:
    repo.write("kinds/doan_ra.yaml", """\
        kind: doan_ra
        fields:
          budget:
            type: money
            label: kinh phí đoàn
          persons: {label: số người trong đoàn}
        """)
    repo.write("records/2022/07/doan.yaml", """\
        kind: doan_ra
        date: 2022-07-12
        persons: 3
        funding: ngan_sach
        budget: 150000000 VND
        """)
    config, _ = load_config(repo.root)
    assert config is not None
    loaded = load_records(repo.root, sections=config.sections)
    assert loaded.diagnostics == []
    [record] = loaded.records
    assert record.budget.amount == 150000000 and record.persons == 3  # type: ignore[attr-defined]
    kinds, found = load_kinds(repo.root)
    assert found == [] and kinds["doan_ra"].model_fields["persons"].description == "số người trong đoàn"


# each mistake in a declaration: the file's text, the code, its line and column
MISTAKES = [
    ("kind: x\nlabel: X\nfeilds: {}\n", "kind-unknown-key", 3, 1),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: count\n    lable: số\n", "kind-unknown-key", 6, 5),
    ("kind: Du An\nlabel: X\n", "kind-invalid", 1, 7),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: integer\n    label: số\n", "kind-invalid", 5, 11),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: count\n", "kind-incomplete", 4, 3),
    ("kind: x\nfields: {}\n", "kind-incomplete", 1, 7),
    ("kind: x\nlabel: X\nfields:\n  path:\n    type: text\n    label: đường dẫn\n", "kind-reserved-name", 4, 3),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: date\n    unit: người\n    label: ngày\n", "kind-key-misplaced", 6, 5),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: choice\n    label: loại\n", "kind-key-misplaced", 4, 3),
    ("kind: x\nlabel: X\nfields:\n  t:\n    type: count\n    label: tổng\n    total_of: [a, ten]\n"
     "  a: {type: count, label: a}\n  ten: {type: text, label: tên}\n", "kind-bad-total", 7, 15),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: count\n    label: số\n    default: -1\n", "kind-bad-default", 7, 14),
    ("kind: x\nlabel: X\nfields:\n  c:\n    type: choice\n    label: loại\n    choices: {a: A}\n    default: b\n",
     "kind-bad-default", 8, 14),
    ("kind: x\nlabel: X\nfields:\n  n:\n    type: text\n    label: mã\n    pattern: '^(?=a)b$'\n", "kind-bad-pattern", 7, 14),
]


@pytest.mark.parametrize(("text", "code", "line", "col"), MISTAKES)
def test_a_mistake_in_a_declaration_is_reported_at_its_line(repo, only, text: str, code: str, line: int, col: int) -> None:
    repo.write("kinds/x.yaml", text)
    kinds, found = load_kinds(repo.root)
    problem = only(found, code)
    assert (problem.path, problem.line, problem.col) == ("kinds/x.yaml", line, col)
    assert list(kinds) == list(builtin_kinds())  # the office's kinds are not used until they are right
    result = bcngv("check", root=repo)
    assert result.exit_code == 2 and f"kinds/x.yaml:{line}:{col}: error {code}" in result.output


def test_a_kind_declared_in_two_files_is_reported_at_the_second(repo, only) -> None:
    repo.write("kinds/a.yaml", "kind: x\nlabel: X\n")
    repo.write("kinds/b.yaml", "# the same kind again\nkind: x\nlabel: Y\n")
    problem = only(load_kinds(repo.root)[1], "kind-twice")
    assert (problem.path, problem.line, problem.col) == ("kinds/b.yaml", 2, 7) and "kinds/a.yaml" in problem.message


def test_a_declaration_that_links_outside_the_repository_is_not_read(repo, tmp_path_factory, only) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.yaml"
    secret.write_text("kind: bi_mat\nlabel: MẬT-7731\n", encoding="utf-8")
    (repo.root / "kinds").mkdir()
    os.symlink(secret, repo.root / "kinds" / "x.yaml")
    kinds, found = load_kinds(repo.root)
    assert only(found, "link-outside").path == "kinds/x.yaml" and "bi_mat" not in kinds
    assert "MẬT-7731" not in bcngv("check", root=repo).output


def test_a_pattern_that_would_backtrack_runs_in_linear_time(repo) -> None:
    """pydantic's Rust engine runs `(a+)+$` without Python's catastrophic backtracking."""
    repo.write("kinds/x.yaml", "kind: x\nlabel: X\nfields:\n  code:\n    type: text\n    label: mã\n"
                               "    pattern: '^(a+)+$'\n")
    repo.write("records/2022/07/x.yaml", f"kind: x\ndate: 2022-07-01\ncode: {'a' * 5000}b\n")
    result = bcngv("check", "--format", "json", root=repo, env={"BCNGV_LANG": "vi"})
    assert result.exit_code == 1 and '"invalid-value"' in result.stdout
