"""YAML with positions and without YAML 1.1's traps.

We read PyYAML's event stream (its C parser keeps the line and column of every event) and build
plain values ourselves instead of letting PyYAML construct them, because its constructor merges
duplicate keys, reads `NO` as false and `1.150` as 1.15, and expands alias bombs. Building from
events also bounds the work: no node tree is kept, nesting and size are capped, and nothing recurses.
Every trap becomes a diagnostic at its position. A file YAML refuses, and an item of a list that
YAML joined with the next, are read again for the slips people make typing (yamlslips.py). A record
of the plain shape most have (`key: text` lines, lists of `- text`) is read line by line instead,
to the same values and positions; any other is read from the events (see _plain_record).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
    SequenceStartEvent,
)

from bcngv import words
from bcngv.diagnostics import Diagnostic, diag
from bcngv.sourcetext import CONTROL, CONTROL_CHARACTERS, MAX_BYTES, normalise_source
from bcngv.yamlslips import explain, joined_item

# The C parser is 10× faster and keeps marks, which is all we need. The bare parser, not CSafeLoader,
# because setting up a constructor and a resolver we never use costs more than parsing a record.
try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 16  # a record nests three levels at most (amounts: - amount: …)
MAX_VALUES = 20_000  # keys and values; the longest record of the seeds has under a hundred

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_KNOWN_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_DECIMAL_INT = re.compile(r"[-+]?[0-9]{1,18}")  # longer digit strings are not counts, and int() caps them
_PADDED_INT = re.compile(r"0[0-9]+")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_YAML11_TRUE = {"yes", "on", "y"}
_DECODED_CONTROL = re.compile(f"[\r{CONTROL_CHARACTERS}]")  # in a value a CR comes only from an escape
# an escape of a double-quoted scalar; those that stand for a control character (the rest decode to text)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_CONTROL_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85",
                    "L": "\u2028", "P": "\u2029"}


class Located:
    """A YAML document as plain values, with the position of every value and key (1-based). A
    record read line by line (`_plain_record`) makes its tables of positions only when one is
    asked for beyond its keys' lines (most records are asked for one key's line, or none)."""

    __slots__ = ("value", "_positions", "_key_positions", "flagged", "_ends", "source")

    def __init__(self, value: Any, positions: dict[Path_, Pos] | None = None,
                 key_positions: dict[Path_, Pos] | None = None, flagged: set[Path_] | None = None,
                 ends: dict[Path_, Pos] | None = None, source: str = "") -> None:
        self.value = value
        self._positions: dict[Path_, Pos] | None = {} if positions is None else positions
        self._key_positions = {} if key_positions is None else key_positions
        self.flagged = set() if flagged is None else flagged  # paths that already have a diagnostic
        self._ends = {} if ends is None else ends  # where each scalar ends
        self.source = source  # the text as parsed (NFC), for checks that look inside a value's lines

    @classmethod
    def unplaced(cls, value: dict[str, Any], source: str) -> Located:
        """A plain record's, its tables made from `source` when first asked for."""
        located = cls(value, source=source)
        located._positions = None  # with the others: until asked for
        return located

    @property
    def positions(self) -> dict[Path_, Pos]:
        return self._tables()[0]

    @property
    def key_positions(self) -> dict[Path_, Pos]:
        return self._tables()[1]

    @property
    def ends(self) -> dict[Path_, Pos]:
        return self._tables()[2]

    def _tables(self) -> tuple[dict[Path_, Pos], dict[Path_, Pos], dict[Path_, Pos]]:
        if self._positions is None:  # a plain record: read its lines again, keeping where each thing is
            placed = _plain_record(self.source, placed=True)
            assert placed is not None, "the same text reads the same way"
            self._positions, self._key_positions, self._ends = placed._positions, placed._key_positions, placed._ends
        return self._positions, self._key_positions, self._ends  # type: ignore[return-value]

    def position(self, path: Path_, key: bool = False) -> Pos:
        """The position of `path`, or of its nearest ancestor that has one."""
        if self._positions is None and key and len(path) == 1 and path[0] in self.value:
            # a plain record's key starts its line, and is the only key that does
            at = self.source.find(f"\n{path[0]}:") + 1 if not self.source.startswith(f"{path[0]}:") else 0
            return (self.source.count("\n", 0, at) + 1, 1)
        positions, key_positions, _ = self._tables()
        table = key_positions if key else positions
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or positions.get(path[:end])
            if found:
                return found
        return (1, 1)


