"""The record kinds: one pydantic model per kind of activity, chosen by `kind`.

Enumerations carry the Vietnamese words a report prints (`Funding.NGAN_SACH.label` is
"ngân sách Nhà nước"), so the wording lives in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, TypeAdapter, model_validator
from pydantic_core import PydanticCustomError


class Labelled(StrEnum):
    """A string enumeration whose members also carry the Vietnamese label a report prints."""

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


# The fields of work a record may be told under (the I.x headings of a report), in the order a
# report tells them: the office's own when bcngv.yaml declares `fields:`, else these. The one place
# the eleven of the monthly report are written.
DEFAULT_FIELDS: dict[str, str] = {
    "hop_tac_quoc_te": "hợp tác quốc tế",
    "doan_ra_doan_vao": "quản lý đoàn ra, đoàn vào",
    "lanh_su": "lãnh sự, bảo hộ công dân",
    "bien_gioi": "biên giới",
    "nguoi_viet": "người Việt Nam ở nước ngoài",
    "thong_tin": "thông tin đối ngoại",
    "van_phong": "văn phòng, tổ chức bộ máy và thanh tra",
    "cai_cach": "cải cách hành chính",
    "dich_thuat": "dịch thuật, dịch vụ đối ngoại và thủ tục hành chính",
    "chi_dao": "chỉ đạo, điều hành",
    "khac": "nhiệm vụ khác",
}


@dataclass(frozen=True, slots=True)
class Sections:
    """The office's vocabulary of headings: the keys a record's `field` and `topic` may name, each
    with the words a report prints, in the order a report tells them. A record names a key, not a
    member of an enumeration, so that each office (each report kind) can have headings of its own."""

    fields: Mapping[str, str] = dc_field(default_factory=lambda: dict(DEFAULT_FIELDS))
    topics: Mapping[str, str] = dc_field(default_factory=dict)

    def of(self, name: str) -> Mapping[str, str]:
        """The keys and words of `field` or `topic`."""
        return self.fields if name == "field" else self.topics

    @property
    def version(self) -> str:
        """What the per-file checks read from the vocabulary: part of the record cache's key."""
        return repr((list(self.fields.items()), list(self.topics.items())))


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


class PlanStatus(Labelled):
    TRONG_KE_HOACH = "trong_ke_hoach", "theo kế hoạch đã được Thủ tướng Chính phủ phê duyệt"
    NGOAI_KE_HOACH = "ngoai_ke_hoach", "phát sinh ngoài kế hoạch"


class ConferenceTopic(Labelled):
    TUYEN_TRUYEN = "tuyen_truyen", "tuyên truyền"
    TAP_HUAN = "tap_huan", "tập huấn nâng cao năng lực"
    GIAO_DUC = "giao_duc", "giáo dục đào tạo"
    TRUYEN_THONG = "truyen_thong", "truyền thông"
    HOI_DAM = "hoi_dam", "hội đàm, hội nghị hợp tác"


class AgreementLevel(Labelled):
    CAP_TINH = "cap_tinh", "nhân danh cấp tỉnh"
    SO_NGANH = "so_nganh", "nhân danh các cơ quan, tổ chức, đơn vị trực thuộc"
    CAP_HUYEN = "cap_huyen", "nhân danh cấp huyện"
    CAP_XA = "cap_xa", "nhân danh cấp xã"


class NgoAction(Labelled):
    DANG_KY = "dang_ky", "cấp, bổ sung Giấy đăng ký hoạt động"
    DU_AN = "du_an", "phê duyệt tiếp nhận chương trình, dự án"


class AidDirection(Labelled):
    TANG = "tang", "tặng"
    NHAN = "nhan", "tiếp nhận"


class CaseType(Labelled):
    YEU_TO_NUOC_NGOAI = "yeu_to_nuoc_ngoai", "vụ việc có yếu tố nước ngoài"
    BAO_HO_CONG_DAN = "bao_ho_cong_dan", "bảo hộ công dân"


