"""Crisis recall and false alarms of the triage screen on three labelled sets.

needs_dev.tsv is the set the rules were developed against. needs_heldout.tsv shows
how the screen does on texts it has not seen, and was written in three batches:
- lines 2-140, before any tuning (first run: recall 0.759, false alarms 0.035);
- lines 141-212, written after the rules were fixed for the first batch's failure
  classes (first run: recall 0.444, false alarms 0.044);
- lines 213-251, written after fixing the second batch's classes and NOT tuned on
  (first run: recall 0.312, false alarms 0.043).
The first two batches were tuned on after their first run. The third was then
answered by classes of meaning (hopelessness and release, farewells, stroke signs with
degree words, a child writing about themselves …), not by its lines.

needs_unseen.tsv was written by someone who never saw the rules, and was not opened
until the rules above were done. Measured on first contact: recall 0.640 (57 of 89
crises), false alarms 0.028 (4 of 141), category 0.587. Its failures were then answered
by class (farewells by giving things away, the edge of a balcony, stroke and asthma
signs, a child at home saying who they are, a correction "是我看错了", a pause in a
chat as a clause break …).

A safety net was then added (triage_net.py): a broad scan for risk stems after the
specific classes, so that a way of saying a crisis no class holds is still flagged for
a person to confirm. needs_fresh.tsv was then written by another writer who never saw
the rules, and not opened until the net was done. Measured on first contact: recall
0.726 (77 of 106 crises; the classes alone 0.566, the net added 17), false alarms
0.153 (27 of 176: 15 from the classes, 12 from the net), category 0.557. Its failures
were then answered by class: farewells (the last time, a letter left, good night to
the world, giving away with a word of the end), heights and water for someone in loss,
poisons, abuse, weapons carried, gas and coal fumes, oxygen by its number, fits that do
not stop, a child alone who gives their age, English words; and, against false alarms,
what is not said in earnest (a laugh, "(bushi)", a catchphrase, "只是想想"), joy and
exasperation ("救命，我把米饭煮成粥了"), a condition with 再, a negated consequence
("拍了片没骨折"), a past death told as background, a body part that "不行了", a story's
characters, and a story named only in its own clause. The labelled set is the union of
the four; each set and the union must meet the targets. `pytest -s` prints the figures.
"""

import csv
from pathlib import Path

import pytest

from linli.cases.triage import CATEGORIES, triage

DATA = Path(__file__).parent / "data"
MIN_RECALL = 0.98
MAX_FALSE_ALARMS = 0.05


def load(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["text"], r["crisis"] == "1", r["category"]) for r in rows]


def figures(rows):
    missed, alarms, right_category = [], [], 0
    for text, crisis, category in rows:
        result = triage(text)
        if crisis and not result.crisis:
            missed.append(text)
        if result.crisis and not crisis:
            alarms.append(f"{text}  ←  {[r.text for r in result.reasons]}")
        right_category += result.category == category
    crises = sum(1 for _, crisis, _ in rows if crisis)
    return {
        "recall": 1 - len(missed) / crises,
        "false_alarms": len(alarms) / (len(rows) - crises),
        "category": right_category / len(rows),
        "missed": missed,
        "alarms": alarms,
        "size": (len(rows), crises),
    }


SETS = ["needs_dev.tsv", "needs_heldout.tsv", "needs_unseen.tsv", "needs_fresh.tsv"]


def rows_of(name):
    return [row for part in SETS for row in load(part)] if name == "all" else load(name)


@pytest.mark.parametrize("name", [*SETS, "all"])
def test_the_screen_finds_crises_without_crying_wolf(name):
    f = figures(rows_of(name))
    print(
        f"\n{name}: {f['size'][0]} texts, {f['size'][1]} crises; recall {f['recall']:.3f}, "
        f"false alarms {f['false_alarms']:.3f}, category {f['category']:.3f}"
    )
    detail = "\nmissed:\n  " + "\n  ".join(f["missed"]) + "\nfalse alarms:\n  "
    detail += "\n  ".join(f["alarms"])
    assert f["recall"] >= MIN_RECALL, f"{name}: recall {f['recall']:.3f}{detail}"
    assert f["false_alarms"] <= MAX_FALSE_ALARMS, (
        f"{name}: false alarms {f['false_alarms']:.3f}{detail}"
    )


def test_no_text_is_in_two_sets():
    texts = [text for name in SETS for text, _, _ in load(name)]
    assert len(set(texts)) == len(texts)


def test_the_development_set_mostly_gets_its_category_right():
    f = figures(load("needs_dev.tsv"))
    assert f["category"] >= 0.85, f"category accuracy {f['category']:.3f}"


@pytest.mark.parametrize("name", SETS)
def test_the_labelled_sets_are_well_formed(name):
    rows = load(name)
    texts = [text for text, _, _ in rows]
    assert len(set(texts)) == len(texts), "a text is listed twice"
    assert all(category in CATEGORIES for _, _, category in rows)
    share = sum(crisis for _, crisis, _ in rows) / len(rows)
    assert 0.3 <= share <= 0.45
