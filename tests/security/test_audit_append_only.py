"""The audit trail cannot be edited through the application (admin, models,
API) and, on PostgreSQL, not even with SQL: a trigger refuses UPDATE and DELETE."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from linli.accounts.models import User
from linli.api.api import api
from linli.audit import log
from linli.audit.models import Action, AuditEntry, AuditEntryIsPermanent

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


@pytest.fixture
def entry(world):
    return log.record(Action.VIEW_PHONE, world.huangbin, user=world.users["staff"])


def test_a_superuser_can_neither_add_change_nor_delete_entries_in_the_admin(client, world, entry):
    client.force_login(world.users["superuser"])
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    page = client.get(change)
    assert page.status_code == 200 and b'name="_save"' not in page.content  # view only
    assert client.post(change, {"action": Action.DELETE, "model": "x"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:audit_auditentry_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    client.post(changelist, bulk)
    entry.refresh_from_db()
    assert entry.action == Action.VIEW_PHONE


def test_the_model_refuses_to_save_over_or_delete_an_entry(entry):
    entry.action = Action.DELETE
    with pytest.raises(AuditEntryIsPermanent):
        entry.save()
    with pytest.raises(AuditEntryIsPermanent):
        entry.delete()
    with pytest.raises(AuditEntryIsPermanent):
        AuditEntry.objects.filter(pk=entry.pk).update(action=Action.DELETE)
    with pytest.raises(AuditEntryIsPermanent):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == Action.VIEW_PHONE


def test_new_entries_are_still_written(world):
    before = AuditEntry.objects.count()
    log.record(Action.VIEW_ID, world.huangbin, user=world.users["staff"])
    assert AuditEntry.objects.count() == before + 1


def test_no_api_endpoint_touches_the_audit_trail():
    schema = api.get_openapi_schema()
    assert not [path for path in schema["paths"] if "audit" in path.lower()]


def test_deleting_an_account_keeps_its_entries_without_the_name(world, entry):
    user = User.objects.create_user("leaving", password="x")
    kept = log.record(Action.VIEW_ID, world.huangbin, user=user)
    user.delete()
    kept.refresh_from_db()
    assert kept.user_id is None and kept.action == Action.VIEW_ID


@on_postgresql
def test_postgresql_refuses_an_update_in_sql(entry):
    sql = "UPDATE audit_auditentry SET action = 'delete' WHERE id = %s"
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == Action.VIEW_PHONE


@on_postgresql
def test_postgresql_refuses_a_delete_in_sql(entry):
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@on_postgresql
def test_postgresql_refuses_clearing_the_user_together_with_another_column(entry):
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE audit_auditentry SET user_id = NULL, address = '10.0.0.1' WHERE id = %s",
            [entry.pk],
        )


def test_on_sqlite_the_sql_is_not_guarded_but_the_application_is(entry):
    # The other side of the line above: no trigger exists outside PostgreSQL,
    # so this documents where the database guard stops.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_auditentry_append_only'"
            )
            assert cursor.fetchone()[0] == 1
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            assert cursor.fetchone()[0] == 0
