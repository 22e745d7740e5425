"""Discussion threads: posts about a wiki page, with one level of replies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_POST_LENGTH = 5000


class Post(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="talk_posts",
                             verbose_name=_("page"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies",
                               verbose_name=_("reply to"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="talk_posts", verbose_name=_("account"))
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    session_hash = models.CharField(max_length=64, blank=True, db_index=True)
    body = models.TextField(_("message"), max_length=MAX_POST_LENGTH)
    hidden = models.BooleanField(_("hidden"), default=False, db_index=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("hidden by"))
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"post {self.pk} on {self.page_id}"

    @property
    def author_label(self) -> str:
        if self.user_id is not None:
            return self.user.get_username()
        return self.display_name or str(_("anonymous visitor"))
