"""Which professionals fit a need: the top three, each with its reason.

Pure: no Django. suggest.py builds the summaries from the database and turns
the reasons into text in the reader's language. The values of categories,
professions and specialties are the stored slugs of choices.py (a test keeps
them in step).

The rules, in order of weight:
- Who may take it at all: a professional serving the need's community with
  room for one more case (open cases below capacity), whose profession or
  specialties fit the need.
- A crisis: the crisis specialty weighs most, and being on duty now weighs
  nearly as much, since nobody should wait for a shift to start. The kind of
  crisis picks the profession: a psychologist for suicidal or self-harm talk,
  a doctor for a medical emergency, a social worker for a child left alone.
- Otherwise the category picks the profession and the specialties.
- Then the languages the resident needs (武汉话 for the elderly), being on
  duty, and a lighter load. Equal scores rank by id, so the order never
  depends on the order the candidates came in.
"""

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from linli.community.reasons import Reason, gettext_noop

LIMIT = 3
DIALECT = "武汉话"

# Weights of the score's parts (a crisis specialty outweighs anything else).
W_PROFESSION = 30.0
W_SPECIALTY = 20.0
W_CRISIS_SPECIALTY = 35.0
W_ON_DUTY = 10.0
W_ON_DUTY_CRISIS = 40.0
W_LANGUAGE = 10.0
W_LOAD = 15.0
# A crisis's own kind decides the profession; the category still counts a little.
CATEGORY_SHARE_IN_CRISIS = 0.3

CRISIS_SPECIALTY = "crisis"

# category → ({profession: weight}, specialties that fit, best first)
CATEGORY_FIT = {
    "psych": (
        {"psychologist": 1.0, "counsellor": 0.8, "social_worker": 0.3},
        ("emotion", "crisis", "grief"),
    ),
    "medical": ({"doctor": 1.0}, ("medical", "chronic")),
    "medicine": ({"doctor": 1.0, "social_worker": 0.2}, ("chronic", "medical")),
    "elder_care": ({"social_worker": 1.0, "counsellor": 0.3}, ("elderly", "disability")),
    "child_care": ({"social_worker": 1.0, "counsellor": 0.3}, ("children",)),
    "supplies": ({"social_worker": 1.0}, ("resources",)),
    "other": ({"social_worker": 1.0, "counsellor": 0.5}, ("resources",)),
}

# crisis kind → ({profession: weight}, specialties that fit, best first)
CRISIS_FIT = {
    "suicide": (
        {"psychologist": 1.0, "counsellor": 0.5, "social_worker": 0.4},
        ("crisis", "emotion"),
    ),
    "self_harm": (
        {"psychologist": 1.0, "counsellor": 0.5, "social_worker": 0.4},
        ("crisis", "emotion"),
    ),
    "violence": ({"social_worker": 1.0, "psychologist": 0.7}, ("crisis", "children")),
    "medical": ({"doctor": 1.0}, ("crisis", "medical")),
    "left_alone": ({"social_worker": 1.0}, ("crisis", "children", "elderly", "disability")),
}
CRISIS_KINDS = frozenset(CRISIS_FIT)

SPECIALTY_LABELS = {
    "crisis": gettext_noop("危机干预"),
    "emotion": gettext_noop("情绪疏导"),
    "grief": gettext_noop("哀伤辅导"),
    "elderly": gettext_noop("老年照护"),
    "children": gettext_noop("儿童与家庭"),
    "chronic": gettext_noop("慢病用药"),
    "medical": gettext_noop("医疗咨询"),
    "disability": gettext_noop("残障支持"),
    "resources": gettext_noop("生活物资与资源链接"),
}
PROFESSION_LABELS = {
    "social_worker": gettext_noop("社工"),
    "psychologist": gettext_noop("心理咨询师"),
    "doctor": gettext_noop("医生"),
    "counsellor": gettext_noop("志愿咨询员"),
}

# Words that mark a text as written in Wuhan dialect (怎么样 → 么样, 没有 → 冇得).
_DIALECT_MARKERS = ("么样", "冇", "么事", "么斯", "伢", "苕", "过早", "拐子", "克不克")
ELDERLY_AGE = 65


@dataclass(frozen=True, slots=True)
class NeedSummary:
    category: str
    community_id: int
    crisis: bool = False
    priority: int = 4
    languages: frozenset = frozenset()
    crisis_kind: str | None = None
    id: int | None = None

    @property
    def urgent(self) -> bool:
        return self.crisis or self.priority == 1

    def key(self) -> tuple:
        """What the ranking depends on: needs with the same key rank alike."""
        return (self.category, self.urgent, self.crisis_kind, self.languages, self.community_id)


@dataclass(frozen=True, slots=True)
class CandidateSummary:
    id: int
    profession: str
    capacity: int
    open_cases: int = 0
    on_duty: bool = True
    specialties: frozenset = frozenset()
    languages: frozenset = frozenset()
    community_ids: frozenset = frozenset()

    @property
    def full(self) -> bool:
        return self.open_cases >= self.capacity


class _Joined(Reason):
    """Labels joined by 、 (each translated), as one value of a Reason."""

    __slots__ = ()

    def __init__(self, labels):
        super().__init__("、", labels=tuple(labels))

    def render(self, gettext=None) -> str:
        text = gettext or (lambda s: s)
        return text(self.template).join(text(label) for label in self.params["labels"])


