from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_POST_LENGTH


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Link to a page with [[Page title]]."),
    )
    display_name = forms.CharField(label=_("Your name (optional)"), max_length=80, required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this empty"), required=False)
    # Proof of work for anonymous posts (editing/pow.py), as on the edit form.
    challenge = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > MAX_POST_LENGTH:
            raise forms.ValidationError(
                _("Your message is too long (at most %(max)d characters).") % {"max": MAX_POST_LENGTH}
            )
        return body
