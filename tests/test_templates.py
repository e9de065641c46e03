"""Templates run sandboxed and strict; their mistakes are diagnostics with the template line."""

from __future__ import annotations

import pytest

from bcngv.metrics import Selection
from bcngv.records.catalog import Catalog
from bcngv.render.templating import Renderer


def render(repo, source: str, **context):
    repo.write("templates/t.md.j2", source)
    renderer = Renderer(repo.root / "templates", Catalog())
    return renderer, renderer.render("t.md.j2", context)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a\n{% if x %}\nb\n", "template-syntax", 3),
        ("a\n\n{{ nothing_here }}\n", "template-undefined", 3),
        ("a\n{{ 1 // 0 }}\n", "template-error", 2),
        ("{{ x.__class__.__mro__ }}\n", "template-error", 1),
    ],
)
def test_template_problem_gives_code_and_line(repo, only, text: str, code: str, line: int) -> None:
    _, (out, found) = render(repo, text, x=1)
    assert out is None
    problem = only(found, code)
    assert (problem.path, problem.line) == ("templates/t.md.j2", line)


def test_data_is_escaped_and_figures_are_recorded(repo) -> None:
    renderer, (out, found) = render(repo, "- {{ text }}: {{ s | count }} đoàn, {{ s | count | so(pad=false) }}\n",
                                    text="**x** & <y>", s=Selection([], "records"))
    assert found == []
    assert out == "- \\*\\*x\\*\\* \\& \\<y\\>: 00 đoàn, 0\n"
    assert [(u.text, u.figure.query) for u in renderer.ledger.uses] == [
        ("00", "records.count()"), ("0", "records.count()")]
