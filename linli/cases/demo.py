"""Needs and casework in the demo community: the professionals of 逸飞社会工作服务中心
with their logins (dudao1 the supervisor), the volunteer zhiyuan1, and about forty
needs of the last three weeks from every channel, screened by triage as intake
screens them. Most are answered: cases with a plan, notes of each sensitivity, a
small group, follow-ups (some due today, one missed), a few closed with an outcome.
Some are still waiting (a P1 past its deadline is escalated: the dashboard's red),
a few are offered and not yet accepted. The volunteer has tasks, some done with
their minutes. Drawn from `random.Random(2020)`: the same on every run.
"""

import random
from datetime import timedelta

from django.utils import timezone

from linli.accounts.models import Membership, User
from linli.accounts.scope import Scope
from linli.cases import assign, casework, intake, tasks
from linli.cases.choices import (
    Category,
    Channel,
    EventKind,
    NeedStatus,
    Outcome,
    Profession,
    Sensitivity,
    Skill,
    Specialty,
    TaskKind,
)
from linli.cases.models import Assignment, Case, CaseEvent, CaseNote, Need, Professional, Volunteer
from linli.community.models import Household

SEED = 2020
ORG = "逸飞社会工作服务中心"
C, S = Category, Specialty

# username: profession, specialties, languages, capacity, duty hours, supervisor
PROFESSIONALS = {
    "dudao1": (Profession.SOCIAL_WORKER, [S.CRISIS, S.GRIEF], ["普通话", "武汉话"], 4,
               ("08:00", "22:00"), True),
    "chenlanlan": (Profession.SOCIAL_WORKER, [S.RESOURCES, S.ELDERLY, S.DISABILITY],
                   ["普通话", "武汉话"], 10, ("08:00", "20:00"), False),
    "shegong1": (Profession.SOCIAL_WORKER, [S.ELDERLY, S.CHILDREN, S.RESOURCES],
                 ["普通话", "武汉话"], 8, ("08:00", "20:00"), False),
    "xinli1": (Profession.PSYCHOLOGIST, [S.CRISIS, S.EMOTION, S.GRIEF], ["普通话"], 6,
               ("09:00", "23:00"), False),
    "yisheng1": (Profession.DOCTOR, [S.MEDICAL, S.CHRONIC], ["普通话", "武汉话"], 8,
                 ("20:00", "08:00"), False),
}  # fmt: skip

