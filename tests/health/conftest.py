"""Health fixtures: the world's residents with a check-in or two."""

from decimal import Decimal

import pytest

from linli.health.choices import Method, Symptom
from linli.health.models import CheckIn

LOCKDOWN_MORNING = "2020-02-12 09:00 +08:00"


@pytest.fixture
def today(time_machine):
    """A morning of the lockdown, 12 Feb 2020 in Wuhan; the clock ticks on from there."""
    time_machine.move_to(LOCKDOWN_MORNING)
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def fever(world, today):
    """黄彬 reported 38.2 °C and a cough today; a visit task is open."""
    return CheckIn.record(
        world.huangbin, temperature=Decimal("38.2"), method=Method.ARMPIT,
        symptoms=[Symptom.COUGH], by=world.users["resident"],
    )  # fmt: skip
