"""Heading numbers are computed, not typed: a section with nothing to say is left out and the
numbering of the others stays continuous (I, II, …; 1., 2., …; a), b), …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bcngv.render.blocks import Block, Body, Heading, Run
from bcngv.render.vietnamese import roman

NUMBERING: dict[int, Callable[[int], str]] = {
    1: lambda n: f"{roman(n)}.",
    2: lambda n: f"{n}.",
    3: lambda n: f"{chr(ord('a') + n - 1)})",
}


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


def number_headings(body: Body) -> Body:
    """The body with empty sections left out and every heading numbered (a new Body: the one
    given is not changed)."""
    counters = [0] * (max(NUMBERING) + 1)
    numbered: list[Block] = []
    for block in prune_empty(body.blocks):
        if isinstance(block, Heading) and block.level in NUMBERING:
            counters[block.level] += 1
            for deeper in range(block.level + 1, len(counters)):
                counters[deeper] = 0
            runs = block.runs
            if block.level == 1:  # Decree 30: first-level headings in capitals
                runs = [Run(r.text.upper(), r.bold, r.italic, r.footnote) for r in runs]
            block = replace(block, number=NUMBERING[block.level](counters[block.level]), runs=runs)
        numbered.append(block)
    return Body(numbered, body.footnotes)
