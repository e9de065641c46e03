"""Checks that need more than one field: a stated total against its breakdown, a date against the
month of its folder, and the same activity recorded twice in two files."""

from __future__ import annotations

import difflib
import heapq
import re
import zlib
from array import array
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import chain, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.models import RecordBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from bcngv.yamlpos import Located

SAME_TEXT = 0.9  # difflib ratio from which two short texts tell the same thing (a pasted paragraph, a typo fixed)
SAME_TRIPLES = 0.7  # Dice coefficient of word triples from which two long texts do (see check_duplicates)
SHORT_TEXT = 1_500  # characters up to which difflib's quadratic ratio is cheap (~0.05 s a comparison at most)
COMPARED = 5  # earlier texts of a large group a text is compared with, at most
_PAIRWISE = 2 * COMPARED + 1  # texts of a group compared pair by pair: no more than COMPARED a text on average
_SKETCH = 16  # rarest word triples a text of a large group is indexed by
_POSTED = 64  # texts an index entry keeps (the earliest): a triple that more texts share says little
_TABLE_BITS = 20  # the table counting word triples by hash has at most 2**20 slots (4 MiB, whatever the group)
_MONTH_FOLDER = re.compile(r"(?:^|/)records/([0-9]{4})/([0-9]{2})/")
_NOT_COMPARED = {"text", "short", "footnote", "illustrative"}  # words, not the figures of a tally
NEAR_FOLDER = 7  # days a date may lie outside its folder's month and only be warned of


