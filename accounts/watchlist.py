"""Watching pages, and the batched email of what changed on them (with a signed unsubscribe link)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageLogEntry, Site

from wiki.models.editing import EditMeta

from .models import Watch, WatchlistEmailState

UNSUBSCRIBE_SALT = "accounts.watchlist.unsubscribe"
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def may_view(user, page) -> bool:
    """Readers see live pages without view restrictions; editors (the admin) see every page."""
    from wiki.permissions import is_editor

    if is_editor(user):
        return True
    return page.live and not page.get_view_restrictions().exists()


def viewable_watches(user):
    """The account's watches of pages it may still see (a page unpublished since drops out)."""
    from wiki.permissions import is_editor

    watches = Watch.objects.filter(user=user).select_related("page")
    if is_editor(user):
        return watches
    return [watch_ for watch_ in watches.filter(page__live=True) if may_view(user, watch_.page)]


def watch(user, page, language: str = "") -> Watch:
    watch_, _ = Watch.objects.get_or_create(user=user, page_id=page.pk)
    state, created = WatchlistEmailState.objects.get_or_create(user=user, defaults={"language": language})
    if language and not state.language:
        state.language = language
        state.save(update_fields=["language"])
    return watch_


def unwatch(user, page) -> None:
    Watch.objects.filter(user=user, page_id=page.pk).delete()


def is_watching(user, page) -> bool:
    return bool(user and user.is_authenticated and Watch.objects.filter(user=user, page_id=page.pk).exists())


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str):
    """The account the token was made for, or None when it is forged or broken."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def unsubscribe(user) -> None:
    WatchlistEmailState.objects.update_or_create(user=user, defaults={"emails_enabled": False})


@dataclass
class Change:
    page: Page
    when: object
    author: str
    summary: str


def changes_for(user, since, until) -> list[Change]:
    """Changes published on the pages this account watches, after ``since`` (or when they started watching)."""
    changes = []
    for watch_ in viewable_watches(user):
        start = max(since, watch_.created_at) if since else watch_.created_at
        entries = (
            PageLogEntry.objects.filter(page_id=watch_.page_id, action__in=PUBLISH_ACTIONS,
                                        timestamp__gt=start, timestamp__lte=until)
            .filter(Q(user__isnull=True) | ~Q(user=user))
            .select_related("user", "revision")
            .order_by("timestamp")
        )
        for entry in entries:
            meta = EditMeta.objects.filter(revision_id=entry.revision_id).select_related("user").first()
            if meta is not None and meta.user_id == user.pk:
                continue
            author = meta.author_label if meta else (entry.user.get_username() if entry.user_id else "")
            changes.append(Change(watch_.page.specific, entry.timestamp, author, meta.summary if meta else ""))
    return sorted(changes, key=lambda change: change.when)


def _absolute(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def watchlist_email(user, changes: list[Change], language: str) -> EmailMessage:
    with translation.override(language or settings.LANGUAGE_CODE):
        unsubscribe_url = _absolute(reverse("accounts:unsubscribe", args=[unsubscribe_token(user)]))
        context = {
            "user": user,
            "changes": [(change, _absolute(change.page.url or "")) for change in changes],
            "unsubscribe_url": unsubscribe_url,
            "watchlist_url": _absolute(reverse("accounts:watchlist")),
        }
        subject = render_to_string("accounts/email/watchlist_subject.txt", context).strip()
        body = render_to_string("accounts/email/watchlist.txt", context)
    return EmailMessage(
        subject, body, to=[user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def send_watchlist_emails(now=None) -> int:
    """One email per account with changes since its last email; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    users = get_user_model().objects.filter(is_active=True, wiki_watches__isnull=False).exclude(email="").distinct()
    for user in users:
        state, _ = WatchlistEmailState.objects.get_or_create(user=user)
        if not state.emails_enabled:
            continue
        changes = changes_for(user, state.last_sent_at, now)
        if changes:
            watchlist_email(user, changes, state.language).send()
            sent += 1
        state.last_sent_at = now
        state.save(update_fields=["last_sent_at"])
    return sent
