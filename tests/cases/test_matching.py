"""The matching rules (pure): who fits which need, in which order, and why."""

from linli.cases import matching
from linli.cases.choices import Category, Profession, Specialty
from linli.cases.matching import CandidateSummary, NeedSummary, rank, rank_many

HOME = 1


def pro(id, profession, specialties=(), open_cases=0, capacity=8, on_duty=True, languages=()):
    return CandidateSummary(
        id=id,
        profession=profession,
        capacity=capacity,
        open_cases=open_cases,
        on_duty=on_duty,
        specialties=frozenset(specialties),
        languages=frozenset(languages),
        community_ids=frozenset({HOME}),
    )


def need(category, crisis=False, priority=4, kind=None, languages=()):
    return NeedSummary(
        category=category,
        community_id=HOME,
        crisis=crisis,
        priority=priority,
        languages=frozenset(languages),
        crisis_kind=kind,
    )


PSY = pro(1, "psychologist", ["crisis", "emotion"])
COUNSELLOR = pro(2, "counsellor", ["emotion"])
DOCTOR = pro(3, "doctor", ["medical", "chronic"])
SOCIAL = pro(4, "social_worker", ["elderly", "children", "resources"], languages=["武汉话"])
EVERYONE = [PSY, COUNSELLOR, DOCTOR, SOCIAL]


def ids(matches):
    return [m.id for m in matches]


def test_the_slugs_and_labels_are_those_of_the_choices():
    assert set(matching.CATEGORY_FIT) == set(Category.values)
    assert set(matching.SPECIALTY_LABELS) == set(Specialty.values)
    assert {s.value: str(s.label) for s in Specialty} == matching.SPECIALTY_LABELS
    assert {p.value: str(p.label) for p in Profession} == matching.PROFESSION_LABELS
    fits = [*matching.CATEGORY_FIT.values(), *matching.CRISIS_FIT.values()]
    assert all(set(p) <= set(Profession.values) for p, _ in fits)
    assert all(set(s) <= set(Specialty.values) for _, s in fits)


def test_emotional_support_goes_to_a_psychologist_then_a_counsellor():
    assert ids(rank(need("psych"), EVERYONE))[:2] == [PSY.id, COUNSELLOR.id]


def test_a_doctor_is_not_suggested_for_emotional_support():
    assert DOCTOR.id not in ids(rank(need("psych"), EVERYONE))


def test_medical_questions_and_medicine_go_to_the_doctor_first():
    assert ids(rank(need("medical"), EVERYONE)) == [DOCTOR.id]
    assert ids(rank(need("medicine"), EVERYONE))[0] == DOCTOR.id


def test_elder_care_child_care_and_supplies_go_to_the_social_worker():
    for category in ("elder_care", "child_care", "supplies"):
        assert ids(rank(need(category), EVERYONE))[0] == SOCIAL.id


def test_suicidal_text_goes_to_the_crisis_psychologist_whatever_the_category():
    matches = rank(need("supplies", crisis=True, priority=1, kind="suicide"), EVERYONE)
    assert ids(matches)[0] == PSY.id


def test_a_medical_emergency_goes_to_the_doctor_even_filed_as_emotional_support():
    matches = rank(need("psych", crisis=True, priority=1, kind="medical"), EVERYONE)
    assert ids(matches)[0] == DOCTOR.id


def test_a_crisis_without_a_kind_weighs_the_crisis_specialty_most():
    plain = pro(5, "social_worker", ["elderly"])
    crisis_trained = pro(6, "social_worker", ["crisis"], open_cases=6)
    matches = rank(need("elder_care", crisis=True, priority=1), [plain, crisis_trained])
    assert ids(matches) == [crisis_trained.id, plain.id]


def test_a_full_professional_is_never_suggested():
    full = pro(7, "psychologist", ["crisis", "emotion"], open_cases=8, capacity=8)
    assert full.id not in ids(rank(need("psych"), [full, COUNSELLOR]))


def test_a_professional_of_another_community_is_never_suggested():
    outsider = CandidateSummary(
        id=8, profession="psychologist", capacity=8,
        specialties=frozenset({"crisis", "emotion"}), community_ids=frozenset({2}),
    )  # fmt: skip
    assert ids(rank(need("psych"), [outsider, COUNSELLOR])) == [COUNSELLOR.id]


def test_off_duty_ranks_lower_but_is_still_suggested():
    on = pro(10, "psychologist", ["emotion"], open_cases=5)
    off = pro(9, "psychologist", ["emotion"], on_duty=False)
    assert ids(rank(need("psych"), [off, on])) == [on.id, off.id]


def test_in_a_crisis_on_duty_outweighs_a_lighter_load_and_a_dialect():
    on = pro(10, "psychologist", ["crisis"], open_cases=7)
    off = pro(9, "psychologist", ["crisis"], on_duty=False, languages=["武汉话"])
    urgent = need("psych", crisis=True, priority=1, kind="suicide", languages=["武汉话"])
    assert ids(rank(urgent, [off, on])) == [on.id, off.id]


def test_lower_load_ranks_higher():
    busy = pro(1, "doctor", ["medical"], open_cases=6)
    free = pro(2, "doctor", ["medical"], open_cases=1)
    assert ids(rank(need("medical"), [busy, free])) == [free.id, busy.id]


def test_a_dialect_speaker_ranks_higher_for_an_elderly_resident():
    plain = pro(1, "social_worker", ["elderly"])
    local = pro(2, "social_worker", ["elderly"], languages=["武汉话"])
    assert ids(rank(need("elder_care", languages=["武汉话"]), [plain, local])) == [2, 1]


def test_equal_candidates_rank_by_id():
    a, b, c = (pro(i, "doctor", ["medical"]) for i in (30, 10, 20))
    assert ids(rank(need("medical"), [a, b, c])) == [10, 20, 30]


def test_at_most_three_are_suggested():
    many = [pro(i, "psychologist", ["emotion"]) for i in range(1, 10)]
    assert len(rank(need("psych"), many)) == 3


def test_the_reason_names_specialty_load_duty_and_dialect():
    psy = pro(1, "psychologist", ["crisis", "emotion"], open_cases=2, languages=["武汉话"])
    urgent = need("psych", crisis=True, priority=1, kind="suicide", languages=["武汉话"])
    [match] = rank(urgent, [psy])
    assert match.reason() == "专长：危机干预、情绪疏导；目前 2/8 个案；正在值班；会说武汉话"


def test_the_reason_names_the_profession_when_no_specialty_fits():
    [match] = rank(need("other"), [pro(1, "social_worker", open_cases=3, on_duty=False)])
    assert match.reason() == "职业：社工；目前 3/8 个案；现在不在值班"


def test_the_reason_is_translated_piece_by_piece():
    english = {"专长：%(specialties)s": "Skills: %(specialties)s", "医疗咨询": "medical advice"}
    [match] = rank(need("medical"), [pro(1, "doctor", ["medical"])])
    assert match.reason(lambda s: english.get(s, s)).startswith("Skills: medical advice")


def test_the_elderly_and_dialect_text_want_a_wuhan_dialect_speaker():
    assert matching.wanted_languages("我想买药", elderly=True) == {"武汉话"}
    assert matching.wanted_languages("屋里冇得米了，么样搞", elderly=False) == {"武汉话"}
    assert matching.wanted_languages("家里没有米了", elderly=False) == frozenset()


def test_rank_many_gives_each_need_the_ranking_rank_gives_it():
    needs = [need("psych"), need("medical"), need("psych"), need("supplies", crisis=True)]
    assert rank_many(needs, EVERYONE) == [rank(n, EVERYONE) for n in needs]
