"""Mutation testing of the modules that compute figures, periods, Vietnamese wording and record checks.

    python -m mutate [--only period,metrics] [--list]      (`make mutate`; not part of CI)

A small AST mutator rather than mutmut 3, whose limits are the very places these rules live: it
skips @property bodies, never mutates module constants (_TOLERANCE, SAME_TEXT, _CUTOFF_DAY),
enum values, dataclass defaults or regexes, and runs what a module computes at import or test
collection time before a mutant is switched on. Here every mutant is a whole module text: the
module is imported afresh with the mutant in place, in a process forked from one that has loaded
pytest and the libraries but not bcngv, and the module's own tests run against it (one at a time,
first failure stops). Killed: a test fails, or the run exceeds its time limit. Survived: all pass.

The mutations: arithmetic operators (+ -, * /, // /, % *), comparisons (< <=, > >=, == !=, in/not
in, is/is not), `and`/`or` swapped, `not` dropped, numbers +1, strings changed, True/False swapped,
a returned value replaced by None. Annotations and docstrings are left alone.

Survivors judged equivalent (no test can tell them apart) are listed in mutate/equivalent.txt by
their id, with a reason each; the score is killed / (mutants - equivalent).
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib.abc
import importlib.util
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT = Path(__file__).with_name("equivalent.txt")

# module → the tests that pin its rules
MODULES: dict[str, tuple[str, ...]] = {
    "bcngv.period": ("tests/core/test_period.py", "tests/core/test_period_rules.py"),
    "bcngv.metrics": ("tests/stages/test_metrics.py", "tests/stages/test_metrics_rules.py",
                      "tests/stages/test_spans.py"),
    "bcngv.render.vietnamese": ("tests/render/test_vietnamese.py", "tests/render/test_vietnamese_rules.py"),
    "bcngv.records.checks": ("tests/records/test_check_rules.py", "tests/records/test_checks.py",
                             "tests/records/test_duplicate_rules.py", "tests/records/test_check_cost.py",
                             "tests/records/test_silent.py"),
}

# what bcngv and its tests import, loaded before forking so that a run only imports bcngv
_LIBRARIES = ("pytest", "hypothesis", "pydantic", "babel.numbers", "yaml", "jinja2", "jinja2.sandbox", "docx",
              "typer", "typer.testing", "rich")

_SWAPS: dict[type, type] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
    ast.Mod: ast.Mult, ast.Pow: ast.Mult,
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.And: ast.Or, ast.Or: ast.And,
}


@dataclass(frozen=True, slots=True)
class Mutant:
    module: str
    index: int  # the n-th mutation point of the module, in the walk's order
    line: int
    what: str

    @property
    def id(self) -> str:
        """Stable while the line's code is unchanged: the line and what was changed."""
        return f"{self.module}:{self.line}: {self.what}"


class _Mutator(ast.NodeTransformer):
    """Walks a module; mutation point number `target` is changed (-1: none, only counted)."""

    def __init__(self, target: int = -1) -> None:
        self.target, self.points = target, []

    def _point(self, node: ast.AST, what: str) -> bool:
        self.points.append((node.lineno, what))  # type: ignore[attr-defined]
        return len(self.points) - 1 == self.target

    # annotations and docstrings say nothing a test could observe
    def visit_arg(self, node: ast.arg) -> ast.arg:
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AnnAssign:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        body = node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body
        for statement in body:
            self.visit(statement)
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [d if d is None else self.visit(d) for d in node.args.kw_defaults]
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        body = node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body
        for statement in body:
            self.visit(statement)
        return node

    def visit_Module(self, node: ast.Module) -> ast.Module:
        body = node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body
        for statement in body:
            if not isinstance(statement, ast.ImportFrom | ast.Import):
                self.visit(statement)
        return node

    def _swap(self, node: ast.AST, op: ast.AST, make: type) -> ast.AST:
        if self._point(node, f"{type(op).__name__} -> {make.__name__}"):
            return make()
        return op

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if type(node.op) in _SWAPS:
            node.op = self._swap(node, node.op, _SWAPS[type(node.op)])  # type: ignore[assignment]
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        node.ops = [self._swap(node, op, _SWAPS[type(op)]) if type(op) in _SWAPS else op  # type: ignore[misc]
                    for op in node.ops]
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        node.op = self._swap(node, node.op, _SWAPS[type(node.op)])  # type: ignore[assignment]
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._point(node, "not dropped"):
            return node.operand
        if isinstance(node.op, ast.USub) and self._point(node, "unary minus dropped"):
            return node.operand
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._point(node, f"{value} -> {not value}"):
                return ast.Constant(not value)
        elif isinstance(value, int | float):
            if self._point(node, f"{value!r} -> {value + 1!r}"):
                return ast.Constant(value + 1)
        elif isinstance(value, str) and value:
            changed = value + "1" if _numeric(value) else "XX" + value + "XX"
            if self._point(node, f"{value!r} -> {changed!r}"):
                return ast.Constant(changed)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        self.generic_visit(node)
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None) \
                and self._point(node, "return None"):
            node.value = ast.Constant(None)
        return node


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _path(module: str) -> Path:
    return ROOT / "src" / Path(*module.split(".")).with_suffix(".py")


