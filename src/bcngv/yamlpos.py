"""YAML with positions and without YAML 1.1's traps.

PyYAML's C parser builds a node tree that keeps the line and column of every node; we turn that tree
into plain values ourselves instead of letting PyYAML construct them, because its constructor merges
duplicate keys, reads `NO` as false and `1.150` as 1.15, and expands alias bombs. Every such trap
becomes a diagnostic at the node's position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from bcngv.diagnostics import Diagnostic, diag

try:  # the C parser is 10× faster; it keeps marks, which is all we need
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1 << 20  # one activity per file: a megabyte is far more than any record needs

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
_PADDED_INT = re.compile(r"0[0-9]+")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML11_TRUE = {"yes", "on", "y"}


@dataclass(slots=True)
class Located:
    """A YAML document as plain values, with the position of every value and key (1-based)."""

    value: Any
    positions: dict[Path_, Pos] = field(default_factory=dict)
    key_positions: dict[Path_, Pos] = field(default_factory=dict)
    flagged: set[Path_] = field(default_factory=set)  # paths that already have a diagnostic

    def position(self, path: Path_, key: bool = False) -> Pos:
        """The position of `path`, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.positions.get(path[:end])
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
        return None, [diag("yaml-syntax", shown, problem=err.strerror or str(err))]
    return parse_yaml_bytes(data, shown)


def parse_yaml_bytes(data: bytes, shown: str) -> tuple[Located | None, list[Diagnostic]]:
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM that Windows editors add: harmless
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [diag("not-utf8", shown, line, col, byte=f"0x{data[err.start]:02X}")]
    return parse_yaml_text(text, shown)


def parse_yaml_text(text: str, shown: str) -> tuple[Located | None, list[Diagnostic]]:
    text = unicodedata.normalize("NFC", text)
    tabs = _tab_indents(text, shown)
    if tabs:
        return None, tabs
    try:
        aliases = _aliases(text, shown) if "*" in text else []
        if aliases:  # refused before composing: an alias bomb must never be expanded
            return None, aliases
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [diag("yaml-syntax", shown, line, col, problem=err.problem or err.context or "")]
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        return None, [diag("yaml-syntax", shown, problem=str(err).splitlines()[0])]
    except RecursionError:
        return None, [diag("yaml-syntax", shown, problem="nested too deeply")]
    documents = [d for d in documents if d is not None]
    if not documents:
        return None, [diag("empty-file", shown)]
    if len(documents) > 1:
        lines = text.splitlines()
        start = documents[1].start_mark.line
        marker = next((n for n in range(start, -1, -1) if lines[n].startswith("---")), start)
        return None, [diag("several-documents", shown, marker + 1, 1)]
    root = documents[0]
    if not isinstance(root, yaml.MappingNode):
        found = "[…]" if isinstance(root, yaml.SequenceNode) else f"'{root.value}'"
        return None, [diag("not-a-mapping", shown, root.start_mark.line + 1, root.start_mark.column + 1, found=found)]
    builder = _Builder(shown)
    try:
        value = builder.build(root, ())
    except RecursionError:
        return None, [diag("yaml-syntax", shown, problem="nested too deeply")]
    located = Located(value, builder.positions, builder.key_positions, builder.flagged)
    return located, builder.diagnostics


def _aliases(text: str, shown: str) -> list[Diagnostic]:
    return [
        diag("yaml-alias", shown, event.start_mark.line + 1, event.start_mark.column + 1)
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent)
    ]


def _tab_indents(text: str, shown: str) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(diag("tab-indent", shown, number, indent.index("\t") + 1))
    return found


class _Builder:
    """Turns a node tree into values, recording positions and trap diagnostics."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.positions: dict[Path_, Pos] = {}
        self.key_positions: dict[Path_, Pos] = {}
        self.flagged: set[Path_] = set()
        self.diagnostics: list[Diagnostic] = []

    def _flag(self, code: str, path: Path_, node: yaml.Node, **args: object) -> None:
        self.flagged.add(path)
        mark = node.start_mark
        self.diagnostics.append(diag(code, self.shown, mark.line + 1, mark.column + 1, **args))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._flag("not-a-mapping", path, key_node, found="[…]")
                continue
            key = str(key_node.value)
            if key in first_lines:
                self._flag("duplicate-key", (*path, key), key_node, key=key, first_line=first_lines[key])
                continue
            first_lines[key] = key_node.start_mark.line + 1
            self.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        text: str = node.value
        tag = node.tag.removeprefix(_TAG)
        if tag == "null":
            return None
        if tag == "bool":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            meaning = "true (đúng)" if text.lower() in _YAML11_TRUE else "false (sai)"
            self._flag("ambiguous-boolean", path, node, text=text, meaning=meaning)
            return text
        if tag == "int" or (tag == "str" and not node.style and _PADDED_INT.fullmatch(text)):
            # the office pads counts ("08"): YAML 1.1 leaves 08 as text and reads 07 as octal
            return int(text) if _DECIMAL_INT.fullmatch(text) else text
        if tag == "float":
            if _THOUSANDS.fullmatch(text):
                intended = text.replace(".", "")
                self._flag("thousands-separator", path, node, text=text, value=text, intended=intended)
                return None
            try:
                return Decimal(text.replace("_", ""))
            except InvalidOperation:
                return text
        if tag == "timestamp":
            if _PLAIN_DATE.fullmatch(text):
                try:
                    return date.fromisoformat(text)
                except ValueError:
                    self._flag("impossible-date", path, node, text=text)
                    return None
            return text
        return text
