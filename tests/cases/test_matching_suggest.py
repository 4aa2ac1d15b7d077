"""Suggestions from the database: candidates of the need's community, in one query."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.cases import triage
from linli.cases.choices import Category, Priority
from linli.cases.models import Need
from linli.cases.suggest import crisis_kind, needs_for_matching, suggest, suggest_many
from tests.cases.helpers_assign import fill_up, make_need

# 10:00 in Wuhan: everyone of the fixtures is on duty (08:00–20:00).
MORNING = "2020-02-10 02:00:00+00:00"


def pros(suggestions):
    return [s.professional for s in suggestions]


@time_machine.travel(MORNING, tick=False)
def test_a_suicidal_need_suggests_the_psychologist_first_with_the_reason(world, people):
    need = make_need(
        world.household3, Category.PSYCH, Priority.P1, crisis=True,
        reasons=[{"code": "suicidal_thoughts", "text": "想死"}],
    )  # fmt: skip
    suggestions = suggest(need)
    assert pros(suggestions)[0] == people.psychologist
    assert suggestions[0].reason == "专长：危机干预、情绪疏导、哀伤辅导；目前 0/8 个案；正在值班"


def test_the_outsider_of_another_community_is_never_suggested(world, people):
    need = make_need(world.household3, Category.PSYCH, Priority.P1, crisis=True)
    assert people.outsider not in pros(suggest(need))


def test_a_need_of_the_other_community_gets_only_its_professionals(world, people):
    need = make_need(world.other_household, Category.PSYCH)
    assert pros(suggest(need)) == [people.outsider]


def test_a_full_professional_is_not_suggested(world, people):
    fill_up(people.doctor, [world.household5])
    need = make_need(world.household3, Category.MEDICAL)
    assert people.doctor not in pros(suggest(need))


def test_an_inactive_professional_is_not_suggested(world, people):
    people.doctor.active = False
    people.doctor.save()
    assert people.doctor not in pros(suggest(make_need(world.household3, Category.MEDICAL)))


def test_the_elderly_resident_alone_gets_the_dialect_speaker(world, people):
    need = make_need(world.household5, Category.ELDER_CARE, resident=world.resident5)
    first = suggest(need)[0]
    assert first.professional == people.social_worker
    assert first.reason.endswith("会说武汉话")


def test_the_candidates_are_read_in_one_query(world, people):
    need = make_need(world.household3, Category.PSYCH)
    need = needs_for_matching().get(pk=need.pk)
    with CaptureQueriesContext(connection) as queries:
        suggest(need)
    assert len(queries) == 1


def test_suggest_many_reads_a_constant_number_of_queries(world, people):
    def count(n):
        for i in range(n):
            make_need(world.household3 if i % 2 else world.other_household, Category.PSYCH)
        with CaptureQueriesContext(connection) as queries:
            results = suggest_many(needs_for_matching(Need.objects.all()))
        assert len(results) == Need.objects.count()
        return len(queries)

    assert count(2) == count(10)


def test_suggest_many_matches_suggest(world, people):
    needs = [
        make_need(world.household3, Category.PSYCH),
        make_need(world.household5, Category.MEDICINE),
        make_need(world.other_household, Category.PSYCH),
    ]
    assert [pros(s) for s in suggest_many(needs)] == [pros(suggest(n)) for n in needs]


def test_the_crisis_kind_is_read_from_any_code_that_names_it():
    def kind(*codes, crisis=True):
        return crisis_kind(Need(crisis=crisis, reasons=[{"code": c} for c in codes]))

    assert kind("suicidal_thoughts") == "suicide"
    assert kind("crisis:self_harm") == "self_harm"
    assert kind("medical_emergency", "elderly_alone") == "medical"
    assert kind("child_left_alone") == "left_alone"
    assert kind("elderly_alone") is None
    assert kind("suicidal_thoughts", crisis=False) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("我不想活了", "suicide"),
        ("我爸胸口疼，喘不上气，呼吸困难", "medical"),
        ("孩子一个人在家，爸妈都被拉去隔离了", "left_alone"),
    ],
)
def test_the_crisis_kind_is_read_from_the_triage_of_a_text(text, kind):
    result = triage.triage(text, tags={"elderly_alone"})
    assert result.crisis
    need = Need(crisis=True, reasons=result.reasons_as_dicts())
    assert crisis_kind(need) == kind