def read_yaml(path: Path, shown: str, max_bytes: int = MAX_BYTES) -> tuple[Located | None, list[Diagnostic]]:
    """Read one YAML file; `shown` is the path that diagnostics print."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [diag("file-too-large", shown, size=size, limit=max_bytes)]
        data = path.read_bytes()
    except OSError as err:
        return None, [diag("unreadable-file", shown, problem=err.strerror or str(err))]
    return parse_yaml_bytes(data, shown)


def parse_yaml_bytes(data: bytes, shown: str) -> tuple[Located | None, list[Diagnostic]]:
    try:
        # a BOM that Windows editors add is harmless: dropped as the utf-8-sig codec would, at half its cost
        text = data.decode().removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        # where the byte is as an editor shows it: in characters (what precedes it is UTF-8), the
        # BOM, which it does not show, not counted
        before = data[: err.start].removeprefix(codecs.BOM_UTF8).decode()
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return None, [diag("not-utf8", shown, line, col, byte=f"0x{data[err.start]:02X}")]
    return parse_yaml_text(text, shown)


def parse_yaml_text(text: str, shown: str) -> tuple[Located | None, list[Diagnostic]]:
    text = normalise_source(text)
    unreadable = _control_characters(text, shown) + _tab_indents(text, shown)
    if unreadable:
        return None, unreadable
    plain = _plain_record(text)
    if plain is not None:
        return plain, []
    builder = _Builder(shown, text)
    parser = _Parser(text)
    try:
        value = builder.build(iter(parser.get_event, None))  # None once the stream has ended
    except yaml.MarkedYAMLError as err:  # the slip is found on the lines up to where YAML stopped
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [explain(text, shown, line, col, err.problem or err.context or "")]
    except yaml.YAMLError as err:  # pragma: no cover - reader errors are caught by the scans above
        return None, [explain(text, shown, 1, 1, str(err).splitlines()[0])]
    finally:
        parser.dispose()
    if value is _STOPPED:
        return None, builder.diagnostics
    located = Located(value, builder.positions, builder.key_positions, builder.flagged, builder.ends, text)
    return located, builder.diagnostics


def _control_characters(text: str, shown: str) -> list[Diagnostic]:
    # every control character is unprintable, and a printable text is told in one quick C pass
    if text.replace("\n", " ").isprintable() or not CONTROL.search(text):
        return []
    return [
        diag("control-character", shown, number, match.start() + 1, char=f"U+{ord(match.group()):04X}")
        for number, line in enumerate(text.split("\n"), start=1)
        for match in CONTROL.finditer(line)
    ]


def _tab_indents(text: str, shown: str) -> list[Diagnostic]:
    if "\t" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(diag("tab-indent", shown, number, indent.index("\t") + 1))
    return found


_STOPPED = object()  # the document was refused as a whole: its diagnostics say why
_SKIP = object()  # the key of a value that is not kept (a duplicate or a complex key)
_NODE_EVENTS = frozenset({ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent})
# YAML 1.1's implicit types, by the first character they can start with: we convert the verdicts ourselves
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple((tag.removeprefix(_TAG), pattern) for tag, pattern in resolvers)
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


# a plain scalar reads the same wherever it stands: the value of each text read without a
# diagnostic is kept (true, 2, 2022-03-30 … recur in every record), up to a bound
_PLAIN_READ: dict[str, Any] = {}
_PLAIN_KEPT = 4096


def _implicit_tag(text: str) -> str:
    """The type YAML 1.1 reads a plain, untagged scalar as: what PyYAML's Resolver.resolve answers."""
    for tag, pattern in _IMPLICIT.get(text[:1], ()):
        if pattern.match(text):
            return tag
    return "str"


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built."""

    path: Path_
    value: dict[str, Any] | list[Any]
    mapping: bool  # kept apart from `value` so that the hot loop needs no isinstance
    key: Any = None  # in a mapping: the key of the value that comes next; None while a key comes next
    discard: bool = False  # a mapping or sequence written as a key: refused, never kept
    first_lines: dict[str, int] = field(default_factory=dict)


def _place(top: _Frame | None, value: Any, root: Any) -> Any:
    """Put a finished value into its container; returns the document's root."""
    if top is None:
        return value
    if not top.mapping:
        top.value.append(value)  # type: ignore[union-attr]
    else:
        if top.key is not _SKIP:
            top.value[top.key] = value  # type: ignore[call-overload]
        top.key = None
    return root