class Procedure(Labelled):
    HO_CHIEU = "ho_chieu", "Cấp hộ chiếu ngoại giao, hộ chiếu công vụ"
    HOP_PHAP_HOA = "hop_phap_hoa", "Chứng nhận lãnh sự, Hợp pháp hóa lãnh sự"
    HOI_NGHI = "hoi_nghi", "Cho phép tổ chức hội nghị, hội thảo quốc tế"


class AssessmentPart(Labelled):
    UBND_TINH = "ubnd_tinh", "Đánh giá việc thực hiện công tác chỉ đạo điều hành của UBND tỉnh"
    LANH_DAO_UBND = "lanh_dao_ubnd", "Đánh giá công tác chỉ đạo, điều hành của Lãnh đạo UBND tỉnh"
    CHINH_PHU = "chinh_phu", "Đánh giá công tác chỉ đạo điều hành của Chính phủ"


class AssessmentAspect(Labelled):
    KET_QUA = "ket_qua", "kết quả"
    HAN_CHE = "han_che", "hạn chế"
    NGUYEN_NHAN = "nguyen_nhan", "nguyên nhân"


class Currency(StrEnum):
    VND = "VND"
    USD = "USD"
    LAK = "LAK"


Count = Annotated[int, Field(ge=0)]
Date = Annotated[dt.date, Field(description="ngày, dạng NĂM-THÁNG-NGÀY (2022-07-29)")]
PartnerIds = Annotated[list[str], Field(description="mã đối tác trong danh mục records/_catalog/")]

_MONEY_TEXT = re.compile(r"\s*([0-9][0-9.,]*)\s*([A-Za-z]{3})\s*")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")  # 1.150.000 or 1,150: thousands, not decimals


