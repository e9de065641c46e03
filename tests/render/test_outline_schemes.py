"""Outlines declared per report kind (render/outline.py): I./1./a), I./1./1.1./a) or none, at four
levels and more; empty parts leave with their numbers; a heading typed with its own number is an
error at its template line, never a double number."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from bcngv.render.blocks import Body, Heading, Paragraph, Run
from bcngv.render.markdown import parse
from bcngv.render.outline import heading_line, number_headings, typed_number, typed_numbers
from conftest import CONFIG, TERM_KIND, Repo, bcngv
from docx_sample import seen

PARTS = ["Hội nhập quốc tế", "Ngoại giao kinh tế", "Ngoại giao văn hóa", "Hợp tác với Lào",
         "Hợp tác với Hàn Quốc", "Viện trợ phi chính phủ", "Lãnh sự", "Biên giới", "Thông tin đối ngoại"]


def term_template(typed: str = "") -> str:
    """Section 2 holds nine parts (and an empty one after the third, which must leave with its
    number); the first part has two parts of its own, at level 4. `typed` is put before the first
    part's title."""
    lines = ["Sở Ngoại vụ báo cáo kết quả như sau:", "", "# Kết quả thực hiện", "",
             "## Công tác chỉ đạo, điều hành", "", "Sở đã tham mưu kịp thời.", "",
             "## Kết quả trên các lĩnh vực", ""]
    for index, part in enumerate(PARTS):
        lines += [f"### {typed if index == 0 else ''}{part}", "", f"Nội dung về {part.lower()}.", ""]
        if index == 0:
            lines += ["#### Với các tỉnh của Lào", "", "Ký kết thỏa thuận.", "",
                      "#### Với Hàn Quốc", "", "Trao đổi đoàn.", ""]
        if index == 2:
            lines += ["### Công tác không có gì để báo cáo", ""]
    lines += ["# Phương hướng nhiệm kỳ tới", "", "## Nhiệm vụ trọng tâm", "", "Tiếp tục hội nhập.", ""]
    return "\n".join(lines)


def term_office(repo: Repo, template: str | None = None, outline: str | None = None) -> Repo:
    kind = TERM_KIND if outline is None else TERM_KIND.replace("[roman, decimal, decimal, letter]", outline)
    repo.write("bcngv.yaml", CONFIG + kind)
    (repo.root / "templates" / "nhiem-ky.md.j2").write_text(template or term_template(), encoding="utf-8")
    return repo


def build_term(repo: Repo, *args: str):
    return bcngv("build", "--period", "2022", "--report", "nhiem-ky", "--as-of", "2022-11-30", *args, root=repo)


def headings(docx: Path) -> list[tuple[str, str]]:
    """(style id, text) of every heading paragraph of the report."""
    found = []
    for paragraph in Document(str(docx)).paragraphs:
        style = paragraph.style.style_id if paragraph.style is not None else ""
        if style.startswith("BcHeading"):
            found.append((style, seen(paragraph.text)))
    return found


def built_docx(result) -> Path:
    assert result.exit_code == 0, result.output
    return Path(result.output.strip().splitlines()[-1])


# --- the numbers ------------------------------------------------------------------------------------
def numbers(markdown: str, outline: tuple[str, ...] | None = None) -> list[str]:
    body = number_headings(parse(markdown)) if outline is None else number_headings(parse(markdown), outline)
    return [b.number for b in body.blocks if isinstance(b, Heading)]


DEEP = "# A\n\nx\n\n## B\n\nx\n\n### C\n\nx\n\n#### D\n\nx\n\n#### E\n\nx\n\n### F\n\nx\n\n## G\n\nx\n\n# H\n\n## I\n\nx\n"


def test_the_default_outline_is_the_numbering_of_before() -> None:
    assert numbers(DEEP) == ["I.", "1.", "a)", "", "", "b)", "2.", "II.", "1."]
    assert numbers(DEEP, ("roman", "arabic", "letter", "none")) == numbers(DEEP)


def test_decimal_numbers_are_built_from_the_arabic_and_decimal_ancestors_only() -> None:
    # under a roman part, decimal restarts at 1. (Decree 30: "I. … 1. … 1.1.", never "I.1.1.")
    assert numbers(DEEP, ("roman", "decimal", "decimal", "letter")) == ["I.", "1.", "1.1.", "a)", "b)", "1.2.", "2.", "II.", "1."]
    assert numbers(DEEP, ("arabic", "decimal", "decimal", "decimal")) == ["1.", "1.1.", "1.1.1.", "1.1.1.1.", "1.1.1.2.", "1.1.2.", "1.2.", "2.", "2.1."]
    assert numbers(DEEP, ("none", "arabic", "letter", "none")) == ["", "1.", "a)", "", "", "b)", "2.", "", "1."]


def test_a_skipped_level_has_no_part_in_a_decimal_number() -> None:
    assert numbers("# A\n\n### B\n\nx\n", ("arabic", "decimal", "decimal", "none")) == ["1.", "1.1."]


def test_levels_past_the_outline_are_not_numbered() -> None:
    assert numbers("# A\n\n## B\n\nx\n", ("arabic",)) == ["1.", ""]


def test_numbering_is_pure() -> None:
    body = Body([Heading(1, [Run("a")]), Paragraph([Run("x")])], {})
    number_headings(body, ("arabic", "none", "none", "none"))
    assert body.blocks[0].number == "" and body.blocks[0].runs[0].text == "a"


@pytest.mark.parametrize("text", ["2.1. Hội nhập", "2.1 Hội nhập", "II. Kết quả", "a) Đoàn ra", "đ) Khác",
                                  "3. Lãnh sự", "1) Một", "Phần I. Tổng quan", "MỤC 2 Hợp tác", "IV."])
