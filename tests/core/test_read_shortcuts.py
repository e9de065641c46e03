"""The shortcuts of reading one record file (issue 18) give what the long way gives: a file that grew
after it was stat-ed is read whole; the quick pass over a printable text hides no control character;
the row of a recurring line, kept, reads as the line read afresh, and a line whose value only the full
reading can tell is never kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bcngv import confine, yamlpos
from bcngv.confine import Refused, read_regular
from bcngv.sourcetext import CONTROL
from bcngv.yamlpos import parse_yaml_bytes, parse_yaml_text


def _stat_saying(size: int):
    """os.fstat, but telling `size` bytes: the file grew after it was stat-ed."""
    real = os.fstat

    def fstat(handle: int) -> os.stat_result:
        found = list(real(handle))
        found[6] = size  # st_size
        return os.stat_result(found)

    return fstat


@pytest.mark.parametrize("told", [0, 1, 5, 100])
def test_a_file_that_grew_after_it_was_stat_ed_is_read_whole(tmp_path: Path, monkeypatch, told: int) -> None:
    data = bytes(range(256)) * 40
    (tmp_path / "r.yaml").write_bytes(data)
    monkeypatch.setattr(confine.os, "fstat", _stat_saying(told))
    assert read_regular(str(tmp_path / "r.yaml"), len(data)) == data
    with pytest.raises(Refused) as refused:
        read_regular(str(tmp_path / "r.yaml"), len(data) - 1)
    assert refused.value.code == "file-too-large"


def test_a_file_is_read_whole_at_its_size_and_refused_past_the_limit(tmp_path: Path) -> None:
    for size in (0, 1, 4095, 4096, 70_000):
        (tmp_path / "r.yaml").write_bytes(b"k" * size)
        assert read_regular(str(tmp_path / "r.yaml"), 70_000) == b"k" * size
    with pytest.raises(Refused):
        read_regular(str(tmp_path / "r.yaml"), 69_999)


def test_every_control_character_is_unprintable_so_the_quick_pass_hides_none() -> None:
    controls = [chr(code) for code in range(0x110000) if CONTROL.match(chr(code))]
    assert len(controls) > 2000 and not any(char.isprintable() for char in controls)
    located, found = parse_yaml_text("kind: a\ntext: x\u202ey\n", "r.yaml")
    assert located is None and [(d.code, d.line, d.col) for d in found] == [("control-character", 2, 8)]


def test_a_bom_is_dropped_as_the_utf_8_sig_codec_drops_it() -> None:
    for data in (b"\xef\xbb\xbfkind: a\n", b"kind: a\n"):
        located, found = parse_yaml_bytes(data, "r.yaml")
        assert found == [] and located is not None
        assert located.value == {"kind": "a"} and located.source == "kind: a\n"
    bad = b"kind: a\ntext: \xff\n"
    assert [(d.line, d.col) for d in parse_yaml_bytes(bad, "r.yaml")[1]] == [(2, 7)]


RECORD = ("kind: doan_ra\ndate: 2022-03-30\n# c\npartners:\n  - lao\n  - khammuon\ntext: a\n  b\nshort: 'x: y'\n"
          "ok: true\n")


def _reading(text: str) -> tuple[object, ...]:
    located = yamlpos._plain_record(text)
    assert located is not None
    return (located.value, list(located.positions.items()), list(located.key_positions.items()),
            list(located.ends.items()))


def test_a_kept_row_reads_as_the_line_read_afresh(monkeypatch) -> None:
    monkeypatch.setattr(yamlpos, "_PLAIN_READ", {})  # room to remember, whatever ran before
    parse_yaml_text(RECORD, "r.yaml")  # the full reading has typed 2022-03-30 and true
    monkeypatch.setattr(yamlpos, "_ROWS", {})
    fresh = _reading(RECORD)
    assert "kind: doan_ra" in yamlpos._ROWS and "  - lao" in yamlpos._ROWS
    assert _reading(RECORD) == fresh  # from the kept rows
    moved = "\n\n" + RECORD.replace("\n  - lao", "")  # the same lines elsewhere
    assert _reading(moved)[1][:3] == [((), (3, 1)), (("kind",), (3, 7)), (("date",), (4, 7))]


def test_a_line_whose_value_the_full_reading_has_not_told_is_not_kept(monkeypatch) -> None:
    monkeypatch.setattr(yamlpos, "_ROWS", {})
    monkeypatch.setattr(yamlpos, "_PLAIN_READ", {})
    text = "kind: a\nn: 12345\n"
    assert yamlpos._plain_record(text) is None and "n: 12345" not in yamlpos._ROWS
    located, found = parse_yaml_text(text, "r.yaml")  # the full reading tells it
    assert found == [] and located is not None and located.value == {"kind": "a", "n": 12345}
    assert _reading(text)[0] == {"kind": "a", "n": 12345}


def test_a_plain_record_tells_its_keys_lines_at_once_and_makes_its_tables_when_asked(monkeypatch) -> None:
    monkeypatch.setattr(yamlpos, "_PLAIN_READ", {})
    text = "# c\nkind: doan_ra\ndate: 2022-03-30\npartners:\n  - lao\ntext: a\n  b\nshort: 'x:\n  y'\nok: true\n"
    parse_yaml_text(text, "r.yaml")  # the full reading has typed 2022-03-30 and true
    located, found = parse_yaml_text(text, "r.yaml")
    assert found == [] and located is not None and located._positions is None  # read line by line, no table made
    lines = {key: located.position((key,), key=True) for key in located.value}
    assert located._positions is None  # a key's line needs no table
    assert lines == {"kind": (2, 1), "date": (3, 1), "partners": (4, 1), "text": (6, 1), "short": (8, 1), "ok": (10, 1)}
    assert located.position(("partners", 0)) == (5, 5)  # anything else makes the tables, as placed
    placed = yamlpos._plain_record(text, placed=True)
    assert placed is not None
    assert (located.positions, located.key_positions, located.ends) == (placed.positions, placed.key_positions, placed.ends)
    assert {key: located.position((key,), key=True) for key in located.value} == lines


def test_a_text_running_on_over_many_lines_is_folded_once_not_once_a_line(monkeypatch) -> None:
    """Folding and typing the text again at each of its lines made a long record quadratic."""
    typed: list[int] = []
    real = yamlpos._typed
    monkeypatch.setattr(yamlpos, "_typed", lambda text: typed.append(len(text)) or real(text))
    text = "kind: su_kien\ntext: a\n" + "  b\n" * 1000 + "end: x\n"
    located = yamlpos._plain_record(text)
    assert located is not None and located.value["text"] == "a" + " b" * 1000
    assert typed.count(len("a" + " b" * 1000)) == 1 and sum(typed) < 10 * len(text)


@pytest.mark.parametrize("given", [0, 1, 100])
def test_a_drive_that_gives_a_part_of_a_file_is_read_on_to_its_end(tmp_path: Path, monkeypatch, given: int) -> None:
    """A network or FUSE drive may answer a read with fewer bytes than the file holds: not its end."""
    data = bytes(range(256)) * 40
    (tmp_path / "r.yaml").write_bytes(data)
    real, first = os.read, [True]

    def read(handle: int, size: int) -> bytes:
        if first:
            first.clear()
            return real(handle, min(size, given))
        return real(handle, size)

    monkeypatch.setattr(confine.os, "read", read)
    assert read_regular(str(tmp_path / "r.yaml"), len(data)) == data


def test_a_document_built_from_values_alone_has_no_positions_to_make() -> None:
    located = yamlpos.Located({"kind": "doan_ra"})  # as bench/generate.py validates its records
    assert located.position(("kind",)) == located.position(("kind",), key=True) == (1, 1)
    assert located.positions == located.key_positions == located.ends == {}