class Money(BaseModel):
    """An exact amount in a currency; also written as text: `250000 USD`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    amount: Annotated[Decimal, Field(ge=0, description="số tiền, không có dấu chấm phân cách")]
    currency: Currency = Field(description="đơn vị tiền: VND, USD hoặc LAK")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        match = _MONEY_TEXT.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise PydanticCustomError("money_format", "an amount and its currency, such as 250000 USD")
        amount, currency = match.groups()
        if _GROUPED.fullmatch(amount):  # "1.150 USD" would otherwise be read as 1.15 dollars
            intended = f"{re.sub('[.,]', '', amount)} {currency.upper()}"
            raise PydanticCustomError("thousands_separator", "thousands separator", {"intended": intended})
        if not _AMOUNT.fullmatch(amount):
            raise PydanticCustomError("money_format", "an amount and its currency, such as 250000 USD")
        return {"amount": amount, "currency": currency.upper()}


class RecordBase(BaseModel):
    """What every record has: a date, the field it is told under, words and partners."""

    # `target: 2023` is a year to the office, not a number: text fields take numbers as text
    # defer_build: a run that takes every record from the cache never builds a validator (-200 ms)
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, coerce_numbers_to_str=True,
                              defer_build=True)

    date: Date
    end: Date | None = Field(None, description="ngày kết thúc (nếu hoạt động kéo dài nhiều ngày)")
    # a key of the office's `fields:` (bcngv.yaml), checked by the loader against them (validate.py)
    field: str = Field("hop_tac_quoc_te", description="lĩnh vực (đề mục I.x của báo cáo)")
    topic: str | None = Field(None, description="chủ đề, khai báo ở mục topics: của bcngv.yaml (ví dụ lao)")
    # where dates do not give the order: a Selection is sorted by (order, date, path)
    order: int = Field(0, strict=True, description="thứ tự kể trong báo cáo khi ngày không cho biết (mặc định 0)")
    text: str = Field("", description="nội dung báo cáo kể lại; {partners} được thay bằng tên đối tác")
    partners: PartnerIds = []
    footnote: str | None = Field(None, description="chú thích cuối trang")
    illustrative: bool = Field(False, description="số liệu minh họa, không phải sự kiện thật")
    # depth and scope (records/scope.py): what a long-period report tells instead of `text`, the report
    # kinds that tell the record (or do not), and the last day a forecast may still be told
    short: str | None = Field(None, description="nội dung tóm tắt cho báo cáo kỳ dài (năm, nhiệm kỳ) thay cho text; "
                                                "{partners}… được thay như trong text")
    reports: list[str] = Field([], description="chỉ kể trong các loại báo cáo này (mã trong bcngv.yaml), ví dụ [nhiem-ky]")
    not_in: list[str] = Field([], description="không kể trong các loại báo cáo này (mã trong bcngv.yaml), ví dụ [thang]")
    until: Date | None = Field(None, description="dự báo chỉ còn đúng đến ngày này: báo cáo tính số liệu đến sau ngày "
                                                 "này không kể nữa, ví dụ 2022-09-30")

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
    field: str = "doan_ra_doan_vao"
    persons: Count = Field(description="số lượt cán bộ, công chức, viên chức")
    led_by_provincial_leader: bool = Field(False, description="do lãnh đạo tỉnh chủ trì")
    funding: Funding = Field(description="nguồn kinh phí")
    approved_by: Approver = Field(Approver.TINH, description="cấp phê duyệt")
    plan: PlanStatus | None = Field(None, description="đoàn thuộc kế hoạch Thủ tướng phê duyệt, hoặc phát sinh ngoài kế hoạch")
    countries: PartnerIds = []


class DoanVao(RecordBase):
    """Đoàn vào: a foreign delegation received in the province."""

    kind: Literal["doan_vao"]
    field: str = "doan_ra_doan_vao"
    visitors: Count = Field(description="số lượt khách quốc tế")
    received_by_provincial_leader: bool = Field(False, description="do lãnh đạo tỉnh đón tiếp")
    guest_type: GuestType = Field(GuestType.DIA_PHUONG, description="loại khách")
    countries: PartnerIds = []


class KeHoachDoanRa(RecordBase):
    """The yearly plan of delegations abroad approved by the Prime Minister: the base of
    "thực hiện 05/08 đoàn ra theo kế hoạch"."""

    kind: Literal["ke_hoach_doan_ra"]
    field: str = "doan_ra_doan_vao"
    year: int = Field(ge=2000, le=2100, description="năm của kế hoạch")
    delegations: Count = Field(description="số đoàn ra trong kế hoạch được phê duyệt")


class HoiThao(RecordBase):
    """Hội thảo: an international conference or seminar held in the province."""

    kind: Literal["hoi_thao"]
    organiser: str = Field(description="cơ quan, đơn vị tổ chức")
    # not `topic`: that is the office's topic every record may carry (RecordBase)
    category: ConferenceTopic = Field(description="nhóm nội dung của hội thảo")
    online: bool = Field(False, description="tổ chức trực tuyến")


class ThoaThuan(RecordBase):
    """Thỏa thuận quốc tế: an international agreement signed."""

    kind: Literal["thoa_thuan"]
    level: AgreementLevel = Field(description="cấp ký kết")
    signed_by: str = Field("", description="cơ quan, đơn vị ký (khi không phải cấp tỉnh)")


class Ngo(RecordBase):
    """Phi chính phủ: a registration permit for a foreign NGO, or an NGO project approved."""

    kind: Literal["ngo"]
    action: NgoAction = Field(description="cấp đăng ký hoạt động, hoặc phê duyệt chương trình, dự án")
    organisation: str = Field(description="mã tổ chức trong danh mục")
    project: str = Field("", description="tên chương trình, dự án")
    committed: Money | None = Field(None, description="giá trị cam kết, ví dụ 250000 USD")
    disbursed: Money | None = Field(None, description="giá trị giải ngân trong kỳ")
    sector: str = Field("", description="lĩnh vực của dự án")


class Goods(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(description="tên hàng, ví dụ máy vi tính")
    quantity: Annotated[Decimal, Field(ge=0, description="số lượng, không có dấu chấm phân cách")]
    unit: str = Field(description="đơn vị, ví dụ bộ, lít")


class VienTro(RecordBase):
    """Viện trợ, quà tặng: aid or gifts given or received."""

    kind: Literal["vien_tro"]
    direction: AidDirection = Field(AidDirection.TANG, description="tặng đối tác, hoặc tiếp nhận từ đối tác")
    amounts: list[Money] = Field([], description="các khoản tiền, ví dụ [2600000000 LAK]")
    goods: list[Goods] = Field([], description="hiện vật, ví dụ [{name: máy vi tính, quantity: 20, unit: bộ}]")


class LanhSu(RecordBase):
    """Lãnh sự: consular and citizen-protection cases."""

    kind: Literal["lanh_su"]
    field: str = "lanh_su"
    case_type: CaseType = Field(description="loại vụ việc")
    cases: Count = Field(1, description="số vụ việc, trường hợp")
    countries: PartnerIds = []


class HaiCot(RecordBase):
    """Hồi hương hài cốt: remains of volunteer soldiers and experts repatriated."""

    kind: Literal["hai_cot"]
    field: str = "bien_gioi"
    sets: Count = Field(description="số hài cốt")


class HocBong(RecordBase):
    """Học bổng: scholarships for students of partner provinces in a school year."""

    kind: Literal["hoc_bong"]
    school_year: str = Field(pattern=r"^[0-9]{4}-[0-9]{4}$", description="năm học, ví dụ 2022-2023")
    students: Count = Field(description="số học sinh, sinh viên hoặc chỉ tiêu")


class ThuTuc(RecordBase):
    """Thủ tục hành chính: the dossiers of one procedure in a month (a tally, from `date` to `end`)."""

    kind: Literal["thu_tuc"]
    field: str = "dich_thuat"
    procedure: Procedure = Field(description="thủ tục hành chính")
    dossiers: Count = Field(description="số hồ sơ tiếp nhận và trả kết quả")


class DichThuat(RecordBase):
    """Dịch thuật, dịch vụ đối ngoại: the month's tally of the translation centre."""

    kind: Literal["dich_thuat"]
    field: str = "dich_thuat"
    pages: Count | None = Field(None, description="tổng số trang biên dịch (nếu ghi, phải bằng tổng các loại)")
    pages_tu_phap: Count = Field(0, description="trang biên dịch có chứng thực tư pháp")
    pages_trung_tam: Count = Field(0, description="trang biên dịch chứng nhận tại Trung tâm")
    pages_noi_dung: Count = Field(0, description="trang biên dịch nội dung")
    pages_hieu_dinh: Count = Field(0, description="trang hiệu đính")
    copies_tu_phap: Count = Field(0, description="bản sao bản dịch có chứng nhận tư pháp/công chứng")
    copies_trung_tam: Count = Field(0, description="bản sao bản dịch chứng nhận Trung tâm")
    true_copy_pages: Count = Field(0, description="trang sao y bản chính")
    legalisations: Count = Field(0, description="hồ sơ hợp pháp hóa tại cơ quan đại diện nước ngoài")
    visa_forms: Count = Field(0, description="tờ khai, hồ sơ xin visa")
    visa_countries: PartnerIds = []
    criminal_records: Count = Field(0, description="hồ sơ đề nghị cấp phiếu lý lịch tư pháp cho người nước ngoài")

    # the kinds of pages whose sum `pages` states (checked across fields in records/checks.py)
    PAGE_PARTS: ClassVar[tuple[str, ...]] = ("pages_tu_phap", "pages_trung_tam", "pages_noi_dung", "pages_hieu_dinh")

    @property
    def pages_total(self) -> int:
        """The pages of the tally: the sum of its kinds, or the stated total when no kind is given."""
        return sum(getattr(self, part) for part in self.PAGE_PARTS) or (self.pages or 0)


