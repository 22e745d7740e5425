"""Small lookups that many page views make alike, kept in Django's cache under the content version.

A publish, move or delete anywhere changes the version (caching.generation), so a value never
outlives the content it was read from. Off (computed every time) when FRAGMENT_CACHE_SECONDS is 0:
the test suite, whose rolled-back data would otherwise linger under a version nobody changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from caching import generation
from caching.conf import PAGES_ALIAS
from wiki.models.editing import EditMeta, EditStatus

T = TypeVar("T")


def shared(name: str, parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``name``, ``parts`` (str-able) and the content version."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    key = ":".join((name, generation.current(), *map(str, parts)))
    return caches[PAGES_ALIAS].get_or_set(key, compute, seconds)


def _pages_with_held_edits() -> frozenset[int]:
    return frozenset(EditMeta.objects.filter(status=EditStatus.HELD).values_list("page_id", flat=True).distinct())


def may_have_held_edits(page) -> bool:
    """False when the page certainly has no held edit (a held edit changes the content version)."""
    return page.pk in shared("held-edit-pages", (), _pages_with_held_edits)
