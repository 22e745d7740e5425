from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

MAX_TERMS_PER_GROUP = 20
MAX_TERM_LENGTH = 80


def split_terms(text: str) -> list[str]:
    """Terms of a synonym group: comma- or line-separated, lowercased, unique, in order."""
    terms: list[str] = []
    for part in (text or "").replace("\n", ",").split(","):
        term = " ".join(part.split()).lower()
        if term and term not in terms:
            terms.append(term)
    return terms


class SynonymGroup(models.Model):
    """Words that mean the same in search, in either language (micro-business = mikrovirksomhed)."""

    terms = models.TextField(
        _("terms"),
        help_text=_("Words or phrases that mean the same, separated by commas, e.g. micro-business, mikrovirksomhed."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two different terms.")})
        if len(terms) > MAX_TERMS_PER_GROUP:
            raise ValidationError({"terms": _("Give at most %(count)d terms.") % {"count": MAX_TERMS_PER_GROUP}})
        if any(len(term) > MAX_TERM_LENGTH for term in terms):
            raise ValidationError({"terms": _("Each term can be at most %(count)d characters.") % {"count": MAX_TERM_LENGTH}})
        self.terms = ", ".join(terms)

