"""The office's configuration, `bcngv.yaml`: who the office is, who signs, which reports it writes."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bcngv.diagnostics import Diagnostic, diag
from bcngv.yamlpos import read_yaml

CONFIG_FILE = "bcngv.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    windows: Literal["calendar", "nghi_dinh_09"] = Field(
        "calendar", description="kỳ số liệu: theo tháng dương lịch, hoặc chốt từ ngày 15 đến ngày 14 (Nghị định 09/2019)"
    )


class Config(_Strict):
    office: Office
    signers: dict[str, Signer]
    reports: dict[str, ReportKind]

    def default_report(self, period_kind: str) -> str | None:
        return next((rid for rid, kind in self.reports.items() if period_kind in kind.default_for), None)


def load_config(root: Path) -> tuple[Config | None, list[Diagnostic]]:
    """Read `bcngv.yaml`; problems name the key at fault and are configuration errors (exit 2)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return None, [diag("config-missing", CONFIG_FILE)]
    located, found = read_yaml(path, CONFIG_FILE)
    if located is None or found:
        return None, found
    try:
        config = Config.model_validate(located.value)
    except ValidationError as err:
        result = []
        for error in err.errors():
            loc = tuple(error["loc"])
            line, col = located.position(loc, key=error["type"] == "extra_forbidden")
            key = ".".join(map(str, loc))
            result.append(diag("config-invalid", CONFIG_FILE, line, col, key=key, problem=error["msg"]))
        return None, result
    problems = []
    for rid, kind in config.reports.items():
        if kind.signer not in config.signers:
            line, col = located.position(("reports", rid, "signer"))
            problems.append(diag("unknown-signer", CONFIG_FILE, line, col, value=kind.signer, choices=", ".join(config.signers)))
        if not (root / "templates" / kind.template).is_file():
            line, col = located.position(("reports", rid, "template"))
            problems.append(diag("template-missing", CONFIG_FILE, line, col, value=kind.template))
    return (None, problems) if problems else (config, [])