class _Builder:
    """Turns the event stream of one document into values, recording positions and trap diagnostics."""

    def __init__(self, shown: str, source: str) -> None:
        self.shown = shown
        self.source = source
        self._lines: list[str] | None = None  # the source's lines, split once and only when needed
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}
        self.ends: dict[Path_, Pos] = {}
        self.flagged: set[Path_] = set()
        self.diagnostics: list[Diagnostic] = []

    def _flag(self, code: str, path: Path_, mark: yaml.Mark, **args: object) -> None:
        self.flagged.add(path)
        self.diagnostics.append(diag(code, self.shown, mark.line + 1, mark.column + 1, **args))

    def _stop(self, code: str, mark: yaml.Mark | None = None, **args: object) -> object:
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.diagnostics = [diag(code, self.shown, line, col, **args)]
        return _STOPPED

    def build(self, events: Iterator[yaml.Event]) -> Any:
        stack: list[_Frame] = []
        top: _Frame | None = None  # stack[-1], at hand because every event needs it
        root: Any = None
        documents = values = 0
        # looked up once: they are written for every value (and every key)
        positions, ends, key_positions = self.positions, self.ends, self.key_positions
        for event in events:
            kind = type(event)  # one lookup instead of a chain of isinstance calls
            if kind not in _NODE_EVENTS:
                if kind is MappingEndEvent or kind is SequenceEndEvent:
                    done = stack.pop()
                    top = stack[-1] if stack else None
                    if not done.discard:
                        root = _place(top, done.value, root)
                elif kind is DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        return self._stop("several-documents", event.start_mark)
                continue
            values += 1
            if values > MAX_VALUES:
                return self._stop("too-many-values", event.start_mark, limit=MAX_VALUES)
            mark = event.start_mark
            if top is None:
                path: Path_ = ()
            elif not top.mapping:
                path = (*top.path, len(top.value))
            elif top.key is None:  # a key comes next
                if kind is ScalarEvent:
                    key = event.value  # keys stay text: `no:` is the key "no", not false
                    if event.style == '"' or key in top.first_lines:  # rare: a method of its own
                        self._key(top, event)
                    else:  # inline, as most keys are: a call costs as much as the rest
                        top.first_lines[key] = mark.line + 1
                        key_positions[(*top.path, key)] = (mark.line + 1, mark.column + 1)
                        top.key = key
                    continue
                self._flag("yaml-alias" if kind is AliasEvent else "not-a-mapping", top.path, mark, found="[…]")
                top.key = _SKIP
                if kind is not AliasEvent:
                    top = _Frame((*top.path, "\0key"), {}, True, discard=True)
                    stack.append(top)
                continue
            else:
                path = (*top.path, top.key if top.key is not _SKIP else "\0skipped")
            positions[path] = (mark.line + 1, mark.column + 1)
            if kind is ScalarEvent:
                end = event.end_mark
                ends[path] = (end.line + 1, end.column + 1)
                text = event.value
                if end.line != mark.line and not event.style and top is not None and not top.mapping:
                    self._joined_item(path, mark.line, end.line)
                if event.style == '"' and (control := _DECODED_CONTROL.search(text)):  # only escapes make one
                    self._control_escape(event, path, control.group())
                # most values are quoted, or start with a letter that no implicit type starts with
                if event.tag is None and (event.style or text[:1] not in _IMPLICIT):
                    value = text
                elif event.tag is None and text in _PLAIN_READ:
                    value = _PLAIN_READ[text]
                else:
                    value = self._scalar(event, path)
            elif kind is AliasEvent:  # never expanded: an alias bomb must cost nothing
                self._flag("yaml-alias", path, mark)
                value = None
            else:
                if len(stack) >= MAX_DEPTH:
                    return self._stop("too-deep", mark, limit=MAX_DEPTH)
                self._check_tag(event, path)
                mapping = kind is MappingStartEvent
                top = _Frame(path, {} if mapping else [], mapping, discard=top is not None and top.discard)
                stack.append(top)
                continue
            if top is None or not top.discard:
                root = _place(top, value, root)
        if documents == 0 or root is None:
            return self._stop("empty-file")
        if not isinstance(root, dict):
            found = "[…]" if isinstance(root, list) else f"'{root}'"
            line, col = self.positions.get((), (1, 1))
            self.diagnostics = [diag("not-a-mapping", self.shown, line, col, found=found)]
            return _STOPPED
        return root

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        key = event.value  # keys stay text: `no:` is the key "no", not false
        mark = event.start_mark
        path = (*frame.path, key)
        if event.style == '"' and (control := _DECODED_CONTROL.search(key)):
            self._control_escape(event, path, control.group())
        if key in frame.first_lines:
            self._flag("duplicate-key", path, mark, key=key, first_line=frame.first_lines[key])
            frame.key = _SKIP
            return
        frame.first_lines[key] = mark.line + 1
        self.key_positions[path] = (mark.line + 1, mark.column + 1)
        frame.key = key

    def _joined_item(self, path: Path_, first: int, last: int) -> None:
        """An item of a list that runs over several lines: a `- ` among them is an item YAML joined in."""
        if self._lines is None:
            self._lines = self.source.split("\n")
        found = joined_item(self._lines, first, last, self.shown)
        if found is not None:
            self.flagged.add(path)
            self.diagnostics.append(found)

    def _control_escape(self, event: yaml.ScalarEvent, path: Path_, char: str) -> None:
        """A double-quoted scalar holds the control character `char`, which only an escape (`\\e`,
        `\\u202e`) can have written: an error at that escape, as if the character were typed there."""
        for line, col, meaning in self._escapes(event):
            if _DECODED_CONTROL.match(meaning):
                char = meaning
                break
        else:  # a line break YAML sees and we do not (a lone CR) moved it: the scalar's start then
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
        self.flagged.add(path)
        self.diagnostics.append(diag("control-character", self.shown, line, col, char=f"U+{ord(char):04X}"))

    def _escapes(self, event: yaml.ScalarEvent) -> Iterator[tuple[int, int, str]]:
        """Line, column and meaning of each escape between the scalar's quotes."""
        start, end = event.start_mark, event.end_mark
        if self._lines is None:
            self._lines = self.source.split("\n")
        lines = self._lines
        for number in range(start.line, min(end.line + 1, len(lines))):
            line = lines[number]
            stop = end.column if number == end.line else len(line)
            for match in _ESCAPE.finditer(line, start.column if number == start.line else 0, stop):
                yield number + 1, match.start() + 1, _unescape(match.group(1))

    def _check_tag(self, event: yaml.NodeEvent, path: Path_) -> bool:
        """False (and a diagnostic) for an explicit tag that records never use, such as !!binary."""
        tag = event.tag  # type: ignore[attr-defined]
        if tag in (None, "!") or tag in _KNOWN_TAGS:
            return True
        self._flag("yaml-tag", path, event.start_mark, tag=tag.replace(_TAG, "!!"))
        return False

    def _scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        flagged = len(self.diagnostics)
        value = self._read_scalar(event, path)
        plain = event.tag is None and not event.style
        if plain and len(self.diagnostics) == flagged and len(_PLAIN_READ) < _PLAIN_KEPT:
            _PLAIN_READ[event.value] = value
        return value

    def _read_scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        text: str = event.value
        if not self._check_tag(event, path):
            return text
        if event.tag not in (None, "!"):
            tag = event.tag.removeprefix(_TAG)
        else:
            tag = _implicit_tag(text) if event.implicit[0] else "str"
        mark = event.start_mark
        if tag == "null":
            return None
        if tag == "bool":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            meaning = "yaml.true" if text.lower() in _YAML11_TRUE else "yaml.false"
            self._flag("ambiguous-boolean", path, mark, text=text, **words.both(meaning, "meaning"))
            return text
        if tag == "int" or (tag == "str" and not event.style and _PADDED_INT.fullmatch(text)):
            # the office pads counts ("08"): YAML 1.1 leaves 08 as text and reads 07 as octal
            return int(text) if _DECIMAL_INT.fullmatch(text) else text
        if tag == "float":
            if _THOUSANDS.fullmatch(text):
                intended = text.replace(".", "")
                self._flag("thousands-separator", path, mark, text=text, intended=intended)
                return None
            try:
                return Decimal(text.replace("_", ""))
            except InvalidOperation:
                return text
        # YAML 1.1 reads 2022-07-05 as a date but 2022-7-5 as text; the office means a date by both
        if (tag == "timestamp" or (tag == "str" and not event.style)) and (match := _DATE.fullmatch(text)):
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                self._flag("impossible-date", path, mark, text=text)
                return None
        return text


