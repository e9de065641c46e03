"""Issued documents: each report the office numbers and signs is a small YAML file of its own.

    # van-ban/2022/752-ktxh.yaml
    report: ktxh                     # the report kind, in bcngv.yaml
    period: 2022-01..2022-07         # what it reports on
    as_of: 2022-07-29                # the figures' cut-off (records after it are left out)
    date: 2022-07-29                 # the signing date (the "Hà Tĩnh, ngày …" line)
    number: "752"                    # the document number
    signer: gd_son                   # when not the report kind's own signer
    answers:                         # the documents it answers, cited in its opening sentence
      - {number: 4006/UBND-TH, date: 2022-07-25, issuer: UBND tỉnh}
      - {number: 2008/SKHĐT-TH, date: 2022-07-26, issuer: Sở Kế hoạch và Đầu tư}
    values: {}                       # anything else its template asks of this document

`bcngv build van-ban/2022/752-ktxh.yaml` rebuilds exactly that document, byte for byte; the file is
checked like a record (every mistake at its line and column) and named in sources.json and in the
.docx's properties. The report's file is named after it (`752-ktxh.docx`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bcngv.confined_yaml import read_yaml_inside
from bcngv.diagnostics import Diagnostic, diag
from bcngv.repository import Repository, plain_id
from bcngv.yamlpos import Located


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Answered(_Strict):
    """A document this one answers: "văn bản số 4006/UBND-TH ngày 25/7/2022 của UBND tỉnh"."""

    number: str = Field(description="số và ký hiệu, ví dụ 4006/UBND-TH")
    date: dt.date = Field(description="ngày ban hành")
    issuer: str = Field(description="cơ quan ban hành, ví dụ UBND tỉnh")


class Issued(_Strict):
    report: str = Field(description="loại báo cáo trong bcngv.yaml")
    period: str = Field(description="kỳ báo cáo, ví dụ 2022-07, 2022-01..2022-07, 2022")
    as_of: dt.date | None = Field(None, description="ngày chốt số liệu")
    date: dt.date | None = Field(None, description="ngày ký văn bản (mặc định: ngày chốt số liệu)")
    number: str | None = Field(None, description="số văn bản")
    signer: str | None = Field(None, description="người ký, khi khác người ký của loại báo cáo")
    answers: list[Answered] = Field([], description="các văn bản được trả lời")
    values: dict[str, Any] = Field({}, description="các giá trị khác mẫu báo cáo cần")


class IssuedDocument:
    """An issued document as read: its file (as the user sees it), its name and its fields."""

    def __init__(self, shown: str, fields: Issued, located: Located) -> None:
        self.shown, self.fields, self._located = shown, fields, located

    def position(self, key: str) -> tuple[int, int]:
        """Where a field of the file is written, for a diagnostic about its value."""
        return self._located.position((key,))

    @property
    def name(self) -> str:
        """The report's file name, without its extension: the document file's own name."""
        return Path(self.shown).stem

    @property
    def signed_on(self) -> dt.date | None:
        return self.fields.date or self.fields.as_of


def read_issued(repository: Repository, path: Path) -> tuple[IssuedDocument | None, list[Diagnostic]]:
    """An issued-document file, checked like a record: each mistake at its line and column."""
    shown = repository.shown(path.resolve() if path.is_absolute() or os.path.lexists(path) else path)
    if not os.path.lexists(path):
        return None, [diag("no-such-path", shown, value=shown)]
    located, found = read_yaml_inside(repository.root, path, shown)
    if located is None or found:
        return None, found
    if not plain_id(Path(shown).stem.lower()):
        return None, [diag("invalid-document-name", shown, value=Path(shown).name)]
    try:
        fields = Issued.model_validate(located.value)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            loc = tuple(error["loc"])
            line, col = located.position(loc, key=error["type"] == "extra_forbidden")
            problems.append(diag("invalid-document", shown, line, col, key=".".join(map(str, loc)), problem=error["msg"]))
        return None, problems
    return IssuedDocument(shown, fields, located), []


def issued_files(repository: Repository) -> list[Path]:
    """Every issued-document file of the repository, in order."""
    folder = repository.documents
    return sorted(p for p in folder.rglob("*.yaml") if not p.is_symlink()) if folder.is_dir() else []
