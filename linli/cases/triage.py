"""Rule-based triage of a need: crisis signs, urgency and vulnerability → P1..P4.

Pure Python (no Django), so it is fast, deterministic and property-testable.
`triage(text, tags, category)` returns a Result with the reasons a worker reads.

How a phrase is judged (the tables are in triage_phrases.py):
- The text is normalised (full-width, traditional characters, spaces and emoji inside
  phrases), then each crisis phrase is looked for in it.
- A phrase governed by a negation in its clause ("没有想死的念头", "并没有呼吸困难",
  "想死倒不至于") or by a hypothetical ("如果出现呼吸困难") does not count.
- Who says it does not matter: "邻居说她不想活了" is a crisis like "我不想活了".
- Past thoughts that the text says are over ("以前想过死，现在好多了") are not a crisis
  but still raise the need for a follow-up.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from linli.cases import triage_phrases as P

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
    ("suicide", "自杀念头", P.SUICIDE, PSYCH),
    ("self_harm", "自伤", P.SELF_HARM, PSYCH),
    ("violence", "暴力", P.VIOLENCE, PSYCH),
    ("medical_emergency", "紧急医疗情况", P.MEDICAL, MEDICAL),
    ("left_alone", "无人照看", P.ALONE_PATTERNS, None),
)
# For these a prohibitive ("别想不开") shows fear of it, so it does not negate.
FEARED = {"suicide", "self_harm", "violence"}


def triage(text: str, tags: Iterable[str] = (), category: str | None = None) -> Result:
    compact = normalise(text or "")
    tags = set(tags)
    reasons: list[Reason] = []
    implied: list[str] = []
    for code, label, patterns, cat in CRISIS_RULES:
        found = _find_crisis(compact, code, patterns)
        if code == "left_alone" and not found:
            found = _parents_taken(compact)
        if found:
            reasons.append(Reason(code, f"提到“{found}”（{label}）"))
            implied.append(cat or _dependant_category(found, compact))
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
        if tag not in vulnerable and (m := _search(pattern, compact)):
            written[tag] = m
    # Elderly people count as vulnerable for fever and food, though age alone does not raise.
    at_risk = bool(vulnerable or written or _search(P.ELDERLY_TEXT, compact))
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
    """Full-width to half-width, simplified characters, lower case, and no spaces,
    emoji or decorative marks (kept: clause punctuation, and a point between digits)."""
    text = unicodedata.normalize("NFKC", text).lower().translate(P.TRADITIONAL)
    out = []
    for i, ch in enumerate(text):
        if ch.isalnum() or ch in _KEPT or (ch == "." and _between_digits(text, i)):
            out.append(ch)
        elif ch in ".…":
            # An ellipsis or a full stop typed as "." is decoration, or ends a clause.
            out.append("，" if i + 1 < len(text) and text[i + 1] not in ".…" else "")
        # Anything else (spaces, emoji, symbols, quotes, brackets) is dropped.
    return "".join(out)


_KEPT = frozenset(P.CLAUSE + "、℃°")


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _find_crisis(compact: str, code: str, patterns) -> str | None:
    for index, entry in enumerate(patterns):
        # An entry is a pattern, or (pattern, a context the text must also have).
        pattern, context = entry if isinstance(entry, tuple) else (entry, None)
        if context and not _search(context, compact):
            continue
        for m in _compiled(pattern).finditer(compact):
            start = m.start("cue") if "cue" in m.re.groupindex and m.group("cue") else m.start()
            end = m.end()
            if _excluded(compact, m.start(), end):
                continue
            if (
                code == "left_alone"
                and index in P.ALONE_NEEDS_DEPENDANT
                and not _search(f"{P.CHILD}|{P.DEPENDENT}", compact)
            ):
                continue
            clause_start = _clause_start(compact, start)
            before = compact[clause_start:start]
            after = compact[end : _clause_end(compact, end)]
            if _governed(before, after, feared=code in FEARED):
                continue
            if code == "suicide" and _hyperbole(before):
                continue
            if _compiled(P.FICTION).search(compact, _sentence_start(compact, start), start):
                continue
            if code == "suicide" and _is_past_resolved(compact, m.start(), end):
                continue
            return m.group(0)
    return None


def _parents_taken(compact: str) -> str | None:
    """Both parents (or a single parent) taken away, with a child or dependant at home."""
    if not _search(f"{P.CHILD}|{P.DEPENDENT}", compact):
        return None
    taken = []
    for m in _compiled(P.PARENT_TAKEN).finditer(compact):
        before = compact[_clause_start(compact, m.start()) : m.start()]
        after = compact[m.end() : _clause_end(compact, m.end())]
        if not _governed(before, after, feared=False):
            taken.append(m.group(0))
    if len(taken) >= 2 or (taken and _search(P.SINGLE_PARENT, compact)):
        return "，".join(taken[:2])
    return None


def _governed(before: str, after: str, feared: bool) -> bool:
    """True when a negation or a hypothetical governs the phrase."""
    if _compiled(P.CONDITION).search(before):
        return True
    if _compiled(P.WORRY).search(before) and not feared:
        return True
    rest = before
    while True:
        if feared and _ends(rest, P.PROHIBITIVES):
            return False
        if _ends(rest, P.NEGATIONS) or _ends(rest, P.HYPOTHETICALS):
            return True
        shorter = _strip_one(rest)
        if shorter == rest:
            break
        rest = shorter
    return bool(_compiled(P.NEGATED_AFTER).search(after))


def _hyperbole(before: str) -> bool:
    return bool(_compiled(P.HYPERBOLE).search(before))


def _is_past_resolved(compact: str, start: int, end: int) -> bool:
    sentence_start = _sentence_start(compact, start)
    if not _compiled(P.PAST).search(compact, sentence_start, start):
        return False
    return bool(_compiled(P.RESOLVED).search(compact, end, end + 60))


def _past_ideation(compact: str) -> str | None:
    """A suicidal thought the text says is over: not a crisis, but worth a follow-up."""
    for entry in P.SUICIDE:
        pattern = entry[0] if isinstance(entry, tuple) else entry
        for m in _compiled(pattern).finditer(compact):
            if _is_past_resolved(compact, m.start(), m.end()):
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
    for m in _compiled(pattern).finditer(compact):
        before = compact[_clause_start(compact, m.start()) : m.start()]
        after = compact[m.end() : _clause_end(compact, m.end())]
        if not _governed(before, after, feared=False):
            return m.group(0)
    return None


def _infer_category(compact: str) -> str:
    best, best_score = OTHER, 1
    for cat, words in P.CATEGORY_WORDS.items():
        score = sum(weight * len(_compiled(w).findall(compact)) for w, weight in words)
        if score > best_score:
            best, best_score = cat, score
    return best


def _dependant_category(found: str, compact: str) -> str:
    """Child care when the one left alone is a child (in the phrase, else in the text)."""
    for text in (found, compact):
        if _search(P.CHILD, text):
            return CHILD_CARE
        if _search(f"{P.ELDER}|{P.DEPENDENT}", text):
            return ELDER_CARE
    return CHILD_CARE


def _excluded(compact: str, start: int, end: int) -> bool:
    lo, hi = max(0, start - 8), min(len(compact), end + 8)
    for pattern in P.NOT_CRISIS:
        for m in _compiled(pattern).finditer(compact, lo, hi):
            if m.start() < end and m.end() > start:
                return True
    return False


def _ends(text: str, alternatives: str) -> bool:
    return bool(_compiled(f"(?:{alternatives})$").search(text))


def _strip_one(text: str) -> str:
    m = _compiled(f"(?:{P.FILLERS}|{P.SYMPTOMS})$").search(text)
    return text[: m.start()] if m else text


def _search(pattern: str, compact: str) -> str | None:
    m = _compiled(pattern).search(compact)
    return m.group(0) if m else None


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in P.CLAUSE) + 1


def _clause_end(text: str, pos: int) -> int:
    ends = [i for ch in P.CLAUSE if (i := text.find(ch, pos)) >= 0]
    return min(ends) if ends else len(text)


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in P.SENTENCE) + 1


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)
