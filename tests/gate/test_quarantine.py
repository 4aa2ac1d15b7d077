"""A household in home quarantine gets no pass and is turned back at the gate; the gate
learns only that, never who is quarantined or why."""

from decimal import Decimal

import pytest
from django.urls import reverse

from linli.gate.models import ExitPass, GateRefusal, Refused
from linli.gate.reasons import explain
from linli.gate.rules import Reason
from linli.health.models import Quarantine
from tests.gate.conftest import at

pytestmark = pytest.mark.django_db


def quarantine(world, kind="home"):
    return Quarantine.begin(world.huangbin, kind, world.users["staff"], place="武汉某隔离酒店")


def test_a_household_in_home_quarantine_gets_no_pass_until_released(world, feb20):
    home = quarantine(world)
    with pytest.raises(Refused) as refused:
        ExitPass.issue(world.household3, at(2, 20).date(), world.users["captain3"])
    assert explain(refused.value.refusal) == "这一户正在居家隔离，隔离期间不能外出"
    home.release(world.users["staff"])
    assert ExitPass.issue(world.household3, at(2, 20).date(), world.users["captain3"])


def test_a_member_in_central_quarantine_does_not_hold_the_household_back(world, feb20):
    quarantine(world, kind="central")
    assert ExitPass.issue(world.household3, at(2, 20).date(), world.users["captain3"])


def test_a_pass_issued_before_home_quarantine_is_refused_at_the_gate(world, todays_pass):
    quarantine(world)
    trip, refusal = todays_pass.go_out(world.huangbin, Decimal("36.5"), None)
    assert trip is None and refusal.reason == Reason.QUARANTINE
    assert GateRefusal.objects.get().reason == Reason.QUARANTINE


def test_the_gatekeeper_reads_that_the_household_is_quarantined_but_not_where_or_why(
    client, world, todays_pass
):
    quarantine(world)
    client.force_login(world.users["gatekeeper"])
    page = client.get(reverse("gate:desk"), {"q": todays_pass.code}).content.decode()
    assert "居家隔离" in page and "隔离酒店" not in page and "密切接触" not in page