def test_a_number_typed_in_any_scheme_is_found(text: str) -> None:
    assert typed_number(text) is not None


@pytest.mark.parametrize("text", ["2022 là năm đoàn kết", "1.150.000 USD viện trợ", "Ia Grai", "Việt Nam",
                                  "Công tác lãnh sự", "A. và B.", "Phần việc còn lại"])
def test_text_that_merely_starts_with_digits_or_capitals_is_not_a_number(text: str) -> None:
    assert typed_number(text) is None


def test_a_typed_number_at_an_unnumbered_level_is_the_authors_own() -> None:
    body = parse("# Phần I. Tổng quan\n\nx\n\n## 1. Một\n\nx\n")
    assert [n for _, n in typed_numbers(body, ("none", "arabic"))] == ["1."]


def test_the_heading_is_found_at_its_template_line() -> None:
    heading = Heading(3, [Run("2.1. Hội nhập quốc tế")])
    sources = [("templates/a.md.j2", "# X\n\n### Khác\n"),
               ("templates/_b.md.j2", "intro\n## 2.1. Hội nhập quốc tế\n### {{ n }}. Hội nhập quốc tế\n### 2.1. Hội nhập quốc tế\n")]
    assert heading_line(sources, heading, "2.1.") == ("templates/_b.md.j2", 4)
    assert heading_line(sources[:1], heading, "2.1.") is None


# --- the report ---------------------------------------------------------------------------------
def test_a_term_report_numbers_section_2_parts_2_1_to_2_9(repo) -> None:
    found = headings(built_docx(build_term(term_office(repo))))
    texts = [text for _, text in found]
    assert texts[:3] == ["I. KẾT QUẢ THỰC HIỆN", "1. Công tác chỉ đạo, điều hành", "2. Kết quả trên các lĩnh vực"]
    # the empty part after 2.3 is gone and the numbering goes on without a gap
    assert [t for t in texts if t[:2] == "2."][1:] == [f"2.{n}. {part}" for n, part in enumerate(PARTS, 1)]
    assert ("BcHeading4", "a) Với các tỉnh của Lào") in found and ("BcHeading4", "b) Với Hàn Quốc") in found
    assert ("BcHeading3", "2.1. Hội nhập quốc tế") in found
    assert texts[-2:] == ["II. PHƯƠNG HƯỚNG NHIỆM KỲ TỚI", "1. Nhiệm vụ trọng tâm"]
    assert not any("không có gì" in t for t in texts)


def test_none_gives_no_number(repo) -> None:
    texts = [t for _, t in headings(built_docx(build_term(term_office(repo, outline="[none, none, none, none]"))))]
    assert "KẾT QUẢ THỰC HIỆN" in texts and "Hội nhập quốc tế" in texts and "Với Hàn Quốc" in texts


def test_the_default_outline_builds_the_same_bytes_as_before(repo) -> None:
    # a kind that declares today's scheme and one that declares nothing give the same .docx
    first = built_docx(build_term(term_office(repo, outline="[roman, arabic, letter, none]"), "--out", "a")).read_bytes()
    repo.write("bcngv.yaml", (repo.root / "bcngv.yaml").read_text(encoding="utf-8").replace("    outline: [roman, arabic, letter, none]\n", ""))
    second = built_docx(build_term(repo, "--out", "b"))
    assert "outline" not in (repo.root / "bcngv.yaml").read_text(encoding="utf-8")
    assert second.read_bytes() == first
    texts = [t for _, t in headings(second)]
    assert texts[:3] == ["I. KẾT QUẢ THỰC HIỆN", "1. Công tác chỉ đạo, điều hành", "2. Kết quả trên các lĩnh vực"]
    assert "a) Hội nhập quốc tế" in texts and "Với các tỉnh của Lào" in texts


@pytest.mark.parametrize("command", ["build", "show"])
def test_a_heading_typed_with_its_number_is_refused_at_its_template_line(repo, command: str) -> None:
    template = term_template(typed="2.1. ")
    line = template.splitlines().index("### 2.1. Hội nhập quốc tế") + 1
    term_office(repo, template)
    result = bcngv(command, "--period", "2022", "--report", "nhiem-ky", "--as-of", "2022-11-30", root=repo)
    assert result.exit_code == 1, result.output
    assert f"templates/nhiem-ky.md.j2:{line}:1: error heading-numbered" in result.output
    assert "2.1." in result.output and "a) 2.1." not in result.output
    assert not (repo.root / "build").exists()


def test_a_numbered_heading_in_an_included_template_is_found_there(repo) -> None:
    repo.write("templates/_linh-vuc.md.j2", "Mở đầu.\n\n### II. Lãnh sự\n\nNội dung.\n")
    term_office(repo, "# Kết quả\n\n## Các lĩnh vực\n\n{% include '_linh-vuc.md.j2' %}\n")
    result = build_term(repo)
    assert result.exit_code == 1, result.output
    code = "heading-numbered"
    assert f"templates/_linh-vuc.md.j2:3:1: error {code}" in result.output


def test_an_unknown_scheme_is_a_configuration_error_at_its_line(repo) -> None:
    term_office(repo, outline="[roman, decimal, greek, letter]")
    text = (repo.root / "bcngv.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("    outline: [roman, decimal, greek, letter]") + 1
    result = build_term(repo)
    assert result.exit_code == 2, result.output
    assert f"bcngv.yaml:{line}:" in result.output and "config-invalid" in result.output
    assert "reports.nhiem-ky.outline.2" in result.output and "'decimal'" in result.output
    assert not (repo.root / "build").exists()
