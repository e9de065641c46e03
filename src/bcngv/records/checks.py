"""Checks that need more than one field: a stated total against its breakdown, a date against the
month of its folder, and the same activity recorded twice in two files."""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.models import DichThuat, RecordBase
from bcngv.yamlpos import Located

# kind → (the stated total, the parts it must equal)
TOTALS: dict[str, tuple[str, tuple[str, ...]]] = {"dich_thuat": ("pages", DichThuat.PAGE_PARTS)}
SAME_TEXT = 0.9  # difflib ratio from which two texts tell the same thing (a pasted paragraph, a typo fixed)
_MONTH_FOLDER = re.compile(r"(?:^|/)records/([0-9]{4})/([0-9]{2})/")
_NOT_COMPARED = {"text", "footnote", "illustrative"}


def check_record(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    return _total_mismatch(record, located, shown) + _outside_folder(record, located, shown)


def _total_mismatch(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    rule = TOTALS.get(record.kind)  # type: ignore[attr-defined]
    if rule is None:
        return []
    total_name, parts = rule
    total = getattr(record, total_name)
    if total is None or not any(part in located.value for part in parts):
        return []  # a total alone, or parts alone, is consistent
    added = sum(getattr(record, part) for part in parts)
    if added == total:
        return []
    line, col = located.position((total_name,))
    breakdown = " + ".join(f"{part} {getattr(record, part)}" for part in parts if part in located.value)
    return [diag("total-mismatch", shown, line, col, key=total_name, total=total, sum=added, parts=breakdown)]


def _outside_folder(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    folder = _MONTH_FOLDER.search(shown)
    if folder is None:
        return []
    year, month = map(int, folder.groups())
    if (record.date.year, record.date.month) == (year, month):
        return []
    line, col = located.position(("date",))
    return [diag("date-outside-folder", shown, line, col, date=record.date.isoformat(), folder=f"{year}/{month:02d}")]


@dataclass(frozen=True, slots=True)
class Placed:
    """A valid record and the place in its file a cross-record warning points at (its text or date)."""

    record: RecordBase
    line: int
    col: int

    @staticmethod
    def of(record: RecordBase, located: Located) -> Placed:
        line, col = located.position(("text",) if "text" in located.value else ("date",), key=True)
        return Placed(record, line, col)


def check_duplicates(placed: list[Placed]) -> list[Diagnostic]:
    """The same activity recorded twice: same kind and date, and the same words (or, for tallies
    without words, the same figures). Reported once, on the later file, naming the earlier one."""
    groups: dict[tuple[str, object], list[Placed]] = defaultdict(list)
    for item in placed:
        groups[(item.record.kind, item.record.date)].append(item)  # type: ignore[attr-defined]
    found = []
    for group in groups.values():
        group.sort(key=lambda p: p.record.path)
        for index, earlier in _earlier_twins(group).items():
            later, first = group[index], group[earlier]
            found.append(diag("duplicate-record", later.record.path, later.line, later.col,
                              other=f"{first.record.path}:{first.line}"))
    found.sort(key=lambda d: (d.path, d.line))
    return found


def _earlier_twins(group: list[Placed]) -> dict[int, int]:
    """For each record of a group (in path order) that repeats an earlier one, the first such.
    Tallies are matched by their figures through a dict; texts only against texts of a length
    that could reach the ratio (a window over the lengths), so a day of many records stays cheap."""
    readings = [_Reading(p.record) for p in group]
    twins: dict[int, int] = {}
    first_with: dict[object, int] = {}
    for index, reading in enumerate(readings):
        if reading.figures is not None:
            signature = _frozen(reading.figures)
            if signature in first_with:
                twins[index] = first_with[signature]
            else:
                first_with[signature] = index
    texts = sorted((len(r.words), i) for i, r in enumerate(readings) if r.figures is None)
    lengths = [length for length, _ in texts]
    for length, index in texts:
        low = bisect.bisect_left(lengths, length * _LENGTH_BOUND)
        high = bisect.bisect_right(lengths, length / _LENGTH_BOUND)
        candidates = sorted(i for _, i in texts[low:high] if i < index)
        match = next((i for i in candidates if readings[index].same_as(readings[i])), None)
        if match is not None:
            twins[index] = match
    return twins


def _frozen(figures: dict[str, object]) -> tuple[object, ...]:
    """A hashable form of a record's figures, in field order (lists of ids or money become tuples)."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in figures.items())


class _Reading:
    """What the duplicate test needs of a record, worked out once for all its comparisons."""

    __slots__ = ("figures", "words", "_vocabulary", "_matcher")

    def __init__(self, record: RecordBase) -> None:
        # the fields themselves, not model_dump(): serialising every tally costs seconds at 100,000 records
        self.figures = None if record.text else {k: v for k, v in record.__dict__.items() if k not in _NOT_COMPARED}
        self.words = _words(record.text)
        self._vocabulary: frozenset[str] | None = None
        self._matcher: difflib.SequenceMatcher[str] | None = None

    @property
    def vocabulary(self) -> frozenset[str]:
        if self._vocabulary is None:  # only texts of a close length get this far
            self._vocabulary = frozenset(self.words.split())
        return self._vocabulary

    def same_as(self, other: _Reading) -> bool:
        """Whether two texts tell the same thing (tallies are matched by their figures instead)."""
        mine, theirs = self.words, other.words
        # cheap bounds first, most texts of one day differ in length or in words: a ratio of 0.9
        # needs lengths within 20% and, in practice, most words shared
        if 2 * min(len(mine), len(theirs)) < SAME_TEXT * (len(mine) + len(theirs)):
            return False
        if 2 * len(self.vocabulary & other.vocabulary) < max(len(self.vocabulary), len(other.vocabulary)):
            return False
        if self._matcher is None:  # indexing the words costs most: only for real candidates
            self._matcher = difflib.SequenceMatcher(None, b=mine, autojunk=False)
        self._matcher.set_seq1(theirs)
        return self._matcher.quick_ratio() >= SAME_TEXT and self._matcher.ratio() >= SAME_TEXT


# 2·min/(a+b) ≥ SAME_TEXT needs min/max ≥ SAME_TEXT/(2 − SAME_TEXT): shorter texts cannot match
_LENGTH_BOUND = SAME_TEXT / (2 - SAME_TEXT)


def _words(text: str) -> str:
    return " ".join(text.casefold().split())
