"""No object of another community is reachable by changing an id in an address (IDOR).

The other community is the demo community (`linli demo`): every kind of record
(rounds, orders, passes, needs, cases, announcements…) exists there. Every role
of a first community, and an anonymous visitor, then asks for each of them at
every URL pattern that takes an id, page and API alike, and must get a 404 (or
a 403 from a page the role may not use at all, or the login page): never the
object, never a change to it.

The registry OBJECT_URLS maps each URL name to the ids of one object of the
other community. A new URL with an id fails `test_every_url_with_an_id_is_in_the_registry`
until it is added here, so it is tested from the day it exists.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from linli.accounts.choices import Role
from linli.accounts.models import User
from linli.api.models import ApiToken
from linli.cases.choices import Profession
from linli.cases.models import Professional, Volunteer
from linli.community.models import (
    Area,
    Building,
    Community,
    Compound,
    District,
    Household,
    Resident,
    Street,
    Unit,
)
from tests.conftest import demo_once, make_user

pytestmark = pytest.mark.django_db


def model(label):
    return apps.get_model(label)


def first(label, **filters):
    found = model(label).objects.filter(**filters).order_by("pk").first()
    assert found is not None, f"the demo has no {label}: add a factory to other_objects()"
    return found


def other_objects(other):
    """One record of each kind in `other` (the demo community), created when the demo has none."""
    c = other
    o = SimpleNamespace(community=c)
    o.building = first("community.Building", compound__community=c)
    o.household = first("community.Household", building__compound__community=c)
    o.resident = first("community.Resident", household__building__compound__community=c)
    o.round = first("groupbuy.Round", community=c)
    o.order = first("groupbuy.Order", round=o.round)
    o.supplier = first("groupbuy.Supplier", community=c)
    staff = User.objects.get(username="futingting")
    o.roster = model("community.RosterImport").objects.create(
        community=c, file_name="花名册.csv", content=b"x", created_by=staff
    )
    o.handout = model("groupbuy.Handout").objects.create(order=o.order)
    o.payment = model("groupbuy.Payment").objects.create(order=o.order, amount=10)
    o.medicine = model("groupbuy.MedicineLine").objects.create(
        order=o.order, resident=o.resident, name="二甲双胍", quantity=1
    )
    o.jielong = model("groupbuy.JielongImport").objects.create(
        round=o.round, text="1. 3栋101 白菜1", created_by=staff
    )
    o.token, _secret = ApiToken.issue(staff, "demo")
    o.visit = first("health.VisitTask", resident__household__building__compound__community=c)
    o.transfer = first("health.Transfer", resident__household__building__compound__community=c)
    o.quarantine = first("health.Quarantine", resident__household__building__compound__community=c)
    o.exit_pass = first("gate.ExitPass", household__building__compound__community=c)
    o.trip = first("gate.Trip", household__building__compound__community=c)
    o.refusal = first("gate.GateRefusal")
    o.place = first("gate.Place", community=c)
    o.need = first("cases.Need", household__building__compound__community=c)
    o.case = first("cases.Case")
    o.case_follow_up = first("cases.FollowUp")
    o.participant = first("cases.Participant")
    o.offer = first("cases.Assignment")
    o.task = first("cases.VolunteerTask")
    o.volunteer = first("cases.Volunteer", community=c)
    o.professional = first("cases.Professional")
    o.announcement = first("notices.Announcement")
    o.feedback = first("notices.Feedback")
    o.article = first("notices.Article")
    o.activity = first("notices.Activity")
    o.robot = model("outbound.WebhookTarget").objects.create(
        community=c, name="演示群机器人", url="https://robot.example.cn/hook"
    )
    o.delivery = model("outbound.Delivery").objects.create(
        channel="sms", recipient="13900000000", body="x", event="announcement",
        object_type="notices.announcement", object_id=o.announcement.pk, community=c,
    )  # fmt: skip
    group = model("chat.ChatGroup")(name="3栋群", external_id="demo-3", community=c)
    group.new_token()
    group.save()
    o.chat_message = model("chat.ChatMessage").objects.create(
        group=group, sender="黄彬", text="3栋101 求助", sent_at=o.order.created_at, kind="need"
    )
    return o


def pk(name):
    return lambda o: {"pk": getattr(o, name).pk}


# URL name -> the path arguments of one object of the other community.
OBJECT_URLS = {
    "community:building": pk("building"),
    "community:household_add": pk("building"),
    "community:household": pk("household"),
    "community:household_edit": pk("household"),
    "community:resident_add": pk("household"),
    "community:resident": pk("resident"),
    "community:resident_edit": pk("resident"),
    "community:reveal": lambda o: {"pk": o.resident.pk, "field": "phone"},
    "community:roster_preview": pk("roster"),
    "audit:resident_log": pk("resident"),
    "groupbuy:round": pk("round"),
    "groupbuy:round_edit": pk("round"),
    "groupbuy:round_advance": pk("round"),
    "groupbuy:round_reopen": pk("round"),
    "groupbuy:round_building": lambda o: {"pk": o.round.pk, "building_pk": o.building.pk},
    "groupbuy:order_pick": pk("round"),
    "groupbuy:order_form": lambda o: {"pk": o.round.pk, "household_pk": o.household.pk},
    "groupbuy:order": pk("order"),
    "groupbuy:order_cancel": pk("order"),
    "groupbuy:supplier_edit": pk("supplier"),
    "groupbuy:fulfil": pk("round"),
    "groupbuy:tally": pk("round"),
    "groupbuy:po": lambda o: {"pk": o.round.pk, "supplier_pk": o.supplier.pk},
    "groupbuy:po_xlsx": lambda o: {"pk": o.round.pk, "supplier_pk": o.supplier.pk},
    "groupbuy:mark_ordered": pk("round"),
    "groupbuy:receive": pk("round"),
    "groupbuy:picklist": pk("round"),
    "groupbuy:handout": lambda o: {"pk": o.round.pk, "building_pk": o.building.pk},
    "groupbuy:handout_done": pk("handout"),
    "groupbuy:payments": pk("round"),
    "groupbuy:payment_mark": pk("payment"),
    "groupbuy:love": pk("order"),
    "groupbuy:order_allocation": pk("order"),
    "groupbuy:medicine": pk("round"),
    "groupbuy:prescription": pk("medicine"),
    "groupbuy:jielong_paste": lambda o: {"round_pk": o.round.pk},
    "groupbuy:jielong_preview": pk("jielong"),
    "groupbuy:jielong_confirm": pk("jielong"),
    "groupbuy:jielong_household": lambda o: {"pk": o.jielong.pk, "n": 0},
    "groupbuy:jielong_item": lambda o: {"pk": o.jielong.pk, "n": 0, "i": 0},
    "groupbuy:jielong_skip": lambda o: {"pk": o.jielong.pk, "n": 0},
    "api:token_revoke": pk("token"),
    "health:sheet": pk("building"),
    "health:missing": pk("building"),
    "health:household_normal": pk("household"),
    "health:checkin": pk("resident"),
    "health:person": pk("resident"),
    "health:category_add": pk("resident"),
    "health:transfer_request": pk("resident"),
    "health:quarantine_start": pk("resident"),
    "health:visit": pk("visit"),
    "health:transfer_advance": pk("transfer"),
    "health:quarantine_end": pk("quarantine"),
    "health:follow_up": pk("quarantine"),
    "health:release": pk("quarantine"),
    "gate:out": pk("exit_pass"),
    "gate:in": pk("trip"),
    "gate:handle_refusal": pk("refusal"),
    "gate:pass": pk("exit_pass"),
    "gate:household_passes": pk("household"),
    "gate:disinfect": pk("place"),
    "cases:case": pk("case"),
    "cases:case_plan": pk("case"),
    "cases:case_note": pk("case"),
    "cases:case_schedule": pk("case"),
    "cases:case_follow_up_done": pk("case_follow_up"),
    "cases:case_participant_add": pk("case"),
    "cases:case_participant_remove": pk("participant"),
    "cases:case_close": pk("case"),
    "cases:case_reopen": pk("case"),
    "cases:task_claim": pk("task"),
    "cases:task_release": pk("task"),
    "cases:task_done": pk("task"),
    "cases:task_call": pk("task"),
    "cases:task_assign": pk("task"),
    "cases:task_cancel": pk("task"),
    "cases:place_task": pk("place"),
    "cases:need_task": pk("need"),
    "cases:volunteer_edit": pk("volunteer"),
    "cases:need_phone_form": lambda o: {"household_pk": o.household.pk},
    "cases:need": pk("need"),
    "cases:need_done": pk("need"),
    "cases:need_offer": pk("need"),
    "cases:need_refer": pk("need"),
    "cases:need_responded": pk("need"),
    "cases:need_close": pk("need"),
    "cases:need_reopen": pk("need"),
    "cases:need_withdraw": pk("need"),
    "cases:offer_accept": pk("offer"),
    "cases:offer_decline": pk("offer"),
    "cases:professional_edit": pk("professional"),
    "notices:detail": pk("announcement"),
    "notices:unread": pk("announcement"),
    "notices:told": lambda o: {"pk": o.announcement.pk, "resident": o.resident.pk},
    "notices:feedback_detail": pk("feedback"),
    "notices:article": pk("article"),
    "notices:article_edit": pk("article"),
    "notices:activity": pk("activity"),
    "notices:activity_signup": pk("activity"),
    "reports:community": pk("community"),
    "reports:community_xlsx": pk("community"),
    "outbound:retry": pk("delivery"),
    "outbound:robot_edit": pk("robot"),
    "outbound:robot_test": pk("robot"),
    "chat:confirm": pk("chat_message"),
    "chat:dismiss": pk("chat_message"),
    # The API (/api/…): ninja's path parameters.
    "api_v1:get_building": lambda o: {"building_id": o.building.pk},
    "api_v1:get_household": lambda o: {"household_id": o.household.pk},
    "api_v1:get_round": lambda o: {"round_id": o.round.pk},
    "api_v1:list_orders": lambda o: {"round_id": o.round.pk},
    "api_v1:put_order": lambda o: {"round_id": o.round.pk, "household_id": o.household.pk},
    "api_v1:get_order": lambda o: {"order_id": o.order.pk},
    "api_v1:get_need": lambda o: {"need_id": o.need.pk},
}

# URLs with arguments that are not a community's objects, and why.
NOT_OBJECTS = {
    "admin": "Django's admin: superusers only, who see every community by design",
    None: "unnamed catch-alls (the admin's, the API root's, media in debug)",
}


def url_patterns(resolver=None, namespace=None):
    """(URL name, argument names) of every pattern, walking includes."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace])) or None
            yield from url_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            args = set(entry.pattern.regex.groupindex) | set(
                getattr(entry.pattern, "converters", {})
            )
            yield name, namespace, args


