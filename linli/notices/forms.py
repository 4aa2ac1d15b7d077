"""Notices forms. Bad input gets a plain Chinese message and keeps what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.community.models import Area, Building
from linli.notices.choices import ActivityKind, FeedbackKind, Reach, Topic
from linli.notices.feedback import Feedback
from linli.notices.learning import Activity, Article
from linli.notices.models import Announcement
from linli.notices.placeholders import unfilled


def radios(label, choices, **kwargs):
    """Radio buttons without Django's blank "---------" choice."""
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


class AnnouncementForm(forms.ModelForm):
    reach = radios(_("发送范围"), Reach.choices, initial=Reach.COMMUNITY)

    class Meta:
        model = Announcement
        fields = ["title", "body", "priority", "pinned", "reach", "areas", "buildings"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "priority": forms.RadioSelect,
            "areas": forms.CheckboxSelectMultiple,
            "buildings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.filter(community=community)
        self.fields["buildings"].queryset = Building.objects.in_community(community).select_related(
            "compound"
        )
        self.fields["buildings"].label_from_instance = lambda b: f"{b.compound.name}{b.label}"

    def clean(self):
        data = super().clean()
        reach = data.get("reach")
        if reach == Reach.AREAS and not data.get("areas"):
            self.add_error("areas", _("请至少选一个片区"))
        if reach == Reach.BUILDINGS and not data.get("buildings"):
            self.add_error("buildings", _("请至少选一栋楼"))
        for field in ("title", "body"):
            left = unfilled(data.get(field) or "")
            if left:
                names = "、".join("{" + name + "}" for name in left)
                self.add_error(
                    field, _("还有没填的内容：%(names)s，请改成实际内容") % {"names": names}
                )
        return data

    def save(self, commit=True):
        announcement = super().save(commit=False)
        # Only what the reach uses is kept, so the audience is never ambiguous.
        data = self.cleaned_data
        data["areas"] = data["areas"] if announcement.reach == Reach.AREAS else []
        data["buildings"] = data["buildings"] if announcement.reach == Reach.BUILDINGS else []
        if commit:
            announcement.save()
            self.save_m2m()
        return announcement


class FeedbackForm(forms.ModelForm):
    kind = radios(_("类型"), FeedbackKind.choices, initial=FeedbackKind.QUESTION)
    topic = radios(_("方面"), Topic.choices)

    class Meta:
        model = Feedback
        fields = ["kind", "topic", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        labels = {"text": _("想说的话")}

    household = forms.TypedChoiceField(label=_("哪一户"), coerce=int)

    def __init__(self, *args, households, ask_household=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.households = {h.pk: h for h in households}
        # A resident with one home is not asked; a captain always names the home.
        if len(self.households) == 1 and not ask_household:
            del self.fields["household"]
        else:
            self.fields["household"].choices = [
                (h.pk, f"{h.building.compound.name} {h.address}") for h in households
            ]

    def chosen_household(self):
        if "household" not in self.fields:
            return next(iter(self.households.values()))
        return self.households[self.cleaned_data["household"]]


class ReplyForm(forms.Form):
    answer = forms.CharField(label=_("回复"), widget=forms.Textarea(attrs={"rows": 4}))
    close = forms.BooleanField(label=_("同时办结"), required=False, initial=True)


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "body", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}


class ActivityForm(forms.ModelForm):
    kind = radios(_("类型"), ActivityKind.choices, initial=ActivityKind.CLASS)
    link = forms.URLField(label=_("线上链接"), required=False, assume_scheme="https")

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "minutes",
            "link",
            "room",
            "capacity",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        data = super().clean()
        if not data.get("link") and not data.get("room"):
            self.add_error("room", _("请填写线上链接，或会议号、地点"))
        if data.get("capacity") == 0:
            self.add_error("capacity", _("名额至少为1"))
        return data
