"""The roster upload form: a file is read and checked before it is kept."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.community import importer
from linli.community.models import Community
from linli.community.roster import MAX_BYTES, RosterFileError, parse_roster
from linli.front.uploads import check_spreadsheet


class RosterUploadForm(forms.Form):
    community = forms.ModelChoiceField(
        Community.objects.none(), label=_("导入到社区"), empty_label=None
    )
    file = forms.FileField(
        label=_("花名册文件"),
        help_text=_("Excel（.xlsx）或CSV文件。表头要有“楼栋”“房号”“姓名”，可以在标题行下面。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        if len(communities) == 1:
            # Nothing to choose: say where it goes instead of offering a select.
            self.fields["community"].widget = forms.HiddenInput()
            self.fields["community"].initial = communities[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件超过10MB，请分成几个文件导入"))
        # The bytes, checked to be a real .xlsx or a text .csv (not a renamed .exe).
        self.content = check_spreadsheet(upload)
        try:
            self.roster = parse_roster(self.content, upload.name)
        except RosterFileError as exc:
            raise forms.ValidationError(exc.reason.render(gettext)) from None
        return upload

    def save(self, user):
        community = self.cleaned_data["community"]
        name = self.cleaned_data["file"].name
        return importer.stage(community, name, self.content, user, roster=self.roster)