def object_url_names():
    names = set()
    for name, namespace, args in url_patterns():
        if not args or name is None or (namespace or "").split(":")[0] in NOT_OBJECTS:
            continue
        if name.startswith("admin:"):
            continue
        names.add(name)
    return names


def test_every_url_with_an_id_is_in_the_registry():
    missing = sorted(object_url_names() - set(OBJECT_URLS))
    assert missing == [], f"add these to OBJECT_URLS in {__file__}: {missing}"


def test_the_registry_names_only_urls_that_exist():
    assert sorted(set(OBJECT_URLS) - object_url_names()) == []


# The first community and a user of every role in it.


demo_120 = demo_once("--residents", "120")


@pytest.fixture
def two_communities(demo_120, db):
    other = Community.objects.get()
    district = District.objects.create(name="汉阳区")
    street = Street.objects.create(district=district, name="四新街道")
    mine = Community.objects.create(street=street, name="江城社区")
    compound = Compound.objects.create(community=mine, name="江城花园")
    area = Area.objects.create(community=mine, name="一片区")
    building = Building.objects.create(compound=compound, number="1", area=area)
    household = Household.objects.create(
        building=building, unit=Unit.objects.create(building=building, number="1"), room="101"
    )
    Resident.objects.create(household=household, name="张三", phone="13800000001")
    c = {"community": mine}
    users = {
        "staff": make_user("idor_staff", Role.STAFF, **c),
        "area_leader": make_user("idor_area", Role.AREA_LEADER, area=area, **c),
        "captain": make_user("idor_captain", Role.CAPTAIN, buildings=[building], **c),
        "resident": make_user("idor_resident", Role.RESIDENT, household=household, **c),
        "social_worker": make_user("idor_sw", Role.SOCIAL_WORKER, **c),
        "supervisor": make_user("idor_dudao", Role.SOCIAL_WORKER, **c),
        "psychologist": make_user("idor_psy", Role.PSYCHOLOGIST, **c),
        "doctor": make_user("idor_doc", Role.DOCTOR, **c),
        "volunteer": make_user("idor_vol", Role.VOLUNTEER, **c),
        "property": make_user("idor_wuye", Role.PROPERTY, **c),
        "gatekeeper": make_user("idor_gate", Role.GATEKEEPER, **c),
        "supplier": make_user("idor_shop", Role.SUPPLIER, **c),
        "viewer": make_user("idor_street", Role.VIEWER, street=street),
        "no_role": make_user("idor_nobody"),
    }
    professions = {
        "social_worker": Profession.SOCIAL_WORKER,
        "psychologist": Profession.PSYCHOLOGIST,
        "doctor": Profession.DOCTOR,
        "supervisor": Profession.SOCIAL_WORKER,
    }
    for key, profession in professions.items():
        pro = Professional.objects.create(
            user=users[key], name=key, profession=profession, is_supervisor=key == "supervisor"
        )
        pro.communities.set([mine])
    Volunteer.objects.create(user=users["volunteer"], name="志愿者", community=mine)
    return SimpleNamespace(mine=mine, other=other, users=users, objects=other_objects(other))


