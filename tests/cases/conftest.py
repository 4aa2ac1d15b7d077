"""Casework fixtures: professionals on both sides of every confidentiality line.

`people.supervisor` (督导 of the world's community), `people.psychologist`,
`people.doctor`, `people.social_worker` (all serving that community),
`people.outsider` (a psychologist serving the other community) and
`people.volunteer`. Users are the world's (`world.users[...]`) where one exists.
"""

from dataclasses import dataclass

import pytest

from linli.accounts.choices import Role
from linli.cases.choices import Profession, Skill, Specialty
from linli.cases.models import Professional, Volunteer
from tests.conftest import make_user


@dataclass
class People:
    supervisor: Professional
    social_worker: Professional
    psychologist: Professional
    doctor: Professional
    outsider: Professional
    volunteer: Volunteer


def make_professional(user, name, profession, communities, **fields):
    pro = Professional.objects.create(user=user, name=name, profession=profession, **fields)
    pro.communities.set(communities)
    return pro


@pytest.fixture
def people(world) -> People:
    c = [world.community]
    supervisor_user = make_user("dudao", Role.SOCIAL_WORKER, community=world.community)
    outsider_user = make_user("psy_other", Role.PSYCHOLOGIST, community=world.other_community)
    return People(
        supervisor=make_professional(
            supervisor_user,
            "督导老师",
            Profession.SOCIAL_WORKER,
            c,
            specialties=[Specialty.CRISIS],
            is_supervisor=True,
            organisation="社工中心",
        ),
        social_worker=make_professional(
            world.users["social_worker"],
            "社工小李",
            Profession.SOCIAL_WORKER,
            c,
            specialties=[Specialty.ELDERLY, Specialty.RESOURCES, Specialty.CHILDREN],
            languages=["普通话", "武汉话"],
            organisation="社工中心",
        ),
        psychologist=make_professional(
            world.users["psychologist"],
            "心理咨询师王老师",
            Profession.PSYCHOLOGIST,
            c,
            specialties=[Specialty.CRISIS, Specialty.EMOTION, Specialty.GRIEF],
            languages=["普通话"],
            organisation="心理援助热线",
        ),
        doctor=make_professional(
            world.users["doctor"],
            "张医生",
            Profession.DOCTOR,
            c,
            specialties=[Specialty.MEDICAL, Specialty.CHRONIC],
            organisation="社区卫生服务中心",
        ),
        outsider=make_professional(
            outsider_user,
            "外社区咨询师",
            Profession.PSYCHOLOGIST,
            [world.other_community],
            specialties=[Specialty.CRISIS, Specialty.EMOTION],
        ),
        volunteer=Volunteer.objects.create(
            user=world.users["volunteer"],
            name="志愿者小陈",
            community=world.community,
            skills=[Skill.DELIVERY, Skill.BEFRIENDING],
            availability="每天下午",
        ),
    )
