"""Which tag the other language uses for a tag: tags pair across languages through page translations.

Pages are tagged in their own language (``eksport`` on a Danish page, ``export`` on its English
translation), and the tag pool knows nothing of languages. A tag's counterpart in a language is the tag
whose pages there best match the translations of the tag's own pages (Jaccard similarity of the two page
sets), so a pairing follows what editors actually tag, with nothing else to keep up to date.
"""

from __future__ import annotations

from collections import Counter

from wagtail.models import Page

from wiki.models.tags import TAGGED_ITEM_MODELS, WikiTag


def _tagged_page_ids(tag_ids) -> dict[int, set[int]]:
    pages: dict[int, set[int]] = {}
    for model in TAGGED_ITEM_MODELS:
        for tag_id, page_id in model.objects.filter(tag_id__in=tag_ids).values_list("tag_id", "content_object_id"):
            pages.setdefault(tag_id, set()).add(page_id)
    return pages


def _live_in(page_ids, language: str):
    return Page.objects.live().filter(pk__in=page_ids, locale__language_code=language)


def counterpart_slug(slug: str, language: str) -> str | None:
    """The slug of the tag that pages in ``language`` use for the tag ``slug``, or None when none does."""
    tag = WikiTag.objects.filter(slug=slug).first()
    if tag is None:
        return None
    own_pages = _tagged_page_ids([tag.pk]).get(tag.pk, set())
    if _live_in(own_pages, language).exists():
        return tag.slug  # the same word in both languages ("eu", "wiki")
    keys = Page.objects.live().filter(pk__in=own_pages).values_list("translation_key", flat=True)
    translations = set(_live_in(Page.objects.filter(translation_key__in=keys).values("pk"), language)
                       .values_list("pk", flat=True))
    if not translations:
        return None
    shared = Counter()
    for model in TAGGED_ITEM_MODELS:
        shared.update(model.objects.filter(content_object_id__in=translations).values_list("tag_id", flat=True))
    candidate_pages = _tagged_page_ids(shared)
    # A tag used in the source's language too is its own counterpart ("eu" pairs with "eu"), not this one's.
    source_languages = set(Page.objects.live().filter(pk__in=own_pages).values_list("locale__language_code", flat=True))
    bilingual = {
        tag_id for tag_id, pages in candidate_pages.items()
        if Page.objects.live().filter(pk__in=pages, locale__language_code__in=source_languages).exists()
    }
    if bilingual and len(bilingual) < len(shared):
        for tag_id in bilingual:
            del shared[tag_id]
    names = dict(WikiTag.objects.filter(pk__in=shared).values_list("pk", "slug"))

    def score(tag_id):
        theirs = set(_live_in(candidate_pages.get(tag_id, ()), language).values_list("pk", flat=True))
        both = len(theirs & translations)
        return both / len(theirs | translations), both

    # Ties go to the first slug in alphabetical order, so the answer never depends on the database's order.
    return names[max(sorted(shared, key=names.__getitem__), key=score)]
