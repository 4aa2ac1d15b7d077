from linli.audit.context import acting_as
from linli.audit.models import Action, AuditEntry
from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag


def test_creating_a_resident_records_who_did_it_and_from_where(world):
    staff = world.users["staff"]
    with acting_as(staff, "10.0.0.8"):
        resident = Resident.objects.create(household=world.household3, name="黄小彬")
    entry = AuditEntry.objects.for_resident(resident).get()
    assert (entry.action, entry.user, entry.address) == (Action.CREATE, staff, "10.0.0.8")
    assert entry.changes["name"] == [None, "黄小彬"]


def test_changing_a_phone_records_the_change_without_the_full_numbers(world):
    world.huangbin.phone = "13900000099"
    world.huangbin.save()
    entry = AuditEntry.objects.for_resident(world.huangbin).get(action=Action.UPDATE)
    assert entry.changes == {"phone": ["…0003", "…0099"]}


def test_saving_without_a_change_records_nothing(world):
    before = AuditEntry.objects.count()
    world.huangbin.save()
    assert AuditEntry.objects.count() == before


def test_tagging_and_deleting_are_recorded_against_the_resident(world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    Household.objects.filter(pk=world.household3.pk).delete()
    actions = list(AuditEntry.objects.for_resident(world.huangbin).values_list("action", flat=True))
    assert Action.CREATE in actions
    assert actions.count(Action.DELETE) >= 2  # the tag and the resident
    assert not Resident.objects.filter(pk=world.huangbin.pk).exists()


def test_deleting_a_whole_building_records_each_household_by_its_address(world):
    world.building3.delete()
    entry = AuditEntry.objects.get(action=Action.DELETE, model="community.household")
    assert entry.object_repr == "3栋1单元201"


def test_a_forwarded_for_header_is_ignored_unless_a_proxy_is_configured(rf, settings):
    from linli.audit.context import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.9", REMOTE_ADDR="10.0.0.1")
    settings.LINLI_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"
    settings.LINLI_PROXY_COUNT = 1
    assert (
        client_address(request) == "10.0.0.9"
    )  # what our nginx saw; 1.2.3.4 is the client's claim
    settings.LINLI_PROXY_COUNT = 2
    assert client_address(request) == "1.2.3.4"