# The shape nearly every record has, read without PyYAML's events (half the cost of checking a
# record): `key: text` lines at the margin, a text running on over more-indented lines (in single
# quotes too, as YAML writers quote a text holding `: `), a key with a list of `- text` items,
# comments and blank lines between entries. A text YAML would type (a number, a date …) takes the
# value the full reading gave it without a diagnostic (_PLAIN_READ). Anything else (double quotes,
# an item in quotes, flow lists, nesting, an empty value, a repeated key, an item over several lines,
# a text not read before) is read the full way, which says what it always said. Positions are
# PyYAML's: a mapping and a list start at their first key or `-`, a text ends after its last
# character (a quoted one after its closing quote).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain scalar starts with none of these
_LONGEST_KEY = 1024  # characters of a key without `?`: PyYAML refuses a longer one
_UNREAD = object()
# What one line is, as a row: (_TEXT, key, (key,), column, end column, text, comment?, value) for
# `key: text`, (_LIST, key, (key,)) for `key:`, (_QUOTED, key, (key,), rest) for `key: '…`,
# (_ITEM, indentation, column, end column, value, more) for `- text` (`more`: the _MORE row of an
# indented one, which in a text runs it on, or None), (_MORE, text, end column) for a text running
# on, (_BLANK,) for a blank line or a comment. A row does not depend on where the line
# stands, and most lines recur in record after record (`kind: …`, `date: …`, `- partner`): the rows
# of short lines are kept, up to a bound (a text's lines are longer and rarely recur).
_TEXT, _LIST, _QUOTED, _ITEM, _MORE, _BLANK = range(6)
_ROWS: dict[str, tuple[Any, ...]] = {}
_ROWS_KEPT = 8192
_ROW_LENGTH = 48


