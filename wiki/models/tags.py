"""The wiki's own tag pool, kept apart from taggit's default Tag table.

Each page type has its own through model because modelcluster needs the
ParentalKey to point at the concrete page class that owns the tags.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class WikiTag(TagBase):
    free_tagging = True

    class Meta:
        verbose_name = _("wiki tag")
        verbose_name_plural = _("wiki tags")


class WikiTaggedItem(ItemBase):
    tag = models.ForeignKey(WikiTag, related_name="%(class)s_items", on_delete=models.CASCADE)

    class Meta:
        abstract = True


class DefinitionPageTag(WikiTaggedItem):
    content_object = ParentalKey("wiki.DefinitionPage", related_name="tagged_items", on_delete=models.CASCADE)


class CaseStudyPageTag(WikiTaggedItem):
    content_object = ParentalKey("wiki.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE)


class MarketGuidePageTag(WikiTaggedItem):
    content_object = ParentalKey("wiki.MarketGuidePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePageTag(WikiTaggedItem):
    content_object = ParentalKey("wiki.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class BlogPostPageTag(WikiTaggedItem):
    content_object = ParentalKey("wiki.BlogPostPage", related_name="tagged_items", on_delete=models.CASCADE)


TAGGED_ITEM_MODELS = (DefinitionPageTag, CaseStudyPageTag, MarketGuidePageTag, ArticlePageTag, BlogPostPageTag)
