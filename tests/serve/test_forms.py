"""A form for every record kind, made from its declaration: bcngv's eighteen and a kind an office
declares in its own repository; each field's widget follows its type; what a form shows comes back
as the value the file holds."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bcngv.records.declared import FieldDeclaration, builtin_kinds
from bcngv.serve.forms import parsed, shown
from serve_office import client, office  # noqa: F401 - fixtures

ROW = re.compile(r'id="row-([a-z_]+)"')


@pytest.mark.parametrize("kind", list(builtin_kinds()))
def test_every_built_in_kind_has_a_form_with_every_declared_field(client: TestClient, kind: str) -> None:
    page = client.get(f"/new?kind={kind}&date=2022-07-20")
    assert page.status_code == 200
    assert set(ROW.findall(page.text)) == set(builtin_kinds().fields[kind]) - {"kind"}
    assert 'type="date" id="field-date" name="f.date" value="2022-07-20"' in page.text


def test_a_kind_the_office_declares_gets_a_form_too(client: TestClient, office: Path) -> None:
    (office / "kinds").mkdir()
    (office / "kinds" / "hoc_bong.yaml").write_text(
        "kind: hoc_bong\nlabel: Học bổng cho sinh viên nước ngoài\nfields:\n"
        "  students: {type: count, required: true, label: số sinh viên nhận học bổng}\n"
        "  level:\n    type: choice\n    label: bậc học\n    choices: {dai_hoc: đại học, thac_si: thạc sĩ}\n"
        "  country: {type: partner, label: quốc gia, help: mã trong danh mục}\n", encoding="utf-8")
    page = client.get("/new?kind=hoc_bong&date=2022-07-20").text
    assert "Học bổng cho sinh viên nước ngoài" in page
    assert re.search(r'type="number" step="1" id="field-students" name="f.students" value=""\s+min="0"', page)
    assert '<option value="thac_si" >thạc sĩ (thac_si)</option>' in page
    assert 'data-search="bolikhamxay bolikhămxay bolykhamxay bolikhamsay bolykhămxay bolikhamxay"' in page
    assert "mã trong danh mục" in page  # the field's help


def test_an_unknown_kind_has_no_form(client: TestClient) -> None:
    page = client.get("/new?kind=doan_raa")
    assert page.status_code == 404 and "doan_raa" in page.text


def test_the_text_area_offers_the_placeholders_of_its_kind(client: TestClient) -> None:
    page = client.get("/new?kind=doan_ra&date=2022-07-20").text
    offered = re.findall(r'data-for="field-text" data-text="\{([a-z_]+)\}"', page)
    assert offered[:2] == ["partners", "footnote"] and "persons" in offered


@pytest.mark.parametrize(("declared", "value", "text"), [
    (FieldDeclaration(type="count"), 12, "12"),
    (FieldDeclaration(type="date"), date(2022, 7, 12), "2022-07-12"),
    (FieldDeclaration(type="yes_no"), True, "true"),
    (FieldDeclaration(type="quantity"), Decimal("1.5"), "1.5"),
    (FieldDeclaration(type="partner", list=True), ["bolikhamxay", "khammuon"], "bolikhamxay, khammuon"),
    (FieldDeclaration(type="money", list=True), ["2600000000 LAK", "100 USD"], "2600000000 LAK\n100 USD"),
    (FieldDeclaration(type="goods", list=True), [{"name": "máy vi tính", "quantity": Decimal(20), "unit": "bộ"}],
     "20 | bộ | máy vi tính"),
    (FieldDeclaration(type="text"), None, ""),
])
def test_what_a_field_shows_comes_back_as_the_files_value(declared: FieldDeclaration, value: object, text: str) -> None:
    assert shown(declared, value) == text
    assert parsed(declared, text) == ([] if value is None and declared.many else value)


def test_a_value_not_of_its_type_is_passed_on_as_typed_for_check_to_say_so() -> None:
    assert parsed(FieldDeclaration(type="count"), "mười hai") == "mười hai"
    assert parsed(FieldDeclaration(type="date"), "29/07/2022") == "29/07/2022"
    assert shown(FieldDeclaration(type="money"), {"amount": Decimal(250000), "currency": "USD"}) == "250000 USD"
