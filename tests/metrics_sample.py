"""Records for the query tests (stages/test_metrics) and the template tests (render/test_templating):
2022 and 2021 conferences, delegations, a plan, NGO money, aid, translated pages and tasks."""

from __future__ import annotations

from datetime import date

from bcngv.metrics import Figure, Selection, select_period
from bcngv.period import parse_period
from bcngv.records.declared import builtin_kinds
from bcngv.records.models import RecordBase


def make(path: str, **fields) -> RecordBase:
    record = builtin_kinds()[fields["kind"]].model_validate(fields)
    record._path = path
    return record


def doan_ra(n: int, day: str, funding: str, **more) -> RecordBase:
    return make(f"records/doan-ra-{n}.yaml", kind="doan_ra", date=day, persons=n, funding=funding, **more)


def paths(figure_or_selection: Figure | Selection) -> list[str]:
    """The records behind a figure, or of a selection, by their paths."""
    records = figure_or_selection.records if isinstance(figure_or_selection, Figure) else figure_or_selection
    return [r.path for r in records]


# 2022: 21 conferences (15 in 2021), 5 of the 8 planned delegations done, NGO money in USD
HOI_THAO = [make(f"records/2022/hoi-thao-{i:02d}.yaml", kind="hoi_thao", date=f"2022-{i % 10 + 1:02d}-10",
                 organiser="Sở Ngoại vụ", category="tap_huan") for i in range(21)]
HOI_THAO_2021 = [make(f"records/2021/hoi-thao-{i:02d}.yaml", kind="hoi_thao", date=f"2021-{i % 10 + 1:02d}-10",
                      organiser="Sở Ngoại vụ", category="tuyen_truyen") for i in range(15)]
DOAN_RA = [
    doan_ra(3, "2022-03-02", "doi_tac", plan="trong_ke_hoach"),
    doan_ra(4, "2022-04-02", "ngan_sach", plan="trong_ke_hoach", led_by_provincial_leader=True,
            countries=["lao", "thai_lan"]),
    doan_ra(5, "2022-05-02", "tu_tuc", plan="trong_ke_hoach"),
    doan_ra(6, "2022-07-12", "ngan_sach", plan="trong_ke_hoach", led_by_provincial_leader=True, countries=["lao"]),
    doan_ra(7, "2022-08-02", "trung_uong", plan="trong_ke_hoach"),
    doan_ra(8, "2022-09-02", "ngan_sach", plan="ngoai_ke_hoach"),
    doan_ra(9, "2022-11-20", "ngan_sach"),  # after the as-of date of the year report
]
PLAN = make("records/2022/ke-hoach.yaml", kind="ke_hoach_doan_ra", date="2022-01-05", year=2022, delegations=8)
NGO = [
    make("records/2022/ngo-1.yaml", kind="ngo", date="2022-03-01", action="du_an", organisation="a",
         committed="1000000 USD", disbursed="600000 USD"),
    make("records/2022/ngo-2.yaml", kind="ngo", date="2022-06-01", action="du_an", organisation="b",
         committed="580000 USD", disbursed="312000 USD"),
    make("records/2022/ngo-3.yaml", kind="ngo", date="2022-06-02", action="dang_ky", organisation="c"),
]
AID = make("records/2022/vien-tro.yaml", kind="vien_tro", date="2022-07-13",
           amounts=["2600000000 LAK", "1100000000 LAK", "20000 USD"])
PAGES = [make(f"records/2024/dich-thuat-{m}.yaml", kind="dich_thuat", date=f"2024-0{m}-01", end=f"2024-0{m}-28",
              pages_tu_phap=472, pages_trung_tam=273 * (m - 4), pages_noi_dung=73, pages_hieu_dinh=68)
         for m in (4, 5)]
TASKS = [make("records/2022/nv-1.yaml", kind="nhiem_vu", date="2022-07-25", target="2022-08", text="a"),
         make("records/2022/nv-2.yaml", kind="nhiem_vu", date="2022-11-25", target="2023-06", text="b"),
         make("records/2022/nv-3.yaml", kind="nhiem_vu", date="2022-11-26", target="2023", text="c"),
         make("records/2022/nv-4.yaml", kind="nhiem_vu", date="2022-11-27", target="sang năm", text="d")]
EVERYTHING = [*HOI_THAO, *HOI_THAO_2021, *DOAN_RA, PLAN, *NGO, AID, *PAGES, *TASKS]
ALL = Selection.of(EVERYTHING)
YEAR_2022 = select_period(EVERYTHING, parse_period("2022"), date(2022, 11, 7))
