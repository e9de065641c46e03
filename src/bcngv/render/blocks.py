"""The document body as blocks: what the Markdown subset means, independent of Word."""

from __future__ import annotations

from typing import NamedTuple

# NamedTuples: a build defines them whether or not it parses (a quarter of a dataclass's cost)


class Run(NamedTuple):
    """A piece of text with one style; `footnote` marks a footnote reference (and has no text)."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: int | None = None


class Heading(NamedTuple):
    level: int
    runs: list[Run]
    number: str = ""  # computed by the outline: "I.", "1.", "a)"


class Paragraph(NamedTuple):
    runs: list[Run]


class Item(NamedTuple):
    """An item written the office's way: the marker ("-", "+", "1.") typed at the start of an
    indented paragraph, not a Word bullet."""

    marker: str
    runs: list[Run]


Block = Heading | Paragraph | Item


class Body(NamedTuple):
    blocks: list[Block]
    # number → its paragraphs, in order: a note can be an introduction and a list of items, each item
    # its own paragraph with its marker typed ("- Dự án X;"), as the office writes such notes
    footnotes: dict[int, list[Paragraph | Item]]


def plain_text(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)
