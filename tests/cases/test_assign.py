"""Offer, accept, decline, refer: the states of a need and who may move them."""

import pytest

from linli.audit.models import AuditEntry
from linli.cases.assign import AssignRefused, accept, decline, offer, refer
from linli.cases.choices import AssignmentStatus, Category, EventKind, NeedStatus, Priority
from linli.cases.models import Case, CaseNote
from tests.cases.helpers_assign import fill_up, make_need


@pytest.fixture
def need(world):
    return make_need(world.household3, Category.PSYCH, Priority.P2)


def refused(code, fn, *args):
    with pytest.raises(AssignRefused) as caught:
        fn(*args)
    assert caught.value.code == code
    return caught.value


def kinds(need):
    return list(need.events.values_list("kind", flat=True))


def test_an_offer_moves_a_new_need_to_offered_with_an_event(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"], "专长：情绪疏导")
    need.refresh_from_db()
    assert need.status == NeedStatus.OFFERED
    assert assignment.status == AssignmentStatus.OFFERED
    assert assignment.reason == "专长：情绪疏导"
    assert kinds(need) == [EventKind.OFFERED]


def test_a_need_already_offered_cannot_be_offered_again(world, people, need):
    offer(need, people.psychologist, world.users["staff"])
    error = refused("not_new", offer, need, people.doctor, world.users["staff"])
    assert "待分派" in error.message
    assert need.assignments.count() == 1


def test_a_full_professional_cannot_be_offered_a_need(world, people, need):
    fill_up(people.psychologist, [world.household5])
    refused("full", offer, need, people.psychologist, world.users["staff"])
    need.refresh_from_db()
    assert need.status == NeedStatus.NEW


def test_a_professional_of_another_community_cannot_be_offered_a_need(world, people, need):
    refused("not_serving", offer, need, people.outsider, world.users["staff"])


def test_a_non_crisis_need_without_consent_stays_with_community_staff(world, people):
    need = make_need(world.household3, Category.PSYCH, Priority.P2, consent=False)
    refused("no_consent", offer, need, people.psychologist, world.users["staff"])


def test_a_crisis_without_consent_is_offered_and_written_in_the_audit_trail(world, people):
    need = make_need(
        world.household3, Category.PSYCH, Priority.P1, consent=False, crisis=True,
        resident=world.huangbin,
    )  # fmt: skip
    offer(need, people.psychologist, world.users["staff"])
    entry = AuditEntry.objects.get(model="cases.need", object_id=str(need.pk))
    assert entry.user == world.users["staff"]
    assert entry.resident_id == world.huangbin.pk
    assert entry.changes["offered_to"] == people.psychologist.name


def test_a_consented_offer_writes_no_audit_entry(world, people, need):
    offer(need, people.psychologist, world.users["staff"])
    assert not AuditEntry.objects.filter(model="cases.need").exists()


def test_accepting_opens_the_case_with_the_professional_as_lead(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"])
    case = accept(assignment, world.users["psychologist"])
    need.refresh_from_db()
    assert case.lead == people.psychologist
    assert need.status == NeedStatus.ACTIVE
    assert need.first_response_at is not None
    assert kinds(need) == [EventKind.OFFERED, EventKind.ACCEPTED]


def test_accepting_keeps_an_earlier_first_response(world, people, need):
    earlier = need.created_at
    need.first_response_at = earlier
    need.save()
    accept(offer(need, people.psychologist, world.users["staff"]), world.users["psychologist"])
    need.refresh_from_db()
    assert need.first_response_at == earlier


def test_only_the_offered_professional_may_accept(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"])
    for user in (world.users["doctor"], world.users["staff"], world.users["captain3"]):
        refused("not_yours", accept, assignment, user)
    assert not Case.objects.filter(need=need).exists()


def test_an_offer_cannot_be_accepted_twice(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"])
    accept(assignment, world.users["psychologist"])
    refused("not_offered", accept, assignment, world.users["psychologist"])
    assert Case.objects.filter(need=need).count() == 1


def test_a_professional_who_filled_up_meanwhile_cannot_accept(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"])
    fill_up(people.psychologist, [world.household5])
    refused("full", accept, assignment, world.users["psychologist"])


def test_declining_puts_the_need_back_to_new_with_the_reason(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"])
    decline(assignment, world.users["psychologist"], "今天在医院值班")
    need.refresh_from_db()
    assignment.refresh_from_db()
    assert need.status == NeedStatus.NEW
    assert assignment.status == AssignmentStatus.DECLINED
    assert assignment.note == "今天在医院值班"
    assert kinds(need) == [EventKind.OFFERED, EventKind.DECLINED]
    offer(need, people.social_worker, world.users["staff"])  # it can go to someone else


def test_declining_needs_a_reason(world, people, need):
    assignment = offer(need, people.psychologist, world.users["staff"])
    refused("note_required", decline, assignment, world.users["psychologist"], "  ")
    need.refresh_from_db()
    assert need.status == NeedStatus.OFFERED


def test_referring_hands_the_case_on_when_the_new_professional_accepts(world, people, need):
    case = accept(
        offer(need, people.psychologist, world.users["staff"]), world.users["psychologist"]
    )
    CaseNote.objects.create(case=case, author=world.users["psychologist"], text="第一次通话")
    old = need.assignments.get()
    new = refer(case, people.social_worker, world.users["psychologist"], "需要生活照顾")
    old.refresh_from_db()
    case.refresh_from_db()
    assert old.status == AssignmentStatus.REFERRED
    assert case.lead == people.psychologist  # until the new one accepts
    accepted = accept(new, world.users["social_worker"])
    need.refresh_from_db()
    assert accepted.pk == case.pk and accepted.lead == people.social_worker
    assert need.status == NeedStatus.ACTIVE
    assert list(case.notes.values_list("text", flat=True)) == ["第一次通话"]
    assert kinds(need)[-2:] == [EventKind.REFERRED, EventKind.ACCEPTED]


def test_a_declined_referral_leaves_the_case_with_its_lead(world, people, need):
    case = accept(
        offer(need, people.psychologist, world.users["staff"]), world.users["psychologist"]
    )
    new = refer(case, people.social_worker, world.users["psychologist"], "需要生活照顾")
    decline(new, world.users["social_worker"], "个案太多")
    need.refresh_from_db()
    case.refresh_from_db()
    assert need.status == NeedStatus.ACTIVE
    assert case.lead == people.psychologist
    assert need.assignments.get(professional=people.psychologist).status == "accepted"


def test_a_pending_offer_can_be_referred_to_someone_else(world, people, need):
    first = offer(need, people.psychologist, world.users["staff"])
    second = refer(first, people.supervisor, world.users["staff"], "王老师今天休息")
    first.refresh_from_db()
    need.refresh_from_db()
    assert first.status == AssignmentStatus.REFERRED
    assert second.status == AssignmentStatus.OFFERED
    assert need.status == NeedStatus.OFFERED


def test_a_referral_to_the_outsider_or_without_a_reason_is_refused(world, people, need):
    case = accept(
        offer(need, people.psychologist, world.users["staff"]), world.users["psychologist"]
    )
    refused("not_serving", refer, case, people.outsider, world.users["psychologist"], "换人")
    refused("note_required", refer, case, people.doctor, world.users["psychologist"], "")
    refused("same_professional", refer, case, people.psychologist, world.users["staff"], "换人")


def test_a_new_need_cannot_be_referred(world, people, need):
    first = offer(need, people.psychologist, world.users["staff"])
    decline(first, world.users["psychologist"], "没空")
    refused("not_referable", refer, first, people.doctor, world.users["staff"], "换人")
