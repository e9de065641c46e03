"""The Markdown subset of templates, parsed by markdown-it-py into blocks.

Headings, paragraphs, `-`/`+` items (and `1.` items), `**bold**`, `*italic*` and `[^n]` footnotes.
Everything else Markdown knows (code, HTML, links, rules, entities) is switched off, so text from
records can never turn into something else.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from bcngv.render.blocks import Body, Heading, Item, Paragraph, Run

# markdown-it is imported by `parse` only: templates escape their values with `escape` while a
# check compiles them, and need no parser for that
if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from bcngv.cachedir import Keeping

_OFF_BLOCK = ["code", "fence", "blockquote", "hr", "html_block", "lheading", "reference", "table"]
_OFF_INLINE = ["backticks", "link", "image", "autolink", "html_inline", "entity", "strikethrough", "linkify"]


@cache  # made once a process: a `watch` or `serve` parses at every change
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": False}).use(footnote_plugin)
    md.disable([rule for rule in _OFF_BLOCK + _OFF_INLINE if rule in _known_rules(md)])
    return md


def _known_rules(md: MarkdownIt) -> set[str]:
    return {rule for chain in md.get_all_rules().values() for rule in chain}


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for token in children:
        if token.type == "strong_open":
            bold = True
        elif token.type == "strong_close":
            bold = False
        elif token.type == "em_open":
            italic = True
        elif token.type == "em_close":
            italic = False
        elif token.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold, italic))
        elif token.type == "footnote_ref":
            runs.append(Run("", footnote=token.meta["id"] + 1))
        elif token.content:
            runs.append(Run(token.content, bold, italic))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same style, so a paragraph is as few runs as it needs."""
    merged: list[Run] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last and last.footnote is None and run.footnote is None and (last.bold, last.italic) == (run.bold, run.italic):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def parse(text: str) -> Body:
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    body = Body([], {})
    markers: list[str] = []  # the marker of each open list, innermost last
    numbers: list[int] = []
    footnote: int | None = None
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            markers.append(token.markup)
            numbers.append(int(token.attrGet("start") or 1) - 1)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            markers.pop()
            numbers.pop()
        elif token.type == "list_item_open":
            numbers[-1] += 1
        elif token.type == "footnote_open":
            footnote = token.meta["id"] + 1
            body.footnotes[footnote] = []
        elif token.type == "footnote_close":
            footnote = None
        elif token.type == "inline":
            runs = _runs(token.children or [])
            opener = tokens[index - 1]
            item = bool(markers) and opener.type == "paragraph_open" and tokens[index - 2].type == "list_item_open"
            marker = (markers[-1] if markers[-1] in "-+*" else f"{numbers[-1]}{markers[-1]}") if item else ""
            if footnote is not None:
                # each paragraph of a note stays a paragraph (a list of projects: one item each)
                body.footnotes[footnote].append(Item(marker, runs) if marker else Paragraph(runs))
            elif opener.type == "heading_open":
                body.blocks.append(Heading(int(opener.tag[1:]), runs))
            elif marker:
                body.blocks.append(Item(marker, runs))
            else:
                body.blocks.append(Paragraph(runs))
    return Body(body.blocks, dict(sorted(body.footnotes.items())))


def parse_kept(text: str, keeping: Keeping | None) -> Body:
    """`parse`, or what it gave an earlier run for the very same text, kept in the user's sealed
    cache: rebuilding an unchanged report then needs no Markdown parser (importing it is a tenth of
    a warm build). One report's body is kept at a time."""
    if keeping is None:
        return parse(text)
    source = (("report.md", text.encode("utf-8", "surrogatepass")),)
    body, _ = keeping.made("report.body", lambda: source, lambda: (parse(text), []),
                           lambda kept: kept if isinstance(kept, Body) else None, lambda made: made)
    return body


_SPECIALS = "\\*_[]`<>#&!|~"
_SPECIAL = str.maketrans({c: "\\" + c for c in _SPECIALS})
_ANY_SPECIAL = re.compile(f"[{re.escape(_SPECIALS)}]")  # looked for first: `translate` is slow on Vietnamese text
_LINE_START = re.compile(r"^(?:([-+])|([0-9]+)([.)]))")  # would open a list at the start of a line


_BLANK_LINE = re.compile(r"[^\S\n]*\n[^\S\n]*\n\s*")  # a blank line, with the spaces around it


def escape(text: str, keep_edges: bool = False, paragraphs: bool = False) -> str:
    """Make data safe to insert into the Markdown of a template: it stays plain text, on one line.
    `keep_edges` keeps a leading and trailing space (for a piece of a longer text). With
    `paragraphs`, a blank line in `text` stays one (a record's text of several paragraphs), and each
    paragraph is escaped on its own, so none can start markup either."""
    if paragraphs:
        parts = _BLANK_LINE.split(text)
        kept = [part for part in parts if part]  # only the blank lines inside the text break it
        joined = "\n\n".join(escape(part, keep_edges) for part in kept)
        if keep_edges and joined:  # a blank line at an edge of a piece is a space there, as before
            joined = (" " if not parts[0] else "") + joined + (" " if not parts[-1] else "")
        return joined
    flat = " ".join((text.translate(_SPECIAL) if _ANY_SPECIAL.search(text) else text).split())
    if keep_edges and flat:
        flat = (" " if text[:1].isspace() else "") + flat + (" " if text[-1:].isspace() else "")
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), flat)
