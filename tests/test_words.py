"""Every word a person reads lives in `bcngv.words`, in both languages; every placeholder of it is
filled by its callers; a missing argument fails loudly; and no other module holds a word of the
interface."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from bcngv import words
from bcngv.diagnostics import diag
from bcngv.pipeline import STAGES
from bcngv.words import CATALOGUE, TEXTS, MissingArgument, hint, message, placeholders

TESTS = Path(__file__).parent
PACKAGE = TESTS.parent / "src" / "bcngv"
# a placeholder left as it was written: `{name}`
LEFTOVER = re.compile(r"\{(\w+)\}")


def _sample(names: frozenset[str]) -> dict[str, object]:
    """A value for each name that can be found again in the filled text."""
    return {name: f"<{name}>" for name in names}


def _leftovers(filled: str, template: str) -> set[str]:
    """`{name}`s in a filled text that the template did not write as literal braces (`{{name}}`)."""
    return set(LEFTOVER.findall(filled)) - set(re.findall(r"\{\{(\w+)\}\}", template))


# --- the diagnostics -------------------------------------------------------------------------------
@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_languages(code: str) -> None:
    entry = CATALOGUE[code]
    assert entry.severity in ("error", "warning")
    assert all([entry.vi, entry.vi_hint, entry.en, entry.en_hint])
    args = _sample(words.needed(code))
    assert message(code, args, "vi") != message(code, args, "en")


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_the_two_languages_of_a_code_name_the_same_arguments(code: str) -> None:
    # an English text naming an argument the Vietnamese lacks (or the other way) means a caller
    # fills one language only
    entry = CATALOGUE[code]
    assert placeholders(entry.vi) == placeholders(entry.en)
    assert placeholders(entry.vi_hint) == placeholders(entry.en_hint)


@pytest.mark.parametrize("close", [(), ("nearest",)])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_is_filled_completely_in_both_languages(code: str, lang: str, close: tuple[str, ...]) -> None:
    entry = CATALOGUE[code]
    args = _sample(words.needed(code)) | {"close": close}
    for template, filled in ((getattr(entry, lang), message(code, args, lang)),
                             (getattr(entry, f"{lang}_hint"), hint(code, args, lang))):
        assert _leftovers(filled, template) == set(), filled
        assert all(f"<{name}>" in filled for name in placeholders(template) - {"suggestion"}), filled
        assert ("'nearest'" in filled) == ("{suggestion}" in template and bool(close)), filled


def test_an_argument_in_both_languages_is_shown_in_the_chosen_one() -> None:
    args = {"key": "date", "problem": "'x'", "expected_vi": "một ngày", "expected_en": "a date"}
    assert hint("invalid-value", args, "vi") == "Cần một ngày."
    assert hint("invalid-value", args, "en") == "Expected a date."


def test_a_diagnostic_without_an_argument_its_words_need_is_refused_where_it_is_made() -> None:
    with pytest.raises(MissingArgument, match="key"):
        diag("missing-field", "records/x.yaml", expected="x")
    with pytest.raises(KeyError):
        diag("no-such-code", "records/x.yaml")
    # arguments in both languages count as the argument
    assert diag("missing-field", "records/x.yaml", key="date", expected_vi="ngày", expected_en="date").hint


def test_printing_a_diagnostic_without_its_argument_fails_loudly() -> None:
    with pytest.raises(MissingArgument, match="value"):
        message("unknown-kind", {}, "en")


def test_suggestions_follow_the_language() -> None:
    args = {"kind": "doan_ra", "key": "perons", "fields": "persons", "close": ("persons",)}
    assert hint("unknown-field", args, "vi").startswith("Có phải là 'persons'? ")
    assert hint("unknown-field", args, "en").startswith("Did you mean 'persons'? ")


def test_every_code_is_exercised_by_a_test() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py") if p.name != Path(__file__).name)
    untested = [code for code in CATALOGUE if f'"{code}"' not in sources]
    assert untested == []


# --- the other texts -------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = TEXTS[key]
    assert vi and en and vi != en
    assert placeholders(vi) == placeholders(en)
    filled_vi, filled_en = words.in_both(key, **_sample(placeholders(vi)))
    assert _leftovers(filled_vi, vi) == _leftovers(filled_en, en) == set()


def test_a_text_without_its_argument_fails_loudly() -> None:
    with pytest.raises(MissingArgument, match="time"):
        words.text("watch.changed")


def test_every_stage_of_the_pipeline_has_a_name_to_show() -> None:
    assert [name for name in STAGES if f"step.{name}" not in TEXTS] == []


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += [(f"{path.relative_to(PACKAGE)}:{node.lineno}", node)
                  for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]
    return found


def _literal_first(call: ast.Call) -> str | None:
    first = call.args[0] if call.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def test_every_text_is_called_with_exactly_its_arguments() -> None:
    # `text("key", a=…)` and its spellings (`_t`, `words.text`, `in_both`, `both`): the arguments given in
    # the source are the placeholders of the key, none missing, none left unused
    wrong = []
    for where, call in _calls():
        key = _literal_first(call)
        if _name(call) not in ("text", "_t", "in_both", "both") or key not in TEXTS or any(k.arg is None for k in call.keywords):
            continue
        given = {k.arg for k in call.keywords}
        if given != placeholders(TEXTS[key][0]):
            wrong.append(f"{where}: {key} given {sorted(given)}")
    assert wrong == []


def test_every_diagnostic_made_in_the_source_is_given_its_arguments() -> None:
    wrong = []
    for where, call in _calls():
        code = _literal_first(call)
        if _name(call) not in ("diag", "_flag") or code not in CATALOGUE or any(k.arg is None for k in call.keywords):
            continue
        given = {k.arg.removesuffix("_vi").removesuffix("_en") for k in call.keywords if k.arg}
        missing = words.needed(code) - given
        if missing:
            wrong.append(f"{where}: {code} lacks {sorted(missing)}")
    assert wrong == []


def test_every_text_is_used() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "words.py")
    unused = [key for key in TEXTS if f'"{key}"' not in sources and not key.startswith("step.")]
    assert unused == []


# --- no word outside the catalogue ---------------------------------------------------------------------
# Modules that hold Vietnamese on purpose, each with its reason. Vietnamese there is not a word of the
# interface: it is the report's language or the records' language, the same whatever --lang says.
# A value None exempts the whole module; a set exempts those literals only.
NOT_INTERFACE: dict[str, tuple[str, frozenset[str] | None]] = {
    "words.py": ("the catalogue itself", None),
    "render/vietnamese.py": ("the words of reports: numbers, dates, currencies as the report prints them", None),
    "render/docx_writer.py": ("the Decree 30 letterhead and its fixed lines, report text", None),
    "render/textwidth.py": ("Vietnamese letters in a table of character widths, not words", None),
    "period.py": ("the period's label as a report prints it ('tháng 7 năm 2022')", None),
    "records/values.py": ("the Field descriptions of money and goods in the JSON Schema, which editors show "
                          "while a record is typed (the kinds' own words are in records/kinds/builtin.yaml)", None),
    "records/vocabulary.py": ("the eleven default headings a report prints (I.x)", None),
    "config.py": ("the Field descriptions of bcngv.yaml's JSON Schema, and the default report title", None),
    "render/outline.py": ("the words a heading typed with its own number starts with (Phần, Mục, Chương)", None),
    "issued.py": ("the Field descriptions of an issued-document file, in the records' language", None),
    "schema.py": ("the JSON Schema's descriptions, in the records' language, for editors", None),
    "skeleton.py": ("the comments of the record `bcngv new` writes: a file of the office's repository, in "
                    "the records' language like the schema descriptions it quotes", None),
    "render/templating.py": ("the phrases the comparison and ratio filters print into a report", frozenset({
        " (tỷ lệ ", "cùng kỳ", "chưa có số liệu ", "kỳ trước", " để so sánh", " so với ", "bằng ",
        "không thay đổi", "tăng", "giảm"})),
    "pipeline.py": ("the document-number line of the letterhead, report text", frozenset({"Số: "})),
}


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _vietnamese_literals(path: Path) -> list[str]:
    """String literals (not docstrings, which are for developers) holding a letter outside ASCII."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and any(not c.isascii() and unicodedata.category(c).startswith("L") for c in node.value)]


def test_no_module_but_the_catalogue_holds_a_word_of_the_interface() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        allowed = NOT_INTERFACE.get(name, ("", frozenset()))[1]
        if allowed is None:
            continue
        found += [f"{name}: {literal!r}" for literal in _vietnamese_literals(path) if literal not in allowed]
    assert found == [], "move these into bcngv.words (both languages), or list the module with its reason"


def test_every_exception_is_still_needed() -> None:
    # an exemption that no longer exempts anything hides the next word put there
    stale = [name for name, (_, allowed) in NOT_INTERFACE.items()
             if not (PACKAGE / name).exists()
             or not (set(_vietnamese_literals(PACKAGE / name)) & allowed if allowed is not None
                     else _vietnamese_literals(PACKAGE / name))]
    assert stale == []
