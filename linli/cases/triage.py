"""Rule-based triage of a need: crisis signs, urgency and vulnerability → P1..P4.

Pure Python (no Django), so it is fast, deterministic and property-testable.
`triage(text, tags, category)` returns a Result with the reasons a worker reads.

The parts:
- triage_signs.py: the crisis signs by class of meaning (suicide: ideation,
  hopelessness, farewell, means; self-harm; violence; medical emergencies by their
  signs); triage_pinyin.py expands the core phrases with their keyboard homophones;
- triage_alone.py: a child or dependant left alone, an elder no one has heard from;
- triage_scope.py: clauses, the negation and irrealis scope of a phrase, and the
  third-party detector (animals, stories, general questions are nobody's crisis;
  what a neighbour reports of someone is);
- triage_phrases.py: normalisation, scope words, urgency, vulnerability, categories.

How a phrase is judged:
- The text is normalised (full-width, traditional characters, spaces and emoji inside
  phrases, one set of clause marks), then each sign is looked for in it.
- A sign governed by a negation in its clause ("没有想死的念头", "并没有呼吸困难",
  "想死倒不至于") or by a hypothetical ("如果出现呼吸困难") does not count; the
  consequence of a condition does when it is a threat ("他说分手他就去死").
- Figures of speech ("热得想死"), a calm past ("以前想过死，现在好多了": a follow-up,
  not a crisis), an old condition ("中风以后半边身子不能动") do not count.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from linli.cases import triage_alone as alone
from linli.cases import triage_net as net
from linli.cases import triage_phrases as P
from linli.cases import triage_scope as scope
from linli.cases import triage_signs as S
from linli.cases.triage_scope import compiled, search

# Category slugs (linli.cases.choices.Category), copied to keep this module Django-free.
MEDICINE, MEDICAL, PSYCH = "medicine", "medical", "psych"
ELDER_CARE, CHILD_CARE, SUPPLIES, OTHER = "elder_care", "child_care", "supplies", "other"
CATEGORIES = (MEDICINE, MEDICAL, PSYCH, ELDER_CARE, CHILD_CARE, SUPPLIES, OTHER)

# Vulnerability tag slugs (linli.community.choices.Tag) that raise a need's priority.
ELDERLY_ALONE, CHRONIC, DISABILITY = "elderly_alone", "chronic", "disability"
PREGNANT, CHILD, MEDICAL_FAMILY = "pregnant", "child", "medical_family"
RAISING_TAGS = {
    ELDERLY_ALONE: "独居老人",
    CHRONIC: "慢性病",
    DISABILITY: "残疾",
    PREGNANT: "孕妇",
    CHILD: "14岁以下儿童",
    MEDICAL_FAMILY: "医护人员家属",
}

P1, P2, P3, P4 = 1, 2, 3, 4
# Tags raise a need up to P2 at most; only a crisis is P1.
HIGHEST_RAISE = P2


@dataclass(frozen=True)
class Reason:
    code: str
    text: str


@dataclass(frozen=True)
class Result:
    category: str
    priority: int
    crisis: bool
    reasons: tuple[Reason, ...]

    def reasons_as_dicts(self) -> list[dict]:
        return [{"code": r.code, "text": r.text} for r in self.reasons]


# code, label, patterns, the category a match implies
CRISIS_RULES = (
    ("suicide", "自杀念头", S.SUICIDE, PSYCH),
    ("self_harm", "自伤", S.SELF_HARM, PSYCH),
    ("violence", "暴力", S.VIOLENCE, PSYCH),
    ("medical_emergency", "紧急医疗情况", S.MEDICAL, MEDICAL),
)
# For these a prohibitive or a fear ("别想不开", "怕她想不开") shows the danger, so it
# does not negate; and a calm past of these still asks for a follow-up.
FEARED = {"suicide", "self_harm", "violence"}


def triage(text: str, tags: Iterable[str] = (), category: str | None = None) -> Result:
    compact = normalise(text or "")
    tags = set(tags)
    reasons: list[Reason] = []
    implied: list[str] = []
    for code, label, _, cat in CRISIS_RULES:
        if found := _find_crisis(compact, code):
            reasons.append(Reason(code, f"提到“{found}”（{label}）"))
            implied.append(cat)
    if found := alone.left_alone(compact):
        phrase, label = found
        reasons.append(Reason("left_alone", f"提到“{phrase}”（{label}）"))
        implied.append(_dependant_category(phrase, compact))
    # The safety net: a risk stem the classes above do not read, for a person to confirm.
    if not reasons and (found := net.possible_crisis(compact, text or "")):
        phrase, cat = found
        reasons.append(Reason("possible_crisis", f"可能的危机信号：“{phrase}”，请尽快人工确认"))
        implied.append(cat)
    crisis = bool(reasons)
    priority = P1 if crisis else P4

    if not crisis:
        past = _past_ideation(compact)
        if past:
            reasons.append(Reason("past_ideation", f"提到“{past}”（曾有轻生念头，需心理随访）"))
            implied.append(PSYCH)
            priority = P3
    vulnerable = {t for t in tags if t in RAISING_TAGS}
    written = {}
    for tag, pattern in P.TEXT_VULNERABILITY.items():
        if tag not in vulnerable and (m := search(pattern, compact)):
            written[tag] = m
    # Elderly people count as vulnerable for fever and food, though age alone does not raise.
    at_risk = bool(vulnerable or written or search(P.ELDERLY_TEXT, compact))
    urgent = _urgent(compact, at_risk)
    for reason, level in urgent:
        reasons.append(reason)
        priority = min(priority, level)

    for tag, label in RAISING_TAGS.items():
        if tag in vulnerable:
            text = f"住户标签：{label}"
        elif tag in written:
            text = f"提到“{written[tag]}”（{label}）"
        else:
            continue
        raised = min(priority, max(priority - 1, HIGHEST_RAISE))
        if raised < priority:
            text += "，优先级提高一级"
        priority = raised
        reasons.append(Reason(f"tag_{tag}", text))

    if category not in CATEGORIES:
        category = implied[0] if implied else _infer_category(compact)
    return Result(category, priority, crisis, tuple(reasons))


def normalise(text: str) -> str:
    """Full-width to half-width, simplified characters, lower case, one set of clause
    marks, and no spaces, emoji or decorative marks (kept: clause punctuation, and a
    point between digits)."""
    # 🆘 is the one emoji that says something: it reads as "sos".
    text = (
        unicodedata.normalize("NFKC", text.replace("🆘", " sos ")).lower().translate(P.TRADITIONAL)
    )
    text = text.translate(P.CLAUSE_MARKS)
    # A space between two runs of words is a pause in a chat ("活着好累 我把药都准备好了");
    # inside a phrase ("想 死", "不想 活了") it is dropped with the other spaces below.
    text = _PAUSE.sub("，", text)
    out = []
    for i, ch in enumerate(text):
        if ch.isalnum() or ch in _KEPT or (ch == "." and _between_digits(text, i)):
            out.append(ch)
        elif ch in ".…":
            # An ellipsis or a full stop typed as "." is decoration, or ends a clause.
            out.append("，" if i + 1 < len(text) and text[i + 1] not in ".…" else "")
        # Anything else (spaces, emoji, symbols, quotes, brackets) is dropped.
    return "".join(out)


_PAUSE = re.compile(r"(?<=[^\W\d_]{3})\s+(?=[^\W\d_]{3})")
_KEPT = frozenset(P.CLAUSE + "、℃°/")


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _find_crisis(compact: str, code: str) -> str | None:
    screen, table = _table(code)
    # Most texts hold no sign of a class: one search over all its patterns says so.
    if not screen.search(compact):
        return None
    feared = code in FEARED
    for pattern, context in table:
        if context and not context.search(compact):
            continue
        for m in pattern.finditer(compact):
            if sign_counts(compact, m, code, feared):
                return m.group(0)
    return None


# The patterns of each class, and those whose calm past asks for a follow-up.
CLASS_PATTERNS = {code: patterns for code, _, patterns, _ in CRISIS_RULES}
CLASS_PATTERNS["past"] = S.SUICIDE + S.SELF_HARM


@cache
def _table(code: str) -> tuple[re.Pattern, tuple]:
    """The compiled patterns of a class, each with its context (an entry is a pattern,
    or (pattern, a context the text must also have)), and one pattern for them all."""
    entries = [e if isinstance(e, tuple) else (e, None) for e in CLASS_PATTERNS[code]]
    table = tuple((compiled(p), compiled(c) if c else None) for p, c in entries)
    screen = compiled("|".join(f"(?:{p})" for p, _ in entries))
    return screen, table


def sign_counts(compact: str, m: re.Match, code: str, feared: bool) -> bool:
    """Is this occurrence of a sign a present crisis of someone?"""
    start = m.start("cue") if "cue" in m.re.groupindex and m.group("cue") else m.start()
    if _excluded(compact, m.start(), m.end()):
        return False
    if scope.governed(compact, start, m.end(), feared):
        return False
    if code == "suicide" and scope.hyperbole(compact, start):
        return False
    if scope.about_no_one(compact, start):
        return False
    if code == "medical_emergency" and (
        scope.general_question(compact, start) or _long_standing(compact, start)
    ):
        return False
    if search(P.RETRACTED, compact[m.end() : m.end() + 20]):
        return False
    s, e = scope.sentence_start(compact, start), scope.sentence_end(compact, m.end())
    if search(P.NOT_SERIOUS, compact[s:e]):
        return False
    if code == "medical_emergency" and scope.negated_inside(m.group(0)):
        return False
    if code == "suicide" and scope.past_death(compact, start, m.end()):
        return False
    if code == "violence" and scope.angry_words(compact, s, start, e):
        return False
    return not scope.past_resolved(compact, m.start(), m.end())


def _long_standing(compact: str, start: int) -> bool:
    """An old stroke's weak side, a fall years ago: a condition or a history, not an
    emergency, unless the sentence says it is new ("突然", "刚才")."""
    s, e = scope.sentence_start(compact, start), scope.sentence_end(compact, start)
    sentence = compact[s:e]
    old = search(S.LONG_STANDING, sentence) or search(S.HISTORY, sentence)
    return bool(old) and not search(S.SUDDEN, sentence)


def _past_ideation(compact: str) -> str | None:
    """A suicidal thought or self-harm the text says is over: not a crisis, but worth a
    follow-up."""
    screen, table = _table("past")
    # No word of the past ("以前", "去年" …), no calm past: the cheap test first.
    if not search(P.PAST, compact) or not screen.search(compact):
        return None
    for pattern, _ in table:
        for m in pattern.finditer(compact):
            if scope.past_resolved(compact, m.start(), m.end()) and not scope.governed(
                compact, m.start(), m.end(), feared=False
            ):
                return m.group(0)
    return None


def _urgent(compact: str, vulnerable: bool) -> list[tuple[Reason, int]]:
    found = []
    for pattern in P.MEDICINE_OUT:
        if m := _unnegated(pattern, compact):
            found.append((Reason("medicine_out", f"提到“{m}”（药快断了）"), P2))
            break
    if m := _unnegated(P.HIGH_FEVER, compact):
        level = P2 if vulnerable else P3
        found.append((Reason("high_fever", f"提到“{m}”（高烧）"), level))
    if m := _unnegated(P.NO_FOOD, compact):
        label = "老人或体弱者家中断粮" if vulnerable else "家中断粮"
        found.append((Reason("no_food", f"提到“{m}”（{label}）"), P2 if vulnerable else P3))
    for pattern, code, label in P.OTHER_URGENT:
        if m := _unnegated(pattern, compact):
            found.append((Reason(code, f"提到“{m}”（{label}）"), P2))
    return found


def _unnegated(pattern: str, compact: str) -> str | None:
    for m in compiled(pattern).finditer(compact):
        if not scope.governed(compact, m.start(), m.end(), feared=False):
            return m.group(0)
    return None


def _infer_category(compact: str) -> str:
    best, best_score = OTHER, 1
    for cat, words in P.CATEGORY_WORDS.items():
        score = sum(weight * len(compiled(w).findall(compact)) for w, weight in words)
        if score > best_score:
            best, best_score = cat, score
    return best


def _dependant_category(found: str, compact: str) -> str:
    """Child care when the one left alone is a child (in the phrase, else in the text)."""
    for text in (found, compact):
        if search(f"{S.CHILD}|{S.SCHOOLCHILD}", text):
            return CHILD_CARE
        if search(f"{S.ELDER}|{S.DEPENDENT}", text):
            return ELDER_CARE
    return CHILD_CARE


def _excluded(compact: str, start: int, end: int) -> bool:
    lo, hi = max(0, start - 8), min(len(compact), end + 8)
    for pattern in S.NOT_CRISIS:
        for m in compiled(pattern).finditer(compact, lo, hi):
            if m.start() < end and m.end() > start:
                return True
    return False
