"""Fixtures for the 接龙 parser: the demo catalog as the pure parser sees it."""

import re
from pathlib import Path

import pytest

from linli.groupbuy.jielong import Catalog, parse, read_catalog_csv

CATALOG_CSV = Path(__file__).resolve().parents[2] / "linli" / "groupbuy" / "data" / "catalog.csv"


def demo_catalog() -> Catalog:
    return Catalog(read_catalog_csv(CATALOG_CSV.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return demo_catalog()


@pytest.fixture(scope="session")
def entry(catalog):
    """Parse one entry line (numbered 1. unless it carries its own number)."""

    def read(line: str, title: str = "团购"):
        text = line if re.match(r"[0-9]+[.、)]", line) else f"1. {line}"
        entries = parse(f"#接龙\n{title}\n\n{text}\n", catalog).entries
        assert len(entries) == 1, entries
        return entries[0]

    return read


# Rounds and orders, and pasted 接龙 posts, over the `world`; star-imported so
# pytest sees the fixtures.
from tests.groupbuy.fixtures_jielong import *  # noqa: E402, F403
from tests.groupbuy.fixtures_rounds import *  # noqa: E402, F403
