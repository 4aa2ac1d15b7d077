"""Notices in the demo community: a pinned closed-management notice most homes
have read (the offline elderly of building 9 told by phone or at the door), a
disinfection notice for building 9 still unread in many homes (黄彬's among
them, so the demo resident sees an unread notice), a group-buying reminder from
a template, feedback with answers, two 防疫知识 articles and an online class."""

import random
from datetime import timedelta

from django.utils import timezone

from linli.accounts.models import User
from linli.community.choices import Tag
from linli.community.models import Building, Household, Resident
from linli.notices.choices import (
    ActivityKind,
    FeedbackKind,
    FeedbackState,
    Priority,
    Reach,
    Told,
    Topic,
)
from linli.notices.feedback import Feedback
from linli.notices.learning import Activity, Article
from linli.notices.models import Announcement, AnnouncementTemplate, ReadReceipt

SEED = 2020
READ_SHARE = 0.7  # homes that read the pinned notice on a phone
DEMO_BUILDING = "9"  # 黄彬's building, and captain9's

FEEDBACK = [
    (FeedbackKind.COMPLAINT, Topic.GROUPBUY, "昨天团购的猪肉少了半斤，能不能补上？", 30,
     "已核对，超市明天随下一批补送半斤。", True),
    (FeedbackKind.QUESTION, Topic.MEDICAL, "家里老人的降压药快吃完了，社区能统一代购吗？", 20,
     "可以，请在团购里选“慢病用药”，药房每周三统一配送。", True),
    (FeedbackKind.SUGGESTION, Topic.SANITATION, "建议垃圾清运改成每天两次，楼下气味大。", 8,
     "已转物业，正在安排下午加一次。", False),
    (FeedbackKind.QUESTION, Topic.TRAVEL, "孩子要回医院上班，出门证怎么开？", 5, None, False),
    (FeedbackKind.QUESTION, Topic.POLICY, "隔离结束后需要开什么证明？", 3, None, False),
    (FeedbackKind.COMPLAINT, Topic.SUPPLIES, "爱心菜里的青菜有点烂了。", 50,
     "已反馈给供货超市，下次会先挑拣。", True),
]  # fmt: skip

ARTICLES = [
    ("正确佩戴和丢弃口罩", "戴口罩前先洗手；有颜色的一面朝外，金属条压紧鼻梁；"
     "口罩变湿或脏了要及时更换。\n摘下时只碰耳绳，把口罩对折后装进塑料袋，丢进有害垃圾桶，再洗手。"),
    ("居家消毒怎么做", "84消毒液按1:100兑水，擦拭门把手、桌面、马桶，30分钟后用清水再擦一遍。\n"
     "不要和洁厕灵混用；每天开窗通风两到三次，每次30分钟。"),
]  # fmt: skip


def seed(community) -> None:
    rng = random.Random(SEED)
    staff = User.objects.filter(username="futingting").first()
    captain = User.objects.filter(username=f"captain{DEMO_BUILDING}").first()
    now = timezone.now()
    building = Building.objects.in_community(community).filter(number=DEMO_BUILDING).first()

    AnnouncementTemplate.objects.create(
        community=community, name="爱心菜发放通知", title="{date}爱心菜发放",
        body="{date} {time}起，志愿者将爱心菜送到独居老人家门口，请留意敲门声。",
    )  # fmt: skip
    pinned = Announcement.objects.create(
        community=community, reach=Reach.COMMUNITY, priority=Priority.URGENT, pinned=True,
        title="关于小区封闭管理和出门证的通知", author=staff, published_at=now - timedelta(days=2),
        body="即日起小区实行封闭管理：每户凭出门证每三天可安排一人外出采购生活必需品，"
        "出入请在门岗扫码并测温。就医等紧急情况请联系楼栋长或社区。",
    )  # fmt: skip
    _read_by_share(pinned, community, rng, captain)
    if building is not None:
        local = Announcement.objects.create(
            community=community, reach=Reach.BUILDINGS, priority=Priority.IMPORTANT,
            title=f"{DEMO_BUILDING}栋明早公共区域消杀", author=staff,
            published_at=now - timedelta(hours=3),
            body="明早九点对楼道、电梯和楼下垃圾点进行消杀，届时请关好门窗，暂不要在楼道停留。",
        )  # fmt: skip
        local.buildings.set([building])
        households = list(Household.objects.filter(building=building).order_by("pk"))
        readers = [h.pk for h in households[1::3] if h.room != "201"]  # 黄彬's 201 stays unread
        local.mark_read(readers, by=None)
    template = AnnouncementTemplate.objects.filter(community=None, name="团购截单提醒").first()
    Announcement.objects.create(
        community=community, reach=Reach.COMMUNITY, author=staff, template=template,
        title="本轮团购明晚截单", published_at=now - timedelta(hours=20),
        body="本轮团购将于明天18:00截单，需要买菜的家庭请在截单前下单或在楼栋群接龙。"
        "家里没有智能手机的老人，请打电话给楼栋长代为下单。",
    )  # fmt: skip
    _feedback(community, rng, staff, now)
    for title, body in ARTICLES:
        Article.objects.create(community=community, title=title, body=body, author=staff)
    _activity(community, rng, staff, now)


def _read_by_share(announcement, community, rng, captain):
    households = list(
        Household.objects.in_community(community).order_by("pk").values_list("pk", flat=True)
    )
    announcement.mark_read([h for h in households if rng.random() < READ_SHARE], by=None)
    # The captain of building 9 reached some of its residents without a smartphone.
    offline = Resident.objects.filter(
        household__building__compound__community=community,
        household__building__number=DEMO_BUILDING, tags__tag=Tag.NO_SMARTPHONE,
    ).exclude(read_receipts__announcement=announcement).order_by("pk")  # fmt: skip
    for index, resident in enumerate(offline[:4]):
        how = Told.PHONE if index % 2 == 0 else Told.DOOR
        ReadReceipt.objects.create(
            announcement=announcement, resident=resident, how=how, by=captain
        )


def _feedback(community, rng, staff, now):
    households = list(Household.objects.in_community(community).order_by("pk")[:400])
    for kind, topic, text, hours_ago, answer, closed in FEEDBACK:
        household = rng.choice(households)
        item = Feedback.objects.create(
            community=community, household=household, kind=kind, topic=topic, text=text,
            created_at=now - timedelta(hours=hours_ago),
        )  # fmt: skip
        if answer:
            answered_at = item.created_at + timedelta(hours=rng.choice([2, 4, 6, 10]))
            Feedback.objects.filter(pk=item.pk).update(
                answer=answer, answered_by=staff, answered_at=answered_at,
                state=FeedbackState.CLOSED if closed else FeedbackState.ANSWERED,
                closed_at=answered_at if closed else None,
            )  # fmt: skip


def _activity(community, rng, staff, now):
    start = (now + timedelta(days=1)).replace(hour=11, minute=30, second=0, microsecond=0)
    activity = Activity.objects.create(
        community=community, kind=ActivityKind.PARENT_CHILD, title="亲子线上手工课：折纸",
        description="社工带孩子和家长一起折纸，准备几张彩纸即可。", starts_at=start,
        minutes=45, room="腾讯会议 520 2020 0210", capacity=30, created_by=staff,
    )  # fmt: skip
    children = list(
        Resident.objects.filter(
            household__building__compound__community=community, tags__tag=Tag.CHILD
        ).order_by("pk")[:60]
    )
    for child in rng.sample(children, min(12, len(children))):
        activity.sign_up(child, by=None)
