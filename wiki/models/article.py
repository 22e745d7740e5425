from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from .base import WikiPage
from .tags import ArticlePageTag


class ArticlePage(WikiPage):
    """A free-form wiki page (news, background), e.g. on the fair's wiki initiative."""

    summary = models.CharField(_("summary"), max_length=400, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    search_fields = WikiPage.search_fields + [index.SearchField("summary", boost=2)]
    api_fields = WikiPage.api_fields + [APIField("summary")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
