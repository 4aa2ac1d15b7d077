"""The demo day at the gate."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from linli.gate.models import Arrival, ExitPass, GateRefusal, Place, Returnee, Trip

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_day_at_the_gate_and_menwei_logs_in(capsys):
    call_command("demo", "--residents", "300")
    assert ExitPass.objects.count() == 60
    late = Trip.objects.overdue()
    assert len(late) == 2 and Trip.objects.out().count() == 8
    assert GateRefusal.objects.needing_staff().count() == 1
    assert Arrival.objects.count() == 9 and Returnee.objects.under_observation().count() == 6
    overdue = Place.objects.overdue()
    assert 0 < len(overdue) < Place.objects.count() / 2
    assert authenticate(username="menwei", password="linli2020") is not None
    assert "menwei" in capsys.readouterr().out
