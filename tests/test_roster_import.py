"""The roster import service: plan, apply, re-import, update, audit, export round trip."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from linli.audit.models import Action, AuditEntry
from linli.community import importer
from linli.community.models import Building, Compound, Household, Resident, ResidentTag
from linli.community.roster import parse_roster
from tests.roster_factory import PLANTS, csv_bytes, plant_errors, roster_rows, xlsx_bytes

TODAY = datetime.date(2020, 2, 10)
ADDRESS = ["楼栋", "单元", "房号", "姓名"]


def residents_of(community):
    return Resident.objects.filter(household__building__compound__community=community)


def run_import(community, data, name="花名册.xlsx", user=None):
    staged = importer.stage(community, name, data, user)
    committed, applied = importer.commit(staged.pk, user)
    assert applied
    return committed.summary


@pytest.fixture
def big_roster():
    rows = roster_rows(3000)
    planted = plant_errors(rows)
    return xlsx_bytes(rows), planted


def test_a_3000_row_roster_with_20_planted_errors_previews_exactly_those_20(world, big_roster):
    data, planted = big_roster
    plan = importer.build_plan(world.community, parse_roster(data, "花名册.xlsx", today=TODAY))
    bad = {b.line: b.reason for b in plan.bad}
    assert len(PLANTS) == 20
    assert set(bad) == set(planted)
    assert all(bad[line] for line in planted)
    assert len(plan.creates) == 2980
    assert plan.updates == [] and plan.unchanged == 0


def test_confirming_writes_2980_residents_and_importing_again_adds_none(world, big_roster):
    data, _ = big_roster
    before = residents_of(world.community).count()
    summary = run_import(world.community, data)
    assert summary["new_residents"] == 2980
    assert residents_of(world.community).count() == before + 2980
    assert len(summary["errors"]) == 20

    again = run_import(world.community, data)
    assert again["new_residents"] == 0
    assert again["updated_residents"] == 0
    assert again["unchanged_residents"] == 2980
    assert again["new_households"] == again["new_buildings"] == 0
    assert residents_of(world.community).count() == before + 2980


def test_rows_create_the_buildings_units_and_households_they_name(world):
    data = csv_bytes(
        [
            {"楼栋": "12栋", "单元": "2", "房号": "301", "姓名": "周建国"},
            {"楼栋": "12", "单元": "2", "房号": "301室", "姓名": "周红梅"},
            {"楼栋": "3", "单元": "1", "房号": "201", "姓名": "黄小明"},
        ]
    )
    summary = run_import(world.community, data, "a.csv")
    assert (summary["new_buildings"], summary["new_units"], summary["new_households"]) == (1, 1, 1)
    b12 = Building.objects.get(compound__community=world.community, number="12")
    assert b12.compound.name == "凯旋名邸" and b12.sort_key == 12
    home = Household.objects.get(building=b12, unit__number="2", room="301")
    assert sorted(home.residents.values_list("name", flat=True)) == ["周建国", "周红梅"]
    assert world.household3.residents.filter(name="黄小明").exists()


def test_a_changed_file_updates_residents_and_never_duplicates_them(world):
    rows = roster_rows(40)
    run_import(world.community, xlsx_bytes(rows))
    rows[0]["电话"] = "13512345678"
    rows[1]["标签"] = "居家隔离"
    rows[4]["出生年份"] = 1950  # no ID number on this row: identity is household and name
    summary = run_import(world.community, xlsx_bytes(rows))
    assert (summary["new_residents"], summary["updated_residents"]) == (0, 3)
    assert summary["unchanged_residents"] == 37
    changed = {u["name"]: u["fields"] for u in summary["updates"]}
    assert changed[rows[0]["姓名"]] == ["phone"]
    assert changed[rows[1]["姓名"]] == ["tags"]
    assert changed[rows[4]["姓名"]] == ["birth_year"]
    first = Resident.objects.get(id_number=rows[0]["身份证号"])
    assert first.phone == "13512345678"
    second = Resident.objects.get(id_number=rows[1]["身份证号"])
    assert second.tag_values == ["quarantine"]
    assert residents_of(world.community).count() == 2 + 40


def test_a_resident_is_known_by_id_number_even_with_a_new_name_and_home(world):
    rows = roster_rows(4)
    run_import(world.community, xlsx_bytes(rows))
    rows[0].update({"姓名": "王秀兰", "楼栋": "18", "房号": "808"})
    summary = run_import(world.community, xlsx_bytes(rows))
    assert summary["new_residents"] == 0 and summary["updated_residents"] == 1
    moved = Resident.objects.get(id_number=rows[0]["身份证号"])
    assert moved.name == "王秀兰" and moved.name_pinyin == "wangxiulan"
    assert moved.household.address == "18栋1单元808"


def test_blank_cells_never_erase_what_the_registry_knows(world):
    data = csv_bytes([{"楼栋": "3", "单元": "1", "房号": "201", "姓名": "黄彬"}])
    summary = run_import(world.community, data, "a.csv")
    assert summary["unchanged_residents"] == 1
    world.huangbin.refresh_from_db()
    assert world.huangbin.phone == "13900000003"
    assert world.huangbin.id_number == "420106198001010015"


def test_an_empty_tag_column_leaves_tags_alone_but_a_filled_one_is_the_truth(world):
    header = ["楼栋", "单元", "房号", "姓名", "标签"]
    empty = csv_bytes([["5", "1", "101", "王秀英", ""]], header)
    run_import(world.community, empty, "a.csv")
    assert world.resident5.tag_values == ["elderly_alone"]
    filled = csv_bytes(
        [["5", "1", "101", "王秀英", "慢性病"], ["3", "1", "201", "黄彬", ""]], header
    )
    summary = run_import(world.community, filled, "b.csv")
    assert summary["updated_residents"] == 1
    assert list(
        ResidentTag.objects.filter(resident=world.resident5).values_list("tag", flat=True)
    ) == ["chronic"]


def test_an_import_leaves_an_audit_entry_for_every_created_and_changed_resident(world):
    user = world.users["staff"]
    rows = roster_rows(6)
    run_import(world.community, xlsx_bytes(rows), user=user)
    created = AuditEntry.objects.filter(action=Action.CREATE, model="community.resident", user=user)
    assert created.count() == 6
    phone_change = created.first().changes["phone"]
    assert phone_change[1].startswith("…") and len(phone_change[1]) == 5  # masked
    assert AuditEntry.objects.filter(action=Action.IMPORT, user=user).count() == 1

    rows[2]["电话"] = "13512345678"
    run_import(world.community, xlsx_bytes(rows), "二次.xlsx", user=user)
    update = AuditEntry.objects.get(action=Action.UPDATE, model="community.resident", user=user)
    assert update.changes["phone"][1] == "…5678"
    assert "二次.xlsx" in update.changes["roster_import"][1]


def test_several_compounds_need_the_compound_column(world):
    Compound.objects.create(community=world.community, name="逸飞花园")
    data = csv_bytes([["3", "1", "201", "黄小明"]], ["楼栋", "单元", "房号", "姓名"])
    plan = importer.build_plan(world.community, parse_roster(data, "a.csv"))
    assert [b.reason for b in plan.bad] == [
        "本社区有多个小区（凯旋名邸、逸飞花园），请在“小区”列写明"
    ]
    named = csv_bytes(
        [["逸飞花园小区", "3", "1", "201", "黄小明"]], ["小区", "楼栋", "单元", "房号", "姓名"]
    )
    plan = importer.build_plan(world.community, parse_roster(named, "a.csv"))
    assert plan.bad == [] and len(plan.buildings) == 1
    assert plan.buildings[0].compound.name == "逸飞花园"


def test_an_import_never_touches_another_community(world):
    data = csv_bytes(
        [["1", "", "101", "李强", "13811112222"]], ["楼栋", "单元", "房号", "姓名", "电话"]
    )
    run_import(world.community, data, "a.csv")
    other = Resident.objects.get(household=world.other_household)
    assert other.phone == "13900000009"


def test_nothing_is_written_before_confirming(world, big_roster):
    data, _ = big_roster
    before = (Resident.objects.count(), Household.objects.count(), AuditEntry.objects.count())
    importer.stage(world.community, "花名册.xlsx", data, world.users["staff"])
    assert (
        Resident.objects.count(),
        Household.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_confirming_twice_applies_once(world):
    staged = importer.stage(world.community, "a.xlsx", xlsx_bytes(roster_rows(10)))
    _, first = importer.commit(staged.pk)
    _, second = importer.commit(staged.pk)
    assert (first, second) == (True, False)
    assert residents_of(world.community).count() == 2 + 10


def test_a_confirmed_import_keeps_its_summary_but_not_the_file(world):
    staged = importer.stage(world.community, "a.xlsx", xlsx_bytes(roster_rows(10)))
    assert bytes(staged.content)  # kept while it waits: confirming reads it again
    importer.commit(staged.pk)
    staged.refresh_from_db()
    assert bytes(staged.content) == b"" and staged.summary


def test_export_then_import_of_the_export_changes_nothing(world):
    run_import(world.community, xlsx_bytes(roster_rows(60)))
    content, count = importer.export_roster(world.community)
    assert count == 62
    summary = run_import(world.community, content, "导出.xlsx")
    assert summary["errors"] == []
    assert summary["rows"] == 62
    assert summary["unchanged_residents"] == 62
    assert summary["new_residents"] == summary["updated_residents"] == 0


def test_the_export_keeps_phones_and_id_numbers_as_text_in_full(world):
    content, _ = importer.export_roster(world.community)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A1"].value.startswith("武南村社区居民花名册")
    header = [c.value for c in sheet[2]]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)
    ]
    huangbin = next(r for r in rows if r["姓名"] == "黄彬")
    assert huangbin["电话"] == "13900000003"
    assert huangbin["身份证号"] == "420106198001010015"
    assert huangbin["楼栋"] == "3" and huangbin["房号"] == "201"
    wang = next(r for r in rows if r["姓名"] == "王秀英")
    assert wang["标签"] == "独居老人"
    assert all(r["小区"] == "凯旋名邸" for r in rows)
    assert "李强" not in {r["姓名"] for r in rows}  # another community's resident
