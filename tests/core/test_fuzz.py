"""Whatever is in a file, `check` answers with diagnostics, never with a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bcngv.records.loader import load_records
from bcngv.records.declared import builtin_kinds
from bcngv.records.validate import validate_record
from bcngv.yamlpos import parse_yaml_bytes, parse_yaml_text

from conftest import CATALOG, CONFIG, PROJECT, bcngv

KINDS = builtin_kinds()

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIELDS = sorted({name for model in KINDS.values() for name in model.model_fields} | {"amount", "currency", "name"})
VALUES = [
    "NO", "yes", "on", "~", "1.150", "1.150.000", "1,150", "-3", "08", "0x1F", "1:30", ".inf", "1e3", "9" * 30,
    "2022-02-30", "2022-7-5", "12/07/2022", "2022-07-12 10:00", "250000 USD", "1.150 USD", "5 XXX", "[", "]",
    "{a: 1}", "[lao, NO]", "&a x", "*a", "!!binary eA==", "!x y", "|", ">-", "'", '"', "\t", "- x", "? x",
    "ngan_sach", "ngansach", "Bolykhamxay", "Khăm Muộn", "Ha\u0300 Ti\u0303nh", "\ufeff", "\u2028", "\x85", "---",
    "{partners}", "",
]


def _line(key: str, value: str, indent: int) -> str:
    return f"{' ' * indent}{key}: {value}"


record_like = st.lists(
    st.builds(
        _line,
        st.sampled_from(FIELDS + ["kind", "perons", "x"]),
        st.one_of(st.sampled_from(VALUES + list(KINDS)), st.text(max_size=20)),
        st.sampled_from([0, 0, 0, 2, 4]),
    ),
    max_size=12,
).map(lambda lines: "\n".join(lines) + "\n")


@settings(FUZZ, max_examples=400)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_any_bytes_or_text(data: bytes | str) -> None:
    located, _ = parse_yaml_bytes(data, "r.yaml") if isinstance(data, bytes) else parse_yaml_text(data, "r.yaml")
    if located is not None:
        validate_record(located, "r.yaml", KINDS)


@FUZZ
@given(st.lists(record_like, min_size=1, max_size=3))
def test_record_like_files_through_the_loader(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "records" / "_catalog").mkdir(parents=True)
        (root / "records" / "_catalog" / "doi_tac.yaml").write_text(CATALOG, encoding="utf-8")
        (root / "records" / "2022" / "07").mkdir(parents=True)
        for index, text in enumerate(texts):
            path = root / "records" / "2022" / "07" / f"{index}.yaml"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load_records(root)
        assert loaded.files == len(texts)
        assert all(d.line >= 1 and d.col >= 1 and d.message and d.hint for d in loaded.diagnostics)


@settings(max_examples=30, deadline=None)
@given(record_like)
def test_check_exits_0_or_1_on_any_record(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "bcngv.yaml").write_text(CONFIG, encoding="utf-8")
        shutil.copytree(PROJECT / "templates", root / "templates")
        (root / "records" / "2022" / "07").mkdir(parents=True)
        (root / "records" / "2022" / "07" / "r.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        for fmt in ("text", "json", "github"):
            result = bcngv("check", "--format", fmt, "--root", folder)
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            assert result.exit_code in (0, 1)
