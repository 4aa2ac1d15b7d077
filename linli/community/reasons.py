"""Reasons that pure modules give for refusing input, translated where shown.

phone.py, idcard.py and roster.py import nothing from Django, so they cannot
translate. Each message is marked with `gettext_noop` instead (makemessages
extracts calls by that name), and its values are kept apart from the Chinese
template in a `Reason`. The page that shows it translates the template into
the reader's language and only then fills in the values:
`reason.render(gettext)`. `str(reason)` is the Chinese text, for the log, the
command line and tests.
"""

from collections.abc import Callable


def gettext_noop(message: str) -> str:
    """Mark `message` for makemessages; it is translated when shown."""
    return message


class Reason:
    """A Chinese template with %(name)s placeholders and the values for them.

    A value may itself be a Reason (a field's name, a phone number's own
    fault), translated along with the template that contains it.
    """

    __slots__ = ("template", "params")

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        text = gettext(self.template) if gettext else self.template
        if not self.params:
            return text
        values = {
            key: value.render(gettext) if isinstance(value, Reason) else value
            for key, value in self.params.items()
        }
        return text % values

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Reason({str(self)!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return (self.template, self.params) == (other.template, other.params)

    __hash__ = None

    def as_data(self) -> dict:
        """A JSON-ready form, for a summary kept in the database."""
        return {
            "template": self.template,
            "params": {
                key: value.as_data() if isinstance(value, Reason) else value
                for key, value in self.params.items()
            },
        }

    @classmethod
    def from_data(cls, data: dict) -> "Reason":
        params = {
            key: cls.from_data(value) if isinstance(value, dict) else value
            for key, value in data.get("params", {}).items()
        }
        return cls(data["template"], **params)


class ReasonError(ValueError):
    """A ValueError that carries its Reason; the message is the Chinese text."""

    def __init__(self, template: str, **params):
        self.reason = Reason(template, **params)
        super().__init__(str(self.reason))