def mutants(module: str) -> list[Mutant]:
    counter = _Mutator()
    counter.visit(ast.parse(_path(module).read_text(encoding="utf-8")))
    seen: dict[tuple[int, str], int] = {}
    found = []
    for index, (line, what) in enumerate(counter.points):
        repeat = seen[line, what] = seen.get((line, what), 0) + 1  # the same change twice on a line: #2
        found.append(Mutant(module, index, line, what if repeat == 1 else f"{what} #{repeat}"))
    return found


def mutated_source(module: str, index: int) -> str:
    tree = ast.parse(_path(module).read_text(encoding="utf-8"))
    return ast.unparse(ast.fix_missing_locations(_Mutator(index).visit(copy.deepcopy(tree))))


class _Serve(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports `module` from the mutated text (the rest of bcngv as it is)."""

    def __init__(self, module: str, source: str) -> None:
        self.module, self.source = module, source

    def find_spec(self, name, path, target=None):  # noqa: ANN001, ANN201 - the finder protocol
        if name != self.module:
            return None
        return importlib.util.spec_from_file_location(name, _path(name), loader=self)

    def create_module(self, spec):  # noqa: ANN001, ANN201
        return None

    def exec_module(self, module) -> None:  # noqa: ANN001
        exec(compile(self.source, str(_path(self.module)), "exec"), module.__dict__)  # noqa: S102


def _run(module: str, source: str | None, tests: tuple[str, ...], limit: float) -> tuple[bool, float]:
    """Whether the tests pass with `source` as the module's text (None: as it is), and how long they took.
    A forked child imports bcngv afresh, so whatever it computes at import time sees the mutant."""
    started = time.monotonic()
    child = os.fork()
    if child == 0:
        import pytest

        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        if source is not None:
            sys.meta_path.insert(0, _Serve(module, source))
        code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=0", *tests])
        os._exit(int(code))
    deadline = started + limit
    while time.monotonic() < deadline:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) == 0, time.monotonic() - started
        time.sleep(0.02)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    return False, limit  # too slow: an endless loop is killed


def _equivalent() -> dict[str, str]:
    """id → reason, from mutate/equivalent.txt ('id  # reason' a line)."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines() if EQUIVALENT.exists() else []:
        if line.strip() and not line.startswith("#"):
            mutant_id, _, reason = line.partition("  # ")
            found[mutant_id.strip()] = reason.strip()
    return found


def _score(module: str, tests: tuple[str, ...], equivalent: dict[str, str]) -> Iterator[str]:
    passed, took = _run(module, mutated_source(module, -1), tests, 600)
    if not passed:
        yield f"{module}: its tests fail before any mutation; fix them first"
        return
    limit = 3 * took + 5
    survived, excused, found = [], [], mutants(module)
    for number, mutant in enumerate(found, 1):
        if _run(module, mutated_source(module, mutant.index), tests, limit)[0]:
            (excused if mutant.id in equivalent else survived).append(mutant)
        print(f"\r{module}: {number}/{len(found)}, {len(survived)} survived", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    counted = len(found) - len(excused)
    killed = counted - len(survived)
    yield f"{module}: {killed}/{counted} killed ({100 * killed / max(counted, 1):.1f}%), " \
          f"{len(excused)} equivalent, {len(found)} mutants, tests {took:.1f} s"
    yield from (f"  survived  {m.id}" for m in survived)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mutate", description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="modules, comma separated (period,metrics,vietnamese,checks)")
    parser.add_argument("--list", action="store_true", help="print the mutants, run nothing")
    options = parser.parse_args()
    chosen = [m for m in MODULES if not options.only or m.rsplit(".", 1)[1] in options.only.split(",")]
    if options.list:
        print("\n".join(m.id for module in chosen for m in mutants(module)))
        return
    os.chdir(ROOT)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]  # this tree's bcngv, whatever the venv installed
    for library in _LIBRARIES:  # loaded once here, shared by every forked run
        importlib.import_module(library)
    equivalent = _equivalent()
    # hypothesis keeps the failing examples of mutants: in a throwaway folder, not the project's .hypothesis
    with tempfile.TemporaryDirectory(prefix="mutate-") as examples:
        os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = examples
        for module in chosen:
            for line in _score(module, MODULES[module], equivalent):
                print(line, flush=True)


if __name__ == "__main__":
    main()