# (category, channel, consent, hours ago, what became of it, who took it, text)
# new: waiting; offer: offered, not yet accepted; active: a case; closed: closed.
NEEDS = [
    (C.PSYCH, Channel.PHONE, True, 3, "new", "",
     "老伴走了以后一直睡不着，晚上一个人坐着哭，活着没意思"),
    (C.CHILD_CARE, Channel.CHAT, True, 2, "active", "shegong1",
     "楼上有户人家爸妈都被拉去隔离了，8岁的伢一个人在屋里"),
    (C.MEDICINE, Channel.PHONE, True, 30, "active", "yisheng1",
     "降压药只剩两天的了，药店进不去"),
    (C.MEDICAL, Channel.RESIDENT, True, 5, "active", "yisheng1",
     "孩子发烧38度，要不要去医院？怕交叉感染"),
    (C.SUPPLIES, Channel.CHAT, True, 20, "active", "chenlanlan",
     "屋里冇得米了，菜也吃完了，团购抢不到"),
    (C.ELDER_CARE, Channel.VISIT, True, 40, "active", "shegong1",
     "独居老人腿脚不便，已经三天没下楼，冰箱空了"),
    (C.PSYCH, Channel.CHAT, True, 60, "active", "xinli1",
     "天天看新闻很焦虑，心慌，睡不好觉，想找人说说话"),
    (C.PSYCH, Channel.PHONE, True, 75, "active", "xinli1",
     "丈夫在医院走了，我都没见到最后一面，整天以泪洗面"),
    (C.MEDICINE, Channel.CHAT, True, 50, "active", "yisheng1",
     "胰岛素快用完了，求哪位邻居帮忙问问哪里有"),
    (C.ELDER_CARE, Channel.PHONE, True, 90, "active", "chenlanlan",
     "我爸瘫痪在床，护工来不了，我一个人照顾不过来"),
    (C.SUPPLIES, Channel.PHONE, True, 26, "active", "chenlanlan",
     "家里三个老人，没有智能手机，不会团购"),
    (C.CHILD_CARE, Channel.PHONE, True, 36, "active", "shegong1",
     "我是医院护士，连续上班回不了家，孩子在家没人做饭"),
    (C.PSYCH, Channel.CHAT, True, 100, "active", "xinli1",
     "隔离在家跟老公天天吵架，孩子也跟着哭，快崩溃了"),
    (C.MEDICAL, Channel.PHONE, True, 8, "active", "yisheng1",
     "透析病人，医院的透析室关了，不知道去哪里做"),
    (C.OTHER, Channel.PHONE, True, 12, "active", "shegong1",
     "想问下出门证怎么办，要去医院拿药"),
    (C.MEDICINE, Channel.VISIT, True, 140, "active", "yisheng1",
     "老人治心脏病的药没了，子女在外地回不来"),
    (C.PSYCH, Channel.PHONE, True, 160, "active", "dudao1",
     "儿子在方舱，我在家担心得吃不下饭，血压也高了"),
    (C.ELDER_CARE, Channel.CHAT, True, 190, "active", "shegong1",
     "楼上张奶奶88岁一个人住，敲门半天才应"),
    (C.SUPPLIES, Channel.CHAT, True, 210, "closed", "chenlanlan",
     "想买点奶粉，孩子的奶粉快喝完了"),
    (C.MEDICINE, Channel.PHONE, True, 230, "closed", "yisheng1",
     "哮喘的喷雾用完了，晚上喘得厉害"),
    (C.PSYCH, Channel.PHONE, True, 260, "closed", "xinli1",
     "一个人隔离在出租屋，觉得好孤独"),
    (C.ELDER_CARE, Channel.PHONE, True, 300, "closed", "shegong1",
     "老人糊涂了，总想出门，拦不住"),
    (C.OTHER, Channel.CHAT, True, 330, "closed", "chenlanlan",
     "家里的狗没狗粮了，谁能匀一点"),
    (C.MEDICAL, Channel.PHONE, True, 380, "closed", "yisheng1",
     "怀孕七个月，产检的医院改成发热门诊了，去哪里产检"),
    (C.SUPPLIES, Channel.PHONE, True, 420, "closed", "chenlanlan",
     "想买卫生巾，超市团购里没有"),
    (C.PSYCH, Channel.PHONE, True, 1, "offer", "xinli1",
     "失业了，房贷还不上，压力好大"),
    (C.ELDER_CARE, Channel.PHONE, True, 1, "offer", "shegong1",
     "奶奶一个人在家，需要有人每天打个电话问问"),
    (C.MEDICINE, Channel.CHAT, True, 0, "offer", "yisheng1",
     "痛风又犯了，止痛药吃完了"),
    (C.SUPPLIES, Channel.CHAT, False, 1, "new", "",
     "有没有人团购蔬菜，我们这栋还差几户"),
    (C.OTHER, Channel.PHONE, False, 10, "new", "",
     "楼道里的灯坏了，晚上黑得很"),
    (C.MEDICAL, Channel.PHONE, True, 1, "new", "",
     "我妈发烧咳嗽两天了，呼吸有点困难"),
    (C.SUPPLIES, Channel.VISIT, True, 14, "new", "",
     "老两口不会用手机，需要人帮忙买菜"),
    (C.PSYCH, Channel.CHAT, True, 9, "new", "",
     "没有想死的念头，就是心里堵得慌，想找个人聊聊"),
    (C.CHILD_CARE, Channel.PHONE, False, 28, "new", "",
     "孩子上网课，家里没有电脑，手机也不够用"),
    (C.MEDICINE, Channel.PHONE, True, 1, "new", "",
     "帮我爸问问，治帕金森的药哪里能买到"),
    (C.SUPPLIES, Channel.CHAT, False, 80, "new", "",
     "想要点消毒液和口罩"),
    (C.ELDER_CARE, Channel.PHONE, True, 26, "withdrawn", "",
     "我婆婆中风后在家，需要康复指导"),
    (C.OTHER, Channel.CHAT, False, 0, "new", "",
     "快递放在小区门口好几天了，能不能帮忙拿上来"),
]  # fmt: skip

NOTE_TEXTS = {
    Sensitivity.GENERAL: [
        "已电话联系，约好明天上午再打。",
        "已联系楼栋长和志愿者，今天下午送到门口。",
        "居民表示收到，情绪平稳。",
    ],
    Sensitivity.MEDICAL: [
        "血压 150/95，按医嘱继续服药，已开两周的量。",
        "体温 38.2℃，无呼吸困难，建议居家观察，每天两次报体温。",
    ],
    Sensitivity.PSYCHOLOGICAL: [
        "谈到未能见家人最后一面的内疚，情绪低落，评估暂无自伤计划，约每两天通话一次。",
        "焦虑明显，教了呼吸放松的方法，建议少看疫情新闻。",
    ],
}
PLANS = {
    C.PSYCH: "每两天电话疏导一次；必要时转介精神科医生；情况好转后改为每周一次。",
    C.MEDICINE: "核对处方，联系药房代购，志愿者送药上门；下次用完前三天提醒。",
    C.MEDICAL: "线上问诊，评估是否需要就医；需要时联系社区车辆。",
    C.ELDER_CARE: "每日电话问候，志愿者每周两次送菜；联系家属。",
    C.CHILD_CARE: "安排临时监护人，每天上门查看一次，联系学校老师。",
    C.SUPPLIES: "从团购中安排一份爱心菜，志愿者送到门口。",
    C.OTHER: "了解情况后链接相关部门。",
}
OUTCOMES = [Outcome.RESOLVED, Outcome.STABLE, Outcome.RESOLVED, Outcome.REFERRED_OUT]


