"""What the wiki records beside Wagtail's revisions: who, why, and the edit policy's verdict."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditStatus(models.TextChoices):
    LIVE = "live", _("published")
    HELD = "held", _("held for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class HoldReason(models.TextChoices):
    """Why an edit waits for review: stored as the code, shown in the language of whoever reads it."""

    LINKS = "links", _("it adds many links to other websites")
    DELETION = "deletion", _("it removes a large part of the page")
    WORD = "word", _("it contains a word that editors look at first")
    WORKFLOW = "workflow", _("this page is published only after a moderator's approval")
    NEW_BUSINESS = "new-business", _("a moderator looks at every new business first")
    GUEST_POST = "guest-post", _("a moderator looks at every guest post first")


def hold_reason_label(code: str) -> str:
    """The reason in the active language; a reason stored as text (before the codes) as it was stored."""
    if code in HoldReason.values:
        return str(HoldReason(code).label)
    return code


class EditMeta(models.Model):
    """One row per revision saved through the wiki (site edits, restores, rollbacks).

    IP addresses and sessions are stored only as salted hashes, for budgets and
    blocks; they are never shown.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="wiki_meta", verbose_name=_("revision")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_edits", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8, db_index=True)
    page_type = models.CharField(_("page type"), max_length=60, db_index=True)
    summary = models.CharField(_("edit summary"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="wiki_edits", verbose_name=_("account"),
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=EditStatus.choices, default=EditStatus.LIVE,
                              db_index=True)
    hold_reason = models.CharField(_("reason held"), max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    size_delta = models.IntegerField(_("size change"), default=0)
    base_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("edited from revision"),
    )
    restored_from = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("restored from revision"),
    )
    session_hash = models.CharField(max_length=64, blank=True, db_index=True)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    patrolled = models.BooleanField(_("patrolled"), default=False, db_index=True)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("wiki edit")
        verbose_name_plural = _("wiki edits")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.page_id}@{self.revision_id}: {self.summary}"

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def hold_reason_label(self) -> str:
        return hold_reason_label(self.hold_reason)

    @property
    def author_label(self) -> str:
        """What the public sees: display name, account name, or 'anonymous visitor'. Never an IP."""
        if self.user_id is not None:
            return self.user.get_username()
        if self.display_name:
            return self.display_name
        return str(_("anonymous visitor"))


class PageProtection(models.Model):
    """A protected page can only be changed by editors (moderators protect and unprotect)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_protection", verbose_name=_("page")
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    protected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("page protection")
        verbose_name_plural = _("page protections")

    def __str__(self):
        return f"protected: {self.page_id}"
