"""Protecting and unprotecting pages (wiki.models.editing.PageProtection), audit-logged."""

from wiki.models.editing import PageProtection

from .audit import audit


def protect(page, *, by, reason: str = "") -> PageProtection:
    protection, created = PageProtection.objects.get_or_create(
        page_id=page.pk, defaults={"reason": reason[:300], "protected_by": by}
    )
    if not created and reason and protection.reason != reason[:300]:
        protection.reason = reason[:300]
        protection.save(update_fields=["reason"])
    audit(page.specific, "moderation.protect", by, reason=protection.reason)
    return protection


def unprotect(page, *, by) -> bool:
    deleted, _ = PageProtection.objects.filter(page_id=page.pk).delete()
    if deleted:
        audit(page.specific, "moderation.unprotect", by)
    return bool(deleted)
