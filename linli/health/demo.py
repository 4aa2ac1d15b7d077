"""A realistic morning of health data for the demo community: most residents
have checked in, a few readings are abnormal with visit tasks open, and the
four categories, a transfer and two quarantines have a short history."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from linli.accounts.models import User
from linli.community.choices import Tag
from linli.community.models import Resident
from linli.health.choices import (
    Category,
    Channel,
    Destination,
    FollowUpOutcome,
    Method,
    QuarantineKind,
    Symptom,
    TransferStage,
)
from linli.health.models import CategoryEntry, CheckIn, Quarantine, Transfer

SEED = 2020
CHECKED_IN_SHARE = 0.85


def seed(community) -> None:
    rng = random.Random(SEED)
    staff = User.objects.filter(username="futingting").first()
    today, now = timezone.localdate(), timezone.now()
    residents = list(
        Resident.objects.filter(household__building__compound__community=community)
        .prefetch_related("tags")
        .order_by("pk")
    )
    checkins = []
    for resident in residents:
        if rng.random() < CHECKED_IN_SHARE:
            temperature = Decimal(rng.choice(["36.2", "36.4", "36.5", "36.6", "36.8"]))
            checkins.append(
                CheckIn(
                    resident=resident,
                    household_id=resident.household_id,
                    date=today,
                    temperature=temperature,
                    method=Method.FOREHEAD,
                    channel=rng.choice([Channel.SELF, Channel.PROXY]),
                    recorded_at=now,
                )  # fmt: skip
            )
    CheckIn.objects.bulk_create(checkins, batch_size=1000)
    # A few abnormal readings, each raising its visit task as a real one would.
    unwell = [r for r in rng.sample(residents, 6) if r.name != "黄彬"][:4]
    for resident, (temperature, symptoms) in zip(
        unwell,
        [("38.1", [Symptom.COUGH]), ("37.5", []), ("36.9", [Symptom.FATIGUE]), ("37.8", [])],
        strict=False,
    ):
        CheckIn.record(
            resident, temperature=Decimal(temperature), method=Method.ARMPIT,
            symptoms=symptoms, channel=Channel.PROXY, by=staff,
        )  # fmt: skip
    others = [r for r in residents if r not in unwell and r.name != "黄彬"]
    patient, suspect, returnee = rng.sample(others, 3)
    history = [
        (patient, Category.FEVER, 5, "发热三天，社区医院初筛"),
        (patient, Category.SUSPECTED, 4, "CT 提示病毒性肺炎"),
        (patient, Category.CONFIRMED, 3, "核酸检测阳性"),
        (suspect, Category.SUSPECTED, 1, "发热伴咳嗽，等待核酸结果"),
        (returnee, Category.OBSERVATION, 6, "1月下旬从外地返汉"),
    ]
    for resident, category, days_ago, reason in history:
        CategoryEntry.objects.create(
            resident=resident, household_id=resident.household_id, category=category,
            reason=reason, recorded_by=staff, recorded_at=now - timedelta(days=days_ago),
        )  # fmt: skip
    transfer = Transfer.request(patient, staff)
    transfer.advance(TransferStage.ARRANGED, staff)
    transfer.advance(TransferStage.TRANSFERRED, staff, Destination.SHELTER, "武昌方舱医院")
    Transfer.request(suspect, staff)
    # The registry already marks some households as in home quarantine; give
    # each of them its quarantine record (the first a close contact of the patient).
    tagged = [r for r in residents if Tag.QUARANTINE in {t.tag for t in r.tags.all()}]
    for index, resident in enumerate(tagged):
        started = today - timedelta(days=2 + index % 8)
        quarantine = Quarantine.begin(
            resident, QuarantineKind.HOME, staff, start=started,
            last_contact=started - timedelta(days=1) if index == 0 else None,
        )  # fmt: skip
        if index == 0:
            CategoryEntry.objects.create(
                resident=resident, household_id=resident.household_id,
                category=Category.CLOSE_CONTACT, reason="与确诊患者同乘电梯", recorded_by=staff,
            )  # fmt: skip
        quarantine.follow_up(FollowUpOutcome.WELL, staff, day=started)
        # Most were seen yesterday; every third one has not been seen since the start.
        if index % 3:
            quarantine.follow_up(FollowUpOutcome.WELL, staff, day=today - timedelta(days=1))