class ThamMuu(RecordBase):
    """Tham mưu: an advisory paper or other work item, told in a list joined by channel."""

    kind: Literal["tham_muu"]
    field: str
    channel: Channel = Field(Channel.UBND_TINH, description="gửi/tham mưu cho ai")
    text: str = Field(min_length=1, description="nội dung (ví dụ: xin chủ trương tổ chức …)")


class SuKien(RecordBase):
    """Sự kiện: a notable event told as narrative."""

    kind: Literal["su_kien"]
    field: str
    text: str = Field(min_length=1)


class DanhGia(RecordBase):
    """Đánh giá: an assessment item for section II of the yearly review."""

    kind: Literal["danh_gia"]
    field: str = "chi_dao"
    part: AssessmentPart = Field(description="phần đánh giá của báo cáo")
    aspect: AssessmentAspect = Field(AssessmentAspect.KET_QUA, description="kết quả, hạn chế hay nguyên nhân")
    text: str = Field(min_length=1)


class NhiemVu(RecordBase):
    """Nhiệm vụ: a task planned for a later period (section II/III of a report)."""

    kind: Literal["nhiem_vu"]
    target: str = Field(description="kỳ thực hiện, ví dụ 2022-08 hoặc 2023")
    text: str = Field(min_length=1)
    # a later plan for the same target replaces the earlier ones (metrics.Selection.planned_for), unless it adds
    adds: bool = Field(False, description="bổ sung vào kế hoạch trước cho cùng kỳ, không thay thế kế hoạch đó")


