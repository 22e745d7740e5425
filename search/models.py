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


class PendingIndexUpdate(models.Model):
    """An index write waiting to be applied: one awaiting its transaction's commit (see search.backend.queue),
    one that failed, or one made during a rebuild."""

    ADD = "add"
    DELETE = "delete"

    model_label = models.CharField(max_length=150)
    object_pk = models.CharField(max_length=64)
    action = models.CharField(max_length=10, choices=[(ADD, ADD), (DELETE, DELETE)])
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # False when every change behind the row shows only on its own page: applying it need not retire
    # the cached search results (caching.signals.confined_to_its_page).
    retires_search = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model_label", "object_pk"], name="search_pending_unique_object")]
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.action} {self.model_label}:{self.object_pk}"
