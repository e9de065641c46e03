"""The report's body as Markdown again, with the computed heading numbers and the footnotes at the
end: what `bcngv show` prints in the terminal, so that a person reads what the .docx will say."""

from __future__ import annotations

from bcngv.render.blocks import Body, Heading, Item, Paragraph, Run
from bcngv.render.markdown import escape


def _inline(runs: list[Run]) -> str:
    parts = []
    for run in runs:
        if run.footnote is not None:
            parts.append(f"[{run.footnote}]")
            continue
        piece = escape(run.text, keep_edges=True)
        core = piece.strip()
        mark = ("**" if run.bold else "") + ("*" if run.italic else "")
        if mark and core:  # the marks hug the words; the spaces around them stay outside
            start = piece.index(core)
            piece = f"{piece[:start]}{mark}{core}{mark[::-1]}{piece[start + len(core):]}"
        parts.append(piece)
    return "".join(parts).strip()


def _paragraph(block: Paragraph | Item) -> str:
    return f"{block.marker} {_inline(block.runs)}" if isinstance(block, Item) else _inline(block.runs)


def as_markdown(body: Body, title: str, summary: str) -> str:
    """`title` (BÁO CÁO, or V/v for a công văn) and the summary line head the text; body headings
    go one level down, so that the title stays the largest."""
    lines = [f"# {escape(title)}", f"**{escape(summary)}**"]
    for block in body.blocks:
        if isinstance(block, Heading):
            lines.append(f"{'#' * (block.level + 1)} {block.number} {_inline(block.runs)}".rstrip())
        else:
            lines.append(_paragraph(block))
    if body.footnotes:
        lines.append("---")
        for number, paragraphs in body.footnotes.items():
            lines.append(f"[{number}] " + "\n".join(_paragraph(p) for p in paragraphs))
    return "\n\n".join(lines) + "\n"