def _typed(text: str) -> Any:
    """A plain text's value as the full reading gives it, or _UNREAD when only that reading can tell."""
    if text[:1] not in _IMPLICIT:
        return text
    return _PLAIN_READ.get(text, _UNREAD)


def _plain(rest: str) -> tuple[int, str, bool] | None:
    """What follows `key:` or `-` (`rest`, from the space after it): the spaces before the text, the
    text without its comment and trailing spaces ("" when there is none), and whether a comment
    ends the line; None if the text is not a plain scalar of one line."""
    text = rest.lstrip(" ")
    gap = len(rest) - len(text)
    if text[:1] == "#":
        return gap, "", True
    comment = text.find(" #")
    text = (text if comment < 0 else text[:comment]).rstrip(" ")
    if text and (text[0] in _INDICATORS or ": " in text or text[-1] == ":"):
        return None
    return gap, text, comment >= 0


def _row(line: str) -> tuple[Any, ...] | None:
    """The row of `line` (see _ROWS), kept if the line is short; None for a line of no plain shape."""
    row = _line_row(line)
    if row is not None and len(line) <= _ROW_LENGTH and _UNREAD not in row:  # a value read later may differ
        if len(_ROWS) >= _ROWS_KEPT:
            _ROWS.clear()
        _ROWS[line] = row
    return row


