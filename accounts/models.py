"""Watchlists: the pages a contributor follows, and when they were last told about changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Watch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wiki_watches",
                             verbose_name=_("account"))
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    created_at = models.DateTimeField(_("watched since"), auto_now_add=True)

    class Meta:
        verbose_name = _("watched page")
        verbose_name_plural = _("watched pages")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="watch_once_per_page")]

    def __str__(self):
        return f"{self.user_id} watches {self.page_id}"


class WatchlistEmailState(models.Model):
    """Per account: are watchlist emails wanted, and up to when have changes been sent."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watchlist_email",
                                verbose_name=_("account"))
    emails_enabled = models.BooleanField(_("email me changes to watched pages"), default=True)
    last_sent_at = models.DateTimeField(_("changes sent up to"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("watchlist email setting")
        verbose_name_plural = _("watchlist email settings")

    def __str__(self):
        return f"watchlist email for {self.user_id}"
