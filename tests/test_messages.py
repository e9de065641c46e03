"""The message catalogue is complete in both languages, and every code is tested."""

from __future__ import annotations

from pathlib import Path

import pytest

from bcngv.messages import CATALOGUE, hint, message

TESTS = Path(__file__).parent


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_languages(code: str) -> None:
    entry = CATALOGUE[code]
    assert entry.severity in ("error", "warning")
    assert all([entry.vi, entry.vi_hint, entry.en, entry.en_hint])
    assert message(code, {}, "vi") != message(code, {}, "en")


def test_every_code_is_exercised_by_a_test() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py") if p.name != Path(__file__).name)
    untested = [code for code in CATALOGUE if f'"{code}"' not in sources]
    assert untested == []


def test_suggestions_follow_the_language() -> None:
    args = {"kind": "doan_ra", "key": "perons", "fields": "persons", "close": ("persons",)}
    assert hint("unknown-field", args, "vi").startswith("Có phải là 'persons'? ")
    assert hint("unknown-field", args, "en").startswith("Did you mean 'persons'? ")
