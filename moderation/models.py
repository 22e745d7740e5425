"""Blocks: a contributor (a session or an account) kept from editing, for a reason, until a time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BlockQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class Block(models.Model):
    """A block on an account or on a browser session (stored as wiki.identity.session_hash)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="wiki_blocks",
        verbose_name=_("account"),
    )
    session_hash = models.CharField(_("session"), max_length=64, blank=True, db_index=True)
    label = models.CharField(_("contributor"), max_length=150, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("blocked by"),
    )
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("lifted by"),
    )

    objects = BlockQuerySet.as_manager()

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_hash=""), name="block_has_a_target"
            ),
        ]

    def __str__(self):
        return f"block: {self.label or self.user_id or self.session_hash[:8]}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None and (self.expires_at is None or self.expires_at > timezone.now())
