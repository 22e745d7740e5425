import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DURATIONS = [
    ("1", _("1 day")),
    ("7", _("1 week")),
    ("30", _("1 month")),
    ("365", _("1 year")),
    ("", _("Until lifted")),
]


class BlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
    duration = forms.ChoiceField(label=_("Duration"), choices=DURATIONS, initial="7", required=False)

    def expires_at(self):
        days = self.cleaned_data.get("duration")
        return timezone.now() + datetime.timedelta(days=int(days)) if days else None


class ProtectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RejectForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)
