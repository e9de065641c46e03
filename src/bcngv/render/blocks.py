"""The document body as blocks: what the Markdown subset means, independent of Word."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with one style; `footnote` marks a footnote reference (and has no text)."""

    text: str
    bold: bool = False
    italic: bool = False
    footnote: int | None = None


@dataclass(slots=True)
class Heading:
    level: int
    runs: list[Run]
    number: str = ""  # computed by the outline: "I.", "1.", "a)"


@dataclass(slots=True)
class Paragraph:
    runs: list[Run]


@dataclass(slots=True)
class Item:
    """An item written the office's way: the marker ("-", "+", "1.") typed at the start of an
    indented paragraph, not a Word bullet."""

    marker: str
    runs: list[Run]


Block = Heading | Paragraph | Item


@dataclass(slots=True)
class Body:
    blocks: list[Block] = field(default_factory=list)
    # number → its paragraphs, in order: a note can be an introduction and a list of items, each item
    # its own paragraph with its marker typed ("- Dự án X;"), as the office writes such notes
    footnotes: dict[int, list[Paragraph | Item]] = field(default_factory=dict)


def plain_text(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)
