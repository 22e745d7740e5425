from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from caching.memo import per_generation
from caching.pages import FastPageMixin
from wiki.links import missing_page_url, page_link_resolver
from wiki.markup import render_markdown


class HomePage(FastPageMixin, Page):
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        context["rendered_intro"] = render_markdown(
            self.intro,
            page_link_resolver(self.locale_id),
            lambda title: missing_page_url(language, title),
        )
        context.update(_listings(self.pk, self.path, self.depth, self.locale_id, self.featured_definition_id))
        return context


@per_generation
def _listings(pk, path, depth, locale_id, featured_id) -> dict:
    """What the home page lists (the same for every reader until content changes)."""
    from wiki.models import ArticlePage, BlogPostPage, CaseStudyPage, DefinitionPage, MarketGuidePage

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
