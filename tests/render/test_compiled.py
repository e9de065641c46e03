"""Compiled templates kept (render/compiled.py): a rebuild in the same process (watch, serve) and
the next run (the user's sealed cache) compile nothing they compiled before, give the same bytes,
compile again whatever changed, and never run code planted in the user's cache folder."""

from __future__ import annotations

import marshal
import os
import zipfile
from pathlib import Path

import jinja2
import pytest

from bcngv.cachedir import CacheFolder, cache_folder
from bcngv.render import compiled

from conftest import DOAN_RA, bcngv

BUILD = ["build", "--period", "2022-07", "--as-of", "2022-07-29"]
REPORT = "build/thang-2022-07.docx"
TEMPLATE = "templates/thang.md.j2"


@pytest.fixture
def office(repo):
    repo.write("records/2022/07/a.yaml", DOAN_RA)
    return repo


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The file of every template Jinja compiles into Python from now on ('<template>': a summary
    line), this process's memory of compiled code emptied first."""
    monkeypatch.setattr(compiled, "_MEMORY", {})
    made: list[str] = []
    real = jinja2.Environment._compile

    def counted(self: jinja2.Environment, source: str, filename: str) -> object:
        made.append(Path(filename).name)
        return real(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counted)
    return made


def report(office, *extra: str) -> bytes:
    (office.root / REPORT).unlink(missing_ok=True)
    built = bcngv(*BUILD, *extra, root=office)
    assert built.exit_code == 0, built.stdout
    return (office.root / REPORT).read_bytes()


def body(document: bytes, tmp_path: Path) -> str:
    (tmp_path / "r.docx").write_bytes(document)
    with zipfile.ZipFile(tmp_path / "r.docx") as docx:
        return docx.read("word/document.xml").decode()


def test_a_rebuild_in_the_same_process_compiles_nothing(office, compiles) -> None:
    first = report(office, "--no-cache")  # memory only: nothing in the user's folder
    assert {"<template>", "thang.md.j2", "_papers.md.j2"} <= set(compiles)  # the summary, the template, an include
    compiles.clear()
    assert report(office, "--no-cache") == first
    assert compiles == []


def test_the_next_run_takes_the_code_sealed_in_the_users_cache(office, compiles) -> None:
    first = report(office)
    compiled._MEMORY.clear()  # as a new process starts
    compiles.clear()
    assert report(office) == first
    assert compiles == []


def test_a_changed_template_is_compiled_again(office, compiles, tmp_path) -> None:
    report(office)
    template = office.root / TEMPLATE
    template.write_text(template.read_text(encoding="utf-8") + "\nMột câu mới thêm.\n", encoding="utf-8")
    compiles.clear()
    assert "Một câu mới thêm." in body(report(office), tmp_path)
    assert compiles == ["thang.md.j2"]
    compiled._MEMORY.clear()  # the next process: the sealed code is the new template's
    compiles.clear()
    assert "Một câu mới thêm." in body(report(office), tmp_path)
    assert compiles == []


@pytest.mark.parametrize("planted", ["seal kept, code replaced", "sealed with another secret"])
def test_code_planted_in_the_users_cache_is_never_run(office, compiles, tmp_path_factory, planted: str) -> None:
    marker = tmp_path_factory.mktemp("attacker") / "MARKER"
    code = compile(f"__import__('pathlib').Path({str(marker)!r}).touch()", "x", "exec")
    exec(code)  # noqa: S102 - the payload is live: running it makes the marker
    assert marker.exists()
    marker.unlink()
    expected = report(office, "--no-cache")
    made = sorted(compiles)
    compiled._MEMORY.clear()
    report(office)  # the user's folder now holds this office's compiled templates
    folder = cache_folder(office.root)
    assert folder is not None
    entries = sorted(folder.path.glob("template-*.code"))
    assert entries
    for entry in entries:
        sealed = entry.read_bytes()
        seal, key = sealed[:32], sealed[32:32 + compiled._KEY]  # the key the entry is looked up by
        if planted == "seal kept, code replaced":
            entry.write_bytes(seal + key + marshal.dumps(code))
        else:
            CacheFolder(folder.path, os.urandom(32)).write(entry.name, key + marshal.dumps(code))
    compiled._MEMORY.clear()
    compiles.clear()
    assert report(office) == expected
    assert not marker.exists()
    assert sorted(compiles) == made  # every one compiled afresh
