"""Data flows one way through the pipeline, and imports follow it: a module imports only modules of
its own stage or of the stages below it, never above, never in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bcngv"

# the levels, lowest first: core → stages → pipeline → commands → cli and presentation; a module's
# level is that of the longest prefix listed here
STAGES: list[set[str]] = [
    # core: types, words, the layout, reading and writing files safely
    {"words", "diagnostics", "repository", "builtin", "aside", "sourcetext", "yamlpos", "confine", "confined_yaml", "cachedir", "period",
     "yamlslips", "output", "render.blocks", "render.textwidth"},
    # the stages, in the order data flows through them
    {"config", "issued", "records.values", "records.models", "records.declared", "records.vocabulary", "records.catalog"},
    {"records", "schema", "skeleton", "scaffold", "compiled_memo"},
    {"metrics"},
    {"render", "stats", "provenance", "pdf", "diagnostics_output"},
    {"pipeline"},
    {"commands", "serve"},  # serve: the browser's pages, a command's machinery (commands.serve runs it)
    {"cli", "usage", "presentation", "__main__"},
]
# what a command reaches only through the pipeline
PIPELINE_STAGES = ("records.loader", "render")


def stage(module: str) -> int:
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        for level, names in enumerate(STAGES):
            if prefix in names:
                return level
    raise AssertionError(f"bcngv.{module} is in no stage of tests/test_layers.py: place it")


def modules() -> dict[str, set[str]]:
    """Every module of the package with the bcngv modules it imports (anywhere in the file)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        imports = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bcngv"):
                base = node.module.removeprefix("bcngv").lstrip(".")
                imports |= {f"{base}.{a.name}".lstrip(".") if not base or (PACKAGE / base.replace(".", "/") / f"{a.name}.py").exists() else base for a in node.names}
            elif isinstance(node, ast.Import):
                imports |= {a.name.removeprefix("bcngv.") for a in node.names if a.name.startswith("bcngv.")}
        found[name or "__init__"] = {i for i in imports if i and i != "__version__"}
    return found


@pytest.mark.parametrize(("module", "imported"), sorted((m, i) for m, found in modules().items() for i in found if m != "__init__"))
def test_no_import_reaches_up_the_pipeline(module: str, imported: str) -> None:
    assert stage(imported) <= stage(module), f"bcngv.{module} (stage {stage(module)}) imports bcngv.{imported} (stage {stage(imported)})"


def test_no_import_cycle() -> None:
    graph = {m: {i for i in found if i in modules_cache} for m, found in modules_cache.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != 1, " → ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_no_command_runs_a_stage_of_the_pipeline_itself() -> None:
    """check, build, show, explain, stats and watch each call the pipeline: none imports the loader
    or the renderer directly."""
    reached = {m: sorted(i for i in found if i.startswith(PIPELINE_STAGES))
               for m, found in modules_cache.items() if m.startswith("commands.")}
    assert {m for m in reached} >= {f"commands.{c}" for c in ("check", "build", "show", "explain", "stats", "watch")}
    assert {m: found for m, found in reached.items() if found} == {}


modules_cache = modules()
