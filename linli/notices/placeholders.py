"""Placeholders of announcement templates: "{date}前截单" with the date filled in.

Plain Python, no Django: a template's text is filled with the values known when
a worker starts from it, and what is still unfilled is named back to them, so a
notice never goes out with "{time}" in it.
"""

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {name} that has a value; leave the others for a person."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unfilled(text: str) -> list[str]:
    """The names of the placeholders still in `text`, each once, in order."""
    seen = []
    for name in PLACEHOLDER.findall(text):
        if name not in seen:
            seen.append(name)
    return seen
