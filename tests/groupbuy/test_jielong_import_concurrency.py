"""Eight taps on 确认导入 at the same moment, on a database server: each request
has its own connection and all start together; the row lock lets one apply."""

import pytest
from django.db import connection

from linli.accounts.scope import Scope
from linli.groupbuy import jielong_import as service
from linli.groupbuy.models import JielongImport, Order, OrderLine
from tests.groupbuy.fixtures_jielong import V1, post
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # SQLite's shared in-memory test database fails a second writer at once
    # instead of making it wait, so the lock is tested where it is used.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
    pytest.mark.usefixtures("during_round"),
]


def test_simultaneous_confirms_of_one_paste_apply_it_once(world, homes, grocery_round):
    captain = world.users["captain3"]
    staged = service.stage(grocery_round, post(*V1), captain, Scope(captain))

    results = simultaneously(lambda i: service.confirm(staged.pk, captain, Scope(captain)))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(applied for _staged, applied in results) == [False] * 7 + [True]
    assert Order.objects.filter(round=grocery_round).count() == 5
    assert OrderLine.objects.filter(order__round=grocery_round).count() == 6
    assert JielongImport.objects.get(pk=staged.pk).status == JielongImport.Status.CONFIRMED
