from django.db import models
from django.utils.translation import gettext_lazy as _


class BlockedWord(models.Model):
    """A word or phrase that holds an edit for review when it adds it (kept by editors in the admin)."""

    word = models.CharField(_("word or phrase"), max_length=100, unique=True,
                            help_text=_("Matched as a whole word, ignoring case."))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")
        ordering = ["word"]

    def __str__(self):
        return self.word
