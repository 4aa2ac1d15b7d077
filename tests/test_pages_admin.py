"""Django's admin, for superusers: every registered model's list and form open,
and the audit trail cannot be changed there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from linli.audit.models import AuditEntry

MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"community", "accounts", "audit"}
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label_lower)
def test_a_superuser_opens_each_registry_models_list_and_an_object(client, world, model):
    client.force_login(world.users["superuser"])
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200


def test_the_audit_trail_is_read_only_even_for_a_superuser(client, world):
    client.force_login(world.users["superuser"])
    entry = AuditEntry.objects.first()
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_community_staff_are_not_let_into_the_admin(client, world):
    client.force_login(world.users["staff"])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