def check_record(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    return _total_mismatch(record, located, shown) + _outside_folder(record, located, shown)


def _total_mismatch(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    """A total the kind declares (`total_of`), stated with its parts, must equal their sum."""
    found = []
    for total_name, parts in record.totals.items():
        if located.value.get(total_name) is None or not any(part in located.value for part in parts):
            continue  # a total alone, or parts alone, is consistent (a total not stated is their sum)
        total = getattr(record, total_name)
        added = sum(getattr(record, part) or 0 for part in parts)
        if added != total:
            line, col = located.position((total_name,))
            breakdown = " + ".join(f"{part} {getattr(record, part)}" for part in parts if part in located.value)
            found.append(diag("total-mismatch", shown, line, col, key=total_name, total=total, sum=added, parts=breakdown))
    return found


def _outside_folder(record: RecordBase, located: Located, shown: str) -> list[Diagnostic]:
    """A date a few days off its folder's month is a warning (an activity that began on the 30th);
    one further off (another year, day and month swapped) is an error: it drops out of the report."""
    month_of = _month_folder(shown.rpartition("/")[0])
    if month_of is None:
        return []
    year, month = month_of
    given: date = record.date  # type: ignore[attr-defined]
    if (given.year, given.month) == (year, month) or not 1 <= month <= 12:
        return []
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    off = max((first - given).days, (given - last).days)
    line, col = located.position(("date",))
    where = {"date": given.isoformat(), "folder": f"{year}/{month:02d}"}
    if off <= NEAR_FOLDER:
        return [diag("date-outside-folder", shown, line, col, **where)]
    swapped = (given.year, given.day) == (year, month)  # its month, 1 to 12, is a day of any month
    close = (date(year, month, given.month).isoformat(),) if swapped else ()
    return [diag("date-far-from-folder", shown, line, col, days=off, close=close, **where)]


@lru_cache(maxsize=1024)  # a folder holds many records: its name is read once
def _month_folder(folder: str) -> tuple[int, int] | None:
    """The year and month of a folder `…records/YYYY/MM` (or below it), None for any other."""
    found = _MONTH_FOLDER.search(f"{folder}/")
    return (int(found[1]), int(found[2])) if found else None


class Signature(NamedTuple):
    """What the duplicate check compares of a record, small enough for a worker process to send back
    instead of the record (a tuple: it pickles and unpickles at C speed)."""

    kind: str
    date: date
    distinct: bool  # said to be another activity than any alike: compared with none
    figures: tuple[object, ...] | None  # a tally's fields (None: a record with words), see _figures
    words: str  # its text casefolded, its words joined by single spaces
    doubled: str  # the figures a second copy would add again, as the warning names them

    @staticmethod
    def of(record: RecordBase) -> Signature:
        text: str = record.text  # type: ignore[attr-defined]
        if text:
            figures, words = None, _words(text)
        else:
            figures, words = _figures(type(record))(record.__dict__), ""
        return Signature(record.kind, record.date, bool(getattr(record, "distinct", False)),  # type: ignore[attr-defined]
                         figures, words, _doubled(record) if record.measures else "")


def _words(text: str) -> str:
    """The text casefolded, its words joined by single spaces. Most texts are so already: no space
    but single ones between words (every other white space is unprintable), and making a string a
    word costs five times the test."""
    folded = text.casefold()
    if folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        return folded
    return " ".join(folded.split())


@cache  # one reader a class: the records compared are of one kind, hence one class
def _figures(cls: type[RecordBase]) -> Callable[[dict[str, Any]], tuple[object, ...]]:
    """How a tally's figures are read from its fields: every field but its words, its lists made
    tuples (a signature is a dict key), the lists last. The fields themselves, not model_dump():
    serialising every tally costs seconds at 100,000 records; read by name in C, not a Python step
    a field."""
    names = [name for name in cls.model_fields if name not in _NOT_COMPARED]
    lists = [name for name in names if name in cls.declared and cls.declared[name].many]
    plain = [name for name in names if name not in lists]
    return lambda fields: (*map(fields.__getitem__, plain), *map(tuple, map(fields.__getitem__, lists)))


class Placed(NamedTuple):
    """A valid record and the place in its file a cross-record warning points at (`warned_at`)."""

    record: RecordBase
    line: int
    col: int


def warned_at(located: Located) -> tuple[int, int]:
    """Where in a valid record's file a cross-record warning points: its text, else its date."""
    return located.position(("text",) if "text" in located.value else ("date",), key=True)


class Signed(NamedTuple):
    """All the duplicate check needs of a record: its file, where a warning points, its signature."""

    path: str
    line: int
    col: int
    signature: Signature


def check_duplicates(placed: list[Placed]) -> list[Diagnostic]:
    """The duplicate check of records (see find_duplicates)."""
    return find_duplicates([Signed(p.record.path, p.line, p.col, Signature.of(p.record)) for p in placed])


def find_duplicates(signed: list[Signed]) -> list[Diagnostic]:
    """The same activity recorded twice: same kind and date, and the same words (or, for tallies
    without words, the same figures). Reported once, on the later file, naming the earlier one.
    Texts are compared casefolded, their words joined by single spaces. Two texts of at most
    SHORT_TEXT (1,500) characters each tell the same thing when difflib's ratio of their letters is
    at least SAME_TEXT (0.9). A longer text is compared by its word triples: the Dice coefficient
    of the two multisets of runs of three consecutive words, 2·|A ∩ B| / (|A| + |B|), at least
    SAME_TRIPLES (0.7): linear where difflib is quadratic. On the office's texts, one word in ten
    replaced leaves about 0.74 of the triples and a ratio of 0.93, one in seven 0.63 and 0.9 (a typo
    costs triples more than letters); texts of the same few words in other orders stay near 0.3.

    The cost is bounded: a group of up to 11 texts is compared pair by pair; in a larger one a text
    is compared with at most COMPARED (5) earlier ones, all of them while there are no more, else
    those sharing the most of its rarest word triples (_RareTriples). So N texts of one day cost at
    most 5·N comparisons, each linear or difflib on 1,500 characters; twins are still found in a
    large group when they share uncommon wording."""
    groups: dict[tuple[str, date], list[Signed]] = defaultdict(list)
    for item in signed:
        if not item.signature.distinct:
            groups[(item.signature.kind, item.signature.date)].append(item)
    found = []
    for group in groups.values():
        group.sort(key=attrgetter("path"))
        for index, earlier in _earlier_twins(group).items():
            later, first = group[index], group[earlier]
            found.append(diag("duplicate-record", later.path, later.line, later.col, other=f"{first.path}:{first.line}",
                              kind=later.signature.kind, figures=later.signature.doubled))
    found.sort(key=lambda d: (d.path, d.line))
    return found


def _doubled(record: RecordBase) -> str:
    """The figures a second copy of a record would add again: its kind's measures it states."""
    return "".join([f", {name} {_shown(value)}" for name in record.measures
                    if (value := getattr(record, name)) not in (None, 0, [])])


def _shown(value: object) -> str:
    """A figure as the record states it: money and goods by their amount and unit ("20 bộ")."""
    if isinstance(value, list):
        return " + ".join(map(_shown, value))
    measured = getattr(value, "measured", None)
    return f"{format(measured[0], 'f')} {measured[1]}" if measured else str(value)


def _earlier_twins(group: list[Signed]) -> dict[int, int]:
    """For each record of a group (in path order) that repeats an earlier one, the first such among
    those it is compared with. Tallies are matched by their figures through a dict."""
    twins: dict[int, int] = {}
    first_with: dict[object, int] = {}
    texts: list[int] = []
    for index, signed in enumerate(group):
        figures = signed.signature.figures
        if figures is None:
            texts.append(index)
        elif figures in first_with:
            twins[index] = first_with[figures]
        else:
            first_with[figures] = index
    for later, earlier in _text_twins([_Reading(group[i].signature) for i in texts]).items():
        twins[texts[later]] = texts[earlier]
    return twins


def _text_twins(readings: list[_Reading]) -> dict[int, int]:
    """A small group is compared pair by pair; in a larger one, each text with at most COMPARED
    earlier ones: all of them while there are no more, else those the index of rare triples finds."""
    index = _RareTriples(readings) if len(readings) > _PAIRWISE else None
    twins: dict[int, int] = {}
    for later, reading in enumerate(readings):
        candidates = range(later) if index is None or later <= COMPARED else index.closest(later)
        match = next((earlier for earlier in candidates if reading.same_as(readings[earlier])), None)
        if match is not None:
            twins[later] = match
        if index is not None:
            index.add(later)
    return twins


class _Reading:
    """What the duplicate test needs of a text, worked out once for all its comparisons."""

    __slots__ = ("words", "short", "_vocabulary", "_matcher")

    def __init__(self, signature: Signature) -> None:
        self.words = signature.words
        self.short = len(self.words) <= SHORT_TEXT  # two short texts are compared letter by letter
        self._vocabulary: frozenset[str] | None = None
        self._matcher: difflib.SequenceMatcher[str] | None = None

    @property
    def vocabulary(self) -> frozenset[str]:
        if self._vocabulary is None:  # only short texts of a close length get this far
            self._vocabulary = frozenset(self.words.split())
        return self._vocabulary

    def triples(self) -> list[str]:
        """The text's runs of three consecutive words (a text of fewer words: all of them)."""
        words = self.words.split()
        return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)] or [self.words]

    def could_match(self, other: _Reading) -> bool:
        """Whether the sizes allow the threshold: both measures are at most 2·min(a, b)/(a + b)."""
        if self.short and other.short:
            mine, theirs, least = len(self.words), len(other.words), SAME_TEXT
        else:
            mine, theirs, least = self.triple_count(), other.triple_count(), SAME_TRIPLES
        return 2 * min(mine, theirs) >= least * (mine + theirs)

    def same_as(self, other: _Reading) -> bool:
        """Whether two texts tell the same thing (tallies are matched by their figures instead)."""
        if not self.could_match(other):
            return False
        if not (self.short and other.short):
            return _dice(self.triples(), other.triples()) >= SAME_TRIPLES
        # a ratio of 0.9 needs, in practice, most words shared: a cheap test before difflib
        if 2 * len(self.vocabulary & other.vocabulary) < max(len(self.vocabulary), len(other.vocabulary)):
            return False
        if self._matcher is None:  # indexing the letters costs most: once for all of this text's comparisons
            self._matcher = difflib.SequenceMatcher(None, b=self.words, autojunk=False)
        self._matcher.set_seq1(other.words)
        return self._matcher.quick_ratio() >= SAME_TEXT and self._matcher.ratio() >= SAME_TEXT

    def triple_count(self) -> int:
        return max(1, self.words.count(" ") - 1)  # words are joined by single spaces


