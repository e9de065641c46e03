"""Heading numbers are computed, not typed: a section with nothing to say is left out and the
numbering of the others stays continuous.

Each report kind declares its outline in bcngv.yaml (`ReportKind.outline`): one scheme per heading
level, `#` first. The schemes, as Decree 30 reports number their parts:

    roman    I., II., …          arabic   1., 2., …          letter   a), b), …
    decimal  the numbers of the arabic and decimal ancestors, then this level's: 2.1., 2.1.1.
    none     no number (and a number typed at the start of such a heading is the author's own)

The default, `[roman, arabic, letter, none]`, is I. / 1. / a) / unnumbered. A decimal number is
built from the arabic and decimal ancestors only: a roman (or letter, or unnumbered) part above it
does not enter it, so under `[roman, decimal, decimal, letter]` each roman part restarts at "1.",
"1.1." (Decree 30 practice: "I. … 1. … 1.1. …", never "I.1.1."). A decimal level with no such
ancestor is "1.", "2.", as arabic. Every level's count restarts under a new heading of a higher
level. Levels past the end of the outline are not numbered.

A heading whose text starts with a number of its own ("2.1. Hội nhập", "II. …", "a) …", "Phần I")
would come out with two numbers; `typed_numbers` finds them so the pipeline can refuse the report
at the template's line (`heading_line`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bcngv.config import DEFAULT_OUTLINE
from bcngv.render.blocks import Block, Body, Heading, Run, plain_text
from bcngv.render.vietnamese import roman


def _letter(n: int) -> str:
    # a), …, z), then aa), ab), … (a part of more than 26 items is rare, but must not print "{)")
    text = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("a") + rest) + text
    return f"{text})"


def _number(scheme: str, count: int, ancestors: list[int]) -> str:
    """The number of a heading, its level's `count` given; `ancestors` are the counts of its
    arabic and decimal ancestors, outermost first (used by `decimal` only)."""
    if scheme == "roman":
        return f"{roman(count)}."
    if scheme == "arabic":
        return f"{count}."
    if scheme == "decimal":
        return "".join(f"{n}." for n in [*ancestors, count])
    if scheme == "letter":
        return _letter(count)
    return ""  # none


def prune_empty(blocks: list[Block]) -> list[Block]:
    """Drop every heading whose section (up to the next heading of the same or a higher level)
    holds no text."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            rest = blocks[index + 1:]
            end = next((i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level <= block.level), len(rest))
            if not any(not isinstance(b, Heading) for b in rest[:end]):
                continue
        kept.append(block)
    return kept


def number_headings(body: Body, outline: Sequence[str] = DEFAULT_OUTLINE) -> Body:
    """The body with empty sections left out and every heading numbered by `outline` (one scheme
    per level, `#` first); a new Body: the one given is not changed."""
    counters = [0] * 7  # by level, 1–6 (Markdown has six heading levels); 0 unused
    numbered: list[Block] = []
    for block in prune_empty(body.blocks):
        if isinstance(block, Heading) and block.level <= len(outline):
            level = block.level
            counters[level] += 1
            for deeper in range(level + 1, len(counters)):
                counters[deeper] = 0
            # a skipped level (### straight under #) has no count and no part in a decimal number
            ancestors = [counters[up] for up in range(1, level)
                         if outline[up - 1] in ("arabic", "decimal") and counters[up]]
            runs = block.runs
            if level == 1:  # Decree 30: first-level headings in capitals
                runs = [Run(r.text.upper(), r.bold, r.italic, r.footnote) for r in runs]
            block = block._replace(number=_number(outline[level - 1], counters[level], ancestors), runs=runs)
        numbered.append(block)
    return Body(numbered, body.footnotes)


# a number at the start of a heading, in any scheme's form (and Phần/Mục/Chương), followed by a
# space or the end; kept narrow so that "2022 là năm …" or "1.150.000 USD …" is text, not a number
_TYPED = re.compile(
    r"""^(?:
        (?i:phần|mục|chương)\s+(?:[IVXLCDM]+|\d+)[.:)]?
      | [IVXLCDM]+[.)]
      | \d{1,3}(?:\.\d{1,2})*[.)]
      | \d{1,3}(?:\.\d{1,2})+
      | [a-zđ][.)]
    )(?=\s|$)""",
    re.X,
)


def typed_number(text: str) -> str | None:
    """The number a heading's text starts with ("2.1.", "II.", "a)", "Phần I"), or None."""
    found = _TYPED.match(text.strip())
    return found.group(0) if found else None


def typed_numbers(body: Body, outline: Sequence[str] = DEFAULT_OUTLINE) -> list[tuple[Heading, str]]:
    """Each heading at a numbered level of `outline` whose text starts with a number of its own,
    with that number (empty parts too: the template is wrong whatever the period holds)."""
    found = []
    for block in body.blocks:
        if isinstance(block, Heading) and block.level <= len(outline) and outline[block.level - 1] != "none":
            number = typed_number(plain_text(block.runs))
            if number is not None:
                found.append((block, number))
    return found


def heading_line(sources: Iterable[tuple[str, str]], heading: Heading, number: str) -> tuple[str, int] | None:
    """Where a heading was written: the first (file, line) among `sources` (shown name, template
    text; the report's own template first) of a Markdown heading of its level whose text is the
    heading's, else starts with its number, else holds the rest of its text (a heading built by
    Jinja expressions). None when no template line looks like it."""
    text = " ".join(plain_text(heading.runs).split())
    rest = text[len(number):].strip() if text.startswith(number) else text
    marker = re.compile(rf"^\s*#{{{heading.level}}}[ \t]+(.*?)\s*$")
    best: tuple[int, str, int] | None = None  # (rank, file, line): lower rank is a closer match
    for shown, source in sources:
        for index, line in enumerate(source.splitlines(), 1):
            found = marker.match(line)
            if found is None:
                continue
            written = " ".join(found.group(1).replace("\\", "").split())
            rank = 0 if written == text else 1 if written.startswith(number) else 2 if rest and rest in written else None
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, shown, index)
    return (best[1], best[2]) if best else None
