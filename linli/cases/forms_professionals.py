"""The professionals registry form: who takes cases, in what, and where."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import CASE_ROLES, Role
from linli.accounts.models import User
from linli.cases.choices import Specialty
from linli.cases.models import Professional
from linli.community.models import Community

# Roles of the accounts that may get a professional profile (volunteer counsellors too).
PROFILE_ROLES = (*CASE_ROLES, Role.VOLUNTEER, Role.STAFF)
_LANGUAGE_SPLIT = re.compile(r"[\s,，、;；/]+")


class ProfessionalForm(forms.ModelForm):
    specialties = forms.MultipleChoiceField(
        label=_("专长"),
        choices=Specialty.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("语言/方言"),
        required=False,
        max_length=100,
        help_text=_("用顿号或空格分开，例如：普通话、武汉话"),
    )
    communities = forms.ModelMultipleChoiceField(
        label=_("服务社区"),
        queryset=Community.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Professional
        fields = [
            "user",
            "name",
            "profession",
            "organisation",
            "specialties",
            "languages",
            "capacity",
            "duty_start",
            "duty_end",
            "communities",
            "active",
        ]
        widgets = {
            "duty_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "duty_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "capacity": forms.NumberInput(attrs={"min": 1, "max": 50, "inputmode": "numeric"}),
        }

    def __init__(self, *args, communities, editor=None, **kwargs):
        """`communities`: the editor's own; the only ones this form shows or changes.
        `editor`: who fills it in, never offered as the account: a worker who gave
        themselves a profile could offer themselves a case and read its notes."""
        super().__init__(*args, **kwargs)
        self.editor_communities = communities
        self.fields["communities"].queryset = communities
        if self.instance.pk:
            del self.fields["user"]
            self.initial["languages"] = "、".join(self.instance.languages or [])
            self.initial["communities"] = list(
                self.instance.communities.filter(pk__in=communities).values_list("pk", flat=True)
            )
        else:
            self.fields["user"].label = _("账号")
            self.fields["user"].queryset = (
                User.objects.filter(
                    memberships__community__in=communities,
                    memberships__role__in=PROFILE_ROLES,
                    professional__isnull=True,
                    is_active=True,
                )
                .exclude(pk=getattr(editor, "pk", None))
                .distinct()
                .order_by("username")
            )
            self.fields["user"].error_messages["invalid_choice"] = _(
                "这个账号不能登记为专业人员（不在本社区，或已经登记过）。"
            )

    def clean_languages(self):
        words = [w for w in _LANGUAGE_SPLIT.split(self.cleaned_data["languages"]) if w]
        return list(dict.fromkeys(words))

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("最多同时负责的个案数至少是 1。"))
        return capacity

    def clean_communities(self):
        chosen = self.cleaned_data["communities"]
        if not chosen and not self._kept().exists():
            raise forms.ValidationError(_("请至少选择一个服务社区。"))
        return chosen

    def _kept(self):
        """The communities outside the editor's own, which this form leaves alone."""
        if not self.instance.pk:
            return Community.objects.none()
        return self.instance.communities.exclude(pk__in=self.editor_communities)

    def save(self, commit=True):
        pro = super().save(commit=False)
        if commit:
            pro.save()
            # Communities outside the editor's own are kept as they were.
            pro.communities.set([*self._kept(), *self.cleaned_data["communities"]])
        return pro