def seed(community) -> None:
    rng = random.Random(SEED)
    now = timezone.now()
    pros = _professionals(community)
    volunteer = _volunteer(community)
    households = list(
        Household.objects.filter(building__compound__community=community)
        .select_related("building")
        .order_by("building__sort_key", "pk")
    )
    if not households or "dudao1" not in pros:
        return
    supervisor = pros["dudao1"].user
    staff = User.objects.filter(username="futingting").first()
    huangbin = User.objects.filter(username="huangbin").first()
    home = Household.objects.filter(
        pk__in=Membership.objects.filter(user=huangbin).values("household_id")
    ).first()
    picked = rng.sample(households, min(len(NEEDS), len(households)))
    for n, (category, channel, consent, hours, fate, lead, text) in enumerate(NEEDS):
        household = picked[n % len(picked)]
        if channel == Channel.RESIDENT:  # the one need a resident sent is 黄彬's
            household = home or household
        entered_by = _enterer(channel, household, staff, huangbin)
        resident = household.residents.order_by("pk").first()
        need = Need(
            household=household, resident=resident, category=category, text=text,
            channel=channel, consent=consent, entered_by=entered_by,
            contact_name=resident.name if resident else "",
            contact_phone=resident.phone if resident else "",
            created_at=now - timedelta(hours=hours, minutes=rng.randint(0, 50)),
        )  # fmt: skip
        intake.submit(need, actor=entered_by)
        if fate == "withdrawn":
            Need.objects.filter(pk=need.pk).update(status=NeedStatus.WITHDRAWN, closed_at=now)
        elif fate != "new" and lead in pros:
            _work(rng, need, pros[lead], supervisor, fate, now, pros, volunteer)
    _escalate(community, now)
    _volunteer_tasks(rng, community, volunteer, households, staff, now)


def _professionals(community) -> dict:
    users = {u.username: u for u in User.objects.filter(username__in=PROFESSIONALS)}
    made = {}
    for username, (
        profession,
        specialties,
        languages,
        capacity,
        duty,
        chief,
    ) in PROFESSIONALS.items():
        user = users.get(username)
        if user is None:
            continue
        pro = Professional.objects.create(
            user=user, name=user.display_name or username, profession=profession,
            organisation=ORG, specialties=list(specialties), languages=languages,
            capacity=capacity, duty_start=duty[0], duty_end=duty[1], is_supervisor=chief,
        )  # fmt: skip
        pro.communities.set([community])
        made[username] = pro
    return made


def _volunteer(community):
    user = User.objects.filter(username="zhiyuan1").first()
    if user is None:
        return None
    return Volunteer.objects.create(
        user=user, name=user.display_name or user.username, community=community,
        skills=[Skill.DELIVERY, Skill.BEFRIENDING, Skill.DISINFECTION],
        availability="每天下午两点到六点",
    )  # fmt: skip


def _enterer(channel, household, staff, resident_user):
    """Phone calls are taken by staff; chats and visits by the building's captain."""
    if channel == Channel.RESIDENT:
        return resident_user
    if channel == Channel.PHONE:
        return staff
    if channel in (Channel.CHAT, Channel.VISIT):
        return User.objects.filter(
            username=f"captain{household.building.number}"
        ).first() or staff  # fmt: skip
    return None


