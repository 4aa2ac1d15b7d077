"""`linli create_api_token USERNAME NAME`, for administrators."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from linli.api.keys import hash_secret
from linli.api.models import ApiToken


def create(*args):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_it_prints_a_working_secret_that_is_stored_only_hashed(client, world):
    secret, note = create("captain3", "3栋群机器人")
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (world.users["captain3"], "3栋群机器人")
    assert token.key_hash == hash_secret(secret)
    assert token.prefix in note and secret not in note
    response = client.get("/api/buildings", headers={"Authorization": f"Bearer {secret}"})
    assert [b["id"] for b in response.json()["items"]] == [world.building3.pk]


def test_an_unknown_user_is_an_error_and_nothing_is_made(world):
    with pytest.raises(CommandError, match="No user"):
        create("nosuchuser", "x")
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token(world):
    world.users["captain3"].is_active = False
    world.users["captain3"].save()
    with pytest.raises(CommandError, match="inactive"):
        create("captain3", "x")
    assert not ApiToken.objects.exists()