REFUSED = {403, 404}


def answer(client, url, is_api):
    """The page's answer to a GET, or to an empty POST where only POST is allowed."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    if response.status_code == 405 and is_api:
        # A well-formed order, so the answer is about the ids, not the body.
        body = '{"lines": [{"product": "大白菜", "quantity": "1", "unit": "斤"}]}'
        response = client.put(url, body, content_type="application/json")
    return response


def leaks_for(client, objects, anonymous=False):
    leaks = []
    for name, arguments in sorted(OBJECT_URLS.items()):
        url = reverse(name, kwargs=arguments(objects))
        response = answer(client, url, is_api=name.startswith("api_v1:"))
        status = response.status_code
        if status in REFUSED:
            continue
        if (
            anonymous
            and status in (302, 401)
            and (status == 401 or "/accounts/login/" in response.get("Location", ""))
        ):
            continue
        leaks.append(f"{status} {name} {url}")
    return leaks


def test_no_role_of_one_community_reaches_an_object_of_another(two_communities):
    world = two_communities
    leaks = {}
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        found = leaks_for(client, world.objects)
        if found:
            leaks[role] = found
    assert leaks == {}


def test_an_anonymous_visitor_reaches_no_object(two_communities):
    assert leaks_for(Client(), two_communities.objects, anonymous=True) == []


def test_the_other_communitys_staff_do_reach_them(two_communities):
    """The other side of the line: the objects are real and reachable in their community,
    so the 404s above are about scope, not about ids that do not exist."""
    client = Client()
    client.force_login(User.objects.get(username="futingting"))
    o = two_communities.objects
    for name in ["community:household", "community:resident", "groupbuy:round", "groupbuy:order",
                 "health:person", "gate:pass", "cases:need", "notices:detail",
                 "reports:community", "outbound:robot_edit"]:  # fmt: skip
        url = reverse(name, kwargs=OBJECT_URLS[name](o))
        assert client.get(url).status_code == 200, name
    api = reverse("api_v1:get_household", kwargs=OBJECT_URLS["api_v1:get_household"](o))
    assert client.get(api).status_code == 200
