"""bcngv.yaml problems name the key at fault."""

from __future__ import annotations

import pytest

from bcngv.config import load_config

from conftest import CONFIG


def test_the_bundled_config_loads(repo) -> None:
    config, found = load_config(repo.root)
    assert found == [] and config is not None
    assert config.default_report("month") == "thang"
    assert config.signers["pgd"].lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_missing_config(tmp_path, only) -> None:
    config, found = load_config(tmp_path)
    assert config is None
    assert only(found, "config-missing").path == "bcngv.yaml"


@pytest.mark.parametrize(
    ("text", "code", "line", "key"),
    [
        (CONFIG.replace("  place: Hà Tĩnh\n", ""), "config-invalid", 2, "office.place"),
        (CONFIG.replace("    signer: pgd\n", "    signer: pgd\n    colour: red\n"), "config-invalid", 17, "reports.thang.colour"),
        (CONFIG.replace("    signer: pgd\n", "    signer: gd\n"), "unknown-signer", 16, None),
        (CONFIG.replace("template: thang.md.j2", "template: nam.md.j2"), "template-missing", 12, None),
    ],
)
def test_config_problem_names_the_key_and_line(repo, only, text: str, code: str, line: int, key: str | None) -> None:
    repo.write("bcngv.yaml", text)
    config, found = load_config(repo.root)
    assert config is None
    problem = only(found, code)
    assert (problem.path, problem.line) == ("bcngv.yaml", line)
    if key:
        assert f"'{key}'" in problem.message
