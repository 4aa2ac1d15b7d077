"""Helpers for the need tests: a need in one call, and reading a page's text."""

import re

from django.utils import timezone

from linli.cases.choices import Category, Channel
from linli.cases.intake import submit
from linli.cases.models import Need

TOKEN_FIELD = re.compile(r'name="token" value="([0-9a-f]{32})"')


def make_need(household, text="家里药快吃完了", category=Category.MEDICINE, **fields):
    """A triaged, saved need of `household`, as intake writes it."""
    fields.setdefault("channel", Channel.PHONE)
    fields.setdefault("created_at", timezone.now())
    need = Need(household=household, text=text, category=category, **fields)
    return submit(need)[0]


def token_of(response) -> str:
    found = TOKEN_FIELD.search(response.content.decode())
    assert found, "the form has no one-time token"
    return found.group(1)


def page(response) -> str:
    return response.content.decode()