class KienNghi(RecordBase):
    """Kiến nghị: a recommendation to a higher body."""

    kind: Literal["kien_nghi"]
    addressee: str = Field(description="cơ quan được kiến nghị")
    text: str = Field(min_length=1)


MODELS: tuple[type[RecordBase], ...] = (
    DoanRa, DoanVao, KeHoachDoanRa, HoiThao, ThoaThuan, Ngo, VienTro, LanhSu, HaiCot, HocBong,
    ThuTuc, DichThuat, ThamMuu, SuKien, DanhGia, NhiemVu, KienNghi,
)

KINDS: dict[str, type[RecordBase]] = {
    model.model_fields["kind"].annotation.__args__[0]: model  # type: ignore[union-attr]
    for model in MODELS
}

# what each kind is called in the office's words: the titles of `bcngv schema` and `bcngv new`
KIND_LABELS: dict[str, str] = {
    "doan_ra": "Đoàn ra: đoàn của tỉnh đi công tác nước ngoài",
    "doan_vao": "Đoàn vào: đoàn khách nước ngoài đến thăm, làm việc tại tỉnh",
    "ke_hoach_doan_ra": "Kế hoạch đoàn ra hằng năm được Thủ tướng Chính phủ phê duyệt",
    "hoi_thao": "Hội nghị, hội thảo quốc tế tổ chức tại tỉnh",
    "thoa_thuan": "Thỏa thuận quốc tế được ký kết",
    "ngo": "Tổ chức phi chính phủ nước ngoài: đăng ký hoạt động hoặc chương trình, dự án",
    "vien_tro": "Viện trợ, quà tặng trao hoặc nhận",
    "lanh_su": "Vụ việc lãnh sự, bảo hộ công dân",
    "hai_cot": "Tiếp nhận, hồi hương hài cốt liệt sỹ, chuyên gia, quân tình nguyện",
    "hoc_bong": "Học bổng cho học sinh, sinh viên các tỉnh bạn trong một năm học",
    "thu_tuc": "Thủ tục hành chính: số hồ sơ của một thủ tục trong kỳ",
    "dich_thuat": "Dịch thuật, dịch vụ đối ngoại: số liệu của Trung tâm trong kỳ",
    "tham_muu": "Văn bản tham mưu, công việc đã hoàn thành",
    "su_kien": "Sự kiện, hoạt động nổi bật kể lại bằng lời",
    "danh_gia": "Nội dung đánh giá (kết quả, hạn chế, nguyên nhân)",
    "nhiem_vu": "Nhiệm vụ cho kỳ sau",
    "kien_nghi": "Kiến nghị, đề xuất với cấp trên",
}

AnyRecord = Annotated[Union[MODELS], Field(discriminator="kind")]  # type: ignore[valid-type]

def record_adapter() -> TypeAdapter[RecordBase]:
    """The union of every kind, built on demand (for the JSON Schema): building it costs."""
    return TypeAdapter(AnyRecord)
