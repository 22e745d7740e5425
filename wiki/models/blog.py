"""The blog the fair's micro-businesses opened to guests: posts are wiki pages with a date and an author."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from .base import WikiPage
from .tags import BlogPostPageTag


class BlogPostPage(WikiPage):
    """A post. Guests write posts (held for review); only editors change them afterwards (``open_editing``)."""

    date = models.DateField(_("date"), default=datetime.date.today)
    author_name = models.CharField(_("author"), max_length=80, blank=True,
                                   help_text=_("The name shown with the post."))
    lead = models.CharField(_("lead"), max_length=300, blank=True)
    tags = ClusterTaggableManager(through=BlogPostPageTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["wiki.BlogIndexPage"]
    subpage_types: list[str] = []

    search_fields = WikiPage.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("author_name"),
        index.FilterField("date"),
    ]
    api_fields = WikiPage.api_fields + [APIField("date"), APIField("author_name"), APIField("lead")]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("author_name"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("sources"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")


class BlogIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.BlogPostPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("blog")

    def posts(self):
        return BlogPostPage.objects.child_of(self).live().order_by("-date", "-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = self.posts()[:50]
        return context
