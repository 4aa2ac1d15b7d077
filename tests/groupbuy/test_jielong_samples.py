"""The sample posts that come with the contract (shared/data/jielong), read exactly:
addresses, names, items with their matches."""

import json
from pathlib import Path

import pytest

from linli.groupbuy.jielong import parse

SAMPLES = sorted((Path(__file__).parent / "samples").glob("*.txt"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_each_sample_post_is_read_as_expected(catalog, sample):
    expected = json.loads(sample.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got = parse(sample.read_text(encoding="utf-8"), catalog).as_dict()
    keys = ("seq", "address", "name", "items")
    assert [{k: e[k] for k in keys} for e in got["entries"]] == expected["entries"]
