"""The Markdown subset: each construct parses to the block the writer lays out."""

from __future__ import annotations

from bcngv.render.blocks import Heading, Item, Paragraph, Run, plain_text
from bcngv.render.markdown import escape, parse
from bcngv.render.outline import number_headings


def test_headings_paragraphs_and_inline_styles() -> None:
    body = parse("# Kết quả\n\n## Hợp tác\n\nCó **20 đoàn** và *ghi chú* ở đây.\n")
    assert [type(b) for b in body.blocks] == [Heading, Heading, Paragraph]
    assert [b.level for b in body.blocks[:2]] == [1, 2]
    assert body.blocks[2].runs == [Run("Có "), Run("20 đoàn", bold=True), Run(" và "), Run("ghi chú", italic=True), Run(" ở đây.")]


def test_dash_plus_and_numbered_items_keep_their_marker() -> None:
    body = parse("- một\n- hai\n\n+ cộng\n\n1. thứ nhất\n2. thứ hai\n")
    assert [(b.marker, plain_text(b.runs)) for b in body.blocks if isinstance(b, Item)] == [
        ("-", "một"), ("-", "hai"), ("+", "cộng"), ("1.", "thứ nhất"), ("2.", "thứ hai")]


def test_footnotes_are_numbered_in_order_of_appearance() -> None:
    body = parse("Quà tặng[^qua] và hàng[^b].\n\n[^b]: Thứ hai.\n[^qua]: Tặng tỉnh Bolikhămxay.\n")
    refs = [r.footnote for r in body.blocks[0].runs if r.footnote]
    assert refs == [1, 2]
    assert [plain_text(p.runs) for p in body.footnotes[1]] == ["Tặng tỉnh Bolikhămxay."]
    assert [plain_text(p.runs) for p in body.footnotes[2]] == ["Thứ hai."]


def test_a_footnote_keeps_its_list_one_paragraph_an_item() -> None:
    body = parse("Quà[^1].\n\n[^1]: Tặng tỉnh A:\n    - Dự án X;\n    - Dự án **Y**;\n    - Dự án Z.\n")
    (intro, *items) = body.footnotes[1]
    assert isinstance(intro, Paragraph) and plain_text(intro.runs) == "Tặng tỉnh A:"
    assert [(type(i), i.marker, plain_text(i.runs)) for i in items] == [
        (Item, "-", "Dự án X;"), (Item, "-", "Dự án Y;"), (Item, "-", "Dự án Z.")]
    assert items[1].runs[1] == Run("Y", bold=True)


def test_escaped_paragraphs_keep_their_blank_lines_and_never_become_markup() -> None:
    data = "Một đoạn.\n  \n- không phải mục *x*\n\n\n1. không phải số\n# không phải đề mục"
    body = parse(escape(data, paragraphs=True))
    assert [(type(b), plain_text(b.runs)) for b in body.blocks] == [
        (Paragraph, "Một đoạn."), (Paragraph, "- không phải mục *x*"), (Paragraph, "1. không phải số # không phải đề mục")]
    assert escape("a\n\nb") == "a b"  # without `paragraphs`, one line as before
    # a blank line at an edge of a piece of a longer text is the space it was
    assert escape("\n\nx\n\n", keep_edges=True, paragraphs=True) == " x "


def test_markdown_features_outside_the_subset_stay_text() -> None:
    body = parse("    indented is not code\n\n<b>html</b> `tick` [link](x) &amp;\n")
    assert [plain_text(b.runs) for b in body.blocks] == ["indented is not code", "<b>html</b> `tick` [link](x) &amp;"]


def test_escaped_data_never_becomes_markup() -> None:
    for data in ["- đầu dòng", "+ cộng", "1. số", "**đậm** *nghiêng* [^1] # <x> & _y_"]:
        body = parse(escape(data))
        assert [plain_text(b.runs) for b in body.blocks] == [data]
        assert isinstance(body.blocks[0], Paragraph)


def test_headings_are_numbered_and_empty_sections_left_out() -> None:
    text = "# kết quả\n\n## Trống\n\n## Có nội dung\n\nx\n\n### mục\n\ny\n\n# Trống hẳn\n\n## cũng trống\n\n# Nhiệm vụ\n\nz\n"
    body = number_headings(parse(text))
    headings = [(b.number, plain_text(b.runs)) for b in body.blocks if isinstance(b, Heading)]
    assert headings == [("I.", "KẾT QUẢ"), ("1.", "Có nội dung"), ("a)", "mục"), ("II.", "NHIỆM VỤ")]


def test_a_body_kept_for_the_same_text_is_taken_and_any_other_text_parsed(tmp_path, monkeypatch) -> None:
    from bcngv import cachedir
    from bcngv.render import markdown

    monkeypatch.setenv("BCNGV_CACHE_DIR", str(tmp_path / "cache"))
    folder = cachedir.cache_folder(tmp_path)
    assert folder is not None
    keeping = cachedir.Keeping(folder, "v1")
    text = "# Kết quả\n\nCó **20 đoàn**[^a].\n\n[^a]: Ghi chú.\n"
    assert markdown.parse_kept(text, keeping) == parse(text)
    parsed: list[str] = []
    real_parse = markdown.parse
    monkeypatch.setattr(markdown, "parse", lambda t: parsed.append(t) or real_parse(t))
    assert markdown.parse_kept(text, keeping) == parse(text)
    assert parsed == []  # the kept body, not parsed again
    other = text.replace("20", "21")
    assert markdown.parse_kept(other, keeping) == parse(other)
    assert parsed == [other]
    assert markdown.parse_kept(other, cachedir.Keeping(folder, "v2")) == parse(other)  # other code: parsed
    assert parsed == [other, other]
    kept = folder.path / "report.body"
    kept.write_bytes(kept.read_bytes()[:-1] + b"\0")  # no longer what this user's bcngv sealed
    assert markdown.parse_kept(other, keeping) == parse(other)
    assert parsed == [other, other, other]
