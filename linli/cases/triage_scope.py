"""The scope of a crisis phrase: its clause, what governs it, and whom it is about.

Pure helpers of triage.py, on the compact text (triage_phrases.normalise):
- clauses and sentences are cut at the clause marks (，。！？；and new lines), so a
  negation or a condition reaches the end of its clause and no further;
- `governed` says whether a negation ("没有想死的念头", "想死倒不至于") or an irrealis
  (a condition, a hypothetical, a worry about a symptom) governs the phrase;
- `about_no_one` is the third-party detector: a phrase about an animal, in a news
  story or a film, or in a general question that names no one, is nobody's crisis.
  Someone else's words still count: "邻居说她不想活了" is a crisis.
"""

import re
from functools import cache

from linli.cases import triage_phrases as P

# The shorthands of the sign tables (see triage_signs.py); the compact text holds neither.
IN_CLAUSE, IN_SENTENCE = "[^，。！？；\n]", "[^。！？；\n]"


@cache
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("_", IN_CLAUSE).replace("~", IN_SENTENCE))


def search(pattern: str, text: str) -> str | None:
    m = compiled(pattern).search(text)
    return m.group(0) if m else None


def clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in P.CLAUSE) + 1


def clause_end(text: str, pos: int) -> int:
    ends = [i for ch in P.CLAUSE if (i := text.find(ch, pos)) >= 0]
    return min(ends) if ends else len(text)


def sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in P.SENTENCE) + 1


def sentence_end(text: str, pos: int) -> int:
    ends = [i for ch in P.SENTENCE if (i := text.find(ch, pos)) >= 0]
    return min(ends) if ends else len(text)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the text."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in P.CLAUSE:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def governed(text: str, start: int, end: int, feared: bool) -> bool:
    """True when a negation or an irrealis governs text[start:end] within its clause."""
    before = text[clause_start(text, start) : start]
    after = text[end : clause_end(text, end)]
    m = compiled(P.CONDITION).search(before)
    # A threat is the consequence of a condition, not a hypothetical: "他就去死".
    if m and not (
        feared
        and compiled(P.CONSEQUENCE).search(before, m.start())
        and not compiled(P.JOKE).search(text, sentence_start(text, start), start)
    ):
        return True
    if compiled(P.WORRY).search(before) and not feared:
        return True
    rest, after_rest = before, ""
    while True:
        if feared and _ends(rest, P.PROHIBITIVES):
            return False
        # "受不了", "睡不着": 不 before a complement belongs to the verb, not the sign.
        complement = rest.endswith("不") and after_rest[:1] in COMPLEMENTS
        if (_ends(rest, P.NEGATIONS) and not complement) or _ends(rest, P.HYPOTHETICALS):
            return True
        shorter = _strip_one(rest)
        if shorter == rest:
            break
        rest, after_rest = shorter, rest[len(shorter) :]
    return bool(compiled(P.NEGATED_AFTER).search(after))


COMPLEMENTS = frozenset("了着到住起下完动")


def hyperbole(text: str, start: int) -> bool:
    """ "热得想死", "累的想死": an exaggeration, not a wish to die."""
    return bool(compiled(P.HYPERBOLE).search(text[clause_start(text, start) : start]))


def past_resolved(text: str, start: int, end: int) -> bool:
    """Something the text places in the past and says is over ("以前想过死，现在好多了")."""
    if not compiled(P.PAST).search(text, sentence_start(text, start), start):
        return False
    return bool(compiled(P.RESOLVED).search(text, end, end + 60))


def about_no_one(text: str, start: int) -> bool:
    """The third-party detector: an animal, a story, or a question in general."""
    s = sentence_start(text, start)
    head = text[clause_start(text, start) : start]
    # The subject is an animal when one is named before the phrase and no person after it.
    a = _last(P.ANIMAL, head)
    if a is not None and not compiled(P.PERSON).search(head, a):
        return True
    # A film, a game, the news: in the clause, or told from it in the sentence ("新闻里说，
    # …", "电视剧里，…"); "把游戏账号都送人了，…" or "儿子在国外，…" tell of no story.
    c = clause_start(text, start)
    f = _last(P.FICTION, text[c:start])
    if f is not None:
        return "我" not in text[c + f : start]
    f = _last(f"(?:{P.FICTION})(?:里|上|中|说|报道|讲)", text[s:start])
    return f is not None and "我" not in text[s + f : start]


def general_question(text: str, start: int) -> bool:
    """A question about a sign in general, naming no one ("请问呼吸困难要打什么电话")."""
    s, e = sentence_start(text, start), sentence_end(text, start)
    sentence = text[s:e]
    if not compiled(P.ASKING).search(sentence):
        return False
    return not compiled(P.PERSON).search(sentence) and not compiled(P.URGENCY).search(sentence)


def negated_inside(found: str) -> bool:
    """ "摔了一跤，拍了片没骨折": the consequence in the sign is negated."""
    return bool(
        compiled(r"(?:没有?|未|不是|并没|并无)(?:骨折|断|伤|出血|流血|事)了?$").search(found)
    )


def past_death(compact: str, start: int, end: int) -> bool:
    """ "去年我表哥自杀了": a death in the past, told as background, not a crisis now."""
    head = compact[clause_start(compact, start) : start]
    return compact.startswith("了", end) and bool(search(P.PAST, head))


def angry_words(compact: str, s: int, start: int, e: int) -> bool:
    """ "我要杀了他！！" over a face mask: the writer's anger, with no weapon or blow."""
    if not compiled(r"我(?:真)?(?:要|想)?$").search(compact, s, start):
        return False
    if not compiled(r"(?:要|想)?杀").match(compact, start):
        return False
    return not search(r"刀|斧|棍|枪|农药|煤气|打|揍|掐|推|血|伤", compact[s:e])


def _last(pattern: str, text: str) -> int | None:
    found = None
    for m in compiled(pattern).finditer(text):
        found = m.end()
    return found


def _ends(text: str, alternatives: str) -> bool:
    return bool(compiled(f"(?:{alternatives})$").search(text))


def _strip_one(text: str) -> str:
    m = compiled(f"(?:{P.FILLERS}|{P.SYMPTOMS})$").search(text)
    return text[: m.start()] if m else text
