import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from caching.lookups import shared
from caching.routes import cached_route
from wiki.links import missing_page_url, page_link_resolver
from wiki.markup import render_markdown
from wiki.models import ArticlePage, BlogPostPage, CaseStudyPage, DefinitionPage, MarketGuidePage


class HomePage(Page):
    """The root of one language's tree: /en/ or /da/."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    featured_definition = models.ForeignKey(
        "wiki.DefinitionPage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("featured definition"),
    )

    subpage_types = [
        "wiki.DefinitionIndexPage",
        "wiki.CaseStudyIndexPage",
        "wiki.MarketGuideIndexPage",
        "wiki.ArticlePage",
        "wiki.BlogIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_definition")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Every page of a language is routed from its home: the tree walk is kept in the cache.
        return cached_route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Keyed by the text itself: a preview of a draft shows its own.
        digest = hashlib.blake2b(self.intro.encode(), digest_size=16).hexdigest()
        context["rendered_intro"] = shared("home-intro", (self.locale_id, digest), self._render_intro)
        listed = (self.path, self.depth, self.locale_id, self.featured_definition_id)
        context.update(shared("home-listings", listed, lambda: _listings(*listed)))
        return context

    def _render_intro(self):
        language = self.locale.language_code
        return render_markdown(
            self.intro,
            page_link_resolver(self.locale_id),
            lambda title: missing_page_url(language, title),
        )


def _listings(path, depth, locale_id, featured_id) -> dict:
    """What the home page lists."""
    featured = DefinitionPage.objects.live().filter(pk=featured_id).first() if featured_id else None
    in_tree = {"locale_id": locale_id}
    children = {"path__startswith": path, "depth": depth + 1}
    return {
        "featured": featured,
        "latest_case_studies": list(CaseStudyPage.objects.live().filter(**in_tree).order_by("-first_published_at")[:3]),
        "latest_guides": list(MarketGuidePage.objects.live().filter(**in_tree).order_by("-first_published_at")[:3]),
        "latest_posts": list(BlogPostPage.objects.live().filter(**in_tree).order_by("-date", "-first_published_at")[:3]),
        "articles": list(ArticlePage.objects.live().filter(**children).order_by("-first_published_at")[:3]),
    }
