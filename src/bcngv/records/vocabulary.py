"""The office's vocabulary: the record kinds it keeps (records/declared.py) and the headings a
record is told under, the keys a record's `field` and `topic` may name, each with the words a report
prints, in the order a report tells them. Every stage that reads records gets it from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache

from bcngv.records.declared import Kinds, builtin_kinds

# The fields of work a record may be told under (the I.x headings of a report): the office's own when
# bcngv.yaml declares `fields:`, else these. The one place the eleven of the monthly report are written.
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
    """The office's vocabulary: its record kinds, and its headings — the keys a record's `field` and
    `topic` may name, each with the words a report prints, in the order a report tells them. A record
    names a key, not a member of an enumeration, so that each office can have headings of its own."""

    fields: Mapping[str, str] = dc_field(default_factory=lambda: dict(DEFAULT_FIELDS))
    topics: Mapping[str, str] = dc_field(default_factory=dict)
    kinds: Kinds = dc_field(default_factory=builtin_kinds)

    def of(self, name: str) -> Mapping[str, str]:
        """The keys and words of `field` or `topic`."""
        return self.fields if name == "field" else self.topics

    @property
    def version(self) -> str:
        """What the per-file checks read from the vocabulary: part of the record cache's key."""
        return repr((list(self.fields.items()), list(self.topics.items()), self.kinds.fingerprint))


@cache
def default_sections() -> Sections:
    """bcngv's own vocabulary, for a caller that names none: made when first asked for, since making
    it reads bcngv's kinds (a build takes the office's from its configuration)."""
    return Sections()
