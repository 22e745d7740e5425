"""Retire every cached page when content may have changed.

Publishing, unpublishing, moving and deleting pages send Wagtail's signals; everything else
that a page can show (tags, sites, locales, settings, snippets, revisions, edit records)
arrives as a model save or delete. Every model counts except the bookkeeping that changes
without changing what readers see (sessions, logins, log entries, the search index).

The token is bumped at once and again after the transaction commits: a reader who rendered
the old content between the first bump and the commit stored it under the first bump's token,
which the second one retires.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from caching import generation

# app_label.ModelName (lower case) whose writes never change a public page.
IGNORED_MODELS = {
    "sessions.session",
    "auth.user",  # last_login on every log-in
    "admin.logentry",
    "contenttypes.contenttype",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "wagtailsearch.indexentry",
    "modelsearch.indexentry",
    "wagtailembeds.embed",
}


def _ignored(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    label = meta.label_lower
    return label in IGNORED_MODELS or label in getattr(settings, "PAGE_CACHE_IGNORED_MODELS", ())


def _bump_after_commit():
    generation.bump()


def content_changed(**_kwargs):
    """Bump now, and once more when the current transaction (if any) commits."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        generation.bump()
        return
    # One pending bump per atomic block is enough; a nested block (savepoint) gets its own.
    savepoints = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if func is _bump_after_commit and sids == savepoints:
            return
    generation.bump()
    transaction.on_commit(_bump_after_commit)


def model_changed(sender, **kwargs):
    if not _ignored(sender):
        content_changed()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"caching-{id(signal)}")
    post_save.connect(model_changed, dispatch_uid="caching-post-save")
    post_delete.connect(model_changed, dispatch_uid="caching-post-delete")
