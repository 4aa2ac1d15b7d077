"""Need, case and assignment states kept in step across steps taken in different orders."""

import pytest

from linli.accounts.scope import Scope
from linli.cases import access, assign, casework
from linli.cases.choices import AssignmentStatus, CaseStatus, NeedStatus
from linli.cases.models import Assignment
from tests.cases.case_factory import open_case


@pytest.fixture
def referred(world, people):
    """A case its lead (the social worker) referred to the psychologist, not yet answered."""
    case = open_case(world, people, consent=True)
    offer = assign.refer(case, people.psychologist, people.social_worker.user, "需要心理支持")
    return case, offer


def test_closing_a_case_lets_a_referral_waiting_for_an_answer_lapse(world, people, referred):
    case, offer = referred
    casework.close(Scope(people.social_worker.user), case, "resolved")
    offer.refresh_from_db()
    assert offer.status == AssignmentStatus.DECLINED
    # The lead keeps the closed case; the psychologist can neither take it nor see it.
    lead = Assignment.objects.get(need=case.need, professional=people.social_worker)
    assert lead.status == AssignmentStatus.ACCEPTED
    with pytest.raises(assign.AssignRefused):
        assign.accept(offer, people.psychologist.user)
    case.refresh_from_db()
    assert case.lead == people.social_worker and case.status == CaseStatus.CLOSED
    assert case.need.status == NeedStatus.CLOSED
    scope = Scope(people.psychologist.user)
    assert not access.visible_needs(scope).filter(pk=case.need.pk).exists()


def test_a_reopened_case_can_be_referred_again(world, people, referred):
    case, _offer = referred
    lead = Scope(people.social_worker.user)
    casework.close(lead, case, "resolved")
    casework.reopen(lead, case, "又打电话来了")
    again = assign.refer(case, people.doctor, people.social_worker.user, "需要看病")
    assert again.status == AssignmentStatus.OFFERED


def test_a_referral_accepted_before_closing_moves_the_case(world, people, referred):
    case, offer = referred
    assign.accept(offer, people.psychologist.user)
    case.refresh_from_db()
    assert case.lead == people.psychologist and case.need.status == NeedStatus.ACTIVE
    assert not access.may_work(Scope(people.social_worker.user), case)
