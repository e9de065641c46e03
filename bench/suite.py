"""The measures of issues 8 and 18: each a whole process timed against its baseline in alternated
runs, printed as medians and ratios with the target each ratio must meet; beside them, pandoc on the
same report (when installed), a rebuild inside a running `watch`, and `serve`'s pages once warm."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.generate import COPIED, PROJECT, copy_office, generate
from bench.timing import Pair, environment, paired, reported, run_once, use_environment

SEED = 1
SIZES = (2_000, 20_000, 100_000)
PYTHON = sys.executable
STACK = [PYTHON, "-c", "import typer, rich, yaml, jinja2, docx, pydantic"]
# the same record files read with PyYAML's C loader, in one process: what reading alone costs
C_PARSE = [PYTHON, "-c", (
    "import os, yaml\n"
    "for folder, subfolders, names in os.walk('records'):\n"
    "    subfolders[:] = sorted(s for s in subfolders if not s.startswith(('_', '.')))\n"
    "    for name in sorted(names):\n"
    "        if name.endswith('.yaml'):\n"
    "            yaml.load(open(os.path.join(folder, name), 'rb').read(), Loader=yaml.CSafeLoader)\n"
)]
REVIEW = ["--period", "2022", "--report", "kiem-diem", "--as-of", "2022-11-07"]  # the 2022 review
KIEM_DIEM = ["build", *REVIEW, "--out", "build"]
GiB = 1 << 30
SERVE_SECONDS = 0.2  # each warm page of `bcngv serve`
# rebuilds in one process, as `watch` does after a change: the first pays the imports and fills the
# cache, the next ones are timed; prints the median seconds
_REBUILDS = """
import json, statistics, sys, time
from pathlib import Path
from bcngv.commands.build import build
from bcngv.pipeline import Options
from bcngv.repository import Repository
repository, options = Repository.find(Path(".")), Options(period="2022", report="kiem-diem", as_of=__import__("datetime").date(2022, 11, 7))
build(repository, options)
times = []
for _ in range(int(sys.argv[1])):
    started = time.perf_counter()
    assert build(repository, options).written is not None
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times)}))
"""
# `bcngv serve`'s pages once warm, in one process (bcngv/serve/timing.py, issue 17)
_SERVE = """
import json
from pathlib import Path
from bcngv.repository import Repository
from bcngv.serve.timing import warm_timings
print(json.dumps(warm_timings(Repository.find(Path(".")))))
"""


@dataclass(frozen=True, slots=True)
class Row:
    measure: str
    baseline: str
    pair: Pair
    target: float | None  # the ratio not to exceed; None for a row kept for information

    @property
    def met(self) -> bool:
        return self.target is None or self.pair.ratio <= self.target


def bcngv(*args: str) -> list[str]:
    return [PYTHON, "-m", "bcngv", *args]


def office(folder: Path, records: int) -> Path:
    """The synthetic office of that size, generated once and kept."""
    root = folder / f"office-{records}"
    done = root / ".generated"
    if not done.exists():
        print(f"generating {records} records in {root} …", file=sys.stderr, flush=True)
        generate(root, records, SEED)
        done.write_text(f"{records} {SEED}\n")
    return root


def warmed(command: Sequence[str], cwd: Path) -> Sequence[str]:
    run_once(command, cwd)  # fills the cache
    return command


def measures(folder: Path, runs: int) -> list[Row]:
    small, medium, large = (office(folder, size) for size in SIZES)
    heavy = max(3, runs // 2)
    rows = [Row("bcngv --help", "python -c pass", paired(bcngv("--help"), [PYTHON, "-c", "pass"], small, runs), 10.0)]
    for name, args in (("check", ["check"]), ("build kiem-diem", KIEM_DIEM)):
        rows.append(Row(f"{name}, 2,000, cold", "stack import",
                        paired(bcngv(*args, "--no-cache"), STACK, small, runs), 3.5 if name != "check" else None))
        rows.append(Row(f"{name}, 2,000, warm", "stack import",
                        paired(warmed(bcngv(*args), small), STACK, small, runs), 2.0 if name != "check" else None))
    rows.append(Row("check, 100,000, cold", "C-loader parse", paired(bcngv("check", "--no-cache"), C_PARSE, large, heavy), 0.7))
    rows.append(Row("check, 100,000, warm", "C-loader parse", paired(warmed(bcngv("check"), large), C_PARSE, large, heavy), 0.15))
    warmed(bcngv(*KIEM_DIEM), medium)
    growth = paired([PYTHON, "-c", _IN % str(medium.resolve()), *bcngv(*KIEM_DIEM)],
                    [PYTHON, "-c", _IN % str(small.resolve()), *bcngv(*KIEM_DIEM)], folder, heavy)
    rows.append(Row("build, 20,000 ÷ 2,000, warm", "build 2,000, warm", growth, 12.0))
    return rows + beside_pandoc(folder, runs) + serve_rows(folder)


def review(folder: Path) -> Path:
    """The project's own office (its 2022 review: the issue's 368 records), copied once."""
    root = folder / "review"
    if not (root / ".copied").exists():
        copy_office(PROJECT, root, (*COPIED, "records"))
        (root / ".copied").write_text("project\n")
    return root


def beside_pandoc(folder: Path, runs: int) -> list[Row]:
    """The whole build of the 2022 review against pandoc turning its Markdown into a .docx, and a
    rebuild inside a running `watch` (imports paid, records cached) against the same pandoc run."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc is not installed: the rows beside pandoc are left out", file=sys.stderr)
        return []
    root = review(folder)
    markdown = subprocess.run(bcngv("show", *REVIEW, "--quiet"), cwd=root, env=environment(folder),
                              capture_output=True, text=True, check=True).stdout
    (root / "r.md").write_text(markdown, encoding="utf-8")
    converting = [pandoc, "r.md", "-o", "r.docx"]
    rows = [Row("build, the 2022 review, warm", "pandoc r.md", paired(warmed(bcngv("build", *REVIEW), root), converting, root, runs), 2.5)]
    inside = reported([PYTHON, "-c", _REBUILDS, str(runs)], converting, root, runs)
    rows.append(Row("rebuild inside watch", "pandoc r.md", inside, 1.0))
    return rows


