"""The office's configuration, `bcngv.yaml`: who the office is, who signs, which reports it writes."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationError

from bcngv.cachedir import Keeping, Sources, sources_of
from bcngv.confine import Refused, resolve_inside
from bcngv.diagnostics import Diagnostic, diag
from bcngv.records.declared import Kinds, builtin_kinds, builtin_source, declaration_files, load_kinds, restored
from bcngv.records.vocabulary import DEFAULT_FIELDS, Sections
from bcngv.repository import CONFIG_FILE, Repository, plain_id, plain_template_name

if TYPE_CHECKING:
    from bcngv.yamlpos import Located

KEPT = "config.kept"  # the name of a configuration kept in the user's cache (cachedir.Keeping)


# how a heading level is numbered (render/outline.py): I., 1., 2.1., a), or not at all
OutlineScheme = Literal["roman", "arabic", "decimal", "letter", "none"]
DEFAULT_OUTLINE: tuple[OutlineScheme, ...] = ("roman", "arabic", "letter", "none")


class _Strict(BaseModel):
    # defer_build: a run that takes its configuration as kept (cachedir.Keeping) builds no validator
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Office(_Strict):
    parent_body: str = Field(description="cơ quan chủ quản, ví dụ UBND TỈNH HÀ TĨNH")
    agency: str = Field(description="tên cơ quan, ví dụ SỞ NGOẠI VỤ")
    abbreviation: str = Field(description="chữ viết tắt, ví dụ SNgV")
    place: str = Field(description="địa danh ghi ở dòng ngày tháng, ví dụ Hà Tĩnh")


class Signer(_Strict):
    name: str
    lines: list[str] = Field(min_length=1, description="quyền hạn, chức vụ, ví dụ [KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC]")


class ReportKind(_Strict):
    template: str = Field(description="tệp mẫu trong templates/")
    shape: Literal["bao_cao", "cong_van"] = "bao_cao"
    number: str = Field(description="ký hiệu văn bản sau số, ví dụ BC-SNgV")
    title: str = "BÁO CÁO"
    summary: str = Field(description="trích yếu (Jinja: {{ period.label }} …)")
    addressee: str | None = None
    recipients: list[str] = Field(min_length=1)
    signer: str
    default_for: list[str] = Field([], description="loại kỳ dùng báo cáo này theo mặc định, ví dụ [month]")
    pad_counts: bool = Field(True, description="viết số đếm dưới 10 có số 0 đứng trước (05)")
    # a long-period report (a yearly review, a term report) tells each record's `short:` where it has one
    depth: Literal["detail", "summary"] = Field(
        "detail", description="detail: kể nội dung đầy đủ (text); summary: kể nội dung tóm tắt (short) nếu hồ sơ có")
    # a digest (a yearly socio-economic report) picks what it tells: the records it leaves out are not listed
    selective: bool = Field(False, description="báo cáo chọn lọc: không liệt kê các hồ sơ trong kỳ mà báo cáo không kể")
    windows: Literal["calendar", "nghi_dinh_09"] = Field(
        "calendar", description="kỳ số liệu: theo tháng dương lịch, hoặc chốt từ ngày 15 đến ngày 14 (Nghị định 09/2019)"
    )
    outline: tuple[OutlineScheme, ...] = Field(
        DEFAULT_OUTLINE, min_length=1, max_length=6,
        description="cách đánh số đề mục theo cấp (#, ##, ###, ####…): roman (I.), arabic (1.), "
                    "decimal (2.1.), letter (a)), none (không đánh số)",
    )


# a key of `fields:` or `topics:`, as records write it: plain lower-case words joined by "_"
SectionKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SectionWords = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Config(_Strict):
    office: Office
    signers: dict[str, Signer]
    reports: dict[str, ReportKind]
    # the headings a record's `field` may name, in the order reports tell them (records/vocabulary.py)
    fields: dict[SectionKey, SectionWords] = Field(
        default_factory=lambda: dict(DEFAULT_FIELDS), min_length=1,
        description="lĩnh vực (đề mục) của văn phòng: mã → tên in trong báo cáo, theo thứ tự kể",
    )
    topics: dict[SectionKey, SectionWords] = Field(
        default_factory=dict, description="chủ đề hồ sơ có thể mang (topic:): mã → tên, theo thứ tự kể",
    )

    _kinds: Kinds = PrivateAttr(default_factory=builtin_kinds)  # the office's kinds/ (records/declared.py)
    _summary_lines: dict[str, int] = PrivateAttr(default_factory=dict)  # report id → its `summary:` line

    @property
    def sections(self) -> Sections:
        return Sections(self.fields, self.topics, self._kinds)

    def summary_line(self, report_id: str) -> int:
        """The line of bcngv.yaml where the report's `summary:` starts: where its diagnostics point."""
        return self._summary_lines.get(report_id, 1)

    def default_report(self, period_kind: str) -> str | None:
        return next((rid for rid, kind in self.reports.items() if period_kind in kind.default_for), None)