def _line_row(line: str) -> tuple[Any, ...] | None:
    """The row of `line`, read afresh."""
    content = line.lstrip(" ")
    if not content or content[0] == "#":
        return (_BLANK,)
    if content[:2] == "- ":  # an item of a list
        found = _plain(content[1:])
        if found is None or not found[1]:
            return None
        gap, item, _ = found
        at = len(line) - len(content)
        return _ITEM, at, at + gap + 2, at + gap + 2 + len(item), _typed(item), _more(line, content) if at else None
    if line[0] == " ":  # a text running on
        return _more(line, content)
    colon = line.find(":")
    key = line[:colon]
    if not 0 < colon <= _LONGEST_KEY or not (key.isidentifier() and key.isascii()):
        return None
    rest = line[colon + 1 :]
    if rest[:1] == " " and rest.lstrip(" ")[:1] == "'":
        return _QUOTED, key, (key,), rest
    found = _plain(rest) if rest[:1] in ("", " ") else None
    if found is None:
        return None
    gap, first, comment = found
    if not first:
        return _LIST, key, (key,)
    start = colon + gap + 2
    return _TEXT, key, (key,), start, start + len(first), first, comment, _typed(first)


def _more(line: str, content: str) -> tuple[Any, ...] | None:
    """The _MORE row of an indented `line` (`content` without its indentation), or None when it
    would not run a plain text on as it reads. Past a text's first line only `: ` and ` #` end it
    (YAML's indicators, `{`, `- `, `'` …, start a scalar, not a line of one)."""
    more = content.rstrip(" ")
    if ": " in more or more[-1] == ":" or " #" in more:
        return None
    return _MORE, more, len(line) - len(content) + len(more) + 1


