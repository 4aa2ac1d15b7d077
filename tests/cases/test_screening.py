"""screen_need: triage applied to a need with its household's vulnerability tags."""

from datetime import timedelta

from django.utils import timezone

from linli.cases.choices import Category, Channel, Priority
from linli.cases.models import Need
from linli.cases.screening import screen_need
from linli.community.choices import Tag
from linli.community.models import Resident, ResidentTag


def new_need(household, text, category="", resident=None):
    return Need(
        household=household,
        resident=resident,
        text=text,
        category=category,
        channel=Channel.RESIDENT,
        created_at=timezone.now(),
    )


def test_a_crisis_text_is_p1_with_its_reason_and_a_30_minute_deadline(world):
    need = new_need(world.household3, "邻居说她不想活了", Category.OTHER)
    screen_need(need)
    assert need.priority == Priority.P1 and need.crisis
    assert need.reasons == [{"code": "suicide", "text": "提到“不想活了”（自杀念头）"}]
    assert need.due_at == need.created_at + timedelta(minutes=30)
    assert need.category == Category.OTHER, "the resident's own choice is kept"
    assert need.pk is None, "screening does not save"


def test_without_tags_an_ordinary_need_of_household3_is_p4(world):
    need = new_need(world.household3, "想买点米和油")
    screen_need(need)
    assert need.priority == Priority.P4 and need.reasons == []
    assert need.category == Category.SUPPLIES, "the category is inferred when none was chosen"


def test_tags_on_residents_of_household3_raise_priority_with_reasons(world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    other = Resident.objects.create(household=world.household3, name="黄奶奶", birth_year=1940)
    ResidentTag.objects.create(resident=other, tag=Tag.MEDICAL_FAMILY)
    need = new_need(world.household3, "想买点米和油")
    screen_need(need)
    assert need.priority == Priority.P2
    assert [r["code"] for r in need.reasons] == ["tag_chronic", "tag_medical_family"]
    assert "医护人员家属" in need.reasons[1]["text"]


def test_tags_of_another_household_do_not_count(world):
    # household5's 王秀英 lives alone; household3 is not raised by her tag.
    need = new_need(world.household3, "想买点米和油")
    screen_need(need)
    assert need.priority == Priority.P4
    need5 = new_need(world.household5, "想买点米和油", resident=world.resident5)
    screen_need(need5)
    assert need5.priority == Priority.P3
    assert need5.reasons[0]["code"] == "tag_elderly_alone"


def test_a_screened_need_saves_and_reads_back(world):
    need = new_need(world.household5, "药快吃完了")
    screen_need(need)
    need.save()
    need.refresh_from_db()
    assert need.priority == Priority.P2 and need.category == Category.MEDICINE
    assert need.reasons[0]["code"] == "medicine_out"