def _work(rng, need, pro, supervisor, fate, now, pros, volunteer) -> None:
    """Offer the need; unless it is only offered, accept it, work the case, maybe close it."""
    offered_at = need.created_at + timedelta(minutes=rng.randint(5, 25))
    offer = assign.offer(need, pro, supervisor, reason="演示：专长匹配")
    _at(need, EventKind.OFFERED, offered_at)
    Assignment.objects.filter(pk=offer.pk).update(created_at=offered_at)
    if fate == "offer":
        return
    case = assign.accept(offer, pro.user)
    deadline = (need.due_at - need.created_at).total_seconds() / 60
    took = deadline * (rng.uniform(1.1, 1.6) if rng.random() < 0.15 else rng.uniform(0.2, 0.9))
    took = min(took, (now - need.created_at).total_seconds() / 60 * 0.6)
    accepted_at = max(offered_at, need.created_at + timedelta(minutes=took))
    Need.objects.filter(pk=need.pk).update(first_response_at=accepted_at)
    Assignment.objects.filter(pk=offer.pk).update(responded_at=accepted_at)
    Case.objects.filter(pk=case.pk).update(opened_at=accepted_at)
    _at(need, EventKind.ACCEPTED, accepted_at)
    case.refresh_from_db()
    scope = Scope(pro.user)
    casework.update_plan(scope, case, PLANS[need.category])
    _notes(rng, scope, case, pro)
    _group(scope, case, need, pros, pro)
    today = timezone.localdate()
    since = (now - accepted_at).days
    # A follow-up missed yesterday (one done, on older cases), today's, one planned ahead;
    # a case about to close had its one follow-up done.
    dates = [today - timedelta(days=min(since, 1))]
    dates += [today, today + timedelta(days=2)] if fate != "closed" else []
    casework.schedule_follow_ups(scope, case, dates)
    first = case.follow_ups.order_by("due_on").first()
    if first and (since >= 2 or fate == "closed"):
        casework.record_follow_up(scope, first, "电话回访，情况稳定。")
    if volunteer and need.category in (C.MEDICINE, C.SUPPLIES, C.ELDER_CARE) and rng.random() < 0.5:
        tasks.need_task(need, by=pro.user)
    if fate == "closed":
        outcome = OUTCOMES[need.pk % len(OUTCOMES)]
        casework.close(scope, case, outcome, "回访确认问题已解决，居民表示感谢。")
        closed_at = min(now, accepted_at + timedelta(hours=rng.randint(20, 80)))
        Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
        Need.objects.filter(pk=need.pk).update(closed_at=closed_at)
        _at(need, EventKind.CLOSED, closed_at)


def _notes(rng, scope, case, pro) -> None:
    kinds = [Sensitivity.GENERAL]
    if pro.profession == Profession.DOCTOR:
        kinds.append(Sensitivity.MEDICAL)
    if pro.profession == Profession.PSYCHOLOGIST or case.need.category == C.PSYCH:
        kinds.append(Sensitivity.PSYCHOLOGICAL)
    for kind in kinds:
        casework.add_note(scope, case, rng.choice(NOTE_TEXTS[kind]), kind)
    CaseNote.objects.filter(case=case).update(created_at=case.opened_at + timedelta(hours=1))


def _group(scope, case, need, pros, pro) -> None:
    """The small group: the building's captain; a guardian for a child alone; the doctor
    beside the psychologist when a resident's health is part of it."""
    captain = User.objects.filter(username=f"captain{need.household.building.number}").first()
    if captain:
        casework.add_participant(scope, case, "楼栋长", user=captain)
    if need.category == C.CHILD_CARE and need.crisis:
        casework.add_participant(scope, case, "临时监护人", name="刘桂芳", phone="13986001234")
    if (
        need.category == C.PSYCH
        and pro.profession == Profession.PSYCHOLOGIST
        and "yisheng1" in pros
    ):
        casework.add_participant(scope, case, "医生", user=pros["yisheng1"].user)


def _at(need, kind, at) -> None:
    CaseEvent.objects.filter(need=need, kind=kind).update(at=at)


def _escalate(community, now) -> None:
    """Needs past their deadline with no response were reported to the supervisor then."""
    for need in Need.objects.in_community([community.pk]).overdue(now):
        at = need.due_at + timedelta(minutes=5)
        Need.objects.filter(pk=need.pk).update(escalated_at=at)
        CaseEvent.objects.create(need=need, kind=EventKind.ESCALATED, at=at)


def _volunteer_tasks(rng, community, volunteer, households, staff, now) -> None:
    if volunteer is None:
        return
    today = timezone.localdate()
    made = [
        (TaskKind.DELIVERY, "送爱心菜上门", 25),
        (TaskKind.MEDICINE, "送药上门", 40),
        (TaskKind.CHECK_CALL, "每日电话问候", 15),
        (TaskKind.DELIVERY, "送团购物资上门", None),
        (TaskKind.DISINFECTION, "消杀：9栋楼道", None),
        (TaskKind.VISIT, "上门探访", None),
    ]
    for n, (kind, title, minutes) in enumerate(made):
        household = None if kind == TaskKind.DISINFECTION else rng.choice(households)
        task = tasks.create(community, kind, title, today, household=household, by=staff)
        if minutes:
            tasks.claim(task, volunteer)
            tasks.complete(task, volunteer, minutes, "已送到，老人在家。")
            done = now - timedelta(hours=n + 2)
            type(task).objects.filter(pk=task.pk).update(done_at=done, claimed_at=done)
        elif n == 3:
            tasks.claim(task, volunteer)
