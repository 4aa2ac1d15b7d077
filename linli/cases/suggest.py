"""Suggested professionals for needs: the database side of matching.py.

Candidates are read in one query (active professionals serving the needs'
communities, with their open cases counted), summarised, and ranked by the pure
matching rules. The reasons come out in the reader's language.
"""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext

from linli.cases import matching
from linli.cases.models import Need, Professional
from linli.community.choices import Tag
from linli.community.models import Resident

ELDERLY_TAGS = frozenset({Tag.ELDERLY_ALONE, Tag.ELDERLY_70})


@dataclass(frozen=True)
class Suggestion:
    professional: Professional
    score: float
    reason: str


def community_of(need) -> int:
    if hasattr(need, "community_id"):  # read by needs_for_matching()
        return need.community_id
    return need.household.building.compound.community_id


def crisis_kind(need) -> str | None:
    """The kind of crisis triage found, read from its reason codes.

    The codes are triage's own; any code naming a kind (suicide_thoughts,
    crisis:self_harm, medical_emergency, child_left_alone …) is understood.
    """
    if not need.crisis:
        return None
    codes = [str(r.get("code", "")).lower() for r in need.reasons or () if isinstance(r, dict)]
    for kind, words in _KIND_WORDS:
        if any(code == kind or any(w in code for w in words) for code in codes):
            return kind
    return None


# Most specific first; vulnerability codes (elderly_alone, chronic) name no kind.
_KIND_WORDS = (
    ("self_harm", ("self_harm", "selfharm", "self-harm")),
    ("suicide", ("suicid",)),
    ("violence", ("violen", "abuse")),
    ("left_alone", ("left_alone", "unattended", "no_guardian", "child_alone", "dependant_alone")),
    ("medical", ("medical_emergency", "emergency")),
)


def _is_elderly(resident, this_year: int) -> bool:
    if resident.birth_year and this_year - resident.birth_year >= matching.ELDERLY_AGE:
        return True
    return any(t.tag in ELDERLY_TAGS for t in resident.tags.all())


def _elderly(need, this_year: int) -> bool:
    """Is the person in need (or, if not named, someone of the household) elderly?"""
    if hasattr(need, "household_elderly"):  # read by needs_for_matching()
        return need.resident_elderly if need.resident_id else need.household_elderly
    people = [need.resident] if need.resident_id else list(need.household.residents.all())
    return any(_is_elderly(r, this_year) for r in people)


def summarise_need(need, this_year: int | None = None) -> matching.NeedSummary:
    elderly = _elderly(need, this_year or timezone.localdate().year)
    return matching.NeedSummary(
        id=need.pk,
        category=need.category,
        community_id=community_of(need),
        crisis=need.crisis,
        priority=need.priority,
        languages=matching.wanted_languages(need.text, elderly),
        crisis_kind=crisis_kind(need),
    )


def candidates(community_ids, at=None) -> tuple[dict, list]:
    """Professionals serving these communities, and their summaries: ONE query.

    A professional serving two of the communities comes back once per community
    and is folded into one summary here.
    """
    rows = (
        Professional.objects.active()
        .filter(communities__in=community_ids)
        .annotate(served=F("communities"))
        .with_load()
        .select_related(None)
    )
    professionals, served = {}, {}
    for pro in rows:
        professionals.setdefault(pro.pk, pro)
        served.setdefault(pro.pk, set()).add(pro.served)
    summaries = [
        matching.CandidateSummary(
            id=pk,
            profession=pro.profession,
            capacity=pro.capacity,
            open_cases=pro.open_cases,
            on_duty=pro.on_duty(at),
            specialties=frozenset(pro.specialties or ()),
            languages=frozenset(pro.languages or ()),
            community_ids=frozenset(served[pk]),
        )
        for pk, pro in professionals.items()
    ]
    return professionals, summaries


def as_suggestions(matches, professionals, cache=None) -> list[Suggestion]:
    # Needs alike share one ranking (matching.rank_many): its text is made once.
    if cache is not None and id(matches) in cache:
        return cache[id(matches)]
    made = [Suggestion(professionals[m.id], m.score, m.reason(gettext)) for m in matches]
    if cache is not None:
        cache[id(matches)] = made
    return made


def suggest(need, at=None) -> list[Suggestion]:
    """The top three professionals for one need, best first."""
    summary = summarise_need(need)
    professionals, summaries = candidates([summary.community_id], at)
    return as_suggestions(matching.rank(summary, summaries), professionals)


def needs_for_matching(queryset=None):
    """Needs with all that summarise_need reads, in one query."""
    queryset = Need.objects.all() if queryset is None else queryset
    old = timezone.localdate().year - matching.ELDERLY_AGE
    elderly = Resident.objects.filter(Q(birth_year__lte=old) | Q(tags__tag__in=ELDERLY_TAGS))
    return queryset.annotate(
        community_id=F("household__building__compound__community_id"),
        resident_elderly=Exists(elderly.filter(pk=OuterRef("resident_id"))),
        household_elderly=Exists(elderly.filter(household_id=OuterRef("household_id"))),
    )


def suggest_many(needs, at=None) -> list[list[Suggestion]]:
    """suggest() for each need, reading candidates once for all of them.

    Pass a queryset from needs_for_matching() (or with the same related rows) to
    keep the query count constant.
    """
    this_year = timezone.localdate().year
    summaries = [summarise_need(n, this_year) for n in needs]
    professionals, candidate_summaries = candidates({s.community_id for s in summaries}, at)
    rankings = matching.rank_many(summaries, candidate_summaries)
    cache = {}
    return [as_suggestions(matches, professionals, cache) for matches in rankings]
