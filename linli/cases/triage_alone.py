"""A child or dependant left alone, and an elder no one has heard from.

These signs are spread over a sentence or a whole text more often than the others:
"父母都被送走了，孩子才五岁，在家没人照顾" names the child in one clause and the
missing care in another, and a child writing about themselves says "家里就剩我和我妹妹了"
without any word for a child. So besides the one-clause phrases, a dependant and a
missing carer are matched across the clauses of a sentence, and carers taken away
across the whole text. Each cue is still judged in its own clause (negation, past,
an animal: "狗一个人在家" is not a case).
"""

from linli.cases import triage_scope as scope
from linli.cases import triage_signs as S
from linli.cases.triage_scope import compiled, search

LEFT = "无人照看"
UNSEEN = "老人多日无音讯"
MISSING = "走失"
DEPENDANT = f"{S.CHILD}|{S.DEPENDENT}|{S.SCHOOLCHILD}"

# One clause holds both the one in need and the missing care.
IN_ONE_CLAUSE = [
    S.CHILD + r"_{0,10}(?P<cue>" + S.ALONE_CUE + ")",
    S.DEPENDENT + r"_{0,10}(?P<cue>" + S.ALONE_CUE + ")",
    r"(?P<cue>" + S.ALONE + ")_{0,4}" + S.DEPENDENT,
    S.ELDER + r"_{0,10}(?P<cue>" + S.UNCARED + ")",
    r"(?P<cue>" + S.UNCARED + ")_{0,6}(?:" + DEPENDANT + "|" + S.ELDER + ")",
    r"(?P<cue>(?:只剩|就剩|剩下))_{0,8}(?:" + DEPENDANT + ")",
]


def left_alone(compact: str) -> tuple[str, str] | None:
    """(the words found, the label) for the first sign of someone left without care."""
    for pattern in IN_ONE_CLAUSE:
        for m in compiled(pattern).finditer(compact):
            if _counts(compact, m.start("cue"), m.end("cue")):
                return m.group(0), LEFT
    if found := _across_clauses(compact):
        return found, LEFT
    if found := _carers_taken(compact):
        return found, LEFT
    for m in compiled(S.MISSING).finditer(compact):
        s = scope.sentence_start(compact, m.start())
        if search(f"{DEPENDANT}|{S.ELDER}", compact[s : m.start()]) and _counts(
            compact, m.start(), m.end()
        ):
            return m.group(0), MISSING
    if search(S.UNSEEN_WHO, compact):
        for m in compiled(S.UNSEEN_ELDER).finditer(compact):
            if _counts(compact, m.start(), m.end()) and not _writer_is_subject(compact, m.start()):
                return m.group(0), UNSEEN
    return None


def _counts(compact: str, start: int, end: int) -> bool:
    return not (
        scope.governed(compact, start, end, feared=False)
        or scope.about_no_one(compact, start)
        or scope.past_resolved(compact, start, end)
    )


def _across_clauses(compact: str) -> str | None:
    """A dependant in one clause, "一个人在家" or "没人照顾" in another of the sentence.
    A clause whose subject is the writer ("我一个人在家") says nothing of the dependant."""
    for m in compiled(S.ALONE_CUE).finditer(compact):
        c = scope.clause_start(compact, m.start())
        if compact.startswith("我", c) or not _counts(compact, m.start(), m.end()):
            continue
        s, e = scope.sentence_start(compact, c), scope.sentence_end(compact, m.end())
        if who := search(DEPENDANT, compact[s:e]):
            return f"{who}…{m.group(0)}"
    return None


def _carers_taken(compact: str) -> str | None:
    """Both parents (or a single parent, or all the carers) taken away, with a child, a
    dependant, or the writer left at home ("就剩我")."""
    if not search(f"{DEPENDANT}|{S.REMAIN}|{S.UNCARED}", compact):
        return None
    for m in compiled(S.BOTH_TAKEN).finditer(compact):
        if _counts(compact, m.start(), m.end()):
            return m.group(0)
    taken = [
        m.group(0)
        for m in compiled(S.PARENT_TAKEN).finditer(compact)
        if _counts(compact, m.start(), m.end())
    ]
    # A child saying they are home alone needs one parent gone, not two.
    alone = search(f"{S.SINGLE_PARENT}|{S.REMAIN}", compact)
    if len(taken) >= 2 or (taken and alone):
        return "，".join(taken[:2])
    return None


# The nearest one named before a cue: the writer ("我", not "我妈") or someone else.
SUBJECT = r"我(?!妈|爸|家|们家|奶|爷|外|婆|公|姥|老|的)|" + S.ELDER + r"|邻居|他|她"


def _writer_is_subject(compact: str, pos: int) -> bool:
    """ "我一个人住，好几天没出门了" is the writer, who is plainly not out of reach."""
    last = None
    for m in compiled(SUBJECT).finditer(compact, scope.sentence_start(compact, pos), pos):
        last = m.group(0)
    return last == "我"
