"""Cached search results are forgotten when the set of live pages changes."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished

from search.service import bump_generation


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()


def connect() -> None:
    page_published.connect(bump_generation, dispatch_uid="search_page_published")
    page_unpublished.connect(bump_generation, dispatch_uid="search_page_unpublished")
    page_slug_changed.connect(bump_generation, dispatch_uid="search_page_slug_changed")
    post_delete.connect(_page_deleted, dispatch_uid="search_page_deleted")
