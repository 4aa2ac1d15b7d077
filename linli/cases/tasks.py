"""The volunteers' task board: where tasks come from and what happens to them.

A task is claimed by one volunteer ("我来") or assigned by staff, released, done
with minutes and a note, or cancelled. Each move is a conditional UPDATE on the
task's status, so two volunteers tapping "我来" at once get one winner and one
clear refusal, and a double-tapped "完成" counts its minutes once.

Tasks come from hand-out doorstep deliveries (the Handout stays the record of
the bag: finishing either one finishes the other), overdue disinfection places
(a DisinfectionLog is written when the task is done), daily check-calls for
residents living alone (`linli daily_tasks`), needs, and staff.

A task says where and what, never why: no need text, no health data, no tag.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.cases.choices import Category, TaskKind, TaskStatus
from linli.cases.models import Volunteer, VolunteerTask
from linli.community.choices import Tag
from linli.community.models import Resident
from linli.groupbuy.choices import HandoutStatus

# What a volunteer reads on the board for each kind: plain and the same for everyone.
NEUTRAL_DETAIL = {
    TaskKind.DELIVERY: gettext_lazy("到门口敲门或打电话，东西放在门口，不进屋。"),
    TaskKind.MEDICINE: gettext_lazy("到门口敲门或打电话，东西放在门口，不进屋。"),
    TaskKind.DISINFECTION: gettext_lazy("按消杀规程做，做完记一下用时。"),
    TaskKind.VISIT: gettext_lazy("上门看看，隔着门问候，不进屋；有需要请告诉社区。"),
    TaskKind.CHECK_CALL: gettext_lazy(
        "打电话问候：吃的够不够、有没有要帮忙的。联系不上请马上告诉社区。"
    ),
}
# A need becomes a task of this kind, with a title that says nothing of what was written.
NEED_TASK = {
    Category.MEDICINE: (TaskKind.MEDICINE, gettext_lazy("代买送上门")),
    Category.SUPPLIES: (TaskKind.DELIVERY, gettext_lazy("代买送上门")),
    Category.ELDER_CARE: (TaskKind.VISIT, gettext_lazy("上门探访")),
}
MAX_MINUTES = 720


class TaskRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def volunteer_of(user) -> Volunteer | None:
    if not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user, active=True).select_related("community").first()


def is_volunteer(user) -> bool:
    """An active volunteer profile: the board is their home."""
    return user.is_authenticated and Volunteer.objects.filter(user=user, active=True).exists()


def _moved(task, count, refusal, repeat=None) -> VolunteerTask:
    """The task as it now is, unless the move did not happen. A repeat of a move
    already made (a double tap: the same status for the same volunteer) is no refusal."""
    task.refresh_from_db()
    if count != 1 and (repeat is None or (task.status, task.volunteer_id) != repeat):
        raise TaskRefused(refusal)
    return task


# Moves on one task


def claim(task, volunteer) -> VolunteerTask:
    if task.community_id != volunteer.community_id or not volunteer.active:
        raise TaskRefused(_("这个任务不是你所在社区的。"))
    now = timezone.now()
    won = (
        VolunteerTask.objects.open()
        .filter(pk=task.pk)
        .update(status=TaskStatus.CLAIMED, volunteer=volunteer, claimed_at=now)
    )
    refusal = _("这个任务刚被别的志愿者认领了，请选别的任务。")
    return _moved(task, won, refusal, repeat=(TaskStatus.CLAIMED, volunteer.pk))


def release(task, volunteer) -> VolunteerTask:
    released = VolunteerTask.objects.filter(
        pk=task.pk, status=TaskStatus.CLAIMED, volunteer=volunteer
    ).update(status=TaskStatus.OPEN, volunteer=None, claimed_at=None)
    return _moved(task, released, _("这个任务已经不在你名下了。"))


def release_all(volunteer) -> int:
    return VolunteerTask.objects.filter(status=TaskStatus.CLAIMED, volunteer=volunteer).update(
        status=TaskStatus.OPEN, volunteer=None, claimed_at=None
    )


def assign(task, volunteer) -> VolunteerTask:
    """Staff give a task (open, or claimed by someone else) to one volunteer."""
    if task.community_id != volunteer.community_id or not volunteer.active:
        raise TaskRefused(_("只能派给本社区在岗的志愿者。"))
    assigned = (
        VolunteerTask.objects.live()
        .filter(pk=task.pk)
        .update(status=TaskStatus.CLAIMED, volunteer=volunteer, claimed_at=timezone.now())
    )
    return _moved(task, assigned, _("这个任务已经完成或取消了。"))


def cancel(task) -> VolunteerTask:
    cancelled = VolunteerTask.objects.live().filter(pk=task.pk).update(status=TaskStatus.CANCELLED)
    return _moved(task, cancelled, _("这个任务已经完成或取消了。"))


def complete(task, volunteer, minutes, note="") -> VolunteerTask:
    """The volunteer who holds the task finished it; its source learns it too.

    A task of theirs already finished elsewhere (the hand-out screen marked the
    bag delivered) still takes their minutes and note, once.
    """
    if not 1 <= int(minutes) <= MAX_MINUTES:
        raise TaskRefused(_("用时请填 1 到 %(max)d 分钟。") % {"max": MAX_MINUTES})
    with transaction.atomic():
        done = (
            VolunteerTask.objects.unrecorded(volunteer)
            .filter(pk=task.pk)
            .update(
                status=TaskStatus.DONE,
                done_at=Coalesce(F("done_at"), Value(timezone.now())),
                minutes=int(minutes),
                done_note=note.strip()[:200],
            )
        )
        refusal = _("这个任务已经完成，或不在你名下了。")
        if done != 1:  # a second tap of "完成" changes nothing and counts nothing
            return _moved(task, done, refusal, repeat=(TaskStatus.DONE, volunteer.pk))
        task = _moved(task, done, refusal)
        _finish_source(task, volunteer.user)
    return task


def _finish_source(task, user):
    kind, parts = task.source
    if kind == "handout":
        from linli.groupbuy import fulfil  # fulfil calls back into this module
        from linli.groupbuy.models import Handout

        handout = Handout.objects.select_related("order__round").filter(pk=parts[0]).first()
        if handout is not None and handout.status == HandoutStatus.WAITING:
            fulfil.mark_handout(handout, HandoutStatus.DELIVERED, user)
    elif kind == "disinfection":
        from linli.gate.models import DisinfectionLog

        DisinfectionLog.objects.create(place_id=parts[0], done_by=user, note=task.done_note)


# Where tasks come from


def neutral_detail(kind) -> str:
    return str(NEUTRAL_DETAIL.get(kind, ""))


def create(community, kind, title, due_on=None, household=None, detail="", by=None):
    detail = detail or neutral_detail(kind)
    return VolunteerTask.objects.create(
        community=community, household=household, kind=kind, title=title[:100],
        detail=detail, due_on=due_on or timezone.localdate(), created_by=by,
    )  # fmt: skip


def add_doorstep_tasks(round_, handouts) -> int:
    """A delivery task for each new hand-out whose bag goes to the door (fulfil's hook)."""
    tasks = [
        VolunteerTask(
            community_id=round_.community_id,
            household_id=h.order.household_id,
            kind=TaskKind.DELIVERY,
            title=_("送物资上门"),
            detail=str(NEUTRAL_DETAIL[TaskKind.DELIVERY]),
            source_key=f"handout:{h.pk}",
        )
        for h in handouts
        if h.needs_doorstep
    ]
    return len(VolunteerTask.objects.bulk_create(tasks, ignore_conflicts=True))


def handout_marked(handout, by) -> None:
    """The hand-out screen recorded the bag (fulfil's hook): the task follows it.

    Delivered there means the task is done; collected by the family means no
    one needs to carry it any more. A task already done stays as it is.
    """
    live = VolunteerTask.objects.live().filter(source_key=f"handout:{handout.pk}")
    if handout.status == HandoutStatus.DELIVERED:
        helper = volunteer_of(by)
        fields = {"status": TaskStatus.DONE, "done_at": handout.done_at or timezone.now()}
        live.filter(volunteer__isnull=True).update(volunteer=helper, **fields)
        live.update(**fields)
    elif handout.status == HandoutStatus.PICKED_UP:
        live.update(status=TaskStatus.CANCELLED)


def disinfection_task(place, by=None, day=None) -> tuple[VolunteerTask, bool]:
    """A task to disinfect an overdue place; one per place until it is next disinfected."""
    last = place.logs.order_by("-done_at", "-id").values_list("pk", flat=True).first()
    task, created = VolunteerTask.objects.get_or_create(
        source_key=f"disinfection:{place.pk}:{last or 0}",
        defaults={
            "community_id": place.community_id,
            "kind": TaskKind.DISINFECTION,
            "title": _("消杀：%(place)s") % {"place": place.name},
            "detail": str(NEUTRAL_DETAIL[TaskKind.DISINFECTION]),
            "due_on": day or timezone.localdate(),
            "created_by": by,
        },
    )
    return task, created


def need_task(need, by=None, day=None) -> tuple[VolunteerTask, bool]:
    """A task for a volunteer from a need: its address and kind, never its text."""
    kind, title = NEED_TASK.get(need.category, (TaskKind.VISIT, gettext_lazy("上门探访")))
    day = day or timezone.localdate()
    return VolunteerTask.objects.get_or_create(
        source_key=f"need:{need.pk}:{day.isoformat()}",
        defaults={
            "community_id": need.household.building.compound.community_id,
            "household_id": need.household_id,
            "kind": kind,
            "title": str(title),
            "detail": str(NEUTRAL_DETAIL[kind]),
            "due_on": day,
            "created_by": by,
        },
    )


def check_call_key(resident_id, day) -> str:
    return f"checkcall:{resident_id}:{day.isoformat()}"


def create_check_calls(day) -> int:
    """One check-call task for each resident living alone, for `day`; safe to re-run."""
    residents = (
        Resident.objects.filter(tags__tag=Tag.ELDERLY_ALONE)
        .values_list("pk", "household_id", "household__building__compound__community_id")
        .distinct()
    )
    title, detail = _("每日电话问候"), str(NEUTRAL_DETAIL[TaskKind.CHECK_CALL])
    made = 0
    batch = []
    for resident_id, household_id, community_id in residents.iterator(chunk_size=2000):
        batch.append(
            VolunteerTask(
                community_id=community_id,
                household_id=household_id,
                kind=TaskKind.CHECK_CALL,
                title=title,
                detail=detail,
                due_on=day,
                source_key=check_call_key(resident_id, day),
            )  # fmt: skip
        )
        if len(batch) == 2000:
            made += _insert_new(batch)
            batch = []
    return made + _insert_new(batch)


def _insert_new(tasks) -> int:
    """Insert the tasks whose source key is not taken; how many were new."""
    if not tasks:
        return 0
    keys = [t.source_key for t in tasks]
    before = set(
        VolunteerTask.objects.filter(source_key__in=keys).values_list("source_key", flat=True)
    )
    fresh = [t for t in tasks if t.source_key not in before]
    # ignore_conflicts: another run racing this one may have written some meanwhile.
    VolunteerTask.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=500)
    return len(fresh)


def call_resident(task) -> Resident | None:
    """The resident a check-call task is for (its source key names them)."""
    kind, parts = task.source
    if kind != "checkcall":
        return None
    return Resident.objects.filter(pk=parts[0], household_id=task.household_id).first()


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def week_start(day=None):
    """Monday 00:00 of the local week: "hours this week" counts from here."""
    day = day or timezone.localdate()
    return day_start(day - timedelta(days=day.weekday()))