def serve_rows(folder: Path) -> list[Row]:
    """`bcngv serve`'s record list, form and report preview once warm, each under 0.2 s: measured in
    one process by bcngv/serve/timing.py."""
    done = subprocess.run([PYTHON, "-c", _SERVE], cwd=review(folder), env=environment(folder),
                          capture_output=True, text=True, check=True)
    pages: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return [Row(f"serve {page}, warm", f"{SERVE_SECONDS} s", Pair(seconds, SERVE_SECONDS, 0), 1.0)
            for page, seconds in pages.items()]


# runs the rest of the command line in another folder: paired() runs both commands in one
_IN = "import os, subprocess, sys; sys.exit(subprocess.run(sys.argv[1:], cwd=%r).returncode)"


def table(rows: list[Row]) -> str:
    lines = [
        "| measure | baseline | median | baseline median | ratio | target | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        pair = row.pair
        target = "" if row.target is None else f"≤ {row.target:g}× {'met' if row.met else 'NOT MET'}"
        lines.append(f"| {row.measure} | {row.baseline} | {pair.seconds:.2f} s | {pair.baseline_seconds:.2f} s "
                     f"| {pair.ratio:.2f}× | {target} | {f'{pair.peak_bytes / (1 << 20):.0f} MiB' if pair.peak_bytes else ''} |")
    return "\n".join(lines)


def run_suite(folder: Path, runs: int) -> bool:
    """Print the table; True when every target is met (peak memory of `check` on 100,000 included)."""
    folder.mkdir(parents=True, exist_ok=True)
    use_environment(folder)
    rows = measures(folder, runs)
    print(table(rows))
    peak = max(r.pair.peak_bytes for r in rows if r.measure.startswith("check, 100,000"))
    print(f"\npeak memory of check on 100,000 records: {peak / GiB:.2f} GiB (target ≤ 1 GiB)")
    return all(r.met for r in rows) and peak <= GiB
