"""The add-your-business form and the guest post form: the wiki's site forms plus a few fields of their own."""

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from editing.forms import WikiForm
from fair.countries import parse_countries
from wiki.models import BlogPostPage, CaseStudyPage
from wiki.partnerships import PartnerKind, Partnership

BUSINESS_FIELDS = (
    "title", "tagline", "sells", "sector", "staff_count", "years_trading", "town_region",
    "export_share_percent", "sales_channels", "website", "body",
)
POST_FIELDS = ("title", "author_name", "lead", "body")
COUNTRY_PICKER = {"class": "country-picker", "list": "country-names", "autocomplete": "off"}


def _country_field(label, help_text=""):
    return forms.CharField(label=label, required=False, max_length=800, help_text=help_text,
                           widget=forms.TextInput(attrs=COUNTRY_PICKER))


def _tag_field():
    return forms.CharField(label=_("Tags"), required=False, max_length=200,
                           help_text=_("Optional, separated by commas."))


def tag_names(value: str) -> list[str]:
    """'trade fair, Norway' -> ['trade fair', 'Norway'] (at most ten, each at most 100 characters)."""
    return [t.strip()[:100] for t in (value or "").split(",") if t.strip()][:10]


def _kind_field(label):
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *PartnerKind.choices])


class AddBusinessForm(WikiForm):
    GROUPS = (
        (_("Your business"), ("title", "tagline", "sells", "sector", "staff_count", "years_trading", "tag_names")),
        (_("Where you are and sell"), ("town_region", "home_country_name", "export_countries",
                                       "export_share_percent", "sales_channels", "website")),
        (_("Partners you seek and offer (optional)"), ("seeks_kind", "seeks_where", "seeks_note",
                                                       "offers_kind", "offers_where", "offers_note")),
        (_("Your story (optional)"), ("body",)),
    )

    home_country_name = _country_field(_("Home country"), _("Type a name, in English or Danish, e.g. Denmark."))
    export_countries = _country_field(
        _("Export countries"), _("Names separated by commas, in English or Danish, e.g. Norway, Sverige."),
    )
    seeks_kind = _kind_field(_("Partner you seek"))
    seeks_where = _country_field(_("Where (seek)"), _("Countries, separated by commas; empty: anywhere."))
    seeks_note = forms.CharField(label=_("Note (seek)"), required=False, max_length=200)
    offers_kind = _kind_field(_("Partnership you offer"))
    offers_where = _country_field(_("Where (offer)"), _("Countries, separated by commas; empty: anywhere."))
    offers_note = forms.CharField(label=_("Note (offer)"), required=False, max_length=200)
    translation_of = forms.IntegerField(required=False, widget=forms.HiddenInput)
    tag_names = _tag_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, model=CaseStudyPage, names=BUSINESS_FIELDS, **kwargs)
        self.fields["title"].label = _("Name of the business")
        self.fields["title"].help_text = ""
        self.fields["body"].required = False
        self.fields["website"].widget.attrs["inputmode"] = "url"

    def groups(self):
        """(legend, bound fields) for each part of the form, in order."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def _codes(self, name, *, single=False):
        codes, unknown = parse_countries(self.cleaned_data.get(name, ""))
        if unknown:
            self.add_error(name, _("Unknown country: %(names)s. Pick a name from the list.")
                           % {"names": ", ".join(unknown)})
        elif single and len(codes) > 1:
            self.add_error(name, _("Give one country."))
        return codes

    def clean_website(self):
        url = self.cleaned_data.get("website", "")
        # Django's URL check also lets ftp:// through; a reader's link must open in a browser.
        if url and urlsplit(url).scheme not in ("http", "https"):
            raise forms.ValidationError(_("Give a web address starting with http:// or https://."))
        return url

    def _partnership(self, prefix) -> str:
        kind = self.cleaned_data.get(f"{prefix}_kind")
        codes = self._codes(f"{prefix}_where")
        note = " ".join(self.cleaned_data.get(f"{prefix}_note", "").replace(";", ",").split())
        return Partnership(kind, tuple(codes), note).as_line() if kind else ""

    def clean(self):
        cleaned = super().clean()
        home = self._codes("home_country_name", single=True)
        cleaned["home_country"] = home[0] if home else ""
        cleaned["export_markets"] = " ".join(self._codes("export_countries"))
        cleaned["seeks_partners"] = self._partnership("seeks")
        cleaned["offers_partners"] = self._partnership("offers")
        return cleaned

    def tags(self) -> list[str]:
        return tag_names(self.cleaned_data.get("tag_names", ""))

    def page_values(self) -> dict:
        values = super().page_values()
        for name in ("home_country", "export_markets", "seeks_partners", "offers_partners"):
            values[name] = self.cleaned_data[name]
        return values


class GuestPostForm(WikiForm):
    tag_names = _tag_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, model=BlogPostPage, names=POST_FIELDS, **kwargs)
        self.fields["body"].required = True
        self.fields["title"].help_text = ""

    def tags(self) -> list[str]:
        return tag_names(self.cleaned_data.get("tag_names", ""))
