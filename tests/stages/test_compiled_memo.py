"""check remembers that unchanged templates compiled clean, and never hides a change."""

from __future__ import annotations

import sys

from conftest import bcngv


def check(repo) -> tuple[int, str]:
    result = bcngv("check", root=repo.root)
    return result.exit_code, result.output


def test_a_warm_check_of_unchanged_templates_needs_no_renderer(repo) -> None:
    assert check(repo)[0] == 0
    sys.modules.pop("bcngv.render.templating", None)
    assert check(repo)[0] == 0
    assert "bcngv.render.templating" not in sys.modules  # the memo answered


def test_a_template_changed_after_a_clean_check_is_compiled_again(repo) -> None:
    assert check(repo)[0] == 0
    repo.write("templates/thang.md.j2", "# Báo cáo\n\n{{ records | count }\n")
    code, output = check(repo)
    assert code == 1 and "templates/thang.md.j2:3:1: error template-syntax" in output
    code, output = check(repo)  # a problem is never remembered: reported every time
    assert code == 1 and "template-syntax" in output


def test_a_summary_changed_after_a_clean_check_is_compiled_again(repo) -> None:
    assert check(repo)[0] == 0
    config = repo.root / "bcngv.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("{{ period.label }}", "{{ period.label }"), encoding="utf-8")
    code, output = check(repo)
    assert code == 1 and "bcngv.yaml:14:" in output and "template-syntax" in output
