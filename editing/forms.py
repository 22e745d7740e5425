"""The site's edit and create forms, built from each page type's editable fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from editing import conf
from editing.fields import editable_fields
from wiki.facts import SalesChannel

HONEYPOT = "contact_email"


class SalesChannelsField(forms.MultipleChoiceField):
    """The space-separated ``sales_channels`` string as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=SalesChannel.choices, required=False, **kwargs)

    def prepare_value(self, value):
        return value.split() if isinstance(value, str) else value

    def clean(self, value):
        return " ".join(super().clean(value))


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class WikiForm(forms.Form):
    """What every site edit carries besides the page's fields."""

    summary = forms.CharField(
        label=_("Edit summary"), max_length=300, required=False,
        help_text=_("One line: what you changed and why."),
    )
    display_name = forms.CharField(
        label=_("Your name (optional)"), max_length=80, required=False,
        help_text=_("Shown in the page's history. Leave empty to appear as an anonymous visitor."),
    )
    challenge = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    # A honeypot: hidden from people (CSS, aria-hidden); bots fill it in.
    contact_email = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    page_fields: tuple[str, ...] = ()
    model = None

    def __init__(self, *args, model=None, names=None, **kwargs):
        super().__init__(*args, **kwargs)
        if model is not None:
            self.model = model
            self.page_fields = tuple(names or editable_fields(model))
            page_fields = forms.fields_for_model(model, fields=self.page_fields, formfield_callback=_formfield)
            for name in self.page_fields:
                page_fields[name] = self._adapt(name, page_fields[name])
            # Page fields first, then the summary and the rest.
            self.fields = {**page_fields, **self.fields}
        self.size_exceeded = False

    def _adapt(self, name, field):
        model_field = self.model._meta.get_field(name)
        if name == "sales_channels":
            return SalesChannelsField(label=field.label, help_text="")
        if name == "title":
            # Wagtail's own help text speaks of the admin and has no Danish translation.
            field.help_text = _("The name of the page, as readers see it.")
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.update({"rows": 12 if name == "body" else 5})
        field.model_field = model_field
        return field

    def clean(self):
        cleaned = super().clean()
        limit = conf.get("EDIT_MAX_TEXT_CHARS")
        for name in self.page_fields:
            value = cleaned.get(name)
            if isinstance(value, str):
                value = value.replace("\r\n", "\n").replace("\r", "\n")
                if len(value) > limit:
                    self.size_exceeded = True
                    self.add_error(name, _("This text is too long (at most %(limit)s characters).") % {"limit": limit})
                    continue
                cleaned[name] = value
            model_field = getattr(self.fields[name], "model_field", None)
            if model_field is not None and value not in (None, ""):
                try:
                    model_field.run_validators(value)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def page_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.page_fields}

    def raw(self, name):
        """What the user typed, even when the form is invalid."""
        return self.data.get(name, "")


class EditForm(WikiForm):
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


CREATE_FIELDS = ("title", "short_definition", "body", "sources")
