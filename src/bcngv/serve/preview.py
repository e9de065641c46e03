"""A report in the browser: its text as HTML with the headings numbered as in the .docx (the
pipeline's preview, as `bcngv show` prints it), each figure a link to the records behind it (as
`bcngv explain` lists them), and the .docx (or its PDF) built into a temporary folder to download.

Records' words are the office's, not HTML: Markdown is rendered with HTML off (a `<script>` in a
record is shown as typed), and the figure marks are characters no record keeps."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from bcngv.commands.build import build
from bcngv.commands.show import show
from bcngv.diagnostics import Diagnostic, has_errors
from bcngv.metrics import FigureUse
from bcngv.pipeline import Options
from bcngv.repository import Repository

_OPEN, _MIDDLE, _CLOSE = "\ue000", "\ue001", "\ue002"  # private-use marks around a figure, made links after rendering
_MARK = re.compile(f"{_OPEN}([0-9]+){_MIDDLE}")
_MARKS = re.compile(f"[{_OPEN}{_MIDDLE}{_CLOSE}]")


@dataclass(frozen=True, slots=True)
class Figure:
    number: int
    text: str
    query: str
    records: tuple[str, ...]  # the files of the records behind it


@dataclass(slots=True)
class Preview:
    html: Markup | None  # None when the report could not be composed
    figures: list[Figure] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def report_preview(repository: Repository, options: Options) -> Preview:
    """The report composed as `bcngv show` composes it; its problems when it cannot be."""
    done, markdown = show(repository, options)
    if markdown is None or done.composed is None or has_errors(done.diagnostics, options.strict):
        return Preview(None, problems=done.diagnostics)
    uses = done.composed.figures
    return Preview(_html(markdown, uses), [_figure(n, use) for n, use in enumerate(uses, 1)], done.diagnostics)


def _figure(number: int, use: FigureUse) -> Figure:
    paths = tuple(dict.fromkeys(record.path for record in use.figure.records))
    return Figure(number, use.text, use.figure.query, paths)


def _html(markdown: str, uses: list[FigureUse]) -> Markup:
    """The Markdown as HTML, each figure wrapped in a link to its records. A figure is looked for
    as a whole word after the previous one (figures are printed in order), else anywhere not taken
    yet (the summary line heads the text, footnotes end it); one not found is left unlinked."""
    text = _MARKS.sub("", markdown)
    taken: list[tuple[int, int, int]] = []  # start, end, figure number
    cursor = 0
    for number, use in enumerate(uses, 1):
        found = _find(text, use.text, cursor, taken) or _find(text, use.text, 0, taken)
        if found is not None:
            taken.append((*found, number))
            cursor = found[1]
    pieces, last = [], 0
    for start, end, number in sorted(taken):
        pieces += [text[last:start], f"{_OPEN}{number}{_MIDDLE}{text[start:end]}{_CLOSE}"]
        last = end
    pieces.append(text[last:])
    rendered = MarkdownIt("commonmark", {"html": False}).render("".join(pieces))
    linked = _MARK.sub(lambda m: f'<a class="figure" href="#figure-{m.group(1)}" id="use-{m.group(1)}">', rendered)
    return Markup(linked.replace(_CLOSE, "</a>"))  # noqa: S704 - markdown-it escaped the text, HTML off


def _find(text: str, figure: str, start: int, taken: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """The first place from `start` where `figure` stands as a whole (not inside a longer number)
    and overlaps no figure already placed."""
    if not figure.strip():
        return None
    for match in re.finditer(rf"(?<!\w){re.escape(figure)}(?!\w)", text[start:]):
        begin, end = start + match.start(), start + match.end()
        if all(end <= s or begin >= e for s, e, _ in taken):
            return begin, end
    return None


def report_file(repository: Repository, options: Options) -> tuple[str, bytes] | list[Diagnostic]:
    """The .docx (or, with `options.pdf`, the PDF) built as `bcngv build` builds it, into a
    temporary folder (the repository's build/ is left as it is): its name and bytes, or the problems."""
    with tempfile.TemporaryDirectory(prefix="bcngv-serve-") as folder:
        done = build(repository, options._replace(out=Path(folder)))
        written = done.written
        if written is None or (options.pdf and written.pdf is None):
            return done.diagnostics
        path = written.pdf if options.pdf and written.pdf is not None else written.docx
        return path.name, path.read_bytes()