@dataclass(frozen=True, slots=True)
class Match:
    id: int
    score: float
    parts: tuple = field(default=(), compare=False)

    def reason(self, gettext: Callable[[str], str] | None = None) -> str:
        """ "专长：危机干预；目前 2/8 个案；正在值班；会说武汉话", in the reader's language."""
        separator = gettext(gettext_noop("；")) if gettext else "；"
        return separator.join(part.render(gettext) for part in self.parts)


def wanted_languages(text: str, elderly: bool) -> frozenset:
    """The dialect a helper should speak: for the elderly, or a text written in it."""
    if elderly or any(marker in (text or "") for marker in _DIALECT_MARKERS):
        return frozenset({DIALECT})
    return frozenset()


def _fit(need: NeedSummary) -> tuple[dict, tuple]:
    professions, specialties = CATEGORY_FIT.get(need.category, CATEGORY_FIT["other"])
    kind = need.crisis_kind if need.crisis_kind in CRISIS_FIT else None
    if kind is None:
        if need.urgent and CRISIS_SPECIALTY not in specialties:
            specialties = (CRISIS_SPECIALTY, *specialties)
        return professions, specialties
    crisis_professions, crisis_specialties = CRISIS_FIT[kind]
    weights = {p: w * CATEGORY_SHARE_IN_CRISIS for p, w in professions.items()}
    for profession, weight in crisis_professions.items():
        weights[profession] = max(weight, weights.get(profession, 0.0))
    extra = tuple(s for s in specialties if s not in crisis_specialties)
    return weights, crisis_specialties + extra


def _scorer(need: NeedSummary):
    """A function scoring one candidate for this need, or None if they do not fit."""
    professions, specialties = _fit(need)
    fit_set = frozenset(specialties)
    urgent = need.urgent
    # With a known kind, crisis training counts as much as the profession fits it
    # (a psychologist's crisis training does not make them the one for a collapse).
    by_profession = need.crisis_kind in CRISIS_FIT
    on_duty_weight = W_ON_DUTY_CRISIS if urgent else W_ON_DUTY
    wanted = need.languages
    community = need.community_id

    def score(c: CandidateSummary) -> float | None:
        if c.open_cases >= c.capacity or community not in c.community_ids:
            return None
        profession = professions.get(c.profession, 0.0)
        matched = fit_set & c.specialties
        if not profession and not matched:
            return None
        total = profession * W_PROFESSION + (W_SPECIALTY if matched else 0.0)
        if urgent and CRISIS_SPECIALTY in c.specialties:
            total += W_CRISIS_SPECIALTY * (profession if by_profession else 1.0)
        if c.on_duty:
            total += on_duty_weight
        if wanted and wanted & c.languages:
            total += W_LANGUAGE
        return total + W_LOAD * (1.0 - c.open_cases / c.capacity)

    return score, specialties


def _parts(c: CandidateSummary, specialties: tuple, wanted: frozenset) -> tuple:
    matched = [SPECIALTY_LABELS.get(s, s) for s in specialties if s in c.specialties]
    parts = []
    if matched:
        parts.append(Reason(gettext_noop("专长：%(specialties)s"), specialties=_Joined(matched)))
    else:
        label = PROFESSION_LABELS.get(c.profession, c.profession)
        parts.append(Reason(gettext_noop("职业：%(profession)s"), profession=Reason(label)))
    parts.append(
        Reason(
            gettext_noop("目前 %(open)s/%(capacity)s 个案"),
            open=c.open_cases,
            capacity=c.capacity,
        )
    )
    parts.append(Reason(gettext_noop("正在值班") if c.on_duty else gettext_noop("现在不在值班")))
    spoken = sorted(wanted & c.languages)
    if spoken:
        parts.append(Reason(gettext_noop("会说%(languages)s"), languages=_Joined(spoken)))
    return tuple(parts)


def rank(
    need: NeedSummary, candidates: Iterable[CandidateSummary], limit: int = LIMIT
) -> list[Match]:
    """The best `limit` (at most three) candidates for the need, best first."""
    score, specialties = _scorer(need)
    scored = []
    for c in candidates:
        s = score(c)
        if s is not None:
            scored.append((-s, c.id, c))
    best = heapq.nsmallest(min(limit, LIMIT), scored, key=lambda row: (row[0], row[1]))
    return [Match(c.id, -s, _parts(c, specialties, need.languages)) for s, _id, c in best]


def rank_many(
    needs: Iterable[NeedSummary], candidates: Iterable[CandidateSummary], limit: int = LIMIT
) -> list[list[Match]]:
    """rank() for each need against the same snapshot of candidates.

    Needs alike in everything the ranking reads (see NeedSummary.key) share one
    ranking, and each community's candidates are sorted out once.
    """
    by_community: dict = {}
    for c in candidates:
        for community in c.community_ids:
            by_community.setdefault(community, []).append(c)
    rankings: dict = {}
    results = []
    for need in needs:
        key = need.key()
        if key not in rankings:
            rankings[key] = rank(need, by_community.get(need.community_id, ()), limit)
        results.append(rankings[key])
    return results
