"""The safety net: a broad scan for risk stems, after the specific classes found nothing.

The classes of triage_signs.py read the ways people say a crisis; each new batch of
texts brings ways they do not hold. This tier does not try to read the phrase. It
looks for the stems a crisis can hardly be told without (death and dying, living with
despair, an ending, harm, violence, an emergency, someone unable to move, breathe or
answer, a dependant with no one: triage_net_stems.py) and flags the first one that is
not negated, not hypothetical, not a known figure of speech, not about a thing, an
animal, a story or no one, and not a past that is over. A false alarm costs a worker a
minute; a miss can cost a life. So its reason says what it is, a possible sign for a
person to confirm: "可能的危机信号：“呼吸有点困难”，请尽快人工确认".

One combined search rules out the texts that hold no stem at all, so the tier costs
next to nothing on ordinary needs.
"""

from functools import cache

from linli.cases import triage_net_stems as N
from linli.cases import triage_phrases as P
from linli.cases import triage_scope as scope
from linli.cases import triage_signs as S
from linli.cases.triage_scope import compiled, search

# Where the idioms of a stem are looked for, each side of it.
WINDOW = 12
NOT_CRISIS = "|".join(S.NOT_CRISIS)


@cache
def _families() -> tuple:
    return tuple(
        (code, category, feared, context, compiled(N.alt(*stems)))
        for code, category, feared, context, stems in N.FAMILIES
    )


@cache
def _screen():
    return compiled(N.alt(*(N.alt(*f[4]) for f in N.FAMILIES)))


def possible_crisis(compact: str, typed: str = "") -> tuple[str, str] | None:
    """(the words found, the category they imply) for the first risk stem that counts;
    `typed` is the text as typed, for the English words."""
    if m := compiled(N.ENGLISH).search(typed.lower()):
        return m.group(0), N.PSYCH
    if not _screen().search(compact):
        return None
    for code, category, feared, context, pattern in _families():
        if context and not search(context, compact):
            continue
        for m in pattern.finditer(compact):
            if _counts(compact, m.start(), m.end(), code, feared):
                return _quote(compact, m.start(), m.end()), category
    return None


def _counts(compact: str, start: int, end: int, code: str, feared: bool) -> bool:
    if _figure_of_speech(compact, start, end, code):
        return False
    if feared and scope.hyperbole(compact, start):
        return False
    if scope.governed(compact, start, end, feared) or _near_negation(compact, start, end, feared):
        return False
    s, e = scope.sentence_start(compact, start), scope.sentence_end(compact, end)
    # A laugh, "(bushi)", a catchphrase in the sentence: not in earnest.
    if search(P.NOT_SERIOUS, compact[s:e]) or (code == "death" and search(N.JOY, compact[s:e])):
        return False
    if scope.about_no_one(compact, start) or scope.general_question(compact, start):
        return False
    # An old condition is no emergency; for someone left alone it is why they need care.
    if code != "alone" and (not feared or code == "death") and _long_standing(compact[s:e]):
        return False
    if not feared and search(N.ALL_CLEAR, compact[end : end + 60]):
        return False
    if search(P.RETRACTED, compact[end : end + 20]) or scope.past_resolved(compact, start, end):
        return False
    # Told of the past with nothing since: "我爸以前喝醉了会动手，现在戒酒三年了".
    return not (search(P.PAST, compact[s:start]) and not search(N.ONGOING, compact[end:]))


def _figure_of_speech(compact: str, start: int, end: int, code: str) -> bool:
    """An idiom, a thing, a relief, or a relative's death told as news."""
    lo, hi = max(0, start - WINDOW), min(len(compact), end + WINDOW)
    said = compact[start:end]
    if said == "死" and _overlaps(N.DEATH_IDIOM, compact, lo, hi, start, end):
        return True
    if code == "death" and ("走了" in said or "不在了" in said):
        return not _of_oneself(compact, start, end)
    if "解脱" in said and search(N.RELIEF, compact):
        return True
    if code in ("unable", "death") and search(
        N.THING, compact[scope.clause_start(compact, start) : start]
    ):
        return True
    return _overlaps(N.IDIOMS, compact, lo, hi, start, end) or _overlaps(
        NOT_CRISIS, compact, lo, hi, start, end
    )


def _near_negation(compact: str, start: int, end: int, feared: bool) -> bool:
    """A negation a verb away ("不会做傻事", "没出事"), or before the cue inside the
    stem ("孩子不是一个人在家"); for the feared families "别", "怕" are no negation."""
    before = compact[scope.clause_start(compact, start) : start]
    m = compiled(f"(?:{P.NEGATIONS})(?:[做是在去有要]|会|想)?$").search(before)
    if m and not (feared and compiled(f"(?:{P.PROHIBITIVES})$").search(before, 0, m.end())):
        return True
    return bool(compiled(N.NOT_ALONE).search(compact, start, end))


def _of_oneself(compact: str, start: int, end: int) -> bool:
    """ "我走了" or a goodbye in the sentence, not a relative's death told as news."""
    s, e = scope.sentence_start(compact, start), scope.sentence_end(compact, end)
    oneself = compiled(r"我(?!妈|爸|家|们家|奶|爷|外|婆|公|姥|老|的|哥|姐|弟|妹|儿|女)").match(
        compact, start
    )
    return bool(oneself) or bool(search(N.GOODBYE, compact[s:e]))


def _overlaps(pattern: str, compact: str, lo: int, hi: int, start: int, end: int) -> bool:
    return any(
        m.start() < end and m.end() > start for m in compiled(pattern).finditer(compact, lo, hi)
    )


def _long_standing(sentence: str) -> bool:
    old = search(S.LONG_STANDING, sentence) or search(S.HISTORY, sentence)
    return bool(old) and not search(S.SUDDEN, sentence)


def _quote(compact: str, start: int, end: int) -> str:
    """The stem with a few words of its clause, so the worker sees it in context."""
    c, e = scope.clause_start(compact, start), scope.clause_end(compact, end)
    return compact[max(c, start - 6) : min(e, end + 6)]
