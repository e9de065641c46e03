"""Diagnostics as text for people, JSON for tools, and annotations for GitHub workflows.

The text form reads like a compiler's: grouped by file, each problem with the offending line quoted
and its column marked, then how to fix it. A problem of the command line (placed on `--period` or
on an argument) has no file, so no line or column: the text names the option alone, the JSON gives
it as `option` with a null path, line and column, and a GitHub annotation carries no file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from bcngv import words
from bcngv.confine import Refused, read_inside
from bcngv.diagnostics import Diagnostic, sorted_diagnostics
from bcngv.sourcetext import CONTROL_CHARACTERS, MAX_BYTES, normalise_source

FORMATS = ("text", "json", "github")
_WIDTH = 100  # longer lines are quoted around the column, so the caret stays on screen
_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m"}
_RESET = "\x1b[0m"
# what must not reach a terminal or a CI log as it is: line breaks (a new line could be a workflow
# command), control characters (escape sequences act on the terminal), bidirectional overrides, and
# the second # of `##[`, which GitHub's runner obeys anywhere in a line
_UNSAFE = re.compile(f"[\n\r{CONTROL_CHARACTERS}]|(?<=#)#(?=\\[)")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str, lines: bool = False) -> str:
    """`text` made safe to print on one line of a terminal or a CI log: every unsafe character becomes
    a visible escape (`\\n`, `\\u001b`, `\\u202e`, valid in JSON too), and a line cannot start with
    `::` (a GitHub workflow command). With `lines`, line feeds are kept and each line is made safe."""
    if lines:
        return "\n".join(printable(line) for line in text.split("\n"))
    safe = _UNSAFE.sub(lambda m: _NAMED.get(m.group()) or f"\\u{ord(m.group()):04x}", text)
    body = safe.lstrip()
    if body.startswith("::"):
        safe = safe[: len(safe) - len(body)] + "\\u003a" + body[1:]
    return safe


def _place(d: Diagnostic) -> str:
    """`records/x.yaml:3:10`, or the option or argument alone (`--period`, `LOẠI` as help names it)."""
    if not d.on_command_line:
        return f"{d.path}:{d.line}:{d.col}"
    argument = f"arg.{d.path}"
    return words.text(argument) if argument in words.TEXTS else d.path


def as_text(diagnostics: Iterable[Diagnostic], root: Path | None = None, colour: bool = False) -> str:
    """`root` is where the paths of diagnostics are found, to quote their lines; None quotes nothing."""
    hint_word = words.text("hint")
    blocks = []
    for path, found in groupby(sorted_diagnostics(diagnostics), key=lambda d: d.path):
        lines = _source_lines(root, path)
        block = []
        for d in found:
            severity = d.severity.value
            if colour:
                severity = f"{_COLOURS[severity]}{severity}{_RESET}"
            block.append(f"{printable(_place(d))}: {severity} {d.code}: {printable(d.message)}")
            block += _quote(lines, d.line, d.col)
            if d.hint:
                block.append(f"    {hint_word}: {printable(d.hint)}")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks)


def _source_lines(root: Path | None, path: str) -> list[str]:
    """The file's lines as the checks saw them (BOM dropped, NFC), or none when it is not a regular
    file inside the repository: a diagnostic at a link that leaves it never quotes what it points to."""
    if root is None:
        return []
    try:
        data = read_inside(root, root / path, MAX_BYTES)
    except Refused:
        return []
    return normalise_source(data.decode("utf-8", errors="replace")).split("\n")


def _quote(lines: list[str], line: int, col: int) -> list[str]:
    if not 0 < line <= len(lines):
        return []
    text = lines[line - 1].rstrip("\r\n")
    if not text.strip():
        return []
    start = max(0, min(col - 1 - _WIDTH // 2, len(text) - _WIDTH))
    shown = ("…" if start else "") + text[start : start + _WIDTH] + ("…" if len(text) > start + _WIDTH else "")
    before = ("…" if start else "") + text[start : col - 1]
    gutter = f"{line:>5} | "
    # escaped behind the same gutter as the quoted line, so the caret moves with the escapes before it
    before = printable(gutter + before)[len(gutter) :]
    # tabs stay tabs under the line, so the caret lines up however wide the terminal draws them
    pad = "".join(c if c == "\t" else " " for c in before)
    return [printable(f"{gutter}{shown}"), f"{' ' * (len(gutter) - 2)}| {pad}^"]


def as_json(diagnostics: Iterable[Diagnostic]) -> str:
    items = [
        {"code": d.code, "severity": d.severity.value,
         **({"path": None, "line": None, "col": None, "option": d.path} if d.on_command_line
            else {"path": d.path, "line": d.line, "col": d.col}),
         "message": d.message, "hint": d.hint}
        for d in sorted_diagnostics(diagnostics)
    ]
    # json.dumps leaves C1 controls, bidirectional overrides and `##[` as they are: escaped, same JSON
    return printable(json.dumps(items, ensure_ascii=False, indent=2), lines=True)


def _github_escape(text: str, property_: bool = False) -> str:
    """One annotation line: no line break, so no text can start a line of its own."""
    text = printable(text).replace("%", "%25")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def as_github(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in sorted_diagnostics(diagnostics):
        body = _github_escape(f"{d.code}: {d.message} — {d.hint}")
        title = f"title={_github_escape(d.code, True)}"
        where = title if d.on_command_line else f"file={_github_escape(d.path, True)},line={d.line},col={d.col},{title}"
        lines.append(f"::{d.severity.value} {where}::{body}")
    return "\n".join(lines)


def render(diagnostics: Iterable[Diagnostic], fmt: str, root: Path | None = None, colour: bool = False) -> str:
    if fmt == "text":
        return as_text(diagnostics, root, colour)
    return {"json": as_json, "github": as_github}[fmt](diagnostics)
