"""Partner names spelled the old ways inside a record's words: a warning with the canonical spelling.

The hand-written reports spell one partner four ways (Bolykhamxay, Bolikhamsay, …). A record's
text should use the catalog's canonical name, or `{partners}` which prints it. Every canonical name
and alias is looked for at once, the longest at each place first, so a canonical name that contains
an alias ("Thủ đô Viêng Chăn" holds "Viêng Chăn") is consumed whole and never reported.

A pull request may bring thousands of aliases, so the spellings are kept as a trie of tokens: a
text split at each character that is not a word character alternates runs of word characters,
empty where two such characters meet, with those characters. Whole words are then equal tokens, and
the empty runs a spelling begins or ends with stand for the boundaries (`(Lào)` is no match in
`X(Lào)`). A text is read once, and each place costs at most the tokens of the longest spelling that
begins there, whatever the number of spellings.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.catalog import Catalog, Entry

if TYPE_CHECKING:
    from bcngv.yamlpos import Located, Path_

_SEPARATOR = re.compile(r"(\W)")  # kept in the split: tokens alternate word runs and separators
_WORD = re.compile(r"\w+")  # a word run: a token of the split
_ALTERNATED = 64  # anchor words up to which one pattern of them all is searched (its cost grows with their number)
_END = None  # the trie's key for "a spelling ends here": tokens are strings


class AliasScanner:
    def __init__(self, catalog: Catalog, ids: Iterable[str] = ()) -> None:
        self.skipped = frozenset({"kind", *ids})  # the kind and the fields of catalog ids are not words
        canonical = {entry.name for entry in catalog.entries.values()}
        self.wrong: dict[str, Entry] = {
            alias: entry for entry in catalog.entries.values() for alias in entry.aliases if alias not in canonical
        }
        # whole words only; aliases are proper nouns, so the match keeps their case ("Lào" ≠ "lào")
        self.trie: dict[str | None, Any] = {}
        for spelling in filter(None, canonical | set(self.wrong)):  # an empty alias is never written
            node = self.trie
            for token in _SEPARATOR.split(spelling):
                node = node.setdefault(token, {})
            node[_END] = spelling
        # a word of each wrong spelling: a record whose texts hold none of them holds no wrong
        # spelling, and most records are passed over at the cost of one search; every text is
        # scanned when a spelling has no word. Its longest word not in a canonical name, likely the
        # rarest: texts name partners rightly far more often ("Khăm Muộn" is looked for by "Muộn",
        # not by the "Khăm" of every "Khăm Muồn")
        named = {word for name in canonical for word in _WORD.findall(name)}
        # each anchor with the words of each spelling it stands for: texts holding an anchor but not
        # every word of one of its spellings (the "Nông" of "Nông nghiệp", not of "Nông Bốc") hold none
        self._spelled: dict[str, list[frozenset[str]]] = {}
        for alias in filter(None, self.wrong):
            words = _WORD.findall(alias)
            anchor = max(words, key=lambda word: (word not in named, len(word)), default="")
            self._spelled.setdefault(anchor, []).append(frozenset(words))
        self.anchors = frozenset(self._spelled)
        self._every_text = "" in self.anchors  # a spelling of no word may stand in any text
        # a few anchors: searched for as text first, a superset of as words
        few = not self._every_text and len(self.anchors) <= _ALTERNATED
        self._anchored = re.compile("|".join(map(re.escape, sorted(self.anchors)))) if few else None

    def _may_hold(self, text: str) -> bool:
        """False when no wrong spelling can stand in this text: it lacks a word of each."""
        if self._every_text:
            return True
        if self._anchored is not None and self._anchored.search(text) is None:
            return False
        words = set(_WORD.findall(text))
        return any(spelled <= words for anchor in self.anchors & words for spelled in self._spelled[anchor])

    def scan(self, located: Located, shown: str) -> list[Diagnostic]:
        if not self.wrong:
            return []
        # a text's words stand in the file's own lines, unless an escape (`\u0042`, `\` at a line's
        # end) made them: a file whose lines hold no anchor word is passed over without its values
        if "\\" not in located.source and not self._may_hold(located.source):
            return []
        texts = _texts(located.value, (), self.skipped, [])
        if not self._may_hold("\n".join([text for _, text in texts])):
            return []
        found = []
        lines: list[str] = []  # the file's lines, split once when a wrong spelling is to be placed
        for path, text in texts:
            wrong = [spelling for _, spelling in self.spellings(text) if spelling in self.wrong]
            if not wrong:
                continue
            lines = lines or located.source.split("\n")
            places = self._places(located, lines, path, wrong)
            for alias, (line, col) in zip(wrong, places, strict=True):
                entry = self.wrong[alias]
                found.append(diag("partner-alias", shown, line, col, value=alias, name=entry.name, id=entry.id))
        return found

    def spellings(self, text: str, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, str]]:
        """The catalog's spellings standing as whole words in text[start:stop], in order, with their
        offsets: at each place the longest, and the next one looked for after it ends."""
        stop = len(text) if stop is None else stop
        low = max(0, start - 1)  # a character either side tells whether a word goes on
        tokens = _SEPARATOR.split(text[low : stop + 1])
        offsets = list(accumulate(map(len, tokens), initial=low))
        resume = 0  # the token after the last spelling found
        for index in [i for i, token in enumerate(tokens) if token in self.trie]:  # where one may begin
            if index < resume or offsets[index] < start:
                continue
            after, spelling = self._longest(tokens, index)
            if spelling is not None and offsets[after] <= stop:
                yield offsets[index], spelling
                resume = after - (tokens[after - 1] == "")  # an empty run is a boundary both sides share

    def _longest(self, tokens: list[str], index: int) -> tuple[int, str | None]:
        """The longest spelling whose tokens start at `index`, and the index after it."""
        node, after = self.trie, index
        found: tuple[int, str | None] = (index, None)
        while after < len(tokens) and (node := node.get(tokens[after])) is not None:
            after += 1
            if _END in node:
                found = (after, node[_END])
        return found

    def _places(self, located: Located, lines: list[str], path: Path_, wrong: list[str]) -> list[tuple[int, int]]:
        """Where each wrong spelling stands in the file: found again, in order, between the value's
        first and last column; a spelling broken across two lines of a folded text falls back to the
        value's start."""
        start = located.position(path)
        end = located.ends.get(path) or (start[0], len(lines[start[0] - 1]) + 1)
        seen: dict[str, deque[tuple[int, int]]] = defaultdict(deque)
        for number in range(start[0], end[0] + 1):
            line = lines[number - 1]
            first = start[1] - 1 if number == start[0] else 0
            last = end[1] - 1 if number == end[0] else len(line)
            for offset, spelling in self.spellings(line, first, last):
                seen[spelling].append((number, offset + 1))
        return [seen[alias].popleft() if seen[alias] else start for alias in wrong]


def _texts(value: Any, path: Path_, skipped: frozenset[str], found: list[tuple[Path_, str]]) -> list[tuple[Path_, str]]:
    """The texts in the mapping or list `value` with their paths, added to `found`: a list, not a
    generator, and a call for each mapping or list, not each value (most are texts, and the calls
    cost more than the scan they feed)."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, str):
            if path or key not in skipped:
                found.append(((*path, key), item))
        elif isinstance(item, dict | list) and (path or key not in skipped):
            _texts(item, (*path, key), skipped, found)
    return found
