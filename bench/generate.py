"""A synthetic office: the project's own configuration, catalog and templates, and N records of every
kind spread over 2021–2022, made from the project's records (real Vietnamese words and counts).

Each synthetic record is a project record of its kind moved to a new date (every date in it shifted
alike, its folder and target period following) with its counts varied. Two records of one kind on
one day always come from two different project records, and project records that `check` would
call the same activity are dropped first, so the office checks clean under `--strict`.
The same seed gives the same bytes.
"""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bcngv.records.checks import Placed, check_duplicates
from bcngv.records.loader import record_files
from bcngv.records.declared import builtin_kinds
from bcngv.records.validate import validate_record
from bcngv.yamlpos import Located, read_yaml

KINDS = builtin_kinds()

# the checkout the benchmark lives in (bench/ at its root): its configuration, catalog, templates and records
PROJECT = Path(__file__).resolve().parents[1]
COPIED = ("bcngv.yaml", "templates", "records/_catalog")
FIRST_DAY, DAYS = date(2021, 1, 1), 730
_SAME_DAY = date(2022, 1, 3)  # where project records are compared with each other

# the office has no recommendation among its records yet: one in its words
_KIEN_NGHI: dict[str, Any] = {
    "kind": "kien_nghi",
    "date": date(2022, 6, 30),
    "field": "hop_tac_quoc_te",
    "addressee": "Bộ Ngoại giao",
    "text": "Đề nghị Bộ Ngoại giao tiếp tục quan tâm, hướng dẫn tỉnh triển khai các hoạt động đối ngoại "
    "với các địa phương nước bạn Lào, đặc biệt là công tác phân giới, cắm mốc và quản lý biên giới.",
}
# nor a state figure
_SO_LIEU: dict[str, Any] = {
    "kind": "so_lieu",
    "date": date(2022, 6, 30),
    "subject": "luu_hoc_sinh_lao",
    "value": 1100,
    "unit": "lưu học sinh Lào",
    "source": "Công văn số 752/SNgV-VPTTr của Sở Ngoại vụ",
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """A project record to copy: its plain YAML values."""

    value: dict[str, Any]

    @property
    def date(self) -> date:
        return self.value["date"]


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    pass


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value)))


def patterns(project: Path = PROJECT) -> dict[str, list[Pattern]]:
    """The project's valid records by kind, without those that tell the same activity as another."""
    by_kind: dict[str, list[Pattern]] = defaultdict(list)
    placed: dict[str, list[tuple[Placed, Pattern]]] = defaultdict(list)
    for index, path in enumerate(record_files(project)):
        located, _ = read_yaml(path, path.name)
        if located is None:
            continue
        # compared as if all were on one day and counted nothing: counts are varied, so only
        # patterns that differ in something else may share a day
        record, _ = validate_record(Located(_comparable(located.value)), path.name, KINDS)
        if record is None:
            continue
        record._path = f"{index:06d}"
        placed[located.value["kind"]].append((Placed(record, 1, 1), Pattern(located.value)))
    for built_in in (_KIEN_NGHI, _SO_LIEU):
        assert validate_record(Located(built_in), built_in["kind"], KINDS)[0] is not None, f"{built_in['kind']} must be valid"
    for kind, items in placed.items():
        repeated = {d.path for d in check_duplicates([p for p, _ in items])}
        by_kind[kind] = [pattern for p, pattern in items if p.record.path not in repeated]
    by_kind.setdefault("kien_nghi", [Pattern(_KIEN_NGHI)])
    by_kind.setdefault("so_lieu", [Pattern(_SO_LIEU)])
    missing = set(KINDS) - set(by_kind)
    assert not missing, f"no project record of kind {', '.join(sorted(missing))}"
    return dict(sorted(by_kind.items()))


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: item if key == "year" else _comparable(item) for key, item in value.items() if key != "end"}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, date):
        return _SAME_DAY
    if isinstance(value, int) and not isinstance(value, bool):
        return 0
    return value


def shares(total: int, weights: dict[str, int]) -> dict[str, int]:
    """`total` split over the kinds in proportion to `weights`, every kind at least one when possible."""
    whole = sum(weights.values())
    counts = {kind: max(1, total * weight // whole) for kind, weight in weights.items()}
    heaviest = max(weights, key=lambda kind: (weights[kind], kind))
    counts[heaviest] += total - sum(counts.values())
    return counts


def copy_office(project: Path, out: Path, names: tuple[str, ...] = COPIED) -> None:
    """The project's files and folders `names` copied to `out` (the office's configuration, catalog, templates)."""
    for name in names:
        source, target = project / name, out / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def generate(out: Path, records: int, seed: int, project: Path = PROJECT) -> int:
    """Write the office at `out`; returns the number of record files written."""
    copy_office(project, out)
    found = patterns(project)
    rng = random.Random(seed)
    written = 0
    for kind, count in shares(records, {kind: len(items) for kind, items in found.items()}).items():
        items = found[kind]
        if -(-count // DAYS) > len(items):
            raise ValueError(f"{records} records would put one {kind} record twice on a day")
        for number in range(count):
            # spread evenly; records of one day are consecutive numbers, so different patterns
            day = FIRST_DAY + timedelta(days=number * DAYS // count)
            value = moved(items[number % len(items)], day, rng)
            path = out / "records" / f"{day:%Y}" / f"{day:%m}" / f"{day.isoformat()}-{kind}-{number:06d}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                                       width=100, encoding="utf-8"))
            written += 1
    return written


def moved(pattern: Pattern, day: date, rng: random.Random) -> dict[str, Any]:
    """A copy of the pattern's values on `day`, every date shifted alike and the counts varied."""
    value = _shifted(pattern.value, day - pattern.date, rng)
    if "target" in value:  # the task stays planned for the period after its date
        following = (day.replace(day=1) + timedelta(days=32))
        value["target"] = f"{following:%Y-%m}" if "-" in str(pattern.value["target"]) else str(day.year + 1)
    if value["kind"] == "ke_hoach_doan_ra":
        value["year"] = day.year
    if value.get("pages") is not None:  # a stated total equals its parts
        value["pages"] = sum(value.get(part, 0) for part in ("pages_tu_phap", "pages_trung_tam", "pages_noi_dung",
                                                             "pages_hieu_dinh"))
    return value


def _shifted(value: Any, delta: timedelta, rng: random.Random) -> Any:
    if isinstance(value, dict):
        return {key: item if key == "year" else _shifted(item, delta, rng) for key, item in value.items()}
    if isinstance(value, list):
        return [_shifted(item, delta, rng) for item in value]
    if isinstance(value, date):
        return value + delta
    if isinstance(value, int) and not isinstance(value, bool):
        return round(value * rng.uniform(0.5, 1.5))
    return value