def _plain_record(text: str, placed: bool = False) -> Located | None:  # one pass over the lines: the hot path of a check
    """The record `text` holds when it has the plain shape, else None (it is read the full way);
    with its tables of positions when `placed`, else they are made when first asked for."""
    if "\t" in text or "\r" in text or "\ufeff" in text:  # whitespace, a line break, a mark YAML reads its own way
        return None
    value: dict[str, Any] = {}
    positions: dict[Path_, Pos] = {}
    key_positions: dict[Path_, Pos] = {}
    ends: dict[Path_, Pos] = {}
    scalars = 0  # the values that are not a mapping or a list
    key, path = "", ("",)  # the key whose value is being read, and its path
    running: list[str] | None = None  # its text's lines as read so far, while the text may run on
    ended = False  # a comment or a blank line came: the text cannot run on
    items: list[Any] | None = None  # its list, while the items come
    indent = -1  # the indentation of the list's items
    lines = text.split("\n")
    numbered = enumerate(lines, start=1)
    rows = _ROWS
    for number, line in numbered:
        row = rows.get(line) or _row(line)
        if row is None:
            return None
        kind = row[0]
        if kind is _ITEM and items is None:  # `- …` in no list: a line of a text, if one runs on
            row = row[5]
            if row is None:
                return None
            kind = _MORE
        if kind is _TEXT or kind is _LIST or kind is _QUOTED:  # a key at the margin
            if running is not None and len(running) > 1:  # the text before it ran on: folded once, whole
                value[key] = _folded(running)
            key, path = row[1], row[2]
            if key in value or (items is not None and not items):  # a repeated key; an empty value
                return None
            if placed:
                if not value:
                    positions[()] = (number, 1)  # the mapping starts at its first key
                key_positions[path] = (number, 1)
            running = items = None
            if kind is _TEXT:
                _, _, _, start, end, first, ended, value[key] = row  # _UNREAD, unless it runs on to a typed text
                running = [first]
                scalars += 1
                if placed:
                    positions[path] = (number, start)
                    ends[path] = (number, end)
            elif kind is _LIST:
                value[key] = items = []
                indent = -1
            else:
                found = _single_quoted(row[3], number, len(key) + 1, lines)
                if found is None:
                    return None
                value[key] = found[1]
                scalars += 1
                if placed:
                    positions[path], _, ends[path] = found
                for _ in range(found[2][0] - number):  # the lines the text took
                    next(numbered)
        elif kind is _MORE:
            if running is None or ended:
                return None
            running.append(row[1])
            if placed:
                ends[path] = (number, row[2])
        elif kind is _ITEM:
            _, at, start, end, read, _ = row
            if items is None or read is _UNREAD:
                return None
            if indent < 0:
                indent = at
                if placed:
                    positions[path] = (number, at + 1)
            elif at != indent:
                return None
            if placed:
                item = (key, len(items))
                positions[item] = (number, start)
                ends[item] = (number, end)
            items.append(read)
            scalars += 1
        else:
            ended = True
    if running is not None and len(running) > 1:
        value[key] = _folded(running)
    if items == [] or not value or _UNREAD in value.values() or 1 + 2 * len(value) + scalars > MAX_VALUES:
        return None  # (an empty list; a text not read before; more values than YAML counts)
    if not placed:
        return Located.unplaced(value, text)
    return Located(value, positions, key_positions, set(), ends, text)


def _folded(lines: list[str]) -> Any:
    """A plain text run on over `lines`, as YAML folds it (with single spaces) and types it."""
    return _typed(" ".join(lines))


def _single_quoted(rest: str, number: int, at: int, lines: list[str]) -> tuple[Pos, str, Pos] | None:
    """The text in single quotes after `key:` (`rest`, from the 0-based column `at` of line `number`),
    running on over the more-indented `lines` after it until its closing quote: where it
    starts, its value as YAML folds it (a line break and the spaces around it one space, `''` a
    quote) and where it ends; None for a blank or unindented line in it (a blank line is a line
    break, a line at the margin is YAML's to judge) or anything but a comment after it."""
    text = rest.lstrip(" ")
    at += len(rest) - len(text) + 1  # the 0-based column after the opening quote
    start = (number, at)  # the quote's, counted from 1
    text = text[1:]
    pieces = []
    while (close := _closing_quote(text)) < 0:
        pieces.append(text.rstrip(" "))
        if number == len(lines):  # the file ends inside the quotes
            return None
        line = lines[number]  # the next line: `number` counts from 1
        number += 1
        if line[:1] != " " or not (text := line.lstrip(" ")):
            return None
        at = len(line) - len(text)
    tail = text[close + 1 :]
    if tail.strip(" ") and (tail[0] != " " or tail.lstrip(" ")[0] != "#"):
        return None
    pieces.append(text[:close])
    return start, " ".join(pieces).replace("''", "'"), (number, at + close + 2)


def _closing_quote(text: str) -> int:
    """Where the quote closing a single-quoted text stands in `text`, or -1 (`''` is a quote in it)."""
    found = text.find("'")
    while found >= 0 and text[found + 1 : found + 2] == "'":
        found = text.find("'", found + 2)
    return found


def _unescape(code: str) -> str:
    """The character a YAML escape stands for (`code` is what follows the backslash), or "" when it
    cannot be a control character."""
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _CONTROL_ESCAPES.get(code, "")
