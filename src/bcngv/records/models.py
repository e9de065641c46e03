"""The record kinds: one pydantic model per kind of activity, chosen by `kind`.

Enumerations carry the Vietnamese words a report prints (`Funding.NGAN_SACH.label` is
"ngân sách Nhà nước"), so the wording lives in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, TypeAdapter, model_validator


class Labelled(StrEnum):
    """A string enumeration whose members also carry the Vietnamese label a report prints."""

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class WorkField(Labelled):
    """The field of work a record is told under (the I.x headings of a report)."""

    HOP_TAC_QUOC_TE = "hop_tac_quoc_te", "hợp tác quốc tế"
    DOAN_RA_DOAN_VAO = "doan_ra_doan_vao", "quản lý đoàn ra, đoàn vào"
    LANH_SU = "lanh_su", "lãnh sự, bảo hộ công dân"
    BIEN_GIOI = "bien_gioi", "biên giới"
    NGUOI_VIET = "nguoi_viet", "người Việt Nam ở nước ngoài"
    THONG_TIN = "thong_tin", "thông tin đối ngoại"
    VAN_PHONG = "van_phong", "văn phòng, tổ chức bộ máy và thanh tra"
    CAI_CACH = "cai_cach", "cải cách hành chính"
    DICH_THUAT = "dich_thuat", "dịch thuật, dịch vụ đối ngoại và thủ tục hành chính"
    CHI_DAO = "chi_dao", "chỉ đạo, điều hành"
    KHAC = "khac", "nhiệm vụ khác"


class Funding(Labelled):
    NGAN_SACH = "ngan_sach", "ngân sách Nhà nước"
    TU_TUC = "tu_tuc", "tự túc kinh phí"
    TRUNG_UONG = "trung_uong", "Trung ương đài thọ"
    DOI_TAC = "doi_tac", "đối tác đài thọ"


class Approver(Labelled):
    TINH = "tinh", "thẩm quyền tỉnh phê duyệt"
    TRUNG_UONG = "trung_uong", "thẩm quyền Trung ương phê duyệt"


class GuestType(Labelled):
    CO_QUAN_DAI_DIEN = "co_quan_dai_dien", "cơ quan đại diện nước ngoài"
    TO_CHUC_QUOC_TE = "to_chuc_quoc_te", "tổ chức quốc tế"
    NGO = "ngo", "tổ chức phi chính phủ nước ngoài"
    DIA_PHUONG = "dia_phuong", "địa phương nước ngoài"
    DOANH_NGHIEP = "doanh_nghiep", "doanh nghiệp"


class Channel(Labelled):
    """Whom an advisory paper went to: the 003 report joins papers into one paragraph per channel."""

    UBND_TINH = "ubnd_tinh", "Tham mưu UBND tỉnh"
    TINH_UY = "tinh_uy", "Tham mưu Thường trực Tỉnh ủy"
    BO_NGOAI_GIAO = "bo_ngoai_giao", "Văn bản gửi Bộ Ngoại giao"
    SO_NGANH = "so_nganh", "Văn bản gửi các sở, ngành, đơn vị"
    DOI_TAC = "doi_tac", "Văn bản gửi đối tác nước ngoài"
    PHOI_HOP = "phoi_hop", "Phối hợp"
    NOI_BO = "noi_bo", "Hoàn thành các văn bản, báo cáo"


class Currency(StrEnum):
    VND = "VND"
    USD = "USD"
    LAK = "LAK"


Count = Annotated[int, Field(ge=0)]
Date = Annotated[dt.date, Field(description="ngày, dạng NĂM-THÁNG-NGÀY (2022-07-29)")]
PartnerIds = Annotated[list[str], Field(description="mã đối tác trong danh mục records/_catalog/")]

_MONEY_TEXT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]{3})\s*")


class Money(BaseModel):
    """An exact amount in a currency; also written as text: `250000 USD`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: Annotated[Decimal, Field(ge=0, description="số tiền, không có dấu chấm phân cách")]
    currency: Currency

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str) and (match := _MONEY_TEXT.fullmatch(value)):
            return {"amount": match.group(1), "currency": match.group(2).upper()}
        return value


class RecordBase(BaseModel):
    """What every record has: a date, the field it is told under, words and partners."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    date: Date
    end: Date | None = Field(None, description="ngày kết thúc (nếu hoạt động kéo dài nhiều ngày)")
    field: WorkField = Field(WorkField.HOP_TAC_QUOC_TE, description="lĩnh vực (đề mục I.x của báo cáo)")
    text: str = Field("", description="nội dung báo cáo kể lại; {partners} được thay bằng tên đối tác")
    partners: PartnerIds = []
    footnote: str | None = Field(None, description="chú thích cuối trang")
    illustrative: bool = Field(False, description="số liệu minh họa, không phải sự kiện thật")

    _path: str = PrivateAttr("")

    @property
    def path(self) -> str:
        """The file the record came from, relative to the repository root."""
        return self._path

    @model_validator(mode="after")
    def _end_after_start(self) -> RecordBase:
        if self.end is not None and self.end < self.date:
            raise ValueError("end-before-start")
        return self


class DoanRa(RecordBase):
    """Đoàn ra: a delegation of the province going abroad."""

    kind: Literal["doan_ra"]
    field: WorkField = WorkField.DOAN_RA_DOAN_VAO
    persons: Count = Field(description="số lượt cán bộ, công chức, viên chức")
    led_by_provincial_leader: bool = Field(False, description="do lãnh đạo tỉnh chủ trì")
    funding: Funding = Field(description="nguồn kinh phí")
    approved_by: Approver = Field(Approver.TINH, description="cấp phê duyệt")
    in_plan: bool = Field(True, description="thuộc kế hoạch đoàn ra đã được phê duyệt")
    countries: PartnerIds = []


class DoanVao(RecordBase):
    """Đoàn vào: a foreign delegation received in the province."""

    kind: Literal["doan_vao"]
    field: WorkField = WorkField.DOAN_RA_DOAN_VAO
    visitors: Count = Field(description="số lượt khách quốc tế")
    received_by_provincial_leader: bool = Field(False, description="do lãnh đạo tỉnh đón tiếp")
    guest_type: GuestType = Field(GuestType.DIA_PHUONG, description="loại khách")
    countries: PartnerIds = []


class ThamMuu(RecordBase):
    """Tham mưu: an advisory paper or other work item, told in a list joined by channel."""

    kind: Literal["tham_muu"]
    field: WorkField
    channel: Channel = Field(Channel.UBND_TINH, description="gửi/tham mưu cho ai")
    text: str = Field(min_length=1, description="nội dung (ví dụ: xin chủ trương tổ chức …)")


class SuKien(RecordBase):
    """Sự kiện: a notable event told as narrative."""

    kind: Literal["su_kien"]
    field: WorkField
    text: str = Field(min_length=1)


class NhiemVu(RecordBase):
    """Nhiệm vụ: a task planned for a later period (section II/III of a report)."""

    kind: Literal["nhiem_vu"]
    target: str = Field(description="kỳ thực hiện, ví dụ 2022-08 hoặc 2023")
    text: str = Field(min_length=1)


AnyRecord = Annotated[Union[DoanRa, DoanVao, ThamMuu, SuKien, NhiemVu], Field(discriminator="kind")]

KINDS: dict[str, type[RecordBase]] = {
    model.model_fields["kind"].annotation.__args__[0]: model  # type: ignore[union-attr]
    for model in (DoanRa, DoanVao, ThamMuu, SuKien, NhiemVu)
}

RECORD_ADAPTER: TypeAdapter[RecordBase] = TypeAdapter(AnyRecord)