def _dice(mine: list[str], theirs: list[str]) -> float:
    """2·|A ∩ B| / (|A| + |B|) of two multisets: linear in their sizes."""
    shared = sum((Counter(mine) & Counter(theirs)).values())
    return 2 * shared / (len(mine) + len(theirs))


class _RareTriples:
    """The texts of a large group indexed by their rarest word triples (the fewest texts of the group
    have them, ties by hash): two texts telling the same thing share their uncommon triples, while
    the triples every text of the day has say nothing. Counts go by hash into a table of bounded
    size, so memory does not grow with the texts; hashes are CRC-32, so the choice is the same on every run."""

    def __init__(self, readings: list[_Reading]) -> None:
        self.readings = readings
        mask = (1 << min(_TABLE_BITS, sum(r.triple_count() for r in readings).bit_length())) - 1
        counts = array("I", bytes(4 * (mask + 1)))
        hashed = []
        for reading in readings:
            distinct = _hashed(reading)
            for value in distinct:  # counted from the set, whose integers exist already
                counts[value & mask] += 1
            hashed.append(array("I", distinct))  # kept as 4 bytes a distinct triple
        self.sketches = [_rarest(values, counts, mask) for values in hashed]
        self.posted: dict[int, list[int]] = {}

    def add(self, index: int) -> None:
        posted = self.posted
        for value in self.sketches[index]:
            texts = posted.get(value)
            if texts is None:
                posted[value] = [index]
            elif len(texts) < _POSTED:
                texts.append(index)

    def closest(self, later: int) -> list[int]:
        """At most COMPARED earlier texts, in path order: those of a size that could match sharing
        the most of this text's rare triples (the earlier first on a tie)."""
        reading = self.readings[later]
        shared = Counter(chain.from_iterable(map(self.posted.get, self.sketches[later], repeat(()))))
        likely = [earlier for earlier in shared if reading.could_match(self.readings[earlier])]
        return sorted(heapq.nsmallest(COMPARED, likely, key=lambda earlier: (-shared[earlier], earlier)))


def _rarest(values: array, counts: array, mask: int) -> list[int]:
    """Of the _SKETCH values the fewest texts have (ties by value; each sorted as one integer, its
    count above its 32 bits), those another text may share: a value counted once is this text's
    alone, and would be posted and looked up for nothing. Those come first, so only the others are
    ranked: none when the text has _SKETCH of its own."""
    shared = [count << 32 | value for value in values if (count := counts[value & mask]) > 1]
    alone = len(values) - len(shared)
    return [ranked & 0xFFFF_FFFF for ranked in sorted(shared)[: _SKETCH - alone]] if alone < _SKETCH else []


def _hashed(reading: _Reading) -> set[int]:
    """The CRC-32 of each of the text's word triples (as `triples` gives them, encoded), hashed
    without a Python step a triple."""
    words = reading.words.encode().split(b" ")
    if len(words) < 3:
        return {zlib.crc32(reading.words.encode())}
    return set(map(zlib.crc32, map(b" ".join, zip(words, words[1:], words[2:]))))
