"""Opening a record in its form, and saving what the form sends: checked with exactly the checks of
`bcngv check` (records/loader.py's `check_file`) on the text it would write, at the path it would
write it; written only when no error is left, where `bcngv new` would and as it would, an edited
file keeping its comments; committed under the person's name. A record changed on disk since its
form was opened is not overwritten: the person is shown both versions."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bcngv.config import load_config
from bcngv.diagnostics import Diagnostic
from bcngv.records.catalog import Catalog, load_catalog
from bcngv.records.loader import check_file
from bcngv.records.vocabulary import Sections, default_sections
from bcngv.repository import Repository
from bcngv.serve import history
from bcngv.serve.forms import Form, build_form, changes, parsed, place_problems, submitted, with_texts
from bcngv.serve.records_io import Stored, edited, new_path, read_stored, write_record
from bcngv.skeleton import schema_reference, skeleton
from bcngv.words import text as _t
from bcngv.yamlpos import Located, parse_yaml_bytes, parse_yaml_text

_WRITING = threading.Lock()  # one save at a time: the check that the file is unchanged, then the write
_SHOWN_CHANGE = 40  # characters of a value a commit message quotes


@dataclass(frozen=True, slots=True)
class Office:
    """What every request reads afresh (the office may change bcngv.yaml or its catalog meanwhile)."""

    repository: Repository
    sections: Sections | None  # None when bcngv.yaml cannot be read: then `check` does not check fields either
    catalog: Catalog

    @property
    def vocabulary(self) -> Sections:
        return self.sections or default_sections()


def office(repository: Repository) -> Office:
    config = load_config(repository.root)[0]
    catalog = load_catalog(repository.root)[0]
    return Office(repository, config.sections if config is not None else None, catalog)


@dataclass(slots=True)
class Opened:
    """A record file as its page shows it: its form, or (a file no form fits) its text and problems."""

    shown: str
    text: str
    form: Form | None
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class Saved:
    form: Form
    written: str | None = None  # the record file written
    committed: bool | None = None  # None: history is off
    disk: str | None = None  # the file as it is now, when it changed since the form was opened
    proposed: str | None = None  # what saving now would write over it
    needs_name: bool = False


def open_record(place: Office, shown: str) -> Opened:
    """The record's form with what `check` says of the file on its own. Raises PathRefused, Refused."""
    stored = read_stored(place.repository.root, shown)
    form, located, problems = _stored_form(place, stored)
    text = stored.data.decode("utf-8", "replace")
    if form is None:
        return Opened(shown, text, None, problems or check_file(place.repository.root, shown, stored.data,
                                                                place.catalog, place.sections))
    problems = check_file(place.repository.root, shown, stored.data, place.catalog, place.sections)
    return Opened(shown, text, place_problems(form, problems, located))


def new_form(place: Office, kind: str, on: date) -> Form:
    return build_form(kind, {"date": on}, place.vocabulary, place.catalog)


def _stored_form(place: Office, stored: Stored) -> tuple[Form | None, Located | None, list[Diagnostic]]:
    """The file's form (None when no form fits it: not YAML, or not of a declared kind), the file as
    parsed and what parsing it found wrong."""
    located, problems = parse_yaml_bytes(stored.data, stored.shown)
    kind = _kind(place, located)
    if located is None or kind is None:
        return None, located, problems
    form = build_form(kind, located.value, place.vocabulary, place.catalog, stored.shown, stored.version)
    return form, located, problems


def _kind(place: Office, located: Located | None) -> str | None:
    value = located.value if located is not None else None
    kind = value.get("kind") if isinstance(value, dict) else None
    return kind if isinstance(kind, str) and kind in place.vocabulary.kinds else None


def save(place: Office, kind: str, shown: str, version: str, given: Mapping[str, list[str]], author: str) -> Saved:
    """Check what the form sent and, when no error is left, write and commit it."""
    root = place.repository.root
    with _WRITING:
        stored = read_stored(root, shown) if shown else None
        base = _base(place, kind, stored)
        texts = submitted(base[0], given)
        changed = changes(base[0], texts)  # what both the file written and the commit message say
        path, text = _written(place, base, texts, changed)
        shown_as = place.repository.shown(path)
        form = with_texts(base[0], texts)
        located, problems = parse_yaml_text(text, shown_as)
        problems = problems or check_file(root, shown_as, text.encode("utf-8"), place.catalog, place.sections)
        place_problems(form, problems, located)
        if stored is not None and stored.version != version:  # changed on disk since the form was opened
            return Saved(form, disk=stored.data.decode("utf-8", "replace"), proposed=text)
        tracked = history.enabled(root)
        if form.errors or (tracked and not history.person(author)):
            return Saved(form, needs_name=not form.errors)
        write_record(path, text)
        message = _message(kind, shown_as, texts, changed, stored is None)
        return Saved(form, shown_as, history.commit(root, path, author, message) if tracked else None)


def _base(place: Office, kind: str, stored: Stored | None) -> tuple[Form, Located | None, str]:
    """The form the sent fields are compared with: the file as it is now (a new record: empty)."""
    if stored is None:
        return new_form(place, kind, date.today()), None, ""
    form, located, _ = _stored_form(place, stored)
    if form is None:
        raise ValueError(stored.shown)  # a file no form fits is never saved from one
    return form, located, stored.data.decode("utf-8")


def _written(place: Office, base: tuple[Form, Located | None, str], texts: Mapping[str, str],
             changed: Mapping[str, tuple[str, str]]) -> tuple[Path, str]:
    """Where the record goes and its text: an edited file with the changed fields written again,
    a new one as `bcngv new` writes it, at the name `new` would give it."""
    form, located, text = base
    declared = place.vocabulary.kinds.fields[form.kind]
    if located is not None:
        updates = {name: parsed(declared[name], after) for name, (_, after) in changed.items()}
        return place.repository.root / form.path, edited(text, located, updates)
    values: dict[str, Any] = {f.name: parsed(declared[f.name], texts.get(f.name, "")) for f in form.fields}
    typed = values["date"]  # no date, or not a date: written as typed, for `check` to say so at its line
    on = typed if isinstance(typed, date) else date.today()
    path = new_path(place.repository, form.kind, on)
    return path, skeleton(form.kind, on, values, schema_reference(place.repository.root, path.parent), place.vocabulary)


def _message(kind: str, shown: str, texts: Mapping[str, str], changed: Mapping[str, tuple[str, str]], new: bool) -> str:
    """The commit message: what was added, or which fields changed from what to what."""
    if new:
        return _t("serve.commit_new", kind=kind, date=texts.get("date", ""), path=shown)
    said = "; ".join(f"{name}: {_short(before)} → {_short(after)}" for name, (before, after) in changed.items())
    return _t("serve.commit_edit", changes=said or _t("serve.no_change"), path=shown)


def _short(value: str) -> str:
    one = " ".join(value.split()) or _t("value.empty")
    return one if len(one) <= _SHOWN_CHANGE else one[: _SHOWN_CHANGE - 1] + "…"
