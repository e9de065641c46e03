"""The office repository: the one place that knows its layout.

    bcngv.yaml                 the office, its signers and its report kinds
    records/YYYY/MM/*.yaml     one activity a file
    records/_catalog/*.yaml    partners, countries, organisations, the province's units
    kinds/*.yaml               the office's own record kinds (bcngv's are declared the same way)
    templates/*.md.j2          the office's own templates (bcngv's built-in ones come after them)
    templates/reference.docx   the office's own styles (optional)
    van-ban/**/*.yaml          the issued documents: a report numbered and signed, one file each
    schema/record.json         the JSON Schema editors use

Every other module asks a `Repository` where a file is, and names it to the user by `shown`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from bcngv import builtin

CONFIG_FILE = "bcngv.yaml"
RECORDS_DIR = "records"
CATALOG_DIR = f"{RECORDS_DIR}/_catalog"
TEMPLATES_DIR = "templates"
REFERENCE_FILE = f"{TEMPLATES_DIR}/reference.docx"
SCHEMA_FILE = "schema/record.json"
KINDS_DIR = "kinds"  # the office's record kinds, one YAML declaration each (records/declared.py)
DOCUMENTS_DIR = "van-ban"  # the issued documents, one YAML file each (issued.py)

# a template name is a path under templates/, and a report id part of the output's file name: both
# plain names, so that no value of a pull request can lead a read or a write out of its folder
_TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}(?:/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99})*")
_NAME_BYTES = 255  # the longest file name a file system takes
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def plain_template_name(name: str) -> bool:
    """Plain path segments under templates/, none starting with '.' (so no '..'), no absolute path,
    no backslash, at most 255 bytes."""
    return len(name.encode("utf-8", "surrogatepass")) <= _NAME_BYTES and _TEMPLATE_NAME.fullmatch(name) is not None


def plain_id(ident: object) -> bool:
    """A report or signer id: lower-case letters, digits, '-' and '_'."""
    return isinstance(ident, str) and _ID.fullmatch(ident) is not None


@dataclass(frozen=True, slots=True)
class Repository:
    root: Path

    @classmethod
    def find(cls, given: Path | None = None, start: Path | None = None) -> Repository:
        """The given folder, or the nearest folder from `start` (the working folder) upwards that
        holds bcngv.yaml, or `start` itself when none does (then bcngv.yaml is reported missing)."""
        if given is not None:
            return cls(given.resolve())
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / CONFIG_FILE).is_file():
                return cls(folder)
        return cls(here)

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def records(self) -> Path:
        return self.root / RECORDS_DIR

    @property
    def templates(self) -> Path:
        return self.root / TEMPLATES_DIR

    @property
    def template_path(self) -> tuple[Path, ...]:
        """Where a template is looked for, the first found wins (as mkdocs' theme dirs): the office's
        own folder (untrusted, read confined to the repository), then bcngv's built-in templates
        (trusted package files). An office overrides a built-in template by one of the same name."""
        return (self.templates, builtin.templates())

    @property
    def documents(self) -> Path:
        return self.root / DOCUMENTS_DIR

    def record_folder(self, year: int, month: int) -> Path:
        """Where a record of that month is written (`bcngv new`)."""
        return self.records / f"{year:04d}" / f"{month:02d}"

    def shown(self, path: Path | str) -> str:
        """A path as the user sees it: relative to the repository with '/', else as given."""
        text = str(path)
        prefix = f"{self.root}{os.sep}"
        return text.removeprefix(prefix).replace(os.sep, "/") if text.startswith(prefix) else text

    def inputs(self) -> tuple[Path, ...]:
        """What a report is built from: its changes make a report stale (watch, sources.json's dirty)."""
        return (self.config_file, self.root / KINDS_DIR, self.records, self.templates)