def load_config(root: Path, keeping: Keeping | None = None) -> tuple[Config | None, list[Diagnostic]]:
    """Read `bcngv.yaml` and the office's record kinds (kinds/*.yaml); problems name the key at
    fault and are configuration errors (exit 2), those of both files in one run. With `keeping`,
    a configuration read clean from the very same bytes before is taken as it was kept."""
    if keeping is None:
        return _read(root)
    return keeping.made(KEPT, lambda: _sources(root), lambda: _read(root), lambda kept: _recalled(root, kept), _kept)


def _sources(root: Path) -> Sources | None:
    """What a configuration is made of: bcngv's own kinds, bcngv.yaml and the office's kinds."""
    office = sources_of(root, [root / CONFIG_FILE, *(declaration_files(root) or ())])
    return None if office is None else (builtin_source(), *office)


def _kept(config: Config) -> tuple[Config, tuple[object, ...]]:
    """The configuration with its kinds apart: kept as made, not as a worker rebuilds them."""
    bare = config.model_copy()
    bare._kinds = None  # type: ignore[assignment]
    return bare, config._kinds.kept()


def _recalled(root: Path, kept: object) -> Config | None:
    """A kept configuration, unless its templates are no longer there as they were (the files say
    where and why)."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], Config)):
        return None
    config, kinds = kept
    for kind in config.reports.values():
        if _template_problems(root, kind.template, 1, 1):  # kept clean: every name a plain one
            return None
    config._kinds = restored(*kinds)
    return config


def _read(root: Path) -> tuple[Config | None, list[Diagnostic]]:
    kinds, problems = load_kinds(root)
    config, found = _read_config(root)
    if config is None or problems:
        return None, found + problems
    config._kinds = kinds
    return config, []


def _read_config(root: Path) -> tuple[Config | None, list[Diagnostic]]:
    from bcngv.confined_yaml import read_yaml_inside

    path = root / CONFIG_FILE
    if not os.path.lexists(path):  # a link that dangles is there: read_yaml_inside says why it is refused
        return None, [diag("config-missing", CONFIG_FILE)]
    located, found = read_yaml_inside(root, path, CONFIG_FILE)
    if located is None or found:
        return None, found
    problems = _unsafe_names(located)
    try:
        config = Config.model_validate(located.value)
    except ValidationError as err:
        for error in err.errors():
            loc = tuple(error["loc"])
            line, col = located.position(loc, key=error["type"] == "extra_forbidden")
            key = ".".join(map(str, loc))
            problems.append(diag("config-invalid", CONFIG_FILE, line, col, key=key, problem=error["msg"]))
        return None, problems
    # kept from this reading of the file, so that compiling and composing need not read it again
    config._summary_lines = {rid: located.position(("reports", rid, "summary"))[0] for rid in config.reports}
    for rid, kind in config.reports.items():
        if kind.signer not in config.signers:
            line, col = located.position(("reports", rid, "signer"))
            problems.append(diag("unknown-signer", CONFIG_FILE, line, col, value=kind.signer, choices=", ".join(config.signers)))
        if plain_template_name(kind.template):
            line, col = located.position(("reports", rid, "template"))
            problems += _template_problems(root, kind.template, line, col)
    return (None, problems) if problems else (config, [])


def _unsafe_names(located: Located) -> list[Diagnostic]:
    """Report and signer ids that are not plain ids, template names that are not plain relative
    names, each at its key or value; checked on the raw values, so alongside any other problem."""
    value = located.value if isinstance(located.value, dict) else {}
    found = []
    for section, code in (("reports", "invalid-report-id"), ("signers", "invalid-signer-id")):
        entries = value.get(section)
        for ident in entries if isinstance(entries, dict) else {}:
            if not plain_id(ident):
                line, col = located.position((section, ident), key=True)
                found.append(diag(code, CONFIG_FILE, line, col, value=ident))
    reports = value.get("reports")
    for rid, body in reports.items() if isinstance(reports, dict) else ():
        template = body.get("template") if isinstance(body, dict) else None
        if isinstance(template, str) and not plain_template_name(template):
            line, col = located.position(("reports", rid, "template"))
            found.append(diag("invalid-template-name", CONFIG_FILE, line, col, value=template))
    return found


def _template_problems(root: Path, name: str, line: int, col: int) -> list[Diagnostic]:
    """The template must be on the search path: the office's own must be a file inside the
    repository (a link that leaves it, dangles or loops is refused at the `template:` line, as a
    missing template is); where the office has none of that name, a built-in one will do."""
    office, *built_in = Repository(root).template_path
    path = office / name
    if os.path.lexists(path):  # the office's own, even a bad one, hides the built-in (as the loader does)
        try:
            if resolve_inside(root, path).is_file():
                return []
        except Refused as refused:
            return [replace(refused.diagnostic(CONFIG_FILE), line=line, col=col)]
    elif any((folder / name).is_file() for folder in built_in):
        return []
    return [diag("template-missing", CONFIG_FILE, line, col, value=name)]
