"""linli.dbrouter.ReplicaRouter: the reports' reads go to the replica, every
write and every other read to the primary, and reads inside a transaction stay
on the primary so a command sees its own writes.

`make test-replica` runs this file and tests/reports with
LINLI_REPLICA_DATABASE_URL set: the "replica" alias then mirrors the test
database (TEST MIRROR), the Django way to test a replica set-up.
"""

from datetime import date

import pytest
from django.conf import settings
from django.db import transaction

from linli.audit.models import AuditEntry
from linli.community.models import Resident
from linli.dbrouter import ReplicaRouter
from linli.reports.models import DailyReport

router = ReplicaRouter()
with_replica = pytest.mark.skipif(
    "replica" not in settings.DATABASES, reason="LINLI_REPLICA_DATABASE_URL is not set"
)


@pytest.mark.django_db(transaction=True)
def test_report_reads_outside_a_transaction_go_to_the_replica():
    assert router.db_for_read(DailyReport) == "replica"


@pytest.mark.django_db
def test_report_reads_inside_a_transaction_stay_on_the_primary():
    with transaction.atomic():
        assert router.db_for_read(DailyReport) == "default"


@pytest.mark.django_db(transaction=True)
def test_other_reads_and_all_writes_go_to_the_primary():
    assert router.db_for_read(Resident) == "default"
    assert router.db_for_read(AuditEntry) == "default"
    assert router.db_for_write(DailyReport) == "default"
    assert router.db_for_write(Resident) == "default"


def test_only_the_primary_is_migrated():
    assert router.allow_migrate("default", "reports") is True
    assert router.allow_migrate("replica", "reports") is False
    assert router.allow_migrate("replica", "community") is False


def test_settings_add_the_router_only_with_a_replica_address():
    has_replica = "replica" in settings.DATABASES
    routers = getattr(settings, "DATABASE_ROUTERS", [])
    assert ("linli.dbrouter.ReplicaRouter" in routers) is has_replica
    if has_replica:
        assert settings.DATABASES["replica"]["TEST"]["MIRROR"] == "default"


@with_replica
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_report_written_to_the_primary_is_read_back_from_the_replica(world):
    DailyReport.objects.create(community=world.community, date=date(2020, 2, 10), figures={"n": 1})
    reports = DailyReport.objects.filter(community=world.community)
    assert reports.db == "replica"
    assert [r.figures for r in reports] == [{"n": 1}]
    with transaction.atomic():
        assert DailyReport.objects.all().db == "default"
    assert Resident.objects.all().db == "default"
